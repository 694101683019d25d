"""Tables of distributions: text, Markdown, CSV, JSON, LaTeX and HTML (discreteconv.dist.render)."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import small_distributions

import discreteconv as dc
from discreteconv.dist.render import (
    MAX_FRACTION_CHARS,
    csv_table,
    format_percent,
    format_probability,
    html_table,
    json_document,
    latex_table,
    markdown_table,
    text_table,
)

THREE_D6 = 3 @ dc.die(6)


@contextmanager
def long_int_strings():
    """Let this test read back ints past CPython's 4300-digit limit (restored afterwards)."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(limit)


# -- text ----------------------------------------------------------------------------------------
def test_text_table_of_3d6() -> None:
    lines = text_table(THREE_D6).splitlines()
    assert lines[0] == "mean 21/2 = 10.5   variance 35/4 = 8.75   standard deviation ≈ 2.958"
    assert lines[1] == "outcome  probability  percent  at least  at most"
    assert lines[2] == "      3        1/216    0.46%   100.00%    0.46%  █▌"
    assert lines[9] == "     10          1/8   12.50%    62.50%   50.00%  " + "█" * 40
    assert lines[11] == "     12       25/216   11.57%    37.50%   74.07%  " + "█" * 37
    assert lines[-1] == "     18        1/216    0.46%     0.46%  100.00%  █▌"
    assert len(lines) == 2 + 16


def test_text_table_without_bars_and_other_width() -> None:
    plain = text_table(dc.die(2), bars=False).splitlines()
    assert plain[2:] == ["      1          1/2   50.00%   100.00%   50.00%",
                         "      2          1/2   50.00%    50.00%  100.00%"]
    narrow = text_table(2 @ dc.die(2), width=4).splitlines()
    assert [line.split("%  ")[-1] for line in narrow[2:]] == ["██", "████", "██"]
    assert str(dc.die(2)) == dc.die(2).to_text() == text_table(dc.die(2))
    with pytest.raises(dc.InvalidOptionError, match="width must be an integer >= 1"):
        text_table(dc.die(2), width=0)


def test_bars_use_eighth_blocks() -> None:
    dist = dc.Distribution({0: 8, 1: 1, 2: 3})  # 40 * 1/8 = 5 cells; 40 * 3/8 = 15 cells
    bars = [line.split("  ")[-1] for line in text_table(dist).splitlines()[2:]]
    assert bars == ["█" * 40, "█" * 5, "█" * 15]
    bars = [line.split("%  ")[-1] for line in text_table(dist, width=1).splitlines()[2:]]
    assert bars == ["█", "▏", "▍"]


def test_booleans_read_as_false_and_true() -> None:
    text = text_table(THREE_D6 >= 10, bars=False).splitlines()
    assert text[2:] == ["  False          3/8   37.50%   100.00%   37.50%",
                        "   True          5/8   62.50%    62.50%  100.00%"]
    assert csv_table(THREE_D6 >= 10).splitlines()[1:] == ["False,3/8,37.5", "True,5/8,62.5"]
    assert json_document(THREE_D6 >= 10)["outcomes"] == [False, True]
    assert "| True | 5/8 | 62.50% |" in markdown_table(THREE_D6 >= 10)
    assert r"\texttt{True} & $\frac{5}{8}$" in latex_table(THREE_D6 >= 10)
    assert ">True<" in html_table(THREE_D6 >= 10)


def test_fraction_and_negative_outcomes() -> None:
    halves = dc.die(4).map(lambda v: Fraction(v - 2, 2))
    assert [line.split()[0] for line in text_table(halves).splitlines()[2:]] == [
        "-1/2", "0", "1/2", "1"]
    assert json_document(halves)["outcomes"] == ["-1/2", 0, "1/2", 1]
    assert r"$-\frac{1}{2}$ & $\frac{1}{4}$ & 25.00\% \\" in latex_table(halves)


def test_certainty_and_header_of_a_constant() -> None:
    lines = text_table(dc.Distribution.constant(5)).splitlines()
    assert lines[0] == "mean 5   variance 0   standard deviation ≈ 0"
    assert lines[2] == "      5            1  100.00%   100.00%  100.00%  " + "█" * 40
    assert json_document(dc.Distribution.constant(5))["probabilities"] == ["1/1"]


def test_truncated_mass_is_noted() -> None:
    exploding = dc.explode(dc.die(6), depth=2)
    note = ("truncated: 1/216 (0.46%) of the probability was cut off by a depth limit "
            "(exploding dice)")
    assert text_table(exploding).splitlines()[-1] == note
    assert markdown_table(exploding).splitlines()[-1] == note
    assert note in html_table(exploding)
    assert json_document(exploding)["truncated"] == "1/216"
    assert "truncated" not in text_table(dc.die(6))


def test_a_thousand_dice_print_every_row_briefly() -> None:
    dist = 1000 @ dc.die(6)
    text = text_table(dist)
    lines = text.splitlines()
    assert len(lines) == 2 + 5001 + 1
    assert max(len(line) for line in lines) <= 120
    assert lines[0].startswith("mean 3500   variance 8750/3 = 2916.67   standard deviation")
    first = lines[2].split()
    assert first[:5] == ["1000", "≈7.059e-779", "7.1e-777%", "100.00%", "7.1e-777%"]
    assert lines[-1].startswith("≈: the exact fraction is longer than 20 characters")
    middle = next(line for line in lines if line.lstrip().startswith("3500 "))
    assert middle.split()[2] == "0.74%" and middle.endswith("█" * 40)


# -- exact numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(1), "100.00%"),
        (Fraction(0), "0.00%"),
        (Fraction(25, 216), "11.57%"),
        (Fraction(1, 8), "12.50%"),
        (Fraction(2, 3), "66.67%"),
        (Fraction(1, 20000), "0.01%"),  # 0.005% rounds half up
        (Fraction(1, 40000), "2.5e-3%"),  # would read 0.00%
        (Fraction(9999, 10000), "99.99%"),
        (Fraction(99999, 100000), "100.00%"),
        (Fraction(1, 6**1000), "7.1e-777%"),
        (Fraction(1, 6**10000), "3.1e-7780%"),  # 6**10000 overflows a float
    ],
)
def test_format_percent(value: Fraction, expected: str) -> None:
    assert format_percent(value) == expected


def test_format_probability_abbreviates_long_fractions() -> None:
    assert format_probability(Fraction(3, 8)) == "3/8"
    assert format_probability(Fraction(1, 10**17)) == "1/1" + "0" * 17  # 20 characters
    assert len(format_probability(Fraction(1, 10**17))) == MAX_FRACTION_CHARS
    assert format_probability(Fraction(1, 10**18)) == "≈1.000e-18"  # 21 characters
    assert format_probability(Fraction(1, 3 * 10**18)) == "≈3.333e-19"
    assert format_probability(Fraction(1, 6**10000)) == "≈3.073e-7782"
    assert format_probability(Fraction(1, 3), exact=True) == "1/3"
    assert format_probability(1, exact=True) == "1/1"
    huge = format_probability(Fraction(3, 6**10000), exact=True)
    with long_int_strings():
        assert Fraction(huge) == Fraction(3, 6**10000)


@given(st.integers(min_value=1, max_value=6**1000 - 1), st.sampled_from([1000, 3000]))
def test_scientific_notation_matches_decimal(numerator: int, power: int) -> None:
    """The mantissa of a huge fraction, rounded half up to 4 digits, is the exact one."""
    value = Fraction(numerator, 6**power)
    shown = format_probability(value)
    if not shown.startswith("≈"):
        assert Fraction(shown) == value
        return
    with localcontext() as context:
        context.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        expected = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 3), ROUND_HALF_UP)
    mantissa, exponent = shown[1:].split("e")
    assert Decimal(mantissa).scaleb(int(exponent)) == expected
    assert 1 <= Decimal(mantissa) < 10


@given(small_distributions)
def test_percent_columns_are_exactly_rounded(dist: dc.Distribution) -> None:
    for line, outcome in zip(text_table(dist).splitlines()[2:], dist.outcomes, strict=True):
        cells = line.split()
        for cell, exact in zip(cells[2:5], (dist.probability(outcome), dist.at_least(outcome),
                                            dist.cdf(outcome)), strict=True):
            assert abs(Fraction(cell.rstrip("%")) - 100 * exact) <= Fraction(1, 200)
        assert cells[1] == str(dist.probability(outcome))  # in lowest terms


@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6),
       st.sampled_from([1, 2, 3, 7, 1009, 2**61 - 1]))
def test_probabilities_are_in_lowest_terms(exponents: list[int], factor: int) -> None:
    """Weights sharing powers of 2, 3, 5 (and maybe a large prime) with the total."""
    counts = [2**e * 3 ** (e // 2) * 5 ** (e % 3) * (factor if e % 2 else 1) for e in exponents]
    dist = dc.Distribution.from_counts(counts)
    expected = [Fraction(c, sum(counts)) for c in counts if c]
    assert json_document(dist)["probabilities"] == [
        f"{p.numerator}/{p.denominator}" for p in expected]
    assert csv_table(dist).splitlines()[1:] == [
        f"{i},{p}," + csv_table(dist).splitlines()[i + 1].split(",")[2]
        for i, p in enumerate(expected)]


# -- Markdown, CSV, JSON, LaTeX, HTML ------------------------------------------------------------
def test_csv_of_a_d4() -> None:
    assert csv_table(dc.die(4)) == ("outcome,probability,percent\n"
                                    "1,1/4,25\n2,1/4,25\n3,1/4,25\n4,1/4,25")
    assert dc.die(4).to_csv() == csv_table(dc.die(4))
    assert csv_table(THREE_D6).splitlines()[1:3] == ["3,1/216,0.462963", "4,1/72,1.38889"]


def test_csv_and_json_stay_exact_past_the_int_string_limit() -> None:
    total = 6**10000  # 7782 digits: str() refuses ints past 4300 digits
    dist = dc.Distribution.from_counts([1, total - 1])
    rows = csv_table(dist).splitlines()
    _, probability, percent = rows[1].split(",")
    assert percent == "3.07253e-7780"
    document = json_document(dist)
    with long_int_strings():
        assert Fraction(probability) == Fraction(1, total)
        assert [Fraction(p) for p in document["probabilities"]] == [
            Fraction(1, total), Fraction(total - 1, total)]


def test_json_of_2d6_parses_back() -> None:
    document = json.loads((2 @ dc.die(6)).to_json("2d6"))
    assert list(document) == ["expression", "outcomes", "probabilities", "mean", "variance",
                              "truncated"]
    assert document["expression"] == "2d6"
    assert document["outcomes"] == list(range(2, 13))
    assert document["probabilities"] == ["1/36", "1/18", "1/12", "1/9", "5/36", "1/6", "5/36",
                                         "1/9", "1/12", "1/18", "1/36"]
    assert (document["mean"], document["variance"], document["truncated"]) == ("7", "35/6", "0")
    assert json_document(dc.die(6))["expression"] is None
    assert json.loads(dc.die(6).to_json())["mean"] == "7/2"


def test_markdown_rows() -> None:
    assert markdown_table(2 @ dc.die(2)).splitlines() == [
        "| outcome | probability | percent | at least | at most |",
        "|---:|---:|---:|---:|---:|",
        "| 2 | 1/4 | 25.00% | 100.00% | 25.00% |",
        "| 3 | 1/2 | 50.00% | 75.00% | 75.00% |",
        "| 4 | 1/4 | 25.00% | 25.00% | 100.00% |",
    ]
    assert dc.die(2).to_markdown() == markdown_table(dc.die(2))


def test_latex_tabular() -> None:
    latex = latex_table(dc.die(6))
    assert latex.startswith("\\begin{tabular}{rrr}\n\\hline\noutcome & probability & percent")
    assert r"$1$ & $\frac{1}{6}$ & 16.67\% \\" in latex.splitlines()
    assert latex.endswith("\\hline\n\\end{tabular}")
    assert r"$1$ & $1$ & 100.00\% \\" in latex_table(dc.Distribution.constant(1))
    assert dc.die(6).to_latex() == latex


def test_html_table_has_bars_and_escapes() -> None:
    page = html_table(2 @ dc.die(2))
    assert page.startswith('<table style="border-collapse:collapse">')
    assert page.count("<tr>") == 1 + 3
    assert "width:160.0px" in page and "width:80.0px" in page
    assert "mean 3   variance 1/2 = 0.5" in page
    assert dc.die(2)._repr_html_() == html_table(dc.die(2))
    assert "<" not in html_table(dc.die(2)).split("<caption")[1].split(">", 1)[1].split("</")[0]
    assert "≈7.059e-779" in html_table(1000 @ dc.die(6))
