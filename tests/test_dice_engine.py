"""Arithmetic on independent random variables, and the ``n @ X`` power recurrences.

Every operator is checked against a reference that lists all pairs of outcomes
(``strategies.reference_combine``); ``n @ X`` and the kernels of ``power.py`` are checked
against repeated convolution and, for the large cases, against python-flint.
"""

from __future__ import annotations

import operator
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    big_ints,
    fraction_distributions,
    integer_distributions,
    reference_combine,
    reference_repeat_sum,
    small_distributions,
    wide_integer_distributions,
)

import discreteconv as dc
from discreteconv import Distribution
from discreteconv.dist.power import miller_power, power, uniform_power
from discreteconv.errors import InvalidOptionError, TooLargeError

F = Fraction
D6 = dc.die(6)
copies = st.integers(min_value=0, max_value=6)


def _repeated_convolution(weights: list[int], n: int) -> list[int]:
    result = [1]
    for _ in range(n):
        result = dc.convolve(result, weights)
    return result


@st.composite
def weight_lists(draw: st.DrawFn, max_size: int = 10) -> list[int]:
    """Integer weight sequences with nonzero ends (zeros allowed inside), some palindromic."""
    inner = draw(st.lists(st.integers(min_value=0, max_value=9), min_size=0, max_size=max_size))
    ends = draw(st.lists(st.integers(min_value=1, max_value=9), min_size=2, max_size=2))
    weights = [ends[0], *inner, ends[1]]
    if draw(st.booleans()):
        weights = weights + weights[::-1]
    return weights


# -- every operator against the list of all pairs ------------------------------------------------


@given(small_distributions)
def test_probabilities_sum_to_one(x: Distribution) -> None:
    for result in (x + x, x - x, x * x, 3 @ x, -x, x > x, dc.maximum(x, x)):
        assert sum(result.pmf().values()) == 1
        assert sum(result.weights) == result.total


@pytest.mark.parametrize(
    "op", [operator.add, operator.sub, operator.mul, max, min], ids=lambda f: f.__name__
)
@given(x=wide_integer_distributions, y=wide_integer_distributions)
def test_integer_operators_match_all_pairs(op, x: Distribution, y: Distribution) -> None:
    # Wide operands (up to 12 outcomes each) send + and - through the convolution core.
    assert dc.dist._arithmetic.combine(x, y, op).pmf() == reference_combine(x, y, op)


def test_wide_sums_through_the_convolution_core() -> None:
    # 20 x 15 pairs: past the 64-pair threshold, so + and - convolve the count sequences.
    x = Distribution({o: (o * o) % 7 + 1 for o in range(-10, 10)})
    y = Distribution({3 * o: o % 4 + 1 for o in range(15)})
    assert (x + y).pmf() == reference_combine(x, y, operator.add)
    assert (x - y).pmf() == reference_combine(x, y, operator.sub)
    assert (y - x).pmf() == reference_combine(y, x, operator.sub)


@given(x=small_distributions, y=small_distributions)
def test_dunder_operators_match_all_pairs(x: Distribution, y: Distribution) -> None:
    assert (x + y).pmf() == reference_combine(x, y, operator.add)
    assert (x - y).pmf() == reference_combine(x, y, operator.sub)
    assert (x * y).pmf() == reference_combine(x, y, operator.mul)
    assert (x > y).pmf() == reference_combine(x, y, operator.gt)
    assert (x >= y).pmf() == reference_combine(x, y, operator.ge)
    assert (x < y).pmf() == reference_combine(x, y, operator.lt)
    assert (x <= y).pmf() == reference_combine(x, y, operator.le)
    assert x.equals(y).pmf() == reference_combine(x, y, operator.eq)
    assert x.not_equals(y).pmf() == reference_combine(x, y, operator.ne)


@given(integer_distributions(), st.integers(min_value=1, max_value=5))
def test_division_and_modulo_by_a_constant(x: Distribution, c: int) -> None:
    constant = Distribution.constant(c)
    assert (x / c).pmf() == reference_combine(x, constant, lambda a, b: F(a, b))
    assert all(isinstance(o, int | Fraction) for o in (x / c).outcomes)
    assert (x // c).pmf() == reference_combine(x, constant, operator.floordiv)
    assert (x % c).pmf() == reference_combine(x, constant, operator.mod)
    assert (x**2).pmf() == reference_combine(x, constant, lambda a, _: a * a)
    assert abs(x).pmf() == reference_combine(x, constant, lambda a, _: abs(a))


@given(x=small_distributions, y=small_distributions)
def test_sum_is_commutative_and_subtraction_adds_the_negation(x: Distribution,
                                                             y: Distribution) -> None:
    assert x + y == y + x
    assert x - y == x + (-y)
    negated = -x
    assert -negated == x


@given(x=integer_distributions(), y=small_distributions, z=wide_integer_distributions)
def test_sum_is_associative(x: Distribution, y: Distribution, z: Distribution) -> None:
    assert (x + y) + z == x + (y + z)


@given(x=small_distributions, y=small_distributions)
def test_mean_and_variance_add(x: Distribution, y: Distribution) -> None:
    total = x + y
    assert total.mean() == x.mean() + y.mean()
    assert total.variance() == x.variance() + y.variance()
    difference = x - y
    assert difference.mean() == x.mean() - y.mean()
    assert difference.variance() == x.variance() + y.variance()


@given(x=small_distributions, y=small_distributions)
def test_mean_of_a_product_of_independents(x: Distribution, y: Distribution) -> None:
    assert (x * y).mean() == x.mean() * y.mean()


@given(small_distributions, st.one_of(st.integers(-5, 5), st.fractions(-3, 3, max_denominator=5)))
def test_scaling_and_shifting(x: Distribution, c) -> None:
    scaled = c * x
    assert scaled == x * c
    assert scaled.mean() == c * x.mean()
    assert scaled.variance() == c * c * x.variance()
    shifted = x + c
    assert shifted == c + x
    assert shifted.outcomes == tuple(o + c for o in x.outcomes)
    assert shifted.weights == x.weights
    assert shifted.variance() == x.variance()
    assert (x - c).mean() == x.mean() - c
    assert (c - x).mean() == c - x.mean()


@given(wide_integer_distributions, big_ints)
def test_shifting_by_huge_integers(x: Distribution, c: int) -> None:
    y = x + c
    assert y.outcomes == tuple(o + c for o in x.outcomes)
    assert y + y == (x + x) + 2 * c
    assert (y - y) == (x - x)


def test_negative_integer_powers_stay_exact() -> None:
    # Found: int ** negative int is a Python float, which the outcome check then refuses
    # (InvalidEntryError "outcome 1.0 is not an exact number"); / already makes Fractions.
    assert (D6**-1).pmf() == {F(1, v): F(1, 6) for v in range(1, 7)}
    assert (2 ** dc.die([-1, 1])).pmf() == {F(1, 2): F(1, 2), 2: F(1, 2)}


def test_division_by_zero_is_an_option_error() -> None:
    with pytest.raises(InvalidOptionError):
        D6 / 0
    with pytest.raises(InvalidOptionError):
        D6 // 0
    with pytest.raises(InvalidOptionError):
        D6 / Distribution({0: 1, 1: 1})


def test_modulo_by_zero_is_an_option_error() -> None:
    # Found: X % 0 raises a bare ZeroDivisionError, unlike X / 0 and X // 0.
    with pytest.raises(InvalidOptionError):
        D6 % 0


def test_operators_with_unknown_types() -> None:
    with pytest.raises(TypeError):
        D6 + "1"
    with pytest.raises(TypeError):
        D6 * 1.5
    with pytest.raises(TypeError):
        D6.equals("six")


# -- comparisons ----------------------------------------------------------------------------------


@given(x=small_distributions, y=small_distributions)
def test_comparison_probabilities_sum_to_one(x: Distribution, y: Distribution) -> None:
    above = (x > y).probability(True)
    below = (x < y).probability(True)
    same = x.equals(y).probability(True)
    assert above + below + same == 1
    assert (x >= y).probability(True) == above + same
    assert x.not_equals(y).probability(True) == 1 - same
    assert (x > y).outcomes[0] in (False, True)


def test_comparisons_with_constants() -> None:
    assert (D6 >= 5).pmf() == {False: F(2, 3), True: F(1, 3)}
    assert (D6 > 4) == (4 < D6)
    assert (D6 <= 0).pmf() == {False: F(1)}
    assert D6.equals(3).probability(True) == F(1, 6)
    assert D6.not_equals(3).probability(False) == F(1, 6)


# -- maximum and minimum --------------------------------------------------------------------------


@given(st.lists(small_distributions, min_size=1, max_size=3))
def test_maximum_and_minimum_against_enumeration(xs: list[Distribution]) -> None:
    expected_max, expected_min = xs[0].pmf(), xs[0].pmf()
    for x in xs[1:]:
        expected_max = reference_combine(Distribution(expected_max), x, max)
        expected_min = reference_combine(Distribution(expected_min), x, min)
    assert dc.maximum(*xs).pmf() == expected_max
    assert dc.minimum(*xs).pmf() == expected_min


def test_maximum_with_numbers_and_advantage() -> None:
    d20 = dc.die(20)
    assert dc.maximum(d20, d20).mean() == F(553, 40)
    assert dc.minimum(d20, d20).mean() == F(287, 40)
    assert dc.maximum(D6, 4).pmf() == {4: F(2, 3), 5: F(1, 6), 6: F(1, 6)}
    assert dc.minimum(D6, 2).pmf() == {1: F(1, 6), 2: F(5, 6)}
    with pytest.raises(InvalidOptionError):
        dc.maximum()


# -- n @ X: sums of copies ------------------------------------------------------------------------


@given(integer_distributions(max_outcomes=7), copies)
def test_repeat_sum_of_integer_distributions(x: Distribution, n: int) -> None:
    expected = Distribution.constant(0)
    for _ in range(n):
        expected = expected + x
    result = n @ x
    assert result == expected
    assert result.pmf() == reference_repeat_sum(x, n)


@given(fraction_distributions, copies)
def test_repeat_sum_of_fraction_distributions(x: Distribution, n: int) -> None:
    assert (n @ x).pmf() == reference_repeat_sum(x, n)


@given(st.integers(min_value=1, max_value=13), copies)
def test_dice_sums_are_exact_powers(sides: int, n: int) -> None:
    result = n @ dc.die(sides)
    assert result.total == sides**n
    start, counts = result.dense()
    assert start == n
    assert counts == _repeated_convolution([1] * sides, n)


@given(weight_lists(), st.integers(min_value=1, max_value=6))
def test_miller_power_against_repeated_convolution(weights: list[int], n: int) -> None:
    expected = _repeated_convolution(weights, n)
    assert miller_power(weights, n) == expected
    assert power(weights, n) == expected


@given(st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=8))
def test_uniform_power_against_repeated_convolution(sides: int, n: int) -> None:
    assert uniform_power(sides, n) == _repeated_convolution([1] * sides, n)
    assert power([3] * sides, n) == [3**n * c for c in _repeated_convolution([1] * sides, n)]


def test_power_small_cases() -> None:
    assert power([1, 2], 0) == [1]
    assert power([5], 3) == [125]
    assert power([1, 0, 2], 1) == [1, 0, 2]
    assert miller_power([1, 2], 3) == [1, 6, 12, 8]
    assert uniform_power(6, 2) == [1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1]
    assert uniform_power(1, 5) == [1]


def test_power_by_squaring_for_long_sequences() -> None:
    # 60 distinct nonzero weights and n = 100: past Miller's threshold, so squaring is used.
    weights = [(7 * i * i + 3 * i + 1) % 11 + 1 for i in range(60)]
    assert power(weights, 100) == _flint_power(weights, 100)
    assert power(weights, 5) == _repeated_convolution(weights, 5)
    palindrome = weights + weights[::-1]
    assert power(palindrome, 90) == _flint_power(palindrome, 90)


def _flint_power(weights: list[int], n: int) -> list[int]:
    flint = pytest.importorskip("flint")
    return [int(c) for c in (flint.fmpz_poly(weights) ** n).coeffs()]


def test_repeat_sum_zero_copies_and_validation() -> None:
    assert 0 @ D6 == Distribution.constant(0)
    assert 1 @ D6 == D6
    with pytest.raises(InvalidOptionError):
        -1 @ D6
    with pytest.raises(InvalidOptionError):
        2.0 @ D6  # type: ignore[operator]
    with pytest.raises(TooLargeError):
        10**9 @ dc.die(100)


def test_repeat_sum_of_a_sparse_distribution(monkeypatch: pytest.MonkeyPatch) -> None:
    # Found: n @ X refuses a two-outcome X whose result has n + 1 outcomes, because the size
    # check counts the dense span. Unpatched, 3 @ from_faces([0, 10**8]) raises TooLargeError
    # ("about 300,000,001 outcomes") after building a 10**8-entry list; the limit is lowered
    # here so the test stays small.
    monkeypatch.setattr(dc.dist._arithmetic, "MAX_OUTCOMES", 1000)
    x = Distribution.from_faces([0, 10**4])
    expected = x + x + x
    assert expected.pmf() == {0: F(1, 8), 10**4: F(3, 8), 2 * 10**4: F(3, 8), 3 * 10**4: F(1, 8)}
    assert 3 @ x == expected


def test_sum_of_sparse_distributions(monkeypatch: pytest.MonkeyPatch) -> None:
    # Found: nine widely spread outcomes (81 pairs) take the dense convolution path and are
    # refused with TooLargeError though the sum has only 17 outcomes. Unpatched, faces
    # i * 10**8 are refused ("about 1,600,000,001 outcomes") after 76 s spent building two
    # 8 * 10**8-entry lists; the limit is lowered here so the test stays small.
    monkeypatch.setattr(dc.dist._arithmetic, "MAX_OUTCOMES", 1000)
    x = Distribution.from_faces([i * 1000 for i in range(9)])
    assert (x + x).pmf() == reference_combine(x, x, operator.add)


@given(integer_distributions(low=0, high=3), integer_distributions(max_outcomes=4))
def test_random_count_sum_is_a_mixture(counts: Distribution, x: Distribution) -> None:
    expected = dc.mixture([n @ x for n in counts.outcomes], counts.weights)
    result = counts @ x
    assert result == expected
    assert result.mean() == counts.mean() * x.mean()  # Wald's identity


def test_random_count_sum_worked_example() -> None:
    # Roll a d4, then roll that many d6: P(total = 1) = P(N = 1) P(d6 = 1) = 1/24.
    result = dc.die(4) @ D6
    assert result.probability(1) == F(1, 24)
    assert result.probability(24) == F(1, 4) * F(1, 6**4)
    assert result.mean() == F(5, 2) * F(7, 2)


def test_random_count_sum_validation() -> None:
    with pytest.raises(InvalidOptionError):
        Distribution({-1: 1, 2: 1}) @ D6
    with pytest.raises(InvalidOptionError):
        Distribution({F(1, 2): 1}) @ D6


# -- big cases ------------------------------------------------------------------------------------


def test_a_thousand_d6() -> None:
    result = 1000 @ D6
    assert result.total == 6**1000
    assert sum(result.weights) == result.total
    assert result.outcomes == tuple(range(1000, 6001))
    assert result.weights == result.weights[::-1]
    assert result.weights[0] == 1 and result.weights[1] == 1000
    assert result.weights[2] == 1000 * 1001 // 2
    assert result.mean() == 3500
    assert result.variance() == F(35000, 12)


def test_a_hundred_d100_against_flint() -> None:
    flint = pytest.importorskip("flint")
    result = 100 @ dc.die(100)
    expected = [int(c) for c in (flint.fmpz_poly([1] * 100) ** 100).coeffs()]
    assert result.dense() == (100, expected)
    assert result.total == 100**100


def test_thirty_d100_against_repeated_convolution() -> None:
    result = 30 @ dc.die(100)
    assert result.dense() == (30, _repeated_convolution([1] * 100, 30))


def test_many_copies_of_a_skewed_distribution_against_flint() -> None:
    flint = pytest.importorskip("flint")
    x = Distribution({-2: 3, 0: 1, 1: 5, 4: 2})
    result = 200 @ x
    expected = [int(c) for c in (flint.fmpz_poly([3, 0, 1, 5, 0, 0, 2]) ** 200).coeffs()]
    assert result.dense() == (-400, expected)
    assert result.total == 11**200


# -- worked examples ------------------------------------------------------------------------------


def test_worked_examples() -> None:
    three = 3 @ D6
    assert three.probability(10) == F(1, 8)
    assert (2 @ D6).probability(7) == F(1, 6)
    assert (three > (3 @ D6)).probability(True) == F(3527, 7776)
    assert (three > three).probability(True) == F(3527, 7776)
    assert three.equals(three).probability(True) == 1 - 2 * F(3527, 7776)
    assert (three.mean(), three.variance()) == (F(21, 2), F(35, 4))


def test_the_two_dice_table() -> None:
    two = D6 + D6
    assert two.pmf() == {s: F(6 - abs(s - 7), 36) for s in range(2, 13)}
    assert two == 2 @ D6
    assert (D6 - D6).pmf() == {s: F(6 - abs(s), 36) for s in range(-5, 6)}
