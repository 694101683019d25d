"""Exact integer convolution, end to end: discreteconv against python-flint, numpy and SymPy.

Every contender takes two Python lists of ``n`` random signed ints and returns the full
convolution as a list of ``2n - 1`` Python ints; conversions in and out are part of the time.

* ``dc:auto`` is ``discreteconv.convolve(a, b)``; ``dc:kronecker``, ``dc:split-fft``,
  ``dc:flint`` and ``dc:direct`` are ``discreteconv.convolve(a, b, method=...)``;
* ``python-flint`` is ``[int(c) for c in (fmpz_poly(a) * fmpz_poly(b)).coeffs()]``, padded with
  the zeros FLINT trims: the yardstick every ratio is taken against;
* ``numpy object`` is ``np.convolve`` on object arrays, ``.tolist()``;
* ``sympy`` is ``sympy.discrete.convolution(a, b)``.

Each time is the best of ``k`` calls, repeating until ``--min-time`` seconds are spent or
``--max-repeats`` calls have run. The contenders take turns, one call each per round, so that a
burst of load from other programs is spread over all of them; the fast ones get one untimed call
first at every size, so that one-off costs (FFT plans, fresh memory) do not fall on whichever
runs first. Schoolbook contenders (``dc:direct``, ``numpy object``, ``sympy``) run only where
their time, extrapolated as ``n**2`` from a smaller size, stays within ``--budget`` seconds.
Every result is compared with the reference (python-flint, else ``dc:kronecker``); a mismatch
is printed loudly and makes the exit status 1.

Usage::

    python benchmarks/exact.py                     # the full table (a few minutes)
    python benchmarks/exact.py --quick             # n up to 10**4
    python benchmarks/exact.py --sizes 1000,10000 --bits 20 --markdown
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
import sympy.discrete

import discreteconv as dc

flint = _report.flint

DEFAULT_SIZES = (10**3, 10**4, 10**5, 10**6)
DEFAULT_BITS = (20, 200)
#: ``--quick`` keeps the sizes up to this one.
QUICK_MAX_SIZE = 10**4
#: Seconds one call of a schoolbook contender may be estimated to take (``--budget``).
DEFAULT_BUDGET = 60.0
QUICK_BUDGET = 2.0
#: Schoolbook contenders with no smaller measurement are timed at this size, then extrapolated.
PROBE_SIZE = 1000
#: ``split-fft`` takes ints of at most this many bits.
SPLIT_FFT_MAX_BITS = 62
REFERENCE = "python-flint"
FALLBACK_REFERENCE = "dc:kronecker"

#: The issue's targets: (bits, n, largest auto / python-flint ratio).
FLINT_TARGETS = ((20, 10**5, 0.7), (200, 10**4, 0.7))
#: The largest accepted ratio of auto's time to the best named discreteconv method's time.
AUTO_TARGET = 1.5


# -- contenders --------------------------------------------------------------------------------
def _numpy_object(a: list[int], b: list[int]) -> list[int]:
    return np.convolve(np.array(a, dtype=object), np.array(b, dtype=object)).tolist()


def _sympy(a: list[int], b: list[int]) -> list[int]:
    return _report.padded(sympy.discrete.convolution(a, b), len(a) + len(b) - 1)


def _discreteconv(method: str) -> Callable[[list[int], list[int]], list[int]]:
    def run(a: list[int], b: list[int]) -> list[int]:
        return dc.convolve(a, b, method=method)

    return run


@dataclass(frozen=True)
class Contender:
    """One column of the table.

    Attributes
    ----------
    name : str
        The column title.
    run : callable
        ``run(a, b)`` -> the full convolution as a list of Python ints.
    method : str or None
        The ``method=`` value for discreteconv contenders (``'auto'`` included).
    schoolbook : bool
        True for O(n**2) contenders, which run only within the time budget.
    max_bits : int or None
        The largest entry size it takes.
    unavailable : str or None
        Why it cannot run on this machine, if it cannot.
    """

    name: str
    run: Callable[[list[int], list[int]], list[int]]
    method: str | None = None
    schoolbook: bool = False
    max_bits: int | None = None
    unavailable: str | None = None


def contenders() -> list[Contender]:
    """Every contender, in column order, the yardstick first."""
    no_flint = None if flint is not None else "python-flint is not installed"
    dc_methods = dc.available_methods()
    listed = [Contender(REFERENCE, _report.flint_product, unavailable=no_flint)]
    for method in ("auto", "kronecker", "split-fft", "flint", "direct"):
        missing = None
        if method != "auto" and method not in dc_methods:
            missing = f"method {method!r} is not available here"
        listed.append(
            Contender(
                f"dc:{method}",
                _discreteconv(method),
                method=method,
                schoolbook=method == "direct",
                max_bits=SPLIT_FFT_MAX_BITS if method == "split-fft" else None,
                unavailable=missing,
            )
        )
    listed.append(Contender("numpy object", _numpy_object, schoolbook=True))
    listed.append(Contender("sympy", _sympy, schoolbook=True))
    return listed


def auto_choice(a: list[int], b: list[int]) -> str:
    """The backend ``method='auto'`` picks for ``a``, ``b``, asked of the core's own chooser.

    The arrays are prepared the way ``discreteconv.core.convolve`` prepares them; these are
    private names, so a refactoring of the core shows up as ``'?'`` here, not as a crash.
    """
    try:
        from discreteconv.core import _kinds
        from discreteconv.core._operand import as_operand, common_kind
        from discreteconv.core.choose import choose

        left, right = as_operand(a, "a"), as_operand(b, "b")
        x, _ = _kinds.scale_to_integers(left.array)
        y, _ = _kinds.scale_to_integers(right.array)
        name = choose(common_kind(left, right), x, y)
    except (ImportError, AttributeError, TypeError, ValueError):
        return "?"
    if name == "split-fft" and (x.dtype == object or y.dtype == object):
        name = "kronecker"  # what the core does with entries past 62 bits
    return name


# -- inputs ------------------------------------------------------------------------------------
def random_ints(rng: random.Random, count: int, bits: int) -> list[int]:
    """``count`` ints with magnitudes of at most ``bits`` bits and random signs."""
    values = []
    for _ in range(count):
        word = rng.getrandbits(bits + 1)
        magnitude = word >> 1
        values.append(-magnitude if word & 1 else magnitude)
    return values


def inputs(seed: int, bits: int, n: int) -> tuple[list[int], list[int]]:
    """The two inputs for one row: the same every run for the same seed."""
    rng = random.Random(f"discreteconv-exact:{seed}:{bits}:{n}")
    return random_ints(rng, n, bits), random_ints(rng, n, bits)


# -- measuring ---------------------------------------------------------------------------------
@dataclass
class Row(_report.Measured):
    """What one ``(bits, n)`` row measured."""

    yardstick = REFERENCE

    bits: int
    n: int
    auto_picks: str = "?"
    skipped: dict[str, str] = field(default_factory=dict)  # contender -> reason

    def best_method(self) -> str | None:
        """The fastest named discreteconv method that ran correctly (``auto`` left out)."""
        named = [
            name
            for name in self.seconds
            if name.startswith("dc:") and name != "dc:auto" and name not in self.problems
        ]
        return min(named, key=self.seconds.__getitem__) if named else None


def check(result: Any, reference: list[int] | None, n: int, reference_name: str) -> str | None:
    """What is wrong with a contender's result, or None."""
    if not isinstance(result, list):
        return f"returned a {type(result).__name__}, not a list"
    if len(result) != 2 * n - 1:
        return f"returned {len(result)} entries, not {2 * n - 1}"
    odd_types = {type(v).__name__ for v in result} - {"int"}
    if odd_types:
        return f"returned entries of type {', '.join(sorted(odd_types))}, not Python int"
    if reference is not None and result != reference:
        index = next(i for i, (x, y) in enumerate(zip(result, reference, strict=True)) if x != y)
        return f"differs from {reference_name} first at index {index}"
    return None


class Bench:
    """Runs the contenders over the rows and keeps what is needed for estimates."""

    def __init__(self, options: argparse.Namespace, listed: Sequence[Contender]) -> None:
        self.options = options
        self.contenders = list(listed)
        runnable = {c.name for c in listed if c.unavailable is None}
        self.reference = REFERENCE if REFERENCE in runnable else FALLBACK_REFERENCE
        # (contender, bits) -> (n, seconds): the largest size measured (or estimated) so far.
        self.history: dict[tuple[str, int], tuple[int, float]] = {}

    def log(self, text: str) -> None:
        _report.log(self.options.quiet, text)

    def warm_up(self) -> None:
        """One untimed call of each contender on small inputs: imports and caches, not timed."""
        for bits in self.options.bits:
            a, b = inputs(self.options.seed, bits, 64)
            for contender in self.contenders:
                if contender.unavailable is None and bits <= (contender.max_bits or bits):
                    try:
                        contender.run(a, b)
                    except Exception:  # reported where it is timed, in measure()
                        pass

    def estimate(self, contender: Contender, bits: int, n: int, a: list[int],
                 b: list[int]) -> float:
        """Seconds one call at size ``n`` is expected to take, as ``n**2`` from a smaller size."""
        known = self.history.get((contender.name, bits))
        if known is None or known[0] >= n:
            size = min(PROBE_SIZE, n)
            probe = _timing.best_of(contender.run, a[:size], b[:size], max_repeats=1)
            known = (size, probe.seconds)
        return _timing.extrapolate(known[1], known[0], n, 2)

    def measure(self, bits: int, n: int) -> Row:
        """Time every contender that may run on one row's inputs, in interleaved rounds."""
        options = self.options
        row = Row(bits, n)
        a, b = inputs(options.seed, bits, n)
        row.auto_picks = auto_choice(a, b)
        runs: dict[str, Callable[[], list[int]]] = {}
        order = sorted(self.contenders, key=lambda c: c.name != self.reference)
        for contender in order:
            reason = self.reason_to_skip(contender, bits, n, a, b)
            if reason is None:
                runs[contender.name] = functools.partial(contender.run, a, b)
            else:
                row.skipped[contender.name] = reason
                self.log(f"  {bits}-bit n={n} {contender.name}: skipped, {reason}")
        reference: list[list[int]] = []

        def check_result(name: str, result: Any) -> None:
            problem = check(result, reference[0] if reference else None, n, self.reference)
            if problem is not None:
                row.problems[name] = problem
            elif name == self.reference:
                reference.append(result)

        fast = [c.name for c in self.contenders if not c.schoolbook and c.name in runs]
        timings = _report.race_into(
            row, runs, f"{bits}-bit n={n}", options.quiet, min_time=options.min_time,
            max_repeats=options.max_repeats, warm_up=fast, check=check_result,
        )
        for name, timing in timings.items():
            self.history[(name, bits)] = (n, timing.seconds)
        return row

    def reason_to_skip(self, contender: Contender, bits: int, n: int, a: list[int],
                       b: list[int]) -> str | None:
        """Why ``contender`` does not run on this row, or None if it does."""
        name = contender.name
        if contender.unavailable is not None:
            return contender.unavailable
        if contender.max_bits is not None and bits > contender.max_bits:
            return f"{name} takes ints of at most {contender.max_bits} bits"
        if contender.schoolbook and n > PROBE_SIZE:
            expected = self.estimate(contender, bits, n, a, b)
            if expected > self.options.budget:
                self.history[(name, bits)] = (n, expected)
                return (
                    f"estimated {_timing.format_seconds(expected)} per call > "
                    f"{_timing.format_seconds(self.options.budget)} budget"
                )
        return None


# -- reporting ---------------------------------------------------------------------------------
def tables(rows: Sequence[Row], listed: Sequence[Contender],
           notes: _timing.Footnotes) -> tuple[_timing.Table, _timing.Table]:
    """The table of times and the table of ratios to python-flint."""
    names = [c.name for c in listed]
    times = _timing.Table(["bits", "n", *names, "auto picks"], align="rr" + "r" * len(names) + "l")
    others = [name for name in names if name != REFERENCE]
    ratios = _timing.Table(
        ["bits", "n", *others, "best dc method", "auto / best dc"],
        align="rr" + "r" * len(others) + "lr",
    )
    for row in rows:
        where = f"{row.bits}-bit, n = {row.n}"
        times.add([row.bits, row.n, *_report.time_cells(row, names, where, notes),
                   row.auto_picks])
        cells = _report.ratio_cells(row, others, REFERENCE, where, notes)
        best = row.best_method()
        auto_ratio = row.ratio("dc:auto", best) if best else None
        ratios.add([
            row.bits, row.n, *cells, best.removeprefix("dc:") if best else _timing.SKIPPED,
            _timing.format_ratio(auto_ratio) if auto_ratio is not None else _timing.SKIPPED,
        ])
    return times, ratios


def targets(rows: Sequence[Row]) -> list[str]:
    """One PASS / FAIL / SKIP line per target of the issue."""
    by_key = {(row.bits, row.n): row for row in rows}
    lines = []
    for number, (bits, n, limit) in enumerate(FLINT_TARGETS, start=1):
        what = f"({number}) n = {n}, {bits}-bit: dc:auto / {REFERENCE} <= {limit}"
        row = by_key.get((bits, n))
        ratio = row.ratio("dc:auto") if row else None
        if row is None:
            lines.append(f"SKIP {what}: not measured in this run")
        elif ratio is None:
            lines.append(f"SKIP {what}: dc:auto or {REFERENCE} did not run")
        else:
            verdict = "PASS" if ratio <= limit else "FAIL"
            lines.append(f"{verdict} {what}: measured {ratio:.2f}")
    number = len(FLINT_TARGETS) + 1
    what = f"({number}) dc:auto / best named dc method <= {AUTO_TARGET} at every size"
    measured = []
    for row in rows:
        best = row.best_method()
        ratio = row.ratio("dc:auto", best) if best else None
        if ratio is not None:
            measured.append((ratio, row, best))
    if not measured:
        lines.append(f"SKIP {what}: not measured in this run")
    else:
        ratio, row, best = max(measured, key=lambda item: item[0])
        verdict = "PASS" if ratio <= AUTO_TARGET else "FAIL"
        failing = sum(1 for r, _, _ in measured if r > AUTO_TARGET)
        lines.append(
            f"{verdict} {what}: worst {ratio:.2f} at {row.bits}-bit, n = {row.n} "
            f"(auto picks {row.auto_picks}, best {best.removeprefix('dc:')}); "
            f"{failing} of {len(measured)} rows over"
        )
    return lines


def report(rows: Sequence[Row], listed: Sequence[Contender], options: argparse.Namespace,
           machine: str, reference: str) -> str:
    notes = _timing.Footnotes()
    times, ratios = tables(rows, listed, notes)
    title = "Exact integer convolution, end to end (Python ints in, a list of Python ints out)"
    setup = (
        f"Inputs: two lists of n random ints, |x| < 2^bits, random signs, seed {options.seed}. "
        f"Time: the best of k calls, k growing until {options.min_time:g} s are spent or "
        f"{options.max_repeats} calls have run, the contenders taking turns; the fast ones get "
        "one untimed warm-up call first. Schoolbook contenders (dc:direct, numpy object, "
        "sympy) run only where one call, extrapolated as n^2 from a smaller size, stays "
        f"within {options.budget:g} s. Every result is checked against {reference}."
    )
    problems = [
        f"{name} at {row.bits}-bit, n = {row.n}: {text}"
        for row in rows
        for name, text in row.problems.items()
    ]
    sections = [
        ("Wall time, best of k:", times),
        (f"Time / {REFERENCE} time (same run; below 1 is faster than {REFERENCE}):", ratios),
    ]
    return _report.render(title=title, machine=machine, setup=setup, sections=sections,
                          notes=notes, targets=targets(rows), problems=problems,
                          markdown=options.markdown, break_on_hyphens=False)


# -- command line ------------------------------------------------------------------------------
SWEEP = _report.Sweep("sizes", QUICK_MAX_SIZE, "schoolbook", DEFAULT_BUDGET, QUICK_BUDGET,
                      min_time=0.5, max_repeats=5)


def parse_options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark exact integer convolution: discreteconv vs python-flint, "
        "numpy object arrays and SymPy.",
    )
    parser.add_argument("--sizes", type=_report.positive_ints, default=list(DEFAULT_SIZES),
                        help="comma-separated input lengths n (default 1000,10000,100000,1000000)")
    parser.add_argument("--bits", type=_report.positive_ints, default=list(DEFAULT_BITS),
                        help="comma-separated coefficient sizes in bits (default 20,200)")
    SWEEP.add_options(parser)
    options = SWEEP.parse(parser, argv)
    options.bits = sorted(set(options.bits))
    return options


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    machine = _timing.machine_summary(
        ("numpy", "gmpy2", "python-flint", "sympy", "discreteconv")
    )
    listed = contenders()
    bench = Bench(options, listed)
    bench.log(f"machine: {machine}")
    bench.warm_up()
    rows = []
    for bits in options.bits:
        for n in options.sizes:
            bench.log(f"{bits}-bit, n = {n}:")
            rows.append(bench.measure(bits, n))
    print(report(rows, listed, options, machine, bench.reference))
    return 1 if any(row.problems for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
