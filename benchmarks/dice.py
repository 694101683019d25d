"""Dice, end to end: discreteconv against python-flint, icepool and dyce.

Three sections, every ratio taken between times measured in the same run:

* **Sums of many dice, exact** (``1000d6``, ``10000d6``, ``100d100``): ``dc counts`` is
  ``n @ dc.die(s)`` (the Distribution, its counts as Python ints); ``dc + pmf()`` adds
  ``.pmf()`` (every probability as a Fraction); ``dc.dice`` is ``dc.dice("1000d6")``;
  ``python-flint`` is ``[int(c) for c in (fmpz_poly([0] + [1] * s) ** n).coeffs()]``, the
  yardstick; ``icepool`` is ``n @ icepool.d(s)`` and ``dyce`` is ``n @ dyce.H(s)``.
* **Pools and comparisons** (``4d6dl1``, ``10d6kh3``, ``2d20kh1``, ``3d6 > 3d6``): the
  discreteconv engine calls (``dc.drop_lowest(dc.die(6), 4, 1)``, ...), ``dc.dice(text)``,
  dyce's idiom (``(4 @ P(6)).at(slice(1, None))``, ...; the yardstick) and icepool's
  (``d6.highest(4, 3)``, ...).
* **Whole process**: ``discreteconv dice 3d6`` as a user runs it, best of 5.

In-process contenders are timed with :func:`_timing.race` (interleaved rounds, best of ``k``,
one untimed warm-up call each). icepool and dyce run in a fresh child process per case (this
script with ``--child``), under a ``--timeout``: a slow or crashing case (icepool raises
``RecursionError`` on ``1000 @ d6``) costs its timeout at most and is reported as such. The
child times the first call after a warm-up on another die: icepool caches evaluations across
calls, so only a fresh process measures it computing rather than looking up (the pools table
shows both). A case is not run where its time, extrapolated as ``n**2`` from a smaller ``n``
measured in this run, exceeds the timeout; the cell shows the estimate.

Every result is compared with discreteconv's engine result, probability by probability,
exactly; a difference is printed as a loud ``MISMATCH`` and makes the exit status 1.

Usage::

    python benchmarks/dice.py               # the full tables (about 3 minutes)
    python benchmarks/dice.py --quick       # 100d6 and the pools (seconds)
    python benchmarks/dice.py --markdown    # Markdown, for docs/benchmarks-dice.md

python-flint, icepool and dyce are optional (``pip install icepool dyce python-flint``); they
are not dependencies of discreteconv, and their columns are skipped when they are missing.
"""

from __future__ import annotations

import argparse
import functools
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import _report
import _timing

import discreteconv as dc

flint = _report.flint
try:
    import icepool
except ImportError:  # optional, for benchmarking only: pip install icepool
    icepool = None
try:
    import dyce
except ImportError:  # optional, for benchmarking only: pip install dyce
    dyce = None

DEFAULT_EXACT = ("1000d6", "10000d6", "100d100")
QUICK_EXACT = ("100d6",)
#: Seconds a child process (one icepool or dyce case) may run, imports included.
DEFAULT_TIMEOUT = 90.0
QUICK_TIMEOUT = 30.0
#: Fresh processes per icepool pool case (the best first call is kept).
ICEPOOL_PROCESSES = 3
#: Calls in each icepool pool process: the first is timed cold, the best of the rest cached.
ICEPOOL_REPEATS = 20
#: Pools: each timed call repeats the roll for about this many seconds (then divides).
BATCH_SECONDS = 0.01
#: Calls of ``discreteconv dice 3d6`` (the best is kept).
CLI_RUNS = 5
#: The issue's targets: discreteconv time over the yardstick's, and the whole-process time.
FLINT_TARGET = 1.0
DYCE_TARGET = 1.0
CLI_TARGET = 0.5

FLINT, DC_COUNTS, DC_PMF, DC_DICE = "python-flint", "dc counts", "dc + pmf()", "dc.dice"
ICEPOOL, DYCE, DC_ENGINE = "icepool", "dyce", "dc engine"
ICEPOOL_FIRST, ICEPOOL_CACHED = "icepool 1st call", "icepool cached"
EXACT_COLUMNS = (FLINT, DC_COUNTS, DC_PMF, DC_DICE, ICEPOOL, DYCE)
POOL_COLUMNS = (DYCE, DC_ENGINE, DC_DICE, ICEPOOL_FIRST, ICEPOOL_CACHED)
_DICE_TEXT = re.compile(r"^\s*(\d+)\s*d\s*(\d+)\s*$")


# -- the cases ---------------------------------------------------------------------------------
def dice_size(text: str) -> tuple[int, int]:
    """``'1000d6'`` -> ``(1000, 6)``."""
    match = _DICE_TEXT.match(text)
    if match is None or int(match[1]) < 1 or int(match[2]) < 1:
        raise argparse.ArgumentTypeError(f"expected cases like 1000d6, received {text!r}")
    return int(match[1]), int(match[2])


@dataclass(frozen=True)
class PoolCase:
    """One row of the pools table: the same roll written for each library."""

    name: str  # the row label, and the text given to dc.dice
    engine: Callable[[], dc.Distribution]
    dyce: Callable[[], Any]
    icepool: Callable[[], Any]


POOL_CASES = (
    PoolCase("4d6dl1", lambda: dc.drop_lowest(dc.die(6), 4, 1),
             lambda: (4 @ dyce.P(6)).at(slice(1, None)),
             lambda: icepool.d6.highest(4, 3)),
    PoolCase("10d6kh3", lambda: dc.keep_highest(dc.die(6), 10, 3),
             lambda: (10 @ dyce.P(6)).at(slice(-3, None)),
             lambda: icepool.d6.highest(10, 3)),
    PoolCase("2d20kh1", lambda: dc.keep_highest(dc.die(20), 2, 1),
             lambda: (2 @ dyce.P(20)).at(-1),
             lambda: icepool.d20.highest(2)),
    PoolCase("3d6 > 3d6", lambda: (3 @ dc.die(6)) > (3 @ dc.die(6)),
             lambda: (3 @ dyce.H(6)).gt(3 @ dyce.H(6)),
             lambda: (3 @ icepool.d6) > (3 @ icepool.d6)),
)

#: Run once in a child before the timed call: loads lazily imported code, on another die so
#: that nothing the timed call needs is cached yet.
WARM_UPS: dict[str, Callable[[], Any]] = {
    "icepool": lambda: (icepool.d(7).highest(3, 2), (2 @ icepool.d(7)) > icepool.d(7)),
    "dyce": lambda: ((3 @ dyce.P(7)).at(slice(1, None)), (2 @ dyce.H(7)).gt(dyce.H(7))),
}


def library_call(library: str, case: str) -> Callable[[], Any]:
    """What ``library`` computes for ``case`` (a pool case's name, or ``'NdS'``)."""
    for pool in POOL_CASES:
        if pool.name == case:
            return getattr(pool, library)
    n, sides = dice_size(case)
    if library == "icepool":
        return lambda: n @ icepool.d(sides)
    return lambda: n @ dyce.H(sides)


def _dice_notation(text: str) -> Callable[[], dc.Distribution]:
    """``dc.dice(text)`` with its cache of parsed texts emptied first, so parsing is timed."""
    parsed = getattr(sys.modules.get("discreteconv.dist.notation"), "_parse_checked", None)
    clear = getattr(parsed, "cache_clear", lambda: None)

    def run() -> dc.Distribution:
        clear()
        return dc.dice(text)

    return run


def _flint_power(n: int, sides: int) -> Callable[[], list[int]]:
    def run() -> list[int]:
        return [int(c) for c in (flint.fmpz_poly([0] + [1] * sides) ** n).coeffs()]

    return run


# -- checking results --------------------------------------------------------------------------
def _short(value: Fraction) -> str:
    text = str(value)
    return text if len(text) <= 40 else f"≈{float(value):.12g} ({len(text)} characters)"


def check_counts(counts: Mapping[Any, int], total: int, reference: dc.Distribution) -> str | None:
    """How ``counts / total`` differs from ``reference``'s probabilities, or None.

    Equal totals compare counts; otherwise ``count * reference.total == weight * total``, which
    is ``Fraction(count, total) == Fraction(weight, reference.total)`` without the gcds.
    """
    theirs = {outcome: count for outcome, count in counts.items() if count}
    ours = dict(zip(reference.outcomes, reference.weights, strict=True))
    if theirs.keys() != ours.keys():
        missing = sorted(ours.keys() - theirs.keys())[:3]
        extra = sorted(theirs.keys() - ours.keys(), key=repr)[:3]
        return f"other outcomes than discreteconv's (missing {missing}, extra {extra})"
    same_total = total == reference.total
    for outcome, weight in ours.items():
        count = theirs[outcome]
        if count != weight if same_total else count * reference.total != weight * total:
            return (f"P({outcome}) = {_short(Fraction(count, total))}, discreteconv says "
                    f"{_short(Fraction(weight, reference.total))}")
    return None


def check_pmf(pmf: Mapping[Any, Fraction], reference: dc.Distribution) -> str | None:
    """How a mapping of probabilities (Fractions) differs from ``reference``, or None."""
    if pmf.keys() != set(reference.outcomes):
        return "other outcomes than the counts"
    total = reference.total
    for outcome, weight in zip(reference.outcomes, reference.weights, strict=True):
        p = pmf[outcome]
        if not isinstance(p, Fraction) or p.numerator * total != weight * p.denominator:
            return (f"P({outcome}) = {p!r}, the counts say "
                    f"{_short(Fraction(weight, total))}")
    return None


def as_counts(result: Any) -> tuple[dict[Any, int], int]:
    """``(counts, total)`` of a discreteconv, icepool or dyce result, or flint's coefficients."""
    if isinstance(result, dc.Distribution):
        return dict(zip(result.outcomes, result.weights, strict=True)), result.total
    if isinstance(result, list):  # python-flint: the coefficient of x**k counts total k
        return dict(enumerate(result)), sum(result)
    if hasattr(result, "denominator") and callable(result.denominator):  # icepool.Die
        return {o: int(q) for o, q in result.items()}, int(result.denominator())
    return {o: int(c) for o, c in result.items()}, int(result.total)  # dyce.H


def check_result(result: Any, reference: dc.Distribution) -> str | None:
    """What is wrong with any contender's result, compared with ``reference``, or None."""
    if isinstance(result, dict):  # Distribution.pmf()
        return check_pmf(result, reference)
    return check_counts(*as_counts(result), reference)


# -- child processes (icepool, dyce) -----------------------------------------------------------
def run_child(library: str, case: str, repeats: int, out: str) -> int:
    """The ``--child`` mode: time ``library``'s ``case`` once cold, then ``repeats - 1`` more
    times, and pickle the times and the result's counts into ``out``."""
    report: dict[str, Any] = {}
    if {"icepool": icepool, "dyce": dyce}[library] is None:
        report["error"] = f"{library} is not installed"
    else:
        function = library_call(library, case)
        WARM_UPS[library]()
        kept: list[Any] = []
        timings, errors = _timing.race({case: function}, min_time=0.0, max_repeats=1,
                                       check=lambda _, result: kept.append(result))
        if errors:
            error = errors[case]
            report["error"] = f"{type(error).__name__}: {str(error)[:200]}"
        else:
            report["first"] = timings[case].seconds
            report["counts"], report["total"] = as_counts(kept.pop())
            if repeats > 1:
                again, _ = _timing.race({case: function}, min_time=0.0, max_repeats=repeats - 1)
                report["repeat"] = again[case].seconds if case in again else None
    Path(out).write_bytes(pickle.dumps(report))
    return 0


@dataclass
class ChildResult:
    """What one child process reported, or why it reported nothing."""

    first: float | None = None
    repeat: float | None = None
    counts: dict[Any, int] | None = None
    total: int = 0
    error: str | None = None  # "RecursionError: ...", "timeout", ...
    timed_out: bool = False


def in_child(library: str, case: str, timeout: float, repeats: int = 1) -> ChildResult:
    """Run one icepool or dyce case in a fresh process of this script, killed after ``timeout``."""
    with tempfile.TemporaryDirectory(prefix="dice-bench-") as folder:
        out = Path(folder) / "result.pickle"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", library, case,
                   "--child-out", str(out), "--child-repeats", str(repeats)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            return ChildResult(error=f"killed after the {timeout:g} s timeout", timed_out=True)
        if done.returncode != 0 or not out.exists():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return ChildResult(error=f"child exited with status {done.returncode}: {last}")
        report = pickle.loads(out.read_bytes())
    return ChildResult(report.get("first"), report.get("repeat"), report.get("counts"),
                       report.get("total", 0), report.get("error"))


# -- rows --------------------------------------------------------------------------------------
@dataclass
class Row(_report.Measured):
    """What one case measured: a time, or a text and a reason, per column."""

    case: str
    shown: dict[str, str] = field(default_factory=dict)  # column -> text instead of a time
    reasons: dict[str, str] = field(default_factory=dict)  # column -> footnote
    at_least: dict[str, float] = field(default_factory=dict)  # timed out or estimated

    def lower_ratio(self, name: str, to: str) -> float | None:
        if name in self.at_least and self.seconds.get(to, 0) > 0:
            return self.at_least[name] / self.seconds[to]
        return None


class Bench:
    """Measures the rows of each section."""

    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        start = time.perf_counter()
        self.dice_missing = dice_missing()
        #: The first dc.dice call of the process: imports lark and builds the parser.
        self.first_dice = time.perf_counter() - start if self.dice_missing is None else None
        # (library, sides) -> (n, the row) of the largest n that library ran on so far
        self.history: dict[tuple[str, int], tuple[int, Row]] = {}

    def log(self, text: str) -> None:
        _report.log(self.options.quiet, text)

    def race(self, row: Row, runs: Mapping[str, Callable[[], Any]], reference: dc.Distribution,
             min_time: float, max_repeats: int, batch: float = 0.0) -> None:
        """Time the in-process contenders of ``row``, check each first result.

        With ``batch`` seconds, a call is repeated ``m`` times within each timed call (``m``
        chosen so that the ``m`` calls take about ``batch`` seconds) and the time divided by
        ``m``, as :mod:`timeit` does: calls of well under a millisecond are timed reliably,
        and the garbage collection that :func:`_timing.race` runs before each timed call is
        paid once per batch rather than once per call.
        """
        sizes = {name: _batch_size(function, batch) if batch else 1
                 for name, function in runs.items()}
        batched = {name: functools.partial(_repeat, function, sizes[name])
                   for name, function in runs.items()}

        def check(name: str, result: Any) -> None:
            problem = check_result(result, reference)
            if problem is not None:
                row.problems[name] = problem

        _report.race_into(row, batched, row.case, self.options.quiet, min_time=min_time,
                          max_repeats=max_repeats, warm_up=() if batch else tuple(runs),
                          check=check, batches=sizes if batch else None)

    def child(self, row: Row, column: str, library: str, reference: dc.Distribution,
              repeats: int = 1) -> ChildResult:
        """Run ``library``'s version of ``row.case`` in a child process; check its result."""
        self.log(f"  {row.case} {column}: in a child process (timeout {self.options.timeout:g} s)")
        result = in_child(library, row.case, self.options.timeout, repeats)
        problem = None
        if result.first is not None:
            problem = check_counts(result.counts or {}, result.total, reference)
            if problem is not None:
                row.problems[column] = problem
        self.log(f"  {row.case} {column}: " + (
            result.error if result.first is None else _timing.format_seconds(result.first)
            + (f"  MISMATCH: {problem}" if problem else "")))
        return result

    # -- sums of many dice ---------------------------------------------------------------------
    def exact_row(self, case: str) -> Row:
        n, sides = dice_size(case)
        row = Row(case)
        self.log(f"{case}:")
        reference = n @ dc.die(sides)
        runs: dict[str, Callable[[], Any]] = {}
        if flint is not None:
            runs[FLINT] = _flint_power(n, sides)
        else:
            row.reasons[FLINT] = "python-flint is not installed"
        runs[DC_COUNTS] = lambda: n @ dc.die(sides)
        runs[DC_PMF] = lambda: (n @ dc.die(sides)).pmf()
        if self.dice_missing is None:
            runs[DC_DICE] = _dice_notation(case)
        else:
            row.reasons[DC_DICE] = self.dice_missing
        self.race(row, runs, reference, self.options.min_time, self.options.max_repeats)
        for library in (ICEPOOL, DYCE):
            if {ICEPOOL: icepool, DYCE: dyce}[library] is None:
                row.reasons[library] = f"{library} is not installed"
            elif not self.hopeless(row, library, n, sides):
                self.record(row, library, self.child(row, library, library, reference))
                self.history[(library, sides)] = (n, row)
        return row

    def record(self, row: Row, column: str, result: ChildResult) -> None:
        """Put a child's time, or what stopped it, into ``row``."""
        if result.first is not None:
            row.seconds[column], row.repeats[column] = result.first, 1
            return
        row.shown[column] = "timeout" if result.timed_out else (result.error or "?").split(":")[0]
        if result.timed_out:
            row.at_least[column] = self.options.timeout
        row.reasons[column] = f"{column}, {row.case}: {result.error}"

    def hopeless(self, row: Row, library: str, n: int, sides: int) -> bool:
        """Whether a smaller ``n`` run before shows that ``n`` dice cannot finish in time.

        The time is extrapolated as ``n**2`` (``n`` additions of ever longer sequences); the
        numbers grow with ``n`` too, so this is a lower bound.
        """
        smaller, before = self.history.get((library, sides), (n, None))
        if before is None or smaller >= n:
            return False
        earlier = f"{smaller}d{sides}"
        if library in before.shown and library not in before.at_least:
            reason = f"{library} raised {before.shown[library]} already at {earlier}"
        else:
            seconds = before.seconds.get(library, before.at_least.get(library))
            if seconds is None:
                return False
            estimate = _timing.extrapolate(seconds, smaller, n, 2)
            if estimate <= self.options.timeout:
                return False
            measured = (_timing.format_seconds(seconds) if library in before.seconds
                        else f"over {self.options.timeout:g} s (timeout)")
            reason = (f"estimated at least {_timing.format_seconds(estimate)}: n² from "
                      f"{measured} at {earlier} (a lower bound, the numbers grow too), over "
                      f"the {self.options.timeout:g} s timeout")
            row.at_least[library] = estimate
            row.shown[library] = f"≥ {_timing.format_seconds(estimate)}"
        row.reasons[library] = f"{library}, {row.case}: not run, {reason}"
        self.log(f"  {row.case} {library}: not run, {reason}")
        return True

    # -- pools and comparisons -----------------------------------------------------------------
    def pool_row(self, case: PoolCase) -> Row:
        row = Row(case.name)
        self.log(f"{case.name}:")
        reference = case.engine()
        runs: dict[str, Callable[[], Any]] = {}
        if dyce is not None:
            runs[DYCE] = case.dyce
        else:
            row.reasons[DYCE] = "dyce is not installed"
        runs[DC_ENGINE] = case.engine
        if self.dice_missing is None:
            runs[DC_DICE] = _dice_notation(case.name)
        else:
            row.reasons[DC_DICE] = self.dice_missing
        self.race(row, runs, reference, self.options.pool_min_time, self.options.pool_batches,
                  batch=BATCH_SECONDS)
        if icepool is None:
            row.reasons[ICEPOOL_FIRST] = row.reasons[ICEPOOL_CACHED] = "icepool is not installed"
            return row
        results = [self.child(row, ICEPOOL_FIRST, ICEPOOL, reference, ICEPOOL_REPEATS)
                   for _ in range(self.options.icepool_processes)]
        failed = next((r for r in results if r.first is None), None)
        if failed is not None:
            self.record(row, ICEPOOL_FIRST, failed)
            return row
        row.seconds[ICEPOOL_FIRST] = min(r.first for r in results if r.first is not None)
        row.repeats[ICEPOOL_FIRST] = len(results)
        cached = [r.repeat for r in results if r.repeat is not None]
        if cached:
            row.seconds[ICEPOOL_CACHED] = min(cached)
            row.repeats[ICEPOOL_CACHED] = (ICEPOOL_REPEATS - 1) * len(cached)
        return row


def _repeat(function: Callable[[], Any], times: int) -> Any:
    """``function()`` ``times`` times; the last result."""
    for _ in range(times - 1):
        function()
    return function()


def _batch_size(function: Callable[[], Any], seconds: float) -> int:
    """How many calls of ``function`` take about ``seconds``: the best of three calls decides."""
    try:
        function()
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            function()
            best = min(best, time.perf_counter() - start)
    except Exception:  # the race reports it
        return 1
    return max(1, round(seconds / max(best, 1e-7)))


def dice_missing() -> str | None:
    """Why ``dc.dice`` cannot be timed yet, or None when it works."""
    try:
        dc.dice("3d6")
    except NotImplementedError:
        return "dc.dice is not implemented yet (discreteconv/dist/notation.py)"
    return None


# -- whole processes ---------------------------------------------------------------------------
def discreteconv_command() -> list[str]:
    """The ``discreteconv`` console script next to this Python, else ``python -m discreteconv``."""
    script = Path(sys.executable).with_name("discreteconv")
    if script.exists():
        return [str(script)]
    found = shutil.which("discreteconv")
    return [found] if found else [sys.executable, "-m", "discreteconv"]


@dataclass
class Command:
    """One whole-process measurement."""

    label: str
    argv: list[str]
    seconds: float | None = None
    runs: int = 0
    error: str | None = None


def time_command(label: str, argv: list[str], runs: int) -> Command:
    """Best wall time of ``runs`` runs of ``argv``; stops at the first failure."""
    command = Command(label, argv)
    for _ in range(runs):
        start = time.perf_counter()
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
        except subprocess.TimeoutExpired:
            command.error = "took over 60 s"
            return command
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines() or ["no output"]
            command.error = f"exit status {done.returncode}: {lines[-1]}"
            return command
        command.seconds = elapsed if command.seconds is None else min(command.seconds, elapsed)
        command.runs += 1
    return command


def whole_process(runs: int) -> list[Command]:
    """``discreteconv dice 3d6`` and what bounds it from below: start-up and first dc.dice."""
    python = [sys.executable, "-c"]
    return [
        time_command("discreteconv dice 3d6", [*discreteconv_command(), "dice", "3d6"], runs),
        time_command("python -c 'import discreteconv'", [*python, "import discreteconv"], runs),
        time_command("python -c 'import discreteconv as dc; dc.dice(\"3d6\")'",
                     [*python, "import discreteconv as dc; dc.dice('3d6')"], runs),
    ]


# -- reporting ---------------------------------------------------------------------------------
def _cell(row: Row, name: str, notes: _timing.Footnotes) -> str:
    if name in row.seconds:
        text = _timing.format_seconds(row.seconds[name])
    else:
        text = row.shown.get(name, _timing.SKIPPED)
    if name in row.reasons:
        text += notes.mark(row.reasons[name])
    elif name not in row.seconds and name not in row.problems:
        text += notes.mark("not measured")
    if name in row.problems:
        text += " MISMATCH" + notes.mark(f"{name}, {row.case}: {row.problems[name]}")
    return text


def _ratio_cell(row: Row, name: str, to: str, notes: _timing.Footnotes) -> str:
    ratio = row.ratio(name, to)
    if ratio is not None:
        text = _timing.format_ratio(ratio)
    elif row.lower_ratio(name, to) is not None:
        text = "≥ " + _timing.format_ratio(row.lower_ratio(name, to) or 0.0)
    elif name in row.shown and name not in row.at_least:
        text = row.shown[name]
    else:
        text = _timing.SKIPPED
    if name in row.problems:
        text += " MISMATCH" + notes.mark(f"{name}, {row.case}: {row.problems[name]}")
    return text


def section(rows: Sequence[Row], columns: Sequence[str], yardstick: str,
            notes: _timing.Footnotes) -> tuple[_timing.Table, _timing.Table]:
    """The table of times and the table of ratios to ``yardstick``."""
    times = _timing.Table(["case", *columns])
    others = [c for c in columns if c != yardstick]
    ratios = _timing.Table(["case", *others])
    for row in rows:
        times.add([row.case, *(_cell(row, c, notes) for c in columns)])
        ratios.add([row.case, *(_ratio_cell(row, c, yardstick, notes) for c in others)])
    return times, ratios


def targets(exact: Sequence[Row], pools: Sequence[Row], commands: Sequence[Command]) -> list[str]:
    """One PASS / FAIL / SKIP line per target of the issue."""
    lines = []
    for row in exact:
        what = f"{row.case} exact: {DC_COUNTS} / {FLINT} <= {FLINT_TARGET:g}"
        lines.append(_verdict(what, row.ratio(DC_COUNTS, FLINT), FLINT_TARGET,
                              row.reasons.get(FLINT) or row.reasons.get(DC_COUNTS)))
    for row in pools:
        for name in (DC_ENGINE, DC_DICE):
            what = f"{row.case}: {name} / {DYCE} <= {DYCE_TARGET:g}"
            lines.append(_verdict(what, row.ratio(name, DYCE), DYCE_TARGET,
                                  row.reasons.get(DYCE) or row.reasons.get(name)))
    cli = commands[0] if commands else None
    what = f"`{cli.label if cli else 'discreteconv dice 3d6'}` whole process < {CLI_TARGET:g} s"
    if cli is None:
        lines.append(f"SKIP {what}: not measured in this run")
    elif cli.seconds is None:
        lines.append(f"SKIP {what}: the command failed ({cli.error}); the `dice` subcommand "
                     "may not be there yet")
    else:
        verdict = "PASS" if cli.seconds < CLI_TARGET else "FAIL"
        lines.append(f"{verdict} {what}: measured {_timing.format_seconds(cli.seconds)} "
                     f"(best of {cli.runs})")
    return lines


def _verdict(what: str, ratio: float | None, limit: float, why: str | None) -> str:
    if ratio is None:
        return f"SKIP {what}: {why or 'not measured in this run'}"
    return f"{'PASS' if ratio <= limit else 'FAIL'} {what}: measured {ratio:.2f}"


def report(exact: Sequence[Row], pools: Sequence[Row], commands: Sequence[Command],
           first_dice: float | None, options: argparse.Namespace, machine: str) -> str:
    notes = _timing.Footnotes()
    md = options.markdown
    exact_times, exact_ratios = section(exact, EXACT_COLUMNS, FLINT, notes)
    pool_times, pool_ratios = section(pools, POOL_COLUMNS, DYCE, notes)
    process = _timing.Table(["command", "best wall time"])
    for command in commands:
        shown = (_timing.format_seconds(command.seconds) + f" (best of {command.runs})"
                 if command.seconds is not None
                 else _timing.SKIPPED + notes.mark(f"{command.label}: {command.error}"))
        process.add([f"`{command.label}`" if md else command.label, shown])
    if first_dice is not None:
        process.add(["first dc.dice('3d6') in a process (imports lark, builds the parser)",
                     _timing.format_seconds(first_dice)])
    title = "Dice, end to end: discreteconv against python-flint, icepool and dyce"
    setup = (
        "In-process contenders take turns, best of k calls after one untimed warm-up call "
        f"each (sums: k growing until {options.min_time:g} s are spent, at most "
        f"{options.max_repeats}; pools: k batches of calls lasting about "
        f"{BATCH_SECONDS * 1000:g} ms each, time divided by the batch size, until "
        f"{options.pool_min_time:g} s or {options.pool_batches} batches). icepool and dyce run in "
        f"a fresh child process per case, killed after {options.timeout:g} s (start-up and "
        "imports included), timing the first call after a warm-up on another die. icepool "
        "caches evaluations across calls: its pool cases show the best first call of "
        f"{options.icepool_processes} fresh process"
        f"{'es' if options.icepool_processes != 1 else ''} ('1st call') and the best of "
        f"{ICEPOOL_REPEATS - 1} repeated calls answered from those caches ('cached'). dc.dice "
        "is timed with its cache of parsed texts emptied, so parsing is included. Every result "
        "is compared exactly, probability by probability, with discreteconv's engine result."
    )
    exact_title = ("Sums of n dice, exact (a Distribution of Python-int counts; "
                   "python-flint: the coefficient list)")
    pool_title = "Pools and comparisons"
    sections = [
        (f"{exact_title}, wall time:", exact_times),
        (f"Time / {FLINT} time (same run; below 1 is faster than {FLINT}):", exact_ratios),
        (f"{pool_title}, wall time:", pool_times),
        (f"Time / {DYCE} time (same run; below 1 is faster than {DYCE}):", pool_ratios),
        ("Whole process (subprocess wall time):", process),
    ]
    problems = [f"{name}, {row.case}: {text}" for row in [*exact, *pools]
                for name, text in row.problems.items()]
    return _report.render(title=title, machine=machine, setup=setup, sections=sections,
                          notes=notes, targets=targets(exact, pools, commands),
                          problems=problems, markdown=md,
                          problems_heading="MISMATCH(ES) OR FAILED RESULT(S)")


# -- command line ------------------------------------------------------------------------------
def _cases(text: str) -> list[str]:
    """``'1000d6, 100d100'`` -> ``['1000d6', '100d100']``, each checked."""
    cases = [part.strip() for part in text.split(",")]
    for case in cases:
        dice_size(case)
    return cases


def parse_options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark dice: exact sums of many dice, pools and comparisons, and the "
        "discreteconv dice command, against python-flint, icepool and dyce.",
    )
    parser.add_argument("--exact", type=_cases, default=None, help="comma-separated sums NdS "
                        f"(default {','.join(DEFAULT_EXACT)}; {QUICK_EXACT[0]} with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="100d6 and the pools, short timings: seconds, for the smoke test")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--timeout", type=float, default=None,
                        help=f"seconds a child process may run (default {DEFAULT_TIMEOUT:g}, "
                        f"{QUICK_TIMEOUT:g} with --quick)")
    parser.add_argument("--min-time", type=float, default=None,
                        help="sums: repeat a call until this many seconds are spent (default 1)")
    parser.add_argument("--max-repeats", type=int, default=5,
                        help="sums: at most this many calls per cell (default 5)")
    parser.add_argument("--pool-min-time", type=float, default=None,
                        help="pools: repeat a call until this many seconds are spent "
                        "(default 0.5)")
    parser.add_argument("--pool-batches", type=int, default=None,
                        help=f"pools: at most this many timed batches of calls of about "
                        f"{BATCH_SECONDS * 1000:g} ms per cell (default 20, 3 with --quick)")
    parser.add_argument("--icepool-processes", type=int, default=None,
                        help=f"fresh processes per icepool pool case (default {ICEPOOL_PROCESSES}"
                        ", 1 with --quick)")
    parser.add_argument("--cli-runs", type=int, default=None,
                        help=f"runs of each whole-process command (default {CLI_RUNS}, "
                        "2 with --quick)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    parser.add_argument("--child", nargs=2, metavar=("LIBRARY", "CASE"), help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    parser.add_argument("--child-repeats", type=int, default=1, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    quick = options.quick
    if options.exact is None:
        options.exact = list(QUICK_EXACT if quick else DEFAULT_EXACT)
    defaults = {"timeout": (QUICK_TIMEOUT, DEFAULT_TIMEOUT), "min_time": (0.1, 1.0),
                "pool_min_time": (0.03, 0.5), "pool_batches": (3, 20),
                "icepool_processes": (1, ICEPOOL_PROCESSES), "cli_runs": (2, CLI_RUNS)}
    for name, (when_quick, otherwise) in defaults.items():
        if getattr(options, name) is None:
            setattr(options, name, when_quick if quick else otherwise)
    return options


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    if options.child:
        return run_child(*options.child, options.child_repeats, options.child_out)
    bench = Bench(options)
    machine = _timing.machine_summary(
        ("discreteconv", "python-flint", "icepool", "dyce", "gmpy2", "lark")
    )
    bench.log(f"machine: {machine}")
    exact = [bench.exact_row(case) for case in options.exact]
    pools = [bench.pool_row(case) for case in POOL_CASES]
    bench.log("whole process:")
    commands = whole_process(options.cli_runs)
    print(report(exact, pools, commands, bench.first_dice, options, machine))
    return 1 if any(row.problems for row in [*exact, *pools]) else 0


if __name__ == "__main__":
    sys.exit(main())
