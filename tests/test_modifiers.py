"""Exploding dice and rerolls, against recursive and enumerating definitions.

Also how the ``truncated`` mass cut off by an explode depth travels through arithmetic.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import integer_distributions

import discreteconv as dc
from discreteconv import Distribution
from discreteconv.errors import InvalidOptionError

F = Fraction
D4 = dc.die(4)
D6 = dc.die(6)


def _explode_reference(faces: list, depth: int, explodes) -> dict:
    """Roll one face; an exploding face with depth left adds a fresh exploding roll."""
    chance = F(1, len(faces))
    out: dict = {}
    for face in faces:
        if explodes(face) and depth > 0:
            for more, p in _explode_reference(faces, depth - 1, explodes).items():
                out[face + more] = out.get(face + more, 0) + chance * p
        else:
            out[face] = out.get(face, 0) + chance
    return out


EXPLODE_CASES = {
    "d4 on 4": ([1, 2, 3, 4], None, lambda v: v == 4),
    "d6 on 6": ([1, 2, 3, 4, 5, 6], None, lambda v: v == 6),
    "d6 on {5, 6}": ([1, 2, 3, 4, 5, 6], [5, 6], lambda v: v in (5, 6)),
    "d6 on odd (predicate)": ([1, 2, 3, 4, 5, 6], lambda v: v % 2 == 1, lambda v: v % 2 == 1),
    "d{1,2,2,3} on 2": ([1, 2, 2, 3], [2], lambda v: v == 2),
    "faces with negatives on -1": ([-1, 0, 2, 2], [-1], lambda v: v == -1),
    "d6 on a missing face": ([1, 2, 3, 4, 5, 6], [7], lambda v: v == 7),
}


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
@pytest.mark.parametrize("name", list(EXPLODE_CASES))
def test_explode_against_the_recursive_definition(name: str, depth: int) -> None:
    faces, on, explodes = EXPLODE_CASES[name]
    result = dc.explode(dc.die(faces), depth=depth, on=on)
    assert result.pmf() == _explode_reference(faces, depth, explodes)
    chance = F(sum(1 for f in faces if explodes(f)), len(faces))
    assert result.truncated == chance ** (depth + 1)


def test_explode_worked_values() -> None:
    x = dc.explode(D6, depth=2)
    assert x.probability(7) == F(1, 36)
    assert x.probability(13) == F(1, 216)
    assert x.probability(6) == 0
    assert x.truncated == F(1, 216)
    assert dc.explode(D6, depth=0) == D6
    assert dc.explode(D6, depth=0).truncated == F(1, 6)
    assert dc.explode(D6, depth=1, on=[7]).truncated == 0


def test_default_depth_and_mean() -> None:
    x = dc.explode(D6)
    assert x.truncated == F(1, 6**21)
    # the mean of an endlessly exploding d6 is 3.5 * 6/5 = 4.2; depth 20 is within 1e-14
    assert abs(x.mean() - F(21, 5)) < F(1, 10**14)
    assert sum(x.pmf().values()) == 1


def test_every_face_exploding_is_an_error() -> None:
    with pytest.raises(InvalidOptionError, match="every face explodes"):
        dc.explode(D6, on=range(1, 7))
    with pytest.raises(InvalidOptionError):
        dc.explode(Distribution.constant(3))
    with pytest.raises(InvalidOptionError):
        dc.explode(D4, on=lambda v: True)
    with pytest.raises(InvalidOptionError):
        dc.explode(D6, depth=-1)


# -- truncated mass through arithmetic ------------------------------------------------------------


def test_truncated_propagates_through_sums() -> None:
    x, y = dc.explode(D4, depth=1), dc.explode(D6, depth=2)
    a, b = x.truncated, y.truncated
    assert (a, b) == (F(1, 16), F(1, 216))
    either = 1 - (1 - a) * (1 - b)
    assert (x + y).truncated == either
    assert (x - y).truncated == either
    assert (x * y).truncated == either
    assert (x + 3).truncated == a
    assert (2 * x).truncated == a
    assert D6.truncated == 0 and (D6 + D6).truncated == 0
    assert (x + D6).truncated == a


def test_truncated_propagates_through_wide_sums() -> None:
    # enough outcomes that + goes through the convolution core
    x, y = dc.explode(D6, depth=3), dc.explode(dc.die(8), depth=2)
    assert len(x) * len(y) > 64
    assert (x + y).truncated == 1 - (1 - F(1, 6**4)) * (1 - F(1, 8**3))


def test_truncated_propagates_through_repeat_sums() -> None:
    x = dc.explode(D6, depth=1)
    assert (3 @ x).truncated == 1 - (1 - F(1, 36)) ** 3
    assert (3 @ x).truncated == (x + x + x).truncated
    half = dc.explode(dc.die([F(1, 2), 1]), depth=1)
    assert (2 @ half).truncated == 1 - (1 - F(1, 4)) ** 2


def test_truncated_propagates_through_pools_of_any_size() -> None:
    # Found: keep_highest/keep_lowest with k = 1 go through maximum/minimum, which drop the
    # truncated mass (0), while k = 2 of the same pool reports 1 - (1 - t)**n.
    x = dc.explode(D6, depth=1)
    expected = 1 - (1 - F(1, 36)) ** 3
    assert dc.keep_highest(x, 3, 2).truncated == expected
    assert dc.keep_highest(x, 3, 3).truncated == expected
    assert dc.keep_highest(x, 3, 1).truncated == expected
    assert dc.keep_lowest(x, 3, 1).truncated == expected


def test_truncated_propagates_through_maximum_and_minimum() -> None:
    # Found: maximum/minimum report truncated 0 whatever their operands report.
    x, y = dc.explode(D4, depth=1), dc.explode(D6, depth=2)
    either = 1 - (1 - F(1, 16)) * (1 - F(1, 216))
    assert dc.maximum(x, y).truncated == either
    assert dc.minimum(x, y).truncated == either
    assert dc.maximum(x, 3).truncated == F(1, 16)


def test_truncated_propagates_through_mixtures() -> None:
    # Found: mixture([x, x]) (which equals x) and N @ x report truncated 0. The mass cut off
    # from a mixture is the mixture of the masses cut off.
    x = dc.explode(D6, depth=1)
    t = F(1, 36)
    assert dc.mixture([x, x]) == x
    assert dc.mixture([x, x]).truncated == t
    assert dc.mixture([x, D6], [1, 3]).truncated == t / 4
    # N uniform on {1, 2}: half the time one copy, half the time two
    assert (dc.die(2) @ x).truncated == (t + (1 - (1 - t) ** 2)) / 2


def test_truncated_survives_map_and_given() -> None:
    x = dc.explode(D4, depth=1)
    assert x.map(lambda v: v * 2).truncated == F(1, 16)
    assert x.given(lambda v: v > 1).truncated == F(1, 16)


# -- rerolls --------------------------------------------------------------------------------------


def _reroll_once_reference(faces: list, matches) -> dict:
    chance = F(1, len(faces))
    out: dict = {}
    for first in faces:
        if matches(first):
            for second in faces:
                out[second] = out.get(second, 0) + chance * chance
        else:
            out[first] = out.get(first, 0) + chance
    return out


REROLL_CASES = {
    "d6 r1": ([1, 2, 3, 4, 5, 6], [1], lambda v: v == 1),
    "d6 r<3 (predicate)": ([1, 2, 3, 4, 5, 6], lambda v: v < 3, lambda v: v < 3),
    "d{1,2,2,3} r2": ([1, 2, 2, 3], [2], lambda v: v == 2),
    "negatives r-1": ([-1, -1, 0, 4], [-1], lambda v: v == -1),
    "d4 r nothing": ([1, 2, 3, 4], [9], lambda v: False),
}


@pytest.mark.parametrize("name", list(REROLL_CASES))
def test_reroll_once_against_enumeration(name: str) -> None:
    faces, which, matches = REROLL_CASES[name]
    assert dc.reroll(dc.die(faces), which, once=True).pmf() == \
        _reroll_once_reference(faces, matches)


@pytest.mark.parametrize("name", list(REROLL_CASES))
def test_reroll_until_is_conditioning(name: str) -> None:
    faces, which, matches = REROLL_CASES[name]
    kept = [f for f in faces if not matches(f)]
    expected = {f: F(kept.count(f), len(kept)) for f in kept}
    result = dc.reroll(dc.die(faces), which)
    assert result.pmf() == expected
    assert result == dc.die(faces).given(lambda v: not matches(v))


@given(integer_distributions(), st.sets(st.integers(-6, 6), max_size=4))
def test_rerolls_as_conditioning_and_mixture(die: Distribution, faces: set) -> None:
    hit = die.probability_where(lambda v: v in faces)
    if hit == 1:
        with pytest.raises(InvalidOptionError):
            dc.reroll(die, faces)
        return
    missed = die.given(lambda v: v not in faces)
    assert dc.reroll(die, faces) == missed
    # once: a miss stands (conditioned on missing); a hit is replaced by a fresh roll
    assert dc.reroll(die, faces, once=True) == dc.mixture([missed, die], [1 - hit, hit])


def test_reroll_worked_values() -> None:
    assert dc.reroll(D6, [1]).pmf()[2] == F(1, 5)
    assert dc.reroll(D6, [1], once=True).pmf()[1] == F(1, 36)
    assert dc.reroll(D6, [1], once=True).pmf()[2] == F(1, 6) + F(1, 36)
    assert dc.reroll(D6, [1], once=True).mean() == F(7, 2) + F(1, 6) * F(5, 2)


def test_every_face_rerolled_is_an_error() -> None:
    with pytest.raises(InvalidOptionError, match="every face is rerolled"):
        dc.reroll(D6, range(1, 7))
    with pytest.raises(InvalidOptionError):
        dc.reroll(D6, lambda v: v > 0)
    # once, it is fine: the second roll stands
    assert dc.reroll(D6, range(1, 7), once=True) == D6
