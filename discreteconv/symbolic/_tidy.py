"""Cheap, predictable simplification of the engine's values into the form a textbook prints.

The values are sums of ``coefficient * t**k * exp(...) * cos|sin(...)`` and ``erf`` terms with
exact coefficients. :func:`tidy` expands them, groups the terms by their factor in ``t``
(exponentials, waves, erfs) and factors each group's coefficient, so that
``exp(-t)*(exp(1) - 1)`` and ``(exp(-a*t) - exp(-b*t))/(b - a)`` come out as printed in books.
It never calls :func:`sympy.simplify` (seconds on some inputs): the result is exact either way.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from ._terms import Term

__all__ = ["tidy", "tidy_terms"]


def tidy(expr: Any, t: Any) -> Any:
    """``expr`` expanded and regrouped by its factors in ``t``."""
    if expr == 0:
        return sp.S.Zero
    if expr.has(sp.Piecewise):
        folded = sp.piecewise_fold(expr)
        if isinstance(folded, sp.Piecewise):
            return sp.Piecewise(*((tidy(value, t), condition)
                                  for value, condition in folded.args))
        expr = folded
    expanded = sp.expand(expr)
    if expanded == 0:
        return sp.S.Zero
    groups: dict[Any, Any] = {}
    for term in sp.Add.make_args(expanded):
        coefficient, factor = term.as_independent(t, as_Add=False)
        key = _shape(factor, t)
        groups[key] = groups.get(key, sp.S.Zero) + coefficient * factor / key
    parts = [sp.factor_terms(sp.together(rest)) * key for key, rest in groups.items()]
    return _exponents(sp.powsimp(sp.factor_terms(sp.Add(*parts)), combine="exp"), t)


def _exponents(expr: Any, t: Any) -> Any:
    """Quadratic exponents in ``t`` (Gaussians) written over one denominator and factored:
    ``exp(-(m - t)**2/(2*(r**2 + s**2)))``, not a sum of six fractions."""
    def neat(power: Any) -> Any:
        argument = power.args[0]
        if sp.degree(argument, t) == 2 if argument.is_polynomial(t) else False:
            return sp.exp(sp.factor(sp.cancel(argument)))
        return power

    return expr.replace(lambda e: isinstance(e, sp.exp) and e.has(t), neat)


def _shape(factor: Any, t: Any) -> Any:
    """The transcendental part of a product in ``t``: what terms are grouped by."""
    kept = [part for part in sp.Mul.make_args(factor)
            if isinstance(part, (sp.exp, sp.sin, sp.cos, sp.erf))
            or (isinstance(part, sp.Pow) and isinstance(part.base, (sp.exp, sp.sin, sp.cos)))]
    return sp.Mul(*kept)


#: Up to this many groups, the sum is also searched for a common factor (``1/(b - a)``).
_FACTOR_GROUPS = 6


def tidy_terms(terms: tuple[Term, ...], t: Any) -> Any:
    """Collected terms as an expression: each exponential/wave's polynomial in ``t`` factored."""
    groups: dict[tuple[Any, ...], Any] = {}
    for term in terms:
        key = (term.quadratic, term.rate, term.frequency, term.sine)
        groups[key] = groups.get(key, sp.S.Zero) + term.coefficient * t**term.power
    parts = []
    for (quadratic, rate, frequency, sine), polynomial in groups.items():
        wave = (sp.sin if sine else sp.cos)(frequency * t)
        factor = sp.exp(quadratic * t**2 + rate * t) * wave
        if len(sp.Add.make_args(polynomial)) <= _FACTOR_GROUPS:
            polynomial = sp.factor_terms(polynomial)
        parts.append(sp.powsimp(polynomial * factor, combine="exp"))
    total = sp.Add(*parts)
    if 1 < len(parts) <= _FACTOR_GROUPS:
        total = sp.factor_terms(total)
    return total
