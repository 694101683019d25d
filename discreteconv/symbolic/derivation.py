"""``derive(f, g, t)``: a convolution integral worked step by step, as a course writes it.

For inputs in the piecewise class the steps are those of the graphical method: write ``f``
and ``g`` piece by piece, flip ``g`` to ``g(-tau)``, shift it to ``g(t - tau)``, then for each
range of ``t`` where the overlap of the two changes, the integral over the overlap with its
limits and its value, and last the assembled result. Every integral shown is one the engine
evaluated (an :class:`~discreteconv.symbolic._engine.Overlap`), so the derivation and the
result always agree. Results found by residues or by SymPy's integrator get a short
derivation naming the method.

Each line of a step is a sequence of words and formulas; one renderer turns it into plain
text (SymPy's ``sstr``), Markdown (formulas as ``$...$``) or LaTeX (``sympy.latex``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..errors import DiscreteconvError
from . import _order
from ._engine import Convolution, Overlap
from ._pieces import Pieces
from ._recognize import to_pieces
from .integral import Solution, solve

__all__ = ["Derivation", "Step", "derive"]


@dataclass(frozen=True)
class _Math:
    """A formula, already printed as plain text and as LaTeX."""

    text: str
    latex: str


Line = tuple["str | _Math", ...]


@dataclass(frozen=True)
class Step:
    """One step of a derivation: a title and its lines in each rendering.

    ``text``, ``latex`` and ``markdown`` hold one line per row, separated by newlines; the
    LaTeX rows are math-mode formulas with the words in ``\\text{...}``.
    """

    title: str
    text: str
    latex: str
    markdown: str = ""


@dataclass(frozen=True)
class Derivation:
    """The steps of ``(f*g)(t) = integral f(tau) g(t - tau) dtau``, and the result.

    Render it with :meth:`text`, :meth:`markdown` or :meth:`latex`; ``str()`` gives the text
    and Jupyter shows the LaTeX.

    Attributes
    ----------
    steps : tuple of Step
        The steps, in order.
    result : sympy.Expr
        The convolution, in the caller's symbols (what ``convolve_integral`` returns).
    method : str
        ``'piecewise'``, ``'residues'`` or ``'sympy'``.
    heading : Step
        The definition the steps start from.
    """

    steps: tuple[Step, ...]
    result: Any
    method: str
    heading: Step = Step("", "", "", "")

    def text(self) -> str:
        """Plain text: the definition, then numbered steps with indented lines."""
        out = [self.heading.text] if self.heading.text else []
        for number, step in enumerate(self.steps, 1):
            out.append(f"{number}. {step.title}")
            out += ["   " + line for line in step.text.splitlines()]
        return "\n".join(out)

    def markdown(self) -> str:
        """Markdown: numbered steps, formulas as ``$...$`` (Jupyter, GitHub)."""
        out = [f"**{self.heading.markdown}**", ""] if self.heading.markdown else []
        for number, step in enumerate(self.steps, 1):
            out.append(f"{number}. **{step.title}**")
            out += ["   - " + line for line in step.markdown.splitlines()]
        return "\n".join(out)

    def latex(self) -> str:
        """LaTeX (math mode): an ``array`` with one row per line, to put inside ``$$...$$``."""
        rows = [self.heading.latex] if self.heading.latex else []
        for number, step in enumerate(self.steps, 1):
            rows.append(rf"\textbf{{{number}. {_escape(step.title)}}}")
            rows += [r"\quad " + line for line in step.latex.splitlines()]
        return "\\begin{array}{l}\n" + " \\\\\n".join(rows) + "\n\\end{array}"

    def __str__(self) -> str:
        return self.text()

    def _repr_latex_(self) -> str:
        return "$$" + self.latex() + "$$"

    def _repr_markdown_(self) -> str:
        return self.markdown()


# -- printing -------------------------------------------------------------------------------------
_LATEX_SPECIAL = re.compile(r"([&%$#_{}])")


_LATEX_SYMBOLS = {"·": r" \cdot ", " ≥ ": r" \geq ", " ≤ ": r" \leq "}


def _escape(words: str) -> str:
    return _LATEX_SPECIAL.sub(r"\\\1", words)


def _markdown_words(words: str) -> str:
    return re.sub(r"([*_`|])", r"\\\1", words)


def _step(title: str, lines: Sequence[Line]) -> Step:
    """A step from its lines, each rendered three ways."""
    text, latex, markdown = [], [], []
    for line in lines:
        text.append("".join(p if isinstance(p, str) else p.text for p in line))
        latex.append("".join(rf"\text{{{_escape(p)}}}" if isinstance(p, str) else p.latex
                             for p in line if p))
        markdown.append("".join(_markdown_words(p) if isinstance(p, str) else f"${p.latex}$"
                                for p in line))
    return Step(title, "\n".join(text), "\n".join(latex), "\n".join(markdown))


@dataclass(frozen=True)
class _Printer:
    """Prints expressions in ``t`` and the display variable ``tau``.

    ``shifted`` is a placeholder symbol standing for ``t - tau`` inside ``g(t - tau)``, so that
    ``exp(-b*(t - tau))`` keeps its shape instead of being expanded.
    """

    t: Any
    tau: Any
    shifted: Any
    restore: Any = None  # Inputs.restore: a parameter order's T2 - T1 written back

    def math(self, expr: Any) -> _Math:
        if self.restore is not None:
            expr = self.restore(expr)
        mark = self.shifted.name
        inner_text = f"{sp.sstr(self.t)} - {sp.sstr(self.tau)}"
        inner_latex = f"{sp.latex(self.t)} - {sp.latex(self.tau)}"
        if expr == self.shifted:
            return _Math(self._greek(inner_text), inner_latex)
        text = sp.sstr(expr).replace(f"({mark})", f"({inner_text})")
        text = text.replace(mark, f"({inner_text})")
        latex = sp.latex(expr)
        for spaced in ("", " "):
            latex = latex.replace(rf"\left({mark}{spaced}\right)",
                                  rf"\left({inner_latex}{spaced}\right)")
        latex = latex.replace(mark, rf"\left({inner_latex}\right)")
        return _Math(self._greek(text), latex)

    def _greek(self, text: str) -> str:
        return re.sub(r"\btau\b", "τ", text) if self.tau.name == "tau" else text

    @property
    def var(self) -> _Math:
        return _Math(self._greek(self.tau.name), sp.latex(self.tau))

    def join(self, *parts: _Math | str) -> _Math:
        """Formulas and bits of notation (strings: the same in text and LaTeX) as one."""
        return _Math("".join(p if isinstance(p, str) else p.text for p in parts),
                     "".join(_LATEX_SYMBOLS.get(p, p) if isinstance(p, str) else p.latex
                             for p in parts))

    def call(self, name: str, argument: Any) -> _Math:
        """``name(argument)``, e.g. ``g(t - tau)``."""
        inner = self.math(argument)
        return _Math(f"{name}({inner.text})", rf"{name}\left({inner.latex}\right)")

    def bound(self, value: Any) -> _Math:
        if value == sp.oo:
            return _Math("∞", r"\infty")
        if value == -sp.oo:
            return _Math("-∞", r"-\infty")
        return self.math(value)

    def between(self, low: Any, high: Any, var: _Math, closed: bool = False) -> _Math:
        """``low < var < high`` (``low <= var < high`` when ``closed``), infinite ends left out."""
        less = (" ≤ ", r" \leq ") if closed else (" < ", " < ")
        greater = (" ≥ ", r" \geq ") if closed else (" > ", " > ")
        if low == -sp.oo and high == sp.oo:
            return _Math(f"all {var.text}", rf"\text{{all }} {var.latex}")
        if low == -sp.oo:
            return self.join(var, " < ", self.math(high))
        if high == sp.oo:
            return _Math(var.text + greater[0] + self.math(low).text,
                         var.latex + greater[1] + self.math(low).latex)
        low_m, high_m = self.math(low), self.math(high)
        return _Math(f"{low_m.text}{less[0]}{var.text} < {high_m.text}",
                     f"{low_m.latex}{less[1]}{var.latex} < {high_m.latex}")

    def integral(self, integrand: Any, lower: Any, upper: Any) -> _Math:
        body = self.math(integrand)
        low, up = self.bound(lower), self.bound(upper)
        var = self.var
        text_body = f"({body.text})" if isinstance(integrand, sp.Add) else body.text
        latex_body = rf"\left({body.latex}\right)" if isinstance(integrand, sp.Add) \
            else body.latex
        return _Math(f"∫_{_braced(low.text)}^{_braced(up.text)} {text_body} d{var.text}",
                     rf"\int_{{{low.latex}}}^{{{up.latex}}} {latex_body} \, d{var.latex}")


def _braced(text: str) -> str:
    return text if re.fullmatch(r"\w+|∞", text) else "{" + text + "}"


def _printer(t: Any, symbols: set[Any], restore: Any = None) -> _Printer:
    names = {str(s) for s in symbols}
    name = next((n for n in ("tau", "s", "sigma", "xi") if n not in names | {t.name}), "tau_")
    return _Printer(t, sp.Symbol(name, real=True), sp.Symbol("ζ", real=True), restore)


def _conditions(parameters: Sequence[Any], p: _Printer) -> list[Line]:
    """``a > 0``-style lines for the parameters whose signs were assumed."""
    said = []
    for symbol in parameters:
        for flag, relation in (("positive", " > 0"), ("negative", " < 0"),
                               ("nonnegative", " ≥ 0"), ("nonpositive", " ≤ 0")):
            if symbol.assumptions0.get(flag):
                latex = relation.replace("≥", r"\geq").replace("≤", r"\leq")
                said.append(_Math(p.math(symbol).text + relation, p.math(symbol).latex + latex))
                break
    if not said:
        return []
    line: list[str | _Math] = ["assuming "]
    for index, condition in enumerate(said):
        line += ([", "] if index else []) + [condition]
    return [tuple(line)]


# -- the piecewise derivation ------------------------------------------------------------------
def _pieces_lines(head: _Math, pieces: Pieces, p: _Printer, zero_elsewhere: bool) -> list[Line]:
    """``head = expr  for low < tau < high`` for each nonzero piece, then the deltas."""
    lines: list[Line] = []
    for index, terms in enumerate(pieces.parts):
        if terms:
            low, high = pieces.interval(index)
            lines.append((p.join(head, " = ", p.math(pieces.expression(index, p.tau))),
                          "  for ", p.between(low, high, p.var)))
    if lines and zero_elsewhere and not all(pieces.parts):
        lines.append((p.join(head, " = ", p.math(sp.S.Zero)), " elsewhere"))
    for position, weight in pieces.deltas:
        delta = p.math(weight * sp.DiracDelta(p.tau - position))
        lines.append(("plus the delta ", delta) if lines else (p.join(head, " = ", delta),))
    if not lines:
        lines.append((p.join(head, " = 0"), " for all ", p.var))
    return lines


def _shifted_lines(g: Pieces, p: _Printer) -> list[Line]:
    """``g(t - tau) = expr  for t - b2 < tau < t - b1`` for each nonzero piece of ``g``."""
    t, tau = p.t, p.tau
    head = p.call("g", p.shifted)
    lines: list[Line] = []
    for index, terms in enumerate(g.parts):
        if not terms:
            continue
        low, high = g.interval(index)
        expression = g.expression(index, p.shifted)
        start = -sp.oo if high == sp.oo else t - high
        end = sp.oo if low == -sp.oo else t - low
        lines.append((p.join(head, " = ", p.math(expression)), "  for ",
                      p.between(start, end, p.var)))
    for position, weight in g.deltas:
        lines.append(("plus the delta ", p.math(weight * sp.DiracDelta(t - tau - position)),
                      ", at ", p.join(p.var, " = ", p.math(t - position))))
    return lines


def _contribution(overlap: Overlap, conv: Convolution, p: _Printer) -> _Math:
    """The integral an overlap stands for, printed with its limits (or the sifting it does)."""
    tau, t = p.tau, p.t
    if overlap.delta is None:
        integrand = (conv.f.expression(overlap.f_index, tau)
                     * conv.g.expression(overlap.g_index, p.shifted))
        return p.integral(integrand, overlap.lower, overlap.upper)
    position, weight = overlap.delta
    if overlap.delta_of == "f":
        inside = p.join(p.math(weight * sp.DiracDelta(tau - position)), "·", p.call("g", p.shifted))
        picked = p.math(weight * sp.Function("g")(t - position))
    else:
        inside = p.join(p.call("f", tau), "·", p.math(weight * sp.DiracDelta(t - tau - position)))
        picked = p.math(weight * sp.Function("f")(t - position))
    var = p.var
    return _Math(f"∫ {inside.text} d{var.text} = {picked.text}",
                 rf"\int {inside.latex} \, d{var.latex} = {picked.latex}")


def _ranges(conv: Convolution) -> list[tuple[Any, Any, int, list[Overlap]]]:
    """``(low, high, k, overlaps)``: the ranges of ``t`` where the set of overlaps is constant.

    ``k`` is the index of the result's interval holding the range.
    """
    ends = [end for o in conv.overlaps for end in (o.low, o.high) if end not in (sp.oo, -sp.oo)]
    grid = _order.merge([conv.breaks, ends])
    out = []
    for index in range(len(grid) + 1):
        low = grid[index - 1] if index else -sp.oo
        high = grid[index] if index < len(grid) else sp.oo
        covering = [o for o in conv.overlaps
                    if _order.compare(o.low, low) <= 0 <= _order.compare(o.high, high)]
        k = 0 if low == -sp.oo else sum(1 for b in conv.breaks if _order.compare(b, low) <= 0)
        out.append((low, high, k, covering))
    return out


def _integral_lines(conv: Convolution, p: _Printer) -> list[Line]:
    t = p.t
    label = p.call("(f*g)", t)
    lines: list[Line] = []
    for low, high, k, covering in _ranges(conv):
        where = ("For ", p.between(low, high, p.math(t), closed=True), ": ")
        value = p.math(conv.values[k])
        if not covering:
            lines.append((*where, "no overlap, ", p.join(label, " = 0")))
            continue
        if len(covering) == 1:
            lines.append((*where, p.join(label, " = ", _contribution(covering[0], conv, p),
                                         " = ", value)))
            continue
        lines.append((*where, f"{len(covering)} contributions add up:"))
        for overlap in covering:
            lines.append(("  ", p.join(_contribution(overlap, conv, p), " = ",
                                       p.math(overlap.expression(t)))))
        lines.append(("  so ", p.join(label, " = ", value)))
    if conv.deltas:
        var, x = p.var, p.math(t)
        product = _Math(f"DiracDelta({var.text} - p)*DiracDelta({x.text} - {var.text} - q)",
                        rf"\delta\left({var.latex} - p\right) "
                        rf"\delta\left({x.latex} - {var.latex} - q\right)")
        sifted = _Math(f"DiracDelta({x.text} - p - q)", rf"\delta\left({x.latex} - p - q\right)")
        both = p.math(sp.Add(*(w * sp.DiracDelta(t - q) for q, w in conv.deltas)))
        lines.append(("f and g both hold deltas: ", product, " integrates to ", sifted,
                      ", so the result also holds ", both))
    return lines


def _result_lines(conv: Convolution, result: Any, p: _Printer) -> list[Line]:
    t = p.t
    label = p.call("(f*g)", t)
    lines: list[Line] = []
    for k, value in enumerate(conv.values):
        if value != 0:
            lines.append((p.join(label, " = ", p.math(value)), "  for ",
                          p.between(*conv.interval(k), p.math(t), closed=True)))
    if lines and any(value == 0 for value in conv.values):
        lines.append((p.join(label, " = 0"), " for every other ", p.math(t)))
    if conv.deltas:
        lines.append(("plus ", p.math(sp.Add(*(w * sp.DiracDelta(t - q)
                                               for q, w in conv.deltas)))))
    lines.append(("As one expression: ", p.join(label, " = ", p.math(result))))
    return lines


def _piecewise_steps(conv: Convolution, result: Any, parameters: Sequence[Any],
                     p: _Printer) -> tuple[Step, ...]:
    t, tau = p.t, p.tau
    flipped = conv.g.substitute(sp.S.NegativeOne, sp.S.Zero)
    product = p.join(p.call("f", tau), "·", p.call("g", p.shifted))
    where: Line = (product, " is nonzero only where both factors are")
    if conv.breaks:
        points = [p.math(b) for b in conv.breaks]
        changes = _Math(", ".join(point.text for point in points),
                        ", ".join(point.latex for point in points))
        where += ("; the overlap changes at ", p.join(p.math(t), " = ", changes))
    return (
        _step("Write f and g piece by piece",
              [*_conditions(parameters, p), *_pieces_lines(p.call("f", tau), conv.f, p, True),
               *_pieces_lines(p.call("g", tau), conv.g, p, True)]),
        _step("Flip g", [(p.call("g", tau), " becomes ", p.call("g", -tau), ", its mirror "
                          "image:"),
                         *_pieces_lines(p.call("g", -tau), flipped, p, False)]),
        _step("Shift g by t", [(p.call("g", -tau), " becomes ", p.call("g", p.shifted),
                                ", which slides right as ", p.math(t), " grows:"),
                               *_shifted_lines(conv.g, p)]),
        _step("Integrate over the overlap, range by range", [where, *_integral_lines(conv, p)]),
        _step("Assemble the result", _result_lines(conv, result, p)),
    )


# -- the other methods ----------------------------------------------------------------------------
def _poles(f: Any, g: Any, t: Any, tau: Any) -> list[tuple[Any, int]]:
    """The poles of ``f(tau) g(t - tau)`` in the upper half-plane, with their orders."""
    poles = []
    for function, flip in ((f, False), (g, True)):
        denominator = sp.fraction(sp.together(function))[1]
        if not denominator.has(t):
            continue
        for root, order in sp.roots(sp.Poly(denominator, t)).items():
            side = sp.im(root)
            if (side.is_negative if flip else side.is_positive):
                poles.append((t - root if flip else root.subs(t, tau), order))
    return poles


def _outside_reason(functions: Sequence[Any], t: Any) -> str:
    for function in functions:
        try:
            to_pieces(function, t)
        except DiscreteconvError as error:
            return str(error)
    return "the piecewise engine does not apply"


def _other_steps(solution: Solution, p: _Printer) -> tuple[Step, ...]:
    f, g = solution.inputs.functions
    t, tau = p.t, p.tau
    label = p.call("(f*g)", t)
    integral = p.integral(f.subs(t, tau) * g.subs(t, p.shifted), -sp.oo, sp.oo)
    first = _step("Write the convolution integral",
                  [*_conditions(solution.inputs.parameters(), p),
                   (p.join(label, " = ", integral),)])
    result = p.math(solution.expression)
    checked = ("checked numerically: mpmath.quad of the integral at sample values of ",
               p.math(t), " agrees")
    if solution.method == "residues":
        poles = [(p.join(p.var, " = ", p.math(pole)), f" (order {order})")
                 for pole, order in _poles(f, g, t, tau)]
        two_pi_i = _Math("2πi", r"2 \pi i")
        residues = _Math("2πi·(sum of the residues)", r"2 \pi i \sum \operatorname{Res}")
        return (first,
                _step("Find the poles of the integrand in the upper half-plane",
                      [("f and g are rational functions with no real poles, so the integral "
                        "over the real line is ", two_pi_i, " times the sum of the residues of "
                        "the integrand at its poles in the upper half-plane:",), *poles]),
                _step("Sum the residues", [(p.join(label, " = ", residues, " = ", result),),
                                           checked]))
    reason = _outside_reason(solution.inputs.functions, t)
    title, words = _METHOD_WORDS[solution.method]
    return (first,
            _step(title, [(f"the inputs are outside the piecewise class ({reason}); " + words,),
                          (p.join(label, " = ", result),), checked]))


#: How each fallback method is said: a step title and what it does.
_METHOD_WORDS = {
    "powers": ("Integrate the powers with the Beta function",
               "both are sums of c t^a e^(-l t) u(t), and with tau = t u each integral "
               "over 0 < tau < t is t^(a+b+1) B(a+1, b+1) times a confluent hypergeometric "
               "factor (1 for equal rates)"),
    "antiderivative": ("Integrate piece by piece",
                       "one of them is zero outside finitely many pieces, so SymPy's "
                       "antiderivative of each piece's integrand is taken between the "
                       "piece's ends"),
    "sympy": ("Evaluate it with SymPy's integrator",
              "SymPy's integrate evaluates the integral over the whole line"),
}


def derive(f: Any, g: Any, t: Any = None, *, assume: Any = None) -> Derivation:
    """The convolution ``(f*g)(t) = integral f(tau) g(t - tau) dtau`` worked step by step.

    Parameters
    ----------
    f, g : sympy.Expr or str
        The functions, as for :func:`~discreteconv.convolve_integral`.
    t : sympy.Symbol or str, optional
        The variable (default ``t``).
    assume : str or mapping, optional
        Signs of the parameters, e.g. ``"a>0"``.

    Returns
    -------
    Derivation
        The steps (write the pieces, flip, shift, integrate range by range, assemble) and the
        result; for results found by residues or by SymPy's integrator, a short derivation
        naming the method. ``str()`` gives plain text; ``.markdown()`` and ``.latex()`` the
        other renderings.

    Raises
    ------
    AssumptionNeededError, DivergentIntegralError, NoClosedFormError, NotationError
        As :func:`~discreteconv.convolve_integral`.

    Examples
    --------
    >>> work = derive("u(t) - u(t-1)", "u(t) - u(t-1)")
    >>> work.result
    Piecewise((t, (t >= 0) & (t < 1)), (2 - t, (t >= 1) & (t < 2)), (0, True))
    >>> print(work)  # doctest: +NORMALIZE_WHITESPACE
    (f*g)(t) = ∫_{-∞}^∞ f(τ)·g(t - τ) dτ
    1. Write f and g piece by piece
       f(τ) = 1  for 0 < τ < 1
       f(τ) = 0 elsewhere
       g(τ) = 1  for 0 < τ < 1
       g(τ) = 0 elsewhere
    2. Flip g
       g(τ) becomes g(-τ), its mirror image:
       g(-τ) = 1  for -1 < τ < 0
    3. Shift g by t
       g(-τ) becomes g(t - τ), which slides right as t grows:
       g(t - τ) = 1  for t - 1 < τ < t
    4. Integrate over the overlap, range by range
       f(τ)·g(t - τ) is nonzero only where both factors are; the overlap changes at t = 0, 1, 2
       For t < 0: no overlap, (f*g)(t) = 0
       For 0 ≤ t < 1: (f*g)(t) = ∫_0^t 1 dτ = t
       For 1 ≤ t < 2: (f*g)(t) = ∫_{t - 1}^1 1 dτ = 2 - t
       For t ≥ 2: no overlap, (f*g)(t) = 0
    5. Assemble the result
       (f*g)(t) = t  for 0 ≤ t < 1
       (f*g)(t) = 2 - t  for 1 ≤ t < 2
       (f*g)(t) = 0 for every other t
       As one expression: (f*g)(t) = Piecewise((t, (t >= 0) & (t < 1)), ...)
    """
    solution = solve(f, g, t, assume=assume)
    inputs = solution.inputs
    p = _printer(inputs.t, set().union(*(e.free_symbols for e in inputs.functions)),
                 inputs.restore)
    conv = solution.convolution
    if conv is not None:
        steps = _piecewise_steps(conv, solution.expression, inputs.parameters(), p)
    else:
        steps = _other_steps(solution, p)
    return Derivation(steps, solution.result, solution.method, _heading(p))


def _heading(p: _Printer) -> Step:
    var = p.var
    label = p.call("(f*g)", p.t)
    integrand = p.join(p.call("f", p.tau), "·", p.call("g", p.shifted))
    line = (_Math(f"{label.text} = ∫_{{-∞}}^∞ {integrand.text} d{var.text}",
                  rf"{label.latex} = \int_{{-\infty}}^{{\infty}} "
                  rf"{integrand.latex} \, d{var.latex}"),)
    return _step("", [line])
