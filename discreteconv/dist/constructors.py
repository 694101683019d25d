"""Ready-made distributions: dice, coins, Bernoulli, binomial, discrete uniform, Fudge dice."""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from .. import _validate
from ..errors import InvalidOptionError
from .distribution import Distribution

__all__ = ["bernoulli", "binomial", "coin", "die", "fudge", "uniform"]


def _probability(p: Any) -> Fraction:
    if isinstance(p, float):
        raise InvalidOptionError(
            f"p = {p!r} is a float; pass an exact probability such as Fraction(1, 3) or '1/3'"
        )
    try:
        value = Fraction(p)
    except (TypeError, ValueError):
        raise InvalidOptionError(f"p must be a probability such as 1/3; received {p!r}") from None
    if not 0 <= value <= 1:
        raise InvalidOptionError(f"p must be between 0 and 1; received {p!r}")
    return value


def die(sides: int | Iterable[Any]) -> Distribution:
    """A fair die: faces ``1..sides``, or the given faces (``die([1, 2, 2, 3])``).

    Examples
    --------
    >>> die(6).mean()
    Fraction(7, 2)
    >>> die([0, 0, 1]).probability(0)
    Fraction(2, 3)
    """
    if isinstance(sides, Iterable):
        return Distribution.from_faces(sides)
    count = _validate.integer("sides", sides, 1)
    return Distribution._from_sorted(tuple(range(1, count + 1)), (1,) * count)


def coin() -> Distribution:
    """A fair coin as 0 (tails) or 1 (heads)."""
    return Distribution._from_sorted((0, 1), (1, 1))


def bernoulli(p: Any) -> Distribution:
    """1 with probability ``p``, else 0 (``p`` exact: an int, Fraction or ``'p/q'`` string)."""
    value = _probability(p)
    return Distribution({0: 1 - value, 1: value})


def binomial(n: int, p: Any) -> Distribution:
    """The number of successes in ``n`` independent trials of probability ``p``.

    Examples
    --------
    >>> binomial(4, Fraction(1, 2)).probability(2)
    Fraction(3, 8)
    """
    n = _validate.integer("n", n, 0)
    value = _probability(p)
    q = 1 - value
    weights = {k: math.comb(n, k) * value**k * q ** (n - k) for k in range(n + 1)}
    return Distribution(weights)


def uniform(low: int, high: int) -> Distribution:
    """Every integer from ``low`` to ``high`` (inclusive) equally likely."""
    low = _validate.index("low", low)
    high = _validate.index("high", high)
    if high < low:
        raise InvalidOptionError(f"uniform needs low <= high; received {low} and {high}")
    return Distribution._from_sorted(tuple(range(low, high + 1)), (1,) * (high - low + 1))


def fudge() -> Distribution:
    """A Fudge/FATE die: -1, 0 and +1, equally likely (``dF``)."""
    return Distribution._from_sorted((-1, 0, 1), (1, 1, 1))
