"""``convolve`` and ``correlate``: one pipeline, with or without the flip."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import _validate
from ..backends import METHODS, get
from ..errors import InvalidEntryError, InvalidOptionError, ShapeError
from . import _kinds, modes
from ._operand import (
    Operand,
    as_operand,
    check_finite,
    common_kind,
    first_entry_of_kind,
    where,
)
from .choose import choose, choose_float
from .signal import Signal

__all__ = ["convolve", "correlate"]


def convolve(
    a: Any,
    b: Any,
    mode: str = "full",
    method: str = "auto",
    *,
    axes: int | Sequence[int] | None = None,
    stride: int | Sequence[int] = 1,
    dilation: int | Sequence[int] = 1,
    padding: int | Sequence[Any] = 0,
    padding_mode: str = "zeros",
    fill_value: Any = 0,
    period: int | Sequence[int] | None = None,
) -> Any:
    """Convolve two sequences or arrays: ``(a * b)[n] = sum_k a[k] b[n - k]``.

    Exact inputs give exact outputs: Python ints stay Python ints (of any size), Fractions stay
    Fractions, SymPy numbers stay SymPy numbers and symbolic entries give expanded SymPy
    expressions. Float or complex inputs give a numpy array.

    Parameters
    ----------
    a, b : array_like or Signal
        The inputs, with the same number of dimensions. Entries may be ints, Fractions,
        Decimals, floats, complex numbers, SymPy numbers or expressions, or mpmath numbers.
        A :class:`Signal` carries a start index; if either input is one, so is the result.
    mode : {'full', 'same', 'valid', 'circular'}, default 'full'
        ``'full'``: every overlap, ``n + m - 1`` entries per axis. ``'same'``: the size of ``a``,
        centred on the full result as :func:`scipy.signal.convolve` does. ``'valid'``: only
        complete overlaps, ``|n - m| + 1`` entries per axis. ``'circular'``: periodic
        convolution with period ``period`` (default ``max(n, m)`` per axis).
    method : str, default 'auto'
        A backend name from :func:`discreteconv.backends.available` or ``'auto'``, which picks
        the fastest backend that keeps exact input exact (see :mod:`discreteconv.core.choose`).
    axes : int or sequence of int, optional
        The axes to convolve over (default: all). Along other axes the inputs must have equal
        lengths or length 1 (broadcast), and each slice is convolved separately.
    stride : int or sequence of int, default 1
        Keep every ``stride``-th output entry (per convolved axis), starting with the first.
    dilation : int or sequence of int, default 1
        Spread the taps of ``b`` apart, inserting ``dilation - 1`` zeros between them.
    padding : int, sequence of int, or sequence of (before, after), default 0
        Entries added around ``a`` along each convolved axis before convolving.
    padding_mode : {'zeros', 'constant', 'reflect', 'wrap', 'nearest'}, default 'zeros'
        What the padding holds: zeros, ``fill_value``, a mirror image without repeating the edge
        (``d c b | a b c d | c b a``), the other end (periodic), or copies of the edge entry.
        With ``mode='same'`` and no ``padding``, ``a`` is extended by the kernel's reach under
        this rule (the image-filter boundary of :func:`scipy.ndimage.convolve`), so the edges
        of a blurred image are not darkened by zeros.
    fill_value : number, default 0
        The padding value for ``padding_mode='constant'``.
    period : int or sequence of int, optional
        The period for ``mode='circular'``.

    Returns
    -------
    list, numpy.ndarray or Signal
        Nested lists of exact values for exact input; a numpy array for float input.

    Raises
    ------
    discreteconv.errors.DiscreteconvError
        A subclass of ``ValueError`` or ``TypeError`` that names the bad argument or entry.

    See Also
    --------
    correlate : the same without flipping ``b``.
    output_size : the length of the result along one axis.

    Examples
    --------
    >>> import discreteconv as dc
    >>> dc.convolve([1, 2, 3], [0, 1, 1])
    [0, 1, 3, 5, 3]
    >>> from fractions import Fraction
    >>> dc.convolve([Fraction(1, 2), 1], [Fraction(1, 3), 2])
    [Fraction(1, 6), Fraction(4, 3), Fraction(2, 1)]
    >>> dc.convolve([2**70, 1], [2**70, -1])
    [1393796574908163946345982392040522594123776, 0, -1]
    >>> dc.convolve([1, 2, 3, 4], [1, 1], mode="valid")
    [3, 5, 7]
    >>> dc.convolve([1, 2, 3, 4], [0, 1], mode="circular")  # a delay by one, wrapped around
    [4, 1, 2, 3]
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> dc.convolve([1, x], [x, 1])
    [x, x**2 + 1, x]
    >>> dc.convolve([1.0, 2.0], [0.5, 0.5])
    array([0.5, 1.5, 1. ])
    """
    return _run(a, b, mode, method, axes, stride, dilation, padding, padding_mode, fill_value,
                period, flip=True)


def correlate(
    a: Any,
    b: Any,
    mode: str = "full",
    method: str = "auto",
    *,
    axes: int | Sequence[int] | None = None,
    stride: int | Sequence[int] = 1,
    dilation: int | Sequence[int] = 1,
    padding: int | Sequence[Any] = 0,
    padding_mode: str = "zeros",
    fill_value: Any = 0,
    period: int | Sequence[int] | None = None,
) -> Any:
    """Cross-correlate two sequences or arrays: ``r[n] = sum_k a[k + n] conj(b[k])``.

    Correlation is convolution without the flip: ``correlate(a, b)`` equals
    ``convolve(a, b_reversed_and_conjugated)``. It slides ``b`` along ``a`` as it is; convolution
    slides ``b`` reversed. This is the operation a neural network's "convolution" layer computes.
    Modes and every other argument mean what they mean for :func:`convolve`; the result's
    indices run over the lags ``n``, from ``-(len(b) - 1)`` in ``'full'`` mode.

    Conjugation touches only entries known to be non-real (complex numbers, SymPy expressions
    such as ``2 + 3*I``); SymPy symbols of unknown realness are treated as real.

    Examples
    --------
    >>> import discreteconv as dc
    >>> dc.correlate([1, 2, 3], [0, 1, 2])
    [2, 5, 8, 3, 0]
    >>> dc.convolve([1, 2, 3], [2, 1, 0])  # the same, with b flipped by hand
    [2, 5, 8, 3, 0]
    >>> dc.correlate([1, 2, 3, 4], [1, 1], mode="valid")
    [3, 5, 7]
    >>> dc.correlate(dc.Signal([1, 2, 3]), dc.Signal([1, 1]))  # lags -1 .. 2
    Signal([1, 3, 5, 3], start=-1)
    """
    return _run(a, b, mode, method, axes, stride, dilation, padding, padding_mode, fill_value,
                period, flip=False)


def _unwrap(value: Any) -> tuple[Any, int | None]:
    if isinstance(value, Signal):
        return list(value.values), value.start
    return value, None


def _run(a: Any, b: Any, mode: str, method: str, axes: Any, stride: Any, dilation: Any,
         padding: Any, padding_mode: str, fill_value: Any, period: Any, *, flip: bool) -> Any:
    if (type(a) is np.ndarray and type(b) is np.ndarray and method == "auto" and axes is None
            and period is None and padding_mode == "zeros" and type(stride) is int
            and stride == 1 and type(dilation) is int and dilation == 1 and type(padding) is int
            and padding == 0 and mode in _FAST_MODES):
        result = _float_arrays(a, b, mode, flip=flip)
        if result is not None:
            return result
    mode = _validate.mode(mode)
    method = _validate.choice("method", method, METHODS)
    padding_mode = _validate.padding_mode(padding_mode)
    a_values, a_start = _unwrap(a)
    b_values, b_start = _unwrap(b)
    signals = a_start is not None or b_start is not None
    left, right = as_operand(a_values, "a"), as_operand(b_values, "b")
    if left.array.ndim != right.array.ndim:
        raise ShapeError(
            f"a has {left.array.ndim} dimension(s) and b has {right.array.ndim}; "
            "they must have the same number"
        )
    ndim = left.array.ndim
    conv_axes = _validate.axes(axes, ndim)
    count = len(conv_axes)
    strides = _validate.per_axis("stride", stride, count, 1)
    dilations = _validate.per_axis("dilation", dilation, count, 1)
    pads = _validate.padding(padding, count)
    if signals and (any(s != 1 for s in strides) or ndim != 1):
        raise InvalidOptionError(
            "Signals are 1-D with unit spacing: use stride=1, or pass plain arrays"
        )
    fill = as_operand([fill_value], "fill_value") if padding_mode == "constant" else None

    kind = common_kind(left, right) if fill is None else common_kind(left, right, fill)
    if method != "auto":
        _check_method_fits(method, kind, left, right)
        if method == "mpmath" and kind != "symbolic":
            kind = "mpmath"  # every entry goes to mpmath as it is, rounded once there
        elif not get(method).exact and kind in ("int", "rational", "sympy"):
            kind = "float"  # a float method was asked for by name
    x, y = _in_kind(left, kind), _in_kind(right, kind)
    if fill is not None:
        fill_value = _in_kind(fill, kind).ravel()[0]
    if not flip:
        y = _kinds.conjugate(np.flip(y, axis=conv_axes))
    if mode == "same" and padding_mode != "zeros" and not any(map(any, pads)):
        # A boundary rule with mode="same" (as scipy.ndimage): extend ``a`` by the kernel's
        # reach with that rule, then keep the complete overlaps, centred as 'same' is.
        pads, mode = _boundary_pads(y.shape, conv_axes, dilations), "valid"
    widths = [(0, 0)] * ndim
    for axis, pair in zip(conv_axes, pads, strict=True):
        widths[axis] = pair
    x = modes.pad(x, widths, padding_mode, fill_value)
    spread = [1] * ndim
    for axis, d in zip(conv_axes, dilations, strict=True):
        spread[axis] = d
    y = modes.dilate(y, spread)
    _check_batch_axes(x.shape, y.shape, conv_axes)

    full, denominator = _compute_full(x, y, kind, method, left, right, conv_axes)
    if mode == "circular":
        periods = _periods(period, x.shape, y.shape, conv_axes)
        result, offsets = modes.fold(full, periods, conv_axes), (0,) * count
    else:
        result, offsets = modes.crop(full, x.shape, y.shape, mode, conv_axes)
    result = modes.subsample(result, strides, conv_axes)
    values = _kinds.finish(result, kind, denominator)
    if not signals:
        return values
    values = values.tolist() if isinstance(values, np.ndarray) else values
    start = (a_start or 0) - pads[0][0] + offsets[0]
    # Correlation convolves with b reversed (and spread by the dilation): its last tap leads.
    start += (b_start or 0) if flip else -((b_start or 0) + dilations[0] * (len(b_values) - 1))
    return Signal(values, start)


#: Modes :func:`_float_arrays` handles.
_FAST_MODES = ("full", "same", "valid")


def _float_arrays(a: np.ndarray, b: np.ndarray, mode: str, *, flip: bool) -> np.ndarray | None:
    """The common float case without the general path's per-call bookkeeping: two float64
    arrays, every axis convolved, default options (None: not this case).

    What it computes is what the general path computes for these inputs (tests compare them).
    """
    if (a.dtype != np.float64 or b.dtype != np.float64 or a.ndim != b.ndim or a.ndim == 0
            or a.size == 0 or b.size == 0):
        return None
    y = b if flip else np.flip(b)  # correlation: b reversed (conjugation: a no-op on floats)
    every_axis = tuple(range(a.ndim))
    _estimate_memory(a, y, "float", every_axis, None)
    full = get(choose_float(a.shape, y.shape)).load(auto=True)(a, y)
    return modes.crop(full, a.shape, y.shape, mode, every_axis)[0]


def _boundary_pads(kernel_shape: tuple[int, ...], conv_axes: Sequence[int],
                   dilations: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """Padding that makes 'valid' of the padded input equal 'same' of the extended input."""
    pads = []
    for axis, d in zip(conv_axes, dilations, strict=True):
        reach = d * (kernel_shape[axis] - 1)
        centre = reach // 2
        pads.append((reach - centre, centre))
    return tuple(pads)


def _in_kind(operand: Operand, kind: str) -> np.ndarray:
    """The operand's array in the representation ``kind`` is computed in."""
    array = operand.array
    if kind in ("float", "complex"):
        return _kinds.to_float(array, kind == "complex")
    if kind in ("rational", "sympy"):
        return _kinds.to_fraction_objects(array)
    if kind == "symbolic" and array.dtype != object:
        return array.astype(object)
    return array


def _check_batch_axes(a_shape: tuple[int, ...], b_shape: tuple[int, ...],
                      conv_axes: Sequence[int]) -> None:
    for axis, (n, m) in enumerate(zip(a_shape, b_shape, strict=True)):
        if axis not in conv_axes and n != m and 1 not in (n, m):
            raise ShapeError(
                f"along axis {axis}, which is not convolved, a has length {n} and b has {m}: "
                "they must be equal, or one of them 1"
            )


def _periods(period: Any, a_shape: tuple[int, ...], b_shape: tuple[int, ...],
             conv_axes: Sequence[int]) -> tuple[int, ...]:
    if period is None:
        return tuple(max(a_shape[axis], b_shape[axis]) for axis in conv_axes)
    return _validate.per_axis("period", period, len(conv_axes), 1)


def _compute_full(x: np.ndarray, y: np.ndarray, kind: str, method: str, left: Operand,
                  right: Operand, conv_axes: Sequence[int]) -> tuple[np.ndarray, int]:
    """Run the chosen backend; returns the full result and the denominator to divide it by."""
    denominator, sizes = 1, None
    if kind in ("int", "rational", "sympy") and (method == "auto" or get(method).integer_only):
        if kind != "int":  # rationals go to integer backends times their common denominators
            x, x_denominator = _kinds.scale_to_integers(x)
            y, y_denominator = _kinds.scale_to_integers(y)
            denominator = x_denominator * y_denominator
        sizes = (_kinds.max_abs(x), _kinds.max_abs(y))
    name = choose(kind, x, y, sizes) if method == "auto" else method
    _estimate_memory(x, y, kind, conv_axes, sizes)
    if name == "split-fft" and (x.dtype == object or y.dtype == object):
        name = "kronecker"  # entries past 62 bits after scaling
    full = _over_axes(get(name).load(auto=method == "auto"), x, y, conv_axes)
    if full is None:  # split-fft declined: its error bound could not be met
        name = "kronecker"
        full = _over_axes(get(name).load(), x, y, conv_axes)
    return full, denominator


def _check_method_fits(method: str, kind: str, left: Operand, right: Operand) -> None:
    backend = get(method)
    backend.load()  # raises BackendUnavailableError naming the package
    if backend.integer_only and kind not in ("int", "rational", "sympy"):
        bad_kinds = {"float", "complex", "symbolic", "mpmath"}
        for operand in (left, right):
            found = first_entry_of_kind(operand, bad_kinds)
            if found is not None:
                check_finite(operand, method)
                position, value = found
                raise InvalidEntryError(
                    f"method {method!r} is exact and takes ints, Fractions and SymPy rationals; "
                    f"{where(operand.name, position)} = {value!r} is not one "
                    "(use method='direct' or 'auto', or pass exact numbers)",
                    position,
                )
    if method == "split-fft" and kind == "int":
        for operand in (left, right):
            if operand.array.dtype == object or _kinds.max_abs(operand.array) >= 2**62:
                raise InvalidOptionError(
                    "method 'split-fft' takes ints of at most 62 bits; "
                    f"{operand.name} has larger entries (use method='kronecker' or 'auto')"
                )
    if not backend.exact and kind in ("symbolic", "mpmath"):
        # The mpmath backend takes mpmath numbers (at any precision); the FFTs take neither.
        refused = {"symbolic"} if method == "mpmath" else {"symbolic", "mpmath"}
        computes_in = "mpmath numbers" if method == "mpmath" else "float64"
        for operand in (left, right):
            found = first_entry_of_kind(operand, refused)
            if found is not None:
                position, value = found
                raise InvalidEntryError(
                    f"method {method!r} computes in {computes_in} and cannot take "
                    f"{where(operand.name, position)} = {value!r} (use method='direct')",
                    position,
                )


def _over_axes(full: Callable[[np.ndarray, np.ndarray], np.ndarray | None], x: np.ndarray,
               y: np.ndarray, conv_axes: Sequence[int]) -> np.ndarray | None:
    """Apply a full-convolution function over ``conv_axes``, looping over the other axes."""
    ndim = x.ndim
    if len(conv_axes) == ndim:
        return full(x, y)
    batch_axes = [axis for axis in range(ndim) if axis not in conv_axes]
    order = batch_axes + list(conv_axes)
    xm, ym = np.transpose(x, order), np.transpose(y, order)
    batch_shape = np.broadcast_shapes(xm.shape[: len(batch_axes)], ym.shape[: len(batch_axes)])
    xb = np.broadcast_to(xm, batch_shape + xm.shape[len(batch_axes):])
    yb = np.broadcast_to(ym, batch_shape + ym.shape[len(batch_axes):])
    pieces = []
    for index in np.ndindex(*batch_shape):
        piece = full(np.ascontiguousarray(xb[index]), np.ascontiguousarray(yb[index]))
        if piece is None:
            return None
        pieces.append(piece)
    dtype = object if any(p.dtype == object for p in pieces) else np.result_type(*pieces)
    stacked = np.empty(batch_shape + pieces[0].shape, dtype=dtype)
    for index, piece in zip(np.ndindex(*batch_shape), pieces, strict=True):
        stacked[index] = piece
    return np.transpose(stacked, np.argsort(order))


def _estimate_memory(x: np.ndarray, y: np.ndarray, kind: str, conv_axes: Sequence[int],
                     sizes: tuple[int, int] | None) -> None:
    """Refuse before computing if the result would not fit (see ``DISCRETECONV_MEMORY_LIMIT``)."""
    entries = 1.0
    for axis in range(x.ndim):
        n, m = x.shape[axis], y.shape[axis]
        entries *= n + m - 1 if axis in conv_axes else max(n, m)
    overlap = float(min(x.size, y.size))
    if kind in ("float", "complex"):
        per_entry = 16.0 * (2 if kind == "complex" else 1) * 2  # output plus FFT workspace
    elif kind in ("symbolic", "mpmath"):
        per_entry = 64.0 + 48.0 * overlap  # one term per overlapping pair, at worst
    else:
        total_bits = sum(v.bit_length() for v in sizes) if sizes else 128
        per_entry = 40.0 + 3 * (total_bits + math.log2(overlap + 1)) / 8
        if kind != "int":
            per_entry *= 2
    _validate.check_memory(entries * per_entry, "this convolution")
