"""Convolution of arrays too large for memory, chunk by chunk, with Dask.

:func:`convolve_chunked` convolves a long 1-D signal or a large N-D image held as a
:class:`dask.array.Array` with a small in-memory kernel. Every output chunk is computed by one
task from one input chunk and the ``len(kernel) - 1`` entries that follow it (dask's
:func:`~dask.array.map_overlap` with a one-sided overlap), by :func:`discreteconv.convolve`, so
float chunks go through the FFT and integer or Fraction chunks stay exact. The tasks run on
Dask's local scheduler, or on a ``distributed`` cluster when a client is given.

How each mode is reduced to one computation (per axis, kernel length ``m``, reach
``r = m - 1``): the input is extended by ``(before, after)`` entries, then the *valid*
convolution of the extension is taken, whose entry ``i`` reads the window
``extended[i : i + m]``:

=====  ===========================  ============================================
mode   extension (before, after)    what fills it
=====  ===========================  ============================================
full   ``(r, r)``                   zeros
same   ``(r - r // 2, r // 2)``     ``padding_mode`` (as :func:`discreteconv.convolve`)
valid  ``(0, 0)``                   nothing
=====  ===========================  ============================================

The optional dependency is imported on first use only, so ``import discreteconv`` never loads
Dask; without it the functions raise :class:`~discreteconv.errors.BackendUnavailableError`.

Examples
--------
>>> import numpy as np
>>> import dask.array as da
>>> from discreteconv.chunked import convolve_chunked
>>> signal = da.arange(12, chunks=5)
>>> lazy = convolve_chunked(signal, [1, 1, 1], mode="same")
>>> lazy.chunks
((6, 5, 1),)
>>> lazy.compute()
array([ 1,  3,  6,  9, 12, 15, 18, 21, 24, 27, 30, 21])
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType
from typing import Any

import numpy as np

from . import _validate
from .backends import METHODS, get
from .core._operand import as_operand
from .core.convolve import convolve
from .core.modes import NUMPY_PAD_MODES
from .errors import (
    BackendUnavailableError,
    EmptyInputError,
    InvalidEntryError,
    InvalidOptionError,
    ShapeError,
    TooLargeError,
)

__all__ = ["CHUNKED_MODES", "convolve_chunked"]

#: The modes :func:`convolve_chunked` computes ('circular' needs the whole input at once).
CHUNKED_MODES = ("full", "same", "valid")

_INSTALL_HINT = "pip install 'discreteconv[dask]'"


def convolve_chunked(
    a: Any,
    kernel: Any,
    mode: str = "full",
    *,
    method: str = "auto",
    padding_mode: str = "zeros",
    fill_value: Any = 0,
    chunks: Any = None,
    client: Any = None,
    compute: bool = False,
) -> Any:
    """Convolve a large (dask) array with a small kernel, one chunk at a time.

    The result equals ``discreteconv.convolve(a, kernel, mode=mode, padding_mode=padding_mode,
    fill_value=fill_value)`` (exactly for exact input; for floats, within the FFT error bound
    of each chunk, which is below that of the in-memory transform), but no task holds more than
    one chunk of ``a`` and ``len(kernel) - 1`` of its neighbouring entries per axis.

    Parameters
    ----------
    a : dask.array.Array or numpy.ndarray
        The large input, 1-D or N-D. A numpy array (or nested list) is wrapped with
        :func:`dask.array.from_array` using ``chunks``.
    kernel : array_like
        The small kernel, in memory, with as many dimensions as ``a`` and no longer than ``a``
        along any axis.
    mode : {'full', 'same', 'valid'}, default 'full'
        As for :func:`discreteconv.convolve` ('same' and 'valid' follow
        :func:`scipy.signal.convolve`).
    method : str, default 'auto'
        The backend each chunk is convolved with, as for :func:`discreteconv.convolve`.
    padding_mode : {'zeros', 'constant', 'reflect', 'wrap', 'nearest'}, default 'zeros'
        The boundary rule for ``mode='same'``: ``a`` is extended by the kernel's reach under
        this rule, as :func:`discreteconv.convolve` does. It does not change 'full' or 'valid'.
    fill_value : number, default 0
        The value outside ``a`` for ``padding_mode='constant'``.
    chunks : int, tuple or str, optional
        Chunks for ``a`` (any value :func:`dask.array.rechunk` takes). Default: dask's
        ``'auto'`` for a numpy ``a`` (one chunk for an object array), the chunks a dask ``a``
        already has. Chunks shorter than the kernel's reach are merged with their neighbours.
    client : distributed.Client, optional
        Compute on this cluster (``client.compute(result).result()``) and return numpy.
    compute : bool, default False
        Compute on Dask's local scheduler and return numpy rather than a lazy array.

    Returns
    -------
    dask.array.Array or numpy.ndarray
        Lazy unless ``compute=True`` or a ``client`` is given. Float input gives float64 (or
        complex128); integer input gives int64 (exact); object input (Fractions, Python ints
        of any size) gives an object array of exact values.

    Raises
    ------
    discreteconv.errors.BackendUnavailableError
        Dask is not installed.
    discreteconv.errors.DiscreteconvError
        A bad argument, named in the message; :class:`~discreteconv.errors.TooLargeError` at
        compute time if integer results do not fit in int64 (pass an object array instead).

    See Also
    --------
    discreteconv.convolve : the same, in memory.

    Examples
    --------
    >>> import numpy as np
    >>> import discreteconv as dc
    >>> from discreteconv.chunked import convolve_chunked
    >>> signal = np.arange(10.0)
    >>> convolve_chunked(signal, [0.5, 0.5], chunks=4, compute=True)
    array([0. , 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 4.5])
    >>> image = np.arange(36).reshape(6, 6)
    >>> kernel = [[0, 1, 0], [1, -4, 1], [0, 1, 0]]
    >>> out = convolve_chunked(image, kernel, "same", padding_mode="nearest", chunks=(4, 3))
    >>> bool((out.compute() == dc.convolve(image, kernel, "same", padding_mode="nearest")).all())
    True
    """
    mode = _validate.choice("mode", mode, CHUNKED_MODES)
    method = _validate.choice("method", method, METHODS)
    padding_mode = _validate.padding_mode(padding_mode)
    if not isinstance(compute, bool):
        raise InvalidOptionError(f"compute must be True or False; received {compute!r}")
    if client is not None and not callable(getattr(client, "compute", None)):
        raise InvalidOptionError(
            f"client must be a distributed.Client (or None); received {type(client).__name__}"
        )
    da = _import_dask()
    array = _as_dask(a, chunks, da)
    taps = _kernel(kernel, array.ndim, da)
    _check_fits(array.shape, taps.shape)
    if mode == "same" and padding_mode == "constant":
        fill = as_operand([fill_value], "fill_value").array
        array = array.astype(np.result_type(array.dtype, fill.dtype), copy=False)
    _check_method_takes(method, array.dtype, taps.dtype)
    dtype = _result_dtype(array.dtype, taps, method)
    reaches = tuple(m - 1 for m in taps.shape)
    rule = padding_mode if mode == "same" else "zeros"  # the rule changes 'same' only
    extended = _extend(array, _extension(mode, reaches), reaches, rule, fill_value, da)
    blocks = da.map_overlap(
        _convolve_block, extended,
        depth={axis: (0, r) for axis, r in enumerate(reaches)}, boundary="none", trim=True,
        dtype=dtype, meta=np.empty((0,) * array.ndim, dtype=dtype),
        kernel=taps, method=method, reaches=reaches, dtype_out=dtype,
    )
    result = blocks[tuple(slice(0, n - r) for n, r in zip(extended.shape, reaches, strict=True))]
    if client is not None:
        return client.compute(result).result()
    return result.compute() if compute else result


def _import_dask() -> ModuleType:
    """``dask.array``, or a clear error naming the extra to install."""
    try:
        import dask.array as da
    except ImportError as error:
        raise BackendUnavailableError(
            f"convolve_chunked needs Dask, which is not installed ({error}); {_INSTALL_HINT}"
        ) from None
    return da


def _as_dask(a: Any, chunks: Any, da: ModuleType) -> Any:
    """``a`` as a dask array with ``chunks`` (checked: numbers, at least 1-D, not empty)."""
    if isinstance(a, da.Array):
        array = a
        if any(n != n for n in array.shape):  # NaN: sizes unknown until computed
            raise ShapeError(
                "a has chunks of unknown size; call a.compute_chunk_sizes() first"
            )
    elif isinstance(a, np.ndarray | list | tuple):
        values = as_operand(a, "a").array if not isinstance(a, np.ndarray) else a
        if values.ndim == 0:
            raise ShapeError("a must have at least one dimension; received a 0-d array")
        if chunks is None:
            chunks = -1 if values.dtype == object else "auto"
        array = _with_chunks(lambda c: da.from_array(values, chunks=c), chunks)
        chunks = None
    else:
        raise InvalidEntryError(
            f"a must be a dask array or a numpy array; received a {type(a).__name__}"
        )
    if array.ndim == 0:
        raise ShapeError("a must have at least one dimension; received a 0-d array")
    if array.size == 0:
        raise EmptyInputError(f"a is empty (shape {array.shape}); convolution needs entries")
    if array.dtype.kind not in "biufcO":
        raise InvalidEntryError(
            f"a has dtype {array.dtype}; pass numbers (ints, floats, complex or an object array "
            "of Fractions / Python ints)"
        )
    if chunks is not None:
        array = _with_chunks(array.rechunk, chunks)
    return array


def _with_chunks(make: Any, chunks: Any) -> Any:
    """Run ``make(chunks)``, turning dask's complaint about ``chunks`` into ours."""
    try:
        return make(chunks)
    except (ValueError, TypeError, NotImplementedError) as error:
        raise InvalidOptionError(f"chunks={chunks!r} cannot be used: {error}") from None


def _kernel(kernel: Any, ndim: int, da: ModuleType) -> np.ndarray:
    """The kernel as an in-memory array with ``ndim`` dimensions."""
    if isinstance(kernel, da.Array):
        raise InvalidEntryError(
            "kernel must be an in-memory array (numpy array or nested list), not a dask "
            "array; call kernel.compute() first"
        )
    taps = as_operand(kernel, "kernel").array
    if taps.ndim != ndim:
        raise ShapeError(
            f"a has {ndim} dimension(s) and kernel has {taps.ndim}; they must have the same number"
        )
    return taps


def _check_fits(shape: Sequence[int], kernel_shape: Sequence[int]) -> None:
    for axis, (n, m) in enumerate(zip(shape, kernel_shape, strict=True)):
        if m > n:
            raise ShapeError(
                f"kernel has length {m} along axis {axis}, longer than a ({n}); chunked "
                "convolution is for a large input and a small kernel (use discreteconv.convolve)"
            )


def _check_method_takes(method: str, a_dtype: np.dtype, kernel_dtype: np.dtype) -> None:
    """Refuse float input for an integer-only ``method`` before any chunk is read."""
    if method == "auto" or not get(method).integer_only:
        return
    for name, dtype in (("a", a_dtype), ("kernel", kernel_dtype)):
        if dtype.kind in "fc":
            raise InvalidEntryError(
                f"method {method!r} is exact and takes ints, Fractions and SymPy rationals; "
                f"{name} has dtype {dtype} (use method='auto', or pass exact numbers)"
            )


def _result_dtype(dtype: np.dtype, kernel: np.ndarray, method: str) -> np.dtype:
    """The dtype of the result, found by convolving one entry (which also checks ``method``)."""
    probe = convolve(np.zeros((1,) * kernel.ndim, dtype=dtype), kernel, method=method)
    if isinstance(probe, np.ndarray):
        return probe.dtype
    if "O" in (dtype.kind, kernel.dtype.kind, np.asarray(probe).dtype.kind):
        return np.dtype(object)  # Fractions, SymPy values or Python ints of any size
    return np.dtype(np.int64)


def _extension(mode: str, reaches: Sequence[int]) -> list[tuple[int, int]]:
    """Entries added (before, after) per axis; see the module docstring's table."""
    if mode == "full":
        return [(r, r) for r in reaches]
    if mode == "same":
        return [(r - r // 2, r // 2) for r in reaches]
    return [(0, 0) for _ in reaches]


def _extend(array: Any, widths: Sequence[tuple[int, int]], reaches: Sequence[int],
            padding_mode: str, fill_value: Any, da: ModuleType) -> Any:
    """Pad ``array`` by ``widths`` and rechunk it for an overlap of ``reaches``.

    The result's chunks are the input's with the padding merged into the first and last chunk
    of each axis, and then chunks shorter than the reach merged with their neighbours (each
    block reads ``reach`` entries of the next block only).
    """
    if any(before or after for before, after in widths):
        numpy_mode = NUMPY_PAD_MODES[padding_mode]
        options = {}
        if numpy_mode == "constant":
            options["constant_values"] = fill_value if padding_mode == "constant" else 0
        elif numpy_mode == "reflect":
            for axis, ((before, after), n) in enumerate(zip(widths, array.shape, strict=True)):
                if (before or after) and n < 2:
                    raise InvalidOptionError(
                        f"padding_mode='reflect' needs at least 2 entries along axis {axis}; "
                        f"a has {n}"
                    )
        padded = da.pad(array, [tuple(pair) for pair in widths], mode=numpy_mode, **options)
    else:
        padded = array
    from dask.array.overlap import ensure_minimum_chunksize

    chunks = []
    for sizes, (before, after), reach in zip(array.chunks, widths, reaches, strict=True):
        merged = list(sizes)
        merged[0] += before
        merged[-1] += after
        chunks.append(ensure_minimum_chunksize(max(reach, 1), tuple(merged)))
    return padded.rechunk(tuple(chunks))


def _convolve_block(block: np.ndarray, *, kernel: np.ndarray, method: str,
                    reaches: Sequence[int], dtype_out: np.dtype) -> np.ndarray:
    """Entry ``i`` of the valid convolution of the extended input, for each ``i`` in the block.

    The block arrives with ``reach`` entries of its right neighbour per axis (none at the right
    edge of the array, where the entries computed past the end are cropped afterwards).
    Entry ``i`` reads ``block[i : i + m]``, i.e. entry ``i + reach`` of the full convolution.
    """
    full = convolve(block, kernel, mode="full", method=method)
    if isinstance(full, np.ndarray):
        values = full
    elif dtype_out.kind == "O":
        values = _object_array(full, block.ndim)
    else:
        try:
            values = np.array(full, dtype=np.int64)
        except OverflowError:
            raise TooLargeError(
                "the result has integer entries past int64; pass a as an object array "
                "(a.astype(object)) to get Python ints of any size"
            ) from None
    window = tuple(slice(r, r + n) for r, n in zip(reaches, block.shape, strict=True))
    return values[window]


def _object_array(values: Any, ndim: int) -> np.ndarray:
    """Nested lists of exact values as an object array of ``ndim`` dimensions."""
    if ndim == 1:
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out
    return np.array(values, dtype=object)
