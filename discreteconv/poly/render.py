"""Writing a :class:`~discreteconv.Polynomial` as text and LaTeX."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .polynomial import Polynomial


def _monomial(variables: tuple[str, ...], exponents: tuple[int, ...]) -> str:
    parts = [v if e == 1 else f"{v}**{e}" for v, e in zip(variables, exponents, strict=True)
             if e]
    return "*".join(parts)


def _order(exponents: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
    return (sum(exponents), exponents)


def text(poly: Polynomial) -> str:
    """Highest degree first, in the style SymPy prints: ``-2*x**3 - x**2 + 6*x + 3``.

    Integer and Fraction coefficients are written without importing SymPy; any other
    coefficient (a SymPy expression, a float) hands the whole polynomial to SymPy's printer.
    """
    terms = poly.terms()
    if not terms:
        return "0"
    if not all(isinstance(c, int | Fraction) for c in terms.values()):
        return str(poly.to_sympy())
    pieces = []
    for exponents in sorted(terms, key=_order, reverse=True):
        value = Fraction(terms[exponents])
        sign = "-" if value < 0 else "+"
        magnitude = abs(value)
        name = _monomial(poly.variables, exponents)
        numerator, denominator = magnitude.numerator, magnitude.denominator
        if not name:
            body = str(numerator) if denominator == 1 else f"{numerator}/{denominator}"
        else:
            head = name if numerator == 1 else f"{numerator}*{name}"
            body = head if denominator == 1 else f"{head}/{denominator}"
        pieces.append((sign, body))
    first_sign, first = pieces[0]
    out = ("-" if first_sign == "-" else "") + first
    for sign, body in pieces[1:]:
        out += f" {sign} {body}"
    return out


def latex(poly: Polynomial) -> str:
    """LaTeX of the expanded polynomial (through SymPy's printer)."""
    import sympy

    return sympy.latex(poly.to_sympy())


def value_text(value: Any) -> str:
    """A coefficient as plain text (``1/2`` for a Fraction)."""
    return str(value)
