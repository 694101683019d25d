"""``explain``: one output entry of a convolution, worked by hand ("flip, shift, multiply, sum")."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .. import _validate
from ..errors import ShapeError
from ._operand import as_operand
from .signal import Signal

__all__ = ["Explanation", "Term", "explain"]

DOT = "\u00b7"
CDOT = r" \cdot "


@dataclass(frozen=True)
class Term:
    """One row of the table: ``f[f_index] * g[g_index] = product``."""

    k: int
    f_index: int
    f_value: Any
    g_index: int
    g_value: Any
    product: Any


@dataclass(frozen=True)
class Explanation:
    """The worked computation of ``(f*g)[n]`` (or of the correlation at lag ``n``).

    Render it with :meth:`to_text`, :meth:`to_markdown` or :meth:`to_latex`; ``str()`` gives the
    text form and Jupyter shows the Markdown form.

    Attributes
    ----------
    n : int
        The output index.
    terms : tuple of Term
        The pairs that overlap at ``n``, in order of ``k``.
    value : number
        Their sum, ``(f*g)[n]``.
    correlate : bool
        True for correlation (no flip).
    """

    n: int
    terms: tuple[Term, ...]
    value: Any
    correlate: bool = False
    f_name: str = "f"
    g_name: str = "g"

    # -- the words of each column, shared by every rendering ----------------------------------
    def _shift(self, minus: str) -> str:
        """The index paired with ``k``: ``n-k`` (convolution) or ``k+n`` (correlation)."""
        n = self.n
        if not self.correlate:
            return f"{n}{minus}k"
        return "k" if n == 0 else f"k+{n}" if n > 0 else f"k{minus}{-n}"

    def _headers(self, sep: str, minus: str) -> tuple[str, str, str, str]:
        f, g, shift = self.f_name, self.g_name, self._shift(minus)
        if self.correlate:
            return ("k", f"{f}[{shift}]", f"{g}[k]", f"{f}[{shift}]{sep}{g}[k]")
        return ("k", f"{f}[k]", f"{g}[{shift}]", f"{f}[k]{sep}{g}[{shift}]")

    def _definition(self, sep: str, minus: str, sigma: str, star: str = "*") -> str:
        f, g, shift = self.f_name, self.g_name, self._shift(minus)
        if self.correlate:
            return f"({f}\u22c6{g})[{self.n}] = {sigma} {f}[{shift}]{sep}{g}[k]"
        return f"({f}{star}{g})[{self.n}] = {sigma} {f}[k]{sep}{g}[{shift}]"

    def steps(self) -> list[str]:
        """The procedure in words, one line per step."""
        f, g, n = self.f_name, self.g_name, self.n
        if self.correlate:
            lines = [
                f"1. Do not flip {g}: correlation slides it as it is.",
                f"2. Shift {f} by the lag: pair {f}[{self._shift('-')}] with {g}[k].",
            ]
        else:
            lines = [
                f"1. Flip {g}: {g}[k] becomes {g}[-k].",
                f"2. Shift by n = {n}: {g}[-k] becomes {g}[{n}-k].",
            ]
        if self.terms:
            lines.append(f"3. Multiply where both are defined: k = {self.terms[0].k} .. "
                         f"{self.terms[-1].k}.")
        else:
            lines.append("3. Multiply where both are defined: the two do not overlap here.")
        lines.append(f"4. Sum the products: {_plain(self.value)}.")
        return lines

    def to_text(self) -> str:
        """A plain-text table, aligned for a terminal."""
        head = self._headers("\u00b7", "-")
        rows = [[str(t.k), _plain(t.f_value), _plain(t.g_value), _plain(t.product)]
                for t in self.terms]
        widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
                  for i, h in enumerate(head)]
        line = " | ".join(h.rjust(w) for h, w in zip(head, widths, strict=True))
        out = [self._definition("\u00b7", "-", "\u03a3_k"), *self.steps(), "", line,
               "-+-".join("-" * w for w in widths)]
        out += [" | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
        out.append(f"{'sum'.rjust(sum(widths[:3]) + 6)} = {_plain(self.value)}")
        out.append(self._summary(DOT, _plain))
        return "\n".join(out)

    def to_markdown(self) -> str:
        """A Markdown table (GitHub flavour) with the sum in the last row."""
        head = self._headers("\u00b7", "\u2212")
        out = [f"**{self._definition('·', '−', 'Σ<sub>k</sub>', star=chr(92) + '*')}**", "",
               *self.steps(), "",
               "| " + " | ".join(head) + " |", "|" + "---:|" * 4]
        out += [f"| {t.k} | {_code(t.f_value)} | {_code(t.g_value)} | {_code(t.product)} |"
                for t in self.terms]
        out.append(f"| | | **sum** | **{_code(self.value)}** |")
        return "\n".join(out)

    def to_latex(self) -> str:
        """LaTeX: the sum written out, then the table as an ``array``."""
        head = [h.replace("·", r"\,") for h in self._headers("·", "-")]
        label = self._label().replace("\u22c6", r"\star ")
        shift = self._shift("-")
        sigma = (rf"\sum_k {self.f_name}[{shift}]\,{self.g_name}[k]" if self.correlate
                 else rf"\sum_k {self.f_name}[k]\,{self.g_name}[{shift}]")
        expansion = " = " + self._expansion(CDOT, _latex) if self.terms else ""
        lines = [
            rf"{label} = {sigma}{expansion} = {_latex(self.value)}",
            "",
            r"\begin{array}{r|r|r|r}",
            " & ".join(head) + r" \\ \hline",
        ]
        lines += [rf"{t.k} & {_latex(t.f_value)} & {_latex(t.g_value)} & {_latex(t.product)} \\"
                  for t in self.terms]
        lines.append(rf"\hline & & \text{{sum}} & {_latex(self.value)}")
        lines.append(r"\end{array}")
        return "\n".join(lines)

    def _summary(self, sep: str, render: Any) -> str:
        """``(f*g)[n] = a·b + c·d = value`` (just ``= 0`` when nothing overlaps)."""
        if not self.terms:
            return f"{self._label()} = 0"
        return f"{self._label()} = {self._expansion(sep, render)} = {render(self.value)}"

    def _label(self) -> str:
        op = "\u22c6" if self.correlate else "*"
        return f"({self.f_name}{op}{self.g_name})[{self.n}]"

    def _expansion(self, sep: str, render: Any) -> str:
        return " + ".join(f"{_bracket(render(t.f_value))}{sep}{_bracket(render(t.g_value))}"
                          for t in self.terms)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_latex_(self) -> str:
        return "$$" + self.to_latex().replace("\n\n", r" \\[1em] ").replace("\n", " ") + "$$"


def _bracket(text: str) -> str:
    return f"({text})" if text.startswith("-") or " " in text else text


def _plain(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _code(value: Any) -> str:
    """A value for a Markdown cell: in a code span if it has characters Markdown would eat."""
    text = _plain(value)
    return f"`{text}`" if any(c in text for c in "*_`|") else text


def _latex(value: Any) -> str:
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        sign = "-" if value < 0 else ""
        return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    if hasattr(value, "free_symbols") or type(value).__module__.startswith("sympy"):
        import sympy

        return sympy.latex(value)
    return _plain(value)


def _as_signal(value: Any, name: str) -> Signal:
    if isinstance(value, Signal):
        as_operand(list(value.values), name)
        return value
    operand = as_operand(value, name)
    if operand.array.ndim != 1:
        raise ShapeError(f"explain works on 1-D sequences; {name} has shape {operand.array.shape}")
    values = value.tolist() if hasattr(value, "tolist") else list(value)
    return Signal(values, 0)


def explain(f: Any, g: Any, n: int, *, correlate: bool = False) -> Explanation:
    """Work out one entry of ``f * g`` the way a textbook does: flip, shift, multiply, sum.

    Parameters
    ----------
    f, g : sequence or Signal
        1-D inputs; a :class:`Signal` carries its start index (plain sequences start at 0).
    n : int
        The output index (the lag, for correlation).
    correlate : bool, default False
        Explain ``sum_k f[k+n] g[k]`` (no flip) instead.

    Returns
    -------
    Explanation
        The contributing pairs, their products and the sum, with text, Markdown and LaTeX
        renderings.

    Examples
    --------
    Posts per hour ``f`` (hours 0-5) and likes per post ``g`` by hours since posting: the likes
    arriving in hour 4 are

    >>> import discreteconv as dc
    >>> work = dc.explain([3, 0, 5, 0, 2, 1], [5, 4, 3, 2, 1], 4)
    >>> work.value
    28
    >>> print(work)  # doctest: +NORMALIZE_WHITESPACE
    (f*g)[4] = Σ_k f[k]·g[4-k]
    1. Flip g: g[k] becomes g[-k].
    2. Shift by n = 4: g[-k] becomes g[4-k].
    3. Multiply where both are defined: k = 0 .. 4.
    4. Sum the products: 28.
    <BLANKLINE>
    k | f[k] | g[4-k] | f[k]·g[4-k]
    --+------+--------+------------
    0 |    3 |      1 |           3
    1 |    0 |      2 |           0
    2 |    5 |      3 |          15
    3 |    0 |      4 |           0
    4 |    2 |      5 |          10
                  sum = 28
    (f*g)[4] = 3·1 + 0·2 + 5·3 + 0·4 + 2·5 = 28
    """
    index = _validate.index("n", n)
    fs, gs = _as_signal(f, "f"), _as_signal(g, "g")
    terms = []
    if correlate:
        low, high = max(gs.start, fs.start - index), min(gs.stop, fs.stop - index)
        for k in range(low, high):
            fv, gv = fs.at(k + index), gs.at(k)
            gv_used = gv.conjugate() if isinstance(gv, complex) else gv
            terms.append(Term(k, k + index, fv, k, gv, fv * gv_used))
    else:
        low, high = max(fs.start, index - gs.stop + 1), min(fs.stop, index - gs.start + 1)
        for k in range(low, high):
            fv, gv = fs.at(k), gs.at(index - k)
            terms.append(Term(k, k, fv, index - k, gv, fv * gv))
    value: Any = 0
    for term in terms:
        value = value + term.product
    if hasattr(value, "expand") and not isinstance(value, int | float | complex | Fraction):
        value = value.expand()
    return Explanation(index, tuple(terms), value, correlate)
