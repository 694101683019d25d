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

The algorithm, its error bound and its references are in
:mod:`discreteconv.dist._tilted`.

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
from ._tilted import (
    _LD,
    _U_LD,
    DIRECT_DFT_MAX_ENTRIES,
    _at_tilt,
    _dft_rows,
    _log_ratios,
    _Problem,
    _support,
    _Sweep,
)
from .distribution import Distribution

__all__ = ["FloatDistribution", "float_sum"]

#: The accurate path refuses results with more outcomes than this (each tilt is an FFT of it).
MAX_OUTCOMES_ACCURATE = 10**7
#: The plain path refuses results with more outcomes than this.
MAX_OUTCOMES_PLAIN = 10**8
#: ``method='auto'`` sums exactly while the exact result has fewer bits than this in all.
TILTED_FROM_BITS = 5 * 10**7
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
        cannot reach; the bound is derived in :mod:`discreteconv.dist._tilted`). False: one
        plain float64 FFT, fast, with absolute error about ``1e-16`` of the largest
        probability (for comparison; its :attr:`~FloatDistribution.error_bounds` say which
        entries can be trusted).
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
