"""Continuous random variables (``discreteconv.symbolic.random``): textbook sums, the
distribution function, moments, shift and scale rules, sampling, errors.

Every expected density is written here from its textbook formula (not from the engine), and
every family's closed forms (mean, variance, distribution function) are checked against what
integration of its density gives.
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from discreteconv.errors import (
    AssumptionNeededError,
    InvalidEntryError,
    InvalidOptionError,
    TooLargeError,
)
from discreteconv.symbolic.integral import convolve_integral
from discreteconv.symbolic.random import (
    Cauchy,
    ContinuousDistribution,
    Exponential,
    Gamma,
    Normal,
    Triangular,
    Uniform,
)

x = sp.Symbol("x", real=True)
R = sp.Rational


def same(expr, expected, points, variable=x):
    """``expr`` and ``expected`` agree (to 25 digits) at every point."""
    for point in points:
        difference = sp.N((expr - expected).subs(variable, point), 30)
        assert abs(difference) < 1e-25, (point, expr, expected)


def grid(low, high, count=9):
    """Rational points strictly inside ``(low, high)``, away from integers."""
    return [low + (high - low) * R(2 * k + 1, 2 * count + 1) for k in range(count)]


def numeric_integral(expr, low=-mpmath.inf, high=mpmath.inf, cuts=()):
    function = sp.lambdify(x, expr, "mpmath")
    nodes = [low, *sorted(c for c in cuts if low < c < high), high]
    return mpmath.quad(function, nodes)


def piece_at(expr, point):
    """The branch of a Piecewise that holds at ``point`` (the expression itself otherwise)."""
    if isinstance(expr, sp.Piecewise):
        return next(value for value, condition in expr.args if condition.subs(x, point) is sp.true)
    return expr


# -- textbook sums --------------------------------------------------------------------------------
def test_two_uniforms_make_the_triangle():
    Z = Uniform(0, 1) + Uniform(0, 1)
    expected = sp.Piecewise((x, (x >= 0) & (x < 1)), (2 - x, (x >= 1) & (x < 2)), (0, True))
    assert Z.pdf().args == expected.args  # the engine's Piecewise subclass, same pieces
    assert Z == Triangular(0, 1, 2)
    assert hash(Z) == hash(Triangular(0, 1, 2))
    assert [Z.pdf(p) for p in (-1, R(1, 2), 1, R(3, 2), 2, 5)] == [0, R(1, 2), 1, R(1, 2), 0, 0]


def irwin_hall(n, point):
    """The Irwin–Hall density ``sum_k (-1)**k C(n, k) (x - k)**(n-1) / (n-1)!`` for ``k <= x``."""
    return sum((-1) ** k * math.comb(n, k) * (point - k) ** (n - 1)
               for k in range(math.floor(point) + 1)) / sp.factorial(n - 1)


@pytest.mark.parametrize("n", [3, 4])
def test_sums_of_uniforms_are_irwin_hall(n):
    Z = Uniform(0, 1).sum_of(n)
    points = grid(0, n, 4 * n)
    assert all(Z.pdf(p) == irwin_hall(n, p) for p in points)
    assert Z.pdf(-R(1, 3)) == 0 and Z.pdf(n + R(1, 3)) == 0
    assert Z.mean() == R(n, 2) and Z.variance() == R(n, 12)
    assert Z.support() == (0, n)


def test_three_uniforms_cdf_is_the_known_piecewise_cubic():
    F = Uniform(0, 1).sum_of(3).cdf()
    cubic = [x**3 / 6, (-2 * x**3 + 9 * x**2 - 9 * x + 3) / 6, 1 - (3 - x) ** 3 / 6]
    for low, piece in enumerate(cubic):
        for point in grid(low, low + 1, 5):
            assert F.subs(x, point) == piece.subs(x, point)
    assert F.subs(x, -1) == 0 and F.subs(x, 4) == 1


@pytest.mark.parametrize("a, b", [(1, 2), (R(1, 2), 3), (2, 5), (3, R(7, 3))])
def test_exponentials_with_unequal_rates_are_hypoexponential(a, b):
    a, b = sp.S(a), sp.S(b)
    Z = Exponential(a) + Exponential(b)
    expected = a * b / (b - a) * (sp.exp(-a * x) - sp.exp(-b * x))
    same(Z.pdf(), expected, grid(0, 6))
    assert Z.pdf(-1) == 0
    assert Z.mean() == 1 / a + 1 / b and Z.variance() == 1 / a**2 + 1 / b**2


@pytest.mark.parametrize("rate", [1, R(3, 2), sp.Symbol("r", positive=True)])
def test_exponentials_with_equal_rates_are_gamma_two(rate):
    Z = Exponential(rate) + Exponential(rate)
    assert Z == Gamma(2, rate)
    assert sp.simplify(piece_at(Z.pdf(), 1) - rate**2 * x * sp.exp(-rate * x)) == 0


def test_exponentials_with_symbolic_rates_keep_both_cases():
    a, b = sp.symbols("a b", positive=True)
    Z = Exponential(a) + Exponential(b)
    density = Z.pdf()
    for values in ({a: R(13, 10), b: R(7, 10)}, {a: R(1, 2), b: 3}):
        A, B = values[a], values[b]
        same(density.xreplace(values), A * B / (B - A) * (sp.exp(-A * x) - sp.exp(-B * x)),
             grid(0, 5))
    same(density.xreplace({a: 2, b: 2}), 4 * x * sp.exp(-2 * x), grid(0, 5))
    assert sp.simplify(Z.mean() - (1 / a + 1 / b)) == 0


@pytest.mark.parametrize("m1, s1, m2, s2", [(0, 1, 0, 1), (0, 1, 1, 2), (-2, R(1, 2), 3, 3)])
def test_normals_add_means_and_variances(m1, s1, m2, s2):
    Z = Normal(m1, s1) + Normal(m2, s2)
    target = Normal(m1 + m2, sp.sqrt(s1**2 + s2**2))
    same(Z.pdf(), target.pdf(), [-3, -R(1, 2), 0, R(7, 3), 6])
    assert Z == target
    assert Z.mean() == m1 + m2 and Z.variance() == s1**2 + s2**2


def test_normals_with_symbolic_parameters():
    mu, nu = sp.symbols("mu nu", real=True)
    s, r = sp.symbols("s r", positive=True)
    Z = Normal(mu, s) + Normal(nu, r)
    spread = s**2 + r**2
    expected = sp.exp(-(x - mu - nu) ** 2 / (2 * spread)) / sp.sqrt(2 * sp.pi * spread)
    values = {mu: R(1, 3), nu: -2, s: R(3, 2), r: R(1, 2)}
    same(Z.pdf().xreplace(values), expected.xreplace(values), [-4, -1, 0, 2])
    assert Z.variance() == s**2 + r**2


@pytest.mark.parametrize("l1, s1, l2, s2", [(0, 1, 0, 1), (1, 2, -3, 1)])
def test_cauchys_add_locations_and_scales(l1, s1, l2, s2):
    Z = Cauchy(l1, s1) + Cauchy(l2, s2)
    location, scale = l1 + l2, s1 + s2
    expected = scale / (sp.pi * (scale**2 + (x - location) ** 2))
    assert sp.simplify(Z.pdf() - expected) == 0
    assert Z == Cauchy(location, scale)
    # the family rule against the engine's own convolution (by residues)
    engine = convolve_integral(Cauchy(l1, s1).pdf(), Cauchy(l2, s2).pdf(), x)
    same(engine, expected, [-5, -1, 0, R(1, 2), 3])


def test_cauchy_has_no_mean_or_variance():
    X = Cauchy(0, 1)
    assert X.mean() is sp.nan and X.variance() is sp.nan and X.std() is sp.nan
    assert (X + X).mean() is sp.nan and (X + X).variance() is sp.nan
    assert X.moment(2) is sp.nan and X.moment(0) == 1
    assert X.cdf(1) == R(3, 4) and X.cdf(0) == R(1, 2)


def test_uniform_plus_exponential():
    Z = Uniform(0, 1) + Exponential(1)
    same(Z.pdf(), 1 - sp.exp(-x), grid(0, 1))
    same(Z.pdf(), (sp.E - 1) * sp.exp(-x), grid(1, 5))
    assert Z.pdf(-R(1, 2)) == 0
    assert Z.mean() == R(3, 2) and Z.variance() == R(13, 12)


@pytest.mark.parametrize("k1, k2, rate", [(1, 1, 1), (2, 3, R(1, 2)), (1, 4, 3)])
def test_gammas_with_a_common_rate_add_shapes(k1, k2, rate):
    Z = Gamma(k1, rate) + Gamma(k2, rate)
    shape = k1 + k2
    expected = rate**shape * x ** (shape - 1) * sp.exp(-rate * x) / sp.factorial(shape - 1)
    same(Z.pdf(), expected, grid(0, 8))
    assert Z == Gamma(shape, rate)


def test_gammas_with_non_integer_shapes_use_the_family_rule():
    Z = Gamma(R(1, 2), 2) + Gamma(R(3, 2), 2)
    assert Z == Gamma(2, 2)
    half = Gamma(R(1, 2), 1)
    assert half.mean() == R(1, 2) and half.variance() == R(1, 2)
    assert half.moment(2, central=False) == R(3, 4)
    same(half.cdf(), sp.erf(sp.sqrt(x)), grid(0, 3))


# -- the family formulas against integration -----------------------------------------------------
FAMILIES = [Uniform(-1, 3), Exponential(R(3, 2)), Gamma(3, 2), Normal(1, 2), Triangular(0, 1, 3),
            Triangular(0, 0, 2), Triangular(-1, 2, 2)]


@pytest.mark.parametrize("named", FAMILIES, ids=repr)
def test_family_closed_forms_match_integration(named):
    plain = ContinuousDistribution(named.pdf())  # no family: integrates and convolves
    assert sp.simplify(plain.mean() - named.mean()) == 0
    assert sp.simplify(plain.variance() - named.variance()) == 0
    low, high = named.support()
    points = [-5, -1, R(1, 3), 1, R(5, 2), 4] + [p for p in (low, high) if p.is_finite]
    same(plain.cdf(), named.cdf(), points)
    assert plain.support() == named.support()


# -- density, distribution function, moments -----------------------------------------------------
CASES = [
    Uniform(0, 1) + Uniform(0, 1), Exponential(1) + Exponential(2), Triangular(0, 1, 3),
    Normal(1, 2), Cauchy(0, 1), Gamma(3, 2), Uniform(0, 1) + Exponential(1), -Exponential(1),
    2 * Uniform(-1, 1) + 1, Normal(0, 1) + Uniform(0, 1),
    ContinuousDistribution("exp(-abs(x))/2"),
]


def breakpoints(distribution):
    pdf = distribution.pdf()
    if not isinstance(pdf, sp.Piecewise):
        return []
    found = set()
    for _, condition in pdf.args:
        for relation in condition.atoms(sp.Rel):
            found |= {float(side) for side in (relation.lhs, relation.rhs) if side.is_number}
    return sorted(found)


@pytest.mark.parametrize("distribution", CASES, ids=repr)
def test_pdf_integrates_to_one_and_cdf_runs_from_zero_to_one(distribution):
    total = numeric_integral(distribution.pdf(), cuts=breakpoints(distribution))
    assert abs(total - 1) < 1e-12
    F = distribution.cdf()
    low, high = distribution.support()
    far = sp.lambdify(x, F, "mpmath")  # fixed precision: evalf would chase the tiny tails
    with mpmath.workdps(40):
        assert F.subs(x, low) == 0 if low.is_finite else abs(far(-1000)) < 1e-3
        assert F.subs(x, high) == 1 if high.is_finite else abs(far(1000) - 1) < 1e-3


@pytest.mark.parametrize("distribution", CASES, ids=repr)
def test_cdf_derivative_is_the_pdf(distribution):
    F, f = distribution.cdf(), distribution.pdf()
    cuts = set(breakpoints(distribution))
    points = [p for p in (-R(37, 10), -R(3, 2), -R(1, 5), R(3, 10), R(7, 10), R(13, 10),
                          R(21, 10), R(47, 10)) if float(p) not in cuts]
    for point in points:
        slope = sp.diff(piece_at(F, point), x).subs(x, point)
        assert abs(sp.N(slope - f.subs(x, point), 30)) < 1e-25, point
        integral = numeric_integral(f, high=float(point), cuts=cuts)
        assert abs(sp.N(F.subs(x, point), 20) - integral) < 1e-9, point


def test_moments_of_a_uniform():
    X = Uniform(0, 1)
    assert [X.moment(k, central=False) for k in range(5)] == [1, R(1, 2), R(1, 3), R(1, 4),
                                                               R(1, 5)]
    assert [X.moment(k) for k in range(5)] == [1, 0, R(1, 12), 0, R(1, 80)]
    assert X.std() == sp.sqrt(3) / 6 and X.standard_deviation() == X.std()


def test_probability_between_and_pdf_values():
    X = Triangular(0, 1, 3)
    assert X.probability_between(0, 1) == R(1, 3)
    assert X.pdf(1) == R(2, 3) and X.pdf(R(1, 2)) == R(1, 3) and X.pdf(3) == 0
    assert Exponential(2).probability_between(1, 2) == sp.exp(-2) - sp.exp(-4)


# -- properties: moments add, sums commute, shift and scale --------------------------------------
small = st.integers(1, 4)
fractions = st.fractions(min_value=Fraction(1, 4), max_value=4, max_denominator=4)
named = st.one_of(
    st.builds(lambda a, w: Uniform(a, a + w), st.integers(-3, 3), fractions),
    st.builds(Exponential, fractions),
    st.builds(Gamma, small, fractions),
    st.builds(lambda a, c, w: Triangular(a, a + c * w, a + w), st.integers(-2, 2),
              st.sampled_from([Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(1)]),
              st.integers(1, 3)),
)


@settings(max_examples=25)
@given(named, named)
def test_mean_and_variance_add(first, second):
    Z = first + second
    integrated = ContinuousDistribution(Z.pdf())  # checks the density integrates to 1, too
    assert integrated.mean() == first.mean() + second.mean() == Z.mean()
    assert integrated.variance() == first.variance() + second.variance() == Z.variance()


@settings(max_examples=20)
@given(named, named)
def test_sums_commute(first, second):
    one, other = first + second, second + first
    assert one == other and hash(one) == hash(other)
    low, high = one.support()
    assert (low, high) == other.support()
    same(one.pdf(), other.pdf(), grid(low - 1, high + 1, 7))


@settings(max_examples=25)
@given(named, st.fractions(min_value=-3, max_value=3, max_denominator=3),
       st.fractions(min_value=-3, max_value=3, max_denominator=3).filter(bool))
def test_shift_and_scale_rules(X, shift, factor):
    c, k = R(shift.numerator, shift.denominator), R(factor.numerator, factor.denominator)
    shifted, scaled = X + shift, factor * X
    assert shifted.mean() == X.mean() + c and shifted.variance() == X.variance()
    assert scaled.mean() == k * X.mean() and scaled.variance() == k**2 * X.variance()
    low, high = X.support()
    for point in [p for p in grid(low - 1, high + 1, 5) if p not in (low, high)]:
        assert shifted.pdf(point + c) == X.pdf(point)
        assert scaled.pdf(k * point) == X.pdf(point) / abs(k)
        assert sp.simplify(shifted.cdf(point + c) - X.cdf(point)) == 0
        expected = X.cdf(point) if k > 0 else 1 - X.cdf(point)
        assert sp.simplify(scaled.cdf(k * point) - expected) == 0
    integrated = ContinuousDistribution(scaled.pdf())
    assert integrated.mean() == scaled.mean() and integrated.variance() == scaled.variance()


def test_negation_and_difference():
    D = Uniform(0, 1) - Uniform(0, 1)
    assert D == Triangular(-1, 0, 1)
    assert D.mean() == 0 and D.variance() == R(1, 6)
    N = -Exponential(2)
    assert N.support() == (-sp.oo, 0) and N.mean() == -R(1, 2)
    assert N.pdf(-1) == 2 * sp.exp(-2) and N.pdf(1) == 0
    assert 3 - Uniform(0, 1) == Uniform(2, 3)
    assert Uniform(0, 2) / 2 == Uniform(0, 1) == Uniform(0, 2) * R(1, 2)


def test_shift_and_scale_stay_in_the_family():
    assert Normal(1, 2) * -3 + 4 == Normal(1, 6)
    assert (2 * Cauchy(1, 1)).cdf(2) == R(1, 2)
    assert 2 * Exponential(4) == Exponential(2) and (2 * Gamma(3, 4)).variance() == R(3, 4)
    assert -Triangular(0, 1, 3) == Triangular(-3, -1, 0)


# -- variables, assumptions, names ---------------------------------------------------------------
def test_density_from_text_in_t_and_sums_across_variables():
    X = ContinuousDistribution("rect(t)")
    t = sp.Symbol("t", real=True)
    assert X.variable == t and X.support() == (-R(1, 2), R(1, 2))
    Z = X + Uniform(-R(1, 2), R(1, 2), x="s")
    assert Z == Triangular(-1, 0, 1) and Z.variable == t


def test_assumptions_and_the_callers_own_symbols():
    a = sp.Symbol("a")
    X = ContinuousDistribution(a * sp.exp(-a * x) * sp.Heaviside(x), x, assume="a>0")
    assert X.mean() == 1 / a and X.variance() == a**-2
    assert X.pdf().free_symbols == {a, x}
    with pytest.raises(AssumptionNeededError):
        ContinuousDistribution(a * sp.exp(-a * x) * sp.Heaviside(x), x)


def test_symbolic_uniform_needs_a_known_order():
    a = sp.Symbol("a", real=True)
    w = sp.Symbol("w", positive=True)
    Z = Uniform(a, a + w) + Uniform(a, a + w)
    assert Z.mean() == 2 * a + w and sp.simplify(Z.variance() - w**2 / 6) == 0
    assert Z.support() == (2 * a, 2 * a + 2 * w)
    with pytest.raises(InvalidOptionError, match="cannot tell whether a < b"):
        Uniform(a, sp.Symbol("b", real=True))


def test_reprs():
    U = Uniform(0, 1)
    assert repr(U + U) == "Uniform(0, 1) + Uniform(0, 1)"
    assert repr(U - Exponential(2)) == "Uniform(0, 1) - Exponential(2)"
    assert repr(2 * (U + Normal(0, 1))) == "2*(Uniform(0, 1) + Normal(0, 1))"
    assert repr(U + (-2)) == "Uniform(0, 1) - 2" and repr(R(1, 2) + U) == "1/2 + Uniform(0, 1)"
    assert repr(U / 3) == "Uniform(0, 1)/3" and repr(-(U - U)) == "-(Uniform(0, 1) - Uniform(0, 1))"
    assert repr(U.sum_of(3)) == "Uniform(0, 1).sum_of(3)"
    assert repr(Triangular(0, 1, 2)) == "Triangular(0, 1, 2)"
    assert repr(ContinuousDistribution("u(x) - u(x-1)", name="U")) == "U"
    assert repr(ContinuousDistribution("u(x) - u(x-1)")) == \
        "ContinuousDistribution(Piecewise((1, (x >= 0) & (x < 1)), (0, True)), x)"


# -- sampling --------------------------------------------------------------------------------------
def test_samples_follow_the_distribution():
    Z = Uniform(0, 1) + Exponential(1)
    draws = Z.sample(4000, rng=7)
    assert draws.shape == (4000,) and abs(draws.mean() - 1.5) < 0.05
    assert np.array_equal(draws, Z.sample(4000, rng=7))
    assert isinstance(Normal(0, 1).sample(rng=1), float)
    laplace = ContinuousDistribution("exp(-abs(x))/2")  # sampled by inverting its cdf
    draws = laplace.sample(3000, rng=np.random.default_rng(3))
    for point in (-1.0, 0.0, 0.5, 2.0):
        assert abs((draws <= point).mean() - float(laplace.cdf(sp.Rational(str(point))))) < 0.03
    with pytest.raises(InvalidOptionError, match="numeric parameters"):
        Normal(sp.Symbol("m", real=True), 1).sample(3)


# -- errors --------------------------------------------------------------------------------------
@pytest.mark.parametrize("make, error, words", [
    (lambda: Uniform(1, 0), InvalidOptionError, "a must be < b"),
    (lambda: Uniform(0, 0), InvalidOptionError, "a must be < b"),
    (lambda: Normal(0, 0), InvalidOptionError, "sigma must be positive"),
    (lambda: Normal(0, -1), InvalidOptionError, "sigma must be positive"),
    (lambda: Normal(0, sp.Symbol("s")), InvalidOptionError, "sigma must be positive"),
    (lambda: Exponential(-1), InvalidOptionError, "rate must be positive"),
    (lambda: Gamma(0, 1), InvalidOptionError, "shape must be positive"),
    (lambda: Cauchy(0, -2), InvalidOptionError, "scale must be positive"),
    (lambda: Triangular(0, 3, 2), InvalidOptionError, "c must be <= b"),
    (lambda: Triangular(1, 0, 2), InvalidOptionError, "a must be <= c"),
    (lambda: Triangular(1, 1, 1), InvalidOptionError, "a must be < b"),
    (lambda: Normal(0.5, 1), InvalidEntryError, "mu must be an exact number"),
    (lambda: Uniform("0", 1), InvalidEntryError, "a must be an exact number"),
    (lambda: Normal(sp.I, 1), InvalidOptionError, "mu must be a finite real"),
    (lambda: ContinuousDistribution("2 exp(-x) u(x)"), InvalidEntryError, "integrates to 2"),
    (lambda: ContinuousDistribution("exp(x)"), InvalidEntryError, "diverges"),
    (lambda: ContinuousDistribution("delta(x - 1)"), InvalidEntryError, "Dirac deltas"),
    (lambda: ContinuousDistribution("1/2"), InvalidEntryError, "not a function of x"),
    (lambda: ContinuousDistribution(3j), InvalidEntryError, "pdf must be"),
    (lambda: Uniform(0, 1) * Uniform(0, 1), InvalidOptionError, "not supported"),
    (lambda: 1 / Uniform(0, 1), InvalidOptionError, "not supported"),
    (lambda: 0 * Uniform(0, 1), InvalidOptionError, "not a continuous distribution"),
    (lambda: Uniform(0, 1) / 0, InvalidOptionError, "by zero"),
    (lambda: Uniform(0, 1) * sp.Symbol("k"), InvalidOptionError, "sign of the factor"),
    (lambda: Uniform(0, 1) + 0.5, InvalidEntryError, "float is inexact"),
    (lambda: Uniform(0, 1) + x, InvalidEntryError, "cannot hold its variable"),
    (lambda: Uniform(0, 1).sum_of(0), InvalidOptionError, "n must be an integer >= 1"),
    (lambda: Uniform(0, 1).sum_of(21), TooLargeError, "at most 20"),
    (lambda: Uniform(0, 1).moment(-1), InvalidOptionError, "order must be"),
])
def test_errors(make, error, words):
    with pytest.raises(error, match=words):
        make()


def test_unknown_operand_types_and_immutability():
    U = Uniform(0, 1)
    with pytest.raises(TypeError):
        U + "1"
    assert U != "Uniform(0, 1)" and U.__eq__(3) is NotImplemented
    with pytest.raises(AttributeError, match="immutable"):
        U._pdf = 0
    assert +U is U
