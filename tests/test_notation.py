"""Dice notation: every construct against brute-force enumeration, every error, and a fuzz test.

The reference rollers below list every roll with ``itertools.product`` and count outcomes, so
they share no code with the library's pools, power recurrences or convolutions.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from fractions import Fraction
from itertools import product
from unittest import mock

import pytest
from _helpers import not_computed, parser_not_rebuilt
from hypothesis import given, settings
from hypothesis import strategies as st

import discreteconv as dc
from discreteconv.dist import notation
from discreteconv.dist.modifiers import DEFAULT_EXPLODE_DEPTH


# -- brute-force references ----------------------------------------------------------------------
def pool(faces: Iterable[int], n: int, keep: Callable[[list[int]], int] = sum) -> dc.Distribution:
    """Every roll of ``n`` dice with ``faces``, scored by ``keep`` (default: the sum)."""
    faces = list(faces)
    return dc.Distribution(Counter(keep(sorted(roll)) for roll in product(faces, repeat=n)))


def rolled(die: dc.Distribution, n: int, keep: Callable[[list[int]], int] = sum
           ) -> dc.Distribution:
    """Like :func:`pool` for a weighted die: every roll with the product of its weights."""
    counts: Counter = Counter()
    for roll in product(zip(die.outcomes, die.weights, strict=True), repeat=n):
        weight = 1
        for _, w in roll:
            weight *= w
        counts[keep(sorted(v for v, _ in roll))] += weight
    return dc.Distribution(counts)


def reroll_once(faces: list[int], matches: Callable[[int], bool]) -> dc.Distribution:
    """Both rolls listed: the second counts only when the first matched."""
    return dc.Distribution(Counter(second if matches(first) else first
                                   for first, second in product(faces, faces)))


def reroll_until(faces: list[int], matches: Callable[[int], bool]) -> dc.Distribution:
    """Rerolling until no match leaves the non-matching faces, equally likely."""
    return dc.Distribution(Counter(f for f in faces if not matches(f)))


def exploded(faces: list[int], explodes: Callable[[int], bool],
             depth: int = DEFAULT_EXPLODE_DEPTH) -> dc.Distribution:
    """Each face, plus (when it explodes and rolls are left) an exploded die one level down.

    Past ``depth`` extra rolls the last roll stays as rolled.
    """
    chances = Counter()  # with no rolls left: the die as it is
    for face in faces:
        chances[face] += Fraction(1, len(faces))
    for _ in range(depth):
        deeper: Counter = Counter()
        for face in faces:
            if explodes(face):
                for value, p in chances.items():
                    deeper[face + value] += p / len(faces)
            else:
                deeper[face] += Fraction(1, len(faces))
        chances = dict(deeper)
    return dc.Distribution(chances)


def independent(op: Callable[[int, int], int], *dists: dc.Distribution) -> dc.Distribution:
    """Every combination of outcomes, folded with ``op``."""
    counts: Counter = Counter()
    for combination in product(*(zip(d.outcomes, d.weights, strict=True) for d in dists)):
        value, weight = combination[0]
        for v, w in combination[1:]:
            value, weight = op(value, v), weight * w
        counts[value] += weight
    return dc.Distribution(counts)


def toward_zero(a: int, b: int) -> int:
    return int(Fraction(a, b))  # int() of a Fraction truncates toward zero


D4, D6, D8, D20 = ([*range(1, s + 1)] for s in (4, 6, 8, 20))
D6_DIST = pool(D6, 1)


def highest(k: int) -> Callable[[list[int]], int]:
    return lambda roll: sum(roll[len(roll) - k:])


def lowest(k: int) -> Callable[[list[int]], int]:
    return lambda roll: sum(roll[:k])


# -- constructs against brute force --------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("d6", pool(D6, 1)),
    ("1d6", pool(D6, 1)),
    ("2d6", pool(D6, 2)),
    ("3d4", pool(D4, 3)),
    ("3D6", pool(D6, 3)),
    ("d%", pool(range(1, 101), 1)),
    ("2d%", pool(range(1, 101), 2)),
    ("dF", pool([-1, 0, 1], 1)),
    ("4df", pool([-1, 0, 1], 4)),
    ("d{1,2,2,3}", pool([1, 2, 2, 3], 1)),
    ("3d{-1, 0, 5}", pool([-1, 0, 5], 3)),
    ("2d{+1,-1,1}", pool([1, -1, 1], 2)),
    ("d1", pool([1], 1)),
    ("(2)d6", pool(D6, 2)),
])
def test_dice_terms(text: str, expected: dc.Distribution) -> None:
    assert dc.dice(text) == expected


@pytest.mark.parametrize(("text", "n", "faces", "keep"), [
    ("4d6dl1", 4, D6, highest(3)),
    ("4d6d1", 4, D6, highest(3)),
    ("4d6d", 4, D6, highest(3)),
    ("4d6kh3", 4, D6, highest(3)),
    ("4d6k3", 4, D6, highest(3)),
    ("4D6K3", 4, D6, highest(3)),
    ("2d20kh1", 2, D20, highest(1)),
    ("2d20kh", 2, D20, highest(1)),
    ("2d20kl1", 2, D20, lowest(1)),
    ("5d4dh2", 5, D4, lowest(3)),
    ("5d4kl3", 5, D4, lowest(3)),
    ("5d4dl2", 5, D4, highest(3)),
    ("3d8kh2", 3, D8, highest(2)),
    ("4d6kh4", 4, D6, highest(4)),
    ("4d{-1,0,1}kh2", 4, [-1, 0, 1], highest(2)),
])
def test_keep_and_drop(text: str, n: int, faces: list[int],
                       keep: Callable[[list[int]], int]) -> None:
    assert dc.dice(text) == pool(faces, n, keep)


def test_keep_none_and_drop_all_give_zero() -> None:
    assert dc.dice("4d6kh0") == dc.Distribution.constant(0)
    assert dc.dice("4d6dl4") == dc.Distribution.constant(0)


@pytest.mark.parametrize(("text", "n", "matches"), [
    ("d6ro1", 1, lambda f: f == 1),
    ("2d6ro1", 2, lambda f: f == 1),
    ("3d6ro<2", 3, lambda f: f <= 2),   # Roll20: <2 means 2 or less
    ("2d6ro<=2", 2, lambda f: f <= 2),
    ("2d6ro>5", 2, lambda f: f >= 5),   # >5 means 5 or more
    ("2d6ro=3", 2, lambda f: f == 3),
    ("2d6ro!=3", 2, lambda f: f != 3),
    ("2d6ro1ro2", 2, lambda f: f in (1, 2)),  # conditions of one term combine
])
def test_reroll_once(text: str, n: int, matches: Callable[[int], bool]) -> None:
    assert dc.dice(text) == rolled(reroll_once(D6, matches), n)


@pytest.mark.parametrize(("text", "n", "matches"), [
    ("d6r1", 1, lambda f: f == 1),
    ("3d6r1", 3, lambda f: f == 1),
    ("2d6r<2", 2, lambda f: f <= 2),
    ("2d6R>5", 2, lambda f: f >= 5),
    ("2d6r1r3", 2, lambda f: f in (1, 3)),
    ("2d6 r 1", 2, lambda f: f == 1),
])
def test_reroll_until(text: str, n: int, matches: Callable[[int], bool]) -> None:
    assert dc.dice(text) == rolled(reroll_until(D6, matches), n)


def test_modifiers_apply_to_each_die_then_keep_on_the_pool() -> None:
    die = reroll_until(D6, lambda f: f == 1)
    assert dc.dice("4d6r1kh3") == rolled(die, 4, highest(3))
    assert dc.dice("4d6kh3r1") == dc.dice("4d6r1kh3")  # written order of the kinds is free
    once = reroll_once(D6, lambda f: f == 1)
    assert dc.dice("4d6ro1dl1") == rolled(once, 4, highest(3))
    assert dc.dice("4d6r1") == 4 @ dc.reroll(dc.die(6), [1])


@pytest.mark.parametrize(("text", "faces", "explodes"), [
    ("d6!", D6, lambda f: f == 6),
    ("d6!6", D6, lambda f: f == 6),
    ("d6!>5", D6, lambda f: f >= 5),
    ("d6!>=5", D6, lambda f: f >= 5),
    ("d6!<2", D6, lambda f: f <= 2),
    ("d4!", D4, lambda f: f == 4),
    ("dF!", [-1, 0, 1], lambda f: f == 1),
])
def test_explode(text: str, faces: list[int], explodes: Callable[[int], bool]) -> None:
    result = dc.dice(text)
    assert result == exploded(faces, explodes)
    chance = Fraction(sum(map(explodes, faces)), len(faces))
    assert result.truncated == chance ** (DEFAULT_EXPLODE_DEPTH + 1)


def test_whitespace_separates_explode_from_comparison() -> None:
    assert dc.dice("d6! > 5") == dc.dice("(d6!) > 5")
    assert dc.dice("d6 !> 5") == dc.dice("d6!>5")
    assert dc.dice("d6!=6") == dc.dice("(d6) != 6")  # != is always "not equal"


def test_explode_pools_and_keeps() -> None:
    single = exploded(D4, lambda f: f == 4)
    assert dc.dice("2d4!") == independent(lambda a, b: a + b, single, single)
    assert dc.dice("3d4!kh2") == rolled(single, 3, highest(2))
    assert dc.dice("3d4r1!") == 3 @ dc.explode(dc.reroll(dc.die(4), [1]))
    assert dc.dice("d6!").truncated == Fraction(1, 6 ** (DEFAULT_EXPLODE_DEPTH + 1))


@pytest.mark.parametrize(("text", "expected"), [
    ("2d6 + 1d8 + 3", independent(lambda a, b: a + b, D6_DIST, D6_DIST, pool(D8, 1), pool([3], 1))),
    ("3d6 * 2", pool(D6, 3, lambda roll: 2 * sum(roll))),
    ("2 * 3d6", pool(D6, 3, lambda roll: 2 * sum(roll))),
    ("d6 - d6", independent(lambda a, b: a - b, D6_DIST, D6_DIST)),
    ("d6 * d6", independent(lambda a, b: a * b, D6_DIST, D6_DIST)),
    ("d20 / d6", independent(toward_zero, pool(D20, 1), D6_DIST)),
    ("(d6 - 4) / 2", pool(D6, 1, lambda roll: toward_zero(roll[0] - 4, 2))),
    ("-d6 / 4", pool(D6, 1, lambda roll: toward_zero(-roll[0], 4))),
    ("12 / d6", pool(D6, 1, lambda roll: 12 // roll[0])),
    ("-d6", pool(D6, 1, lambda roll: -roll[0])),
    ("--d6", D6_DIST),
    ("+d6", D6_DIST),
    ("max(d6, d6)", independent(max, D6_DIST, D6_DIST)),
    ("MIN(d6, d6, 3)", independent(min, D6_DIST, D6_DIST, pool([3], 1))),
    ("max(d4, 2d6) - min(d8, d8)", independent(lambda a, b: a - b,
                                               independent(max, pool(D4, 1), pool(D6, 2)),
                                               independent(min, pool(D8, 1), pool(D8, 1)))),
    ("d6 + d6 * 2", independent(lambda a, b: a + 2 * b, D6_DIST, D6_DIST)),
    ("(d6 + d6) * 2", pool(D6, 2, lambda roll: 2 * sum(roll))),
    ("(d4)d6", dc.mixture([pool(D6, n) for n in D4])),
    ("(d4 - 1)d6", dc.mixture([pool(D6, n) for n in range(4)])),
    (" 3 d 6 +\t2\n", pool(D6, 3, lambda roll: sum(roll) + 2)),
])
def test_arithmetic(text: str, expected: dc.Distribution) -> None:
    assert dc.dice(text) == expected


@pytest.mark.parametrize(("text", "value"), [
    ("2 + 3 * 4", 14), ("(2 + 3) * 4", 20), ("10 - 2 - 3", 5), ("10 - (2 - 3)", 11),
    ("100 / 10 / 5", 2), ("7 / 2", 3), ("-7 / 2", -3), ("7 / -2", -3), ("-7 / -2", 3),
    ("-(3)", -3), ("max(1, 5, 2)", 5), ("min(4, -1)", -1), ("2 < 3", True), ("3 = 4", False),
    ("3 == 3", True), ("3 != 3", False), ("0d6", 0), ("10 * (2 + -3)", -10),
])
def test_constants(text: str, value: int) -> None:
    assert dc.dice(text) == dc.Distribution.constant(value)


def bernoulli(p: Fraction) -> dc.Distribution:
    return dc.Distribution({False: 1 - p, True: p})


@pytest.mark.parametrize(("text", "condition"), [
    ("3d6 >= 10", lambda v: v >= 10), ("3d6 > 10", lambda v: v > 10),
    ("3d6 < 10", lambda v: v < 10), ("3d6 <= 10", lambda v: v <= 10),
    ("3d6 = 10", lambda v: v == 10), ("3d6 == 10", lambda v: v == 10),
    ("3d6 != 10", lambda v: v != 10), ("3d6!=10", lambda v: v != 10),
    ("10 <= 3d6", lambda v: v >= 10), ("10 > 3d6", lambda v: v < 10),
])
def test_comparisons_with_a_constant(text: str, condition: Callable[[int], bool]) -> None:
    sums = pool(D6, 3)
    assert dc.dice(text) == bernoulli(sums.probability_where(condition))


@pytest.mark.parametrize(("left", "symbol", "right", "op"), [
    ("3d6", ">", "3d6", lambda a, b: a > b), ("d6", ">=", "d8", lambda a, b: a >= b),
    ("d6", "<", "d8", lambda a, b: a < b), ("d6", "<=", "d8", lambda a, b: a <= b),
    ("d6", "=", "d8", lambda a, b: a == b), ("d6", "!=", "d8", lambda a, b: a != b),
    ("(d6 > 3)", "=", "(d6 > 3)", lambda a, b: a == b),
    ("(d6 > 3)", "<", "(d6 > 4)", lambda a, b: a < b),
    ("2d6kh1", ">", "d6!", lambda a, b: a > b),
])
def test_comparisons_of_dice(left: str, symbol: str, right: str,
                             op: Callable[[int, int], bool]) -> None:
    expected = independent(op, dc.dice(left), dc.dice(right))
    assert dc.dice(f"{left} {symbol} {right}") == expected


def test_comparisons_count_and_combine() -> None:
    assert dc.dice("(d6 > 3) + (d6 > 3) + (d6 > 3)") == dc.binomial(3, Fraction(1, 2))
    assert dc.dice("(3d6 > 3d6) * 10") == dc.Distribution({0: 4249, 10: 3527})


def test_worked_answers() -> None:
    assert dc.dice("2d6").probability(7) == Fraction(1, 6)
    assert dc.dice("3d6").probability(10) == Fraction(1, 8)
    assert dc.dice("4d6dl1").mean() == Fraction(15869, 1296)
    assert dc.dice("3d6 > 3d6").probability(True) == Fraction(3527, 7776)


def test_large_requests_that_must_work() -> None:
    thousands = dc.dice("10000d6")
    assert len(thousands) == 50001 and thousands.mean() == 35000
    assert thousands.total == 6**10000
    hundred = dc.dice("100d100")
    assert len(hundred) == 9901 and hundred.probability(100) == Fraction(1, 100**100)
    assert dc.dice("1000d6") == 1000 @ dc.die(6)


def test_long_flat_sums_and_sign_chains() -> None:
    assert dc.dice(" + ".join(["d6"] * 300)) == dc.dice("300d6")
    assert dc.dice("-" * 5001 + "d6") == dc.dice("-d6")
    assert dc.dice("(" * 150 + "d6" + ")" * 150) == dc.dice("d6")


# -- the syntax tree -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "canonical", "words"), [
    ("4d6dl1", "4d6dl1", "drop lowest 1 of 4 × d6"),
    ("4D6 K3", "4d6kh3", "keep highest 3 of 4 × d6"),
    ("2d20kh", "2d20kh1", "keep highest 1 of 2 × d20"),
    ("d6!>5", "d6!>=5", "d6 (explode on 5 or more)"),
    ("3d6r<2", "3d6r<=2", "3 × d6 (reroll 2 or less)"),
    ("2d6ro1!", "2d6ro1!", "2 × d6 (reroll 1 once, explode on the highest face)"),
    ("(d4)d%", "(d4)d%", "(d4) × d%"),
    ("d{1, -2}", "d{1,-2}", "d{1,-2}"),
    ("4dF", "4dF", "4 × dF"),
    ("1-(2-3)", "1 - (2 - 3)", "1 - (2 - 3)"),
    ("(1-2)-3", "1 - 2 - 3", "1 - 2 - 3"),
    ("2*(d6+1)", "2 * (d6 + 1)", "2 * (d6 + 1)"),
    ("-(d6+1)", "-(d6 + 1)", "-(d6 + 1)"),
    ("(d6>3)>(d6>4)", "(d6 > 3) > (d6 > 4)", "(d6 > 3) > (d6 > 4)"),
    ("max( d6 ,2 )", "max(d6, 2)", "max(d6, 2)"),
])
def test_parse_tree_prints_and_describes(text: str, canonical: str, words: str) -> None:
    tree = notation.parse(text)
    assert str(tree) == canonical
    assert tree.describe() == words
    assert str(notation.parse(str(tree))) == canonical
    assert dc.dice(canonical) == dc.dice(text)


def test_parse_tree_nodes() -> None:
    tree = notation.parse("4d6r1kh3 + 2")
    assert isinstance(tree, notation.Arithmetic) and tree.operators == ("+",)
    term = tree.operands[0]
    assert isinstance(term, notation.Dice)
    assert term.count == notation.Number(4, 0, 1) and term.sides == 6
    assert term.modifiers == (notation.Reroll(notation.Condition("=", 1), False, 3, 5),
                              notation.Keep("kh", 3, 5, 8))
    assert hash(tree) == hash(notation.parse("4d6r1kh3 + 2"))


# -- errors ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "column", "words"), [
    ("3d", 3, "expected a number"),
    ("d0", 2, "at least 1 side"),
    ("4d6kh5", 4, "cannot keep 5 of 4 dice"),
    ("4d6dl5", 4, "cannot drop 5 of 4 dice"),
    ("0d6kh", 4, "cannot keep 1 of 0 dice"),
    ("2d6++", 6, "expected a number, 'd', '('"),
    ("d6)", 3, "expected end of input"),
    ("(d6", 4, "expected ')'"),
    ("", 1, "empty"),
    ("   ", 1, "empty"),
    ("__import__('os')", 1, "unexpected character '_'"),
    ("3d6; rm -rf", 4, "unexpected character ';'"),
    ("d{}", 3, "unexpected '}'"),
    ("d{1,,2}", 5, "expected a number"),
    ("d{1,2", 6, "expected ',' or '}'"),
    ("2d6kh3x", 7, "expected an operator"),
    ("1" * 101 + "d6", 1, "number too long"),
    ("d" + "9" * 101, 2, "number too long"),
    ("4dd6", 3, "expected a number, '%', 'F' or '{'"),
    ("3d6 5", 5, "expected an operator"),
    ("1 < 2 < 3", 7, "expected an operator (+ -) or end of input"),
    ("max()", 5, "expected a number"),
    ("max(1,)", 7, "expected a number"),
    ("d6r", 4, "expected a number"),
    ("d6!>", 5, "expected a number"),
    ("4d6kh3kl1", 7, "only one keep or drop"),
    ("d6!!", 4, "only one !"),
    ("d6r1ro2", 3, "cannot mix r and ro"),
    ("d1!", 3, "every face explodes"),
    ("d6!>1", 3, "every face explodes"),
    ("d6r<6", 3, "every face is rerolled"),
    ("d6ro!=7", 3, "every face is rerolled"),
    ("(d4)d6kh1", 7, "fixed number of dice"),
    ("(0-2)d6", 1, "cannot be negative"),
    ("(d4-2)d6", 1, "cannot be negative"),
    ("d6 / 0", 4, "division by zero"),
    ("d6/(d6-1)", 3, "division by zero"),
    ("1/(d6>7)", 2, "division by zero"),
    ("(" * 201 + "1" + ")" * 201, 201, "nested too deeply"),
    ("3D6 + x", 7, "unexpected character 'x'"),
    ("3d6 ** 2", 6, "expected a number"),
    ("d6 !>", 6, "expected a number"),
])
def test_notation_errors(text: str, column: int, words: str) -> None:
    with pytest.raises(dc.NotationError) as caught:
        dc.dice(text)
    error = caught.value
    message = str(error)
    assert f"at column {column}" in message
    assert words in message
    assert error.text == text and error.position == column - 1
    _, shown, caret = message.split("\n")
    assert shown == "  " + text.replace("\t", " ")
    assert caret.startswith("  " + " " * (column - 1) + "^")
    assert set(caret.strip()) == {"^"}
    assert isinstance(error, ValueError)


def test_error_caret_spans_the_modifier() -> None:
    with pytest.raises(dc.NotationError) as caught:
        dc.dice("4d6kh5")
    assert str(caught.value).endswith("\n  4d6kh5\n     ^^^")


def test_error_on_a_later_line_names_the_line() -> None:
    with pytest.raises(dc.NotationError) as caught:
        dc.dice("3d6 +\n 2 x")
    message = str(caught.value)
    assert "at line 2, column 4" in message and message.endswith("\n   2 x\n     ^")
    assert caught.value.position == 9


@pytest.mark.parametrize("value", [None, 3, b"3d6", ["3d6"]])
def test_non_text_is_an_invalid_entry(value: object) -> None:
    with pytest.raises(dc.InvalidEntryError) as caught:
        dc.dice(value)  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError)


def test_too_long_text() -> None:
    with pytest.raises(dc.NotationError, match="too long"):
        dc.dice("1+" * notation.MAX_LENGTH + "1")


@pytest.mark.parametrize(("text", "named"), [
    ("1000000000d6", "'1000000000d6' at column 1"),
    ("2 + 1000000000d6kh3", "'1000000000d6kh3' at column 5"),
    ("d1000000000", "'d1000000000'"),
    ("100000d6", "'100000d6'"),
    ("d1000!>2", "'d1000!>2'"),
    ("200d6dl1", "'200d6dl1'"),
    ("99999999999999d1kh1", "'99999999999999d1kh1'"),
    ("(10d100)d100", "'(10d100)d100' at column 1"),
    ("2000d{1, 5, 1000000}", "'2000d{1, 5, 1000000}'"),
    ("1000d20kh4", "'1000d20kh4'"),
    ("2d51000kh1", "'2d51000kh1'"),
    ("(d1000)d6", "'(d1000)d6'"),
])
def test_huge_requests_are_refused_at_once(text: str, named: str) -> None:
    with not_computed(), pytest.raises(dc.TooLargeError) as caught:
        dc.dice(text)
    assert named in str(caught.value) and "refused before computing" in str(caught.value)


def test_the_work_of_a_whole_expression_is_limited() -> None:
    assert dc.dice("100d6dl1").mean() > 0  # alone: allowed
    with mock.patch.object(notation, "MAX_WORK", 2 * 10**6):
        one = "(1000d6 > 3500)"
        assert dc.dice(one).probability(True) == dc.dice("1000d6").sf(3500)
        with pytest.raises(dc.TooLargeError, match=r"with the .* of the parts before it"):
            dc.dice(" + ".join([one] * 30))


def test_a_step_is_refused_before_it_runs() -> None:
    with pytest.raises(dc.TooLargeError, match="'-' at column 9"):
        dc.dice("10000d6 - 10000d6")  # each term alone is fine
    with pytest.raises(dc.TooLargeError, match=r"'\*' at column 10"):
        dc.dice("(1000)d2 * 4d%!")


def test_refusal_names_outcomes_and_bits() -> None:
    with pytest.raises(dc.TooLargeError) as caught:
        dc.dice("1000000000d6")
    assert "5,000,000,001 outcomes" in str(caught.value)
    assert "2,584,962,501 bits" in str(caught.value)


def test_memory_limit_applies_to_dice_terms() -> None:
    with mock.patch.dict(os.environ, {"DISCRETECONV_MEMORY_LIMIT": "100000"}):
        with pytest.raises(dc.TooLargeError, match="'1000d6'"):
            dc.dice("1000d6")
        assert dc.dice("10d6") == 10 @ dc.die(6)


def test_sparse_wide_dice_do_not_exhaust_memory() -> None:
    wide = dc.dice("d{0,1000000000000} + d{0,1000000000000}")
    assert wide.outcomes == (0, 10**12, 2 * 10**12)
    assert dc.dice("3d{0, 10000000000000}") == pool([0, 10**13], 3)
    faces = [*range(9), 10**12]
    text = "d{" + ",".join(map(str, faces)) + "} * 2 + d{0,1,2,3,4,5,6,7,8,9}"
    expected = independent(lambda a, b: a + b, pool([2 * f for f in faces], 1),
                           pool(range(10), 1))
    assert dc.dice(text) == expected


# -- the parser itself -------------------------------------------------------------------------
def test_import_does_not_load_lark() -> None:
    code = "import sys, discreteconv; assert 'lark' not in sys.modules; print('ok')"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=False, timeout=60)
    assert completed.returncode == 0, completed.stderr


def test_parser_is_built_once() -> None:
    assert notation._parser() is notation._parser()
    dc.dice("3d6")
    notation._parse_checked.cache_clear()
    with parser_not_rebuilt():
        assert dc.dice("3d6") == 3 @ dc.die(6)


# -- fuzz ------------------------------------------------------------------------------------
TOKENS = ["d", "2", "6", "10", "0", "kh", "kl", "dh", "dl", "k", "!", "!>", "r", "ro", "<",
          ">", ">=", "<=", "=", "==", "!=", "(", ")", "{", "}", ",", "+", "-", "*", "/", "%",
          "F", "max(", "min(", " ", "3d6", "x", "_", ";"]
ALPHABET = "0123456789dDkhlro!%Ff{}()+-*/<>=, \t\nabxmin_;.'\"\\"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(ALPHABET, max_size=16),
                 st.lists(st.sampled_from(TOKENS), max_size=10).map("".join)))
def test_fuzz_only_distributions_or_library_errors(text: str) -> None:
    with mock.patch.object(notation, "MAX_WORK", 10**6), \
            mock.patch.dict(os.environ, {"DISCRETECONV_MEMORY_LIMIT": str(10**7)}):
        try:
            result = dc.dice(text)
        except dc.DiscreteconvError as error:
            if isinstance(error, dc.NotationError):
                assert "column" in str(error) and error.text == text
            return
    assert isinstance(result, dc.Distribution)
