"""The Piecewise the engine returns: disjoint intervals ``low <= t < high`` that rewrite to steps.

SymPy cannot rewrite a ``Piecewise`` as ``Heaviside`` steps. :class:`Piecewise` (called
``IntervalPiecewise`` in the engine) is a
``Piecewise`` (it prints, substitutes and evaluates as one) that can: each piece
``value`` on ``low <= t < high`` becomes ``value*(Heaviside(t - low) - Heaviside(t - high))``.

Examples
--------
>>> import sympy as sp
>>> t = sp.Symbol("t", real=True)
>>> pulse = IntervalPiecewise((1, (t >= 0) & (t < 1)), (0, True))
>>> pulse.rewrite(sp.Heaviside)
Heaviside(t) - Heaviside(t - 1)
>>> pulse == sp.Piecewise((1, (t >= 0) & (t < 1)), (0, True)) and pulse == pulse
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sympy as sp

from ._expr import as_expr

__all__ = ["IntervalPiecewise", "Piecewise", "condition", "interval", "on_intervals"]


class Piecewise(sp.Piecewise):
    """A ``Piecewise`` on disjoint intervals of one variable, with a rewrite to Heaviside steps.

    The class keeps SymPy's name so that every printer (str, LaTeX, lambdify's code printers)
    treats it as a ``Piecewise``: SymPy ignores a parent's printing method for a subclass of a
    function that has another name. ``str`` gives text SymPy reads back as a plain Piecewise,
    and it compares and hashes equal to the plain ``Piecewise`` with the same pieces.
    """

    def _plain(self) -> sp.Piecewise:
        return sp.Piecewise(*self.args, evaluate=False)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Piecewise):
            other = other._plain()
        return sp.Piecewise.__eq__(self._plain(), other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._plain())

    def _eval_rewrite_as_Heaviside(self, *args: Any, **kwargs: Any) -> Any:
        total, covered = sp.S.Zero, sp.S.Zero
        for value, condition in args:
            window = (1 - covered) if condition is sp.true else _window(condition)
            if window is None:
                return None
            total += value * window
            covered += window
        return total


def _window(condition: Any) -> Any:
    """``Heaviside(t - low) - Heaviside(t - high)`` for ``low <= t < high`` (either side open)."""
    parts = condition.args if isinstance(condition, sp.And) else (condition,)
    if len(parts) > 2 or not all(_is_order(part) for part in parts):
        return None
    common = set.intersection(*(part.free_symbols for part in parts))
    candidates = [symbol for symbol in sorted(common, key=str)
                  if all(symbol in _sides(part) for part in parts)]
    if len(parts) == 1 and len(candidates) != 1:  # one bound between two symbols
        greater, lesser = _sides(parts[0])
        return sp.Heaviside(greater - lesser)
    for variable in candidates:
        low = high = None
        for part in parts:
            greater, lesser = _sides(part)
            if greater == variable and not lesser.has(variable):
                low = sp.Heaviside(variable - lesser)
            elif lesser == variable and not greater.has(variable):
                high = sp.Heaviside(variable - greater)
        if (low is not None) + (high is not None) == len(parts):
            return (low if low is not None else 1) - (high if high is not None else 0)
    return None


def _is_order(relation: Any) -> bool:
    return isinstance(relation, (sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan,
                                 sp.StrictLessThan))


def _sides(relation: Any) -> tuple[Any, Any]:
    """``(greater, lesser)`` of an inequality."""
    if isinstance(relation, (sp.GreaterThan, sp.StrictGreaterThan)):
        return relation.lhs, relation.rhs
    return relation.rhs, relation.lhs


#: The name the engine uses for it.
IntervalPiecewise = Piecewise


def interval(breaks: Sequence[Any], index: int) -> tuple[Any, Any]:
    """The ends of interval ``index`` between sorted ``breaks`` (``-oo``/``oo`` outside)."""
    low = breaks[index - 1] if index > 0 else -sp.oo
    high = breaks[index] if index < len(breaks) else sp.oo
    return low, high


def condition(x: Any, low: Any, high: Any) -> Any:
    """``low <= x < high``, with the infinite ends left out."""
    parts = []
    if low != -sp.oo:
        parts.append(x >= low)
    if high != sp.oo:
        parts.append(x < high)
    return sp.And(*parts) if parts else sp.true


def on_intervals(x: Any, pieces: Iterable[tuple[Any, Any, Any]],
                 deltas: Iterable[tuple[Any, Any]] = ()) -> Any:
    """``value`` on ``low <= x < high`` for each ``(value, low, high)`` of disjoint intervals,
    0 elsewhere, plus ``w*DiracDelta(x - p)`` for each delta: one :class:`Piecewise` (a value
    that is itself a Piecewise on a parameter condition is folded into it)."""
    kept = [(as_expr(value), condition(x, low, high))
            for value, low, high in pieces if value != 0]
    if not kept:
        body = sp.S.Zero
    elif len(kept) == 1 and kept[0][1] is sp.true:
        body = kept[0][0]
    else:
        body = Piecewise(*kept, (0, True))
    if any(value.has(sp.Piecewise) for value, _ in kept):  # a degenerate case inside
        folded = sp.piecewise_fold(body)
        body = Piecewise(*folded.args) if isinstance(folded, sp.Piecewise) else folded
    return body + sp.Add(*(w * sp.DiracDelta(x - p) for p, w in deltas))
