"""Writing a :class:`~discreteconv.Polynomial` as text and LaTeX."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from .._digits import digits

if TYPE_CHECKING:
    from .polynomial import Polynomial


def _monomial(variables: tuple[str, ...], exponents: tuple[int, ...], latex: bool) -> str:
    if latex:
        parts = [v if e == 1 else f"{v}^{{{e}}}" for v, e in
                 zip(variables, exponents, strict=True) if e]
        return " ".join(parts)
    parts = [v if e == 1 else f"{v}**{e}" for v, e in zip(variables, exponents, strict=True)
             if e]
    return "*".join(parts)


def _order(exponents: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
    return (sum(exponents), exponents)


def _term(magnitude: Fraction, name: str, latex: bool) -> str:
    numerator, denominator = digits(magnitude.numerator), digits(magnitude.denominator)
    if latex:  # as SymPy writes it: \frac{3 x^{2}}{4}
        top = numerator if not name else name if numerator == "1" else f"{numerator} {name}"
        return top if denominator == "1" else rf"\frac{{{top}}}{{{denominator}}}"
    if not name:
        return numerator if denominator == "1" else f"{numerator}/{denominator}"
    head = name if numerator == "1" else f"{numerator}*{name}"
    return head if denominator == "1" else f"{head}/{denominator}"


def _write(poly: Polynomial, latex: bool) -> str | None:
    """Highest degree first; None when a coefficient is not an int or Fraction."""
    terms = poly.terms()
    if not terms:
        return "0"
    if not all(isinstance(c, int | Fraction) for c in terms.values()):
        return None
    out = ""
    for position, exponents in enumerate(sorted(terms, key=_order, reverse=True)):
        value = Fraction(terms[exponents])
        body = _term(abs(value), _monomial(poly.variables, exponents, latex), latex)
        if position == 0:  # SymPy's printers: "-2*x" in text, "- 2 x" in LaTeX
            out = (("- " if latex else "-") if value < 0 else "") + body
        else:
            out += f" {'-' if value < 0 else '+'} {body}"
    return out


def text(poly: Polynomial) -> str:
    """Highest degree first, in the style SymPy prints: ``-2*x**3 - x**2 + 6*x + 3``.

    Integer and Fraction coefficients (of any size) are written without SymPy; any other
    coefficient hands the whole polynomial to SymPy's printer.
    """
    written = _write(poly, latex=False)
    return written if written is not None else str(poly.to_sympy())


def latex(poly: Polynomial) -> str:
    """LaTeX of the expanded polynomial, e.g. ``- 2 x^{3} + \\frac{1}{2} x + 3``."""
    written = _write(poly, latex=True)
    if written is not None:
        return written
    import sympy

    return sympy.latex(poly.to_sympy())
