"""The piecewise convolution engine: ``(f*g)(t)`` interval pair by interval pair.

For an interval ``(a1, a2)`` of ``f`` and ``(b1, b2)`` of ``g``, ``f(tau) g(t - tau)`` is nonzero
where ``a1 < tau < a2`` and ``t - b2 < tau < t - b1``: for ``t`` in ``(a1 + b1, a2 + b2)``, in up
to three ranges of ``t`` separated by ``a1 + b2`` (where the lower limit switches from ``a1``
to ``t - b2``) and ``a2 + b1`` (where the upper limit switches from ``t - b1`` to ``a2``). Each
range's integral is the closed-form antiderivative of :mod:`._terms` taken between its limits.
A delta ``w delta(tau - p)`` of one function contributes ``w`` times the other shifted by ``p``.
The contributions are then added on the disjoint ``t``-intervals between all their ends,
tidied, and neighbours with equal values joined. Every integral is recorded as an
:class:`Overlap`, which is what :func:`~discreteconv.derive` shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp

from . import _order
from ._pieces import Pieces
from ._result import interval, on_intervals
from ._terms import Term, antiderivative, collect, multiply, primitive, substitute, to_expr
from ._tidy import tidy, tidy_terms

__all__ = ["Convolution", "Overlap", "convolve_pieces"]


@dataclass(frozen=True)
class Overlap:
    """One contribution: on ``low < t < high``, ``value = integral_{lower}^{upper} integrand``.

    ``integrand`` is ``f(tau) g(t - tau)`` on the pair of intervals; ``value`` is a tuple of
    :class:`~._terms.Term` in ``t`` (or an expression, for Gaussian and undecided degenerate
    cases): :attr:`expression` gives it as an expression. For a delta's contribution,
    ``lower`` and ``upper`` are None and ``integrand`` is the other function shifted.
    """

    low: Any
    high: Any
    f_index: int | None
    g_index: int | None
    integrand: Any
    lower: Any
    upper: Any
    value: Any
    delta: tuple[Any, Any] | None = None  # (position, weight) of the delta used, if any
    delta_of: str = ""  # 'f' or 'g'

    def expression(self, t: Any) -> Any:
        """The value as a tidy SymPy expression in ``t``."""
        return tidy_terms(self.value, t) if isinstance(self.value, tuple) else tidy(self.value, t)


@dataclass
class Convolution:
    """The result of :func:`convolve_pieces`: values on disjoint intervals, deltas, the work."""

    t: Any
    tau: Any
    f: Pieces
    g: Pieces
    breaks: list[Any]
    values: list[Any]
    deltas: list[tuple[Any, Any]]
    overlaps: list[Overlap] = field(default_factory=list)

    def interval(self, index: int) -> tuple[Any, Any]:
        return interval(self.breaks, index)

    def expr(self) -> Any:
        """The result as a SymPy expression: a Piecewise on disjoint intervals, plus deltas."""
        return on_intervals(self.t, ((value, *self.interval(index))
                                     for index, value in enumerate(self.values)), self.deltas)


def _ranges(a1: Any, a2: Any, b1: Any, b2: Any, t: Any) -> list[tuple[Any, Any, Any, Any]]:
    """``(low, high, lower, upper)``: the t-ranges and the tau-limits of the overlap there."""
    start = -sp.oo if -sp.oo in (a1, b1) else a1 + b1
    end = sp.oo if sp.oo in (a2, b2) else a2 + b2
    lower_switch = sp.oo if b2 == sp.oo else (-sp.oo if a1 == -sp.oo else a1 + b2)
    upper_switch = -sp.oo if b1 == -sp.oo else (sp.oo if a2 == sp.oo else a2 + b1)
    if _order.compare(lower_switch, upper_switch) <= 0:
        first, second = lower_switch, upper_switch
        middle = (t - b2, t - b1)
    else:
        first, second = upper_switch, lower_switch
        middle = (a1, a2)
    candidates = [(start, first, a1, t - b1), (first, second, *middle), (second, end, t - b2, a2)]
    return [(low, high, lower, upper) for low, high, lower, upper in candidates
            if _order.compare(low, high) < 0]


def _separated(g_terms: tuple[Term, ...]) -> list[tuple[Term, Term]] | None:
    """``g(t - tau)`` as pairs (a term in ``t``, a term in ``tau``) whose products add up to it.

    ``(t - tau)**k`` by the binomial theorem, ``e**(a (t - tau)) = e**(a t) e**(-a tau)``,
    ``cos(w (t - tau)) = cos(w t) cos(w tau) + sin(w t) sin(w tau)`` and
    ``sin(w (t - tau)) = sin(w t) cos(w tau) - cos(w t) sin(w tau)``. None for a Gaussian term
    (``e**(q (t - tau)**2)`` does not separate).
    """
    pairs = []
    for term in g_terms:
        if term.quadratic != 0:
            return None
        if term.frequency == 0:
            waves = [(False, False, 1)]
        elif term.sine:
            waves = [(True, False, 1), (False, True, -1)]
        else:
            waves = [(False, False, 1), (True, True, 1)]
        for j in range(term.power + 1):
            weight = term.coefficient * math.comb(term.power, j) * (-1) ** j
            for t_sine, tau_sine, sign in waves:
                pairs.append((Term(sign * weight, term.power - j, sp.S.Zero, term.rate,
                                   term.frequency, t_sine),
                              Term(sp.S.One, j, sp.S.Zero, -term.rate, term.frequency, tau_sine)))
    return pairs


def _affine(limit: Any, t: Any) -> tuple[Any, Any] | Any:
    """``(alpha, beta)`` with ``limit = alpha*t + beta``; an infinite limit as it is."""
    if limit in (sp.oo, -sp.oo):
        return limit
    alpha = sp.diff(limit, t)
    return alpha, sp.expand(limit - alpha * t)


def _separable_values(f_terms: tuple[Term, ...], pairs: list[tuple[Term, Term]],
                      limits: list[tuple[Any, Any]], tau: Any, t: Any) -> list[Any] | None:
    """The integral's value as terms in ``t`` for each ``(lower, upper)``; None if some term
    has no antiderivative as terms (a degenerate case the assumptions leave open)."""
    by_tau: dict[Term, list[Term]] = {}
    for t_term, tau_term in pairs:
        by_tau.setdefault(tau_term, []).append(t_term)
    values: list[list[Term]] = [[] for _ in limits]
    for tau_term, t_terms in by_tau.items():
        parts = []
        for term in multiply(f_terms, (tau_term,)):
            found = antiderivative(term, tau)
            if found is None:
                return None
            parts.append(found)
        for index, (lower, upper) in enumerate(limits):
            difference = _at(parts, _affine(upper, t)) + _at(parts, _affine(lower, t), -1)
            values[index] += multiply(t_terms, collect(difference))
    return [collect(value) for value in values]


def _at(parts: list[Any], limit: Any, sign: int = 1) -> list[Term]:
    """``sign`` times the antiderivatives at ``limit`` (``(alpha, beta)`` or an infinity)."""
    found: list[Term] = []
    for terms, at_plus, at_minus in parts:
        if limit in (sp.oo, -sp.oo):
            value = at_plus if limit == sp.oo else at_minus
            if isinstance(value, Exception):
                raise value
            continue  # every limit that exists here is 0
        alpha, beta = limit
        found += [replace(term, coefficient=sign * term.coefficient)
                  for term in substitute(terms, alpha, beta)]
    return found


def _integrals(f: Pieces, g: Pieces, t: Any, tau: Any) -> list[Overlap]:
    overlaps = []
    for i, (a1, a2, f_terms) in _indexed(f):
        for j, (b1, b2, g_terms) in _indexed(g):
            ranges = _ranges(a1, a2, b1, b2, t)
            if not ranges:
                continue
            integrand = to_expr(f_terms, tau) * to_expr(g_terms, t - tau)
            pairs = _separated(g_terms)
            limits = [(lower, upper) for _, _, lower, upper in ranges]
            values = (_separable_values(f_terms, pairs, limits, tau, t)
                      if pairs is not None else None)
            if values is None:  # Gaussian or undecided-degenerate: as expressions
                antiderivative_ = primitive(multiply(f_terms, substitute(g_terms, -1, t)), tau)
                values = [antiderivative_.at(sp.expand(upper))
                          - antiderivative_.at(sp.expand(lower)) for lower, upper in limits]
            for (low, high, lower, upper), value in zip(ranges, values, strict=True):
                overlaps.append(Overlap(low, high, i, j, integrand, lower, upper, value))
    return overlaps


def _indexed(pieces: Pieces) -> list[tuple[int, tuple[Any, Any, Any]]]:
    return [(index, (*pieces.interval(index), terms))
            for index, terms in enumerate(pieces.parts) if terms]


def _moved(end: Any, shift: Any) -> Any:
    return end if end in (sp.oo, -sp.oo) else sp.expand(end + shift)


def _shifted(of: str, pieces: Pieces, deltas: Any, t: Any) -> list[Overlap]:
    """What the deltas of one function contribute: the other function shifted."""
    overlaps = []
    for position, weight in deltas:
        for index, (low, high, terms) in _indexed(pieces):
            value = collect(replace(term, coefficient=weight * term.coefficient)
                            for term in substitute(terms, sp.S.One, -position))
            overlaps.append(Overlap(_moved(low, position), _moved(high, position),
                                    index if of == "g" else None, index if of == "f" else None,
                                    to_expr(value, t), None, None, value, (position, weight), of))
    return overlaps


def convolve_pieces(f: Pieces, g: Pieces, t: Any) -> Convolution:
    """``(f*g)(t)`` for two functions given as :class:`Pieces`."""
    tau = sp.Dummy("tau", real=True)
    overlaps = _integrals(f, g, t, tau)
    overlaps += _shifted("f", g, f.deltas, t) + _shifted("g", f, g.deltas, t)
    deltas = [(sp.expand(p + q), v * w) for p, v in f.deltas for q, w in g.deltas]
    breaks = _order.merge([[end for o in overlaps for end in (o.low, o.high)
                            if end not in (sp.oo, -sp.oo)]])
    terms: list[list[Term]] = [[] for _ in range(len(breaks) + 1)]
    others = [sp.S.Zero] * (len(breaks) + 1)
    for overlap in overlaps:
        first = _order.position(breaks, overlap.low) + 1
        last = _order.position(breaks, overlap.high)
        for index in range(first, last + 1):
            if isinstance(overlap.value, tuple):
                terms[index] += overlap.value
            else:
                others[index] += overlap.value
    collected = [(collect(part), other) for part, other in zip(terms, others, strict=True)]
    breaks, collected = _joined(breaks, collected)
    values = [tidy_terms(part, t) + tidy(other, t) for part, other in collected]
    merged = Pieces((), ((),), ()) + Pieces((), ((),), tuple(deltas)) if deltas else None
    return Convolution(t, tau, f, g, breaks, values,
                       list(merged.deltas) if merged else [], overlaps)


def _joined(breaks: list[Any], values: list[Any]) -> tuple[list[Any], list[Any]]:
    """Neighbouring intervals with equal values (terms and other parts) made one."""
    kept_breaks, kept_values = [], [values[0]]
    for point, value in zip(breaks, values[1:], strict=True):
        (terms, other), (kept_terms, kept_other) = value, kept_values[-1]
        if set(terms) == set(kept_terms) and (other == kept_other
                                               or sp.expand(other - kept_other) == 0):
            continue
        kept_breaks.append(point)
        kept_values.append(value)
    return kept_breaks, kept_values
