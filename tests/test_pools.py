"""Dice pools: keep or drop the highest or lowest ``k`` of ``n`` dice.

The reference lists every roll with ``itertools.product``, sorts it and sums the kept dice.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import integer_distributions

import discreteconv as dc
from discreteconv import Distribution
from discreteconv.errors import InvalidOptionError

F = Fraction
D6 = dc.die(6)

FACES = {
    "d4": [1, 2, 3, 4],
    "d6": [1, 2, 3, 4, 5, 6],
    "d{1,2,2,3}": [1, 2, 2, 3],
    "repeats and negatives": [-2, -2, 0, 3, 3, 3],
    "d2": [1, 2],
    "one face": [5],
}


def _brute_force(faces: list, n: int, kept: slice) -> dict:
    """``{sum: probability}`` of the dice in ``kept`` of each sorted roll (ascending)."""
    counts: dict = {}
    for roll in itertools.product(faces, repeat=n):
        total = sum(sorted(roll)[kept])
        counts[total] = counts.get(total, 0) + 1
    size = len(faces) ** n
    return {total: F(count, size) for total, count in counts.items()}


def _cases() -> list:
    cases = []
    for name, faces in FACES.items():
        for n in range(1, 5 if len(faces) <= 4 else 4):
            cases.extend((name, n, k) for k in range(n + 1))
    return cases


@pytest.mark.parametrize(("name", "n", "k"), _cases())
def test_keep_and_drop_against_enumeration(name: str, n: int, k: int) -> None:
    faces = FACES[name]
    die = dc.die(faces)
    highest = _brute_force(faces, n, slice(n - k, n))
    lowest = _brute_force(faces, n, slice(0, k))
    assert dc.keep_highest(die, n, k).pmf() == highest
    assert dc.keep_lowest(die, n, k).pmf() == lowest
    # dropping k is keeping the other n - k
    assert dc.drop_lowest(die, n, n - k).pmf() == highest
    assert dc.drop_highest(die, n, n - k).pmf() == lowest


@given(integer_distributions(max_outcomes=4, max_weight=3), st.integers(1, 4), st.data())
def test_weighted_dice_against_enumeration(die: Distribution, n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    faces = [o for o, w in zip(die.outcomes, die.weights, strict=True) for _ in range(w)]
    assert dc.keep_highest(die, n, k).pmf() == _brute_force(faces, n, slice(n - k, n))
    assert dc.keep_lowest(die, n, k).pmf() == _brute_force(faces, n, slice(0, k))


def test_fraction_faces() -> None:
    faces = [F(1, 2), F(-1, 3), 2]
    for k in range(4):
        assert dc.keep_highest(dc.die(faces), 3, k).pmf() == _brute_force(faces, 3, slice(3 - k, 3))


@given(integer_distributions(), st.integers(min_value=1, max_value=6))
def test_keep_one_is_maximum_or_minimum(die: Distribution, n: int) -> None:
    assert dc.keep_highest(die, n, 1) == dc.maximum(*[die] * n)
    assert dc.keep_lowest(die, n, 1) == dc.minimum(*[die] * n)


@given(integer_distributions(), st.integers(min_value=1, max_value=6))
def test_keep_all_is_the_sum_and_keep_none_is_zero(die: Distribution, n: int) -> None:
    assert dc.keep_highest(die, n, n) == n @ die
    assert dc.keep_lowest(die, n, n) == n @ die
    assert dc.drop_lowest(die, n, 0) == n @ die
    assert dc.keep_highest(die, n, 0) == Distribution.constant(0)
    assert dc.drop_highest(die, n, n) == Distribution.constant(0)


@given(integer_distributions(max_outcomes=5), st.integers(min_value=2, max_value=5), st.data())
def test_highest_and_lowest_split_the_sum(die: Distribution, n: int, data: st.DataObject) -> None:
    # E[highest k] + E[lowest n - k] = E[sum of all n]
    k = data.draw(st.integers(min_value=0, max_value=n))
    high = dc.keep_highest(die, n, k).mean()
    low = dc.keep_lowest(die, n, n - k).mean()
    assert high + low == n * die.mean()


def test_four_d6_drop_lowest() -> None:
    stats = dc.drop_lowest(D6, 4)
    assert stats.mean() == F(15869, 1296)
    assert stats == dc.keep_highest(D6, 4, 3)
    assert stats.probability(18) == F(21, 1296)  # four sixes, or three sixes and any other
    assert stats.probability(3) == F(1, 1296)
    assert stats.outcomes == tuple(range(3, 19))


def test_advantage_and_disadvantage() -> None:
    d20 = dc.die(20)
    assert dc.keep_highest(d20, 2).mean() == F(553, 40)
    assert dc.keep_lowest(d20, 2).mean() == F(287, 40)
    assert dc.keep_highest(d20, 2).probability(20) == F(39, 400)


def test_large_pools() -> None:
    # 20d6kh10 and 8d20dl3 each take about 0.01 s here (dense sweep, no roll listing).
    big = dc.keep_highest(D6, 20, 10)
    assert sum(big.pmf().values()) == 1
    assert big.outcomes == tuple(range(10, 61))
    # all ten kept dice are sixes exactly when at least ten of the twenty are sixes
    sixes = sum(math.comb(20, j) * 5 ** (20 - j) for j in range(10, 21))
    assert big.probability(60) == F(sixes, 6**20)
    assert big.probability(10) == F(1, 6**20)

    d20 = dc.die(20)
    pool = dc.drop_lowest(d20, 8, 3)
    assert sum(pool.pmf().values()) == 1
    assert pool.outcomes == tuple(range(5, 101))
    twenties = sum(math.comb(8, j) * 19 ** (8 - j) for j in range(5, 9))
    assert pool.probability(100) == F(twenties, 20**8)
    assert pool.probability(5) == F(1, 20**8)
    assert pool == dc.keep_highest(d20, 8, 5)


@pytest.mark.parametrize(
    "make",
    [
        lambda: dc.keep_highest(D6, 3, 4),
        lambda: dc.keep_lowest(D6, 3, 4),
        lambda: dc.drop_lowest(D6, 3, 4),
        lambda: dc.drop_highest(D6, 3, 4),
        lambda: dc.drop_lowest(D6, 3, -1),
        lambda: dc.keep_highest(D6, 0, 0),
        lambda: dc.keep_highest(D6, 3, -1),
        lambda: dc.keep_highest(D6, 2.0, 1),
        lambda: dc.keep_highest(D6, 3, 1.5),
    ],
)
def test_invalid_pool_sizes(make) -> None:
    with pytest.raises(InvalidOptionError):
        make()
