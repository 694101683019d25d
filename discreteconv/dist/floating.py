"""Float probabilities of sums of independent integer random variables, every one accurate.

:func:`float_sum` gives the distribution of ``X_1 + ... + X_K`` (repeated ``repeat`` times) as
float64 natural-log probabilities, each with a stated bound on its relative error. A plain
float64 FFT cannot do this: its error is absolute, about ``1e-16`` times the largest
probability, so every probability much smaller than that is noise (for 1000d6, a float64
spectrum raised to the 1000th power gets 4662 of the 5001 wrong by more than 1e-12), and
float64 cannot even hold 1270 of them (they lie below ``2.2e-308``). Hence logs.

The accurate path is the exponentially tilted ("shifted") FFT of Keich [1]_ and Wilson and
Keich [2]_. Tilting by ``theta`` multiplies ``p(k)`` by ``exp(theta k)``; the tilted
distribution of a sum is the sum of the tilted distributions, and its largest values lie near
the tilted mean, which ``theta`` moves anywhere in the range. So for each outcome there is a
``theta`` that makes its probability large next to the FFT's absolute error, and the
probability is recovered exactly by untilting in log space: ``log p(s) = log q(s) - theta s
+ sum_j e_j c_j``. The tilts are chosen by a sweep from ``theta = 0`` outwards until every
outcome with positive probability has a relative error bound ``<= rtol``; each outcome keeps
the tilt with the smallest bound.

Error bound (per tilt; ``u`` the unit roundoff of the working precision, ``numpy.longdouble``)
----------------------------------------------------------------------------------------------
Write the sum as ``e_j`` copies of distinct parts ``p_j`` with tilted, scaled vectors
``q_j(k) = p_j(k) exp(theta k - c_j)``, ``F_j`` their length-``N`` DFTs and
``G = prod_j F_j**e_j`` the DFT of the tilted result ``Q``.

1. Inputs: each ``q_j(k)`` is computed from ``log p_j(k)`` (exact integer ratios rounded in
   extended precision) with relative error ``eps_j``, so ``log Q`` moves by at most
   ``-sum_j e_j log(1 - eps_j)``.
2. Forward transforms: a part with few nonzero entries (``m`` of them, ``m N <= 2**21``) is
   summed directly, ``|F'_j - F_j| <= gamma_{2m+32} ||q_j||_1`` (Higham [4]_, eq. 3.5, with
   the twiddle factors' errors); otherwise by FFT with ``|F'_j - F_j| <= ||F'_j - F_j||_2
   <= e(N) sqrt(N) ||q_j||_2``, where ``e(N)`` is Brent and Zimmermann's factor ([3]_, Theorem
   3.3.2; the formula of :func:`discreteconv.backends.splitfft.error_factor`, evaluated at
   ``u`` and without rounding ``1 + u`` to float64).
3. Products and powers: with ``A_j = |F'_j| + delta_j`` bounding both ``|F_j|`` and
   ``|F'_j|``, the telescoping sum over the ``sum_j e_j`` factors gives, per frequency,
   ``|G' - G| <= prod_j A_j**e_j (sum_j e_j delta_j / A_j + rho)``, where ``rho =
   (1 + gamma)**W - 1`` is the rounding of binary powering (``W = sum_j (e_j + 2 log2 e_j +
   2)``, the total weight of the multiplications, and ``gamma = 2 sqrt(2) u / (1 - 2u)`` for one
   complex product, Higham [4]_ Lemma 3.5). This is an a posteriori bound: it uses the computed
   spectra, and it is small exactly where ``|F_j|**e_j`` is small, which is what makes a
   1000-fold power usable. It is not amplified ``e_j`` times everywhere, as an a priori bound
   would be.
4. Inverse transform: ``max_s |Q'(s) - Q(s)| <= (1/N) sum_k |G'_k - G_k| + e(N)/(1 - e(N))
   ||Q'||_2`` (the second term from [3]_, Theorem 3.3.2, for the transform itself).
5. Untilting and the final rounding of ``log p`` to float64 add ``8u`` times the magnitudes
   involved and half an ulp.

So the bound on ``|log p'(s) - log p(s)|`` is ``-log(1 - E / Q'(s))`` plus the terms of 1 and 5,
where ``E`` is the sum of 3 and 4 and ``Q'(s) > E``. numpy's pocketfft is a mixed-radix FFT and
not the radix-2 transform Theorem 3.3.2 analyses (the caveat of
:mod:`discreteconv.backends.splitfft`); the tests check every entry against exact values.

Outcomes that no tilt brings within ``rtol`` (an outcome whose probability lies far below the
log-concave hull of its neighbours, e.g. between the clusters of ``d{0,1,1000}``, or every
outcome on a platform whose ``longdouble`` is only float64) are computed exactly and rounded;
:attr:`FloatDistribution.method` says so. Outcomes whose probability is exactly 0 are found by an
exact support computation and get ``-inf``.

References
----------
.. [1] U. Keich, "sFFT: a faster accurate computation of the p-value of the entropy score",
   *Journal of Computational Biology* 12 (2005), 416-430.
.. [2] H. Wilson and U. Keich, "Accurate pairwise convolutions of non-negative vectors via FFT",
   *Computational Statistics & Data Analysis* 101 (2016), 300-315.
.. [3] R. P. Brent and P. Zimmermann, *Modern Computer Arithmetic*, Cambridge University Press,
   2010, Theorem 3.3.2.
.. [4] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM, 2002.

Examples
--------
>>> import discreteconv as dc
>>> from discreteconv.dist.floating import float_sum
>>> result = float_sum(dc.die(6), repeat=1000, method="tilted")
>>> result.method, len(result.log_pmf)
('tilted-fft', 5001)
>>> float(result.log_pmf[0])  # log(6**-1000)
-1791.759469228055
>>> bool(result.pmf[0] == 0.0), bool(result.underflow[0]), result.error_bound < 1e-12
(True, True, True)
>>> result.max_rel_error_vs(1000 @ dc.die(6)) < 1e-12
True
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .. import _validate
from ..errors import EmptyInputError, InvalidEntryError, InvalidOptionError, TooLargeError
from .distribution import Distribution

__all__ = ["FloatDistribution", "float_sum"]

#: The accurate path refuses results with more outcomes than this (each tilt is an FFT of it).
MAX_OUTCOMES_ACCURATE = 10**7
#: The plain path refuses results with more outcomes than this.
MAX_OUTCOMES_PLAIN = 10**8
#: At most this many tilts; outcomes still not covered are computed exactly.
MAX_TILTS = 200
#: ``method='auto'`` sums exactly while the exact result has fewer bits than this in all.
TILTED_FROM_BITS = 5 * 10**7
#: After the sweeps, at most this many tilts aimed at single outcomes still not covered.
LAST_TRIES = 16
#: The sweep stops when this many tilts in a row cover under 1/200 of the outcomes together.
STALL_TILTS = 8
#: A part whose nonzero entries times the transform length is at most this gets a direct DFT
#: (a tighter bound than an FFT's); its table of twiddle factors is kept for all the tilts.
DIRECT_DFT_MAX_ENTRIES = 2**21

_LD = np.longdouble
_CLD = np.clongdouble
_U_LD = float(np.finfo(_LD).epsneg)
_U_64 = 2.0**-53
_MP_BITS = 100  # precision of the exact-then-rounded logs


@dataclass(frozen=True, eq=False)
class FloatDistribution:
    """Float64 probabilities of a distribution over consecutive integers, with error bounds.

    Attributes
    ----------
    start : int
        The smallest outcome; outcome ``start + i`` has log-probability ``log_pmf[i]``.
    log_pmf : numpy.ndarray of float64
        Natural logs of the probabilities; ``-inf`` exactly where the probability is 0 (for
        ``method='plain-fft'``, also where the FFT returned a value <= 0).
    pmf : numpy.ndarray of float64
        The probabilities as floats: 0.0 or subnormal where they underflow (see
        :attr:`underflow`).
    error_bounds : numpy.ndarray of float64
        Per outcome, a bound on ``|exp(log_pmf) / p - 1|``, the relative error of the
        probability that ``log_pmf`` represents (0 where ``p`` is exactly 0; ``inf`` where
        nothing can be said, as for the noise of a plain FFT).
    method : str
        ``'tilted-fft'``, ``'tilted-fft+exact'`` (some outcomes computed exactly, see
        :attr:`exact_entries`), ``'plain-fft'`` or ``'exact-then-rounded'``.
    seconds : float
        Time taken to compute it.
    rtol : float
        The relative tolerance asked for.
    tilts : tuple of float
        The tilts ``theta`` used (``(0.0,)`` for a plain FFT, ``()`` when computed exactly).
    exact_entries : int
        How many outcomes were computed exactly and rounded.
    """

    start: int
    log_pmf: np.ndarray
    pmf: np.ndarray
    error_bounds: np.ndarray
    method: str
    seconds: float
    rtol: float
    tilts: tuple[float, ...] = ()
    exact_entries: int = 0

    def __post_init__(self) -> None:
        for array in (self.log_pmf, self.pmf, self.error_bounds):
            array.flags.writeable = False

    def __len__(self) -> int:
        return len(self.log_pmf)

    def __repr__(self) -> str:
        return (f"FloatDistribution(outcomes {self.start}..{self.start + len(self) - 1}, "
                f"method={self.method!r}, error_bound={self.error_bound:.3g}, "
                f"seconds={self.seconds:.3g})")

    @property
    def outcomes(self) -> np.ndarray:
        """The outcomes ``start, start + 1, ...`` as an int64 array."""
        return np.arange(self.start, self.start + len(self), dtype=np.int64)

    @property
    def error_bound(self) -> float:
        """The largest of :attr:`error_bounds`: every probability is within it, relatively."""
        return float(self.error_bounds.max(initial=0.0))

    @property
    def underflow(self) -> np.ndarray:
        """Mask of the positive probabilities that :attr:`pmf` cannot hold to ``rtol``.

        A float64 below the smallest normal number (``2.2e-308``) has an absolute spacing of
        ``2**-1074``, so a probability ``p`` is rounded with relative error up to
        ``2**-1075 / p``; the mask is where that exceeds ``rtol`` (for ``rtol = 1e-12``, below
        about ``2.5e-312``), including the probabilities that round to 0.0.
        """
        limit = -1075 * math.log(2) - math.log(self.rtol)
        return np.isfinite(self.log_pmf) & (self.log_pmf < limit)

    @classmethod
    def from_exact(cls, dist: Distribution, rtol: float = 1e-12) -> FloatDistribution:
        """Exact-then-rounded: the probabilities of an exact distribution, rounded to floats.

        Each ``log p = log(weight) - log(total)`` is computed from the exact integers in
        extended precision (mpmath at 100 bits where ``longdouble`` is only float64) and
        rounded once, so its error is at most half an ulp of ``log p`` and a few units of the
        extended precision; each ``pmf`` entry is ``weight / total`` correctly rounded. This
        is the reference the float paths are measured against.

        Examples
        --------
        >>> import discreteconv as dc
        >>> exact = FloatDistribution.from_exact(dc.dice("3d6"))
        >>> exact.start, float(exact.pmf[0] * 216), exact.method
        (3, 1.0, 'exact-then-rounded')
        """
        rtol = _check_rtol(rtol)
        _check_parts((dist,))
        began = time.perf_counter()
        start, counts = dist.dense()
        log_pmf, bounds = _exact_logs(counts, dist.total)
        pmf = np.array([c / dist.total for c in counts], dtype=np.float64)
        return cls(start, log_pmf, pmf, bounds, "exact-then-rounded",
                   time.perf_counter() - began, rtol, (), len(counts))

    def rel_errors_vs(self, exact: Distribution) -> np.ndarray:
        """Per outcome, ``|exp(log_pmf) / p - 1|`` against an exact distribution.

        Computed at 100-bit precision from the exact integer weights, over the union of both
        ranges: 0 where both are 0, 1 where a positive ``p`` is given as 0, ``inf`` where a
        probability-0 outcome is given a positive value. The result is indexed from
        ``min(self.start, exact's smallest outcome)``.
        """
        _check_parts((exact,))
        import mpmath

        begin, counts = exact.dense()
        low = min(self.start, begin)
        high = max(self.start + len(self), begin + len(counts))
        errors = np.zeros(high - low)
        with mpmath.workprec(_MP_BITS):
            log_total = mpmath.log(exact.total)
            for i in range(high - low):
                j, k = low + i - self.start, low + i - begin
                count = counts[k] if 0 <= k < len(counts) else 0
                log_value = float(self.log_pmf[j]) if 0 <= j < len(self) else -math.inf
                if count == 0:
                    errors[i] = 0.0 if log_value == -math.inf else math.inf
                elif log_value == -math.inf:
                    errors[i] = 1.0
                else:
                    difference = mpmath.mpf(log_value) - (mpmath.log(count) - log_total)
                    errors[i] = float(abs(mpmath.expm1(difference)))
        return errors

    def max_rel_error_vs(self, exact: Distribution) -> float:
        """The largest relative error of any probability against an exact distribution.

        One call measures the error of any float path: see :meth:`rel_errors_vs`.

        Examples
        --------
        >>> import discreteconv as dc
        >>> plain = float_sum(dc.die(6), repeat=1000, accurate=False)
        >>> plain.max_rel_error_vs(1000 @ dc.die(6)) > 1e-12  # the lost tail
        True
        """
        return float(self.rel_errors_vs(exact).max(initial=0.0))


# -- checks -----------------------------------------------------------------------------------
def _check_rtol(rtol: Any) -> float:
    if isinstance(rtol, bool) or not isinstance(rtol, int | float) or not 0 < rtol < 1:
        raise InvalidOptionError(f"rtol must be a number in (0, 1); received {rtol!r}")
    return float(rtol)


def _check_parts(parts: Sequence[Any]) -> None:
    if not parts:
        raise EmptyInputError("float_sum needs at least one Distribution to add")
    for index, part in enumerate(parts):
        if not isinstance(part, Distribution):
            raise InvalidEntryError(
                f"part {index} is a {type(part).__name__}; float_sum adds Distributions "
                "(e.g. dc.die(6) or dc.dice('3d8'))")
        if not part.is_integer():
            raise InvalidEntryError(
                f"part {index} has non-integer outcomes ({part.outcomes[:3]}...); float_sum "
                "needs integer outcomes")


# -- exact logs -------------------------------------------------------------------------------
def _exact_logs(counts: Sequence[int], total: int) -> tuple[np.ndarray, np.ndarray]:
    """``log(count / total)`` rounded to float64 (``-inf`` for 0) and its error bounds.

    In extended precision where ``longdouble`` has it (error ``16u |log p|`` before the final
    rounding), else with mpmath at 100 bits.
    """
    if _U_LD < 2.0**-60:
        extended = _log_ratios(counts, total)
        logs = extended.astype(np.float64)
        magnitude = np.abs(np.where(np.isfinite(logs), extended, 0).astype(np.float64))
        excess = 16 * _U_LD * (magnitude + 64)
    else:
        import mpmath

        logs = np.full(len(counts), -math.inf)
        with mpmath.workprec(_MP_BITS):
            log_total = mpmath.log(total)
            for i, count in enumerate(counts):
                if count:
                    logs[i] = float(mpmath.log(count) - log_total)
        magnitude = np.abs(np.where(np.isfinite(logs), logs, 0))
        excess = magnitude * 2.0**-95
    bounds = np.where(np.isfinite(logs), np.expm1(np.spacing(magnitude) / 2 + excess), 0.0)
    return logs, bounds


def _log_ratios(counts: Sequence[int], total: int) -> np.ndarray:
    """``log(count / total)`` in longdouble, error about ``4u |log|`` (``-inf`` for 0)."""
    logs = np.full(len(counts), -np.inf, dtype=_LD)
    width = total.bit_length()
    index, high, low, shift = [], [], [], []
    for i, count in enumerate(counts):
        if count:
            s = 72 - (count.bit_length() - width)  # count * 2**s // total has 71 to 73 bits
            mantissa = (count << s) // total
            index.append(i)
            high.append(mantissa >> 32)
            low.append(mantissa & 0xFFFFFFFF)
            shift.append(s)
    if index:
        mantissa = np.array(high, dtype=_LD) * _LD(2.0**32) + np.array(low, dtype=_LD)
        logs[index] = np.log(mantissa) - np.array(shift, dtype=_LD) * np.log(_LD(2))
    return logs


# -- error factors ----------------------------------------------------------------------------
def _fft_error_factor(length: int, unit: float) -> float:
    """Brent-Zimmermann Theorem 3.3.2 factor ``e(N)`` at unit roundoff ``unit``."""
    n = max(1, math.ceil(math.log2(max(length, 2))))
    return math.expm1(3 * n * math.log1p(unit) + (3 * n + 1) * math.log1p(unit * math.sqrt(5))
                      + 3 * n * math.log1p(2 * unit))


def _gamma(count: float, unit: float) -> float:
    return count * unit / (1 - count * unit)


# -- one computation at one tilt --------------------------------------------------------------
@dataclass
class _Problem:
    """The parts, as log-probabilities, with their exponents and the transform length."""

    logs: list[np.ndarray]  # longdouble log p_j(k), k = 0 .. m_j - 1
    exponents: list[int]
    length: int  # number of outcomes of the sum
    size: int  # transform length N
    work: type  # working float type of the transforms
    rows: list[np.ndarray | None]  # DFT rows of the parts summed directly, else None

    @property
    def unit(self) -> float:
        return _U_64 if self.work is np.float64 else _U_LD


def _dft_rows(support: np.ndarray, size: int) -> np.ndarray:
    """``exp(-2 pi i k f / N)`` for the ``k`` in ``support`` and ``f = 0 .. N/2``, longdouble.

    Each has error below ``23u``: the angle ``2 pi r / N`` (``r = k f mod N``) is within
    ``3u * 2 pi`` and ``cos``/``sin`` add an ulp.
    """
    two_pi = 8 * np.arctan(_LD(1))
    frequencies = np.arange(size // 2 + 1, dtype=np.int64)
    rows = np.empty((len(support), size // 2 + 1), dtype=_CLD)
    for row, k in enumerate(support):
        r = (int(k) * frequencies) % size
        angles = two_pi * (r.astype(_LD) / _LD(size))
        rows[row] = np.cos(angles) - 1j * np.sin(angles)
    return rows


def _power(z: np.ndarray, exponent: int) -> np.ndarray:
    result = None
    while True:
        if exponent & 1:
            result = z if result is None else result * z
        exponent >>= 1
        if not exponent:
            return result
        z = z * z


def _tilt(logs: np.ndarray, theta: float) -> tuple[np.ndarray, Any, float]:
    """``q(k) = exp(log p(k) + theta k - c)`` in longdouble, ``c`` and q's relative error."""
    k = np.arange(len(logs), dtype=_LD)
    x = logs + _LD(theta) * k
    finite = np.isfinite(x)
    top = x[finite].max()
    c = top + np.log(np.sum(np.exp(x[finite] - top)))
    q = np.exp(x - c)
    magnitude = float(np.max(np.abs(logs[finite]) + abs(theta) * k[finite])) + abs(float(c))
    return q, c, math.expm1(16 * _U_LD * (magnitude + 64))


def _at_tilt(problem: _Problem, theta: float) -> tuple[np.ndarray, np.ndarray]:
    """Log-probabilities (longdouble) and bounds on their error in log (float64) at ``theta``."""
    size, unit, work = problem.size, problem.unit, problem.work
    spectrum = None
    log_bound_sum = np.zeros(size // 2 + 1)
    ratio_sum = np.zeros(size // 2 + 1)
    shift, input_error, weight, untilt_scale = _LD(0), 0.0, 0.0, 0.0
    factor = _fft_error_factor(size, unit)
    for logs, exponent, rows in zip(problem.logs, problem.exponents, problem.rows,
                                    strict=True):
        q, c, eps = _tilt(logs, theta)
        if work is np.float64:
            q = q.astype(np.float64)
            eps = (1 + eps) * (1 + _U_64) - 1
        if rows is not None:
            transform = q[np.isfinite(logs)] @ rows
            delta = _gamma(2 * len(rows) + 32, _U_LD) * float(np.sum(q))
        else:
            transform = np.fft.rfft(q, size)
            delta = factor / (1 - factor) * math.sqrt(size) * float(
                np.sqrt(np.sum(np.square(q.astype(np.float64)))))
        powered = _power(transform, exponent)
        spectrum = powered if spectrum is None else spectrum * powered
        bound = np.abs(transform).astype(np.float64) * (1 + 2.0**-50) + delta
        log_bound_sum += exponent * np.log(bound)
        ratio_sum += exponent * delta / bound
        shift += exponent * c
        untilt_scale += exponent * abs(float(c))
        input_error += -exponent * math.log1p(-min(eps, 0.5))
        weight += exponent + 2 * math.log2(exponent) + 2
    rho = math.expm1(weight * math.log1p(_gamma(2, unit) * math.sqrt(2)))
    per_frequency = np.exp(log_bound_sum) * (ratio_sum + rho)
    weights = np.full(size // 2 + 1, 2.0)
    weights[0] = 1.0
    if size % 2 == 0:
        weights[-1] = 1.0
    tilted = np.fft.irfft(spectrum, size)
    norm = math.sqrt(float(np.sum(np.square(tilted.astype(np.float64)))))
    absolute = (float(np.dot(weights, per_frequency)) / size + factor / (1 - factor) * norm
                + 1e4 * size * float(np.finfo(work).smallest_normal)) * (1 + 1e-6)
    values = tilted[:problem.length].astype(_LD)
    positive = values > 0
    trusted = values > absolute
    logs = np.full(problem.length, -np.inf, dtype=_LD)
    logs[positive] = np.log(values[positive])
    s = np.arange(problem.length, dtype=_LD)
    result = logs - _LD(theta) * s + shift
    fft_error = np.full(problem.length, np.inf)
    fft_error[trusted] = -np.log1p(-absolute / values[trusted].astype(np.float64))
    magnitudes = (np.abs(np.where(positive, logs, 0).astype(np.float64))
                  + abs(theta) * s.astype(np.float64)
                  + untilt_scale * (len(problem.logs) + 2))
    output_error = 2.0**-53 * np.abs(np.where(positive, result, 0).astype(np.float64))
    bounds = fft_error + input_error + 8 * _U_LD * magnitudes + output_error
    return result, bounds


# -- choosing tilts ---------------------------------------------------------------------------
def _tilted_mean(logs64: list[np.ndarray], exponents: list[int], theta: float) -> float:
    total = 0.0
    for logs, exponent in zip(logs64, exponents, strict=True):
        k = np.arange(len(logs), dtype=np.float64)
        x = logs + theta * k
        w = np.exp(x - x.max())
        total += exponent * float(w @ k) / float(w.sum())
    return total


def _solve_tilt(logs64: list[np.ndarray], exponents: list[int], target: float) -> float:
    """The ``theta`` whose tilted mean is ``target`` (the mean increases with ``theta``)."""
    low, high = -1.0, 1.0
    while _tilted_mean(logs64, exponents, low) > target and low > -1e9:
        low *= 2
    while _tilted_mean(logs64, exponents, high) < target and high < 1e9:
        high *= 2
    while high - low > 1e-10 * max(1.0, abs(low)):
        middle = (low + high) / 2
        if _tilted_mean(logs64, exponents, middle) < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


class _Sweep:
    """Runs tilts, keeping for each outcome the result with the smallest bound."""

    def __init__(self, problem: _Problem, support: np.ndarray, rtol: float) -> None:
        self.problem, self.support = problem, support
        self.limit = math.log1p(rtol)  # relative error <= rtol  <=>  log error <= this
        self.logs64 = [np.where(np.isfinite(x), x, -np.inf).astype(np.float64)
                       for x in problem.logs]
        self.values = np.full(problem.length, -np.inf, dtype=_LD)
        self.bounds = np.full(problem.length, np.inf)
        self.given_up = np.zeros(problem.length, dtype=bool)
        self.tilts: list[float] = []
        self.gains: list[int] = []  # outcomes newly covered by each tilt

    @property
    def done(self) -> bool:
        """Out of tilts, or stalled: the last 8 covered under 1/200 of the support together
        (outcomes that tilting cannot reach, left to the exact computation)."""
        recent = self.gains[-STALL_TILTS:]
        return len(self.tilts) >= MAX_TILTS or (
            len(recent) == STALL_TILTS and sum(recent) * 200 < np.count_nonzero(self.support))

    def run(self, theta: float) -> int:
        """Compute at ``theta`` (unless done already): how many outcomes it newly covered."""
        if any(abs(theta - t) <= 1e-12 * max(1.0, abs(t)) for t in self.tilts):
            return 0
        self.tilts.append(theta)
        values, bounds = _at_tilt(self.problem, theta)
        uncovered = int(np.count_nonzero(self.bounds > self.limit))
        better = bounds < self.bounds
        self.values[better] = values[better]
        self.bounds[better] = bounds[better]
        self.gains.append(uncovered - int(np.count_nonzero(self.bounds > self.limit)))
        return self.gains[-1]

    def pending(self) -> np.ndarray:
        return np.flatnonzero(self.support & (self.bounds > self.limit) & ~self.given_up)

    def center(self, theta: float) -> float:
        return _tilted_mean(self.logs64, self.problem.exponents, theta)

    def tilt_for(self, target: float, margin: float) -> tuple[float, bool]:
        """The tilt centred on ``target`` (kept ``margin`` inside the range), and whether
        ``target`` had to be moved to stay inside."""
        top = self.problem.length - 1
        inside = min(max(target, min(margin, top / 2)), max(top - margin, top / 2))
        return _solve_tilt(self.logs64, self.problem.exponents, inside), inside != target

    def cover(self) -> None:
        """Sweep up then down from ``theta = 0``; then a few tries at what is left."""
        self.run(0.0)
        for direction in (1, -1):
            theta = 0.0
            while not self.done:
                center = self.center(theta)
                waiting = self.pending()
                waiting = waiting[waiting > center] if direction > 0 else waiting[
                    waiting < center]
                if not waiting.size:
                    break
                outcome = int(waiting[0] if direction > 0 else waiting[-1])
                theta = self._reach(outcome, direction, 0.8 * max(abs(outcome - center), 1.0))
        for _ in range(LAST_TRIES):
            waiting = self.pending()
            if not waiting.size or self.done:
                break
            self.run(self.tilt_for(float(waiting[0]), 1e-3)[0])
            self.given_up[waiting[0]] = self.bounds[waiting[0]] > self.limit

    def _reach(self, outcome: int, direction: int, step: float) -> float:
        """Tilt past ``outcome`` by ``step``, halving the step until ``outcome`` is covered;
        give up after two tilts that cover nothing new, or once the step is below 1/4 (1e-3
        at the ends of the range, where the tilt keeps growing as the step shrinks)."""
        theta, idle = 0.0, 0
        while not self.done and idle < 2:
            theta, at_end = self.tilt_for(outcome + direction * step, min(0.25, step / 4))
            idle = 0 if self.run(theta) else idle + 1
            if self.bounds[outcome] <= self.limit:
                return theta
            step /= 2
            if step < (1e-3 if at_end else 0.25):
                break
        self.given_up[outcome] = True
        return theta


# -- support ----------------------------------------------------------------------------------
def _boolean_sum(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Support of the sum of two supports (0/1 float vectors), exact: counts are integers and
    the FFT error ``e(N) ||a||_2 ||b||_2`` is far below 1/2 at the sizes allowed."""
    length = len(a) + len(b) - 1
    if min(len(a), len(b)) <= 64:
        counts = np.convolve(a, b)
    else:
        from ..backends._fastlen import next_fast_len

        size = next_fast_len(length)
        counts = np.fft.irfft(np.fft.rfft(a, size) * np.fft.rfft(b, size), size)[:length]
    return (counts > 0.5).astype(np.float64)


def _support(logs: list[np.ndarray], exponents: list[int], length: int) -> np.ndarray:
    if all(np.isfinite(x).all() for x in logs):
        return np.ones(length, dtype=bool)
    result = np.ones(1)
    for x, exponent in zip(logs, exponents, strict=True):
        base = np.isfinite(x).astype(np.float64)
        while True:
            if exponent & 1:
                result = _boolean_sum(result, base)
            exponent >>= 1
            if not exponent:
                break
            base = _boolean_sum(base, base)
    return result[:length] > 0.5


# -- the public function ----------------------------------------------------------------------
def float_sum(*parts: Distribution, repeat: int = 1, accurate: bool = True,
              rtol: float = 1e-12, method: str = "auto") -> FloatDistribution:
    """The distribution of a sum of independent integer random variables, as floats.

    Parameters
    ----------
    *parts : Distribution
        Distributions with integer outcomes (dice, ``dc.dice("3d8")``, ...); they are added as
        independent variables.
    repeat : int, default 1
        The result is the sum of ``repeat`` independent copies of ``sum(parts)``:
        ``float_sum(dc.die(6), repeat=1000)`` is 1000d6.
    accurate : bool, default True
        True: every probability has relative error at most ``rtol`` (exponentially tilted
        FFTs in extended precision, with exact-then-rounded values for any outcome the tilts
        cannot reach; see the module docstring for the bound). False: one plain float64 FFT,
        fast, with absolute error about ``1e-16`` of the largest probability (for comparison;
        its :attr:`~FloatDistribution.error_bounds` say which entries can be trusted).
    rtol : float, default 1e-12
        The relative error allowed for each probability. Below about ``2**-53 |log p|`` the
        float64 rounding of ``log p`` itself exceeds it, and :attr:`error_bound` says so.
    method : {'auto', 'tilted', 'exact'}, default 'auto'
        How the accurate path gets there: ``'tilted'`` by tilted FFTs, ``'exact'`` by the exact
        sum rounded (:meth:`FloatDistribution.from_exact`). ``'auto'`` sums exactly while the
        exact result holds under ``TILTED_FROM_BITS`` bits in all (outcomes times the bits of
        the total weight): measured on dice sums, exact big-integer sums are 3-13 times faster
        than the tilted FFTs up to about that size, which holds e.g. 2000d6. Ignored when
        ``accurate=False``.

    Returns
    -------
    FloatDistribution
        Log-probabilities over consecutive outcomes, float64 probabilities, per-outcome error
        bounds, the method, the time taken and the tilts used.

    Raises
    ------
    discreteconv.errors.InvalidEntryError
        A part that is not a Distribution or has non-integer outcomes.
    discreteconv.errors.InvalidOptionError
        ``repeat`` not an integer >= 1, ``rtol`` not in (0, 1), ``accurate`` not a bool.
    discreteconv.errors.TooLargeError
        More than ``MAX_OUTCOMES_ACCURATE`` (10**7) outcomes, or 10**8 with
        ``accurate=False``, or more memory than the library allows itself; refused before
        computing.

    Examples
    --------
    >>> import discreteconv as dc
    >>> result = float_sum(dc.die(6), dc.die(20), repeat=100, method="tilted")
    >>> result.start, len(result), result.method
    (200, 2401, 'tilted-fft')
    >>> float_sum(dc.die(6), dc.die(20), repeat=100).method  # small: exact, then rounded
    'exact-then-rounded'
    >>> result.error_bound <= 1e-12
    True
    >>> float_sum(dc.die(6), repeat=0)
    Traceback (most recent call last):
    ...
    discreteconv.errors.InvalidOptionError: repeat must be an integer >= 1; received 0
    """
    began = time.perf_counter()
    _check_parts(parts)
    repeat = _validate.integer("repeat", repeat, 1)
    if not isinstance(accurate, bool):
        raise InvalidOptionError(f"accurate must be True or False; received {accurate!r}")
    rtol = _check_rtol(rtol)
    method = _validate.choice("method", method, ("auto", "tilted", "exact"))
    counted = Counter(parts)
    distinct = list(counted)
    exponents = [repeat * counted[part] for part in distinct]
    dense = [part.dense() for part in distinct]
    length = sum(e * (len(c) - 1) for e, (_, c) in zip(exponents, dense, strict=True)) + 1
    start = sum(e * s for e, (s, _) in zip(exponents, dense, strict=True))
    limit = MAX_OUTCOMES_ACCURATE if accurate else MAX_OUTCOMES_PLAIN
    if length > limit:
        raise TooLargeError(
            f"the sum has {length} outcomes, more than the {limit} that float_sum"
            f"(accurate={accurate}) allows; refused before computing")
    if accurate and method != "tilted":
        bits = sum(e * part.total.bit_length() for e, part in zip(exponents, distinct,
                                                                  strict=True))
        if method == "exact" or length * bits < TILTED_FROM_BITS:
            _validate.check_memory(length * bits / 8 * 3, "float_sum")
            rounded = FloatDistribution.from_exact(_exact_sum(distinct, exponents), rtol)
            return replace(rounded, seconds=time.perf_counter() - began)
    from ..backends._fastlen import next_fast_len

    size = next_fast_len(max(length, 2))
    _validate.check_memory((160 if accurate else 64) * size, "float_sum")
    logs = [_log_ratios(c, part.total) for part, (_, c) in zip(distinct, dense, strict=True)]
    rows = [_dft_rows(np.flatnonzero(np.isfinite(x)), size)
            if accurate and np.isfinite(x).sum() * size <= DIRECT_DFT_MAX_ENTRIES else None
            for x in logs]
    problem = _Problem(logs, exponents, length, size, _LD if accurate else np.float64, rows)
    if not accurate:
        values, bounds = _at_tilt(problem, 0.0)
        return _finish(start, values, np.expm1(bounds), "plain-fft", began, rtol, (0.0,), 0)
    sweep = _Sweep(problem, _support(logs, exponents, length), rtol)
    sweep.cover()
    values, bounds = sweep.values, np.expm1(sweep.bounds)
    bounds[~sweep.support] = 0.0
    values[~sweep.support] = -np.inf
    missing = np.flatnonzero(sweep.support & (sweep.bounds > sweep.limit))
    if missing.size:
        exact = _exact_sum(distinct, exponents)
        counts = exact.dense()[1]
        exact_logs, exact_bounds = _exact_logs([counts[i] for i in missing], exact.total)
        values[missing] = exact_logs.astype(_LD)
        bounds[missing] = exact_bounds
    method = "tilted-fft+exact" if missing.size else "tilted-fft"
    return _finish(start, values, bounds, method, began, rtol, tuple(sweep.tilts),
                   int(missing.size))


def _exact_sum(parts: list[Distribution], exponents: list[int]) -> Distribution:
    total = None
    for part, exponent in zip(parts, exponents, strict=True):
        term = exponent @ part if exponent > 1 else part
        total = term if total is None else total + term
    assert total is not None
    return total


def _finish(start: int, values: np.ndarray, bounds: np.ndarray, method: str, began: float,
            rtol: float, tilts: tuple[float, ...], exact_entries: int) -> FloatDistribution:
    with np.errstate(under="ignore"):
        pmf = np.exp(values).astype(np.float64)
    return FloatDistribution(int(start), values.astype(np.float64), pmf,
                             bounds.astype(np.float64), method, time.perf_counter() - began,
                             rtol, tilts, exact_entries)
