"""The schoolbook convolution over any ring: the reference every other backend is tested against.

Works for Python ints, Fractions, SymPy expressions, mpmath numbers, floats and complex numbers:
it only adds and multiplies entries. Native numpy loops are used where they are exact (int64
inputs whose every partial sum provably fits in 64 bits, and floats); everything else runs on
object arrays, whose loops call the entries' own ``+`` and ``*``.
"""

from __future__ import annotations

import numpy as np

from ._nd import full_shape

_INT64_MAX = 2**63 - 1


def int64_fits(a: np.ndarray, b: np.ndarray) -> bool:
    """True if every partial sum of the int64 convolution is below 2**63 in size."""
    if a.dtype != np.int64 or b.dtype != np.int64:
        return False
    # Work in Python ints: |min| of int64 is 2**63, which overflows np.abs.
    bound_a = max(abs(int(a.max())), abs(int(a.min())))
    bound_b = max(abs(int(b.max())), abs(int(b.min())))
    return bound_a * bound_b * min(a.size, b.size) <= _INT64_MAX


def full(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution of ``a`` and ``b`` by summing shifted, scaled copies.

    Parameters
    ----------
    a, b : numpy.ndarray
        Arrays with the same number of dimensions, of any numeric or object dtype.

    Returns
    -------
    numpy.ndarray
        Shape ``a.shape + b.shape - 1`` per axis; int64 or float dtypes where exact, else object.

    Examples
    --------
    >>> import numpy as np
    >>> full(np.array([1, 2, 3]), np.array([0, 1, 0.5]))
    array([0. , 1. , 2.5, 4. , 1.5])
    """
    if a.dtype.kind in "iu" and b.dtype.kind in "iu" and not int64_fits(a, b):
        a, b = a.astype(object), b.astype(object)
    if a.dtype == object or b.dtype == object:
        a, b = a.astype(object, copy=False), b.astype(object, copy=False)
    if a.ndim == 1:
        return np.convolve(a, b)
    if b.size > a.size:
        a, b = b, a
    result_dtype = np.result_type(a.dtype, b.dtype)
    out = np.zeros(full_shape(a, b), dtype=result_dtype)
    exact = result_dtype.kind == "O"
    scratch = None if exact else np.empty(a.shape, dtype=result_dtype)
    for index in np.ndindex(*b.shape):
        weight = b[index]
        if exact and weight == 0:
            continue
        window = tuple(slice(i, i + n) for i, n in zip(index, a.shape, strict=True))
        if scratch is None:
            out[window] += a * weight
        else:  # no temporary array per tap: a pass less over memory
            np.multiply(a, weight, out=scratch)
            out[window] += scratch
    return out
