"""Numeric verification of a closed form: ``mpmath.quad`` of ``f(tau) g(t - tau)``.

Numbers that satisfy the assumptions are put in for the parameters (distinct ones, so that no
degenerate case is hit by accident, and once more with equal values where the result holds a
condition such as ``Eq(a, b)``), sample points are taken inside every interval of the result,
and at each the integral is computed with mpmath (split at the breakpoints of both functions)
and compared with the closed form. Deltas are handled exactly: a delta ``w delta(tau - p)`` of
``f`` contributes ``w g(t - p)``, and the result's own deltas must be the products of the
inputs' deltas.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import mpmath
import sympy as sp

from ..errors import NoClosedFormError
from ._pieces import Pieces

__all__ = ["deltas", "jumps", "parameter_values", "verify"]

_POSITIVE = (sp.Rational(13, 10), sp.Rational(7, 10), sp.Rational(21, 10), sp.Rational(9, 20),
             sp.Rational(33, 10), sp.Rational(6, 5))
_RELATIVE = 1e-7


def parameter_values(symbols: Sequence[Any]) -> list[dict[Any, Any]]:
    """Assignments of numbers to ``symbols`` consistent with their assumptions."""
    assignment = {}
    for index, symbol in enumerate(symbols):
        value = _POSITIVE[index % len(_POSITIVE)] + index // len(_POSITIVE)
        if symbol.is_integer:
            value = sp.Integer(index + 2)
        if symbol.is_negative or (symbol.is_nonpositive and not symbol.is_zero):
            value = -value
        assignment[symbol] = value
    return [assignment]


def _numeric(expr: Any, x: Any) -> Callable[[Any], Any]:
    """``expr`` (deltas removed) as an mpmath function of ``x``."""
    def heaviside(value: Any, *_: Any) -> Any:
        return 1 if value > 0 else (0 if value < 0 else mpmath.mpf(1) / 2)

    body = expr.replace(lambda e: isinstance(e, sp.DiracDelta), lambda e: sp.S.Zero)
    modules = [{"Heaviside": heaviside, "DiracDelta": lambda *_: 0}, "mpmath"]
    return sp.lambdify(x, body, modules=modules)


def _samples(points: list[float]) -> list[float]:
    """Points inside every interval between ``points`` (and beyond both ends)."""
    if not points:
        return [-2.3, -0.7, 0.35, 1.1, 2.9]
    points = sorted(set(points))
    samples = [points[0] - 1.7, points[-1] + 1.3]
    for low, high in itertools.pairwise(points):
        samples += [low + (high - low) * 0.37, low + (high - low) * 0.81]
    return samples


def verify(f: Any, g: Any, result: Any, t: Any, *, pieces: tuple[Pieces, Pieces] | None = None,
           breaks: Sequence[Any] = (), symbols: Sequence[Any] = ()) -> None:
    """Raise :class:`NoClosedFormError` unless ``result`` matches the numeric integral."""
    for values in parameter_values(symbols):
        _check(f, g, result, t, pieces, breaks, values)


def _check(f: Any, g: Any, result: Any, t: Any, pieces: Any, breaks: Sequence[Any],
           values: dict[Any, Any]) -> None:
    f_n, g_n, r_n = (e.xreplace(values) for e in (f, g, result))
    if pieces:
        impulses = [[(sp.N(p.xreplace(values)), sp.N(w.xreplace(values)))
                     for p, w in part.deltas] for part in pieces]
        f_breaks, g_breaks = ([float(b.xreplace(values)) for b in part.breaks]
                              for part in pieces)
    else:
        impulses = [[(sp.N(p), sp.N(w)) for p, w in deltas(e, t)] for e in (f_n, g_n)]
        f_breaks, g_breaks = (sorted({float(b) for b in jumps(e, t) if b.is_number})
                              for e in (f_n, g_n))
    f_call, g_call, r_call = _numeric(f_n, t), _numeric(g_n, t), _numeric(r_n, t)
    numeric_breaks = [float(b.xreplace(values)) for b in breaks]
    with mpmath.workdps(20):
        for point in _samples(numeric_breaks):
            expected = _integral(f_call, g_call, point, f_breaks, g_breaks, impulses)
            actual = mpmath.mpf(r_call(point)) if not _is_complex(r_call(point)) else None
            if actual is None or abs(actual - expected) > _RELATIVE * max(1, abs(expected)):
                raise NoClosedFormError(
                    f"the closed form failed numeric verification at t = {point:g}"
                    f"{_with(values)}: it gives {_show(actual)}, the numeric integral "
                    f"{_show(expected)}")


def _linear_root(argument: Any, t: Any) -> tuple[Any, Any] | None:
    """``(root, slope)`` of an ``argument`` linear in ``t``, else None."""
    slope = sp.diff(argument, t)
    if not argument.has(t) or slope.has(t) or slope == 0:
        return None
    return sp.expand(t - argument / slope), slope


def deltas(expr: Any, t: Any) -> list[tuple[Any, Any]]:
    """The ``w*DiracDelta(a*t + b)`` terms of ``expr`` as ``(position, weight)``."""
    found = []
    for term in sp.Add.make_args(sp.expand(expr)):
        for delta in term.atoms(sp.DiracDelta):
            root = _linear_root(delta.args[0], t)
            if root is not None and len(delta.args) == 1:
                position, slope = root
                weight = (term / delta).xreplace({t: position})
                found.append((position, weight / abs(slope)))
    return found


def jumps(expr: Any, t: Any) -> list[Any]:
    """Where ``expr`` may jump or kink: the roots of the linear arguments of its steps,
    ``Abs``, ``sign`` and deltas, and of its Piecewise conditions and relations."""
    arguments = [atom.args[0] for atom in expr.atoms(sp.Heaviside, sp.Abs, sp.sign, sp.DiracDelta)]
    arguments += [r.lhs - r.rhs for r in expr.atoms(sp.core.relational.Relational)]
    roots = (_linear_root(argument, t) for argument in arguments)
    return list(dict.fromkeys(root[0] for root in roots if root is not None))


def _is_complex(value: Any) -> bool:
    return isinstance(value, (complex, mpmath.mpc)) and abs(mpmath.im(value)) > 1e-12


def _integral(f: Callable[[Any], Any], g: Callable[[Any], Any], t: float,
              f_breaks: list[float], g_breaks: list[float], deltas: list[list[Any]]) -> Any:
    cuts = sorted({b for b in f_breaks} | {t - b for b in g_breaks})
    nodes = [-mpmath.inf, *cuts, mpmath.inf]
    total = mpmath.quad(lambda tau: f(tau) * g(t - tau), nodes)
    total += sum(w * g(t - p) for p, w in deltas[0])
    total += sum(w * f(t - p) for p, w in deltas[1])
    return total


def _with(values: dict[Any, Any]) -> str:
    return (" with " + ", ".join(f"{s} = {v}" for s, v in values.items())) if values else ""


def _show(value: Any) -> str:
    return "a complex number" if value is None else mpmath.nstr(value, 12)
