"""Polynomial products, end to end: ``discreteconv.Polynomial`` against python-flint, SymPy and
numpy.

Every contender takes two Python lists of ``d + 1`` random signed 64-bit ints (the coefficients
of two degree-``d`` polynomials, lowest power first) and returns the ``2d + 1`` coefficients of
their product; conversions in and out are part of the time.

* ``discreteconv`` is ``(Polynomial(a) * Polynomial(b)).coefficients``: both polynomials built
  from the lists, multiplied, the coefficients read back (a tuple of Python ints);
* ``python-flint`` is ``[int(c) for c in (fmpz_poly(a) * fmpz_poly(b)).coeffs()]``, padded with
  any zeros FLINT trims: the yardstick every ratio is taken against;
* ``sympy Poly`` is ``Poly(a[::-1], x) * Poly(b[::-1], x)``, ``.all_coeffs()`` reversed and made
  Python ints (SymPy wants the highest power first);
* ``numpy polymul`` is ``numpy.polynomial.polynomial.polymul(a, b).tolist()``: float64, so it
  is fast but not exact; the table gives its largest error relative to the largest coefficient.

Each time is the best of ``k`` calls, repeating until ``--min-time`` seconds are spent or
``--max-repeats`` calls have run; the contenders take turns, one call each per round, the fast
ones after one untimed warm-up call (see ``_timing.race``). ``sympy Poly`` and ``numpy
polymul`` run only where their time, extrapolated as ``d**2`` from a smaller degree measured
(or probed) in this run, stays within ``--budget`` seconds; the cell then shows the estimate.
Every exact result is compared with the reference (python-flint, else ``sympy Poly``); a
mismatch is printed loudly and makes the exit status 1.

Usage::

    python benchmarks/poly.py                    # degrees 10**3, 10**4, 10**5 (about a minute)
    python benchmarks/poly.py --quick            # degree 10**3 only (seconds; no flint needed)
    python benchmarks/poly.py --degrees 1000,100000 --markdown
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import _report
import _timing
import numpy as np
import sympy

import discreteconv as dc

flint = _report.flint

DEFAULT_DEGREES = (10**3, 10**4, 10**5)
#: ``--quick`` keeps the degrees up to this one.
QUICK_MAX_DEGREE = 10**3
#: Seconds one call of an estimated contender may be expected to take (``--budget``).
DEFAULT_BUDGET = 60.0
QUICK_BUDGET = 2.0
#: Best of k calls, k growing until this many seconds are spent or this many calls have run:
#: more than exact.py's 0.5 s and 5 calls, since the target is one ratio close to 1.
DEFAULT_MIN_TIME = 1.5
DEFAULT_MAX_REPEATS = 9
#: Estimated contenders with no smaller measurement are probed at this degree first.
PROBE_DEGREE = 1000
#: Coefficients are signed 64-bit: ``-2**63 <= c < 2**63``.
BITS = 64

FLINT, DISCRETECONV, SYMPY, NUMPY = "python-flint", "discreteconv", "sympy Poly", "numpy polymul"
#: The issue's target: discreteconv's time over python-flint's at this degree.
TARGET_DEGREE, TARGET_RATIO = 10**5, 1.0

_X = sympy.Symbol("x")


# -- contenders --------------------------------------------------------------------------------
def _discreteconv(a: list[int], b: list[int]) -> tuple[int, ...]:
    return (dc.Polynomial(a) * dc.Polynomial(b)).coefficients


def _sympy(a: list[int], b: list[int]) -> list[int]:
    product = sympy.Poly(a[::-1], _X) * sympy.Poly(b[::-1], _X)
    return _report.padded([int(c) for c in reversed(product.all_coeffs())], len(a) + len(b) - 1)


def _numpy(a: list[int], b: list[int]) -> list[float]:
    return np.polynomial.polynomial.polymul(a, b).tolist()


@dataclass(frozen=True)
class Contender:
    """One column of the table.

    Attributes
    ----------
    name : str
        The column title.
    run : callable
        ``run(a, b)`` -> the product's coefficients, lowest power first.
    exact : bool
        False for float contenders: their results are measured for error, not checked.
    estimated : bool
        True for contenders that run only where their estimated time is within the budget.
    unavailable : str or None
        Why it cannot run on this machine, if it cannot.
    """

    name: str
    run: Callable[[list[int], list[int]], Sequence[Any]]
    exact: bool = True
    estimated: bool = False
    unavailable: str | None = None


def contenders() -> list[Contender]:
    """Every contender, in column order, the yardstick first."""
    no_flint = None if flint is not None else "python-flint is not installed"
    return [
        Contender(FLINT, _report.flint_product, unavailable=no_flint),
        Contender(DISCRETECONV, _discreteconv),
        Contender(SYMPY, _sympy, estimated=True),
        Contender(NUMPY, _numpy, exact=False, estimated=True),
    ]


# -- inputs ------------------------------------------------------------------------------------
def inputs(seed: int, degree: int) -> tuple[list[int], list[int]]:
    """Two lists of ``degree + 1`` signed 64-bit ints: the same every run for the same seed."""
    rng = random.Random(f"discreteconv-poly:{seed}:{degree}")
    low = -(2 ** (BITS - 1))

    def draw() -> list[int]:
        return [low + rng.getrandbits(BITS) for _ in range(degree + 1)]

    return draw(), draw()


# -- measuring ---------------------------------------------------------------------------------
@dataclass
class Row(_report.Measured):
    """What one degree measured."""

    yardstick = FLINT

    degree: int
    skipped: dict[str, str] = field(default_factory=dict)  # contender -> reason
    float_error: tuple[int, float] | None = None  # numpy's largest error: absolute, relative
    checked_against: str | None = None


def check(result: Any, reference: list[int] | None, size: int, reference_name: str) -> str | None:
    """What is wrong with an exact contender's result, or None."""
    if not isinstance(result, list | tuple):
        return f"returned a {type(result).__name__}, not a list or tuple"
    if len(result) != size:
        return f"returned {len(result)} coefficients, not {size}"
    odd_types = {type(v).__name__ for v in result} - {"int"}
    if odd_types:
        return f"returned coefficients of type {', '.join(sorted(odd_types))}, not Python int"
    if reference is not None and list(result) != reference:
        index = next(i for i, (x, y) in enumerate(zip(result, reference, strict=True)) if x != y)
        return f"differs from {reference_name} first at the coefficient of x^{index}"
    return None


def float_error(values: Sequence[float], exact: Sequence[int]) -> tuple[int, float]:
    """``max |value - exact|`` and that over ``max |exact|``, computed exactly (floats this
    large are whole numbers)."""
    largest = max(abs(c) for c in exact) or 1
    worst = 0
    for value, correct in zip(values, exact, strict=True):
        if value != value or value in (float("inf"), float("-inf")):
            return -1, float("inf")
        worst = max(worst, abs(int(value) - correct))
    return worst, worst / largest


class Bench:
    """Runs the contenders over the degrees and keeps what is needed for estimates."""

    def __init__(self, options: argparse.Namespace, listed: Sequence[Contender]) -> None:
        self.options = options
        self.contenders = list(listed)
        runnable = {c.name for c in listed if c.unavailable is None}
        self.reference = FLINT if FLINT in runnable else SYMPY
        self.history: dict[str, tuple[int, float]] = {}  # contender -> (degree, seconds)

    def log(self, text: str) -> None:
        _report.log(self.options.quiet, text)

    def warm_up(self) -> None:
        """One untimed call of each contender on small inputs: imports and caches, not timed."""
        a, b = inputs(self.options.seed, 64)
        for contender in self.contenders:
            if contender.unavailable is None:
                try:
                    contender.run(a, b)
                except Exception:  # reported where it is timed, in measure()
                    pass

    def estimate(self, contender: Contender, degree: int, a: list[int], b: list[int]) -> float:
        """Seconds one call at ``degree`` is expected to take, as ``d**2`` from a smaller one."""
        known = self.history.get(contender.name)
        if known is None or known[0] >= degree:
            size = min(PROBE_DEGREE, degree)
            probe = _timing.best_of(contender.run, a[:size + 1], b[:size + 1], max_repeats=1)
            known = (size, probe.seconds)
        return _timing.extrapolate(known[1], known[0], degree, 2)

    def reason_to_skip(self, contender: Contender, degree: int, a: list[int],
                       b: list[int]) -> str | None:
        """Why ``contender`` does not run at ``degree``, or None if it does."""
        if contender.unavailable is not None:
            return contender.unavailable
        if contender.estimated and degree > PROBE_DEGREE:
            expected = self.estimate(contender, degree, a, b)
            if expected > self.options.budget:
                self.history[contender.name] = (degree, expected)
                return (f"estimated {_timing.format_seconds(expected)} per call > "
                        f"{_timing.format_seconds(self.options.budget)} budget")
        return None

    def measure(self, degree: int) -> Row:
        """Time every contender that may run at ``degree``, in interleaved rounds."""
        options = self.options
        row = Row(degree)
        a, b = inputs(options.seed, degree)
        size = 2 * degree + 1
        runs: dict[str, Callable[[], Sequence[Any]]] = {}
        order = sorted(self.contenders, key=lambda c: c.name != self.reference)
        for contender in order:
            reason = self.reason_to_skip(contender, degree, a, b)
            if reason is None:
                runs[contender.name] = functools.partial(contender.run, a, b)
            else:
                row.skipped[contender.name] = reason
                self.log(f"  degree {degree} {contender.name}: skipped, {reason}")
        exact = {c.name: c.exact for c in self.contenders}
        reference: list[list[int]] = []
        floats: list[Sequence[float]] = []

        def check_result(name: str, result: Any) -> None:
            if not exact[name]:
                floats.append(result)
                return
            known = reference[0] if reference else None
            problem = check(result, known, size, self.reference)
            if problem is not None:
                row.problems[name] = problem
            elif name == self.reference:
                reference.append(list(result))
                row.checked_against = self.reference

        fast = [c.name for c in self.contenders if not c.estimated and c.name in runs]
        timings = _report.race_into(
            row, runs, f"degree {degree}", options.quiet, min_time=options.min_time,
            max_repeats=options.max_repeats, warm_up=fast, check=check_result,
        )
        for name, timing in timings.items():
            self.history[name] = (degree, timing.seconds)
        if floats:
            row.float_error = float_error(floats[0], reference[0] if reference
                                          else _python_ints(a, b))
        return row


def _python_ints(a: list[int], b: list[int]) -> list[int]:
    """The exact product when no exact contender ran (for numpy's error only)."""
    return list(dc.convolve(a, b))


# -- reporting ---------------------------------------------------------------------------------
def tables(rows: Sequence[Row], listed: Sequence[Contender],
           notes: _timing.Footnotes) -> tuple[_timing.Table, _timing.Table]:
    """The table of times and the table of ratios to python-flint."""
    names = [c.name for c in listed]
    times = _timing.Table(["degree", *names], align="r" * (len(names) + 1))
    others = [name for name in names if name != FLINT]
    ratios = _timing.Table(["degree", *others, "numpy abs. error", "numpy rel. error"],
                           align="r" * (len(others) + 3))
    for row in rows:
        where = f"degree {row.degree}"
        times.add([row.degree, *_report.time_cells(row, names, where, notes)])
        cells = _report.ratio_cells(row, others, FLINT, where, notes)
        if row.float_error is None:
            errors = [_timing.SKIPPED + notes.mark(f"{NUMPY} did not run")] * 2
        else:
            absolute, relative = row.float_error
            errors = [f"{absolute:.1e}" if absolute >= 0 else "inf or nan", f"{relative:.1e}"]
        ratios.add([row.degree, *cells, *errors])
    return times, ratios


def targets(rows: Sequence[Row]) -> list[str]:
    """The PASS / FAIL / SKIP line of the issue's target."""
    what = (f"degree {TARGET_DEGREE}: {DISCRETECONV} / {FLINT} <= {TARGET_RATIO:.1f} "
            "(Polynomial to Polynomial, conversions included)")
    row = next((row for row in rows if row.degree == TARGET_DEGREE), None)
    ratio = row.ratio(DISCRETECONV) if row else None
    if row is None:
        return [f"SKIP {what}: not measured in this run"]
    if ratio is None or DISCRETECONV in row.problems:
        return [f"SKIP {what}: {DISCRETECONV} or {FLINT} did not run correctly"]
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    return [f"{verdict} {what}: measured {ratio:.2f}"]


def report(rows: Sequence[Row], listed: Sequence[Contender], options: argparse.Namespace,
           machine: str, reference: str) -> str:
    notes = _timing.Footnotes()
    times, ratios = tables(rows, listed, notes)
    title = ("Polynomial product, end to end (two degree-d polynomials, signed 64-bit "
             "coefficients, Python ints in and out)")
    setup = (
        f"Inputs: two lists of d + 1 random ints in [-2^63, 2^63), seed {options.seed}. Time: "
        f"the best of k calls, k growing until {options.min_time:g} s are spent or "
        f"{options.max_repeats} calls have run, the contenders taking turns; the fast ones get "
        f"one untimed warm-up call first. {SYMPY} and {NUMPY} run only where one call, "
        f"extrapolated as d^2 from a smaller degree, stays within {options.budget:g} s. Exact "
        f"results are checked against {reference}; numpy abs. error is max_n |numpy c_n - c_n| "
        "and numpy rel. error that over max_n |c_n| (float64 keeps 53 bits; these coefficients "
        "have about 140)."
    )
    problems = [f"{name} at degree {row.degree}: {text}"
                for row in rows for name, text in row.problems.items()]
    sections = [
        ("Wall time, best of k:", times),
        (f"Time / {FLINT} time (same run; below 1 is faster than {FLINT}):", ratios),
    ]
    return _report.render(title=title, machine=machine, setup=setup, sections=sections,
                          notes=notes, targets=targets(rows), problems=problems,
                          markdown=options.markdown, targets_heading="Target")


# -- command line ------------------------------------------------------------------------------
SWEEP = _report.Sweep("degrees", QUICK_MAX_DEGREE, "sympy or numpy", DEFAULT_BUDGET,
                      QUICK_BUDGET, min_time=DEFAULT_MIN_TIME, max_repeats=DEFAULT_MAX_REPEATS)


def parse_options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark polynomial products: discreteconv.Polynomial vs python-flint, "
        "SymPy's Poly and numpy.polynomial (float).",
    )
    parser.add_argument("--degrees", type=_report.positive_ints, default=list(DEFAULT_DEGREES),
                        help="comma-separated degrees d (default 1000,10000,100000)")
    SWEEP.add_options(parser)
    return SWEEP.parse(parser, argv)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    machine = _timing.machine_summary(
        ("numpy", "gmpy2", "python-flint", "sympy", "discreteconv"))
    listed = contenders()
    bench = Bench(options, listed)
    bench.log(f"machine: {machine}")
    bench.warm_up()
    rows = []
    for degree in options.degrees:
        bench.log(f"degree {degree}:")
        rows.append(bench.measure(degree))
    print(report(rows, listed, options, machine, bench.reference))
    return 1 if any(row.problems for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
