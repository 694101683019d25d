"""What every symbolic entry point reads first: the functions, the variable, the assumptions.

A function is a SymPy expression or text in the project's grammar
(:func:`~discreteconv.symbolic.parse.parse_function`; never ``sympify``). Assumptions
(``"a>0, b>0"`` or ``{"a": {"positive": True}}``) are applied by replacing each named parameter
with a symbol that carries them; :meth:`Inputs.restore` puts the caller's own symbols back
into a result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..errors import InvalidEntryError

__all__ = ["Inputs", "read_inputs"]


@dataclass(frozen=True)
class Inputs:
    """The functions as SymPy expressions in ``t``, with the assumptions applied."""

    functions: tuple[Any, ...]
    t: Any
    replaced: dict[Any, Any]  # the caller's symbol -> the one carrying the assumptions

    def restore(self, expr: Any) -> Any:
        """``expr`` with the caller's symbols back in place of the ones carrying assumptions."""
        if not self.replaced:
            return expr
        return expr.xreplace({new: old for old, new in self.replaced.items()})

    def parameters(self) -> list[Any]:
        """The free symbols other than ``t``, by name."""
        found = set().union(*(f.free_symbols for f in self.functions)) - {self.t}
        return sorted(found, key=str)


def _flags(assume: Any) -> dict[str, dict[str, bool]]:
    if assume is None or assume == "":
        return {}
    if isinstance(assume, Mapping):
        return {str(name): dict(flags) for name, flags in assume.items()}
    from .parse import parse_assumptions

    return parse_assumptions(assume)


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
    flags = _flags(assume)
    for label, function in zip(names, functions, strict=True):
        if not (isinstance(function, (str, sp.Basic)) or (isinstance(function, (int, float))
                and not isinstance(function, bool))):
            raise InvalidEntryError(f"{label} must be a SymPy expression or text such as "
                                    f"'exp(-t)*u(t)'; received {type(function).__name__}")
    given = [sp.sympify(function) for function in functions if not isinstance(function, str)]
    variable = _variable(t, given, len(given) < len(functions))
    expressions = []
    for function in functions:
        if isinstance(function, str):
            from .parse import parse_function

            expressions.append(parse_function(function, variable=variable, assumptions=flags))
        else:
            expressions.append(sp.sympify(function))
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
    return Inputs(tuple(expressions), variable, replaced)
