"""Exact statistics of a :class:`~discreteconv.Distribution` (its methods are defined here)."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .. import _validate
from ..errors import InvalidOptionError

if TYPE_CHECKING:
    from .distribution import Distribution


def _pairs(dist: Distribution) -> Any:
    return zip(dist.outcomes, dist.weights, strict=True)


def mean(dist: Distribution) -> Fraction:
    """The expected value, exactly.

    Examples
    --------
    >>> import discreteconv as dc
    >>> dc.die(6).mean()
    Fraction(7, 2)
    """
    return moment(dist, 1, central=False)


def _raw_sums(dist: Distribution, order: int) -> tuple[list[int], int]:
    """``R_j = sum_o w (c o)**j`` for ``j <= order``, with ``c`` clearing outcome denominators.

    Everything is an integer, so no Fraction (and no gcd) is made per outcome.
    """
    scale = math.lcm(*(o.denominator for o in dist.outcomes if isinstance(o, Fraction))) \
        if any(isinstance(o, Fraction) for o in dist.outcomes) else 1
    sums = [0] * (order + 1)
    for outcome, weight in _pairs(dist):
        value = int(outcome * scale)
        term = weight
        for j in range(order + 1):
            sums[j] += term
            term *= value
    return sums, scale


def moment(dist: Distribution, order: int, central: bool = True) -> Fraction:
    """``E[(X - mean)**order]`` (or ``E[X**order]`` with ``central=False``), exactly.

    With raw sums ``R_j = sum w o**j``, total ``T`` and ``S = R_1``,
    ``E[(X - S/T)**k] = sum_j C(k, j) T**j R_j (-S)**(k-j) / T**(k+1)``: integers throughout.

    Examples
    --------
    >>> import discreteconv as dc
    >>> dc.die(6).moment(2), dc.die(6).moment(2, central=False)
    (Fraction(35, 12), Fraction(91, 6))
    """
    order = _validate.integer("order", order, 0)
    if order == 0:
        return Fraction(1)
    sums, scale = _raw_sums(dist, order)
    total = dist.total
    if not central:
        return Fraction(sums[order], total * scale**order)
    first = sums[1]
    numerator = sum(math.comb(order, j) * total**j * sums[j] * (-first) ** (order - j)
                    for j in range(order + 1))
    return Fraction(numerator, total ** (order + 1) * scale**order)


def variance(dist: Distribution) -> Fraction:
    """The variance, exactly.

    Examples
    --------
    >>> import discreteconv as dc
    >>> dc.die(6).variance()
    Fraction(35, 12)
    """
    return moment(dist, 2)


def standard_deviation(dist: Distribution, exact: bool = False) -> Any:
    """The standard deviation: a float, or with ``exact=True`` a SymPy ``sqrt`` of a rational.

    Examples
    --------
    >>> import discreteconv as dc
    >>> round(dc.die(6).standard_deviation(), 6)
    1.707825
    >>> dc.die(6).standard_deviation(exact=True)
    sqrt(105)/6
    """
    value = variance(dist)
    if exact:
        import sympy

        return sympy.sqrt(sympy.Rational(value.numerator, value.denominator))
    return math.sqrt(value)


def skewness(dist: Distribution, exact: bool = False) -> Any:
    """``E[(X - mean)**3] / sd**3``: a float, or a SymPy expression with ``exact=True``."""
    third, var = moment(dist, 3), variance(dist)
    if var == 0:
        raise InvalidOptionError("skewness is undefined for a constant (variance 0)")
    if exact:
        import sympy

        ratio = sympy.Rational(third.numerator, third.denominator)
        spread = sympy.Rational(var.numerator, var.denominator)
        return sympy.simplify(ratio / spread ** sympy.Rational(3, 2))
    return float(third) / float(var) ** 1.5


def kurtosis(dist: Distribution, excess: bool = True) -> Fraction:
    """``E[(X - mean)**4] / variance**2`` (minus 3 when ``excess``, as scipy does), exactly."""
    fourth, var = moment(dist, 4), variance(dist)
    if var == 0:
        raise InvalidOptionError("kurtosis is undefined for a constant (variance 0)")
    value = fourth / var**2
    return value - 3 if excess else value


def quantile(dist: Distribution, q: Any) -> Any:
    """The smallest outcome ``x`` with ``P(X <= x) >= q`` (``0 < q <= 1``).

    Examples
    --------
    >>> import discreteconv as dc
    >>> (2 @ dc.die(6)).quantile(Fraction(1, 2))
    7
    """
    try:
        if isinstance(q, bool) or not isinstance(q, int | float | Fraction | str):
            raise TypeError
        q = Fraction(q)  # also reads "5/6" (a parser, not eval)
    except (TypeError, ValueError, OverflowError):
        raise InvalidOptionError(
            f"q must be a probability between 0 and 1; received {q!r}"
        ) from None
    if not 0 <= q <= 1:
        raise InvalidOptionError(f"q must be between 0 and 1; received {q}")
    target = q * dist.total
    running = 0
    for outcome, weight in _pairs(dist):
        running += weight
        if running >= target:
            return outcome
    return dist.outcomes[-1]


def median(dist: Distribution) -> Any:
    """The lower median: the smallest ``x`` with ``P(X <= x) >= 1/2``."""
    return quantile(dist, Fraction(1, 2))


def mode(dist: Distribution) -> tuple[Any, ...]:
    """The most likely outcome(s), in increasing order.

    Examples
    --------
    >>> import discreteconv as dc
    >>> (2 @ dc.die(6)).mode()
    (7,)
    """
    top = max(dist.weights)
    return tuple(o for o, w in _pairs(dist) if w == top)


def entropy(dist: Distribution, base: float = 2, exact: bool = False) -> Any:
    """Shannon entropy ``-sum p log p`` (bits by default); ``exact=True`` gives SymPy logs."""
    if isinstance(base, bool) or not isinstance(base, int | float | Fraction) or not (
        base > 0 and base != 1
    ):
        raise InvalidOptionError(f"base must be a positive number other than 1; received {base!r}")
    if exact:
        import sympy

        # -sum (w/T) log(w/T) = log T - (1/T) sum w log w, in units of log(base)
        total = sympy.Integer(dist.total)
        counts: dict[int, int] = {}
        for w in dist.weights:
            counts[w] = counts.get(w, 0) + 1
        weighted = sympy.Add(*(sympy.Integer(c * w) * sympy.log(sympy.Integer(w))
                               for w, c in sorted(counts.items()) if w != 1))
        return (sympy.log(total) - weighted / total) / sympy.log(sympy.nsimplify(base))
    total = dist.total
    log_total = math.log(total)
    return -sum(w / total * (math.log(w) - log_total) for w in dist.weights) / math.log(base)
