"""Exact statistics of distributions, against closed forms and direct sums over the pmf."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from strategies import integer_distributions, small_distributions

import discreteconv as dc
from discreteconv import Distribution
from discreteconv.errors import InvalidOptionError

F = Fraction
D6 = dc.die(6)
sides = st.integers(min_value=2, max_value=40)


def _central(x: Distribution, order: int) -> Fraction:
    mean = sum(o * p for o, p in x.pmf().items())
    return sum((o - mean) ** order * p for o, p in x.pmf().items())


# -- mean, variance, standard deviation ------------------------------------------------------------


def test_die_mean_variance_and_standard_deviation() -> None:
    assert D6.mean() == F(7, 2)
    assert D6.variance() == F(35, 12)
    assert D6.standard_deviation() == pytest.approx(math.sqrt(35 / 12), rel=1e-15)
    assert D6.std() == D6.standard_deviation()
    exact = D6.standard_deviation(exact=True)
    assert isinstance(exact, sympy.Expr)
    assert exact == sympy.sqrt(105) / 6
    assert D6.std(exact=True) ** 2 == sympy.Rational(35, 12)
    assert Distribution.constant(4).standard_deviation() == 0


@given(sides)
def test_fair_die_closed_forms(s: int) -> None:
    die = dc.die(s)
    assert die.mean() == F(s + 1, 2)
    assert die.variance() == F(s * s - 1, 12)
    assert type(die.mean()) is Fraction and type(die.variance()) is Fraction


@given(small_distributions)
def test_mean_and_variance_against_the_pmf(x: Distribution) -> None:
    pmf = x.pmf()
    mean = sum(o * p for o, p in pmf.items())
    assert x.mean() == mean
    assert x.variance() == sum((o - mean) ** 2 * p for o, p in pmf.items())
    assert x.variance() == x.moment(2, central=False) - mean**2
    assert x.standard_deviation() == pytest.approx(math.sqrt(x.variance()), rel=1e-12)
    assert x.standard_deviation(exact=True) ** 2 == sympy.Rational(
        x.variance().numerator, x.variance().denominator)


def test_binomial_closed_forms() -> None:
    n, p = 10, F(1, 3)
    x = dc.binomial(n, p)
    q = 1 - p
    assert x.mean() == n * p
    assert x.variance() == n * p * q
    assert x.kurtosis() == (1 - 6 * p * q) / (n * p * q)
    assert sympy.simplify(x.skewness(exact=True) - (1 - 2 * sympy.Rational(1, 3))
                          / sympy.sqrt(sympy.Rational(20, 9))) == 0
    assert x.skewness() == pytest.approx(float(1 - 2 * p) / math.sqrt(float(n * p * q)))


# -- moments --------------------------------------------------------------------------------------


@given(small_distributions, st.integers(min_value=0, max_value=6))
def test_moments_against_the_pmf(x: Distribution, order: int) -> None:
    assert x.moment(order) == _central(x, order)
    assert x.moment(order, central=False) == sum(o**order * p for o, p in x.pmf().items())


def test_low_order_moments() -> None:
    assert D6.moment(0) == 1
    assert D6.moment(1) == 0
    assert D6.moment(1, central=False) == F(7, 2)
    assert D6.moment(2) == D6.variance()
    assert D6.moment(2, central=False) == F(91, 6)
    assert D6.moment(3) == 0
    assert D6.moment(4) == F(707, 48)
    with pytest.raises(InvalidOptionError):
        D6.moment(-1)
    with pytest.raises(InvalidOptionError):
        D6.moment(1.5)


# -- skewness and kurtosis ------------------------------------------------------------------------


@given(integer_distributions(), st.integers(min_value=-5, max_value=5))
def test_symmetric_distributions_have_zero_skewness(x: Distribution, centre: int) -> None:
    symmetric = x + (centre - x)  # X + (c - X'), independent copies: symmetric about c
    if symmetric.variance() == 0:
        return
    assert symmetric.moment(3) == 0
    assert symmetric.skewness() == 0
    assert symmetric.skewness(exact=True) == 0


def test_skewness_worked_values() -> None:
    assert D6.skewness() == 0 and (3 @ D6).skewness(exact=True) == 0
    b = dc.bernoulli(F(1, 4))  # (1 - 2p) / sqrt(p q) = (1/2) / (sqrt(3) / 4) = 2 / sqrt(3)
    assert sympy.simplify(b.skewness(exact=True) - 2 / sympy.sqrt(3)) == 0
    assert b.skewness() == pytest.approx(2 / math.sqrt(3), rel=1e-12)
    skewed = Distribution({0: 3, 1: 1})
    assert skewed.skewness() > 0 and (-skewed).skewness() < 0


@given(small_distributions)
def test_skewness_is_the_standardised_third_moment(x: Distribution) -> None:
    if x.variance() == 0:
        return
    expected = float(_central(x, 3)) / float(x.variance()) ** 1.5
    assert x.skewness() == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert float(x.skewness(exact=True)) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@given(sides)
def test_excess_kurtosis_of_a_fair_die(s: int) -> None:
    # discrete uniform on s values: -6 (s**2 + 1) / (5 (s**2 - 1))
    expected = F(-6 * (s * s + 1), 5 * (s * s - 1))
    die = dc.die(s)
    assert die.kurtosis() == expected
    assert die.kurtosis(excess=False) == expected + 3
    assert type(die.kurtosis()) is Fraction


def test_kurtosis_worked_values() -> None:
    assert D6.kurtosis() == F(-222, 175)
    assert dc.coin().kurtosis() == -2
    p = F(1, 5)
    assert dc.bernoulli(p).kurtosis() == (1 - 6 * p * (1 - p)) / (p * (1 - p))


@given(small_distributions)
def test_kurtosis_is_the_standardised_fourth_moment(x: Distribution) -> None:
    if x.variance() == 0:
        return
    assert x.kurtosis(excess=False) == _central(x, 4) / x.variance() ** 2
    assert x.kurtosis() == x.kurtosis(excess=False) - 3


def test_constants_have_no_skewness_or_kurtosis() -> None:
    c = Distribution.constant(5)
    with pytest.raises(InvalidOptionError, match="constant"):
        c.skewness()
    with pytest.raises(InvalidOptionError, match="constant"):
        c.skewness(exact=True)
    with pytest.raises(InvalidOptionError, match="constant"):
        c.kurtosis()
    with pytest.raises(InvalidOptionError):
        D6.map(lambda v: 0).kurtosis(excess=False)


# -- quantiles, median, mode ----------------------------------------------------------------------


def test_quantile_worked_values() -> None:
    assert D6.quantile(F(1, 6)) == 1
    assert D6.quantile(F(1, 6) + F(1, 1000)) == 2
    assert D6.quantile(F(1, 2)) == 3
    assert D6.quantile(1) == 6
    assert D6.quantile(0) == 1
    assert D6.quantile("5/6") == 5
    assert (2 @ D6).quantile(F(1, 2)) == 7
    assert (2 @ D6).quantile(F(3, 4)) == 9  # P(2d6 <= 8) = 26/36 < 3/4 <= P(<= 9) = 30/36
    for q in (-1, F(3, 2), 2):
        with pytest.raises(InvalidOptionError):
            D6.quantile(q)


@pytest.mark.parametrize("q", ["half", None, float("nan"), [0.5]])
def test_quantile_rejects_non_numbers(q: object) -> None:
    # Found: these escape as a bare ValueError or TypeError from Fraction(q).
    with pytest.raises(InvalidOptionError):
        D6.quantile(q)


@given(small_distributions, st.fractions(min_value=0, max_value=1, max_denominator=50))
def test_quantile_is_the_smallest_outcome_reaching_q(x: Distribution, q: Fraction) -> None:
    value = x.quantile(q)
    assert value in x.outcomes
    assert x.cdf(value) >= q
    smaller = [o for o in x.outcomes if o < value]
    assert all(x.cdf(o) < q for o in smaller)


def test_median() -> None:
    assert D6.median() == 3  # the lower median
    assert dc.die(5).median() == 3
    assert (3 @ D6).median() == 10
    assert Distribution({0: 1, 10: 3}).median() == 10
    assert Distribution.constant(F(1, 2)).median() == F(1, 2)


def test_mode() -> None:
    assert (2 @ D6).mode() == (7,)
    assert (3 @ D6).mode() == (10, 11)
    assert D6.mode() == (1, 2, 3, 4, 5, 6)
    assert Distribution({-1: 5, 0: 2, 3: 5}).mode() == (-1, 3)


@given(small_distributions)
def test_mode_against_the_pmf(x: Distribution) -> None:
    pmf = x.pmf()
    top = max(pmf.values())
    assert x.mode() == tuple(o for o, p in pmf.items() if p == top)


# -- entropy --------------------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=64))
def test_entropy_of_a_fair_die(s: int) -> None:
    die = dc.die(s)
    assert die.entropy() == pytest.approx(math.log2(s), abs=1e-12)
    assert die.entropy(base=math.e) == pytest.approx(math.log(s), abs=1e-12)


@pytest.mark.parametrize("s", [1, 2, 6, 20, 37])
def test_exact_entropy_of_a_fair_die(s: int) -> None:
    assert sympy.simplify(dc.die(s).entropy(exact=True) - sympy.log(s, 2)) == 0


def test_entropy_worked_values() -> None:
    assert dc.coin().entropy() == pytest.approx(1.0, abs=1e-15)
    assert Distribution.constant(3).entropy() == 0
    b = dc.bernoulli(F(1, 4))  # 2 - (3/4) log2 3
    assert b.entropy() == pytest.approx(2 - 0.75 * math.log2(3), abs=1e-12)
    assert sympy.simplify(b.entropy(exact=True) - (2 - sympy.Rational(3, 4) * sympy.log(3, 2))) == 0
    assert dc.die(8).entropy(base=8) == pytest.approx(1.0, abs=1e-12)


@given(small_distributions)
def test_entropy_against_the_pmf(x: Distribution) -> None:
    expected = -sum(float(p) * math.log2(p) for p in x.pmf().values())
    assert x.entropy() == pytest.approx(expected, abs=1e-9)
    assert 0 <= x.entropy() <= math.log2(len(x)) + 1e-12


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("base", [1, 0, -2])
def test_entropy_base_must_be_positive_and_not_one(base: float, exact: bool) -> None:
    # Found: base 1 raises ZeroDivisionError (exact=True returns nan), base 0 or below a
    # bare "math domain error".
    with pytest.raises(InvalidOptionError):
        D6.entropy(base=base, exact=exact)
