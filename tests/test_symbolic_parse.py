"""Functions of time as text: worked examples, random expressions against SymPy, assumptions,
every error with its column, the limits, and a fuzz test.

The random expressions are built as a tree, written as text and as a SymPy expression side by
side, so SymPy never parses anything: the parser's result must equal what the tree says.
"""

from __future__ import annotations

import builtins
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
from discreteconv.symbolic import assumptions, functions, parse
from discreteconv.symbolic.assumptions import parse_assumptions
from discreteconv.symbolic.functions import ramp, rect, tri
from discreteconv.symbolic.parse import parse_function

T = sympy.Symbol("t", real=True)
A = sympy.Symbol("a", real=True)
B = sympy.Symbol("b", real=True)
H, D, half = sympy.Heaviside, sympy.DiracDelta, sympy.Rational(1, 2)


# -- worked examples -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("2t", 2 * T),
    ("2 t", 2 * T),
    ("3(t-1)", 3 * (T - 1)),
    ("a t", A * T),
    ("2exp(-t)", 2 * sympy.exp(-T)),
    ("(t+1)(t-1)", (T + 1) * (T - 1)),
    ("t t", T**2),
    ("-t^2", -(T**2)),
    ("-2^2", sympy.Integer(-4)),
    ("2^3^2", sympy.Integer(512)),
    ("(2^3)^2", sympy.Integer(64)),
    ("t**2**3", T**8),
    ("t^-1", 1 / T),
    ("2^-t^2", 2 ** (-(T**2))),
    ("1/2t", T / 2),
    ("t/2/2", T / 4),
    ("t/2*4", 2 * T),
    ("t - -t", 2 * T),
    ("--t", T),
    ("+t", T),
    ("-" * 5001 + "t", -T),
    ("0.5", half),
    (".25t", T / 4),
    ("2.50", sympy.Rational(5, 2)),
    ("1e-3", sympy.Rational(1, 1000)),
    ("1.5E+2", sympy.Integer(150)),
    ("5.t", 5 * T),
    ("e^(-t) u(t)", sympy.exp(-T) * H(T)),
    ("e^-t u(t)", sympy.exp(-T) * H(T)),
    ("e^(-2t)u(t)", sympy.exp(-2 * T) * H(T)),
    ("E^t", sympy.exp(T)),
    ("2e", 2 * sympy.E),
    ("2 e+3", 2 * sympy.E + 3),
    ("2e+3", sympy.Integer(2000)),
    ("2pi t", 2 * sympy.pi * T),
    ("oo", sympy.oo),
    ("-inf", -sympy.oo),
    ("u(t) - u(t-1)", H(T) - H(T - 1)),
    ("step(t) + Heaviside(t)", 2 * H(T)),
    ("delta(t - 0.5) + DiracDelta(t)", D(T - half) + D(T)),
    ("rect(t)", H(T + half) - H(T - half)),
    ("rect((t-2)/4)", rect((T - 2) / 4)),
    ("tri(t)", tri(T)),
    ("ramp(t - 1)", (T - 1) * H(T - 1)),
    ("exp (t)", sympy.exp(T)),
    ("u (t)", H(T)),
    ("ln(t) + log(t)", 2 * sympy.log(T)),
    ("sqrt(t) + sqrt(4)", sympy.sqrt(T) + 2),
    ("abs(t) - Abs(t)", sympy.Integer(0)),
    ("sign(t) sin(t) cos(t) tan(t)", sympy.sign(T) * sympy.sin(T) * sympy.cos(T)
     * sympy.tan(T)),
    ("sinh(t) + cosh(t) + erf(t)", sympy.sinh(T) + sympy.cosh(T) + sympy.erf(T)),
    ("log(e)", sympy.Integer(1)),
    ("t^(1/2)", sympy.sqrt(T)),
    ("t (3)", 3 * T),
    ("(t)(3)", 3 * T),
    ("a (t+1)", A * (T + 1)),
    ("t^2 (t+1)", T**2 * (T + 1)),
    ("e^-2 t", sympy.exp(-2) * T),
    ("2 a t^2 b", 2 * A * B * T**2),
    ("x_1 + t2", sympy.Symbol("x_1", real=True) + sympy.Symbol("t2", real=True)),
    ("0^0", sympy.Integer(1)),
    ("10^1000/10^999", sympy.Integer(10)),
    (" \t( 1 +\n t ) ^ 2 ", (1 + T) ** 2),
    ("+".join(["t"] * 3000), 3000 * T),
])
def test_worked_examples(text: str, expected: sympy.Expr) -> None:
    result = parse_function(text)
    assert result == expected, (text, result)
    assert not result.atoms(sympy.Float)


def test_decimals_are_exact_rationals() -> None:
    assert parse_function("0.1") == sympy.Rational(1, 10)
    assert type(parse_function("0.5")) is sympy.core.numbers.Half
    assert parse_function("1.25e-1") == sympy.Rational(1, 8)
    assert parse_function("3") == 3 and isinstance(parse_function("3"), sympy.Integer)
    assert parse_function("0.3t").coeff(T) == sympy.Rational(3, 10)


def test_symbols_are_real_and_carry_the_assumptions() -> None:
    result = parse_function("exp(-a t) u(t) + b")
    assert result.free_symbols == {T, A, B}
    assert all(symbol.is_real for symbol in result.free_symbols)
    assumed = parse_function("exp(-a t) u(t) + b", assumptions="a > 0, b <= 0")
    positive_a = sympy.Symbol("a", real=True, positive=True)
    nonpositive_b = sympy.Symbol("b", real=True, nonpositive=True)
    assert assumed.free_symbols == {T, positive_a, nonpositive_b}
    assert parse_function("a", assumptions={"a": {"positive": True}}) == positive_a
    assert parse_function("a", assumptions=["a>0"]) == positive_a
    assert parse_function("a", assumptions={"a": {"positive": True}}).is_positive
    assert parse_function("a + n", assumptions="n positive integer").free_symbols == {
        A, sympy.Symbol("n", real=True, positive=True, integer=True)}


def test_the_variable_may_be_renamed_or_given() -> None:
    x = sympy.Symbol("x", real=True)
    assert parse_function("exp(-x) u(x) + t", variable="x") == sympy.exp(-x) * H(x) + T
    tau = sympy.Symbol("tau")  # no assumptions: used as it is
    assert parse_function("tau^2", variable=tau) == tau**2
    assert parse_function("tau", variable=tau).is_real is None


@pytest.mark.parametrize("variable", ["u", "exp", "pi", "e", "I", "2x", "", "t t", 5, None,
                                      sympy.Symbol("x y")])
def test_bad_variables(variable: object) -> None:
    with pytest.raises(dc.InvalidOptionError, match="variable must be a name"):
        parse_function("1", variable=variable)


def test_assumptions_about_the_variable_are_refused() -> None:
    with pytest.raises(dc.InvalidOptionError, match="'t' is the variable"):
        parse_function("t", assumptions="t > 0")
    with pytest.raises(dc.InvalidOptionError, match="'x' is the variable"):
        parse_function("x", variable="x", assumptions={"x": {"positive": True}})


@pytest.mark.parametrize("value", [None, 3, b"t", ["t"], T])
def test_non_text_is_an_invalid_entry(value: object) -> None:
    with pytest.raises(dc.InvalidEntryError, match="must be a str"):
        parse_function(value)  # type: ignore[arg-type]


def test_no_text_reaches_eval_or_sympify() -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        if any(isinstance(arg, str) for arg in args):
            raise AssertionError(f"text passed on: {args}")

    real_eval, real_sympify = builtins.eval, sympy.sympify

    def spy_eval(*args: object, **kwargs: object) -> object:
        refuse(*args)
        return real_eval(*args, **kwargs)  # type: ignore[arg-type]

    def spy_sympify(*args: object, **kwargs: object) -> object:
        refuse(*args)
        return real_sympify(*args, **kwargs)  # type: ignore[arg-type]

    parse._parse_checked.cache_clear()
    with mock.patch.object(builtins, "eval", spy_eval), \
            mock.patch.object(sympy, "sympify", spy_sympify), \
            mock.patch.object(sympy, "parse_expr", refuse), \
            mock.patch("sympy.parsing.sympy_parser.parse_expr", refuse):
        result = parse_function("3 rect(t/2) + exp(-a t) u(t) + tri(t) + ramp(t)")
    assert result == 3 * rect(T / 2) + sympy.exp(-A * T) * H(T) + tri(T) + ramp(T)
    with pytest.raises(dc.NotationError):
        parse_function("__import__('os').system('echo hi')")


# -- random expressions against SymPy ------------------------------------------------------------
SAFE_FUNCTIONS = [  # functions with a real value for every real argument
    ("exp", sympy.exp), ("sin", sympy.sin), ("cos", sympy.cos), ("sinh", sympy.sinh),
    ("cosh", sympy.cosh), ("abs", sympy.Abs), ("Abs", sympy.Abs), ("sign", sympy.sign),
    ("erf", sympy.erf), ("u", H), ("step", H), ("Heaviside", H), ("delta", D),
    ("DiracDelta", D), ("rect", rect), ("tri", tri), ("ramp", ramp),
]

expressions = expression_texts(
    names=[("t", T), ("a", A), ("b", B), ("pi", sympy.pi), ("e", sympy.E), ("E", sympy.E)],
    divisors=[("2", 2), ("(5-1)", 4), ("0.5", half), ("exp(t)", sympy.exp(T)), ("a", A)],
    functions=SAFE_FUNCTIONS, space_after_digit=True)


@given(expressions)
def test_random_expressions_match_sympy(built: Built) -> None:
    text, meaning = built[0], built[1]
    result = parse_function(text)
    assert result == meaning, (text, result, meaning)  # the same tree, so the same expression
    assert result.free_symbols <= {T, A, B}


@given(expressions, st.sampled_from(["x", "tau", "s_1"]))
def test_renaming_the_variable_renames_it_in_the_result(built: Built, name: str) -> None:
    renamed = built[0].replace("t", name)
    for function, _ in SAFE_FUNCTIONS:  # the names of functions keep their letters
        renamed = renamed.replace(function.replace("t", name), function)
    variable = sympy.Symbol(name, real=True)
    result = parse_function(renamed, variable=name)
    expected = built[1].subs(T, variable)
    assert result == expected, renamed


# -- assumptions -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("a>0", {"a": {"positive": True}}),
    ("a >= 0", {"a": {"nonnegative": True}}),
    ("a<0", {"a": {"negative": True}}),
    ("a <= 0", {"a": {"nonpositive": True}}),
    ("a != 0", {"a": {"nonzero": True}}),
    ("a ≥ 0, b ≤ 0, c ≠ 0", {"a": {"nonnegative": True}, "b": {"nonpositive": True},
                             "c": {"nonzero": True}}),
    ("0 < a", {"a": {"positive": True}}),
    ("0 >= a", {"a": {"nonpositive": True}}),
    ("a > 0.0", {"a": {"positive": True}}),
    ("a > -0", {"a": {"positive": True}}),
    ("a real", {"a": {"real": True}}),
    ("n integer", {"n": {"integer": True}}),
    ("n positive integer", {"n": {"positive": True, "integer": True}}),
    ("a>0, b>0", {"a": {"positive": True}, "b": {"positive": True}}),
    ("a > 0 and b > 0", {"a": {"positive": True}, "b": {"positive": True}}),
    ("a >= 0, a != 0", {"a": {"nonnegative": True, "nonzero": True}}),
    ("T >= 0", {"T": {"nonnegative": True}}),
    ("andy > 0", {"andy": {"positive": True}}),
    ("", {}),
    ("   ", {}),
])
def test_assumptions(text: str, expected: dict) -> None:
    assert parse_assumptions(text) == expected


def test_assumptions_in_other_forms() -> None:
    assert parse_assumptions(["a>0", "w != 0"]) == {"a": {"positive": True},
                                                    "w": {"nonzero": True}}
    assert parse_assumptions(("a >= 0", "a != 0")) == {"a": {"nonnegative": True,
                                                             "nonzero": True}}
    assert parse_assumptions(iter(["n integer"])) == {"n": {"integer": True}}
    assert parse_assumptions(None) == {} and parse_assumptions([]) == {}
    given_flags = {"a": {"positive": True}}
    checked = parse_assumptions(given_flags)
    assert checked == given_flags and checked is not given_flags


@pytest.mark.parametrize(("text", "column", "words"), [
    ("a > b", 1, "cannot assume a > b at column 1: expected only signs, such as a > 0, a >= 0,"
                 " a < 0, a <= 0 or a != 0 (for a > b, substitute a = b + d with a new "
                 "parameter d > 0)"),
    ("a < b", 1, "substitute b = a + d with a new parameter d > 0"),
    ("a >= b", 1, "substitute a = b + d with a new parameter d >= 0"),
    ("x>0, a > 1", 6, "cannot assume a > 1 at column 6: expected only signs"),
    ("a > 1", 1, "substitute a = 1 + d with a new parameter d > 0"),
    ("a < 2", 1, "substitute a = 2 - d with a new parameter d > 0"),
    ("-1 < a", 1, "substitute a = -1 + d with a new parameter d > 0"),
    ("a != b", 1, "cannot assume a != b"),
    ("a = 0", 1, "cannot assume a = 0 at column 1: expected only signs, such as a > 0, a >= 0, "
                 "a < 0, a <= 0 or a != 0 (for a known value, substitute it)"),
    ("a == 1", 1, "cannot assume a = 1"),
    ("1 < 2", 1, "1 < 2 compares two numbers"),
    ("a lovely", 3, "unknown property 'lovely' at column 3: expected one of real, integer, "
                    "rational, positive, negative"),
    ("pi > 0", 1, "'pi' is a constant, not a parameter"),
    ("exp positive", 1, "'exp' is a function, not a parameter"),
    ("a > 0, i > 0", 8, "'i' is the imaginary unit, not a parameter"),
    ("a > 0, a < 0", 8, "'a < 0' contradicts the other assumptions about 'a'"),
    ("n integer, n > 0, n != 0, 0 > n", 27, "'0 > n' contradicts"),
    ("a > 0 b > 0", 7, "unexpected 'b' at column 7: expected ',', 'and' or end of input"),
    ("a >", 4, "unexpected end of input at column 4: expected a name or a number"),
    ("a", 2, "unexpected end of input at column 2: expected a name or a comparison"),
    ("a > 0,", 7, "unexpected end of input"),
    ("a ! 0", 3, "unexpected character '!'"),
    ("a > 1e5000", 5, "number too long"),
    ("(a > 0)", 1, "unexpected character '('"),
])
def test_assumption_errors_name_the_column(text: str, column: int, words: str) -> None:
    with pytest.raises(dc.NotationError) as caught:
        parse_assumptions(text)
    check_caret(caught.value, text, column, words)


def test_assumption_errors_in_a_list_name_their_item() -> None:
    with pytest.raises(dc.NotationError) as caught:
        parse_assumptions(["a > 0", "b > a"])
    assert caught.value.text == "b > a" and "substitute b = a + d" in str(caught.value)
    with pytest.raises(dc.NotationError, match="contradicts"):
        parse_assumptions(["a > 0", "a <= 0"])


@pytest.mark.parametrize("value", [3, [1], {"a": "positive"}, {"a": {"positive": 1}},
                                   {"a": {"shiny": True}}, {"2a": {"positive": True}},
                                   {"pi": {"positive": True}}, {5: {"positive": True}},
                                   {"a": {"real": False}},
                                   {"a": {"positive": True, "negative": True}}])
def test_bad_assumption_values(value: object) -> None:
    with pytest.raises(dc.InvalidOptionError):
        parse_assumptions(value)


SIGN_FLAGS = {">": "positive", ">=": "nonnegative", "<": "negative", "<=": "nonpositive",
              "!=": "nonzero"}
FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "!=": "!="}


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "w", "alpha", "T_0"]),
                          st.sampled_from(sorted(SIGN_FLAGS)), st.booleans(),
                          st.sampled_from(["0", "0.0", "-0", "+0"])),
                max_size=6, unique_by=lambda clause: clause[0]),
       st.sampled_from([", ", " and ", ","]))
def test_random_sign_assumptions(clauses: list, separator: str) -> None:
    written = [f"{number} {FLIPPED[operator]} {name}" if reverse else f"{name}{operator}{number}"
               for name, operator, reverse, number in clauses]
    expected = {name: {SIGN_FLAGS[operator]: True} for name, operator, _, _ in clauses}
    assert parse_assumptions(separator.join(written)) == expected
    assert parse_assumptions(written) == expected


# -- errors ------------------------------------------------------------------------------------
def check_caret(error: dc.NotationError, text: str, column: int, words: str) -> None:
    message = str(error)
    assert f"at column {column}" in message and words in message, message
    assert error.text == text and error.position == column - 1
    *_, shown, caret = message.split("\n")
    assert shown.rstrip() == ("  " + text).rstrip()
    assert caret.startswith("  " + " " * (column - 1) + "^")
    assert set(caret.strip()) == {"^"}
    assert isinstance(error, ValueError)


KNOWN = ("u, step, Heaviside, delta, DiracDelta, rect, tri, ramp, exp, log, ln, sqrt, abs, "
         "Abs, sign, sin, cos, tan, sinh, cosh, erf, gamma, factorial")


@pytest.mark.parametrize(("text", "column", "words"), [
    ("foo(t)", 1, f"unknown function 'foo' at column 1: expected one of {KNOWN} (to "
                  f"multiply, write foo*(...) or foo (...))"),
    ("2 + a(t+1)", 5, "unknown function 'a'"),
    ("t(3)", 1, "the variable 't' is not a function at column 1: expected an operator (to "
                "multiply, write t*(...) or t (...))"),
    ("e(t)", 1, "'e' is a constant, not a function"),
    ("pi(2)", 1, "'pi' is a constant, not a function"),
    ("j(2)", 1, "'j' is the imaginary unit, not a function"),
    ("exp", 1, "function 'exp' without parentheses at column 1: expected exp(...), its "
               "argument in parentheses"),
    ("2 exp t", 3, "function 'exp' without parentheses"),
    ("u", 1, "function 'u' without parentheses"),
    ("u(t, 1)", 1, "wrong number of arguments to 'u' at column 1: expected one argument, as in "
                   "u(t); received 2"),
    ("delta()", 1, "wrong number of arguments to 'delta'"),
    ("exp(t, t, t)", 1, "received 3"),
    ("I t", 1, "the imaginary unit 'I' is not accepted at column 1: expected a real "
               "expression: the convolution is of real functions"),
    ("2 j", 3, "the imaginary unit 'j' is not accepted"),
    ("exp(i t)", 5, "the imaginary unit 'i'"),
    ("e^-2t", 1, "ambiguous power 'e^-2t' at column 1: expected e^(-2t) for the exponent -2t, "
                 "or e^-2 t (with a space) for the product"),
    ("3 e^-2t u(t)", 3, "ambiguous power 'e^-2t'"),
    ("t^2u(t)", 1, "ambiguous power 't^2u(t)'"),
    ("-e^2(t+1)", 2, "expected e^(2(t+1)) for the exponent 2(t+1)"),
    ("t 2", 3, "unexpected '2' at column 3: expected an operator (+ - * / ^), a name, '(' or "
               "end of input"),
    ("(t+1)2", 6, "unexpected '2'"),
    ("1/0", 3, "division by zero"),
    ("1/(t-t)", 3, "division by zero"),
    ("0^-1", 1, "division by zero"),
    ("log(0)", 1, "'log(0)' is undefined"),
    ("oo - oo", 1, "'oo - oo' is undefined"),
    ("0*oo", 1, "'0*oo' is undefined"),
    ("tan(pi/2)", 1, "'tan(pi/2)' is undefined"),
    ("sqrt(-1)", 1, "'sqrt(-1)' is not a real number at column 1: expected a real expression"),
    ("t + (-8)^(1/3)", 5, "'(-8)^(1/3)' is not a real number"),
    ("log(-2)", 1, "not a real number"),
    ("", 1, "empty function"),
    ("  ", 1, "empty function"),
    ("u(t) - u(t-1", 13, "unexpected end of input at column 13: expected an operator "
                         "(+ - * / ^), a name, '(', ')' or ','"),
    ("1+", 3, "expected a number, a name or '('"),
    ("t^^2", 3, "unexpected '^'"),
    ("u(t,)", 5, "unexpected ')'"),
    ("2,3", 2, "unexpected ','"),
    ("t;", 2, "unexpected character ';'"),
    ("t = 1", 3, "unexpected character '='"),
    ("__import__('os')", 1, "unexpected character '_'"),
    ("t.real", 2, "unexpected character '.'"),
    ("é", 1, "unexpected character 'é'"),
    ("9" * 1001, 1, "number too long"),
    ("1e5000", 1, "number too long"),
    ("(" * 201 + "t" + ")" * 201, 201, "nested too deeply"),
    ("t" + "^t" * 3000, 1, "nested too deeply"),
])
def test_errors_name_the_column(text: str, column: int, words: str) -> None:
    with pytest.raises(dc.NotationError) as caught:
        parse_function(text)
    check_caret(caught.value, text, column, words)


def test_error_on_a_later_line_names_the_line() -> None:
    with pytest.raises(dc.NotationError) as caught:
        parse_function("t +\n 2 ;")
    assert "at line 2, column 4" in str(caught.value) and caught.value.position == 7


def test_caret_spans_the_bad_name() -> None:
    with pytest.raises(dc.NotationError) as caught:
        parse_function("2 + foo(t)")
    assert str(caught.value).endswith("\n  2 + foo(t)\n      ^^^")


def test_too_long_text() -> None:
    with pytest.raises(dc.NotationError, match="too long"):
        parse_function("t+" * parse.MAX_LENGTH + "1")
    with pytest.raises(dc.NotationError, match="too long"):
        parse_assumptions("a>0," * parse.MAX_LENGTH)


# -- sizes -------------------------------------------------------------------------------------
def test_large_requests_that_must_work() -> None:
    assert parse_function("2^1000") == 2**1000
    assert parse_function("(1+t)^1000") == (1 + T) ** 1000
    assert parse_function("t^-1000") == T**-1000
    assert parse_function("9" * 1000) == int("9" * 1000)
    assert parse_function("(10^100)^100") == 10**10000


@pytest.mark.parametrize(("text", "named"), [
    ("t^1001", "'t^1001' at column 1 has the exponent 1001: at most 1,000 in size; refused "
               "before computing"),
    ("t^-1001", "has the exponent -1001"),
    ("2^(10^4)", "'2^(10^4)' at column 1 has the exponent 10000"),
    ("2^10^100", "has the exponent 1000000000000"),
    ("2^3^4^5", "has the exponent"),
    ("t + e^(2001/2)", "'e^(2001/2)' at column 5 has the exponent 2001/2"),
    ("(10^1000)^200", "'(10^1000)^200' at column 1 would make a number of about 664,600 bits "
                      "(at most 100,000); refused before computing"),
    ("((2^1000)^1000)^1000", "'((2^1000)^1000)' at column 1 would make a number"),
    ("(t + 10^40)^1000", "would make a number"),
    ("*".join(["10^1000"] * 40), "at column 1 would make a number of about 13"),
])
def test_huge_requests_are_refused_at_once(text: str, named: str) -> None:
    with not_computed(), pytest.raises(dc.TooLargeError) as caught:
        parse_function(text)
    assert named in str(caught.value)


def test_the_limits_are_read_when_parsing() -> None:
    with mock.patch.object(parse, "MAX_POWER", 3):
        assert parse_function("t^3") == T**3
        with pytest.raises(dc.TooLargeError, match="at most 3 in size"):
            parse_function("t^4")
    with mock.patch.object(parse, "MAX_BITS", 100):
        with pytest.raises(dc.TooLargeError, match="at most 100"):
            parse_function("2^101")


# -- the parser itself -------------------------------------------------------------------------
@pytest.mark.parametrize("module", ["parse", "assumptions", "functions"])
def test_import_loads_neither_lark_nor_sympy(module: str) -> None:
    # the package's __init__ is left out (an empty stand-in), so only the module is measured
    code = ("import sys, types, discreteconv; "
            "package = types.ModuleType('discreteconv.symbolic'); "
            f"package.__path__ = [{str(parse.__file__.rpartition('/')[0])!r}]; "
            "sys.modules['discreteconv.symbolic'] = package; "
            f"import discreteconv.symbolic.{module}; "
            "assert not {'lark', 'sympy'} & set(sys.modules), sorted(sys.modules); "
            "print('ok')")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=False, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "ok"


def test_parser_is_built_once() -> None:
    assert parse._parser() is parse._parser()
    assert assumptions._assumptions_parser() is assumptions._assumptions_parser()
    expected = parse_function("e^(-2t) u(t) - 3 rect((t-1)/2)")
    parse._parse_checked.cache_clear()
    with parser_not_rebuilt():
        assert parse_function("e^(-2t) u(t) - 3 rect((t-1)/2)") == expected


def test_the_grammar_lists_every_function() -> None:
    for name in parse.FUNCTIONS:
        assert parse_function(f"{name}(1)").is_number
        assert parse_function(f"{name} (1)") == parse_function(f"{name}(1)")


# -- functions.py ------------------------------------------------------------------------------
@pytest.mark.parametrize("x", [Fraction(k, 8) for k in range(-14, 15)])
def test_rect_tri_ramp_values(x: Fraction) -> None:
    value = sympy.Rational(x.numerator, x.denominator)
    assert rect(value) == (1 if abs(x) < half else half if abs(x) == half else 0)
    assert tri(value) == max(0, 1 - abs(value))
    assert ramp(value) == max(0, value)
    assert rect(x) == rect(value) and tri(x) == tri(value) and ramp(x) == ramp(value)


def test_rect_tri_ramp_are_steps() -> None:
    assert rect(T) == H(T + half) - H(T - half)
    assert tri(T) == (1 + T) * (H(T + 1) - H(T)) + (1 - T) * (H(T) - H(T - 1))
    assert ramp(T) == T * H(T)
    assert rect(2) == 0 and tri(0) == 1 and ramp(3) == 3 and ramp(-3) == 0
    assert isinstance(rect(0.25), sympy.Expr)


@pytest.mark.parametrize("function", [rect, tri, ramp])
@pytest.mark.parametrize("value", ["t", None, [1, 2], object(), sympy.Eq(T, 1)])
def test_functions_take_expressions_only(function: object, value: object) -> None:
    with pytest.raises(dc.InvalidEntryError, match=function.__name__):  # type: ignore[attr-defined]
        function(value)  # type: ignore[operator]
    assert functions.__all__ == ["ramp", "rect", "tri"]


# -- fuzz ------------------------------------------------------------------------------------
TOKENS = ["t", "a", "at", "u", "u(", "exp(", "exp ", "rect(", "e", "pi", "oo", "I", "2", "0",
          "10", "1.5", ".", "e3", "E-2", "^", "**", "*", "/", "+", "-", "(", ")", ",", " ",
          "\n", "_", ";", "9^9", "^999", "'", "\\", "\x00", "é", "log(0)", "sqrt(-"]
ALPHABET = "0123456789tuexpaE.+-*/^() \t\n_;,'\"=!é\x00"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(ALPHABET, max_size=20),
                 st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)))
def test_fuzz_only_expressions_or_library_errors(text: str) -> None:
    try:
        result = parse_function(text)
    except dc.DiscreteconvError as error:
        if isinstance(error, dc.NotationError):
            assert "column" in str(error) and error.text == text
            assert error.position is not None and 0 <= error.position <= len(text)
        return
    assert isinstance(result, sympy.Expr)
    assert not result.has(sympy.nan, sympy.zoo, sympy.I)


@settings(max_examples=200, deadline=None)
@given(st.text("abn01<>=!≥, andrealpositive-.", max_size=24))
def test_fuzz_assumptions_only_flags_or_notation_errors(text: str) -> None:
    try:
        result = parse_assumptions(text)
    except dc.NotationError as error:
        assert error.text == text and 0 <= error.position <= len(text)
        return
    assert all(isinstance(flags, dict) and all(value is True for value in flags.values())
               for flags in result.values())


def test_gamma_is_a_function_when_called_and_a_parameter_otherwise() -> None:
    k = sympy.Symbol("k", real=True, positive=True)
    gamma = sympy.Symbol("gamma", real=True)
    assert parse_function("t^(k-1)/gamma(k)", assumptions="k>0") == \
        T**(k - 1) / sympy.gamma(k)
    assert parse_function("gamma/(pi (gamma^2 + t^2))") == gamma / (sympy.pi * (gamma**2 + T**2))
    assert parse_function("factorial(3)") == 6


def test_huge_factorials_are_refused_before_computing() -> None:
    with pytest.raises(dc.TooLargeError, match="gamma of a number above 1,000"):
        parse_function("gamma(5000)")
    with pytest.raises(dc.TooLargeError, match="factorial"):
        parse_function("factorial(10^6)")
