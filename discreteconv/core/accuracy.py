"""How far a floating-point convolution is from the exact one: :func:`check_against_exact`.

The inputs are taken as exact values (ints, Fractions, or floats read as the exact binary
fractions they are); the float method runs on their float64 roundings, the exact result comes
from an exact backend, and every output entry's error is measured exactly (a float minus a
Fraction, with no rounding) before it is reported. The report also gives the method's a priori
error bound:

* ``fft``: ``max_k |computed_k - exact_k| <= e(N) * ||a||_2 * ||b||_2`` with
  ``e(N) = (1+u)^(3n) (1+u*sqrt(5))^(3n+1) (1+2u)^(3n) - 1``, ``n = ceil(log2 N)``,
  ``u = 2**-53`` and ``N`` the transform length (Brent and Zimmermann, *Modern Computer
  Arithmetic*, Theorem 3.3.2). For N-D inputs ``N`` is the product of the transform lengths,
  as the N-D transform is a sequence of 1-D ones whose error terms add; the rounding of the
  inputs to float64 is added as ``gamma_2 * (|a| * |b|)_k``.
* ``overlap-add``: every output entry is a sum of at most ``2**d`` block convolutions (``d`` the
  number of dimensions), each an FFT convolution of length ``N_b`` (the block transform length),
  so the same theorem gives ``2**d * e(N_b) * ||a||_2 * ||b||_2``.
* ``scipy-fft``, ``pyfftw``, ``cupy``: as ``fft`` (the theorem analyses a radix-2 transform; the
  mixed-radix transforms of pocketfft and FFTW are checked against it by the tests).
* ``mpmath``: as ``direct`` with ``u = 2**-p`` at mpmath's working precision ``p`` bits.
* ``auto``: the bound of the backend it picks.
* ``direct``: ``|computed_k - exact_k| <= gamma_m * (|a| * |b|)_k`` with
  ``gamma_m = m*u / (1 - m*u)`` and ``m`` the number of products in the sum, plus 2 for the
  rounding of the inputs (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.,
  eq. 3.5 for inner products).

A bound on absolute error says nothing for entries far below it: a probability of 1e-300 next
to 0.1 can be lost entirely. :attr:`AccuracyReport.inaccurate` lists those entries.

Examples
--------
>>> import discreteconv as dc
>>> report = dc.check_against_exact([0.1, 0.2, 0.7], [0.5, 0.5], method="fft")
>>> report.bound_holds, report.inaccurate
(True, ())
>>> tiny = dc.check_against_exact([1.0, 1e-30], [1.0, 1e-30], method="fft")
>>> tiny.inaccurate  # 2e-30 and 1e-60 are lost under 1.0's rounding error
((1,), (2,))
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .. import _validate
from ..errors import InvalidEntryError
from .convolve import convolve

__all__ = ["FLOAT_METHODS", "AccuracyReport", "check_against_exact"]

#: The float methods whose error this module can bound.
FLOAT_METHODS = ("fft", "direct", "auto", "overlap-add", "scipy-fft", "pyfftw", "cupy", "mpmath")
#: The methods that are one FFT convolution on some engine.
_FFT_METHODS = ("fft", "scipy-fft", "pyfftw", "cupy")
_UNIT = 2.0**-53
#: Absolute error of one operation whose result is subnormal (the rounding below 2**-1022).
_SUBNORMAL = 2.0**-1074
#: Relative error of a product of two inputs each rounded to float64: (1 + u)^2 - 1 <= gamma_2.
_INPUT_ROUNDING = 2 * _UNIT / (1 - 2 * _UNIT)


@dataclass(frozen=True)
class AccuracyReport:
    """The errors of a float convolution against the exact one.

    Attributes
    ----------
    method, mode : str
        What was checked.
    computed : numpy.ndarray
        The float result.
    exact : numpy.ndarray
        The exact result (an object array of ints/Fractions).
    max_abs_error, max_rel_error : float
        Largest ``|computed - exact|`` and largest ``|computed - exact| / |exact|`` (``inf``
        where the exact value is 0 and the computed one is not).
    inaccurate : tuple of tuple of int
        The output indices whose relative error exceeds ``rtol``.
    rtol : float
        The tolerance used for :attr:`inaccurate`.
    bound : float
        The method's a priori bound on the absolute error (the largest over the entries).
    bound_formula : str
        Which bound: see the module docstring for the formulas and sources.
    seconds, exact_seconds : float
        Time of the float method and of the exact computation.
    """

    method: str
    mode: str
    computed: Any
    exact: Any
    max_abs_error: float
    max_rel_error: float
    inaccurate: tuple[tuple[int, ...], ...]
    rtol: float
    bound: float
    bound_formula: str
    seconds: float
    exact_seconds: float

    @property
    def bound_holds(self) -> bool:
        """Whether every error is within the a priori bound."""
        return self.max_abs_error <= self.bound

    def __str__(self) -> str:
        count = len(self.inaccurate)
        shown = ", ".join(str(i[0] if len(i) == 1 else i) for i in self.inaccurate[:10])
        more = f" (first 10: {shown})" if count > 10 else (f": {shown}" if count else "")
        return (f"method {self.method!r}, mode {self.mode!r}, {self.computed.size} outputs\n"
                f"max abs error {self.max_abs_error:.3g}, max rel error "
                f"{self.max_rel_error:.3g}\n"
                f"a priori bound {self.bound:.3g} ({self.bound_formula}): "
                f"{'holds' if self.bound_holds else 'EXCEEDED'}\n"
                f"{count} outputs with relative error above {self.rtol:g}{more}\n"
                f"time {self.seconds * 1e3:.3g} ms (exact: {self.exact_seconds * 1e3:.3g} ms)")


def _exact_values(values: Any, name: str) -> np.ndarray:
    """``values`` as an object array of ints/Fractions (a float is the fraction it equals)."""
    array = np.asarray(values, dtype=object)
    flat = array.ravel()
    for index, value in enumerate(flat):
        if isinstance(value, (bool, np.bool_)):
            raise InvalidEntryError(f"{name}[{index}] = {value!r} is not a number", (index,))
        try:
            converted = Fraction(value) if not isinstance(value, (int, Fraction)) else value
        except (TypeError, ValueError, OverflowError):
            raise InvalidEntryError(f"{name}[{index}] = {value!r} is not a finite real number",
                                    (index,)) from None
        flat[index] = converted
    return flat.reshape(array.shape)


def _float(value: Fraction) -> float:
    """``float(value)``, with ``inf`` for values past float64's range."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _underflow(operations: int) -> float:
    """What gradual underflow can add: ``2**-1074`` per operation (only for tiny values)."""
    return _SUBNORMAL * 8 * operations * max(1.0, math.log2(operations))


def _norm(x: np.ndarray) -> float:
    """The Euclidean norm, scaled first so that squares of tiny entries do not underflow."""
    largest = float(np.abs(x).max(initial=0.0))
    if largest == 0.0 or math.isinf(largest):
        return largest
    return largest * float(np.linalg.norm((x / largest).ravel()))


def _fft_bound(a: np.ndarray, b: np.ndarray, magnitudes: np.ndarray) -> tuple[float, str]:
    from ..backends._fastlen import next_fast_len
    from ..backends.splitfft import error_factor

    length = math.prod(next_fast_len(n + m - 1) for n, m in zip(a.shape, b.shape, strict=True))
    norms = _norm(a) * _norm(b)
    bound = (error_factor(length) * norms + _INPUT_ROUNDING * float(magnitudes.max(initial=0.0))
             + _underflow(length))
    return bound, f"Brent-Zimmermann Thm 3.3.2, N = {length}"


def _overlap_add_bound(a: np.ndarray, b: np.ndarray,
                       magnitudes: np.ndarray) -> tuple[float, str]:
    from ..backends.overlapadd import block_plan
    from ..backends.splitfft import error_factor

    long, short = (a, b) if a.size >= b.size else (b, a)
    length = math.prod(size for _, _, size in block_plan(long.shape, short.shape))
    norms = _norm(a) * _norm(b)
    bound = (2**a.ndim * error_factor(length) * norms
             + _INPUT_ROUNDING * float(magnitudes.max(initial=0.0))
             + 2**a.ndim * _underflow(length))
    return bound, f"2^{a.ndim} blocks x Brent-Zimmermann Thm 3.3.2, N = {length}"


def _direct_bound(a: np.ndarray, b: np.ndarray, magnitudes: np.ndarray, *,
                  unit: float = _UNIT) -> tuple[float, str]:
    terms = min(a.size, b.size)
    gamma = terms * unit / (1 - terms * unit) + _INPUT_ROUNDING
    return gamma * float(magnitudes.max(initial=0.0)) + _underflow(2 * terms), (
        f"gamma_{terms} (|a|*|b|), Higham 3.5, u = 2^-{round(-math.log2(unit))}, "
        "plus the rounding of the inputs")


def _mpmath_bound(a: np.ndarray, b: np.ndarray, magnitudes: np.ndarray) -> tuple[float, str]:
    import mpmath

    return _direct_bound(a, b, magnitudes, unit=2.0 ** -mpmath.mp.prec)


def _bound(method: str, a: np.ndarray, b: np.ndarray,
           magnitudes: np.ndarray) -> tuple[float, str]:
    """The a priori bound of ``method`` (for ``auto``: of the backend it picks)."""
    if method == "auto":
        from .choose import choose_float

        method = choose_float(a.shape, b.shape)
        bound, formula = _bound(method, a, b, magnitudes)
        return bound, f"auto picks {method}: {formula}"
    if method in _FFT_METHODS:
        return _fft_bound(a, b, magnitudes)
    if method == "overlap-add":
        return _overlap_add_bound(a, b, magnitudes)
    if method == "mpmath":
        return _mpmath_bound(a, b, magnitudes)
    return _direct_bound(a, b, magnitudes)


def _to_fraction(value: Any) -> Fraction:
    """A float's or an mpmath number's exact value."""
    man_exp = getattr(value, "man_exp", None)
    if man_exp is not None:  # mpmath.mpf: mantissa * 2**exponent, exactly
        man, exp = man_exp
        return Fraction(int(man)) * Fraction(2) ** int(exp)
    return Fraction(float(value))


def check_against_exact(a: Any, b: Any, method: str = "fft", *, mode: str = "full",
                        rtol: float = 1e-12) -> AccuracyReport:
    """Run a float convolution and measure its error against the exact result.

    Parameters
    ----------
    a, b : array_like
        The inputs, 1-D or N-D, as exact values: ints, Fractions, or floats (taken as the exact
        binary fractions they are). The float method gets their float64 roundings.
    method : str, default 'fft'
        The float method to check: one of ``FLOAT_METHODS`` (``'fft'``, ``'direct'``,
        ``'auto'``, ``'overlap-add'``, ``'scipy-fft'``, ``'pyfftw'``, ``'cupy'``, ``'mpmath'``;
        the optional ones when installed).
    mode : {'full', 'same', 'valid'}, default 'full'
        As for :func:`~discreteconv.convolve`.
    rtol : float, default 1e-12
        Outputs whose relative error exceeds this are listed in ``inaccurate``.

    Returns
    -------
    AccuracyReport

    Examples
    --------
    >>> import discreteconv as dc
    >>> pmf = list(dc.dice("3d6").pmf().values())
    >>> report = check_against_exact(pmf, pmf, rtol=1e-12)
    >>> report.bound_holds, report.max_rel_error < 1e-12
    (True, True)
    """
    method = _validate.choice("method", method, FLOAT_METHODS)
    mode = _validate.choice("mode", mode, ("full", "same", "valid"))
    if not isinstance(rtol, (int, float)) or not rtol > 0 or math.isinf(rtol):
        raise InvalidEntryError(f"rtol must be a positive number; received {rtol!r}")
    exact_a, exact_b = _exact_values(a, "a"), _exact_values(b, "b")
    float_a = np.vectorize(float, otypes=[np.float64])(exact_a)
    float_b = np.vectorize(float, otypes=[np.float64])(exact_b)
    start = time.perf_counter()
    computed = np.asarray(convolve(float_a, float_b, mode=mode, method=method),
                          dtype=object if method == "mpmath" else np.float64)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    exact = np.asarray(convolve(exact_a.tolist(), exact_b.tolist(), mode=mode), dtype=object)
    exact_seconds = time.perf_counter() - start
    magnitudes = np.asarray(convolve(np.abs(float_a), np.abs(float_b), mode=mode,
                                     method="direct" if float_a.size * float_b.size <= 10**6
                                     else "fft"), dtype=np.float64)
    bound, formula = _bound(method, float_a, float_b, magnitudes)
    absolute, relative = [], []
    for value, truth in zip(computed.ravel(), exact.ravel(), strict=True):
        error = abs(_to_fraction(value) - truth)
        absolute.append(float(error))
        relative.append(0.0 if error == 0 else math.inf if truth == 0
                        else _float(error / abs(truth)))
    rel = np.asarray(relative).reshape(computed.shape)
    inaccurate = tuple(tuple(int(i) for i in index) for index in np.argwhere(rel > rtol))
    return AccuracyReport(method, mode, computed, exact, max(absolute, default=0.0),
                          max(relative, default=0.0), inaccurate, float(rtol), bound, formula,
                          seconds, exact_seconds)
