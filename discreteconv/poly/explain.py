"""``explain_product``: how each coefficient of a product is formed, ``c_n = sum_k a_k b_{n-k}``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.explain import Explanation, _bracket, explain
from ..errors import InvalidOptionError
from .polynomial import Polynomial

__all__ = ["ProductExplanation", "explain_product"]


@dataclass(frozen=True)
class ProductExplanation:
    """The product of two polynomials worked as a convolution of their coefficients.

    Attributes
    ----------
    left, right, product : Polynomial
    rows : tuple of Explanation
        One worked entry ``c_n = sum_k a_k b_{n-k}`` per power ``n`` of the product (see
        :func:`discreteconv.explain`).
    """

    left: Polynomial
    right: Polynomial
    product: Polynomial
    rows: tuple[Explanation, ...]

    def _lines(self, times: str, render: Any) -> list[tuple[str, str, str]]:
        out = []
        for row in self.rows:
            expansion = " + ".join(
                f"{_bracket(render(t.f_value))}{times}{_bracket(render(t.g_value))}"
                for t in row.terms) or "0"
            out.append((str(row.n), expansion, render(row.value)))
        return out

    def to_text(self) -> str:
        """A plain-text table: one row per power of the product."""
        x = self.left.variables[0]
        lines = [f"({self.left}) * ({self.right}) = {self.product}",
                 f"c_n = sum_k a_k * b_(n-k): a = {list(self.left.coefficients)}, "
                 f"b = {list(self.right.coefficients)} (lowest power of {x} first)", ""]
        rows = self._lines("·", str)
        widths = [max(len(h), *(len(r[i]) for r in rows))
                  for i, h in enumerate(("n", "sum of a_k·b_(n-k)", "c_n"))]
        header = ("n", "sum of a_k·b_(n-k)", "c_n")
        lines.append(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
        lines.append("-+-".join("-" * w for w in widths))
        lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                  for r in rows]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """A Markdown table."""
        head = [f"`({self.left}) * ({self.right}) = {self.product}`", "",
                "| n | a<sub>k</sub>·b<sub>n−k</sub> summed | c<sub>n</sub> |",
                "|---:|:---|---:|"]
        return "\n".join(head + [f"| {n} | {e} | {v} |" for n, e, v in self._lines("·", str)])

    def to_latex(self) -> str:
        """LaTeX: an ``array`` with one row per coefficient of the product."""
        from ..core.explain import _latex

        rows = [rf"{n} & {e} & {v} \\" for n, e, v in self._lines(r" \cdot ", _latex)]
        return "\n".join([r"\begin{array}{r|l|r}",
                          r"n & \sum_k a_k\, b_{n-k} & c_n \\ \hline", *rows,
                          r"\end{array}"])

    def __str__(self) -> str:
        return self.to_text()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_latex_(self) -> str:
        return "$$" + self.to_latex().replace("\n", " ") + "$$"


def explain_product(p: Any, q: Any) -> ProductExplanation:
    """Show how each coefficient of ``p * q`` is a convolution of their coefficients.

    Parameters
    ----------
    p, q : Polynomial, sequence of coefficients, or text
        Polynomials in one (the same) variable.

    Examples
    --------
    >>> import discreteconv as dc
    >>> print(dc.explain_product(dc.Polynomial("1+2x"), dc.Polynomial("3-x^2")))
    (2*x + 1) * (-x**2 + 3) = -2*x**3 - x**2 + 6*x + 3
    c_n = sum_k a_k * b_(n-k): a = [1, 2], b = [3, 0, -1] (lowest power of x first)
    <BLANKLINE>
    n | sum of a_k·b_(n-k) | c_n
    --+--------------------+----
    0 | 1·3                | 3
    1 | 1·0 + 2·3          | 6
    2 | 1·(-1) + 2·0       | -1
    3 | 2·(-1)             | -2
    """
    left = p if isinstance(p, Polynomial) else Polynomial(p)
    right = q if isinstance(q, Polynomial) else Polynomial(q)
    if len(left.variables) != 1 or left.variables != right.variables:
        raise InvalidOptionError(
            "explain_product needs two polynomials in the same single variable; got "
            f"{left.variables} and {right.variables}"
        )
    a, b = list(left.coefficients), list(right.coefficients)
    product = left * right
    rows = tuple(explain(a, b, n) for n in range(len(a) + len(b) - 1))
    return ProductExplanation(left, right, product, rows)
