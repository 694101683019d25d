"""Polynomial text: worked examples, random expressions against SymPy, every error, a fuzz test.

The random expressions are built as a tree, written as text and as a SymPy expression side by
side, so SymPy never parses anything: it only expands what the tree says the text means.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from fractions import Fraction
from unittest import mock

import pytest
import sympy
from _helpers import not_computed, parser_not_rebuilt
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import Built, expression_texts

import discreteconv as dc
from discreteconv.poly import parse
from discreteconv.poly.parse import parse_polynomial

X, Y, Z = sympy.symbols("x y z")


def terms_of(text: str, variables: tuple[str, ...] | None = None) -> dict:
    return parse_polynomial(text, variables).terms()


# -- worked examples -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "coefficients"), [
    ("(1+2x)^3*(x-1)", (-1, -5, -6, 4, 8)),
    ("3x^2 - x/2 + 1", (1, Fraction(-1, 2), 3)),
    ("2(x+1)", (2, 2)),
    ("(1+2x)(3-x^2)", (3, 6, -1, -2)),
    ("x(x+1)", (0, 1, 1)),
    ("3x^2", (0, 0, 3)),
    ("x**2", (0, 0, 1)),
    ("-x^2", (0, 0, -1)),
    ("-2^2", (-4,)),
    ("2^3^2", (512,)),
    ("(2^3)^2", (64,)),
    ("1/2x", (0, Fraction(1, 2))),
    ("x/2*4", (0, 2)),
    ("(x+1)/3", (Fraction(1, 3), Fraction(1, 3))),
    ("3/4", (Fraction(3, 4),)),
    ("0.5", (Fraction(1, 2),)),
    (".25x", (0, Fraction(1, 4))),
    ("5.x", (0, 5)),
    ("2.50", (Fraction(5, 2),)),
    ("1e3", (1000,)),
    ("1.5E-1 x", (0, Fraction(3, 20))),
    ("2e+2", (200,)),
    ("x^0", (1,)),
    ("0^0", (1,)),
    ("0", (0,)),
    ("x - x", (0,)),
    ("((x))", (0, 1)),
    ("x - -x", (0, 2)),
    ("--x", (0, 1)),
    ("+x", (0, 1)),
    ("-" * 5001 + "x", (0, -1)),
    ("x^(1+1)", (0, 0, 1)),
    ("2 ^ -(-2)", (4,)),
    (" \t( 1 +\n x ) ^ 2 ", (1, 2, 1)),
    ("x/(3-1)", (0, Fraction(1, 2))),
    ("(x+1)^2 (x-1)", (-1, -1, 1, 1)),
    ("x^2(x+1)", (0, 0, 1, 1)),
    ("+".join(["x"] * 3000), (0, 3000)),
])
def test_worked_examples(text: str, coefficients: tuple) -> None:
    result = parse_polynomial(text)
    assert result.coefficients == coefficients
    assert result.variables == ("x",)
    assert all(type(c) in (int, Fraction) for c in result.terms().values())
    assert not any(isinstance(c, Fraction) and c.denominator == 1
                   for c in result.terms().values())


@pytest.mark.parametrize(("text", "variables", "expected"), [
    ("x y", ("x", "y"), {(1, 1): 1}),
    ("2x y^2 + y", ("x", "y"), {(1, 2): 2, (0, 1): 1}),
    ("y + x", ("y", "x"), {(1, 0): 1, (0, 1): 1}),
    ("2xy", ("xy",), {(1,): 2}),
    ("alpha^2 - beta", ("alpha", "beta"), {(2, 0): 1, (0, 1): -1}),
    ("x_1 + x2 t", ("x_1", "x2", "t"), {(1, 0, 0): 1, (0, 1, 1): 1}),
    ("2e", ("e",), {(1,): 2}),
    ("2 e+3", ("e",), {(1,): 2, (0,): 3}),
    ("7", ("x",), {(0,): 7}),
    ("x^(y-y+2)", ("x", "y"), {(2, 0): 1}),
])
def test_names_in_order_of_first_appearance(text: str, variables: tuple, expected: dict) -> None:
    result = parse_polynomial(text)
    assert result.variables == variables
    assert result.terms() == expected


def test_given_variables_fix_the_order_and_split_names_into_letters() -> None:
    assert terms_of("x + 2y", ("y", "x")) == {(0, 1): 1, (1, 0): 2}
    assert terms_of("xy + y", ("x", "y")) == {(1, 1): 1, (0, 1): 1}
    assert terms_of("3xxy - yx", ("x", "y")) == {(2, 1): 3, (1, 1): -1}
    assert terms_of("xy", ("x", "y", "xy")) == {(0, 0, 1): 1}  # a whole name comes first
    assert parse_polynomial("2", "t").variables == ("t",)
    assert parse_polynomial("z", ("x", "y", "z")).variables == ("x", "y", "z")
    assert terms_of("a", iter(["a"])) == {(1,): 1}
    assert terms_of("alpha(x+1)", ("alpha", "x")) == {(1, 1): 1, (1, 0): 1}
    assert terms_of("xy(x+1)", ("x", "y")) == {(2, 1): 1, (1, 1): 1}
    assert terms_of("alpha (x+1)") == {(1, 1): 1, (1, 0): 1}


def test_polynomial_accepts_text() -> None:
    assert dc.Polynomial("(1+2x)^3*(x-1)") == parse_polynomial("(1+2x)^3*(x-1)")
    assert dc.Polynomial("x y", ("y", "x")).variables == ("y", "x")


# -- random expressions against SymPy ------------------------------------------------------------
expressions = expression_texts(
    names=[("x", X), ("y", Y), ("z", Z)],
    divisors=[("2", 2), ("-3", -3), ("(5-1)", 4), ("0.5", sympy.Rational(1, 2))],
    max_leaves=10)


@given(expressions)
def test_random_expressions_match_sympy(built: Built) -> None:
    text, meaning = built[0], built[1]
    result = parse_polynomial(text, ("x", "y", "z"))
    assert sympy.expand(result.to_sympy() - meaning) == 0, text
    assert all(type(c) in (int, Fraction) for c in result.terms().values())
    default = parse_polynomial(text)
    assert default.variables == (tuple(dict.fromkeys(re.findall("[xyz]", text))) or ("x",))
    assert sympy.expand(default.to_sympy() - meaning) == 0


coefficient_values = st.one_of(st.integers(-10**30, 10**30),
                               st.fractions(-100, 100, max_denominator=50))


@given(st.dictionaries(st.tuples(st.integers(0, 6), st.integers(0, 6)), coefficient_values,
                       max_size=8))
def test_printed_polynomials_read_back(terms: dict) -> None:
    polynomial = dc.Polynomial.from_terms(terms, ("x", "y"))
    assert parse_polynomial(str(polynomial), ("x", "y")) == polynomial


# -- errors ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "column", "words"), [
    ("(1+2x", 6, "unexpected end of input at column 6: expected an operator (+ - * / ^), a "
                 "name, '(' or ')'"),
    ("1+", 3, "expected a number, a name or '('"),
    ("x^", 3, "expected a number, a name or '('"),
    ("3x^2 +  ", 7, "unexpected end of input"),
    ("x^1.5", 3, "invalid exponent at column 3: expected a non-negative integer; received 3/2"),
    ("x ^ 2.5", 5, "received 5/2"),
    ("x^(1/2)", 3, "received 1/2"),
    ("x^-1", 3, "received -1"),
    ("x**-2", 4, "received -2"),
    ("x^y", 3, "expected a non-negative integer, not a polynomial in y"),
    ("2^x", 3, "not a polynomial in x"),
    ("2**", 4, "expected a number"),
    ("x^^2", 3, "unexpected '^'"),
    ("2***3", 4, "unexpected '*'"),
    ("x/(x+1)", 3, "cannot divide by a polynomial in x"),
    ("1/x", 3, "expected a nonzero number or constant expression"),
    ("x/0", 3, "division by zero"),
    ("x/(2-2)", 3, "division by zero"),
    ("", 1, "empty polynomial"),
    ("   ", 1, "empty polynomial"),
    ("__import__('os')", 1, "unexpected character '_'"),
    ("x;y", 2, "unexpected character ';' at column 2: expected an operator (+ - * / ^), a "
               "name, '(' or end of input"),
    ("x = 1", 3, "unexpected character '='"),
    ("1 2", 3, "unexpected '2'"),
    ("x 2", 3, "unexpected '2'"),
    ("(x+1)2", 6, "unexpected '2'"),
    ("1.2.3", 4, "unexpected '.3'"),
    (")", 1, "unexpected ')'"),
    ("(x+1))", 6, "unexpected ')'"),
    ("1e5000", 1, "number too long"),
    ("9" * 1001, 1, "number too long"),
    ("(" * 201 + "x" + ")" * 201, 201, "nested too deeply"),
    ("x" + "^1" * 3000, 1, "nested too deeply"),
])
def test_errors_name_the_column(text: str, column: int, words: str) -> None:
    with pytest.raises(dc.NotationError) as caught:
        parse_polynomial(text)
    error = caught.value
    message = str(error)
    assert f"at column {column}" in message and words in message
    assert error.text == text and error.position == column - 1
    _, shown, caret = message.split("\n")
    assert shown.rstrip() == ("  " + text).rstrip()
    assert caret.startswith("  " + " " * (column - 1) + "^")
    assert set(caret.strip()) == {"^"}
    assert isinstance(error, ValueError)


def test_error_on_a_later_line_names_the_line() -> None:
    with pytest.raises(dc.NotationError) as caught:
        parse_polynomial("x +\n 2 ;")
    assert "at line 2, column 4" in str(caught.value) and caught.value.position == 7


def test_caret_spans_the_divisor() -> None:
    with pytest.raises(dc.NotationError) as caught:
        parse_polynomial("x/(x+1)")
    assert str(caught.value).endswith("\n  x/(x+1)\n    ^^^^^")


@pytest.mark.parametrize(("text", "variables", "column", "words"), [
    ("q + x", ("x", "y"), 1, "unknown name 'q' at column 1: expected one of x, y"),
    ("x + xq", ("x", "y"), 5, "unknown name 'xq'"),
    ("x2 + 1", ("x",), 1, "expected one of x (for a power write x^2)"),
    ("alpha", "a", 1, "unknown name 'alpha'"),
    ("sin(x)", None, 1, "unknown function 'sin' at column 1: expected a polynomial (to "
                        "multiply, write sin*(...) or sin (...))"),
    ("x + exp(x)", None, 5, "unknown function 'exp'"),
])
def test_unknown_names(text: str, variables: tuple, column: int, words: str) -> None:
    with pytest.raises(dc.NotationError) as caught:
        parse_polynomial(text, variables)
    assert words in str(caught.value) and caught.value.position == column - 1


@pytest.mark.parametrize("value", [None, 3, b"x", ["x"]])
def test_non_text_is_an_invalid_entry(value: object) -> None:
    with pytest.raises(dc.InvalidEntryError):
        parse_polynomial(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("variables", [5, ("x", "x"), ("x", 1), "", ()])
def test_bad_variables(variables: object) -> None:
    with pytest.raises(dc.InvalidOptionError):
        parse_polynomial("x", variables)  # type: ignore[arg-type]


def test_too_long_text() -> None:
    with pytest.raises(dc.NotationError, match="too long"):
        parse_polynomial("x+" * parse.MAX_LENGTH + "1")


# -- sizes -------------------------------------------------------------------------------------
def test_large_requests_that_must_work() -> None:
    assert parse_polynomial("(1+x)^1000").coefficients == tuple(
        math.comb(1000, k) for k in range(1001))
    assert parse_polynomial("1^(10^100) + (0)^(10^50)").coefficients == (1,)
    assert parse_polynomial("(x - x)^1000000").coefficients == (0,)


@pytest.mark.parametrize(("text", "named"), [
    ("(1+x)^1000000", "'(1+x)^1000000' at column 1 would have degree 1,000,000: 1,000,001 "
                      "coefficients"),
    ("(1+x+y)^5000", "would have degree 5,000 (5,000 in x, 5,000 in y): 25,010,001 "
                     "coefficients"),
    ("1 + x^(10^100)", "'x^(10^100)' at column 5 would have degree about 10^100"),
    ("2^10000000", "coefficients of about 10,000,000 bits"),
    ("2^3^4^5", "more than 10^300 bits"),
    ("(1+x)^1000 * (1+x)^1000 * (1+x)^100000", "'(1+x)^100000' at column 27"),
    ("(1+x)^2000 (1+y)^2000", "'(1+x)^2000 (1+y)^2000' at column 1 would have degree 4,000 "
                              "(2,000 in x, 2,000 in y): 4,004,001 coefficients"),
    ("(1 + x + y + z)^300 - 1", "'(1 + x + y + z)^300' at column 1"),
])
def test_huge_requests_are_refused_at_once(text: str, named: str) -> None:
    with not_computed(), pytest.raises(dc.TooLargeError) as caught:
        parse_polynomial(text)
    assert named in str(caught.value) and "refused before computing" in str(caught.value)


def test_the_work_of_a_whole_polynomial_is_limited() -> None:
    with mock.patch.object(parse, "MAX_WORK", 10**5):
        assert parse_polynomial("(1+x)^1000").degree() == 1000
        with pytest.raises(dc.TooLargeError, match=r"with the .* of the steps before it"):
            parse_polynomial(" + ".join(["(1+x)^1000"] * 10))


def test_memory_limit_applies() -> None:
    with mock.patch.dict(os.environ, {"DISCRETECONV_MEMORY_LIMIT": "100000"}):
        with pytest.raises(dc.TooLargeError, match=r"'\(1\+x\)\^2000'"):
            parse_polynomial("(1+x)^2000")


# -- the parser itself -------------------------------------------------------------------------
def test_import_does_not_load_lark() -> None:
    code = ("import sys, discreteconv, discreteconv.poly.parse; "
            "assert 'lark' not in sys.modules; print('ok')")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=False, timeout=60)
    assert completed.returncode == 0, completed.stderr


def test_parser_is_built_once() -> None:
    assert parse._parser() is parse._parser()
    parse_polynomial("(1+2x)^3*(x-1)")
    parse._parse_checked.cache_clear()
    with parser_not_rebuilt():
        assert parse_polynomial("(1+2x)^3*(x-1)").degree() == 4


# -- fuzz ------------------------------------------------------------------------------------
TOKENS = ["x", "y", "xy", "alpha", "2", "0", "10", "1.5", ".", "e", "e3", "E-2", "^", "**", "*",
          "/", "+", "-", "(", ")", " ", "\n", "_", ";", "9^9", "^99", "'", "\\", "\x00", "é"]
ALPHABET = "0123456789xyzeE.+-*/^() \t\n_;,'\"ab=!é\x00"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(ALPHABET, max_size=20),
                 st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)),
       st.sampled_from([None, ("x", "y"), ("x",)]))
def test_fuzz_only_polynomials_or_library_errors(text: str, variables: tuple | None) -> None:
    with mock.patch.object(parse, "MAX_WORK", 10**6):
        try:
            result = parse_polynomial(text, variables)
        except dc.DiscreteconvError as error:
            if isinstance(error, dc.NotationError):
                assert "column" in str(error) and error.text == text
                assert error.position is not None and 0 <= error.position <= len(text)
            return
    assert isinstance(result, dc.Polynomial)
    if variables is not None:
        assert result.variables == variables
