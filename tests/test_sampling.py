"""``Distribution.sample``: draws follow the exact PMF (chi-square goodness of fit), reproducibly.

Every test uses fixed seeds, so each run sees the same draws: a passing test keeps passing.
The threshold ``P_MIN`` is small enough that a correct sampler essentially never falls below it
(the chance is 1e-6 per check), yet a sampler that is off by a few percent on 20,000 draws does;
``test_the_check_rejects_a_wrong_pmf`` shows that the check can fail.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest

import discreteconv as dc

stats = pytest.importorskip("scipy.stats")

#: Reject the hypothesis "the draws come from this PMF" below this p-value.
P_MIN = 1e-6
DRAWS = 20_000
SEEDS = (0, 1, 20240229)

Maker = Callable[[], dc.Distribution]


def goodness_of_fit(draws: list, dist: dc.Distribution, min_expected: float = 5.0) -> float:
    """The p-value of Pearson's chi-square test of ``draws`` against ``dist``'s exact PMF.

    Neighbouring outcomes are pooled until each bin expects at least ``min_expected`` draws,
    as the chi-square approximation needs; a draw outside the support fails at once.
    """
    counts = Counter(draws)
    assert set(counts) <= set(dist.outcomes), set(counts) - set(dist.outcomes)
    observed, expected = [], []
    bin_observed, bin_expected = 0, 0.0
    for outcome, probability in dist.pmf().items():
        bin_observed += counts.get(outcome, 0)
        bin_expected += float(probability) * len(draws)
        if bin_expected >= min_expected:
            observed.append(bin_observed)
            expected.append(bin_expected)
            bin_observed, bin_expected = 0, 0.0
    if bin_expected:  # a thin tail left over joins the last bin
        observed[-1] += bin_observed
        expected[-1] += bin_expected
    assert len(observed) >= 2, "too few draws to test"
    return float(stats.chisquare(observed, expected).pvalue)


def three_d6() -> dc.Distribution:
    return 3 @ dc.die(6)


def four_d6_drop_lowest() -> dc.Distribution:
    return dc.drop_lowest(dc.die(6), 4, 1)


def bernoulli_third() -> dc.Distribution:
    return dc.bernoulli(Fraction(1, 3))


def exploding_d6() -> dc.Distribution:
    return dc.explode(dc.die(6), depth=3)


def huge_total_coin() -> dc.Distribution:
    # total 3**42 + 1 > 2**63: the multi-word path, with P(1) just above 2/3
    return dc.Distribution({0: 3**41, 1: 2 * 3**41 + 1})


def twenty_five_d6() -> dc.Distribution:
    return 25 @ dc.die(6)  # total 6**25 > 2**63


CASES = {
    "3d6": three_d6,
    "4d6dl1": four_d6_drop_lowest,
    "bernoulli(1/3)": bernoulli_third,
    "d6!": exploding_d6,
    "huge-total coin": huge_total_coin,
    "25d6": twenty_five_d6,
}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", list(CASES))
def test_samples_follow_the_exact_pmf(name: str, seed: int) -> None:
    dist = CASES[name]()
    draws = dist.sample(DRAWS, rng=seed)
    assert len(draws) == DRAWS
    assert goodness_of_fit(draws, dist) > P_MIN


def test_the_cases_exercise_both_sampling_paths() -> None:
    assert three_d6().total < 2**63
    assert huge_total_coin().total > 2**63
    assert twenty_five_d6().total > 2**63


@pytest.mark.parametrize(
    "sampled, claimed",
    [
        (three_d6, four_d6_drop_lowest),  # same support 3..18, different shape
        (four_d6_drop_lowest, three_d6),
        (bernoulli_third, lambda: dc.bernoulli(Fraction(2, 5))),  # 1/3 is not 2/5
        (three_d6, lambda: 3 @ dc.reroll(dc.die(6), [1], once=True)),  # a subtle difference
    ],
    ids=["3d6 vs 4d6dl1", "4d6dl1 vs 3d6", "1/3 vs 2/5", "3d6 vs 3d6ro1"],
)
def test_the_check_rejects_a_wrong_pmf(sampled: Maker, claimed: Maker) -> None:
    draws = sampled().sample(DRAWS, rng=SEEDS[0])
    assert goodness_of_fit(draws, claimed()) < P_MIN


def test_a_draw_outside_the_support_fails_the_check() -> None:
    with pytest.raises(AssertionError):
        goodness_of_fit([3] * 10 + [19], three_d6())


def test_bernoulli_frequency() -> None:
    draws = bernoulli_third().sample(DRAWS, rng=7)
    assert set(draws) == {0, 1}
    # mean 1/3, standard error sqrt(2/9 / 20000) = 0.0033: five of them is 0.017
    assert abs(np.mean(draws) - 1 / 3) < 0.017


# -- reproducibility, shapes and types ------------------------------------------------------------


def test_same_seed_same_draws() -> None:
    dist = four_d6_drop_lowest()
    assert dist.sample(100, rng=42) == dist.sample(100, rng=42)
    assert dist.sample(100, rng=42) != dist.sample(100, rng=43)
    first = dist.sample(50, rng=np.random.default_rng(42))
    assert first == dist.sample(100, rng=42)[:50]


def test_a_generator_advances() -> None:
    generator = np.random.default_rng(5)
    dist = three_d6()
    assert dist.sample(100, rng=generator) != dist.sample(100, rng=generator)


def test_same_seed_same_draws_for_huge_totals() -> None:
    dist = 1000 @ dc.die(6)
    assert dist.sample(20, rng=9) == dist.sample(20, rng=9)


def test_size_none_gives_a_scalar() -> None:
    dist = three_d6()
    value = dist.sample(rng=3)
    assert type(value) is int
    assert value in dist.outcomes
    assert value == dist.sample(1, rng=3)[0]
    assert type(huge_total_coin().sample()) is int


def test_draws_are_python_values_of_the_outcome_type() -> None:
    assert all(type(v) is int for v in three_d6().sample(50, rng=1))
    assert all(type(v) is bool for v in (dc.die(6) > 4).sample(50, rng=1))
    halves = dc.die(6) / 2
    # 1/2, 1, 3/2, ...: halves are Fractions, whole numbers come back as ints
    assert all(type(v) is (int if v == int(v) else Fraction) and v in halves.outcomes
               for v in halves.sample(50, rng=1))


def test_numpy_integer_size_and_zero() -> None:
    assert len(three_d6().sample(np.int64(7), rng=1)) == 7
    assert three_d6().sample(0, rng=1) == []


def test_constant_distribution() -> None:
    assert dc.Distribution.constant(4).sample(5, rng=1) == [4] * 5


def test_huge_totals_sample_into_the_support() -> None:
    dist = 1000 @ dc.die(6)
    assert dist.total == 6**1000
    draws = dist.sample(500, rng=2024)
    assert all(type(v) is int and 1000 <= v <= 6000 for v in draws)
    # mean 3500, sd sqrt(1000 * 35/12) = 54.0: the mean of 500 draws is within 5 * 54 / 22.4
    assert abs(np.mean(draws) - 3500) < 12.1
    assert 1000 <= dist.sample(rng=1) <= 6000


@pytest.mark.parametrize("size", [-1, 1.5, "3", True, (2, 3), [4]])
def test_bad_size_is_refused(size: object) -> None:
    with pytest.raises(dc.InvalidOptionError, match="size"):
        three_d6().sample(size, rng=1)  # type: ignore[arg-type]
