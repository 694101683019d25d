"""``Polynomial``: exact polynomial arithmetic, checked against SymPy.

Every operation is compared with ``sympy.expand`` / ``sympy.Poly`` on hypothesis-generated
polynomials: big integers past 2**64, Fractions, several variables (x, y, z) and symbolic
coefficients in a SymPy symbol ``a``. SymPy is the reference; no code of discreteconv is shared
with it.
"""

from __future__ import annotations

import dataclasses
import re
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy
from _helpers import not_computed
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import big_ints, fractions, small_ints

import discreteconv as dc
from discreteconv import Polynomial
from discreteconv.errors import (
    InvalidEntryError,
    InvalidOptionError,
    NotationError,
    TooLargeError,
)

X, Y, Z, A = sympy.symbols("x y z a")
SYMBOLS = {"x": X, "y": Y, "z": Z}

# -- strategies ----------------------------------------------------------------------------------
#: Coefficients in a SymPy symbol ``a``: ``3*a - 2``, ``a**2``, sometimes a plain SymPy integer.
symbolic = st.builds(lambda m, n, e: m * A**e + n, small_ints, small_ints,
                     st.integers(min_value=1, max_value=2))

COEFFICIENTS = {
    "int": big_ints,
    "fraction": st.one_of(fractions, small_ints),
    "symbolic": st.one_of(symbolic, small_ints),
}


def coefficient_lists(elements: st.SearchStrategy, max_size: int = 6) -> st.SearchStrategy:
    """Coefficient lists, lowest power first; some end in zeros, which must be trimmed."""
    return st.builds(
        lambda values, zeros: values + [0] * zeros,
        st.lists(elements, min_size=1, max_size=max_size),
        st.integers(min_value=0, max_value=2),
    )


@st.composite
def nested(draw: st.DrawFn, elements: st.SearchStrategy, depth: int) -> Any:
    """A rectangular nested list of the given depth (axis i = powers of variable i)."""
    shape = [draw(st.integers(min_value=1, max_value=3)) for _ in range(depth)]

    def build(level: int) -> Any:
        if level == depth:
            return draw(elements)
        return [build(level + 1) for _ in range(shape[level])]

    return build(0)


@st.composite
def polynomials(draw: st.DrawFn, kind: str | None = None,
                variables: tuple[str, ...] | None = None) -> Polynomial:
    """A univariate or multivariate Polynomial over one coefficient kind."""
    elements = COEFFICIENTS[kind or draw(st.sampled_from(sorted(COEFFICIENTS)))]
    if variables is None:
        variables = draw(st.sampled_from([("x",), ("x",), ("x", "y"), ("x", "y", "z")]))
    if len(variables) == 1:
        return Polynomial(draw(coefficient_lists(elements)), variables=variables[0])
    return Polynomial(draw(nested(elements, len(variables))), variables=variables)


@st.composite
def pairs(draw: st.DrawFn, count: int = 2) -> tuple[Polynomial, ...]:
    """``count`` polynomials over the same coefficient kind and the same variables."""
    kind = draw(st.sampled_from(sorted(COEFFICIENTS)))
    variables = draw(st.sampled_from([("x",), ("x",), ("x", "y"), ("x", "y", "z")]))
    return tuple(draw(polynomials(kind, variables)) for _ in range(count))


scalars = st.one_of(big_ints, fractions, symbolic)
points = st.one_of(small_ints, big_ints, fractions)


# -- the reference -------------------------------------------------------------------------------
def expression(coefficients: Any, variables: tuple[str, ...]) -> sympy.Expr:
    """The SymPy expression of nested coefficients (lowest power first), built by hand."""
    if not variables:
        return sympy.sympify(coefficients)
    head, rest = SYMBOLS[variables[0]], variables[1:]
    return sympy.Add(*(expression(c, rest) * head**i for i, c in enumerate(coefficients)))


def expected_terms(expr: sympy.Expr, variables: tuple[str, ...]) -> dict[tuple[int, ...], Any]:
    """``{exponents: coefficient}`` of the expanded expression, by ``sympy.Poly``."""
    poly = sympy.Poly(sympy.expand(expr), *(SYMBOLS[v] for v in variables))
    return {exponents: c for exponents, c in poly.terms() if c != 0}


def same_value(found: Any, expected: Any) -> bool:
    return sympy.expand(sympy.sympify(found) - sympy.sympify(expected)) == 0


def assert_matches(p: Polynomial, expr: sympy.Expr,
                   variables: tuple[str, ...] | None = None) -> None:
    """``p`` is ``expr``: the same terms (coefficient by coefficient) and the same expression."""
    variables = p.variables if variables is None else variables
    assert p.variables == variables
    found = p.terms()
    expected = expected_terms(expr, variables)
    assert set(found) == set(expected), (found, expected)
    for exponents, coefficient in expected.items():
        assert same_value(found[exponents], coefficient), (exponents, found, expected)
    assert sympy.expand(p.to_sympy() - expr) == 0


def reference(p: Polynomial) -> sympy.Expr:
    """``p`` as SymPy builds it from its coefficients (not through ``to_sympy``)."""
    return expression(p.coefficients, p.variables)


# -- arithmetic against SymPy --------------------------------------------------------------------
@given(pairs())
def test_product_is_sympy_expand(pair: tuple[Polynomial, Polynomial]) -> None:
    p, q = pair
    assert_matches(p * q, sympy.expand(reference(p) * reference(q)))


@given(polynomials(), st.integers(min_value=0, max_value=4))
@settings(max_examples=30)
def test_power_is_sympy_expand(p: Polynomial, n: int) -> None:
    assert_matches(p**n, sympy.expand(reference(p) ** n))


@given(pairs())
def test_sum_and_difference(pair: tuple[Polynomial, Polynomial]) -> None:
    p, q = pair
    assert_matches(p + q, reference(p) + reference(q))
    assert_matches(p - q, reference(p) - reference(q))
    assert_matches(-p, -reference(p))


@given(polynomials(), scalars)
def test_scalar_multiplication_and_addition(p: Polynomial, c: Any) -> None:
    expected = sympy.sympify(c) * reference(p)
    assert_matches(c * p, expected)
    assert_matches(p * c, expected)
    assert_matches(p + c, reference(p) + sympy.sympify(c))
    assert_matches(c + p, reference(p) + sympy.sympify(c))
    assert_matches(p - c, reference(p) - sympy.sympify(c))


def test_operands_with_different_variables_are_aligned() -> None:
    p = Polynomial([1, 2], variables="x")  # 1 + 2x
    q = Polynomial([0, 3], variables="y")  # 3y
    assert_matches(p * q, 3 * Y + 6 * X * Y, ("x", "y"))
    assert_matches(q * p, 3 * Y + 6 * X * Y, ("y", "x"))
    assert_matches(p + q, 1 + 2 * X + 3 * Y, ("x", "y"))
    r = Polynomial([[0, 1]], variables=("y", "z"))  # z
    assert_matches(p * r, Z + 2 * X * Z, ("x", "y", "z"))


# -- evaluation, derivative, degree --------------------------------------------------------------
@given(polynomials(variables=("x",)), st.one_of(points, st.just(A), st.just(X)))
def test_evaluation_at_a_point(p: Polynomial, value: Any) -> None:
    assert same_value(p(value), reference(p).subs(X, sympy.sympify(value)))


@given(polynomials(kind="fraction", variables=("x",)), fractions)
def test_evaluation_of_exact_numbers_stays_exact(p: Polynomial, value: Fraction) -> None:
    result = p(value)
    assert not isinstance(result, float)
    assert Fraction(int(result) if isinstance(result, int) else result) == sum(
        (Fraction(c) * value**k for k, c in enumerate(p.coefficients)), Fraction(0))


@given(polynomials(variables=("x", "y", "z")), points, points, points)
@settings(max_examples=30)
def test_multivariate_evaluation_by_position_and_by_name(p: Polynomial, u: Any, v: Any,
                                                         w: Any) -> None:
    expected = reference(p).subs({X: u, Y: v, Z: w})
    assert same_value(p(u, v, w), expected)
    assert same_value(p(x=u, y=v, z=w), expected)


def test_evaluation_examples() -> None:
    p = Polynomial([1, 2, 3])  # 1 + 2x + 3x**2
    assert p(2) == 17
    assert p(Fraction(1, 2)) == Fraction(11, 4)
    assert sympy.expand(p(A) - (1 + 2 * A + 3 * A**2)) == 0
    assert Polynomial([[1, 2], [3, 4]], variables=("x", "y"))(2, 3) == 1 + 2 * 3 + 3 * 2 + 4 * 6


@given(polynomials())
def test_derivative(p: Polynomial) -> None:
    if len(p.variables) == 1:
        assert_matches(p.derivative(), sympy.diff(reference(p), X))
    else:
        with pytest.raises(InvalidOptionError, match="name the variable"):
            p.derivative()
    for name in p.variables:
        assert_matches(p.derivative(name), sympy.diff(reference(p), SYMBOLS[name]))


@given(polynomials())
def test_degree(p: Polynomial) -> None:
    expr = sympy.expand(reference(p))
    symbols = [SYMBOLS[v] for v in p.variables]
    if expr == 0:
        assert p.degree() == -1
        return
    poly = sympy.Poly(expr, *symbols)
    assert p.degree() == poly.total_degree()
    for name, symbol in zip(p.variables, symbols, strict=True):
        assert p.degree(name) == poly.degree(symbol)


def test_degree_examples() -> None:
    assert Polynomial([1, 0, 5]).degree() == 2
    assert Polynomial([7]).degree() == 0
    assert Polynomial([0]).degree() == -1
    xy = Polynomial([[0, 0], [0, 1]], variables=("x", "y"))  # x*y
    assert (xy.degree(), xy.degree("x"), xy.degree("y")) == (2, 1, 1)


# -- equality, hashing, conversions --------------------------------------------------------------
@given(polynomials())
def test_equal_polynomials_hash_alike(p: Polynomial) -> None:
    copy = Polynomial(p.coefficients, variables=p.variables)
    assert copy == p and hash(copy) == hash(p)
    assert p + 1 != p
    assert len({p, copy, p + 1}) == 2


def test_equality_ignores_the_number_type_of_equal_coefficients() -> None:
    p = Polynomial([1, 2, 3])
    q = Polynomial([Fraction(1), Fraction(4, 2), Fraction(3)])
    assert p == q and hash(p) == hash(q)
    assert Polynomial([1, 2], variables="x") != Polynomial([1, 2], variables="y")


def test_equal_values_hash_alike() -> None:
    assert Polynomial([5]) == 5
    assert hash(Polynomial([5])) == hash(5)
    in_x, in_x_and_y = Polynomial([1, 2], "x"), Polynomial([[1], [2]], ("x", "y"))
    assert in_x == in_x_and_y
    assert hash(in_x) == hash(in_x_and_y)


def test_variables_x_is_honoured_for_text_and_sympy() -> None:
    assert Polynomial(A * X**2 + 1, variables="x").variables == ("x",)  # a: a coefficient
    with pytest.raises(NotationError):
        Polynomial("y + 1", variables="x")  # y is not a variable


def test_huge_coefficients_can_be_written() -> None:
    p = Polynomial("2^2^2^2^2 x + 1")  # the grammar allows 2**65536 (19,729 digits)
    assert str(p).endswith("*x + 1")
    assert p._repr_latex_().startswith("$")


@given(polynomials())
def test_to_sympy_round_trip(p: Polynomial) -> None:
    expr = p.to_sympy()
    assert sympy.expand(expr - reference(p)) == 0
    assert Polynomial.from_sympy(expr, variables=p.variables) == p


def test_from_sympy_and_sympy_arguments() -> None:
    p = Polynomial.from_sympy((1 + 2 * X) * (3 - X**2))
    assert p.coefficients == (3, 6, -1, -2)
    assert p.variables == ("x",)
    assert Polynomial((1 + 2 * X) * (3 - X**2)) == p
    yx = Polynomial.from_sympy(X * Y**2 + 1)  # variables default: the free symbols by name
    assert yx.variables == ("x", "y")
    assert yx.coefficients == ((1, 0, 0), (0, 0, 1))
    symbolic_p = Polynomial.from_sympy(A * X**2 + 1, variables="x")
    assert symbolic_p.degree() == 2 and same_value(symbolic_p.coefficients[2], A)


def test_from_terms() -> None:
    p = Polynomial.from_terms({(2,): 5, (0,): Fraction(1, 2)}, variables="x")
    assert p.coefficients == (Fraction(1, 2), 0, 5)
    q = Polynomial.from_terms({(1, 2): 3, (0, 0): -1}, variables=("x", "y"))
    assert_matches(q, 3 * X * Y**2 - 1)
    assert Polynomial.from_terms(q.terms(), variables=q.variables) == q


@given(polynomials())
def test_terms_hold_the_nonzero_coefficients(p: Polynomial) -> None:
    terms = p.terms()
    assert all(not same_value(c, 0) for c in terms.values())
    assert all(len(exponents) == len(p.variables) for exponents in terms)
    assert sympy.expand(sympy.Add(*(sympy.sympify(c) * sympy.Mul(
        *(SYMBOLS[v] ** e for v, e in zip(p.variables, exponents, strict=True)))
        for exponents, c in terms.items())) - reference(p)) == 0


# -- trimming, the zero polynomial, immutability -------------------------------------------------
def test_trailing_zeros_are_trimmed() -> None:
    assert Polynomial([1, 2, 0, 0]).coefficients == (1, 2)
    assert Polynomial([Fraction(1, 2), Fraction(0)]).coefficients == (Fraction(1, 2),)
    assert Polynomial([3, A - A]).coefficients == (3,)
    assert Polynomial([[1, 0], [0, 0]], variables=("x", "y")).coefficients == ((1,),)
    assert Polynomial([[1, 0, 0], [0, 2, 0]], variables=("x", "y")).coefficients == (
        (1, 0), (0, 2))
    assert Polynomial([1, 2, 0]) == Polynomial([1, 2])
    assert (Polynomial([1, 1]) - Polynomial([0, 1])).coefficients == (1,)


@given(coefficient_lists(big_ints))
def test_coefficients_are_the_input_without_trailing_zeros(values: list[int]) -> None:
    kept = list(values)
    while len(kept) > 1 and kept[-1] == 0:
        kept.pop()
    assert Polynomial(values).coefficients == tuple(kept)


def test_zero_polynomial() -> None:
    zero = Polynomial()
    assert zero.coefficients == (0,)
    assert Polynomial([0, 0, 0]) == zero
    assert zero.degree() == -1
    assert zero.terms() == {}
    assert zero.to_sympy() == 0
    assert zero.derivative() == zero
    assert zero(5) == 0
    assert Polynomial([[0, 0], [0, 0]], variables=("x", "y")).coefficients == ((0,),)
    assert (Polynomial([1, 2, 3]) * zero) == zero
    assert (Polynomial([1, 2, 3]) - Polynomial([1, 2, 3])) == zero
    assert Polynomial([5]).derivative() == zero


def test_polynomials_are_immutable() -> None:
    values = [1, 2, 3]
    p = Polynomial(values)
    values[0] = 100
    assert p.coefficients == (1, 2, 3)
    assert isinstance(p.coefficients, tuple)
    with pytest.raises((AttributeError, TypeError, dataclasses.FrozenInstanceError)):
        p.coefficients = (4,)  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        p.variables = ("y",)  # type: ignore[misc]
    q = Polynomial([0, 1])
    _ = p * q + p - q
    _ = p**3
    assert (p.coefficients, q.coefficients) == ((1, 2, 3), (0, 1))
    multivariate = Polynomial([[1, 2], [3, 4]], variables=("x", "y"))
    assert all(isinstance(row, tuple) for row in multivariate.coefficients)


# -- algebra -------------------------------------------------------------------------------------
@given(pairs(3))
@settings(max_examples=30)
def test_ring_laws(triple: tuple[Polynomial, Polynomial, Polynomial]) -> None:
    p, q, r = triple
    one, zero = Polynomial([1], variables=p.variables[0]), Polynomial(variables=p.variables[0])
    assert p * q == q * p
    assert p + q == q + p
    assert (p * q) * r == p * (q * r)
    assert (p + q) + r == p + (q + r)
    assert p * (q + r) == p * q + p * r
    assert p * one == p and one * p == p and p * 1 == p
    assert p + zero == p and p * zero == p * 0
    assert p - p == p * 0
    assert (p * 0).degree() == -1
    assert (p**0).terms() == {(0,) * len(p.variables): 1}


@given(polynomials(), st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=3))
@settings(max_examples=30)
def test_powers_add_exponents(p: Polynomial, m: int, n: int) -> None:
    assert p**m * p**n == p ** (m + n)
    assert p**2 == p * p


# -- generating functions and dice ---------------------------------------------------------------
def test_three_dice_are_a_cubed_polynomial() -> None:
    three_d6 = Polynomial([0, 1, 1, 1, 1, 1, 1]) ** 3
    expected = 3 @ dc.die(6)
    assert three_d6.coefficients == (0, 0, 0, *expected.weights)
    assert expected.outcomes == tuple(range(3, 19))
    assert sum(three_d6.coefficients) == 6**3
    assert three_d6.to_distribution() == expected


def test_generating_function_of_a_die() -> None:
    pgf = Polynomial.from_distribution(dc.die(6))
    assert pgf.coefficients == (0, *[Fraction(1, 6)] * 6)
    assert pgf(1) == 1
    assert pgf**2 == Polynomial.from_distribution(dc.die(6) + dc.die(6))
    assert (pgf**3).to_distribution() == 3 @ dc.die(6)
    assert pgf.derivative()(1) == dc.die(6).mean()  # E[X] = G'(1)


def test_distributions_need_non_negative_integer_outcomes() -> None:
    with pytest.raises(ValueError):
        Polynomial.from_distribution(dc.uniform(-2, 2))
    with pytest.raises(ValueError):
        Polynomial([1, -1]).to_distribution()


# -- explain_product -----------------------------------------------------------------------------
def _rows(rendered: str, separator: str) -> dict[int, tuple[str, str]]:
    """``{n: (sum of products, c_n)}`` from the rows of a rendered table."""
    rows = {}
    for line in rendered.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").removesuffix(r"\\")
                 .split(separator)]
        if len(cells) == 3 and cells[0].isdigit():
            rows[int(cells[0])] = (cells[1], cells[2])
    return rows


def _expected_sum(a: list[Any], b: list[Any], n: int, times: str = "·") -> str:
    """``a_0·b_n + a_1·b_(n-1) + ...``, negative factors in brackets, as the table writes it."""
    def shown(value: Any) -> str:
        return f"({value})" if str(value).startswith("-") else str(value)

    pairs = [(a[k], b[n - k]) for k in range(len(a)) if 0 <= n - k < len(b)]
    return " + ".join(f"{shown(x)}{times}{shown(y)}" for x, y in pairs)


def test_explain_product_of_the_worked_example() -> None:
    p, q = Polynomial([1, 2]), Polynomial([3, 0, -1])  # (1 + 2x)(3 - x**2)
    assert (p * q).coefficients == (3, 6, -1, -2)
    work = dc.explain_product(p, q)
    expected = {0: ("1·3", "3"), 1: ("1·0 + 2·3", "6"), 2: ("1·(-1) + 2·0", "-1"),
                3: ("2·(-1)", "-2")}
    text = work.to_text()
    assert _rows(text, "|") == expected
    assert "c_n = sum_k a_k * b_(n-k)" in text
    assert "a = [1, 2], b = [3, 0, -1]" in text
    assert text.splitlines()[0] == "(2*x + 1) * (-x**2 + 3) = -2*x**3 - x**2 + 6*x + 3"
    assert str(work) == text
    assert _rows(work.to_markdown(), "|") == expected
    latex = work.to_latex()
    assert _rows(latex.replace(r" \cdot ", "·"), "&") == expected
    assert r"\sum_k a_k\, b_{n-k}" in latex and latex.startswith(r"\begin{array}")
    assert work._repr_latex_().startswith("$$")
    assert work.product == p * q


@given(coefficient_lists(st.one_of(small_ints, fractions), 5),
       coefficient_lists(small_ints, 5))
@settings(max_examples=25)
def test_explain_product_rows_are_the_convolution_sums(a: list[Any], b: list[Any]) -> None:
    p, q = Polynomial(a), Polynomial(b)
    a, b = list(p.coefficients), list(q.coefficients)
    rows = _rows(dc.explain_product(p, q).to_text(), "|")
    assert sorted(rows) == list(range(len(a) + len(b) - 1))
    product = list((p * q).coefficients)
    for n, (terms, value) in rows.items():
        assert terms == _expected_sum(a, b, n)
        assert value == str(product[n] if n < len(product) else 0)


def test_explain_product_takes_text_and_lists_but_one_variable() -> None:
    assert dc.explain_product([1, 1], [1, -1]).product == Polynomial([1, 0, -1])
    with pytest.raises(InvalidOptionError):
        dc.explain_product(Polynomial([1, 1], "x"), Polynomial([1, 1], "y"))
    with pytest.raises(InvalidOptionError):
        dc.explain_product(Polynomial([[1, 1]], ("x", "y")), Polynomial([[1]], ("x", "y")))


# -- text ----------------------------------------------------------------------------------------
def test_text_is_parsed() -> None:
    assert_matches(Polynomial("(1+2x)^3*(x-1)"), (1 + 2 * X) ** 3 * (X - 1))
    assert Polynomial("(1+2x)(3-x^2)").coefficients == (3, 6, -1, -2)
    assert Polynomial("x^2 + 1/2").coefficients == (Fraction(1, 2), 0, 1)
    assert_matches(Polynomial("x*y + z^2"), X * Y + Z**2)


def test_str_and_latex_read_back() -> None:
    p = Polynomial([Fraction(1, 2), -1, 3])
    assert Polynomial(str(p)) == p
    assert sympy.sympify(str(p).replace("^", "**")) - p.to_sympy() == 0
    assert p._repr_latex_().startswith("$")
    assert "frac" in p._repr_latex_()
    assert "Polynomial" in repr(p)


@st.composite
def written(draw: st.DrawFn, depth: int = 3) -> tuple[str, sympy.Expr]:
    """A polynomial written as text in the grammar (implicit products, ``^`` and ``**``,
    decimals, division by numbers), with the SymPy expression it means."""
    if depth == 0 or draw(st.integers(min_value=0, max_value=3)) == 0:
        kind = draw(st.sampled_from(["int", "big", "decimal", "name", "term"]))
        if kind == "int":
            n = draw(st.integers(min_value=0, max_value=20))
            return str(n), sympy.Integer(n)
        if kind == "big":
            n = draw(st.integers(min_value=2**64, max_value=2**80))
            return str(n), sympy.Integer(n)
        if kind == "decimal":
            n = draw(st.integers(min_value=0, max_value=999))
            return f"{n // 100}.{n % 100:02d}", sympy.Rational(n, 100)
        name = draw(st.sampled_from("xyz"))
        if kind == "name":
            return name, SYMBOLS[name]
        n = draw(st.integers(min_value=2, max_value=9))
        k = draw(st.integers(min_value=2, max_value=3))
        return f"{n}{name}^{k}", n * SYMBOLS[name] ** k  # 3x^2
    (left, a), (right, b) = draw(written(depth - 1)), draw(written(depth - 1))
    form = draw(st.sampled_from(["+", "-", "*", "implicit", "^", "**", "/", "neg"]))
    if form == "+":
        return f"{left} + {right}", a + b
    if form == "-":
        return f"{left} - ({right})", a - b
    if form == "*":
        return f"({left})*({right})", a * b
    if form == "implicit":
        return f"({left})({right})", a * b
    if form == "neg":
        return f"-({left})", -a
    if form == "/":
        n = draw(st.integers(min_value=1, max_value=12))
        return f"({left})/{n}", a / n
    k = draw(st.integers(min_value=0, max_value=3))
    return f"({left}){form}{k}", a**k


@given(written())
@settings(max_examples=80)
def test_text_means_what_sympy_says(pair: tuple[str, sympy.Expr]) -> None:
    text, expr = pair
    p = Polynomial(text, variables=("x", "y", "z"))
    assert_matches(p, sympy.expand(expr))
    found = Polynomial(text)  # variables: the names of the text, in order of appearance
    assert found.variables == (tuple(dict.fromkeys(re.findall("[a-z]", text))) or ("x",))
    assert sympy.expand(found.to_sympy() - expr) == 0


@given(polynomials(kind="fraction"))
def test_str_and_repr_read_back(p: Polynomial) -> None:
    assert Polynomial(str(p), variables=p.variables) == p
    assert eval(repr(p), {"Polynomial": Polynomial}) == p


@pytest.mark.parametrize("text", ["1+", "(1+x", "x^", "x^-1", "2 $ x", ""])
def test_text_that_does_not_parse(text: str) -> None:
    with pytest.raises((NotationError, InvalidOptionError)):
        Polynomial(text)


def test_notation_error_has_a_position() -> None:
    with pytest.raises(NotationError) as caught:
        Polynomial("1 + 2x + $")
    assert caught.value.position == 9


# -- exactness -----------------------------------------------------------------------------------
def test_numpy_loses_what_polynomial_keeps() -> None:
    big = 2**60 + 1
    assert (Polynomial([big]) * Polynomial([1])).coefficients == (big,)
    lossy = np.polynomial.polynomial.polymul([big], [1])
    assert int(lossy[0]) != big  # float64 rounds 2**60 + 1 to 2**60
    square = Polynomial([big, 1]) ** 2
    assert square.coefficients == (big * big, 2 * big, 1)
    assert all(type(c) is int for c in square.coefficients)


def test_fractions_and_big_integers_stay_exact() -> None:
    p = Polynomial([Fraction(1, 3), 2**100])
    q = p * p
    assert q.coefficients == (Fraction(1, 9), Fraction(2**101, 3), 2**200)
    assert not any(isinstance(c, float) for c in q.coefficients)


def test_floats_are_kept_as_floats() -> None:
    p = Polynomial([0.5, 1])
    assert p.coefficients == (0.5, 1)
    assert isinstance((p * p).coefficients[0], float)


# -- errors --------------------------------------------------------------------------------------
@pytest.mark.parametrize("exponent", [-1, 1.5, Fraction(1, 2), 2.0])
def test_bad_exponents(exponent: Any) -> None:
    with pytest.raises((InvalidOptionError, TypeError)):
        Polynomial([1, 1]) ** exponent


def test_negative_exponent_is_an_invalid_option() -> None:
    with pytest.raises(InvalidOptionError, match="-1"):
        Polynomial([1, 1]) ** -1


@pytest.mark.parametrize("base", [[1, 1], [2**64, 3], [[1, 1], [1, 1]]])
def test_too_large_exponent_is_refused_fast(base: list[Any]) -> None:
    p = Polynomial(base, variables="x" if not isinstance(base[0], list) else ("x", "y"))
    with not_computed(), pytest.raises(TooLargeError):
        p ** 10**12


def test_power_with_huge_coefficients_is_refused_fast() -> None:
    with not_computed(), pytest.raises(TooLargeError):
        Polynomial([1, 1]) ** 10**5  # 100,001 coefficients of up to 100,000 bits each
    with not_computed(), pytest.raises(TooLargeError):
        Polynomial([2**64, 3]) ** 10**5


def test_power_of_a_monomial_or_constant_needs_no_room() -> None:
    assert (Polynomial([2]) ** 10).coefficients == (1024,)
    assert Polynomial([1]) ** 10**6 == Polynomial([1])


@pytest.mark.parametrize("entry", ["1", "x", None, object(), [1, 2]])
def test_entries_that_are_not_numbers(entry: Any) -> None:
    with pytest.raises((InvalidEntryError, ValueError)):
        Polynomial([1, entry])


def test_non_numeric_entry_is_an_invalid_entry_error() -> None:
    with pytest.raises(InvalidEntryError):
        Polynomial([1, object()])


@pytest.mark.parametrize("variables", ["", "2x", "x y", ("x", "x"), ("x", ""), 3])
def test_bad_variables(variables: Any) -> None:
    with pytest.raises((InvalidOptionError, TypeError)):
        Polynomial([1, 2], variables=variables)


def test_nesting_must_match_the_variables() -> None:
    with pytest.raises((ValueError, TypeError)):
        Polynomial([[1, 2], [3, 4]], variables="x")
    with pytest.raises(ValueError):
        Polynomial([1, 2], variables=("x", "y"))


def test_unknown_variable_for_derivative_or_degree() -> None:
    p = Polynomial([1, 2, 3])
    with pytest.raises(InvalidOptionError):
        p.derivative("q")
    with pytest.raises(InvalidOptionError):
        p.degree("q")
    with pytest.raises((InvalidOptionError, TypeError)):
        p(1, 2)
