"""A SymPy expression read as :class:`~._pieces.Pieces`, or refused as outside the class.

The class: sums and products of constants, the variable, exponentials of piecewise polynomials
of degree at most 2 (``exp(-t)``, ``exp(-abs(t))``, ``exp(-t**2/2)``), sines and cosines of
piecewise-linear arguments, ``Heaviside``, ``DiracDelta``, ``Abs``, ``sign``, ``Min``/``Max``
and ``Piecewise`` of piecewise-linear arguments and conditions, and nonnegative integer powers.
Anything else (``1/(1 + t**2)``, ``erf(t)``, ``sqrt(t)``) raises
:class:`~discreteconv.errors.UnsupportedFunctionError` carrying the part that was not
understood, which sends :func:`~discreteconv.convolve_integral` to its other methods.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from ..errors import (
    AssumptionNeededError,
    InvalidEntryError,
    TooLargeError,
    UnsupportedFunctionError,
)
from ._expr import as_expr
from ._pieces import Pieces
from ._terms import Term

__all__ = ["MAX_POWER", "to_pieces"]

#: The largest integer power of a function of the variable the engine expands.
MAX_POWER = 64


def _outside(expr: Any, why: str = "") -> UnsupportedFunctionError:
    return UnsupportedFunctionError(
        f"{expr} is outside the piecewise engine's class{': ' + why if why else ''}", expr)


def to_pieces(expr: Any, x: Any) -> Pieces:
    """``expr``, a SymPy expression in the symbol ``x``, as :class:`Pieces`."""
    expr = as_expr(expr)
    if not expr.has(x):
        return Pieces.constant(expr)
    if expr == x:
        return Pieces.from_terms([Term(sp.S.One, 1)])
    handler = _HANDLERS.get(type(expr).__name__)
    if handler is None:
        for kind, method in _BY_CLASS:
            if isinstance(expr, kind):
                handler = method
                break
    if handler is None:
        raise _outside(expr)
    return handler(expr, x)


def _add(expr: Any, x: Any) -> Pieces:
    total = to_pieces(expr.args[0], x)
    for arg in expr.args[1:]:
        total = total + to_pieces(arg, x)
    return total


def _mul(expr: Any, x: Any) -> Pieces:
    constant, rest = expr.as_independent(x, as_Add=False)
    factors = [to_pieces(arg, x) for arg in sp.Mul.make_args(rest)]
    # deltas first meet the other factors' values; pieces multiply left to right
    factors.sort(key=lambda pieces: bool(pieces.deltas))
    product = factors[0]
    for factor in factors[1:]:
        product = product * factor
    return product.scale(constant) if constant != 1 else product


def _pow(expr: Any, x: Any) -> Pieces:
    base, exponent = expr.args
    if not exponent.has(x):
        if exponent.is_Integer and exponent >= 0:
            if exponent > MAX_POWER:
                raise TooLargeError(f"{expr}: powers above {MAX_POWER} of a function of {x} "
                                    f"are not expanded")
            return _power(to_pieces(base, x), int(exponent))
        raise _outside(expr, f"a power {exponent} of a function of {x}")
    if not base.has(x):
        return _exp_pieces(to_pieces(exponent * sp.log(base), x), expr)
    raise _outside(expr)


def _power(base: Pieces, exponent: int) -> Pieces:
    result = Pieces.constant(1)
    while exponent:
        if exponent & 1:
            result = result * base
        exponent >>= 1
        if exponent:
            base = base * base
    return result


def _polynomial(pieces: Pieces, expr: Any, degree: int) -> list[list[Any]]:
    """The coefficients (lowest first, ``degree + 1`` of them) of each interval's polynomial."""
    if pieces.deltas:
        raise _outside(expr, "a Dirac delta inside a function")
    table = []
    for part in pieces.parts:
        coefficients = [sp.S.Zero] * (degree + 1)
        for term in part:
            if term.power > degree or term.quadratic != 0 or term.rate != 0 or term.frequency != 0:
                raise _outside(expr, f"its argument is not a polynomial of degree {degree} or "
                                     f"less on each interval")
            coefficients[term.power] += term.coefficient
        table.append(coefficients)
    return table


def _exp_pieces(argument: Pieces, expr: Any) -> Pieces:
    parts = tuple((Term(sp.exp(c0), 0, c2, c1),) for c0, c1, c2 in _polynomial(argument, expr, 2))
    return Pieces(argument.breaks, parts).compact()


def _exp(expr: Any, x: Any) -> Pieces:
    return _exp_pieces(to_pieces(expr.args[0], x), expr)


def _wave(expr: Any, x: Any) -> Pieces:
    argument = to_pieces(expr.args[0], x)
    sine = isinstance(expr, sp.sin)
    parts = []
    for c0, c1 in _polynomial(argument, expr, 1):
        # cos(c1 x + c0) = cos c0 cos c1 x - sin c0 sin c1 x
        # sin(c1 x + c0) = sin c0 cos c1 x + cos c0 sin c1 x
        if sine:
            parts.append((Term(sp.sin(c0), 0, 0, 0, c1), Term(sp.cos(c0), 0, 0, 0, c1, True)))
        else:
            parts.append((Term(sp.cos(c0), 0, 0, 0, c1), Term(-sp.sin(c0), 0, 0, 0, c1, True)))
    return Pieces(argument.breaks, tuple(Pieces.from_terms(p).parts[0] for p in parts)).compact()


def _hyperbolic(expr: Any, x: Any) -> Pieces:
    return to_pieces(expr.rewrite(sp.exp), x)


def _negative(argument: Pieces, expr: Any) -> Pieces:
    """The indicator of ``argument < 0``, for a piecewise-linear ``argument``."""
    total = Pieces.constant(0)
    for index, (c0, c1) in enumerate(_polynomial(argument, expr, 1)):
        low, high = argument.interval(index)
        if c1 == 0:
            sign = _sign(c0, expr)
            inside = Pieces.window(low, high) if sign < 0 else None
        else:
            slope = _sign(c1, expr)
            root = sp.expand(-c0 / c1)
            side = Pieces.window(-sp.oo, root) if slope > 0 else Pieces.window(root, sp.oo)
            inside = side * Pieces.window(low, high)
        if inside is not None:
            total = total + inside
    return total


def _sign(value: Any, expr: Any) -> int:
    if value.is_zero:
        return 0
    if value.is_positive:
        return 1
    if value.is_negative:
        return -1
    raise AssumptionNeededError(f"{expr} depends on the sign of {value}: state it, for "
                                f"example assume=\"{_first_symbol(value)}>0\"")


def _first_symbol(value: Any) -> str:
    symbols = sorted(value.free_symbols, key=str)
    return str(symbols[0]) if symbols else str(value)


def _heaviside(expr: Any, x: Any) -> Pieces:
    argument = to_pieces(expr.args[0], x)
    return _negative(argument.scale(-1), expr)


def _abs(expr: Any, x: Any) -> Pieces:
    argument = to_pieces(expr.args[0], x)
    return argument - (argument * _negative(argument, expr)).scale(2)


def _signum(expr: Any, x: Any) -> Pieces:
    argument = to_pieces(expr.args[0], x)
    return _negative(argument.scale(-1), expr) - _negative(argument, expr)


def _delta(expr: Any, x: Any) -> Pieces:
    if len(expr.args) > 1 and expr.args[1] != 0:
        raise _outside(expr, "derivatives of the Dirac delta are not supported")
    argument = expr.args[0]
    slope = sp.diff(argument, x)
    if slope.has(x) or slope == 0:
        raise _outside(expr, "a delta of a nonlinear argument")
    root = sp.expand(-(argument - slope * x) / slope)
    return Pieces.delta(root, 1 / abs(slope))


def _piecewise(expr: Any, x: Any) -> Pieces:
    total = Pieces.constant(0)
    remaining = Pieces.constant(1)  # where no earlier condition held
    for value, condition in expr.args:
        where = _indicator(condition, x) * remaining
        if not where.is_zero:
            total = total + to_pieces(value, x) * where
        remaining = remaining - remaining * _indicator(condition, x)
        if remaining.is_zero:
            break
    return total


def _indicator(condition: Any, x: Any) -> Pieces:
    """1 where ``condition`` holds (up to single points), else 0."""
    if condition is sp.true:
        return Pieces.constant(1)
    if condition is sp.false:
        return Pieces.constant(0)
    if not condition.has(x):
        raise AssumptionNeededError(f"cannot tell whether {condition} holds: state the "
                                    f"assumptions that settle it")
    if isinstance(condition, sp.And):
        result = Pieces.constant(1)
        for arg in condition.args:
            result = result * _indicator(arg, x)
        return result
    if isinstance(condition, sp.Or):
        result = Pieces.constant(0)
        for arg in condition.args:
            part = _indicator(arg, x)
            result = result + part - result * part
        return result
    if isinstance(condition, sp.Not):
        return Pieces.constant(1) - _indicator(condition.args[0], x)
    if isinstance(condition, (sp.Eq, sp.Ne)):
        return Pieces.constant(0 if isinstance(condition, sp.Eq) else 1)
    if isinstance(condition, (sp.StrictLessThan, sp.LessThan)):
        return _negative(to_pieces(condition.lhs - condition.rhs, x), condition)
    if isinstance(condition, (sp.StrictGreaterThan, sp.GreaterThan)):
        return _negative(to_pieces(condition.rhs - condition.lhs, x), condition)
    raise _outside(condition, "a condition the engine cannot read")


def _rewritten(expr: Any, x: Any) -> Pieces:
    return to_pieces(expr.rewrite(sp.Piecewise), x)


def _bad_entry(expr: Any, x: Any) -> Pieces:
    raise InvalidEntryError(f"{expr} is not a function of {x} the engine can convolve")


_HANDLERS = {
    "Add": _add, "Mul": _mul, "Pow": _pow, "exp": _exp, "sin": _wave, "cos": _wave,
    "sinh": _hyperbolic, "cosh": _hyperbolic, "Heaviside": _heaviside, "Abs": _abs,
    "sign": _signum, "DiracDelta": _delta, "Piecewise": _piecewise, "Max": _rewritten,
    "Min": _rewritten,
}
_BY_CLASS: list[tuple[type, Any]] = [(sp.logic.boolalg.Boolean, _bad_entry)]
