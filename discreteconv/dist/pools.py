"""Dice pools: keep or drop the highest or lowest ``k`` of ``n`` dice, exactly.

Rolls are never listed. Outcomes are swept from the best end: a state records how many dice
have been placed so far and the sum of the kept ones, and placing ``j`` of the remaining dice on
the next outcome multiplies the state's count by ``C(remaining, j) * weight**j`` (how order
statistics are counted). Once ``k`` dice are kept the rest only need to fall below, which is
``(weight below)**remaining`` ways, so states never grow past ``k`` kept dice.
"""

from __future__ import annotations

import math
from typing import Any

from .. import _validate
from ..errors import InvalidOptionError
from .distribution import Distribution

__all__ = ["drop_highest", "drop_lowest", "keep_highest", "keep_lowest"]


def _keep(die: Distribution, n: int, k: int, highest: bool) -> Distribution:
    n = _validate.integer("the number of dice", n, 1)
    k = _validate.integer("the number of dice kept", k, 0)
    if k > n:
        raise InvalidOptionError(f"cannot keep {k} of {n} dice")
    if k == 0:
        return Distribution.constant(0)
    if k == n:
        return n @ die
    if k == 1:
        from ._arithmetic import maximum, minimum

        return (maximum if highest else minimum)(*([die] * n))
    pairs = list(zip(die.outcomes, die.weights, strict=True))
    if highest:
        pairs.reverse()
    below = die.total  # weight of outcomes not yet swept (including the current one)
    # states[(placed, kept_sum)] = ways; placed < k always (finished states leave the dict)
    states: dict[tuple[int, Any], int] = {(0, 0): 1}
    finished: dict[Any, int] = {}
    for outcome, weight in pairs:
        below -= weight
        next_states: dict[tuple[int, Any], int] = {}
        for (placed, kept), ways in states.items():
            remaining = n - placed
            power_of_weight = 1
            for j in range(remaining + 1):
                count = ways * math.comb(remaining, j) * power_of_weight
                power_of_weight *= weight
                now_placed = placed + j
                if now_placed >= k:
                    total = kept + (k - placed) * outcome
                    # the other dice all fall strictly past this outcome
                    finished[total] = finished.get(total, 0) + count * below ** (n - now_placed)
                else:
                    key = (now_placed, kept + j * outcome)
                    next_states[key] = next_states.get(key, 0) + count
        states = next_states
    result = Distribution.__new__(Distribution)
    result._set_weights(finished, die.truncated and 1 - (1 - die.truncated) ** n)
    return result


def keep_highest(die: Distribution, n: int, k: int = 1) -> Distribution:
    """Roll ``n`` copies of ``die`` and sum the highest ``k`` (``4d6kh3``).

    Examples
    --------
    >>> import discreteconv as dc
    >>> keep_highest(dc.die(6), 4, 3).mean()  # 4d6, drop the lowest
    Fraction(15869, 1296)
    """
    return _keep(die, n, k, highest=True)


def keep_lowest(die: Distribution, n: int, k: int = 1) -> Distribution:
    """Roll ``n`` copies of ``die`` and sum the lowest ``k`` (``2d20kl1``: disadvantage)."""
    return _keep(die, n, k, highest=False)


def drop_lowest(die: Distribution, n: int, k: int = 1) -> Distribution:
    """Roll ``n`` copies of ``die`` and drop the lowest ``k`` (``4d6dl1``)."""
    return _keep(die, n, _validate.integer("the number of dice", n, 1) - k, highest=True)


def drop_highest(die: Distribution, n: int, k: int = 1) -> Distribution:
    """Roll ``n`` copies of ``die`` and drop the highest ``k``."""
    return _keep(die, n, _validate.integer("the number of dice", n, 1) - k, highest=False)
