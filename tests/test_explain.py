"""``explain``: worked examples from textbooks, and agreement with ``convolve``/``correlate``."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from strategies import signals, small_int_lists

import discreteconv as dc

POSTS = [3, 0, 5, 0, 2, 1]  # posts per hour, hours 0..5
LIKES = [5, 4, 3, 2, 1]  # likes per post, by hours since posting
SOCIAL = [15, 12, 34, 26, 28, 23, 15, 7, 4, 1]


# -- the social-media example ---------------------------------------------------------------------


@pytest.mark.parametrize("n, value", [(1, 12), (4, 28), (6, 15), (8, 4), (9, 1)])
def test_social_media_example_quoted_values(n: int, value: int) -> None:
    assert dc.explain(POSTS, LIKES, n).value == value


def test_social_media_example_at_every_hour() -> None:
    assert dc.convolve(POSTS, LIKES) == SOCIAL
    for n in range(10):
        work = dc.explain(POSTS, LIKES, n)
        assert work.value == SOCIAL[n] == dc.convolve(POSTS, LIKES)[n]
        assert sum(term.product for term in work.terms) == work.value
        assert all(term.product == term.f_value * term.g_value for term in work.terms)
        assert all(term.f_index + term.g_index == n for term in work.terms)


def test_social_media_terms_at_hour_four() -> None:
    work = dc.explain(POSTS, LIKES, 4)
    assert [(t.k, t.f_value, t.g_value, t.product) for t in work.terms] == [
        (0, 3, 1, 3),
        (1, 0, 2, 0),
        (2, 5, 3, 15),
        (3, 0, 4, 0),
        (4, 2, 5, 10),
    ]
    assert work.n == 4
    assert work.correlate is False


def test_social_media_text_rendering() -> None:
    text = dc.explain(POSTS, LIKES, 6).to_text()
    assert "(f*g)[6]" in text
    assert "Flip g" in text
    assert "k = 2 .. 5" in text
    rows = [line.replace(" ", "") for line in text.splitlines()]
    assert "2|5|1|5" in rows
    assert "3|0|2|0" in rows
    assert "4|2|3|6" in rows
    assert "5|1|4|4" in rows
    assert "sum=15" in rows
    assert text.splitlines()[-1] == "(f*g)[6] = 5·1 + 0·2 + 2·3 + 1·4 = 15"
    assert str(dc.explain(POSTS, LIKES, 6)) == text


def test_social_media_markdown_rendering() -> None:
    markdown = dc.explain(POSTS, LIKES, 8).to_markdown()
    lines = markdown.splitlines()
    # (f*g)[8] = f[4] g[4] + f[5] g[3] = 2*1 + 1*2 = 4
    assert "| k | f[k] | g[8−k] | f[k]·g[8−k] |" in lines
    assert "| 4 | 2 | 1 | 2 |" in lines
    assert "| 5 | 1 | 2 | 2 |" in lines
    assert "| | | **sum** | **4** |" in lines
    assert lines[0].startswith("**") and lines[0].endswith("**")  # a bold heading
    assert "(f*g)[8]" in lines[0].replace("\\*", "*")  # "*" may be escaped for Markdown
    assert dc.explain(POSTS, LIKES, 8)._repr_markdown_() == markdown


def test_social_media_latex_rendering() -> None:
    work = dc.explain(POSTS, LIKES, 9)
    latex = work.to_latex()
    assert r"\begin{array}" in latex and r"\end{array}" in latex
    assert r"5 & 1 & 1 & 1 \\" in latex
    assert r"\text{sum} & 1" in latex
    assert latex.splitlines()[0].endswith("= 1")
    shown = work._repr_latex_()
    assert shown.startswith("$$") and shown.endswith("$$")
    assert "\n" not in shown
    assert r"5 & 1 & 1 & 1 \\" in shown


# -- other textbook examples ----------------------------------------------------------------------


def test_classic_two_point_average_example() -> None:
    x, h = [1, 2, 3], [1, 1]
    assert dc.convolve(x, h) == [1, 3, 5, 3]
    assert [dc.explain(x, h, n).value for n in range(4)] == [1, 3, 5, 3]
    work = dc.explain(x, h, 2)
    assert [(t.f_index, t.g_index) for t in work.terms] == [(1, 1), (2, 0)]
    assert "2·1 + 3·1 = 5" in work.to_text()


def test_outside_the_support_is_zero_with_no_terms() -> None:
    for n in (-3, -1, 4, 10):
        work = dc.explain([1, 2, 3], [1, 1], n)
        assert work.value == 0
        assert work.terms == ()
        assert "do not overlap" in work.to_text()


def test_fractions_example() -> None:
    f = [Fraction(1, 2), Fraction(1, 3)]
    g = [Fraction(3, 4), -2]
    work = dc.explain(f, g, 1)
    assert work.value == Fraction(-3, 4)
    assert type(work.value) is Fraction
    assert [t.product for t in work.terms] == [-1, Fraction(1, 4)]
    text = work.to_text()
    assert "sum = -3/4" in text
    assert "1/2·(-2) + 1/3·3/4 = -3/4" in text
    latex = work.to_latex()
    assert r"-\frac{3}{4}" in latex
    assert r"\frac{1}{2} \cdot (-2)" in latex
    assert dc.convolve(f, g)[1] == work.value


def test_symbolic_example() -> None:
    a, b, x = sympy.symbols("a b x")
    f = [1, x, x**2]
    g = [a, b]
    work = dc.explain(f, g, 1)
    assert work.value == b + a * x
    assert work.value == dc.convolve(f, g)[1]
    assert "a*x + b" in work.to_text() or "b + a*x" in work.to_text()
    assert "x" in work.to_latex()
    assert dc.explain(f, g, 2).value == sympy.expand(x * b + x**2 * a)


def test_signals_use_absolute_indices() -> None:
    f = dc.Signal([1, 2, 3], start=-1)
    g = dc.Signal([1, 1], start=2)
    result = dc.convolve(f, g)
    assert result == dc.Signal([1, 3, 5, 3], start=1)
    for n in range(-2, 7):
        assert dc.explain(f, g, n).value == result.at(n)
    work = dc.explain(f, g, 2)
    assert [(t.f_index, t.g_index) for t in work.terms] == [(-1, 3), (0, 2)]


# -- correlation ----------------------------------------------------------------------------------


def test_correlate_matches_discreteconv_correlate_with_signals() -> None:
    f = dc.Signal([1, 2, 3], start=-1)
    g = dc.Signal([1, 1], start=2)
    result = dc.correlate(f, g)
    assert result == dc.Signal([1, 3, 5, 3], start=-4)
    for lag in range(-6, 3):
        assert dc.explain(f, g, lag, correlate=True).value == result.at(lag)


def test_correlate_rendering_does_not_flip() -> None:
    work = dc.explain([1, 2, 3], [4, 5], 1, correlate=True)
    assert work.correlate is True
    assert work.value == 2 * 4 + 3 * 5
    text = work.to_text()
    assert "Do not flip" in text
    assert "f[k+1]" in text
    assert "(f⋆g)[1]" in text
    assert r"\star" in work.to_latex()


def test_correlate_conjugates_complex_g() -> None:
    f = dc.Signal([1 + 2j, 3, -1j], -2)
    g = dc.Signal([2, 1j], 4)
    result = dc.correlate(f, g)
    assert result.start == -7
    for lag in range(-8, -2):
        assert dc.explain(f, g, lag, correlate=True).value == pytest.approx(result.at(lag))
    assert dc.explain(f, g, -6, correlate=True).value == pytest.approx((1 + 2j) * 2 + 3 * (-1j))


# -- properties -----------------------------------------------------------------------------------


@given(small_int_lists, small_int_lists)
def test_explain_value_equals_convolve_entry(f: list[int], g: list[int]) -> None:
    full = dc.convolve(f, g)
    for n in range(len(full)):
        assert dc.explain(f, g, n).value == full[n]


@given(signals(), signals(), st.data())
def test_explain_with_signals_equals_convolve_at_absolute_index(
    f: dc.Signal, g: dc.Signal, data: st.DataObject
) -> None:
    result = dc.convolve(f, g)
    n = data.draw(st.integers(min_value=result.start - 2, max_value=result.stop + 1))
    assert dc.explain(f, g, n).value == result.at(n)


@given(signals(), signals(), st.data())
def test_explain_correlate_equals_correlate_at_lag(
    f: dc.Signal, g: dc.Signal, data: st.DataObject
) -> None:
    result = dc.correlate(f, g)
    lag = data.draw(st.integers(min_value=result.start - 2, max_value=result.stop + 1))
    assert dc.explain(f, g, lag, correlate=True).value == result.at(lag)
