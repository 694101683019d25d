"""Common 2-D image kernels, ready for :func:`discreteconv.convolve`.

Each function returns a new ``float64`` numpy array. The kernels with integer or rational
entries (:func:`box`, :func:`laplacian`, :func:`sobel`, :func:`prewitt`, :func:`sharpen`,
:func:`emboss`, :func:`identity`) also take ``exact=True`` and then return nested lists of
Python ints (``Fraction`` for :func:`box`), so that an exact image gives an exact result.

Axes and signs
--------------
An image is indexed ``image[row, column]``: ``y`` is axis 0 (the row index, growing downwards)
and ``x`` is axis 1 (the column index, growing to the right).

:func:`discreteconv.convolve` *flips* the kernel (``(a * b)[n] = sum_k a[k] b[n - k]``), as the
textbook definition does. The kernels here are written for that flip, so that the result has the
sign the name promises: ``convolve(image, sobel("x"))`` is **positive where intensity increases
with x** (to the right) and ``convolve(image, sobel("y"))`` is positive where it increases with
y (downwards). The array ``sobel("x")`` is therefore ``[[1, 0, -1], [2, 0, -2], [1, 0, -1]]``;
used with :func:`discreteconv.correlate` (no flip), or with a library that "convolves" without
flipping as neural-network layers do, every sign of the derivative kernels reverses. The
symmetric kernels (:func:`gaussian`, :func:`box`, :func:`laplacian`, :func:`sharpen`,
:func:`identity`) are unchanged by the flip; :func:`emboss` is flipped to a light coming from
the bottom right instead of the top left.

How to apply one
----------------
``mode="same"`` keeps the image size. By default everything outside the image is zero; with
``padding_mode="reflect"``, ``"wrap"``, ``"nearest"`` or ``"constant"`` the image is extended
by that rule first, as :func:`scipy.ndimage.convolve` does (``"reflect"`` here is ndimage's
``"mirror"``). The same result comes from padding by the kernel's radius with ``padding=`` and
keeping the ``"valid"`` part.

Examples
--------
>>> import numpy as np
>>> import discreteconv as dc
>>> from discreteconv import kernels
>>> image = np.tile(np.arange(5.0), (3, 1))  # brightness growing to the right
>>> image
array([[0., 1., 2., 3., 4.],
       [0., 1., 2., 3., 4.],
       [0., 1., 2., 3., 4.]])
>>> dc.convolve(image, kernels.sobel("x"), mode="valid")  # interior only: slope 1 times 8
array([[8., 8., 8.]])
>>> dc.convolve(image, kernels.sobel("x"), mode="same")  # zeros beyond the edges
array([[  3.,   6.,   6.,   6.,  -9.],
       [  4.,   8.,   8.,   8., -12.],
       [  3.,   6.,   6.,   6.,  -9.]])
>>> dc.convolve(image, kernels.sobel("x"), mode="same", padding_mode="nearest")
array([[4., 8., 8., 8., 4.],
       [4., 8., 8., 8., 4.],
       [4., 8., 8., 8., 4.]])
>>> dc.convolve([[0, 1, 4], [1, 2, 5], [4, 5, 8]], kernels.laplacian(exact=True), mode="valid")
[[4]]
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Literal, overload

import numpy as np

from . import _validate
from .errors import InvalidOptionError

__all__ = [
    "box",
    "emboss",
    "gaussian",
    "identity",
    "laplacian",
    "prewitt",
    "sharpen",
    "sobel",
]

ExactKernel = list[list[int]]
RationalKernel = list[list[Fraction]]


def _flag(name: str, value: object) -> bool:
    """Return ``value`` if it is a bool, else raise a message naming the argument."""
    if not isinstance(value, bool | np.bool_):
        raise InvalidOptionError(f"{name} must be True or False; received {value!r}")
    return bool(value)


def _positive_real(name: str, value: object) -> float:
    """Return ``value`` as a float if it is a finite real number > 0."""
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction | np.number):
        raise InvalidOptionError(f"{name} must be a positive real number; received {value!r}")
    number = float(value)  # type: ignore[arg-type]
    if not (math.isfinite(number) and number > 0):
        raise InvalidOptionError(f"{name} must be a positive real number; received {value!r}")
    return number


def _finish(rows: list[list[int]], exact: bool) -> ExactKernel | np.ndarray:
    """The kernel as fresh nested int lists (``exact``) or a new float64 array."""
    if _flag("exact", exact):
        return [list(row) for row in rows]
    return np.array(rows, dtype=np.float64)


def gaussian(sigma: float, truncate: float = 4.0) -> np.ndarray:
    """A sampled 2-D Gaussian, normalised to sum 1 (a blur).

    The kernel has ``2 * r + 1`` rows and columns with radius ``r = ceil(truncate * sigma)``;
    entry ``(i, j)`` is proportional to ``exp(-((i - r)**2 + (j - r)**2) / (2 * sigma**2))``.
    It is symmetric, so the flip of convolution does not change it.

    Parameters
    ----------
    sigma : float
        Standard deviation in pixels, > 0.
    truncate : float, default 4.0
        Radius of the kernel in standard deviations, > 0.

    Returns
    -------
    numpy.ndarray
        A square ``float64`` array summing to 1.

    Raises
    ------
    discreteconv.errors.InvalidOptionError
        ``sigma`` or ``truncate`` is not a finite number > 0.
    discreteconv.errors.TooLargeError
        The kernel would need more memory than the library allows itself.

    Examples
    --------
    >>> k = gaussian(0.5, truncate=2.0)
    >>> k.shape
    (3, 3)
    >>> k.round(4)
    array([[0.0113, 0.0838, 0.0113],
           [0.0838, 0.6193, 0.0838],
           [0.0113, 0.0838, 0.0113]])
    >>> float(k.sum())
    1.0
    >>> gaussian(1.0).shape  # radius ceil(4 * 1.0) = 4
    (9, 9)
    """
    sigma = _positive_real("sigma", sigma)
    truncate = _positive_real("truncate", truncate)
    radius = math.ceil(truncate * sigma)
    size = 2 * radius + 1
    _validate.check_memory(8.0 * size * size, f"gaussian(sigma={sigma}, truncate={truncate})")
    offsets = np.arange(-radius, radius + 1, dtype=np.float64)
    line = np.exp(-0.5 * (offsets / sigma) ** 2)
    kernel = np.outer(line, line)
    return kernel / kernel.sum()


@overload
def box(size: int, *, exact: Literal[False] = ...) -> np.ndarray: ...
@overload
def box(size: int, *, exact: Literal[True]) -> RationalKernel: ...
def box(size: int, *, exact: bool = False) -> RationalKernel | np.ndarray:
    """A ``size`` x ``size`` mean filter: every entry ``1 / size**2``, summing to 1.

    Parameters
    ----------
    size : int
        Rows and columns, >= 1.
    exact : bool, default False
        Return nested lists of ``Fraction(1, size**2)`` instead of a float array.

    Returns
    -------
    numpy.ndarray or list of list of Fraction

    Raises
    ------
    discreteconv.errors.InvalidOptionError
        ``size`` is not an integer >= 1, or ``exact`` is not a bool.

    Examples
    --------
    >>> box(2)
    array([[0.25, 0.25],
           [0.25, 0.25]])
    >>> box(2, exact=True)
    [[Fraction(1, 4), Fraction(1, 4)], [Fraction(1, 4), Fraction(1, 4)]]
    >>> import discreteconv as dc
    >>> dc.convolve([[1, 2, 3], [4, 5, 6], [7, 8, 10]], box(3, exact=True), mode="valid")
    [[Fraction(46, 9)]]
    """
    size = _validate.integer("size", size, 1)
    if _flag("exact", exact):
        weight = Fraction(1, size * size)
        return [[weight] * size for _ in range(size)]
    return np.full((size, size), 1.0 / (size * size), dtype=np.float64)


@overload
def laplacian(diagonal: bool = ..., *, exact: Literal[False] = ...) -> np.ndarray: ...
@overload
def laplacian(diagonal: bool = ..., *, exact: Literal[True]) -> ExactKernel: ...
def laplacian(diagonal: bool = False, *, exact: bool = False) -> ExactKernel | np.ndarray:
    """The discrete Laplacian ``d²/dx² + d²/dy²``, with the 4 or all 8 neighbours.

    Sign: the centre weight is negative, so the response is the sum of the neighbours minus
    their count times the centre (positive in a dip, negative on a peak). On ``x**2 + y**2``
    it is 4 everywhere for the 4-neighbour kernel and 12 for the 8-neighbour one (the diagonal
    neighbours each add 2). Symmetric, so the flip of convolution does not change it.

    Parameters
    ----------
    diagonal : bool, default False
        ``False``: ``[[0, 1, 0], [1, -4, 1], [0, 1, 0]]``.
        ``True``: ``[[1, 1, 1], [1, -8, 1], [1, 1, 1]]``.
    exact : bool, default False
        Return nested lists of ints instead of a float array.

    Returns
    -------
    numpy.ndarray or list of list of int

    Raises
    ------
    discreteconv.errors.InvalidOptionError
        ``diagonal`` or ``exact`` is not a bool.

    Examples
    --------
    >>> laplacian()
    array([[ 0.,  1.,  0.],
           [ 1., -4.,  1.],
           [ 0.,  1.,  0.]])
    >>> laplacian(diagonal=True, exact=True)
    [[1, 1, 1], [1, -8, 1], [1, 1, 1]]
    """
    if _flag("diagonal", diagonal):
        rows = [[1, 1, 1], [1, -8, 1], [1, 1, 1]]
    else:
        rows = [[0, 1, 0], [1, -4, 1], [0, 1, 0]]
    return _finish(rows, exact)


def _gradient(axis: str, smoothing: list[int], exact: bool) -> ExactKernel | np.ndarray:
    """Derivative ``[1, 0, -1]`` along ``axis`` times ``smoothing`` across it (flipped form)."""
    axis = _validate.choice("axis", axis, ("x", "y"))
    derivative = [1, 0, -1]  # convolution flips it into a forward-minus-backward difference
    rows = [[d * s for s in smoothing] for d in derivative]  # varies down the rows: y
    if axis == "x":
        rows = [list(column) for column in zip(*rows, strict=True)]
    return _finish(rows, exact)


@overload
def sobel(axis: str = ..., *, exact: Literal[False] = ...) -> np.ndarray: ...
@overload
def sobel(axis: str = ..., *, exact: Literal[True]) -> ExactKernel: ...
def sobel(axis: str = "x", *, exact: bool = False) -> ExactKernel | np.ndarray:
    """The Sobel edge detector: a derivative along ``axis``, smoothed ``[1, 2, 1]`` across it.

    Written for :func:`discreteconv.convolve`, which flips the kernel: ``convolve(image,
    sobel("x"))`` is positive where intensity increases with x (the column index, to the
    right), ``sobel("y")`` where it increases with y (the row index, downwards). On an image
    that grows by 1 per pixel along the axis the response is 8.

    Parameters
    ----------
    axis : {'x', 'y'}, default 'x'
        The direction of the derivative: ``'x'`` across columns (axis 1), ``'y'`` down rows
        (axis 0).
    exact : bool, default False
        Return nested lists of ints instead of a float array.

    Returns
    -------
    numpy.ndarray or list of list of int

    Raises
    ------
    discreteconv.errors.InvalidOptionError
        ``axis`` is not ``'x'`` or ``'y'``, or ``exact`` is not a bool.

    See Also
    --------
    prewitt : the same with uniform smoothing ``[1, 1, 1]``.

    Examples
    --------
    >>> sobel("x")
    array([[ 1.,  0., -1.],
           [ 2.,  0., -2.],
           [ 1.,  0., -1.]])
    >>> sobel("y", exact=True)
    [[1, 2, 1], [0, 0, 0], [-1, -2, -1]]
    >>> import discreteconv as dc
    >>> dc.convolve([[0, 0, 0], [1, 1, 1], [2, 2, 2]], sobel("y", exact=True), mode="valid")
    [[8]]
    """
    return _gradient(axis, [1, 2, 1], exact)


@overload
def prewitt(axis: str = ..., *, exact: Literal[False] = ...) -> np.ndarray: ...
@overload
def prewitt(axis: str = ..., *, exact: Literal[True]) -> ExactKernel: ...
def prewitt(axis: str = "x", *, exact: bool = False) -> ExactKernel | np.ndarray:
    """The Prewitt edge detector: a derivative along ``axis``, averaged ``[1, 1, 1]`` across it.

    Same sign convention as :func:`sobel`: ``convolve(image, prewitt("x"))`` is positive where
    intensity increases with x (to the right); on an image that grows by 1 per pixel along the
    axis the response is 6.

    Parameters
    ----------
    axis : {'x', 'y'}, default 'x'
        ``'x'`` across columns (axis 1), ``'y'`` down rows (axis 0).
    exact : bool, default False
        Return nested lists of ints instead of a float array.

    Returns
    -------
    numpy.ndarray or list of list of int

    Raises
    ------
    discreteconv.errors.InvalidOptionError
        ``axis`` is not ``'x'`` or ``'y'``, or ``exact`` is not a bool.

    Examples
    --------
    >>> prewitt("x", exact=True)
    [[1, 0, -1], [1, 0, -1], [1, 0, -1]]
    >>> prewitt("y")
    array([[ 1.,  1.,  1.],
           [ 0.,  0.,  0.],
           [-1., -1., -1.]])
    """
    return _gradient(axis, [1, 1, 1], exact)


@overload
def sharpen(*, exact: Literal[False] = ...) -> np.ndarray: ...
@overload
def sharpen(*, exact: Literal[True]) -> ExactKernel: ...
def sharpen(*, exact: bool = False) -> ExactKernel | np.ndarray:
    """Sharpening: the image minus its 4-neighbour Laplacian, ``identity() - laplacian()``.

    Sums to 1, so flat regions are unchanged. Symmetric, so the flip does not change it.

    Parameters
    ----------
    exact : bool, default False
        Return nested lists of ints instead of a float array.

    Returns
    -------
    numpy.ndarray or list of list of int

    Examples
    --------
    >>> sharpen(exact=True)
    [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]
    """
    return _finish([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], exact)


@overload
def emboss(*, exact: Literal[False] = ...) -> np.ndarray: ...
@overload
def emboss(*, exact: Literal[True]) -> ExactKernel: ...
def emboss(*, exact: bool = False) -> ExactKernel | np.ndarray:
    """Embossing: a diagonal derivative plus the image, lit from the top left.

    Sums to 1. Written for the flip of :func:`discreteconv.convolve`: the response is above the
    image's value where intensity increases towards the bottom right (an edge facing a light
    at the top left); with :func:`discreteconv.correlate` the light moves to the bottom right.

    Parameters
    ----------
    exact : bool, default False
        Return nested lists of ints instead of a float array.

    Returns
    -------
    numpy.ndarray or list of list of int

    Examples
    --------
    >>> emboss(exact=True)
    [[2, 1, 0], [1, 1, -1], [0, -1, -2]]
    >>> import discreteconv as dc
    >>> dc.convolve([[0, 1, 2], [1, 2, 3], [2, 3, 4]], emboss(exact=True), mode="valid")  # centre 2
    [[14]]
    """
    return _finish([[2, 1, 0], [1, 1, -1], [0, -1, -2]], exact)


@overload
def identity(size: int = ..., *, exact: Literal[False] = ...) -> np.ndarray: ...
@overload
def identity(size: int = ..., *, exact: Literal[True]) -> ExactKernel: ...
def identity(size: int = 3, *, exact: bool = False) -> ExactKernel | np.ndarray:
    """The kernel that changes nothing: a 1 in the centre of a ``size`` x ``size`` square.

    With ``mode="same"`` the result is the image itself.

    Parameters
    ----------
    size : int, default 3
        Rows and columns: an odd integer >= 1, so that there is a centre.
    exact : bool, default False
        Return nested lists of ints instead of a float array.

    Returns
    -------
    numpy.ndarray or list of list of int

    Raises
    ------
    discreteconv.errors.InvalidOptionError
        ``size`` is not an odd integer >= 1, or ``exact`` is not a bool.

    Examples
    --------
    >>> identity(exact=True)
    [[0, 0, 0], [0, 1, 0], [0, 0, 0]]
    >>> identity(1)
    array([[1.]])
    >>> import discreteconv as dc
    >>> dc.convolve([[1, 2], [3, 4]], identity(exact=True), mode="same")
    [[1, 2], [3, 4]]
    """
    size = _validate.integer("size", size, 1)
    if size % 2 == 0:
        raise InvalidOptionError(f"size must be an odd integer >= 1; received {size!r}")
    rows = [[0] * size for _ in range(size)]
    rows[size // 2][size // 2] = 1
    return _finish(rows, exact)
