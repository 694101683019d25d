"""The order of breakpoints, which may hold parameters: decided by the assumptions or refused.

``compare(0, T)`` is ``-1`` when ``T`` was declared positive; ``compare(T1, T2)`` with nothing
known raises :class:`~discreteconv.errors.AssumptionNeededError`, naming both breakpoints and
what to assume. Infinities compare as expected.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sympy as sp

from ..errors import AssumptionNeededError

__all__ = ["compare", "merge", "position"]


def compare(x: Any, y: Any) -> int:
    """``-1``, ``0`` or ``1`` as ``x < y``, ``x == y`` or ``x > y`` for every allowed value."""
    if x == y:
        return 0
    if x == -sp.oo or y == sp.oo:
        return -1
    if x == sp.oo or y == -sp.oo:
        return 1
    difference = sp.expand(x - y)
    if difference.is_zero:
        return 0
    if difference.is_negative:
        return -1
    if difference.is_positive:
        return 1
    if not difference.free_symbols:  # e.g. sqrt(2) - 1.4142: settle it numerically
        value = sp.N(difference, 30)
        if value.is_number and value != 0:
            return -1 if value < 0 else 1
    raise AssumptionNeededError(_undecided(x, y, difference))


def _undecided(x: Any, y: Any, difference: Any) -> str:
    symbols = sorted(difference.free_symbols, key=str)
    if len(symbols) == 1:
        hint = f"state its sign, for example assume=\"{symbols[0]}>0\""
    elif len(symbols) == 2:
        first, second = symbols
        hint = (f"state the signs of {first} and {second} and their order, for example "
                f"assume=\"{first}>0, {second}>0, {first}<{second}\"")
    else:
        hint = f"state the signs of {', '.join(map(str, symbols))} and how they are ordered"
    return (f"cannot tell whether the breakpoint {x} comes before or after {y}: the answer "
            f"changes with the sign of {difference}; {hint}")


def merge(groups: Iterable[Iterable[Any]]) -> list[Any]:
    """The points of ``groups`` in increasing order, equal ones (by :func:`compare`) once."""
    merged: list[Any] = []
    for group in groups:
        for point in group:
            index = _search(merged, point)
            if index < len(merged) and compare(merged[index], point) == 0:
                continue
            merged.insert(index, point)
    return merged


def _search(ordered: list[Any], point: Any) -> int:
    """The first index whose point is not below ``point`` (binary search with :func:`compare`)."""
    low, high = 0, len(ordered)
    while low < high:
        middle = (low + high) // 2
        if compare(ordered[middle], point) < 0:
            low = middle + 1
        else:
            high = middle
    return low


def position(ordered: list[Any], point: Any) -> int:
    """The index of ``point`` in ``ordered`` (``-1`` for ``-oo``, ``len(ordered)`` for ``oo``)."""
    if point == -sp.oo:
        return -1
    if point == sp.oo:
        return len(ordered)
    index = _search(ordered, point)
    if index == len(ordered) or compare(ordered[index], point) != 0:
        raise ValueError(f"{point} is not one of the breakpoints")  # an engine bug, not input
    return index
