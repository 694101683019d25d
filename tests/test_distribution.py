"""``Distribution`` as a value: construction, probabilities of events, tables, equality.

Expected values are exact Fractions worked out by hand (or by listing outcomes).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from strategies import integer_distributions, small_distributions, small_ints

import discreteconv as dc
from discreteconv import Distribution
from discreteconv.errors import (
    DiscreteconvError,
    EmptyInputError,
    InvalidEntryError,
    InvalidOptionError,
)

F = Fraction
D4 = dc.die(4)
D6 = dc.die(6)

# -- construction ---------------------------------------------------------------------------------


def test_integer_weights_are_normalised() -> None:
    x = Distribution({3: 2, 1: 4, 2: 6})
    assert x.outcomes == (1, 2, 3)
    assert x.weights == (2, 3, 1)
    assert x.total == 6
    assert x.pmf() == {1: F(1, 3), 2: F(1, 2), 3: F(1, 6)}


def test_fraction_probabilities_give_integer_weights() -> None:
    x = Distribution({0: F(1, 3), 5: F(1, 2), -2: F(1, 6)})
    assert x.outcomes == (-2, 0, 5)
    assert x.weights == (1, 2, 3)
    assert all(type(w) is int for w in x.weights)
    assert x.pmf() == {-2: F(1, 6), 0: F(1, 3), 5: F(1, 2)}


def test_unnormalised_fraction_weights_are_rescaled() -> None:
    assert Distribution({1: F(3, 4), 2: F(3, 2)}).pmf() == {1: F(1, 3), 2: F(2, 3)}


def test_zero_weights_are_dropped() -> None:
    x = Distribution({1: 0, 2: 3, 3: 0, 4: 1})
    assert x.outcomes == (2, 4)
    assert x.support() == (2, 4)
    assert x.probability(1) == 0
    assert len(x) == 2


def test_fraction_and_bool_outcomes() -> None:
    x = Distribution({F(1, 2): 1, F(-3, 2): 1})
    assert x.outcomes == (F(-3, 2), F(1, 2))
    assert not x.is_integer()
    b = Distribution({True: 1, False: 3})
    assert b.outcomes == (False, True)
    assert b.probability(True) == F(1, 4)


def test_numpy_and_sympy_numbers_are_accepted_exactly() -> None:
    x = Distribution({np.int64(2): np.int64(3), sympy.Integer(5): sympy.Rational(1, 2)})
    assert x.pmf() == {2: F(6, 7), 5: F(1, 7)}
    assert all(type(o) is int for o in x.outcomes)
    y = Distribution({sympy.Rational(1, 3): 1})
    assert y.outcomes == (F(1, 3),)


def test_copy_constructor_keeps_everything() -> None:
    exploding = dc.explode(D6, depth=1)
    copy = Distribution(exploding)
    assert copy == exploding
    assert copy.truncated == exploding.truncated == F(1, 36)


@pytest.mark.parametrize(
    "weights",
    [
        {1.5: 1},
        {"heads": 1},
        {complex(1, 1): 1},
        {float("nan"): 1},
        {1: 0.5},
        {1: float("inf")},
        {1: "1/2"},
        {1: -1},
        {1: 2, 2: F(-1, 3)},
        {1: sympy.Float(0.5)},
    ],
)
def test_non_exact_or_negative_entries_are_rejected(weights: dict) -> None:
    with pytest.raises(InvalidEntryError):
        Distribution(weights)


@pytest.mark.parametrize("value", [[1, 2, 3], (1, 2), 5, "1d6"])
def test_a_non_mapping_is_rejected(value: object) -> None:
    with pytest.raises(InvalidEntryError, match="mapping"):
        Distribution(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "make",
    [
        lambda: Distribution({}),
        lambda: Distribution({1: 0, 2: 0}),
        lambda: Distribution.from_faces([]),
        lambda: Distribution.from_counts([]),
        lambda: Distribution.from_counts([0, 0, 0], start=4),
        lambda: dc.die([]),
    ],
)
def test_empty_input(make) -> None:
    with pytest.raises(EmptyInputError):
        make()


def test_errors_are_discreteconv_errors_and_builtin_ones() -> None:
    with pytest.raises(TypeError):
        Distribution({1.0: 1})
    with pytest.raises(ValueError):
        Distribution({})
    with pytest.raises(DiscreteconvError):
        Distribution({1: -2})


# -- classmethods and constructors ----------------------------------------------------------------


def test_from_counts() -> None:
    x = Distribution.from_counts([1, 0, 2, 1], start=-1)
    assert x.outcomes == (-1, 1, 2)
    assert x.pmf() == {-1: F(1, 4), 1: F(1, 2), 2: F(1, 4)}
    assert Distribution.from_counts([3]) == Distribution.constant(0)


def test_from_counts_rejects_negative_counts() -> None:
    with pytest.raises(InvalidEntryError):
        Distribution.from_counts([1, -1, 1])


def test_from_counts_rejects_float_counts() -> None:
    # int(1.5) would silently make it 1: the weights would no longer be what was given.
    with pytest.raises(InvalidEntryError):
        Distribution.from_counts([1.5, 1])  # type: ignore[list-item]
    with pytest.raises(InvalidEntryError):
        Distribution.from_counts([0.5])  # type: ignore[list-item]


def test_from_counts_never_builds_a_zero_total() -> None:
    # Fraction counts must either be honoured as weights or be refused, never truncated to 0.
    try:
        x = Distribution.from_counts([F(1, 2), F(1, 2)])  # type: ignore[list-item]
    except InvalidEntryError:
        return
    assert x.total > 0
    assert x == dc.coin()


def test_from_faces_counts_repeats() -> None:
    x = Distribution.from_faces([1, 2, 2, 3, -4])
    assert x.pmf() == {-4: F(1, 5), 1: F(1, 5), 2: F(2, 5), 3: F(1, 5)}
    assert dc.die([1, 2, 2, 3]) == Distribution({1: 1, 2: 2, 3: 1})
    with pytest.raises(InvalidEntryError):
        Distribution.from_faces([1, 2.5])


def test_constant() -> None:
    c = Distribution.constant(7)
    assert c.outcomes == (7,)
    assert c.pmf() == {7: F(1)}
    assert c.mean() == 7 and c.variance() == 0
    assert Distribution.constant(F(1, 2)).outcomes == (F(1, 2),)
    with pytest.raises(InvalidEntryError):
        Distribution.constant(0.5)


def test_ready_made_distributions() -> None:
    assert dc.die(6).pmf() == {v: F(1, 6) for v in range(1, 7)}
    assert dc.coin().pmf() == {0: F(1, 2), 1: F(1, 2)}
    assert dc.fudge().pmf() == {-1: F(1, 3), 0: F(1, 3), 1: F(1, 3)}
    assert dc.uniform(-2, 2).pmf() == {v: F(1, 5) for v in range(-2, 3)}
    assert dc.bernoulli(F(1, 3)).pmf() == {0: F(2, 3), 1: F(1, 3)}
    assert dc.bernoulli("1/4").probability(1) == F(1, 4)
    assert dc.bernoulli(1) == Distribution.constant(1)
    assert dc.binomial(4, F(1, 2)).pmf() == {0: F(1, 16), 1: F(1, 4), 2: F(3, 8), 3: F(1, 4),
                                             4: F(1, 16)}
    assert dc.binomial(3, F(1, 3)).probability(1) == F(4, 9)


@pytest.mark.parametrize(
    "make",
    [
        lambda: dc.die(0),
        lambda: dc.die(2.5),
        lambda: dc.bernoulli(0.5),
        lambda: dc.bernoulli(F(3, 2)),
        lambda: dc.bernoulli("x"),
        lambda: dc.binomial(-1, F(1, 2)),
        lambda: dc.uniform(3, 2),
    ],
)
def test_ready_made_distributions_validate(make) -> None:
    with pytest.raises(InvalidOptionError):
        make()


def test_dense() -> None:
    assert D4.dense() == (1, [1, 1, 1, 1])
    assert Distribution({-1: 2, 2: 1}).dense() == (-1, [2, 0, 0, 1])
    assert D4.is_integer()
    with pytest.raises(InvalidOptionError):
        Distribution({F(1, 2): 1}).dense()


# -- pmf ------------------------------------------------------------------------------------------


@given(small_distributions)
def test_pmf_is_sorted_and_sums_to_one(x: Distribution) -> None:
    pmf = x.pmf()
    assert list(pmf) == sorted(pmf) == list(x.outcomes)
    assert sum(pmf.values()) == 1
    assert all(type(p) is Fraction and p > 0 for p in pmf.values())
    assert sum(x.weights) == x.total
    assert all(x.probability(o) == p for o, p in pmf.items())


def test_pmf_returns_a_copy() -> None:
    x = dc.die(3)
    pmf = x.pmf()
    pmf[1] = F(1)
    del pmf[2]
    assert x.pmf() == {1: F(1, 3), 2: F(1, 3), 3: F(1, 3)}


# -- equality, hashing, immutability, repr, truth value --------------------------------------------


def test_equal_distributions_with_different_weight_scales() -> None:
    a = Distribution({1: 1, 2: 2})
    b = Distribution({1: 50, 2: 100})
    c = Distribution({1: F(1, 3), 2: F(2, 3)})
    d = Distribution.from_counts([0, 7, 14])
    e = Distribution.from_counts([0, 2, 4, 0, 9]).given(lambda v: v < 3)  # weights (2, 4)
    for other in (b, c, d, e):
        assert a == other
        assert not (a != other)
        assert hash(a) == hash(other)
    assert len({a, b, c, d, e}) == 1


def test_unequal_distributions() -> None:
    a = Distribution({1: 1, 2: 2})
    assert a != Distribution({1: 2, 2: 1})
    assert a != Distribution({1: 1, 3: 2})
    assert a != Distribution({1: 1, 2: 2, 3: 1})
    assert D6 != dc.die(5)


def test_equality_with_other_types() -> None:
    assert (D6 == 3) is False
    assert (D6 != 3) is True
    assert D6 != "d6"
    assert D6 == dc.die(6)


@given(integer_distributions(), st.integers(min_value=1, max_value=7))
def test_hash_ignores_the_weight_scale(x: Distribution, scale: int) -> None:
    scaled = Distribution({o: w * scale for o, w in zip(x.outcomes, x.weights, strict=True)})
    assert scaled == x
    assert hash(scaled) == hash(x)


def test_public_attributes_cannot_be_assigned() -> None:
    x = dc.die(6)
    for name, value in [("outcomes", (1,)), ("weights", (1,)), ("total", 1), ("truncated", 0)]:
        with pytest.raises(AttributeError):
            setattr(x, name, value)
    with pytest.raises(AttributeError):
        x.colour = "red"  # type: ignore[attr-defined]
    assert x == dc.die(6)


def test_operations_return_new_objects_and_leave_operands_alone() -> None:
    x = Distribution({1: 1, 2: 3})
    before = (x.outcomes, x.weights, x.total, x.pmf())
    results = [x + x, x - 1, 2 * x, -x, abs(x), 3 @ x, x.map(lambda v: v * v),
               x.given(lambda v: v > 1), x > x, x.equals(x), dc.maximum(x, x),
               dc.keep_highest(x, 3, 2), dc.explode(x, 2), dc.reroll(x, [1])]
    assert all(r is not x for r in results)
    assert (x.outcomes, x.weights, x.total, x.pmf()) == before


def test_repr() -> None:
    assert repr(D4) == "Distribution({1: 1/4, 2: 1/4, 3: 1/4, 4: 1/4})"
    assert repr(Distribution({F(1, 2): 1, -1: 2})) == \
        "Distribution({-1: 2/3, Fraction(1, 2): 1/3})"
    assert repr(dc.die(10)) == (
        "Distribution({1: 1/10, 2: 1/10, 3: 1/10, 4: 1/10, 5: 1/10, 6: 1/10, 7: 1/10, 8: 1/10, "
        "... (10 outcomes)})"
    )


def test_no_truth_value() -> None:
    with pytest.raises(TypeError, match="probability"):
        bool(D6)
    with pytest.raises(TypeError):
        if D6 > 3:  # the classic mistake: a Bernoulli distribution, not a bool
            pass
    with pytest.raises(TypeError):
        _ = not D6


def test_len() -> None:
    assert len(D6) == 6
    assert len(2 @ D6) == 11


# -- transformations -------------------------------------------------------------------------------


def test_map() -> None:
    assert D6.map(lambda v: v % 2).pmf() == {0: F(1, 2), 1: F(1, 2)}
    assert D6.map(lambda v: min(v, 3)).pmf() == {1: F(1, 6), 2: F(1, 6), 3: F(2, 3)}
    assert D4.map(lambda v: F(v, 2)).outcomes == (F(1, 2), 1, F(3, 2), 2)
    with pytest.raises(InvalidEntryError):
        D4.map(lambda v: v / 2)


def test_given() -> None:
    assert D6.given(lambda v: v > 4).pmf() == {5: F(1, 2), 6: F(1, 2)}
    assert (2 @ D6).given(lambda v: v >= 11).pmf() == {11: F(2, 3), 12: F(1, 3)}
    with pytest.raises(InvalidOptionError):
        D6.given(lambda v: v > 6)


@given(integer_distributions(), st.integers(min_value=-6, max_value=6))
def test_given_is_bayes(x: Distribution, cut: int) -> None:
    chance = x.at_least(cut)
    if chance == 0:
        return
    conditioned = x.given(lambda v: v >= cut)
    for o in x.outcomes:
        expected = x.probability(o) / chance if o >= cut else 0
        assert conditioned.probability(o) == expected


def test_mixture() -> None:
    m = dc.mixture([D4, D6])
    assert m.probability(6) == F(1, 12)
    assert m.probability(1) == F(1, 2) * F(1, 4) + F(1, 2) * F(1, 6)
    weighted = dc.mixture([Distribution.constant(0), Distribution.constant(1)], [3, 1])
    assert weighted == dc.bernoulli(F(1, 4))
    assert dc.mixture([D4], [F(2, 7)]) == D4
    assert dc.mixture([D4, D6], [F(1, 2), F(1, 2)]) == m


def test_mixture_validates() -> None:
    with pytest.raises(InvalidOptionError):
        dc.mixture([])
    with pytest.raises(InvalidOptionError):
        dc.mixture([D4, D6], [1])


def test_mixture_rejects_negative_weights() -> None:
    # Found: mixture([d6, d4], [-1, 2]) gave outcomes 5 and 6 probability -1/6.
    with pytest.raises(DiscreteconvError):
        dc.mixture([D6, D4], [-1, 2])


def test_mixture_rejects_float_weights() -> None:
    # Found: float weights were silently turned into Fraction(0.3) = 5404319552844595/2**54.
    with pytest.raises(DiscreteconvError):
        dc.mixture([D4, D6], [0.3, 0.7])


# -- probabilities of events -----------------------------------------------------------------------


def test_probabilities_of_events_on_two_dice() -> None:
    two = 2 @ D6
    assert two.probability(7) == F(1, 6)
    assert two.probability(1) == 0
    assert two.probability(F(15, 2)) == 0
    assert two.probability_between(6, 8) == F(16, 36)
    assert two.probability_between(8, 6) == 0
    assert two.probability_between(-100, 100) == 1
    assert two.probability_where(lambda v: v % 2 == 0) == F(1, 2)
    assert two.cdf(4) == F(6, 36)
    assert two.cdf(F(9, 2)) == F(6, 36)
    assert two.cdf(1) == 0 and two.cdf(12) == 1
    assert two.at_most(4) == F(1, 6)
    assert two.sf(10) == F(3, 36)
    assert two.at_least(10) == F(6, 36)
    assert two.at_least(13) == 0 and two.at_least(2) == 1


@given(small_distributions, st.one_of(small_ints.map(F), st.fractions(-6, 6, max_denominator=4)))
def test_event_probabilities_against_the_pmf(x: Distribution, t: Fraction) -> None:
    pmf = x.pmf()
    assert x.cdf(t) == sum((p for o, p in pmf.items() if o <= t), F(0))
    assert x.at_most(t) == x.cdf(t)
    assert x.sf(t) == 1 - x.cdf(t)
    assert x.at_least(t) == sum((p for o, p in pmf.items() if o >= t), F(0))
    assert x.at_least(t) == x.sf(t) + x.probability(t)
    assert x.probability_between(t, t + 2) == sum((p for o, p in pmf.items() if t <= o <= t + 2),
                                                  F(0))
    assert x.probability_where(lambda v: v > t) == x.sf(t)


def test_tables() -> None:
    assert D4.cdf_table() == {1: F(1, 4), 2: F(1, 2), 3: F(3, 4), 4: F(1)}
    assert D4.at_least_table() == {1: F(1), 2: F(3, 4), 3: F(1, 2), 4: F(1, 4)}
    assert list(D4.at_least_table()) == [1, 2, 3, 4]
    x = Distribution({-2: 1, 0: 2, 5: 1})
    assert x.cdf_table() == {-2: F(1, 4), 0: F(3, 4), 5: F(1)}
    assert list(x.at_least_table().items()) == [(-2, F(1)), (0, F(3, 4)), (5, F(1, 4))]


@given(small_distributions)
def test_tables_agree_with_cdf_and_at_least(x: Distribution) -> None:
    assert x.cdf_table() == {o: x.cdf(o) for o in x.outcomes}
    assert x.at_least_table() == {o: x.at_least(o) for o in x.outcomes}
    assert list(x.cdf_table()) == list(x.outcomes)


# -- sampling -------------------------------------------------------------------------------------


def test_sample_is_reproducible_and_in_the_support() -> None:
    draws = D6.sample(500, rng=7)
    assert draws == D6.sample(500, rng=np.random.default_rng(7))
    assert set(draws) <= set(D6.outcomes)
    assert len(draws) == 500
    assert D6.sample(0, rng=1) == []
    assert D6.sample(rng=3) in D6.outcomes


def test_sample_frequencies() -> None:
    x = Distribution({0: 3, 1: 1})
    draws = x.sample(20_000, rng=123)
    share = sum(draws) / len(draws)
    assert abs(share - 0.25) < 0.02  # about 6 standard deviations


def test_sample_with_a_total_past_int64() -> None:
    x = 100 @ D6  # total 6**100
    assert x.total == 6**100
    draws = x.sample(200, rng=5)
    assert all(100 <= d <= 600 for d in draws)
    mean = sum(draws) / len(draws)
    assert abs(mean - 350) < 6 * math.sqrt(100 * 35 / 12) / math.sqrt(200)
