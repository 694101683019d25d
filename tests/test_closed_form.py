"""The closed form for sums of dice, checked against the exact distributions it describes."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import pytest
import sympy

import discreteconv as dc
from discreteconv.dist.closed_form import (
    Derivation,
    dice_sum_derivation,
    dice_sum_formula,
    dice_sum_probability,
)

SMALL = [(n, s) for n in range(1, 7) for s in range(1, 9)]
BIGGER = [(10, 20), (12, 6), (20, 4), (7, 100)]


def exact_counts(n: int, s: int) -> dict[int, int]:
    """``{k: ways}`` for every total ``k`` from 0 to ``n*s + s``, zeros included."""
    dist = n @ dc.die(s)
    assert dist.total == s**n
    counts = dict(zip(dist.outcomes, dist.weights, strict=True))
    return {k: counts.get(k, 0) for k in range(1, n * s + s + 1)}


# -- the formula ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n, s", SMALL, ids=[f"{n}d{s}" for n, s in SMALL])
def test_formula_matches_the_distribution_for_every_total(n: int, s: int) -> None:
    for k, ways in exact_counts(n, s).items():
        assert dice_sum_formula(n, s, k).doit() == ways, (n, s, k)


@pytest.mark.parametrize("n, s", BIGGER, ids=[f"{n}d{s}" for n, s in BIGGER])
def test_formula_matches_bigger_distributions(n: int, s: int) -> None:
    counts = exact_counts(n, s)
    for k in sorted({1, n - 1, n, n + 1, (n * (s + 1)) // 2, n * s - 1, n * s, n * s + 1}):
        if k >= 1:
            assert dice_sum_formula(n, s, k).doit() == counts[k], (n, s, k)


@pytest.mark.parametrize("n, s", SMALL + BIGGER)
def test_derivation_count_matches_the_distribution(n: int, s: int) -> None:
    for k, ways in exact_counts(n, s).items():
        work = dice_sum_derivation(n, s, k)
        assert work.count == ways, (n, s, k)
        assert work.probability == Fraction(ways, s**n)


def test_symbolic_formula_has_free_symbols_n_s_k() -> None:
    formula = dice_sum_formula()
    assert isinstance(formula, sympy.Sum)
    assert {str(symbol) for symbol in formula.free_symbols} == {"n", "s", "k"}
    for symbol in formula.free_symbols:
        assert symbol.is_integer and symbol.is_positive
    (j, low, high), = formula.limits
    assert str(j) == "j" and low == 0
    assert high.free_symbols == formula.free_symbols


def test_partial_substitution_keeps_the_other_symbols() -> None:
    assert {str(x) for x in dice_sum_formula(3, 6).free_symbols} == {"k"}
    assert {str(x) for x in dice_sum_formula(k=10).free_symbols} == {"n", "s"}
    assert {str(x) for x in dice_sum_formula(s=6).free_symbols} == {"n", "k"}
    k = next(iter(dice_sum_formula(3, 6).free_symbols))
    assert dice_sum_formula(3, 6).subs(k, 10).doit() == 27


def test_all_values_given_evaluates_to_the_exact_integer() -> None:
    value = dice_sum_formula(3, 6, 10).doit()
    assert value == 27 and isinstance(value, sympy.Integer)
    assert dice_sum_formula(n=2, s=6, k=7).doit() == 6


def test_huge_counts_are_exact() -> None:
    n, s, k = 100, 6, 350
    dist = n @ dc.die(s)
    assert dice_sum_formula(n, s, k).doit() == dist.weights[k - n]


def test_totals_below_the_minimum_are_empty_sums() -> None:
    # k < n makes the upper limit negative; it must read as an empty sum (0), not by Karr's
    # convention for reversed limits.
    for n, s, k in [(3, 6, 1), (10, 2, 1), (30, 2, 1), (5, 1, 3)]:
        formula = dice_sum_formula(n, s, k)
        assert formula.doit() == 0
        assert formula.limits[0][2] == -1 or formula.limits[0][2] >= 0


def test_probability() -> None:
    assert dice_sum_probability(3, 6, 10).doit() == sympy.Rational(1, 8)
    assert dice_sum_probability(2, 6, 7).doit() == sympy.Rational(1, 6)
    assert {str(x) for x in dice_sum_probability().free_symbols} == {"n", "s", "k"}
    for n, s in [(2, 6), (3, 4), (4, 3)]:
        dist = n @ dc.die(s)
        for k in dist.outcomes:
            assert Fraction(str(dice_sum_probability(n, s, k).doit())) == dist.probability(k)


@pytest.mark.parametrize("bad", [0, -1, 1.5, "3", True])
def test_bad_values_are_refused(bad: object) -> None:
    for keyword in ("n", "s", "k"):
        with pytest.raises(dc.InvalidOptionError, match=keyword):
            dice_sum_formula(**{keyword: bad})  # type: ignore[arg-type]
        with pytest.raises(dc.InvalidOptionError):
            dice_sum_derivation(**{keyword: bad})  # type: ignore[arg-type]


# -- the derivation -------------------------------------------------------------------------------


def test_derivation_with_numbers() -> None:
    work = dice_sum_derivation(n=3, s=6, k=10)
    assert isinstance(work, Derivation)
    assert (work.n, work.s, work.k) == (3, 6, 10)
    assert work.count == 27
    assert work.probability == Fraction(1, 8)
    text = work.to_text()
    assert "G(x) = x + x^2 + x^3 + x^4 + x^5 + x^6 = x(1 - x^6)/(1 - x)" in text
    assert "(1 - x^6)^3 = Σ_{j=0}^{3} (-1)^j C(3, j) x^(6j) = 1 - 3x^6 + 3x^12 - x^18" in text
    assert "C(m + 2, 2)" in text
    assert "N(3, 6, 10) = C(3, 0)·C(9, 2) - C(3, 1)·C(3, 2) = 36 - 9 = 27" in text
    assert "27/216 = 1/8" in text
    assert str(work) == text


def test_derivation_steps_in_order() -> None:
    titles = [step.title for step in dice_sum_derivation(3, 6, 10).steps]
    assert titles == ["One die", "All the dice", "Binomial theorem", "Negative binomial series",
                      "Collect the coefficient", "Evaluate", "Probability"]
    symbolic = [step.title for step in dice_sum_derivation().steps]
    assert symbolic == [t for t in titles if t != "Evaluate"]


def test_derivation_text_names_the_method() -> None:
    text = dice_sum_derivation().to_text().lower()
    assert "generating function" in text
    assert "binomial theorem" in text
    assert "negative binomial series" in text
    assert "convolution" in text
    assert "σ_{j=0}^{⌊(k - n)/s⌋} (-1)^j c(n, j) c(k - sj - 1, n - 1)" in text


def test_every_step_has_text_and_latex() -> None:
    for work in (dice_sum_derivation(), dice_sum_derivation(3, 6), dice_sum_derivation(3, 6, 10),
                 dice_sum_derivation(k=10), dice_sum_derivation(2, 6, 1)):
        for step in work.steps:
            assert step.title and step.explanation and step.text and step.latex


def test_symbolic_derivation_latex() -> None:
    latex = dice_sum_derivation().to_latex()
    assert latex.startswith(r"\begin{aligned}") and latex.endswith(r"\end{aligned}")
    assert r"\frac{x\,(1 - x^{s})}{1 - x}" in latex
    assert r"(1 - x)^{-n} = \sum_{m \geq 0} \binom{m + n - 1}{n - 1} x^{m}" in latex
    assert (r"\sum_{j=0}^{\left\lfloor \frac{k - n}{s} \right\rfloor} (-1)^{j} \binom{n}{j} "
            r"\binom{k - sj - 1}{n - 1}") in latex


def test_latex_is_balanced_and_renders() -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    for work in (dice_sum_derivation(), dice_sum_derivation(3, 6), dice_sum_derivation(3, 6, 10),
                 dice_sum_derivation(2, 6, 1)):
        latex = work.to_latex()
        assert latex.count("{") == latex.count("}")
        assert latex.count(r"\left") == latex.count(r"\right")
        for step in work.steps:
            # matplotlib's mathtext typesets each formula (it has \genfrac but not amsmath's
            # \binom, which is \genfrac{(}{)}{0}{}); a syntax error raises ValueError.
            parser.parse("$" + step.latex.replace(r"\binom", r"\genfrac{(}{)}{0}{}") + "$")
        shown = work._repr_latex_()
        assert shown.startswith("$$") and shown.endswith("$$") and "\n" not in shown


def test_markdown_rendering() -> None:
    markdown = dice_sum_derivation(3, 6, 10).to_markdown()
    assert markdown.startswith("**The number of ways")
    assert "3. **Binomial theorem.**" in markdown
    assert r"$$N(3, 6, 10) = \binom{3}{0}\binom{9}{2}" in markdown
    assert markdown.rstrip().endswith("**Result:** N(3, 6, 10) = 27; P(S = 10) = 27/216 = 1/8")


def test_partial_substitution_in_the_derivation() -> None:
    text = dice_sum_derivation(n=3, s=6).to_text()
    assert "N(3, 6, k) = Σ_{j=0}^{⌊(k - 3)/6⌋} (-1)^j C(3, j) C(k - 6j - 1, 2)" in text
    assert "P(S = k) = N(3, 6, k)/6^3 = N(3, 6, k)/216" in text
    assert dice_sum_derivation(3, 6).count is None


def test_out_of_range_totals() -> None:
    below = dice_sum_derivation(2, 6, 1)
    assert below.count == 0 and "the sum is empty" in below.to_text()
    above = dice_sum_derivation(3, 6, 30)
    assert above.count == 0 and "terms with j > 3 vanish" in above.to_text()


def test_derivation_is_frozen() -> None:
    work = dice_sum_derivation(3, 6, 10)
    with pytest.raises(AttributeError):
        work.count = 28  # type: ignore[misc]
    assert work == dice_sum_derivation(3, 6, 10)


def test_import_stays_light() -> None:
    code = ("import sys\nimport discreteconv\nimport discreteconv.dist.closed_form\n"
            "print('sympy' in sys.modules)\n")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True, timeout=60)
    assert completed.stdout.strip() == "False"
