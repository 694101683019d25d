"""Hypothesis strategies shared by the test modules, and tiny reference implementations.

The references are deliberately naive loops over Python numbers, so that no code path of the
library (or of numpy) is shared with what they check.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

import discreteconv as dc

#: Values at the edges of fixed-width integer types, where int64 code paths break first.
EDGE_INTS = (
    0,
    1,
    -1,
    2**31 - 1,
    -(2**31),
    2**52 + 1,
    2**53 + 1,
    2**62 - 1,
    -(2**62) + 1,
    2**62,
    2**63 - 1,
    -(2**63),
    2**63,
    2**64 - 1,
    2**64,
    -(2**64) - 1,
    2**65 + 3,
    -(2**200) + 7,
)

small_ints = st.integers(min_value=-50, max_value=50)

#: Any integer: mostly small, some 20-, 62- and 64-bit ones, some far past 2**64, edge values.
big_ints = st.one_of(
    small_ints,
    st.integers(min_value=-(2**20), max_value=2**20),
    st.integers(min_value=-(2**62), max_value=2**62),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.integers(min_value=-(2**200), max_value=2**200),
    st.sampled_from(EDGE_INTS),
)

#: Integers that fit in int64 (numpy keeps such lists as int64 arrays), edges included.
int64s = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([v for v in EDGE_INTS if -(2**63) <= v < 2**63]),
)

fractions = st.fractions(min_value=-100, max_value=100, max_denominator=60)

#: Bounded, finite floats (no subnormals), so float results can be compared with a tolerance.
floats = st.floats(
    min_value=-1000.0,
    max_value=1000.0,
    allow_nan=False,
    allow_infinity=False,
    allow_subnormal=False,
)

complexes = st.builds(complex, floats, floats)


def lists_of(
    elements: st.SearchStrategy, min_size: int = 1, max_size: int = 12
) -> st.SearchStrategy:
    """Non-empty lists of ``elements``."""
    return st.lists(elements, min_size=min_size, max_size=max_size)


small_int_lists = lists_of(small_ints)
int_lists = lists_of(big_ints)
int64_lists = lists_of(int64s, max_size=6)
fraction_lists = lists_of(fractions, max_size=8)
float_lists = lists_of(floats)
complex_lists = lists_of(complexes, max_size=8)


@st.composite
def int_arrays_2d(
    draw: st.DrawFn, max_rows: int = 4, max_cols: int = 4, elements: st.SearchStrategy = small_ints
) -> list[list[int]]:
    """Small rectangular 2-D int arrays as nested lists."""
    rows = draw(st.integers(min_value=1, max_value=max_rows))
    cols = draw(st.integers(min_value=1, max_value=max_cols))
    return [draw(st.lists(elements, min_size=cols, max_size=cols)) for _ in range(rows)]


@st.composite
def signals(
    draw: st.DrawFn, elements: st.SearchStrategy = small_ints, max_size: int = 8
) -> dc.Signal:
    """Signals of small ints starting anywhere in -20 .. 20."""
    values = draw(lists_of(elements, max_size=max_size))
    start = draw(st.integers(min_value=-20, max_value=20))
    return dc.Signal(values, start)


# -- references -----------------------------------------------------------------------------------


def reference_convolve(a: list, b: list) -> list:
    """Full 1-D convolution by the definition, in the entries' own arithmetic."""
    out = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += x * y
    return out


def reference_correlate(a: list, b: list) -> list:
    """Full 1-D cross-correlation ``r[n] = sum_k a[k + n] conj(b[k])``, lags ``1 - len(b) ..``."""
    lags = range(1 - len(b), len(a))
    out = []
    for lag in lags:
        total = 0
        for k, y in enumerate(b):
            if 0 <= k + lag < len(a):
                total += a[k + lag] * (y.conjugate() if isinstance(y, complex) else y)
        out.append(total)
    return out


def reference_circular(a: list, b: list, period: int) -> list:
    """Circular convolution by the definition: products land at ``(i + j) mod period``."""
    out = [0] * period
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[(i + j) % period] += x * y
    return out


def reference_convolve_2d(a: list[list], b: list[list]) -> list[list]:
    """Full 2-D convolution by the definition."""
    rows = len(a) + len(b) - 1
    cols = len(a[0]) + len(b[0]) - 1
    out = [[0] * cols for _ in range(rows)]
    for i, row in enumerate(a):
        for j, x in enumerate(row):
            for k, brow in enumerate(b):
                for m, y in enumerate(brow):
                    out[i + k][j + m] += x * y
    return out


def as_fraction_list(values: list) -> list[Fraction]:
    """Every entry as a Fraction (for comparing exact results of either kind)."""
    return [Fraction(v) for v in values]


# -- distributions (the probability engine) -------------------------------------------------------


@st.composite
def integer_distributions(
    draw: st.DrawFn, max_outcomes: int = 6, low: int = -6, high: int = 6, max_weight: int = 5
) -> dc.Distribution:
    """Small distributions over distinct integer outcomes in ``low .. high``, weights 1..max."""
    outcomes = draw(
        st.lists(st.integers(min_value=low, max_value=high), min_size=1,
                 max_size=max_outcomes, unique=True)
    )
    weights = draw(
        st.lists(st.integers(min_value=1, max_value=max_weight), min_size=len(outcomes),
                 max_size=len(outcomes))
    )
    return dc.Distribution(dict(zip(outcomes, weights, strict=True)))


#: Distributions with up to 12 outcomes: sums of two of them may take the convolution path.
wide_integer_distributions = integer_distributions(max_outcomes=12, low=-15, high=15)

#: Outcomes that are Fractions (halves, thirds, ...), which never take the integer fast paths.
fraction_distributions = st.builds(
    lambda pairs: dc.Distribution(dict(pairs)),
    st.dictionaries(
        st.fractions(min_value=-5, max_value=5, max_denominator=4),
        st.integers(min_value=1, max_value=4),
        min_size=1,
        max_size=4,
    ),
)

#: Either kind.
small_distributions = st.one_of(integer_distributions(), fraction_distributions)


def reference_combine(x: dc.Distribution, y: dc.Distribution, op) -> dict:
    """``{outcome: probability}`` of ``op(X, Y)`` for independent X, Y, by listing all pairs."""
    out: dict = {}
    for a, p in x.pmf().items():
        for b, q in y.pmf().items():
            key = op(a, b)
            out[key] = out.get(key, 0) + p * q
    return {k: Fraction(v) for k, v in out.items() if v}


def reference_repeat_sum(x: dc.Distribution, n: int) -> dict:
    """``{outcome: probability}`` of the sum of ``n`` copies of X, one pair list at a time."""
    out: dict = {0: Fraction(1)}
    for _ in range(n):
        step: dict = {}
        for a, p in out.items():
            for b, q in x.pmf().items():
                step[a + b] = step.get(a + b, 0) + p * q
        out = step
    return out


# -- expressions written as text, with their meaning ------------------------------------------
#: Precedence levels of a written expression (higher binds tighter).
SUM, PRODUCT, UNARY, POWER, ATOM = range(1, 6)
#: A written expression: its text, its meaning (a SymPy expression), its precedence, and
#: whether it can follow a product without ``*`` (a name, a call, a parenthesis).
Built = tuple[str, Any, int, bool]


def _wrap(item: Built, level: int) -> str:
    return item[0] if item[2] >= level else f"({item[0]})"


def _number_text(numerator: int, places: int) -> Built:
    import sympy

    if places == 0:
        return str(numerator), sympy.Integer(numerator), ATOM, False
    whole, part = divmod(numerator, 10**places)
    return (f"{whole}.{part:0{places}d}", sympy.Rational(numerator, 10**places), ATOM, False)


def expression_texts(names: Sequence[tuple[str, Any]], divisors: Sequence[tuple[str, Any]],
                     functions: Sequence[tuple[str, Any]] = (), space_after_digit: bool = False,
                     max_leaves: int = 8) -> st.SearchStrategy[Built]:
    """Random expression trees written as text (``+ - * / ^ **``, implicit products, unary
    minus, calls of ``functions``, random spacing) next to the SymPy expression they mean.

    ``names``: (text, meaning) of the leaves other than numbers; ``divisors``: what ``/`` may
    divide by; ``space_after_digit``: write ``2 e`` rather than ``2e`` in implicit products
    (where ``2e`` would read as a number).
    """
    leaves = st.one_of(
        st.builds(_number_text, st.integers(0, 30), st.just(0)),
        st.builds(_number_text, st.integers(0, 999), st.integers(1, 3)),
        st.sampled_from([(text, meaning, ATOM, True) for text, meaning in names]),
    )
    spaces = st.sampled_from(["", " ", "  ", "\t"])
    kinds = ["+", "-", "*", "implicit", "/", "^", "neg"] + (["call"] if functions else [])

    @st.composite
    def combined(draw: st.DrawFn, children: st.SearchStrategy[Built]) -> Built:
        kind = draw(st.sampled_from(kinds))
        left = draw(children)
        before, after = draw(spaces), draw(spaces)
        if kind in ("+", "-"):
            right = draw(children)
            meaning = left[1] + right[1] if kind == "+" else left[1] - right[1]
            return f"{left[0]}{before}{kind}{after}{_wrap(right, PRODUCT)}", meaning, SUM, False
        if kind == "*":
            right = draw(children)
            text = f"{_wrap(left, PRODUCT)}{before}*{after}{_wrap(right, UNARY)}"
            return text, left[1] * right[1], PRODUCT, False
        if kind == "implicit":
            right = draw(children)
            head, tail = _wrap(left, PRODUCT), right[0] if right[3] else f"({right[0]})"
            joined = head[-1].isalnum() if space_after_digit else head[-1].isalpha()
            gap = " " if joined and (space_after_digit or tail[0].isalpha()) else before
            return f"{head}{gap}{tail}", left[1] * right[1], PRODUCT, False
        if kind == "/":
            text, divisor = draw(st.sampled_from(divisors))
            return (f"{_wrap(left, PRODUCT)}{before}/{after}{text}", left[1] / divisor,
                    PRODUCT, False)
        if kind == "^":
            exponent = draw(st.integers(0, 3))
            operator = draw(st.sampled_from(["^", "**"]))
            text = f"{_wrap(left, ATOM)}{before}{operator}{after}{exponent}"
            return text, left[1] ** exponent, POWER, left[3] or left[2] < ATOM
        if kind == "call":
            name, function = draw(st.sampled_from(functions))
            gap = draw(st.sampled_from(["", " "]))
            return f"{name}{gap}({left[0]})", function(left[1]), ATOM, True
        return f"-{before}{_wrap(left, UNARY)}", -left[1], UNARY, False

    return st.recursive(leaves, combined, max_leaves=max_leaves)
