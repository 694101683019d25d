"""Exponentially tilted FFTs: the accurate path of :func:`discreteconv.dist.floating.float_sum`.

Each parts exact probabilities become extended-precision logs (:func:`_log_ratios`); at a
tilt ``theta`` the tilted parts are transformed, raised to their powers, multiplied and
transformed back (:func:`_at_tilt`), with an a posteriori bound on every entry; a sweep of
tilts (:class:`_Sweep`) keeps, for each outcome, the tilt with the smallest bound.

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

"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..backends.splitfft import error_factor

#: At most this many tilts; outcomes still not covered are computed exactly.
MAX_TILTS = 200
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
    factor = error_factor(size, unit)
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
