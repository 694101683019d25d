"""``discreteconv poly``: expand polynomials exactly, and show a product as a convolution.

Examples
--------
>>> from discreteconv.cli import main
>>> main(["poly", "(1+2x)(3-x^2)"])
-2*x**3 - x**2 + 6*x + 3
0
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import discreteconv

from ._format import _json, _nested


def _factors(text: str) -> list[str]:
    """The factors written at the top level of ``text``, split at ``*`` and before a bracket
    that multiplies what precedes it: ``(1+2x)(3-x^2)`` and ``(1+2x)*(3-x^2)`` both give
    ``['(1+2x)', '(3-x^2)']``. The caller checks that the parts multiply back to the text."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            before = text[start:index].rstrip()
            if depth == 0 and before and before[-1] not in "+-*/^([":
                parts.append(text[start:index])
                start = index
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "*" and depth == 0 and "*" not in (text[index - 1:index],
                                                         text[index + 1:index + 2]):
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def _two_factors(args: argparse.Namespace, polynomials: list[Any], product: Any) -> list[Any]:
    """The two polynomials --explain multiplies: the two expressions given, or the two factors
    of the one expression given when it is written as a product of two."""
    if len(polynomials) == 2:
        return polynomials
    if len(polynomials) == 1:
        parts = _factors(args.expressions[0])
        if len(parts) == 2 and all(parts):
            try:
                factors = [_polynomial(part, args.variables) for part in parts]
            except discreteconv.NotationError:
                factors = []
            if factors and factors[0] * factors[1] == product:
                return factors
    received = (f"{args.expressions[0]!r}, which is not written as a product of two"
                if len(polynomials) == 1 else f"{len(polynomials)} expressions")
    raise discreteconv.InvalidOptionError(
        f"--explain shows the product of two factors; received {received}: give the factors "
        "as two expressions, as in discreteconv poly \"1+2x\" \"3-x^2\" --explain, or write "
        "one as (1+2x)(3-x^2)")


def _polynomial(text: str, variables: tuple[str, ...] | None) -> Any:
    if variables is None:
        return discreteconv.Polynomial(text)
    return discreteconv.Polynomial(text, variables=variables)


def _variables(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    names = tuple(name.strip() for name in text.split(","))
    if not all(name.isidentifier() for name in names):
        raise discreteconv.InvalidOptionError(
            f"--variables takes names separated by commas, such as x or x,y; received {text!r}")
    return names


def _product_json(work: Any) -> dict[str, Any]:
    """The rows of :func:`discreteconv.explain_product`: ``c_n = sum_k a_k b_(n-k)``."""
    rows = [{"n": row.n, "value": _json(row.value),
             "terms": [{"k": t.k, "a": _json(t.f_value), "b": _json(t.g_value),
                        "product": _json(t.product)} for t in row.terms]}
            for row in work.rows]
    return {"a": _nested(work.left.coefficients, _json),
            "b": _nested(work.right.coefficients, _json), "rows": rows}


def _run_poly(args: argparse.Namespace) -> str:
    args.variables = _variables(args.variables)
    polynomials = [_polynomial(text, args.variables) for text in args.expressions]
    product = polynomials[0]
    for factor in polynomials[1:]:
        product = product * factor
    work = None
    if args.explain:
        left, right = _two_factors(args, polynomials, product)
        work = discreteconv.explain_product(left, right)
    if args.format == "json":
        document = {"expression": str(product), "variables": list(product.variables),
                    "coefficients": _nested(product.coefficients, _json)}
        if work is not None:
            document["explanation"] = _product_json(work)
        return json.dumps(document)
    if args.format == "latex":
        shown = product._repr_latex_()
        return shown if work is None else f"{shown}\n\n{work.to_latex()}"
    return str(product) if work is None else f"{product}\n\n{work.to_text()}"


def _add_poly(commands: Any) -> None:
    parser = commands.add_parser(
        "poly", help="expand polynomials exactly; show a product as a convolution",
        description="Expand the product of the polynomials EXPR (one or more) exactly. With\n"
                    "--explain, show how each coefficient of a product of two factors is a\n"
                    "convolution of theirs: c_n = sum_k a_k b_(n-k). The factors are the two\n"
                    "expressions given, or the two halves of one written as (...)(...) or\n"
                    "(...)*(...).\n\n"
                    "Notation: + - * ^ and brackets; 2x means 2*x; integers of any size and\n"
                    "fractions such as 1/2 stay exact. Quote an expression that has spaces,\n"
                    "brackets or ^ in it.",
        epilog="""Examples:
  discreteconv poly "(1+2x)^3*(x-1)"                     # 8*x**4 + 4*x**3 - 6*x**2 - 5*x - 1
  discreteconv poly "(1+2x)(3-x^2)" --explain            # the table of c_n = sum_k a_k b_(n-k)
  discreteconv poly "1+2x" "3-x^2" --explain             # the same: two expressions, two factors
  discreteconv poly "(x+y)^2" --format json              # coefficients nested: x, then y
  discreteconv poly "(x/2 + 1/3)^2" --format latex
  discreteconv poly "(x+x^2+x^3+x^4+x^5+x^6)^3"          # 3d6: ways to roll 3 .. 18
  discreteconv poly "-x^2 + 1" "(1+x)"                   # a leading minus needs no --""",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.minus_values = True
    parser.add_argument("expressions", nargs="+", metavar="EXPR",
                        help='a polynomial such as "(1+2x)^3*(x-1)"; several are multiplied')
    parser.add_argument("--explain", action="store_true",
                        help="show the product of two factors as a convolution table")
    parser.add_argument("--variables", metavar="NAMES",
                        help="the variables in order, separated by commas (x,y); by default "
                             "the names in EXPR")
    parser.add_argument("--format", default="text", choices=("text", "json", "latex"),
                        help="output format (default: text); json gives coefficients lowest "
                             "power first, exact numbers as strings")
    parser.set_defaults(handler=_run_poly)
