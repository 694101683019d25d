"""Arithmetic on independent random variables: every operator goes through :func:`combine`.

Sums of integer distributions are convolutions of their count sequences and go to the exact
convolution core; ``n @ X`` uses the power recurrences of :mod:`.power`; everything else is the
generic product over pairs of outcomes.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

from .. import _validate
from ..errors import InvalidEntryError, InvalidOptionError, TooLargeError
from .distribution import Distribution, _as_weight, _check_outcome
from .power import power

__all__ = ["combine", "maximum", "minimum", "mixture", "repeat_sum"]

#: Sums whose result would have more outcomes than this are refused before any work.
MAX_OUTCOMES = 50_000_000


def _either_truncated(x: Distribution, y: Distribution) -> Fraction | int:
    if not (x.truncated or y.truncated):
        return 0
    return 1 - (1 - Fraction(x.truncated)) * (1 - Fraction(y.truncated))


def _true_division(a: Any, b: Any) -> Any:
    if b == 0:
        raise InvalidOptionError("division by zero in a distribution's outcomes")
    return Fraction(a) / b if isinstance(a, int) and isinstance(b, int) else a / b


def _floor_division(a: Any, b: Any) -> Any:
    if b == 0:
        raise InvalidOptionError("division by zero in a distribution's outcomes")
    return a // b


def _modulo(a: Any, b: Any) -> Any:
    if b == 0:
        raise InvalidOptionError("modulo by zero in a distribution's outcomes")
    return a % b


def _power(a: Any, b: Any) -> Any:
    if isinstance(b, int) and b < 0:
        if a == 0:
            raise InvalidOptionError("0 raised to a negative power in a distribution's outcomes")
        return Fraction(a) ** b  # stays exact
    if isinstance(b, Fraction) and b.denominator != 1:
        raise InvalidOptionError(f"a fractional power ({b}) would make outcomes inexact")
    return a**b


def _convolve_counts(x: Distribution, y: Distribution) -> Distribution:
    from ..core import Signal, convolve

    x_start, x_counts = x.dense()
    y_start, y_counts = y.dense()
    _check_size(len(x_counts) + len(y_counts) - 1, "this sum")
    total = convolve(Signal(x_counts, x_start), Signal(y_counts, y_start))
    return Distribution.from_counts(total.values, total.start, _either_truncated(x, y))


def _check_size(outcomes: int, what: str) -> None:
    if outcomes > MAX_OUTCOMES:
        raise TooLargeError(
            f"{what} would have about {outcomes:,} outcomes, more than the {MAX_OUTCOMES:,} "
            "allowed; refused before computing"
        )


def combine(x: Distribution, y: Distribution, op: Callable[[Any, Any], Any]) -> Distribution:
    """The distribution of ``op(X, Y)`` for independent ``X`` and ``Y``.

    Examples
    --------
    >>> import discreteconv as dc
    >>> combine(dc.die(2), dc.die(2), max).pmf()
    {1: Fraction(1, 4), 2: Fraction(3, 4)}
    """
    if op in (operator.add, operator.sub) and len(x) * len(y) > 64 and x.is_dense() \
            and y.is_dense():
        return _convolve_counts(x, y if op is operator.add else -y)
    if op in _ORDERINGS:
        return _compare(x, y, op)
    _check_size(len(x) * len(y), "this combination")
    merged: dict[Any, int] = {}
    for a, wa in zip(x.outcomes, x.weights, strict=True):
        for b, wb in zip(y.outcomes, y.weights, strict=True):
            key = _check_outcome(op(a, b))
            merged[key] = merged.get(key, 0) + wa * wb
    result = Distribution.__new__(Distribution)
    result._set_weights(merged, _either_truncated(x, y))
    return result


def _compare(x: Distribution, y: Distribution, op: Callable[[Any, Any], bool]) -> Distribution:
    """``P(X < Y)`` and friends in one merge pass over cumulative counts of ``Y``."""
    below = 0  # weight of Y's outcomes < current x (or <= for the non-strict comparisons)
    strict = op in (operator.gt, operator.le)  # X > Y counts y < x; X <= Y is its complement
    ys = list(zip(y.outcomes, y.weights, strict=True))
    position = 0
    hits = 0  # ways in which "X > Y" (or "X >= Y") holds
    for outcome, weight in zip(x.outcomes, x.weights, strict=True):
        while position < len(ys) and (ys[position][0] < outcome if strict
                                      else ys[position][0] <= outcome):
            below += ys[position][1]
            position += 1
        hits += weight * below
    total = x.total * y.total
    # hits counts X > Y (strict) or X >= Y; lt / le are their complements.
    true_ways = hits if op in (operator.gt, operator.ge) else total - hits
    merged = {False: total - true_ways, True: true_ways}
    result = Distribution.__new__(Distribution)
    result._set_weights(merged, _either_truncated(x, y))
    return result


def _operand(value: Any) -> Distribution | None:
    if isinstance(value, Distribution):
        return value
    if isinstance(value, bool | int | Fraction) or hasattr(value, "__index__"):
        return Distribution.constant(value)
    return None


def _binary_method(op: Callable[[Any, Any], Any], reflected: bool) -> Callable[..., Any]:
    def method(self: Distribution, other: Any) -> Any:
        operand = _operand(other)
        if operand is None:
            return NotImplemented
        return combine(operand, self, op) if reflected else combine(self, operand, op)

    method.__name__ = f"__{'r' if reflected else ''}{op.__name__.strip('_')}__"
    method.__doc__ = f"Distribution of ``{op.__name__}`` applied to independent operands."
    return method


def _scale_method(op: Callable[[Any, Any], Any], reflected: bool) -> Callable[..., Any]:
    """``2 * X`` scales outcomes; ``X * Y`` multiplies independent variables."""

    def method(self: Distribution, other: Any) -> Any:
        if isinstance(other, Distribution):
            return combine(other, self, op) if reflected else combine(self, other, op)
        if _operand(other) is None:
            return NotImplemented
        value = _check_outcome(other)
        return self.map(lambda v: op(value, v) if reflected else op(v, value))

    method.__name__ = f"__{'r' if reflected else ''}{op.__name__.strip('_')}__"
    return method


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "truediv": _true_division,
    "floordiv": _floor_division,
    "mod": _modulo,
    "pow": _power,
}
_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
}
_ORDERINGS = tuple(_COMPARISONS.values())

for _name, _op in _OPERATORS.items():
    _maker = _scale_method if _name in ("mul", "truediv", "floordiv", "mod", "pow") \
        else _binary_method
    setattr(Distribution, f"__{_name}__", _maker(_op, reflected=False))
    setattr(Distribution, f"__r{_name}__", _maker(_op, reflected=True))
for _name, _op in _COMPARISONS.items():
    setattr(Distribution, f"__{_name}__", _binary_method(_op, reflected=False))


def _equals(self: Distribution, other: Any) -> Distribution:
    """Bernoulli distribution of ``X == other`` (``==`` itself compares distributions)."""
    operand = _operand(other)
    if operand is None:
        raise InvalidEntryError(f"cannot compare a Distribution with {other!r}")
    return combine(self, operand, operator.eq)


def _not_equals(self: Distribution, other: Any) -> Distribution:
    """Bernoulli distribution of ``X != other``."""
    operand = _operand(other)
    if operand is None:
        raise InvalidEntryError(f"cannot compare a Distribution with {other!r}")
    return combine(self, operand, operator.ne)


Distribution.equals = _equals  # type: ignore[attr-defined]
Distribution.not_equals = _not_equals  # type: ignore[attr-defined]


def repeat_sum(count: Any, x: Distribution) -> Distribution:
    """``count @ X``: the sum of ``count`` independent copies of ``X``.

    Integer outcomes use the power recurrences (never ``count`` sequential convolutions);
    other outcomes repeated squaring.

    Examples
    --------
    >>> import discreteconv as dc
    >>> (3 @ dc.die(6)).probability(10)
    Fraction(1, 8)
    """
    n = _validate.integer("the number of copies", count, 0)
    if n == 0:
        return Distribution.constant(0)
    if x.is_dense():
        start, counts = x.dense()
        span = (len(counts) - 1) * n + 1
        _check_size(span, f"{n} @ (a distribution over {len(counts)} values)")
        bits = n * math.log2(max(x.total, 2))
        _validate.check_memory(span * (bits / 8 + 32), f"{n} @ X")
        return Distribution.from_counts(power(counts, n), start * n, x.truncated and
                                        1 - (1 - Fraction(x.truncated)) ** n)
    result, base = None, x
    while n:
        if n & 1:
            result = base if result is None else result + base
        n >>= 1
        if n:
            base = base + base
    assert result is not None
    return result


def random_count_sum(counts: Distribution, x: Distribution) -> Distribution:
    """``N @ X`` for a random count ``N``: the mixture of ``n @ X`` weighted by ``P(N = n)``."""
    if not counts.is_integer() or counts.outcomes[0] < 0:
        raise InvalidOptionError("the number of copies must take non-negative integer values")
    return mixture([repeat_sum(n, x) for n in counts.outcomes], counts.weights)


def mixture(distributions: Sequence[Distribution], weights: Iterable[Any] | None = None
            ) -> Distribution:
    """A mixture: pick one of ``distributions`` (with the given weights), then sample it.

    Examples
    --------
    >>> import discreteconv as dc
    >>> mixture([dc.die(4), dc.die(6)]).probability(6)
    Fraction(1, 12)
    """
    items = list(distributions)
    if not items:
        raise InvalidOptionError("a mixture needs at least one distribution")
    chances = [1] * len(items) if weights is None else list(weights)
    if len(chances) != len(items):
        raise InvalidOptionError(
            f"{len(items)} distributions but {len(chances)} weights"
        )
    chances = [Fraction(_as_weight(c, f"mixture component {i}"))
               for i, c in enumerate(chances)]
    whole = sum(chances)
    if whole == 0:
        raise InvalidOptionError("the mixture weights are all zero")
    merged: dict[Any, Fraction] = {}
    truncated: Fraction = Fraction(0)
    for dist, chance in zip(items, chances, strict=True):
        truncated += chance / whole * Fraction(dist.truncated)
        for outcome, weight in zip(dist.outcomes, dist.weights, strict=True):
            merged[outcome] = merged.get(outcome, 0) + chance * Fraction(weight, dist.total)
    result = Distribution.__new__(Distribution)
    result._set_weights(merged, truncated)
    return result


def _extreme(distributions: Sequence[Any], highest: bool) -> Distribution:
    """Max (or min) of independent variables from products of integer tail counts.

    ``P(max <= v) * prod T_i = prod (ways X_i <= v)``: integers, one pass over the outcomes.
    """
    items = [d if isinstance(d, Distribution) else Distribution.constant(d)
             for d in distributions]
    if not items:
        raise InvalidOptionError("maximum/minimum needs at least one distribution")
    outcomes = sorted({o for d in items for o in d.outcomes}, reverse=not highest)
    # For each distribution: its (outcome, weight) pairs from the near end, and a running count.
    pending = [list(zip(d.outcomes, d.weights, strict=True)) for d in items]
    if not highest:
        for pairs in pending:
            pairs.reverse()
    positions = [0] * len(items)
    running = [0] * len(items)
    weights: list[int] = []
    previous = 0
    for value in outcomes:
        for index, pairs in enumerate(pending):
            position = positions[index]
            while position < len(pairs) and (
                pairs[position][0] <= value if highest else pairs[position][0] >= value
            ):
                running[index] += pairs[position][1]
                position += 1
            positions[index] = position
        cumulative = math.prod(running)
        weights.append(cumulative - previous)
        previous = cumulative
    if not highest:
        outcomes.reverse()
        weights.reverse()
    kept = [(o, w) for o, w in zip(outcomes, weights, strict=True) if w]
    truncated = (1 - math.prod(1 - Fraction(d.truncated) for d in items)
                 if any(d.truncated for d in items) else 0)
    return Distribution._from_sorted(tuple(o for o, _ in kept), tuple(w for _, w in kept),
                                     truncated)


def maximum(*distributions: Any) -> Distribution:
    """The distribution of the largest of independent variables (numbers count as constants).

    Examples
    --------
    >>> import discreteconv as dc
    >>> maximum(dc.die(20), dc.die(20)).mean()  # advantage
    Fraction(553, 40)
    """
    return _extreme(distributions, highest=True)


def minimum(*distributions: Any) -> Distribution:
    """The distribution of the smallest of independent variables."""
    return _extreme(distributions, highest=False)
