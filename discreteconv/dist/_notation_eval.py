"""Evaluating a dice-notation tree with exact distributions, within estimated limits.

:class:`_Evaluator` walks the tree built by :func:`discreteconv.dist.notation.parse`. Before each
step that could be large it estimates the size of the result and the work (about 10**7 units a
second) and refuses a request over the limits at once with
:class:`~discreteconv.errors.TooLargeError`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from .. import _validate
from ..errors import DiscreteconvError, NotationError, TooLargeError
from ._arithmetic import MAX_OUTCOMES, combine, maximum, minimum
from ._notation_tree import (
    Arithmetic,
    Call,
    Compare,
    Dice,
    Explode,
    Keep,
    Negate,
    Node,
    Number,
    Reroll,
    _fail,
)
from .constructors import die, fudge
from .distribution import Distribution
from .modifiers import DEFAULT_EXPLODE_DEPTH, explode, reroll
from .pools import drop_highest, drop_lowest, keep_highest, keep_lowest

Value = int | Distribution


def _cap(value: float) -> float:
    return value if value < 1e300 else math.inf


def _distinct_sums(n: int, faces: int, span: int) -> int:
    """At most how many different sums ``n`` dice with ``faces`` faces over ``span`` make."""
    dense = n * span + 1
    k = min(n, faces - 1)
    return dense if k > 64 or dense < 10**6 else min(dense, math.comb(n + faces - 1, k))


def _truncating_division(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


#: Outcome by outcome (the generic path; sums of integers go to the convolution core instead).
_OPERATIONS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": _truncating_division,
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq,
    "!=": operator.ne,
}
#: On whole values: Distribution comparisons give Bernoulli distributions.
_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "=": lambda a, b: a.equals(b) if isinstance(a, Distribution) else a == b,
    "!=": lambda a, b: a.not_equals(b) if isinstance(a, Distribution) else a != b,
}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


class _Evaluator:
    """Evaluates a tree; ``text`` is what positions in messages refer to.

    ``max_work`` is the estimated work allowed for the whole expression: :func:`dice
    <discreteconv.dist.notation.dice>` passes :data:`~discreteconv.dist.notation.MAX_WORK`.
    """

    def __init__(self, text: str, max_work: float) -> None:
        self.text = text
        self.max_work = max_work
        self.spent = 0.0  # estimated work of the steps already allowed

    def fail(self, message: str, position: int, end: int | None = None) -> NotationError:
        return _fail(message, self.text, position, end)

    def snippet(self, position: int, end: int) -> str:
        return f"{self.text[position:end]!r} at column {position + 1}"

    def check_work(self, work: float, what: str, record: bool = True) -> None:
        """Refuse a step estimated at more than ``max_work``, alone or with the others.

        ``record=False`` checks a first rough estimate that a closer one will follow.
        """
        work = _cap(work)
        if work > self.max_work:
            raise TooLargeError(
                f"{what} would take about {work:.3g} steps of work, more than the "
                f"{self.max_work:.3g} allowed (about ten seconds); refused before computing")
        if self.spent + work > self.max_work:
            raise TooLargeError(
                f"{what} would take about {work:.3g} steps of work, which with the "
                f"{self.spent:.3g} of the parts before it is more than the {self.max_work:.3g} "
                "allowed for one expression (about ten seconds); refused before computing it")
        if record:
            self.spent += work

    def check_size(self, outcomes: int, bits: float, what: str, work: float | None = None,
                   record: bool = True) -> None:
        """Refuse a result of ``outcomes`` exact counts of up to ``bits`` bits each.

        ``work`` defaults to an operation on ``bits``-bit numbers per count.
        """
        if outcomes > MAX_OUTCOMES:
            raise TooLargeError(
                f"{what} would have about {outcomes:,} outcomes (counts of up to "
                f"{_cap(bits):,.0f} bits), more than the {MAX_OUTCOMES:,} allowed; "
                "refused before computing")
        _validate.check_memory(outcomes * (_cap(bits) / 8 + 32),
                               f"{what} ({outcomes:,} outcomes, counts of up to "
                               f"{_cap(bits):,.0f} bits)")
        self.check_work(outcomes * (1 + _cap(bits) / 64) if work is None else work, what,
                        record)

    def value(self, node: Node) -> Value:
        try:
            return getattr(self, type(node).__name__.lower())(node)
        except (NotationError, TooLargeError):
            raise
        except DiscreteconvError as error:  # the engine refused: say where
            raise self.fail(str(error), node.position, node.end) from None

    @staticmethod
    def distribution(value: Value) -> Distribution:
        return value if isinstance(value, Distribution) else Distribution.constant(value)

    def number(self, node: Number) -> Value:
        return node.value

    def negate(self, node: Negate) -> Value:
        return -self.value(node.operand)

    def call(self, node: Call) -> Value:
        values = [self.value(argument) for argument in node.arguments]
        if not any(isinstance(v, Distribution) for v in values):
            return (max if node.name == "max" else min)(values)
        dists = [self.distribution(v) for v in values]
        union = len({o for d in dists for o in d.outcomes})
        # a CDF (a sum over the outcomes) per outcome and argument
        self.check_work(union * sum(len(d) for d in dists) / 2, f"{node.name}(...) at column "
                        f"{node.position + 1}")
        return (maximum if node.name == "max" else minimum)(*dists)

    def arithmetic(self, node: Arithmetic) -> Value:
        result = self.value(node.operands[0])
        for op, position, operand in zip(node.operators, node.operator_positions,
                                         node.operands[1:], strict=True):
            result = self.binary(result, op, self.value(operand), position)
        return result

    def binary(self, left: Value, op: str, right: Value, position: int) -> Value:
        what = f"{op!r} at column {position + 1}"
        if op == "/" and (right == 0 if isinstance(right, int)
                          else right.probability(0) > 0):
            raise self.fail("division by zero: the divisor can be 0", position)
        function = _OPERATIONS[op]
        if not isinstance(left, Distribution):
            if not isinstance(right, Distribution):
                return function(left, right)
            return right.map(lambda v: function(left, v))
        if not isinstance(right, Distribution):
            return left.map(lambda v: function(v, right))
        return self.combine(left, op, right, what)

    def combine(self, left: Distribution, op: str, right: Distribution, what: str) -> Value:
        pairs = len(left) * len(right)
        bits = math.log2(left.total) + math.log2(right.total)
        if op in "+-" and pairs > 64 and left.is_dense() and right.is_dense():
            outcomes = sum(d.outcomes[-1] - d.outcomes[0] for d in (left, right)) + 1
            # the convolution core packs both count lists into big integers and multiplies
            self.check_size(outcomes, bits, what, work=outcomes * (bits + 64) / 16)
        else:
            self.check_work(10 * pairs * (1 + bits / 512), what)  # a dict update per pair
        return combine(left, right, _OPERATIONS[op])

    def compare(self, node: Compare) -> Value:
        left, right, op = self.value(node.left), self.value(node.right), node.operator
        what = f"{op!r} at column {node.operator_position + 1}"
        if not isinstance(left, Distribution):
            if not isinstance(right, Distribution):
                return _COMPARISONS[op](left, right)
            left, right, op = right, left, _FLIPPED[op]
        if isinstance(right, Distribution):
            if op in ("<", "<=", ">", ">="):  # one merge pass over the sorted outcomes
                self.check_work(10 * (len(left) + len(right)), what)
                return combine(left, right, _COMPARISONS[op])
            return self.combine(left, op, right, what)
        self.check_work(10 * len(left), what)
        return _COMPARISONS[op](left, right)

    def dice(self, node: Dice) -> Value:
        term = f"the dice term {self.snippet(node.position, node.end)}"
        count = self.count(node)
        most = count if isinstance(count, int) else count.outcomes[-1]
        keeps = [m for m in node.modifiers if isinstance(m, Keep)]
        if len(keeps) > 1:
            raise self.fail("only one keep or drop per dice term", keeps[1].position,
                            keeps[1].end)
        summed = most  # how many dice are added up, for the size of the result
        if keeps and isinstance(count, int):
            kept = keeps[0].count if keeps[0].kind[0] == "k" else count - keeps[0].count
            summed = min(count, max(kept, 1))
        # Before any die is built: its faces, and for a dense die the size of the sum.
        low, high, faces, dense = self.faces(node)
        rolls = DEFAULT_EXPLODE_DEPTH + 1 if any(isinstance(m, Explode)
                                                 for m in node.modifiers) else 1
        bits = math.log2(faces) * rolls
        self.check_size(faces * rolls, bits, term, record=False)
        if dense:
            outcomes = summed * ((high - low + 1) * rolls - 1) + 1
            self.check_size(outcomes, most * bits, term, record=False,
                            work=outcomes * (8 + most * bits / 400))
        single = self.single_die(node, term)
        if not keeps:
            return self.pool_sum(count, single, term)
        keep = keeps[0]
        if not isinstance(count, int):
            raise self.fail("keep and drop need a fixed number of dice, not a random one",
                            keep.position, keep.end)
        verb = "keep" if keep.kind[0] == "k" else "drop"
        if keep.count > count:
            raise self.fail(f"cannot {verb} {keep.count} of {count} dice", keep.position,
                            keep.end)
        kept = keep.count if verb == "keep" else count - keep.count
        if kept == 0:
            return 0
        if kept == count:
            return self.pool_sum(count, single, term)
        size, span = len(single), single.outcomes[-1] - single.outcomes[0]
        bits = count * math.log2(single.total)
        if kept == 1:  # max or min of n copies: a CDF sum per outcome and copy, then products
            work = size * count * (size / 20 + 1 + bits / 64)
        else:  # states (dice placed, kept sum) swept over the outcomes, a loop over j each
            sums = _distinct_sums(kept, size, span)
            work = size * kept * sums * (count + 1) * (1 + bits / 256)
        self.check_work(work, term)
        function = {"kh": keep_highest, "kl": keep_lowest, "dh": drop_highest,
                    "dl": drop_lowest}[keep.kind]
        return function(single, count, keep.count)

    def count(self, node: Dice) -> int | Distribution:
        """The number of dice: an int, or a distribution of non-negative ints."""
        count = 1 if node.count is None else self.value(node.count)
        if isinstance(count, Distribution):
            if len(count) == 1:
                count = count.outcomes[0]
            else:
                count = count.map(int)
        lowest = count if isinstance(count, int) else count.outcomes[0]
        if lowest < 0:
            raise self.fail("the number of dice cannot be negative", node.position,
                            node.count.end)  # type: ignore[union-attr]
        return int(count) if isinstance(count, int) else count

    def faces(self, node: Dice) -> tuple[int, int, int, bool]:
        """Lowest and highest face, number of faces and denseness of the die as written."""
        sides = node.sides
        if isinstance(sides, tuple):
            low, high = min(sides), max(sides)
            return low, high, len(sides), high - low < 4 * len(set(sides)) + 64
        if sides == "F":
            return -1, 1, 3, True
        count = 100 if sides == "%" else sides
        if count < 1:
            raise self.fail("a die needs at least 1 side", node.sides_position,
                            node.sides_position + len(str(sides)))
        return 1, count, count, True

    def single_die(self, node: Dice, term: str) -> Distribution:
        sides = node.sides
        single = (fudge() if sides == "F" else die(100) if sides == "%" else die(sides))
        rerolls = [m for m in node.modifiers if isinstance(m, Reroll)]
        for once in (True, False):
            chosen = [m for m in rerolls if m.once == once]
            if chosen:
                if not once and any(m.once for m in rerolls):
                    raise self.fail("a dice term cannot mix r and ro", chosen[0].position,
                                    chosen[0].end)
                conditions = [m.condition for m in chosen]
                if all(any(c.matches(f) for c in conditions) for f in single.outcomes):
                    raise self.fail("every face is rerolled: the die would never stop rolling"
                                    if not once else "every face is rerolled",
                                    chosen[0].position, chosen[-1].end)
                single = reroll(single, lambda f, cs=conditions: any(c.matches(f) for c in cs),
                                once=once)
        explodes = [m for m in node.modifiers if isinstance(m, Explode)]
        if len(explodes) > 1:
            raise self.fail("only one ! per dice term (compounding !! is not supported)",
                            explodes[1].position, explodes[1].end)
        if explodes:
            condition = explodes[0].condition
            on = None if condition is None else condition.matches
            if all((f == single.outcomes[-1]) if on is None else on(f) for f in single.outcomes):
                raise self.fail("every face explodes: the die would never stop rolling",
                                explodes[0].position, explodes[0].end)
            exploding = 1 if on is None else sum(1 for f in single.outcomes if on(f))
            # each extra roll adds every outcome so far to every exploding face, in Fractions
            self.check_work(50 * DEFAULT_EXPLODE_DEPTH * max(exploding, 3) * len(single)
                            * (DEFAULT_EXPLODE_DEPTH + 1), f"exploding {term}")
            single = explode(single, on=on)
        return single

    def pool_sum(self, count: Value, single: Distribution, term: str) -> Value:
        span = single.outcomes[-1] - single.outcomes[0]
        bits = math.log2(single.total)
        if isinstance(count, int):
            if count <= 1:
                return count and single
            if single.is_dense():  # power recurrences: O(1) per count for a plain die, else
                uniform = len(single) == span + 1 and len(set(single.weights)) == 1
                terms = 1 if uniform else min(len(single), 48)  # Miller's: a term per face
                outcomes = count * span + 1
                work = outcomes * (8 + count * bits / 400) * terms
            else:  # repeated squaring with sums pair by pair
                outcomes = _distinct_sums(count, len(single), span)
                work = 20 * outcomes**2 * (1 + count * bits / 512)
            self.check_size(outcomes, count * bits, term, work=work)
            return count @ single
        # a mixture of n @ X for every n: Fractions of n * bits bits, added and reduced
        work = sum(500 + n * span * (1 + n * bits / 64) ** 2 for n in count.outcomes)
        self.check_work(2 * work, term)
        return count @ single
