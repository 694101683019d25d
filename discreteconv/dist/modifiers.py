"""Exploding dice and rerolls (Roll20's ``!``, ``r`` and ``ro``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

from .. import _validate
from ..errors import InvalidOptionError
from .distribution import Distribution

__all__ = ["DEFAULT_EXPLODE_DEPTH", "explode", "reroll"]

#: How many times a die may explode unless told otherwise (Roll20 stops at 100 rolls).
DEFAULT_EXPLODE_DEPTH = 20


def _matcher(faces: Iterable[Any] | Callable[[Any], bool] | None,
             default: Callable[[Distribution], Callable[[Any], bool]],
             die: Distribution) -> Callable[[Any], bool]:
    if faces is None:
        return default(die)
    if callable(faces):
        return faces
    chosen = set(faces)
    return lambda v: v in chosen


def explode(die: Distribution, depth: int = DEFAULT_EXPLODE_DEPTH,
            on: Iterable[Any] | Callable[[Any], bool] | None = None) -> Distribution:
    """An exploding die: on an exploding face, roll again and add, up to ``depth`` extra rolls.

    Parameters
    ----------
    die : Distribution
    depth : int, default :data:`DEFAULT_EXPLODE_DEPTH`
        The most extra rolls. A chain that would go on past it stops (its last roll counts as
        rolled); the probability of that is reported as :attr:`Distribution.truncated`.
    on : faces or predicate, optional
        Which faces explode (default: the highest).

    Examples
    --------
    >>> import discreteconv as dc
    >>> x = explode(dc.die(6), depth=2)
    >>> x.probability(7), x.probability(13)
    (Fraction(1, 36), Fraction(1, 216))
    >>> x.truncated  # a third six would have exploded again
    Fraction(1, 216)
    """
    depth = _validate.integer("depth", depth, 0)
    explodes = _matcher(on, lambda d: (lambda v, top=d.outcomes[-1]: v == top), die)
    chance = die.probability_where(explodes)
    if chance == 1:
        raise InvalidOptionError("every face explodes: the die would never stop rolling")
    result = die
    for _ in range(depth):
        merged: dict[Any, Fraction] = {}
        for face, weight in zip(die.outcomes, die.weights, strict=True):
            p = Fraction(weight, die.total)
            if explodes(face):
                for more, more_weight in zip(result.outcomes, result.weights, strict=True):
                    key = face + more
                    merged[key] = merged.get(key, 0) + p * Fraction(more_weight, result.total)
            else:
                merged[face] = merged.get(face, 0) + p
        step = Distribution.__new__(Distribution)
        step._set_weights(merged)
        result = step
    truncated = chance ** (depth + 1) if chance else 0
    return Distribution._from_sorted(result.outcomes, result.weights, truncated)


def reroll(die: Distribution, faces: Iterable[Any] | Callable[[Any], bool],
           once: bool = False) -> Distribution:
    """Reroll matching faces: until the face no longer matches, or ``once``.

    Examples
    --------
    >>> import discreteconv as dc
    >>> reroll(dc.die(6), [1]).pmf()[2]       # r1: a 1 is never kept
    Fraction(1, 5)
    >>> reroll(dc.die(6), [1], once=True).pmf()[1]  # ro1: a second 1 stays
    Fraction(1, 36)
    """
    matches = _matcher(faces, lambda d: (lambda v: False), die)
    if once:
        merged: dict[Any, Fraction] = {}
        hit = die.probability_where(matches)
        for face, weight in zip(die.outcomes, die.weights, strict=True):
            p = Fraction(weight, die.total)
            if not matches(face):
                merged[face] = merged.get(face, 0) + p
            merged[face] = merged.get(face, 0) + hit * p
        result = Distribution.__new__(Distribution)
        result._set_weights(merged, die.truncated)
        return result
    if die.probability_where(matches) == 1:
        raise InvalidOptionError("every face is rerolled: the die would never stop rolling")
    return die.given(lambda v: not matches(v))
