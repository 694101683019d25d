"""``Distribution``: a finite discrete distribution with exact probabilities."""

from __future__ import annotations

import bisect
import math
import operator
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any

from .. import _validate
from ..errors import EmptyInputError, InvalidEntryError, InvalidOptionError
from . import stats
from ._ratios import Ratios

__all__ = ["Distribution"]

Outcome = Any  # int, bool, Fraction (or another exact number)


def _fractions(numerators: Iterable[int], denominator: int) -> list[Fraction]:
    """``[Fraction(n, denominator) for n in numerators]``, fast for huge smooth denominators."""
    if denominator.bit_length() < 512:
        return [Fraction(n, denominator) for n in numerators]
    ratios = Ratios(denominator)
    return [ratios.fraction(n) for n in numerators]


def _check_outcome(value: Any) -> Any:
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else value  # 6/2 is the outcome 3
    if isinstance(value, bool | int):
        return value
    if hasattr(value, "__index__"):  # numpy ints
        return value.__index__()
    if type(value).__module__.startswith("sympy") and getattr(value, "is_Rational", False):
        return int(value.p) if value.q == 1 else Fraction(int(value.p), int(value.q))
    raise InvalidEntryError(
        f"outcome {value!r} is not an exact number (int, bool or Fraction); "
        "floats would make the probabilities inexact — use fractions.Fraction"
    )


def _as_weight(value: Any, outcome: Any) -> Fraction | int:
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        if hasattr(value, "__index__"):
            value = value.__index__()
        elif type(value).__module__.startswith("sympy") and getattr(value, "is_Rational", False):
            value = Fraction(int(value.p), int(value.q))
        else:
            raise InvalidEntryError(
                f"the weight of outcome {outcome!r} is {value!r}; weights must be ints or "
                "Fractions (exact), not floats"
            )
    if value < 0:
        raise InvalidEntryError(f"the weight of outcome {outcome!r} is negative ({value})")
    return value


class Distribution:
    """A finite discrete distribution with exact probabilities.

    Outcomes are exact numbers (ints, bools, Fractions); each has a positive integer weight,
    and its probability is ``weight / total``. Distributions are immutable and hashable, and two
    are equal when they give every outcome the same probability.

    Arithmetic treats operands as independent: ``X + Y`` is the distribution of the sum (a
    convolution), ``n @ X`` the sum of ``n`` independent copies, ``X + 3`` and ``2 * X`` shift
    and scale the outcomes, and ``X > Y`` or ``X >= 10`` give a Bernoulli distribution over
    ``False``/``True``.

    Parameters
    ----------
    weights : mapping
        ``{outcome: weight}``; weights are non-negative ints or Fractions (probabilities are
        fine too) and are normalised. Outcomes with weight 0 are dropped.

    Examples
    --------
    >>> import discreteconv as dc
    >>> d6 = dc.die(6)
    >>> two = d6 + d6
    >>> two.probability(7)
    Fraction(1, 6)
    >>> (3 @ d6).mean(), (3 @ d6).variance()
    (Fraction(21, 2), Fraction(35, 4))
    >>> (d6 > 4).probability(True)
    Fraction(1, 3)
    >>> coin = dc.Distribution({"heads": 1, "tails": 1})
    Traceback (most recent call last):
    ...
    discreteconv.errors.InvalidEntryError: outcome 'heads' is not an exact number ...
    """

    __slots__ = ("_hash", "_outcomes", "_pmf", "_total", "_truncated", "_weights")

    def __init__(self, weights: Mapping[Outcome, Any] | Distribution) -> None:
        if isinstance(weights, Distribution):
            self._set(weights._outcomes, weights._weights, weights._truncated)
            return
        if not isinstance(weights, Mapping):
            raise InvalidEntryError(
                f"Distribution takes a mapping {{outcome: weight}}; received "
                f"{type(weights).__name__} (use Distribution.from_faces for a list of faces)"
            )
        merged: dict[Outcome, Fraction | int] = {}
        for outcome, weight in weights.items():
            key = _check_outcome(outcome)
            merged[key] = merged.get(key, 0) + _as_weight(weight, outcome)
        self._set_weights(merged)

    # -- construction -----------------------------------------------------------------------
    def _set(self, outcomes: tuple, weights: tuple, truncated: Fraction | int = 0) -> None:
        self._outcomes = outcomes
        self._weights = weights
        self._total = sum(weights)
        self._truncated = truncated
        self._pmf: dict | None = None
        self._hash: int | None = None

    def _set_weights(self, merged: Mapping[Outcome, Fraction | int],
                     truncated: Fraction | int = 0) -> None:
        items = sorted((o, w) for o, w in merged.items() if w)
        if not items:
            raise EmptyInputError("a Distribution needs at least one outcome with weight > 0")
        denominators = [w.denominator for _, w in items if isinstance(w, Fraction)]
        scale = math.lcm(*denominators) if denominators else 1
        ints = [int(w * scale) for _, w in items]
        common = math.gcd(*ints)
        self._set(tuple(o for o, _ in items), tuple(w // common for w in ints), truncated)

    @classmethod
    def _from_sorted(cls, outcomes: tuple, weights: tuple, truncated: Fraction | int = 0
                     ) -> Distribution:
        """Trusted constructor: sorted distinct outcomes, positive int weights."""
        new = cls.__new__(cls)
        new._set(outcomes, weights, truncated)
        return new

    @classmethod
    def from_counts(cls, counts: Iterable[int], start: int = 0,
                    truncated: Fraction | int = 0) -> Distribution:
        """Integer outcomes ``start, start + 1, ...`` with the given counts (zeros allowed).

        Examples
        --------
        >>> Distribution.from_counts([1, 2, 1], start=2).pmf()
        {2: Fraction(1, 4), 3: Fraction(1, 2), 4: Fraction(1, 4)}
        """
        outcomes, weights = [], []
        for offset, count in enumerate(counts):
            if count:
                if isinstance(count, bool) or not isinstance(count, int):
                    if not hasattr(count, "__index__"):
                        raise InvalidEntryError(
                            f"count for outcome {start + offset} is {count!r}; counts are ints"
                        )
                    count = count.__index__()
                if count < 0:
                    raise InvalidEntryError(f"count for outcome {start + offset} is negative")
                outcomes.append(start + offset)
                weights.append(count)
        if not outcomes:
            raise EmptyInputError("a Distribution needs at least one outcome with weight > 0")
        return cls._from_sorted(tuple(outcomes), tuple(weights), truncated)

    @classmethod
    def from_faces(cls, faces: Iterable[Outcome]) -> Distribution:
        """Equally likely faces (repeats count twice): ``from_faces([1, 2, 2, 3])``.

        Examples
        --------
        >>> Distribution.from_faces([1, 2, 2, 3]).probability(2)
        Fraction(1, 2)
        """
        counts: dict[Outcome, int] = {}
        for face in faces:
            key = _check_outcome(face)
            counts[key] = counts.get(key, 0) + 1
        if not counts:
            raise EmptyInputError("a die needs at least one face")
        return cls(counts)

    @classmethod
    def constant(cls, value: Outcome) -> Distribution:
        """The distribution that is ``value`` with probability 1."""
        return cls._from_sorted((_check_outcome(value),), (1,))

    # -- the exact contents -------------------------------------------------------------------
    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """The outcomes with positive probability, in increasing order."""
        return self._outcomes

    @property
    def weights(self) -> tuple[int, ...]:
        """Integer weights of :attr:`outcomes` (probabilities times :attr:`total`)."""
        return self._weights

    @property
    def total(self) -> int:
        """The sum of the weights: for ``n`` dice of ``s`` sides, ``s**n``."""
        return self._total

    @property
    def truncated(self) -> Fraction | int:
        """The probability that a depth limit cut a roll short (exploding dice); 0 normally.

        A chain of explosions that reaches the limit stops there and its last roll counts as
        rolled, so the distribution still sums to 1; this is how likely that was to happen.
        """
        return self._truncated

    def support(self) -> tuple[Outcome, ...]:
        """The outcomes with positive probability (same as :attr:`outcomes`)."""
        return self._outcomes

    def pmf(self) -> dict[Outcome, Fraction]:
        """``{outcome: probability}`` as Fractions, sorted by outcome.

        Examples
        --------
        >>> import discreteconv as dc
        >>> dc.die(4).pmf()
        {1: Fraction(1, 4), 2: Fraction(1, 4), 3: Fraction(1, 4), 4: Fraction(1, 4)}
        """
        if self._pmf is None:
            self._pmf = dict(zip(self._outcomes, _fractions(self._weights, self._total),
                                 strict=True))
        return dict(self._pmf)

    def is_integer(self) -> bool:
        """True if every outcome is an int (so sums can use the convolution core)."""
        return all(type(o) is int for o in self._outcomes)

    def is_dense(self) -> bool:
        """True for int outcomes that fill most of their range (worth a dense count list)."""
        return self.is_integer() and (
            self._outcomes[-1] - self._outcomes[0] < 4 * len(self._outcomes) + 64
        )

    def dense(self) -> tuple[int, list[int]]:
        """``(start, counts)`` over consecutive integer outcomes, zeros filled in."""
        if not self.is_integer():
            raise InvalidOptionError("dense() needs integer outcomes")
        start = self._outcomes[0]
        counts = [0] * (self._outcomes[-1] - start + 1)
        for outcome, weight in zip(self._outcomes, self._weights, strict=True):
            counts[outcome - start] = weight
        return start, counts

    # -- probabilities of events ---------------------------------------------------------------
    def probability(self, outcome: Outcome) -> Fraction:
        """``P(X == outcome)``."""
        index = bisect.bisect_left(self._outcomes, outcome)
        if index < len(self._outcomes) and self._outcomes[index] == outcome:
            return Fraction(self._weights[index], self._total)
        return Fraction(0)

    def probability_between(self, low: Outcome, high: Outcome) -> Fraction:
        """``P(low <= X <= high)``."""
        first = bisect.bisect_left(self._outcomes, low)
        last = bisect.bisect_right(self._outcomes, high)
        return Fraction(sum(self._weights[first:last]), self._total)

    def probability_where(self, predicate: Callable[[Outcome], bool]) -> Fraction:
        """``P(predicate(X))``."""
        hits = sum(w for o, w in zip(self._outcomes, self._weights, strict=True) if predicate(o))
        return Fraction(hits, self._total)

    def cdf(self, x: Outcome) -> Fraction:
        """``P(X <= x)``: the chance of rolling at most ``x``."""
        return Fraction(sum(self._weights[: bisect.bisect_right(self._outcomes, x)]), self._total)

    def sf(self, x: Outcome) -> Fraction:
        """``P(X > x)``, the survival function (``1 - cdf(x)``)."""
        return Fraction(sum(self._weights[bisect.bisect_right(self._outcomes, x):]), self._total)

    def at_most(self, x: Outcome) -> Fraction:
        """``P(X <= x)`` (same as :meth:`cdf`)."""
        return self.cdf(x)

    def at_least(self, x: Outcome) -> Fraction:
        """``P(X >= x)``: the chance of rolling ``x`` or more."""
        return Fraction(sum(self._weights[bisect.bisect_left(self._outcomes, x):]), self._total)

    def cdf_table(self) -> dict[Outcome, Fraction]:
        """``{x: P(X <= x)}`` for every outcome ("at most" table)."""
        running, table = 0, {}
        for outcome, weight in zip(self._outcomes, self._weights, strict=True):
            running += weight
            table[outcome] = Fraction(running, self._total)
        return table

    def at_least_table(self) -> dict[Outcome, Fraction]:
        """``{x: P(X >= x)}`` for every outcome ("at least" table)."""
        running, table = 0, {}
        for outcome, weight in zip(reversed(self._outcomes), reversed(self._weights),
                                   strict=True):
            running += weight
            table[outcome] = Fraction(running, self._total)
        return dict(reversed(table.items()))

    # -- statistics (see stats.py) --------------------------------------------------------------
    mean = stats.mean
    variance = stats.variance
    standard_deviation = stats.standard_deviation
    std = stats.standard_deviation
    skewness = stats.skewness
    kurtosis = stats.kurtosis
    quantile = stats.quantile
    median = stats.median
    mode = stats.mode
    entropy = stats.entropy
    moment = stats.moment

    # -- transformations -----------------------------------------------------------------------
    def map(self, function: Callable[[Outcome], Outcome]) -> Distribution:
        """The distribution of ``function(X)``.

        Examples
        --------
        >>> import discreteconv as dc
        >>> dc.die(6).map(lambda v: v % 2).pmf()
        {0: Fraction(1, 2), 1: Fraction(1, 2)}
        """
        merged: dict[Outcome, int] = {}
        for outcome, weight in zip(self._outcomes, self._weights, strict=True):
            key = _check_outcome(function(outcome))
            merged[key] = merged.get(key, 0) + weight
        new = Distribution.__new__(Distribution)
        new._set_weights(merged, self._truncated)
        return new

    def given(self, predicate: Callable[[Outcome], bool]) -> Distribution:
        """The distribution of ``X`` conditioned on ``predicate(X)`` being true.

        Examples
        --------
        >>> import discreteconv as dc
        >>> dc.die(6).given(lambda v: v > 4).pmf()
        {5: Fraction(1, 2), 6: Fraction(1, 2)}
        """
        kept = [(o, w) for o, w in zip(self._outcomes, self._weights, strict=True)
                if predicate(o)]
        if not kept:
            raise InvalidOptionError("the condition has probability 0: nothing to condition on")
        return Distribution._from_sorted(tuple(o for o, _ in kept), tuple(w for _, w in kept),
                                         self._truncated)

    def sample(self, size: int | None = None, rng: Any = None) -> Any:
        """Draw independent samples (exactly, from the integer weights).

        Parameters
        ----------
        size : int, optional
            How many; None draws one and returns it as a scalar.
        rng : numpy.random.Generator or int, optional
            A generator or a seed (default: a fresh generator).

        Returns
        -------
        outcome or list of outcomes
        """
        import numpy as np

        generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        count = 1 if size is None else _validate.integer("size", size, 0)
        cumulative = list(_accumulate(self._weights))
        if self._total < 2**63:
            draws = generator.integers(0, self._total, size=count).tolist()
        else:  # huge totals: enough random 32-bit words per draw, then an exact range cut
            words = -(-self._total.bit_length() // 32) + 2
            raw = generator.integers(0, 2**32, size=(count, words), dtype=np.uint64).tolist()
            draws = [int.from_bytes(b"".join(int(w).to_bytes(4, "little") for w in row),
                                    "little") % self._total for row in raw]
        picked = [self._outcomes[bisect.bisect_right(cumulative, d)] for d in draws]
        return picked[0] if size is None else picked

    # -- arithmetic on independent variables (see _arithmetic.py) -------------------------------
    def __rmatmul__(self, count: Any) -> Distribution:
        from ._arithmetic import repeat_sum

        if isinstance(count, Distribution):
            return NotImplemented
        return repeat_sum(count, self)

    def __matmul__(self, other: Any) -> Distribution:
        from ._arithmetic import random_count_sum

        if isinstance(other, Distribution):
            return random_count_sum(self, other)
        return NotImplemented

    def __neg__(self) -> Distribution:
        return self.map(operator.neg)

    def __pos__(self) -> Distribution:
        return self

    def __abs__(self) -> Distribution:
        return self.map(abs)

    def __bool__(self) -> bool:
        raise TypeError(
            "a Distribution has no truth value; compare gives a Bernoulli distribution, so use "
            "(X > Y).probability(True), or X == Y to test whether two distributions are equal"
        )

    # -- value-object protocol -------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Distribution):
            return NotImplemented
        return (self._outcomes == other._outcomes
                and all(a * other._total == b * self._total
                        for a, b in zip(self._weights, other._weights, strict=True)))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        if self._hash is None:
            common = math.gcd(*self._weights)  # equal distributions, equal reduced weights
            self._hash = hash((self._outcomes, tuple(w // common for w in self._weights)))
        return self._hash

    def __len__(self) -> int:
        return len(self._outcomes)

    def __repr__(self) -> str:
        shown = ", ".join(f"{o!r}: {Fraction(w, self._total)}"
                          for o, w in list(zip(self._outcomes, self._weights, strict=True))[:8])
        more = f", ... ({len(self._outcomes)} outcomes)" if len(self._outcomes) > 8 else ""
        return f"Distribution({{{shown}{more}}})"

    def __str__(self) -> str:
        return self.to_text()

    # -- output (see render.py and plot.py) ------------------------------------------------------
    def to_text(self, bars: bool = True) -> str:
        """A table of outcomes, probabilities (fractions and percentages) and a bar chart."""
        from .render import text_table

        return text_table(self, bars=bars)

    def to_markdown(self) -> str:
        """A Markdown table of the distribution."""
        from .render import markdown_table

        return markdown_table(self)

    def to_csv(self) -> str:
        """CSV: ``outcome,probability,percent`` rows with exact ``p/q`` probabilities."""
        from .render import csv_table

        return csv_table(self)

    def to_json(self, expression: str | None = None) -> str:
        """JSON with ``outcomes``, ``probabilities`` (``"p/q"`` strings), ``mean``, ``variance``."""
        import json

        from .render import json_document

        return json.dumps(json_document(self, expression))

    def to_latex(self) -> str:
        """A LaTeX ``tabular`` of the distribution."""
        from .render import latex_table

        return latex_table(self)

    def plot(self, kind: str = "pmf", path: str | None = None, ax: Any = None,
             label: str | None = None) -> Any:
        """Draw the PMF (or ``kind='cdf'`` / ``'at_least'``) with matplotlib; optionally save."""
        from ..plot import plot_distributions

        return plot_distributions([self], labels=[label] if label else None, kind=kind,
                                  path=path, ax=ax)

    def _repr_html_(self) -> str:
        from .render import html_table

        return html_table(self)

    def _repr_png_(self) -> bytes:
        from ..plot import png_bytes

        return png_bytes(self)


def _accumulate(weights: Iterable[int]) -> Iterable[int]:
    running = 0
    for weight in weights:
        running += weight
        yield running
