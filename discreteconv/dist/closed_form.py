"""The number of ways to roll a total with ``n`` dice of ``s`` sides, in closed form.

.. math::

    N(n, s, k) = \\sum_{j=0}^{\\lfloor (k-n)/s \\rfloor} (-1)^j \\binom{n}{j}
                 \\binom{k - sj - 1}{n - 1}

is the coefficient of ``x**k`` in ``(x + x**2 + ... + x**s)**n``, found with the binomial
theorem and the negative binomial series. :func:`dice_sum_formula` gives it as a SymPy ``Sum``,
:func:`dice_sum_probability` divides it by ``s**n``, and :func:`dice_sum_derivation` writes the
derivation out step by step (plain text, Markdown and LaTeX). SymPy is imported only when one
of these is called.

References
----------
.. [1] R. L. Graham, D. E. Knuth and O. Patashnik, *Concrete Mathematics*, 2nd ed.,
   Addison-Wesley, 1994, Section 5.4 (generating functions; ``(1 - z)**-n``).
.. [2] W. Feller, *An Introduction to Probability Theory and Its Applications*, vol. 1, 3rd ed.,
   Wiley, 1968, Section XI.7 (the sum of ``n`` dice).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .. import _validate

__all__ = [
    "Derivation",
    "DerivationStep",
    "dice_sum_derivation",
    "dice_sum_formula",
    "dice_sum_probability",
]

#: Up to this many sides, ``G(x)`` is written out term by term.
_WRITE_OUT_SIDES = 6
#: Up to this many dice, ``(1 - x**s)**n`` is written out term by term.
_WRITE_OUT_DICE = 6
#: Lines of explanation in :meth:`Derivation.to_text` are wrapped at this width.
_TEXT_WIDTH = 92
#: Up to this many terms, the evaluated sum is written out term by term.
_WRITE_OUT_TERMS = 8


def _check(n: Any, s: Any, k: Any) -> dict[str, int]:
    """The values given, checked: ``n`` and ``s`` at least 1, ``k`` at least 1."""
    known = {}
    for name, value in (("n", n), ("s", s), ("k", k)):
        if value is not None:
            known[name] = _validate.integer(name, value, 1)
    return known


def _symbols() -> tuple[Any, Any, Any, Any]:
    import sympy

    n, s, k = sympy.symbols("n s k", positive=True, integer=True)
    j = sympy.Symbol("j", integer=True, nonnegative=True)
    return n, s, k, j


def dice_sum_formula(n: int | None = None, s: int | None = None, k: int | None = None) -> Any:
    """The number of ways ``N(n, s, k)`` to roll a total ``k`` with ``n`` dice of ``s`` sides.

    .. math::

        N(n, s, k) = \\sum_{j=0}^{\\lfloor (k-n)/s \\rfloor} (-1)^j \\binom{n}{j}
                     \\binom{k - sj - 1}{n - 1}

    Parameters
    ----------
    n, s, k : int, optional
        The number of dice, their sides (faces ``1..s``) and the total. Each one given is
        substituted; each one left out stays a SymPy symbol (a positive integer).

    Returns
    -------
    sympy.Sum
        The unevaluated sum over ``j``; ``.doit()`` evaluates it (to the exact integer when
        all three values are given).

    See Also
    --------
    dice_sum_probability : the same divided by ``s**n``.
    dice_sum_derivation : how the formula is derived.

    Examples
    --------
    >>> from discreteconv.dist.closed_form import dice_sum_formula
    >>> dice_sum_formula()
    Sum((-1)**j*binomial(n, j)*binomial(-j*s + k - 1, n - 1), (j, 0, floor((k - n)/s)))
    >>> dice_sum_formula(3, 6)
    Sum((-1)**j*binomial(3, j)*binomial(-6*j + k - 1, 2), (j, 0, floor(k/6 - 1/2)))
    >>> dice_sum_formula(3, 6, 10)
    Sum((-1)**j*binomial(3, j)*binomial(9 - 6*j, 2), (j, 0, 1))
    >>> dice_sum_formula(3, 6, 10).doit()
    27
    """
    import sympy

    known = _check(n, s, k)
    n_, s_, k_, j = _symbols()
    values = {symbol: known[name] for name, symbol in (("n", n_), ("s", s_), ("k", k_))
              if name in known}
    term = (-1) ** j * sympy.binomial(n_, j) * sympy.binomial(k_ - s_ * j - 1, n_ - 1)
    if len(known) == 3:
        # Below -1 the sum would be read by Karr's convention for reversed limits (minus the
        # sum over upper < j < 0) rather than as empty, so the bound stops at -1.
        upper = sympy.Integer(max((known["k"] - known["n"]) // known["s"], -1))
    else:
        upper = sympy.floor((k_ - n_) / s_).xreplace(values)
    return sympy.Sum(term.xreplace(values), (j, 0, upper))


def dice_sum_probability(n: int | None = None, s: int | None = None,
                         k: int | None = None) -> Any:
    """The probability ``N(n, s, k) / s**n`` that ``n`` dice of ``s`` sides total ``k``.

    Parameters
    ----------
    n, s, k : int, optional
        As in :func:`dice_sum_formula`.

    Returns
    -------
    sympy.Expr
        :func:`dice_sum_formula` divided by ``s**n``; ``.doit()`` gives the exact rational
        when all three values are given.

    Examples
    --------
    >>> from discreteconv.dist.closed_form import dice_sum_probability
    >>> dice_sum_probability(3, 6, 10).doit()
    1/8
    >>> dice_sum_probability(2, 6, 7).doit()
    1/6
    """
    import sympy

    known = _check(n, s, k)
    dice = sympy.Integer(known["n"]) if "n" in known else _symbols()[0]
    sides = sympy.Integer(known["s"]) if "s" in known else _symbols()[1]
    return dice_sum_formula(n, s, k) / sides**dice


# -- the derivation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DerivationStep:
    """One step of a :class:`Derivation`: what is done, in words, and the formula it gives.

    Attributes
    ----------
    title : str
        A short name (``"Binomial theorem"``).
    explanation : str
        The reasoning, in plain words.
    text : str
        The formula in plain text.
    latex : str
        The formula in LaTeX (math mode).
    """

    title: str
    explanation: str
    text: str
    latex: str


@dataclass(frozen=True)
class Derivation:
    """The derivation of ``N(n, s, k)``, the ways to roll ``k`` with ``n`` dice of ``s`` sides.

    Render it with :meth:`to_text`, :meth:`to_markdown` or :meth:`to_latex`; ``str()`` gives
    the text form and Jupyter shows the LaTeX form.

    Attributes
    ----------
    n, s, k : int or None
        The values substituted (None where the letter stays a symbol).
    steps : tuple of DerivationStep
        The steps, in order.
    count : int or None
        ``N(n, s, k)`` when all three values are given.
    probability : Fraction or None
        ``count / s**n`` when all three values are given.
    """

    n: int | None
    s: int | None
    k: int | None
    steps: tuple[DerivationStep, ...]
    count: int | None = None
    probability: Fraction | None = None

    def heading(self) -> str:
        """One line saying what is derived."""
        what = [f"{name} = {value}" for name, value in
                (("n", self.n), ("s", self.s), ("k", self.k)) if value is not None]
        given = f" ({', '.join(what)})" if what else ""
        return f"The number of ways to roll a total k with n dice of s sides{given}"

    def result(self) -> str:
        """The conclusion in one line of plain text."""
        label = _label(_Values(self.n, self.s, self.k))
        if self.count is None or self.probability is None:
            return f"{label} = {_formula(_Values(self.n, self.s, self.k), latex=False)}"
        total = self.s**self.n  # type: ignore[operator]
        chance = f"{self.count}/{total}"
        if str(self.probability) != chance:
            chance += f" = {self.probability}"
        return f"{label} = {self.count}; P(S = {self.k}) = {chance}"

    def to_text(self) -> str:
        """Numbered steps in plain text, each with its formula on an indented line."""
        lines = [self.heading()]
        for number, step in enumerate(self.steps, 1):
            lines += _wrap(f"{number}. {step.title}. {step.explanation}")
            lines.append(f"   {step.text}")
        lines.append(f"Result: {self.result()}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """A numbered Markdown list, each step with its formula as ``$$ ... $$``."""
        lines = [f"**{self.heading()}**", ""]
        for number, step in enumerate(self.steps, 1):
            lines += [f"{number}. **{step.title}.** {step.explanation}", "",
                      f"    $${step.latex}$$", ""]
        lines.append(f"**Result:** {self.result()}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """LaTeX (math mode): an ``aligned`` block with one row per step."""
        rows = [rf"&\text{{{number}. {step.title}:}} && {step.latex} \\"
                for number, step in enumerate(self.steps, 1)]
        rows[-1] = rows[-1].removesuffix(r" \\")
        return "\n".join([r"\begin{aligned}", *rows, r"\end{aligned}"])

    def __str__(self) -> str:
        return self.to_text()

    def _repr_latex_(self) -> str:
        return "$$" + self.to_latex().replace("\n", " ") + "$$"


def _wrap(paragraph: str) -> list[str]:
    """Wrap a paragraph for the terminal, never breaking inside parentheses."""
    depth, kept = 0, []
    for character in paragraph:
        depth += (character == "(") - (character == ")")
        kept.append("\0" if character == " " and depth > 0 else character)
    lines = textwrap.wrap("".join(kept), _TEXT_WIDTH, subsequent_indent="   ",
                          break_on_hyphens=False)
    return [line.replace("\0", " ") for line in lines]


@dataclass(frozen=True)
class _Values:
    n: int | None
    s: int | None
    k: int | None

    def get(self, name: str) -> int | None:
        return {"n": self.n, "s": self.s, "k": self.k}.get(name)


# A linear expression is a list of (coefficient, factors) terms; a factor is a letter (n, s, k,
# j, m) or an int. Known letters are replaced by their values and like terms are collected.
_Linear = list[tuple[int, tuple[Any, ...]]]


def _collect(terms: _Linear, values: _Values) -> list[tuple[int, tuple[str, ...]]]:
    collected: dict[tuple[str, ...], int] = {}
    for coefficient, factors in terms:
        letters: list[str] = []
        for factor in factors:
            value = factor if isinstance(factor, int) else values.get(factor)
            if value is None:
                letters.append(factor)
            else:
                coefficient *= value
        key = tuple(letters)
        collected[key] = collected.get(key, 0) + coefficient
    return [(c, key) for key, c in collected.items() if c]


def _linear(terms: _Linear, values: _Values) -> str:
    """``k - sj - 1`` with the known letters substituted (``9 - 6j`` for k = 10, s = 6)."""
    parts = []
    for coefficient, letters in _collect(terms, values):
        product = "".join(letters)
        size = abs(coefficient)
        body = str(size) if not letters else product if size == 1 else f"{size}{product}"
        if not parts:
            parts.append(("-" if coefficient < 0 else "") + body)
        else:
            parts.append(("- " if coefficient < 0 else "+ ") + body)
    return " ".join(parts) if parts else "0"


def _value(terms: _Linear, values: _Values) -> int | None:
    """The value of a linear expression, if every letter in it is known."""
    collected = _collect(terms, values)
    if any(letters for _, letters in collected):
        return None
    return sum(c for c, _ in collected)


def _group(text: str) -> str:
    """Parenthesise a plain-text sub-expression unless it is a single letter or a number."""
    return text if text.isdigit() or len(text) == 1 else f"({text})"


def _power(base: str, exponent: str, latex: bool) -> str:
    if exponent == "1":
        return base
    if latex:
        return f"{base}^{{{exponent}}}"
    return f"{base}^{_group(exponent)}"


def _x_power(exponent: str, latex: bool) -> str:
    return "1" if exponent == "0" else _power("x", exponent, latex)


def _binom(top: str, bottom: str, latex: bool) -> str:
    return rf"\binom{{{top}}}{{{bottom}}}" if latex else f"C({top}, {bottom})"


def _letter(values: _Values, name: str) -> str:
    value = values.get(name)
    return name if value is None else str(value)


def _label(values: _Values) -> str:
    n, s, k = (_letter(values, name) for name in "nsk")
    return f"N({n}, {s}, {k})"


_J_UPPER: _Linear = [(1, ("k",)), (-1, ("n",))]  # k - n, over s
_TOP: _Linear = [(1, ("k",)), (-1, ("s", "j")), (-1, ())]  # k - s j - 1
_BOTTOM: _Linear = [(1, ("n",)), (-1, ())]  # n - 1


def _upper(values: _Values, latex: bool) -> str:
    """The upper limit of ``j``: ``⌊(k - n)/s⌋``, or its value when it is known."""
    top = _value(_J_UPPER, values)
    if top is not None and values.s is not None:
        return str(max(top // values.s, -1))
    numerator = _linear(_J_UPPER, values)
    sides = _letter(values, "s")
    if latex:
        return rf"\left\lfloor \frac{{{numerator}}}{{{sides}}} \right\rfloor"
    return f"⌊{_group(numerator)}/{sides}⌋"


def _formula(values: _Values, latex: bool) -> str:
    """``Σ_{j=0}^{⌊(k-n)/s⌋} (-1)^j C(n, j) C(k - sj - 1, n - 1)`` with values substituted."""
    n = _letter(values, "n")
    top = _binom(_linear(_TOP, values), _linear(_BOTTOM, values), latex)
    if latex:
        return (rf"\sum_{{j=0}}^{{{_upper(values, True)}}} (-1)^{{j}} "
                rf"{_binom(n, 'j', True)} {top}")
    return f"Σ_{{j=0}}^{{{_upper(values, False)}}} (-1)^j C({n}, j) {top}"


def _one_die(values: _Values, latex: bool) -> str:
    s = _letter(values, "s")
    if values.s is not None and values.s <= _WRITE_OUT_SIDES:
        terms = [_x_power(str(t), latex) for t in range(1, values.s + 1)]
    else:
        terms = ["x", _x_power("2", latex), r"\cdots" if latex else "...", _x_power(s, latex)]
    series = " + ".join(terms)
    if latex:
        return rf"G(x) = {series} = \frac{{x\,(1 - {_x_power(s, True)})}}{{1 - x}}"
    return f"G(x) = {series} = x(1 - {_x_power(s, False)})/(1 - x)"


def _all_dice(values: _Values, latex: bool) -> str:
    n, s, k = (_letter(values, name) for name in "nsk")
    minus_n = _linear([(-1, ("n",))], values)
    gap, sep = (r"\,", r", \qquad ") if latex else (" ", ",  ")
    power = _power("G(x)", n, latex)
    product = gap.join([_x_power(n, latex), _power(f"(1 - {_x_power(s, latex)})", n, latex),
                        _power("(1 - x)", minus_n, latex)])
    return (f"{_label(values)} = [{_x_power(k, latex)}]{gap}{power}{sep}"
            f"{power} = {product}")


def _binomial_theorem(values: _Values, latex: bool) -> str:
    n, s = _letter(values, "n"), _letter(values, "s")
    exponent = _linear([(1, ("s", "j"))], values)
    power = _power(f"(1 - {_x_power(s, latex)})", n, latex)
    if latex:
        line = (rf"{power} = \sum_{{j=0}}^{{{n}}} (-1)^{{j}} "
                rf"{_binom(n, 'j', True)} {_x_power(exponent, True)}")
    else:
        line = f"{power} = Σ_{{j=0}}^{{{n}}} (-1)^j C({n}, j) {_x_power(exponent, False)}"
    if values.n is not None and values.n <= _WRITE_OUT_DICE:
        terms = []
        for j in range(values.n + 1):
            coefficient = math.comb(values.n, j)
            power = _x_power(_linear([(j, ("s",))], values), latex)
            body = power if coefficient == 1 and power != "1" else (
                str(coefficient) if power == "1" else f"{coefficient}{power}")
            sign = "-" if j % 2 else "+"
            terms.append(body if j == 0 else f"{sign} {body}")
        line += " = " + " ".join(terms)
    return line


def _negative_binomial(values: _Values, latex: bool) -> str:
    minus_n = _linear([(-1, ("n",))], values)
    top = _linear([(1, ("m",)), (1, ("n",)), (-1, ())], values)
    bottom = _linear(_BOTTOM, values)
    if latex:
        line = (rf"(1 - x)^{{{minus_n}}} = \sum_{{m \geq 0}} {_binom(top, bottom, True)} "
                rf"x^{{m}}")
    else:
        line = f"(1 - x)^{_group(minus_n)} = Σ_{{m≥0}} C({top}, {bottom}) x^m"
    if values.n is not None:
        first = [math.comb(m + values.n - 1, values.n - 1) for m in range(4)]
        terms = ["1" if first[0] == 1 else str(first[0])]
        terms += [("" if c == 1 else str(c)) + _x_power(str(m), latex)
                  for m, c in enumerate(first[1:], 1)]
        terms.append(r"\cdots" if latex else "...")
        line += " = " + " + ".join(terms)
    return line


def _collect_step(values: _Values, latex: bool) -> str:
    label = _label(values)
    m = _linear([(1, ("k",)), (-1, ("n",)), (-1, ("s", "j"))], values)
    where = (rf"m = {m} \geq 0" if latex else f"m = {m} ≥ 0")
    sep = r", \qquad " if latex else ";  "
    return f"{where}{sep}{label} = {_formula(values, latex)}"


def _terms(n: int, s: int, k: int) -> list[tuple[int, int, int]]:
    """``(j, C(n, j), C(k - s j - 1, n - 1))`` for each ``j`` with a nonzero term."""
    if k < n:
        return []
    last = min(n, (k - n) // s)
    return [(j, math.comb(n, j), math.comb(k - s * j - 1, n - 1)) for j in range(last + 1)]


def _evaluate_step(values: _Values, latex: bool) -> tuple[str, str, int]:
    n, s, k = values.n, values.s, values.k
    assert n is not None and s is not None and k is not None
    terms = _terms(n, s, k)
    products = [(-1) ** j * a * b for j, a, b in terms]
    count = sum(products)
    label = _label(values)
    if not terms:
        words = f"k = {k} is less than n = {n}: no j has m ≥ 0, so the sum is empty."
        return words, f"{label} = 0", count
    words = ("Each j from 0 to " + str(terms[-1][0]) + " gives one term"
             + (f" (terms with j > {n} vanish, as C({n}, j) = 0 there)"
                if (k - n) // s > n else "") + ".")
    if len(terms) <= _WRITE_OUT_TERMS:
        pieces, numbers = [], []
        for (j, _, _), product in zip(terms, products, strict=True):
            sign = "-" if j % 2 else "+"
            top = str(k - s * j - 1)
            pieces.append((f"{sign} " if j else "") + _binom(str(n), str(j), latex)
                          + ("" if latex else "·") + _binom(top, str(n - 1), latex))
            numbers.append((f"{'-' if product < 0 else '+'} " if j else
                            ("-" if product < 0 else "")) + str(abs(product)))
        line = f"{label} = {' '.join(pieces)}"
        if len(terms) > 1:
            line += f" = {' '.join(numbers)}"
        line += f" = {count}"
    else:
        line = f"{label} = (a sum of {len(terms)} terms) = {count}"
    return words, line, count


def _fraction(numerator: int, denominator: int, latex: bool) -> str:
    if denominator == 1:
        return str(numerator)
    return rf"\frac{{{numerator}}}{{{denominator}}}" if latex else f"{numerator}/{denominator}"


def _probability_step(values: _Values, latex: bool, count: int | None) -> str:
    n, s, k = (_letter(values, name) for name in "nsk")
    label = _label(values)
    total = _power(s, n, latex)
    if latex:
        line = rf"P(S = {k}) = \frac{{{label}}}{{{total}}}"
    else:
        line = f"P(S = {k}) = {label}/{total}"
    if values.n is not None and values.s is not None:
        size = values.s**values.n
        if count is None:
            line += rf" = \frac{{{label}}}{{{size}}}" if latex else f" = {label}/{size}"
        else:
            chance = Fraction(count, size)
            written = _fraction(count, size, latex)
            reduced = _fraction(chance.numerator, chance.denominator, latex)
            line += f" = {written}" + ("" if reduced == written else f" = {reduced}")
    return line


def dice_sum_derivation(n: int | None = None, s: int | None = None,
                        k: int | None = None) -> Derivation:
    """Derive ``N(n, s, k)`` with generating functions, step by step.

    The steps: the generating function of one die, ``G(x) = x + ... + x**s``; of ``n`` dice,
    ``G(x)**n = x**n (1 - x**s)**n (1 - x)**-n``; the binomial theorem for ``(1 - x**s)**n``;
    the negative binomial series for ``(1 - x)**-n``; the coefficient of ``x**k``; and, with
    every value given, the sum evaluated and the probability.

    Parameters
    ----------
    n, s, k : int, optional
        The number of dice, their sides and the total; those given are substituted into
        every step.

    Returns
    -------
    Derivation
        The steps, each with an explanation, a plain-text and a LaTeX formula, rendered by
        ``to_text()``, ``to_markdown()`` and ``to_latex()``.

    Examples
    --------
    >>> from discreteconv.dist.closed_form import dice_sum_derivation
    >>> work = dice_sum_derivation(3, 6, 10)
    >>> work.count, work.probability
    (27, Fraction(1, 8))
    >>> print(work)
    The number of ways to roll a total k with n dice of s sides (n = 3, s = 6, k = 10)
    1. One die. The coefficient of x^t in G(x) counts the faces showing t; as a geometric
       series, G(x) has a closed form.
       G(x) = x + x^2 + x^3 + x^4 + x^5 + x^6 = x(1 - x^6)/(1 - x)
    2. All the dice. The dice are independent, so the counts of their sum are the convolution of
       the counts of each die, and the generating function of a convolution is the product of
       the generating functions. The ways to roll k are the coefficient of x^k.
       N(3, 6, 10) = [x^10] G(x)^3,  G(x)^3 = x^3 (1 - x^6)^3 (1 - x)^(-3)
    3. Binomial theorem. Expand the first factor.
       (1 - x^6)^3 = Σ_{j=0}^{3} (-1)^j C(3, j) x^(6j) = 1 - 3x^6 + 3x^12 - x^18
    4. Negative binomial series. Expand the second factor: C(m + n - 1, n - 1) counts the ways
       to write m as a sum of n parts ≥ 0 (stars and bars).
       (1 - x)^(-3) = Σ_{m≥0} C(m + 2, 2) x^m = 1 + 3x + 6x^2 + 10x^3 + ...
    5. Collect the coefficient. Pick x^(sj) from the first sum and x^m from the second: the
       exponent n + sj + m is k when m = k - n - sj, and m ≥ 0 needs j ≤ (k - n)/s. Then
       C(m + n - 1, n - 1) = C(k - sj - 1, n - 1).
       m = 7 - 6j ≥ 0;  N(3, 6, 10) = Σ_{j=0}^{1} (-1)^j C(3, j) C(9 - 6j, 2)
    6. Evaluate. Each j from 0 to 1 gives one term.
       N(3, 6, 10) = C(3, 0)·C(9, 2) - C(3, 1)·C(3, 2) = 36 - 9 = 27
    7. Probability. The s^n rolls are equally likely, so the chance that the total S is k is
       N(n, s, k)/s^n.
       P(S = 10) = N(3, 6, 10)/6^3 = 27/216 = 1/8
    Result: N(3, 6, 10) = 27; P(S = 10) = 27/216 = 1/8
    >>> print(work.steps[5].latex)
    N(3, 6, 10) = \\binom{3}{0}\\binom{9}{2} - \\binom{3}{1}\\binom{3}{2} = 36 - 9 = 27
    """
    known = _check(n, s, k)
    values = _Values(known.get("n"), known.get("s"), known.get("k"))
    steps = [
        _step("One die",
              "The coefficient of x^t in G(x) counts the faces showing t; as a geometric "
              "series, G(x) has a closed form.", _one_die, values),
        _step("All the dice",
              "The dice are independent, so the counts of their sum are the convolution of "
              "the counts of each die, and the generating function of a convolution is the "
              "product of the generating functions. The ways to roll k are the coefficient "
              "of x^k.", _all_dice, values),
        _step("Binomial theorem", "Expand the first factor.", _binomial_theorem, values),
        _step("Negative binomial series",
              "Expand the second factor: C(m + n - 1, n - 1) counts the ways to write m as a "
              "sum of n parts ≥ 0 (stars and bars).", _negative_binomial, values),
        _step("Collect the coefficient",
              "Pick x^(sj) from the first sum and x^m from the second: the exponent "
              "n + sj + m is k when m = k - n - sj, and m ≥ 0 needs j ≤ (k - n)/s. Then "
              "C(m + n - 1, n - 1) = C(k - sj - 1, n - 1).", _collect_step, values),
    ]
    count = None
    if values.n is not None and values.s is not None and values.k is not None:
        words, text, count = _evaluate_step(values, latex=False)
        latex = _evaluate_step(values, latex=True)[1]
        steps.append(DerivationStep("Evaluate", words, text, latex))
    steps.append(DerivationStep(
        "Probability", "The s^n rolls are equally likely, so the chance that the total S "
        "is k is N(n, s, k)/s^n.",
        _probability_step(values, False, count), _probability_step(values, True, count)))
    probability = None
    if count is not None:
        probability = Fraction(count, values.s**values.n)  # type: ignore[operator]
    return Derivation(values.n, values.s, values.k, tuple(steps), count, probability)


def _step(title: str, explanation: str, formula: Any, values: _Values) -> DerivationStep:
    return DerivationStep(title, explanation, formula(values, False), formula(values, True))
