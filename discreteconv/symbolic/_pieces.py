"""Piecewise functions on the real line: sums of elementary terms on intervals, plus deltas.

:class:`Pieces` is the engine's picture of a function: breakpoints ``b_0 < ... < b_{n-1}``
(numbers or expressions in parameters, ordered by :mod:`._order`), the terms on each of the
``n + 1`` intervals ``(-oo, b_0), (b_0, b_1), ..., (b_{n-1}, oo)``, and Dirac deltas
``w * delta(x - p)``. Values at the breakpoints themselves are not kept: they do not change an
integral. Sums and products merge the breakpoints; a delta times a function takes the
function's value at the delta (refused where the function jumps there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from ..errors import InvalidEntryError
from . import _order
from ._expr import as_expr
from ._result import interval, on_intervals
from ._terms import Term, collect, multiply, substitute, to_expr

__all__ = ["Pieces"]

Terms = tuple[Term, ...]


@dataclass(frozen=True)
class Pieces:
    """A function as terms on the intervals between ``breaks``, plus ``deltas``.

    Attributes
    ----------
    breaks : tuple
        Finite breakpoints, strictly increasing.
    parts : tuple of tuple of Term
        ``len(breaks) + 1`` sums of terms, one for each interval, left to right.
    deltas : tuple of (position, weight)
        The Dirac deltas ``weight * delta(x - position)``.
    """

    breaks: tuple[Any, ...]
    parts: tuple[Terms, ...]
    deltas: tuple[tuple[Any, Any], ...] = ()

    # -- building -------------------------------------------------------------------------------
    @classmethod
    def constant(cls, value: Any) -> Pieces:
        return cls((), (collect([Term(as_expr(value))]),))

    @classmethod
    def from_terms(cls, terms: Sequence[Term]) -> Pieces:
        return cls((), (collect(terms),))

    @classmethod
    def window(cls, low: Any, high: Any) -> Pieces:
        """1 on ``(low, high)`` (either end may be infinite), 0 elsewhere."""
        one = (Term(sp.S.One),)
        if low == -sp.oo and high == sp.oo:
            return cls((), (one,))
        if low == -sp.oo:
            return cls((high,), (one, ()))
        if high == sp.oo:
            return cls((low,), ((), one))
        if _order.compare(low, high) >= 0:
            return cls((), ((),))
        return cls((low, high), ((), one, ()))

    @classmethod
    def delta(cls, position: Any, weight: Any = 1) -> Pieces:
        return cls((), ((),), ((position, as_expr(weight)),))

    # -- reading --------------------------------------------------------------------------------
    def interval(self, index: int) -> tuple[Any, Any]:
        """The ends of interval ``index`` (``-oo``/``oo`` at the two outer ones)."""
        return interval(self.breaks, index)

    def regions(self) -> Iterator[tuple[Any, Any, Terms]]:
        """``(low, high, terms)`` for every interval where the function is not zero."""
        for index, terms in enumerate(self.parts):
            if terms:
                yield (*self.interval(index), terms)

    @property
    def is_zero(self) -> bool:
        return not self.deltas and not any(self.parts)

    def expression(self, index: int, x: Any) -> Any:
        return to_expr(self.parts[index], x)

    # -- arithmetic -----------------------------------------------------------------------------
    def _on(self, breaks: list[Any]) -> list[Terms]:
        """The parts of this function on the finer grid ``breaks`` (which holds its breaks)."""
        spots = [_order.position(breaks, point) for point in self.breaks]
        parts, piece = [], 0
        for index in range(len(breaks) + 1):
            while piece < len(spots) and spots[piece] < index:
                piece += 1
            parts.append(self.parts[piece])
        return parts

    def _combine(self, other: Pieces, operation: Callable[[Terms, Terms], Terms]) -> Pieces:
        breaks = _order.merge([self.breaks, other.breaks])
        parts = [operation(a, b) for a, b in zip(self._on(breaks), other._on(breaks), strict=True)]
        return Pieces(tuple(breaks), tuple(parts)).compact()

    def __add__(self, other: Pieces) -> Pieces:
        summed = self._combine(other, lambda a, b: collect((*a, *b)))
        return Pieces(summed.breaks, summed.parts, _add_deltas(self.deltas + other.deltas))

    def __neg__(self) -> Pieces:
        return self.scale(-1)

    def __sub__(self, other: Pieces) -> Pieces:
        return self + (-other)

    def __mul__(self, other: Pieces) -> Pieces:
        if self.deltas and other.deltas:
            raise InvalidEntryError("a product of two Dirac deltas is not a function")
        product = self._combine(other, multiply)
        deltas = [(p, w * other.value_at(p)) for p, w in self.deltas]
        deltas += [(p, w * self.value_at(p)) for p, w in other.deltas]
        return Pieces(product.breaks, product.parts, _add_deltas(deltas))

    def scale(self, factor: Any) -> Pieces:
        factor = as_expr(factor)
        return Pieces(self.breaks,
                      tuple(collect(replace(t, coefficient=factor * t.coefficient) for t in part)
                            for part in self.parts),
                      _add_deltas([(p, factor * w) for p, w in self.deltas]))

    def substitute(self, alpha: Any, beta: Any) -> Pieces:
        """``f(alpha*x + beta)`` as a function of ``x``; ``alpha`` a nonzero number."""
        points = [sp.expand((b - beta) / alpha) for b in self.breaks]
        parts = [substitute(part, alpha, beta) for part in self.parts]
        if alpha.is_negative:
            points, parts = points[::-1], parts[::-1]
        elif not alpha.is_positive:
            raise ValueError("substitute needs an alpha of known sign")  # engine bug
        deltas = [(sp.expand((p - beta) / alpha), w / abs(alpha)) for p, w in self.deltas]
        return Pieces(tuple(points), tuple(parts), _add_deltas(deltas))

    def compact(self) -> Pieces:
        """Neighbouring intervals with the same terms joined into one."""
        breaks, parts = [], [self.parts[0]]
        for point, part in zip(self.breaks, self.parts[1:], strict=True):
            if set(part) == set(parts[-1]):
                continue
            breaks.append(point)
            parts.append(part)
        return Pieces(tuple(breaks), tuple(parts), self.deltas)

    def value_at(self, point: Any) -> Any:
        """The value at ``point``; refused where the function jumps there."""
        x = sp.Dummy("x")
        for index, low in enumerate(self.breaks):
            order = _order.compare(point, low)
            if order < 0:
                return self.expression(index, x).xreplace({x: point})
            if order == 0:
                left = self.expression(index, x).xreplace({x: point})
                right = self.expression(index + 1, x).xreplace({x: point})
                if sp.simplify(left - right) != 0:
                    raise InvalidEntryError(
                        f"a Dirac delta at {point} multiplies a function that jumps there "
                        f"(from {left} to {right}); the product is not defined")
                return left
        return self.expression(len(self.breaks), x).xreplace({x: point})

    def expr(self, x: Any) -> Any:
        """A SymPy expression: a Piecewise on half-open intervals, plus the deltas."""
        return on_intervals(x, ((to_expr(terms, x), low, high)
                                for low, high, terms in self.regions()), self.deltas)


def _add_deltas(deltas: Sequence[tuple[Any, Any]]) -> tuple[tuple[Any, Any], ...]:
    """Deltas at the same position added, zero ones dropped, ordered by position."""
    merged: list[list[Any]] = []
    for position, weight in deltas:
        for entry in merged:
            if _order.compare(entry[0], position) == 0:
                entry[1] += weight
                break
        else:
            merged.append([position, weight])
    kept = [(p, sp.simplify(w)) for p, w in merged]
    kept = [(p, w) for p, w in kept if w != 0]
    ordered = _order.merge([[p for p, _ in kept]])
    return tuple(next((p, w) for p, w in kept if _order.compare(p, point) == 0)
                 for point in ordered)
