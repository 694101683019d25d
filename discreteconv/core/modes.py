"""Output geometry: modes, circular folding, stride, padding and dilation, and their sizes.

All of it is applied once, around whichever backend computed the full convolution.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .. import _validate
from ..errors import InvalidOptionError, ShapeError

#: ``padding_mode`` -> the mode of ``numpy.pad`` (and ``dask.array.pad``) that implements it.
NUMPY_PAD_MODES = {"zeros": "constant", "constant": "constant", "reflect": "reflect",
                    "wrap": "wrap", "nearest": "edge"}


def output_size(
    n: int,
    k: int,
    *,
    padding: int | tuple[int, int] = 0,
    stride: int = 1,
    dilation: int = 1,
    mode: str = "valid",
    period: int | None = None,
) -> int:
    """Length of the output along one axis.

    For ``mode="valid"`` (the convolution layer of a neural network) this is the familiar

    .. math:: \\left\\lfloor \\frac{n + 2p - d (k - 1) - 1}{s} \\right\\rfloor + 1

    for an input of length ``n``, kernel length ``k``, padding ``p`` on each side, dilation ``d``
    and stride ``s``. The other modes give, before striding, ``n' + k' - 1`` (full), ``n'``
    (same) and the period (circular), where ``n' = n + 2p`` and ``k' = d (k - 1) + 1``.

    Parameters
    ----------
    n, k : int
        Lengths of the input and the kernel along the axis.
    padding : int or (int, int)
        Entries added before and after the input (one int: both sides).
    stride, dilation : int
        Step between outputs kept; step between kernel taps.
    mode : {'valid', 'full', 'same', 'circular'}
    period : int, optional
        Circular mode only; default ``max(n', k')``.

    Returns
    -------
    int

    Examples
    --------
    >>> output_size(32, 3, padding=1, stride=2)
    16
    >>> output_size(7, 3, dilation=2)
    3
    >>> output_size(5, 3, mode="full"), output_size(5, 3, mode="same")
    (7, 5)
    """
    mode = _validate.mode(mode)
    n = _validate.integer("n", n, 1)
    k = _validate.integer("k", k, 1)
    ((before, after),) = _validate.padding(padding if isinstance(padding, int) else (padding,), 1)
    stride = _validate.integer("stride", stride, 1)
    dilation = _validate.integer("dilation", dilation, 1)
    padded = n + before + after
    effective = dilation * (k - 1) + 1
    if mode == "full":
        length = padded + effective - 1
    elif mode == "same":
        length = padded
    elif mode == "valid":
        length = abs(padded - effective) + 1
    else:
        length = (
            _validate.integer("period", period, 1) if period is not None
            else max(padded, effective)
        )
    return (length - 1) // stride + 1


def pad(array: np.ndarray, widths: Sequence[tuple[int, int]], padding_mode: str,
        fill_value: object) -> np.ndarray:
    """Pad ``array`` by ``widths`` (one pair per axis) as ``padding_mode`` says."""
    if not any(before or after for before, after in widths):
        return array
    numpy_mode = NUMPY_PAD_MODES[padding_mode]
    if numpy_mode == "constant":
        value = 0 if padding_mode == "zeros" else fill_value
        fits = array.dtype.kind not in "iu" or (type(value) is int and -(2**63) <= value < 2**63)
        if array.dtype == object or not fits:
            shape = tuple(n + b + a for n, (b, a) in zip(array.shape, widths, strict=True))
            out = np.full(shape, value, dtype=object)
            inner = (slice(b, b + n) for n, (b, _) in zip(array.shape, widths, strict=True))
            out[tuple(inner)] = array
            return out
        return np.pad(array, widths, mode="constant", constant_values=value)
    if numpy_mode == "reflect":
        for axis, (n, (before, after)) in enumerate(zip(array.shape, widths, strict=True)):
            if (before or after) and n < 2:
                raise InvalidOptionError(
                    f"padding_mode='reflect' needs at least 2 entries along axis {axis}; "
                    f"the input has {n}"
                )
    return np.pad(array, widths, mode=numpy_mode)


def dilate(array: np.ndarray, dilations: Sequence[int]) -> np.ndarray:
    """Insert ``d - 1`` zeros between neighbouring entries along each axis."""
    if all(d == 1 for d in dilations):
        return array
    shape = tuple(d * (n - 1) + 1 for n, d in zip(array.shape, dilations, strict=True))
    out = np.zeros(shape, dtype=array.dtype)
    out[tuple(slice(None, None, d) for d in dilations)] = array
    return out


def crop(full: np.ndarray, a_shape: Sequence[int], b_shape: Sequence[int], mode: str,
         axes: Sequence[int]) -> tuple[np.ndarray, tuple[int, ...]]:
    """Cut the full result down to ``mode`` ('full', 'same' or 'valid').

    Returns the cropped array and, per convolved axis, the index in the full result of the first
    entry kept (the shift a Signal's start needs).
    """
    if mode == "full":
        return full, (0,) * len(axes)
    if mode == "valid":
        a_bigger = all(a_shape[ax] >= b_shape[ax] for ax in axes)
        b_bigger = all(b_shape[ax] >= a_shape[ax] for ax in axes)
        if not (a_bigger or b_bigger):
            raise ShapeError(
                "mode='valid' needs one input at least as large as the other along every "
                f"convolved axis; got shapes {tuple(a_shape)} and {tuple(b_shape)}"
            )
    slices = [slice(None)] * full.ndim
    offsets = []
    for axis in axes:
        n, m = a_shape[axis], b_shape[axis]
        if mode == "same":
            first, length = (m - 1) // 2, n
        else:
            first, length = min(n, m) - 1, abs(n - m) + 1
        slices[axis] = slice(first, first + length)
        offsets.append(first)
    return full[tuple(slices)], tuple(offsets)


def fold(full: np.ndarray, periods: Sequence[int], axes: Sequence[int]) -> np.ndarray:
    """Circular convolution from the full one: add entry ``i`` into ``i mod period``."""
    out = full
    for axis, period in zip(axes, periods, strict=True):
        length = out.shape[axis]
        laps = -(-length // period)
        widths = [(0, 0)] * out.ndim
        widths[axis] = (0, laps * period - length)
        if out.dtype == object:
            padded = pad(out, widths, "zeros", 0)
        else:
            padded = np.pad(out, widths)
        moved = np.moveaxis(padded, axis, 0)
        shaped = moved.reshape((laps, period, *moved.shape[1:]))
        out = np.moveaxis(shaped.sum(axis=0), 0, axis)
    return out


def subsample(result: np.ndarray, strides: Sequence[int], axes: Sequence[int]) -> np.ndarray:
    """Keep every ``stride``-th entry along each convolved axis, starting with the first."""
    if all(s == 1 for s in strides):
        return result
    slices = [slice(None)] * result.ndim
    for axis, step in zip(axes, strides, strict=True):
        slices[axis] = slice(None, None, step)
    return result[tuple(slices)]
