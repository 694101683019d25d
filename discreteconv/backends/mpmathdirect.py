"""Reference values: the schoolbook convolution in mpmath, each output rounded once.

Every output entry is the dot product of the overlapping entries, computed by
:func:`mpmath.fdot`, which multiplies exactly and adds the products exactly before one rounding
to the working precision (``mpmath.mp.prec`` bits, ``mpmath.mp.dps`` decimal digits): so each
output is the exact convolution of the inputs *as converted*, correctly rounded at that
precision. Set the precision with mpmath's own contexts, e.g. ``with mpmath.workdps(50):``.

The inputs are converted exactly where mpmath can hold them: a float is the binary fraction it
equals (``mpmath.mpf(0.1)`` is exact), a complex number is an ``mpc`` of two such parts, an int
is rounded once to the working precision if it has more bits than that, and a Fraction ``p/q``
is ``p / q`` rounded once.

Not exact (``exact=False`` in the registry): the outputs are rounded to the working precision.
The work is ``len(a) * len(b)`` multiplications in Python, so :data:`MAX_PRODUCTS` bounds it.

Examples
--------
>>> import mpmath
>>> import numpy as np
>>> with mpmath.workdps(30):  # 0.1 * 0.3 for the doubles nearest 0.1 and 0.3, to 30 digits
...     print(full(np.array([0.1, 0.2]), np.array([0.3]))[0])
0.0300000000000000005551115123126
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import TooLargeError
from ._nd import full_shape

#: The most multiplications one call may do (about 1.2 us each here: two minutes of mpmath).
MAX_PRODUCTS = 10**8


def to_mpmath(value: Any, *, complex_: bool = False) -> Any:
    """One number as an mpmath ``mpf`` (``mpc`` if complex or ``complex_``), rounded at most once.

    Examples
    --------
    >>> from fractions import Fraction
    >>> to_mpmath(0.5), to_mpmath(Fraction(1, 4)), to_mpmath(1 + 2j)
    (mpf('0.5'), mpf('0.25'), mpc(real='1.0', imag='2.0'))
    """
    import mpmath

    if isinstance(value, mpmath.mpf | mpmath.mpc):
        number = value
    elif isinstance(value, complex | np.complexfloating):
        number = mpmath.mpc(float(value.real), float(value.imag))
    elif isinstance(value, float | np.floating):
        number = mpmath.mpf(float(value))
    elif isinstance(value, bool | np.bool_):
        number = mpmath.mpf(int(value))
    elif isinstance(value, int | np.integer):
        number = mpmath.mpf(int(value))
    elif isinstance(value, Fraction):
        number = mpmath.fdiv(value.numerator, value.denominator)
    elif hasattr(value, "p") and hasattr(value, "q"):  # a SymPy Integer or Rational
        number = mpmath.fdiv(int(value.p), int(value.q))
    else:
        number = mpmath.mpmathify(value)
    return mpmath.mpc(number) if complex_ and not isinstance(number, mpmath.mpc) else number


def _is_complex(value: Any) -> bool:
    return isinstance(value, complex | np.complexfloating) or type(value).__name__ == "mpc"


def _as_mpmath_array(array: np.ndarray, complex_: bool) -> np.ndarray:
    converted = np.empty(array.shape, dtype=object)
    flat = converted.reshape(-1)
    for index, value in enumerate(array.ravel().tolist()):
        flat[index] = to_mpmath(value, complex_=complex_)
    return converted


def full(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution in mpmath at the working precision, every output rounded once.

    Parameters
    ----------
    a, b : numpy.ndarray
        Arrays with the same number of dimensions: floats, complex, ints, Fractions or mpmath
        numbers (numpy or object dtype).

    Returns
    -------
    numpy.ndarray
        Object array of shape ``a.shape + b.shape - 1`` per axis, of ``mpmath.mpf`` (all
        ``mpmath.mpc`` if any input entry is complex).

    Raises
    ------
    TooLargeError
        If the convolution would take more than :data:`MAX_PRODUCTS` multiplications.

    Examples
    --------
    >>> import numpy as np
    >>> full(np.array([[1.0, 2.0]]), np.array([[0.5], [0.25]])).tolist()
    [[mpf('0.5'), mpf('1.0')], [mpf('0.25'), mpf('0.5')]]
    """
    import mpmath

    products = _product_count(a.shape, b.shape)
    if products > MAX_PRODUCTS:
        raise TooLargeError(
            f"method 'mpmath' would multiply {products:.3g} pairs of numbers in Python "
            f"(the limit is {MAX_PRODUCTS:.0e}); use it on smaller inputs, for reference values"
        )
    complex_ = any(_is_complex(v) for v in a.ravel().tolist()) or any(
        _is_complex(v) for v in b.ravel().tolist())
    x, y = _as_mpmath_array(a, complex_), _as_mpmath_array(b, complex_)
    flipped = y[(slice(None, None, -1),) * y.ndim]
    out = np.empty(full_shape(x, y), dtype=object)
    for index in np.ndindex(*out.shape):
        x_window, y_window = [], []
        for k, n, m in zip(index, x.shape, y.shape, strict=True):
            low, high = max(0, k - m + 1), min(n, k + 1)  # the x indices i with 0 <= k-i < m
            x_window.append(slice(low, high))
            y_window.append(slice(m - 1 - k + low, m - 1 - k + high))
        out[index] = mpmath.fdot(x[tuple(x_window)].ravel(), flipped[tuple(y_window)].ravel())
    return out


def _product_count(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> int:
    """How many products the schoolbook sum takes: the product over axes of the overlaps."""
    return math.prod(n * m for n, m in zip(a_shape, b_shape, strict=True))
