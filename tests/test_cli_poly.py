"""The command line: ``discreteconv poly``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction

import pytest
from _helpers import cli_error, cli_ok

import discreteconv as dc
from discreteconv.cli import _factors, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run ``discreteconv poly`` in-process and return its output (see ``cli_ok``)."""
    return cli_ok(capsys, "poly", *argv)


def fail(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """Run ``discreteconv poly`` expecting a one-line error (see ``cli_error``)."""
    return cli_error(capsys, "poly", *argv)


# -- text ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["(1+2x)(3-x^2)"], "-2*x**3 - x**2 + 6*x + 3"),
        (["1+2x", "3-x^2"], "-2*x**3 - x**2 + 6*x + 3"),  # several expressions: their product
        (["(1+2x)^3*(x-1)"], "8*x**4 + 4*x**3 - 6*x**2 - 5*x - 1"),
        (["(x/2 + 1/3)^2"], "x**2/4 + x/3 + 1/9"),
        (["-x^2+1", "1+x"], "-x**3 - x**2 + x + 1"),  # a leading minus is a value
        (["--", "-x^2+1"], "-x**2 + 1"),
        (["18446744073709551617x + 1", "x - 1"],
         "18446744073709551617*x**2 - 18446744073709551616*x - 1"),
        (["(1+x)(1-x)", "0"], "0"),
        (["7"], "7"),
    ],
)
def test_text(capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    assert run(capsys, *argv) == expected


def test_integers_past_python_s_4300_digit_limit(capsys: pytest.CaptureFixture[str]) -> None:
    limit = sys.get_int_max_str_digits()
    out = run(capsys, "2^2^2^2^2")  # 2**65536: 19,729 digits
    assert len(out) == 19_729 and out.startswith("200352993040684646497907235156")
    assert sys.get_int_max_str_digits() == limit  # lifted while writing only


def test_three_dice(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "(x+x^2+x^3+x^4+x^5+x^6)^3", "--format", "json"))
    three_d6 = 3 @ dc.die(6)
    assert found["coefficients"] == ["0"] * 3 + [str(w) for w in three_d6.weights]


# -- --explain -----------------------------------------------------------------------------------
TABLE = [
    "(2*x + 1) * (-x**2 + 3) = -2*x**3 - x**2 + 6*x + 3",
    "c_n = sum_k a_k * b_(n-k): a = [1, 2], b = [3, 0, -1] (lowest power of x first)",
    "",
    "n | sum of a_k·b_(n-k) | c_n",
    "--+--------------------+----",
    "0 | 1·3                | 3",
    "1 | 1·0 + 2·3          | 6",
    "2 | 1·(-1) + 2·0       | -1",
    "3 | 2·(-1)             | -2",
]


@pytest.mark.parametrize("argv", [["1+2x", "3-x^2"], ["(1+2x)(3-x^2)"], ["(1+2x)*(3-x^2)"],
                                  ["(1 + 2x) (3 - x^2)"]])
def test_explain_a_product_of_two(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    lines = run(capsys, *argv, "--explain").splitlines()
    assert lines == ["-2*x**3 - x**2 + 6*x + 3", "", *TABLE]


def test_explain_in_json_and_latex(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "1+2x", "3-x^2", "--explain", "--format", "json"))
    assert found["coefficients"] == ["3", "6", "-1", "-2"]
    explanation = found["explanation"]
    assert explanation["a"] == ["1", "2"] and explanation["b"] == ["3", "0", "-1"]
    assert [row["value"] for row in explanation["rows"]] == ["3", "6", "-1", "-2"]
    assert explanation["rows"][2] == {
        "n": 2, "value": "-1",
        "terms": [{"k": 0, "a": "1", "b": "-1", "product": "-1"},
                  {"k": 1, "a": "2", "b": "0", "product": "0"}]}
    latex = run(capsys, "(1+2x)(3-x^2)", "--explain", "--format", "latex")
    head, table = latex.split("\n\n")
    assert head == "$- 2 x^{3} - x^{2} + 6 x + 3$"
    assert table.startswith(r"\begin{array}{r|l|r}") and r"2 \cdot 3" in table


def test_factors_are_split_at_the_top_level() -> None:
    assert _factors("(1+2x)(3-x^2)") == ["(1+2x)", "(3-x^2)"]
    assert _factors("(1+2x)*(3-x^2)") == ["(1+2x)", "(3-x^2)"]
    assert _factors("(1+x)^2(1-x)") == ["(1+x)^2", "(1-x)"]
    assert _factors("2x(1+x)") == ["2x", "(1+x)"]
    assert _factors("x**2*(1+x)") == ["x**2", "(1+x)"]
    assert _factors("-(1+x)") == ["-(1+x)"]
    assert _factors("1 + x") == ["1 + x"]


@pytest.mark.parametrize("argv", [["1+2x"], ["(1+x)(1-x)+1"], ["1+x", "1-x", "x"],
                                  ["(1+x)(1-x)(2+x)"]])
def test_explain_needs_two_factors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    (line,) = fail(capsys, *argv, "--explain")
    assert line.startswith("--explain shows the product of two factors; received ")
    assert 'discreteconv poly "1+2x" "3-x^2" --explain' in line


def test_explain_needs_one_variable(capsys: pytest.CaptureFixture[str]) -> None:
    (line,) = fail(capsys, "1+x", "1+y", "--explain")
    assert "single variable" in line


# -- json and several variables ------------------------------------------------------------------
def test_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "(x/2 + 1/3)^2", "--format", "json"))
    assert found == {"expression": "x**2/4 + x/3 + 1/9", "variables": ["x"],
                     "coefficients": ["1/9", "1/3", "1/4"]}
    assert [Fraction(c) for c in found["coefficients"]] == [Fraction(1, 9), Fraction(1, 3),
                                                           Fraction(1, 4)]
    big = json.loads(run(capsys, "(2^70 + x)^2", "--format", "json"))
    assert big["coefficients"] == [str(2**140), str(2**71), "1"]


def test_several_variables(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "(x+2y)^2", "--format", "json"))
    assert found["variables"] == ["x", "y"]
    assert found["coefficients"] == [["0", "0", "4"], ["0", "4", "0"], ["1", "0", "0"]]
    swapped = json.loads(run(capsys, "(x+2y)^2", "--variables", "y,x", "--format", "json"))
    assert swapped["variables"] == ["y", "x"]
    assert swapped["coefficients"] == [["0", "0", "1"], ["0", "4", "0"], ["4", "0", "0"]]
    assert run(capsys, "x+y", "x-y") == "x**2 - y**2"


def test_latex(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "(x/2+1)^2", "--format", "latex") == r"$\frac{x^{2}}{4} + x + 1$"


# -- errors and help -----------------------------------------------------------------------------
def test_bad_text_shows_a_caret(capsys: pytest.CaptureFixture[str]) -> None:
    lines = fail(capsys, "1 + 2x + $")
    assert len(lines) == 3
    assert lines[1] == "  1 + 2x + $"
    assert lines[2] == " " * 11 + "^"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["(1+x)^1000000000000"], "coefficients"),
        (["x", "--variables", "x,,y"], "--variables"),
        (["x", "--variables", "2x"], "--variables"),
    ],
)
def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], argv: list[str],
                             words: str) -> None:
    lines = fail(capsys, *argv)
    assert words in lines[0]


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poly"]) == 2
    assert "the following arguments are required: EXPR" in capsys.readouterr().err
    assert main(["poly", "x", "--format", "csv"]) == 2
    assert "invalid choice: 'csv'" in capsys.readouterr().err


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poly", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Examples:" in out and 'discreteconv poly "(1+2x)(3-x^2)" --explain' in out
    assert "--format {text,json,latex}" in out and "--variables NAMES" in out
    assert main(["--help"]) == 0
    assert "poly" in capsys.readouterr().out


# -- a real process ------------------------------------------------------------------------------
def test_subprocess_json_and_error() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    def discreteconv(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "discreteconv", "poly", *argv],
                              capture_output=True, text=True, encoding="utf-8", env=env,
                              timeout=60)

    done = discreteconv("(1+2x)(3-x^2)", "--explain", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["coefficients"] == ["3", "6", "-1", "-2"]
    failed = discreteconv("(1+2x")
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.startswith("discreteconv: error: ")
    assert "Traceback" not in failed.stderr
