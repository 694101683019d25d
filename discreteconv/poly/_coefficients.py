"""How a Polynomial's coefficients are checked and laid out: terms, dense nested tuples, grids."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from ..errors import InvalidEntryError, InvalidOptionError, ShapeError

Terms = dict[tuple[int, ...], Any]


def is_zero(value: Any) -> bool:
    return value == 0


def normal(value: Any) -> Any:
    """``Fraction(6, 2)`` is the int 3 (so equal polynomials print and hash alike)."""
    if type(value) is Fraction and value.denominator == 1:
        return value.numerator
    return value


def check_coefficient(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | Fraction | float | complex):
        return value
    if hasattr(value, "__index__"):
        return value.__index__()
    if type(value).__module__.startswith(("sympy", "mpmath")):
        return value
    if type(value).__module__.startswith("numpy") and hasattr(value, "item"):
        return value.item()
    raise InvalidEntryError(
        f"coefficient {value!r} is not a number (int, Fraction, SymPy expression, ...)"
    )


def variable_names(value: str | Iterable[str]) -> tuple[str, ...]:
    if not isinstance(value, str | Iterable):
        raise InvalidOptionError(
            f"variables must be names like 'x' or ('x', 'y'); received {value!r}"
        )
    names = (value,) if isinstance(value, str) else tuple(value)
    if not names or not all(isinstance(n, str) and n.isidentifier() for n in names):
        raise InvalidOptionError(
            f"variables must be names like 'x' or ('x', 'y'); received {value!r}"
        )
    if len(set(names)) != len(names):
        raise InvalidOptionError(f"variables must not repeat; received {value!r}")
    return names


def nested_terms(coefficients: Any, depth: int) -> Terms:
    """``{exponents: coefficient}`` from nested sequences, lowest powers first."""
    terms: Terms = {}

    def walk(node: Any, prefix: tuple[int, ...]) -> None:
        if len(prefix) == depth:
            value = check_coefficient(node)
            if not is_zero(value):
                terms[prefix] = value
            return
        if isinstance(node, str | bytes) or not isinstance(node, Iterable):
            raise ShapeError(
                f"coefficients for {depth} variable(s) must be nested {depth} deep; "
                f"found {node!r} at depth {len(prefix)}"
            )
        for index, child in enumerate(node):
            walk(child, (*prefix, index))

    walk(coefficients, ())
    return terms


def from_sympy_number(value: Any) -> Any:
    if getattr(value, "is_Integer", False):
        return int(value)
    if getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))
    return value


def dense(terms: Terms, depth: int) -> tuple:
    """Nested tuples of coefficients (lowest power first) over the smallest box holding every
    term: trailing zeros trimmed along each axis, every row the same length."""
    if not terms:
        zero: Any = 0
        for _ in range(depth):
            zero = (zero,)
        return zero
    shape = tuple(max(e[axis] for e in terms) + 1 for axis in range(depth))

    def build(prefix: tuple[int, ...]) -> tuple:
        axis = len(prefix)
        if axis == depth - 1:
            return tuple(terms.get((*prefix, i), 0) for i in range(shape[axis]))
        return tuple(build((*prefix, i)) for i in range(shape[axis]))

    return build(())


def grid(terms: Terms, depth: int) -> tuple[list, tuple[int, ...]]:
    """Dense nested lists over the full box of exponents (what convolve takes)."""
    shape = tuple(max(e[axis] for e in terms) + 1 for axis in range(depth))
    if depth == 1:
        row: list[Any] = [0] * shape[0]
        for (e,), c in terms.items():
            row[e] = c
        return row, shape
    import numpy as np

    grid = np.zeros(shape, dtype=object)
    for exponents, value in terms.items():
        grid[exponents] = value
    return grid.tolist(), shape
