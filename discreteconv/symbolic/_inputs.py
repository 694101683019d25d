"""What every symbolic entry point reads first: the functions, the variable, the assumptions.

A function is a SymPy expression or text in the project's grammar
(:func:`~discreteconv.symbolic.parse.parse_function`; never ``sympify``). Assumptions
(``"a>0, b>0"`` or ``{"a": {"positive": True}}``) are applied by replacing each named parameter
with a symbol that carries them. An order between two parameters (``"T1 < T2"``), which SymPy's
assumptions cannot hold, is applied by writing the larger through the smaller:
``T2 = T1 + d`` with a new positive ``d``, so that every comparison the engine makes is a
question of signs. :meth:`Inputs.restore` puts ``d = T2 - T1`` and the caller's own symbols back
into a result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..errors import InvalidEntryError
from ._expr import as_expr

__all__ = ["Inputs", "read_inputs"]


@dataclass(frozen=True)
class Inputs:
    """The functions as SymPy expressions in ``t``, with the assumptions applied."""

    functions: tuple[Any, ...]
    t: Any
    replaced: dict[Any, Any]  # the caller's symbol -> the one carrying the assumptions
    #: For each order ``T1 < T2``: the positive symbol ``d`` -> ``T2 - T1``, in the order made.
    differences: list[tuple[Any, Any]] = field(default_factory=list)

    def restore(self, expr: Any) -> Any:
        """``expr`` with the caller's symbols back in place of the ones carrying assumptions."""
        for difference, value in reversed(self.differences):
            expr = expr.xreplace({difference: value})
        if not self.replaced:
            return expr
        return expr.xreplace({new: old for old, new in self.replaced.items()})

    def parameters(self) -> list[Any]:
        """The free symbols other than ``t``, by name."""
        found = set().union(*(f.free_symbols for f in self.functions)) - {self.t}
        return sorted(found, key=str)


#: ``T1 < T2``: an order between two parameters (matched whole; nothing is evaluated).
_ORDER = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*(<=|>=|<|>)\s*([A-Za-z][A-Za-z0-9_]*)\s*$")


def _orders(assume: Any) -> tuple[Any, list[tuple[str, str, bool]]]:
    """The assumptions without their orders between parameters, and the orders found as
    ``(larger, smaller, strict)``."""
    if isinstance(assume, str):
        items = [part for piece in assume.split(",") for part in re.split(r"\band\b", piece)]
    elif assume is None or isinstance(assume, Mapping):
        return assume, []
    else:
        items = [str(item) for item in assume]
    rest, orders = [], []
    for item in items:
        match = _ORDER.match(item)
        if match is None:
            rest.append(item)
            continue
        left, sign, right = match.groups()
        larger, smaller = (left, right) if sign in (">", ">=") else (right, left)
        orders.append((larger, smaller, len(sign) == 1))
    return ", ".join(part.strip() for part in rest if part.strip()), orders


def _flags(assume: Any) -> dict[str, dict[str, bool]]:
    if assume is None or assume == "":
        return {}
    if isinstance(assume, Mapping):
        return {str(name): dict(flags) for name, flags in assume.items()}
    from .assumptions import parse_assumptions

    return parse_assumptions(assume)


class _Difference(sp.Dummy):
    """The new parameter ``d = T2 - T1``: printed as ``(T2 - T1)`` wherever it shows."""

    def _sympystr(self, printer: Any) -> str:
        return f"({self.name})"

    def _latex(self, printer: Any) -> str:
        return rf"\left({self.name}\right)"


def _apply_orders(expressions: list[Any], orders: list[tuple[str, str, bool]],
                  variable: Any) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """Each ``larger`` written as ``smaller + d`` (``d`` a new positive symbol)."""
    symbols = {s.name: s for e in expressions for s in e.free_symbols
               if isinstance(s, sp.Symbol) and s != variable}
    written: dict[Any, Any] = {}
    differences = []
    for larger, smaller, strict in orders:
        if larger not in symbols or smaller not in symbols:
            continue
        big, small = symbols[larger], symbols[smaller]
        if big in written:
            raise InvalidEntryError(f"{larger} is given two lower bounds ({larger} > "
                                    f"{smaller} and another); give each parameter at most one")
        name = f"{larger} - {smaller}"
        difference = (_Difference(name, positive=True) if strict
                      else _Difference(name, nonnegative=True))
        below = written.get(small, small)
        written[big] = below + difference
        differences.append((difference, big - below))
        expressions = [e.xreplace({big: below + difference}) for e in expressions]
    return expressions, differences


def _variable(t: Any, expressions: list[Any], texts: bool) -> Any:
    if isinstance(t, sp.Symbol):
        return t
    if t is not None and not isinstance(t, str):
        raise InvalidEntryError(f"t must be a SymPy Symbol or a name; received "
                                f"{type(t).__name__}")
    name = t or "t"
    found = {s for e in expressions for s in e.free_symbols if isinstance(s, sp.Symbol)}
    named = [s for s in found if s.name == name]
    if len(named) > 1:
        raise InvalidEntryError(f"two different symbols are named {name!r} (with different "
                                f"assumptions); pass the Symbol itself as t")
    if named:
        return named[0]
    if t is None and len(found) == 1 and not texts:
        return next(iter(found))
    return sp.Symbol(name, real=True)


def read_inputs(functions: tuple[Any, ...], t: Any, assume: Any,
                names: tuple[str, ...] = ("f", "g")) -> Inputs:
    """The functions (SymPy or text), the variable and the assumptions, checked and applied."""
    assume, orders = _orders(assume)
    flags = _flags(assume)
    for label, function in zip(names, functions, strict=True):
        if not (isinstance(function, (str, sp.Basic)) or (isinstance(function, (int, float))
                and not isinstance(function, bool))):
            raise InvalidEntryError(f"{label} must be a SymPy expression or text such as "
                                    f"'exp(-t)*u(t)'; received {type(function).__name__}")
    given = [as_expr(function) for function in functions
             if not isinstance(function, str)]
    variable = _variable(t, given, len(given) < len(functions))
    expressions = []
    for function in functions:
        if isinstance(function, str):
            from .parse import parse_function

            expressions.append(parse_function(function, variable=variable, assumptions=flags))
        else:
            expressions.append(as_expr(function))
    replaced: dict[Any, Any] = {}
    for symbol in set().union(*(e.free_symbols for e in expressions)):
        if isinstance(symbol, sp.Symbol) and symbol.name in flags and symbol != variable:
            wanted = {**symbol.assumptions0, "real": True, **flags[symbol.name]}
            carrying = sp.Symbol(symbol.name, **wanted)
            if carrying != symbol:
                replaced[symbol] = carrying
    if replaced:
        expressions = [e.xreplace(replaced) for e in expressions]
    for label, expr in zip(names, expressions, strict=True):
        if expr.has(sp.Integral):
            raise InvalidEntryError(f"{label} holds an unevaluated Integral: {expr}")
    expressions, differences = _apply_orders(expressions, orders, variable)
    return Inputs(tuple(expressions), variable, replaced, differences)
