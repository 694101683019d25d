"""Symbolic continuous convolution: ``discreteconv.convolve_integral`` against plain SymPy on the
textbook corpus (``tests/symbolic_corpus.py``, loaded by its path).

For every problem, both contenders compute ``(f*g)(t) = integral f(tau) g(t - tau) dtau``:

* ``discreteconv`` is ``dc.convolve_integral(p.f, p.g, "t", assume=p.assume)`` on the texts
  (reading them is part of the time);
* ``sympy`` is ``sympy.integrate(f(tau)*g(t - tau), (tau, -oo, oo))`` on the expressions
  ``parse_function`` reads from the same texts, with the same parameter assumptions.

Each call runs once, in a child process forked for it, after ``sympy.core.cache.clear_cache()``;
a call still running after ``--timeout`` seconds is stopped and counted as a timeout (both
contenders get the same limit). Both were warmed up in the parent first (grammar built, SymPy's
integral tables loaded). A result is correct when it holds no unevaluated ``Integral`` and
equals the known answer numerically at points on every interval of the result, with the same
delta terms (``symbolic_corpus.check``). A wrong or failed discreteconv result is listed in a
``!!!`` banner and makes the exit status 1; SymPy's failures are measurements.

Usage::

    python benchmarks/symbolic.py                     # every problem, 20 s timeout (minutes)
    python benchmarks/symbolic.py --quick             # a handful of problems, 5 s timeout
    python benchmarks/symbolic.py --problems exp-rect,tri-tri --markdown
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import _report
import _timing
import sympy

import discreteconv as dc

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "symbolic_corpus.py"
DEFAULT_TIMEOUT = 20.0
QUICK_TIMEOUT = 5.0
#: ``--quick`` runs these problems only.
QUICK_PROBLEMS = ("exp-rect", "step-step", "rect-rect", "delta-shift")
#: Seconds the numeric check of a result may take before it counts as wrong.
CHECK_TIMEOUT = 60.0

DISCRETECONV, SYMPY = "discreteconv", "sympy"
CORRECT, WRONG, ERROR, TIMEOUT = "yes", "no", "error", "timeout"


def load_corpus() -> ModuleType:
    """``tests/symbolic_corpus.py`` as the module ``symbolic_corpus`` (benchmarks never import
    the tests as a package)."""
    if "symbolic_corpus" in sys.modules:
        return sys.modules["symbolic_corpus"]
    spec = importlib.util.spec_from_file_location("symbolic_corpus", CORPUS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["symbolic_corpus"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


corpus = load_corpus()


# -- contenders --------------------------------------------------------------------------------
def _discreteconv(problem: Any, f: sympy.Expr, g: sympy.Expr) -> Any:
    return dc.convolve_integral(problem.f, problem.g, "t", assume=problem.assume)


def _sympy(problem: Any, f: sympy.Expr, g: sympy.Expr) -> Any:
    tau = sympy.Symbol("tau", real=True)
    return sympy.integrate(f.subs(corpus.t, tau) * g.subs(corpus.t, corpus.t - tau),
                           (tau, -sympy.oo, sympy.oo))


Run = Callable[[Any, sympy.Expr, sympy.Expr], Any]


def contenders(skip_sympy: bool = False) -> dict[str, Run]:
    """Every contender by column name: ``run(problem, f, g)`` -> the convolution."""
    listed: dict[str, Run] = {DISCRETECONV: _discreteconv}
    if not skip_sympy:
        listed[SYMPY] = _sympy
    return listed


def warm_up(listed: dict[str, Run]) -> None:
    """One untimed call of each contender (grammar, SymPy's integral tables), inherited by every
    forked child."""
    problem = next(p for p in corpus.PROBLEMS if p.name == "exp-rect")
    f, g = corpus.parsed(problem)
    for run in listed.values():
        run(problem, f, g)
    tau = sympy.Symbol("tau", real=True)
    sympy.integrate(sympy.exp(-tau**2) * sympy.Heaviside(tau), (tau, -sympy.oo, sympy.oo))


# -- measuring ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """What one contender did on one problem.

    Attributes
    ----------
    verdict : str
        ``'yes'`` (correct), ``'no'`` (wrong), ``'error'`` (raised) or ``'timeout'``.
    seconds : float or None
        The time of the call (until it raised, for an error); None after a timeout.
    detail : str or None
        What was wrong, what it raised, or how long it was given.
    """

    verdict: str
    seconds: float | None
    detail: str | None = None


def _child(connection: Any, run: Run, problem: Any) -> None:
    """In the forked child: time one call, send the time, then check the result."""
    f, g = corpus.parsed(problem)
    sympy.core.cache.clear_cache()
    start = time.perf_counter()
    try:
        result = run(problem, f, g)
    except Exception as error:  # a contender's failure is reported, not raised
        connection.send((ERROR, time.perf_counter() - start, f"raised {type(error).__name__}: "
                         f"{error}"))
        return
    connection.send(("done", time.perf_counter() - start, None))
    try:
        wrong = corpus.check(result, problem, f, g)
    except Exception as error:
        wrong = f"could not be checked ({type(error).__name__}: {error})"
    connection.send((CORRECT if wrong is None else WRONG, None, wrong))


def measure(run: Run, problem: Any, timeout: float) -> Outcome:
    """Run ``run`` on ``problem`` in a forked child: at most ``timeout`` seconds for the call
    and :data:`CHECK_TIMEOUT` for checking its result."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, run, problem), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            return Outcome(TIMEOUT, None, f"no result within {timeout:g} s")
        kind, seconds, detail = receiver.recv()
        if kind == ERROR:
            return Outcome(ERROR, seconds, detail)
        if not receiver.poll(CHECK_TIMEOUT):
            return Outcome(WRONG, seconds, f"checking the result took over {CHECK_TIMEOUT:g} s")
        verdict, _, detail = receiver.recv()
        return Outcome(verdict, seconds, detail)
    except EOFError:
        return Outcome(ERROR, None, f"the child process died (exit status {process.exitcode})")
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()


@dataclass
class Row:
    """One problem: its outcome by contender."""

    problem: Any
    outcomes: dict[str, Outcome]


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# -- reporting ---------------------------------------------------------------------------------
def verdict_cell(name: str, outcome: Outcome, notes: _timing.Footnotes) -> str:
    """``yes``, or the verdict with a footnote saying why (one footnote per reason)."""
    if outcome.verdict == CORRECT or outcome.detail is None:
        return outcome.verdict
    return outcome.verdict + notes.mark(f"{name}: {_shorten(outcome.detail)}")


def time_cell(outcome: Outcome, timeout: float) -> str:
    if outcome.seconds is None:
        return f"> {_timing.format_seconds(timeout)}" if outcome.verdict == TIMEOUT else "—"
    return _timing.format_seconds(outcome.seconds)


def totals(outcomes: Sequence[Outcome], timeout: float) -> tuple[str, str, str]:
    """The correct count, median and max time: a call that timed out counts as ``timeout``
    seconds, and a value it decides is marked ``≥``."""
    correct = sum(o.verdict == CORRECT for o in outcomes)
    times = sorted((o.seconds, False) if o.seconds is not None else (timeout, True)
                   for o in outcomes)
    if not times:
        return f"0/{len(outcomes)}", "—", "—"
    middle = times[(len(times) - 1) // 2:len(times) // 2 + 1]
    median = statistics.fmean(value for value, _ in middle)
    bound = any(flag for _, flag in middle)

    def shown(value: float, at_least: bool) -> str:
        return ("≥ " if at_least else "") + _timing.format_seconds(value)

    return (f"{correct}/{len(outcomes)}", shown(median, bound), shown(*times[-1]))


def tables(rows: Sequence[Row], names: Sequence[str], timeout: float,
           notes: _timing.Footnotes) -> tuple[_timing.Table, _timing.Table]:
    """The table of problems and the table of totals."""
    headers = ["problem", "category"]
    for name in names:
        headers += [f"{name} correct", f"{name} time"]
    results = _timing.Table(headers, align="ll" + "lr" * len(names))
    for row in rows:
        cells = [row.problem.name, row.problem.category]
        for name in names:
            outcome = row.outcomes[name]
            cells += [verdict_cell(name, outcome, notes),
                      time_cell(outcome, timeout)]
        results.add(cells)
    summary = _timing.Table(["", *names])
    columns = [totals([row.outcomes[name] for row in rows], timeout) for name in names]
    for index, label in enumerate(("correct", "median time", "max time")):
        summary.add([label, *(column[index] for column in columns)])
    return results, summary


def summary_lines(rows: Sequence[Row], names: Sequence[str]) -> list[str]:
    """One line per contender: how many problems it got right, and how the others went."""
    lines = []
    for name in names:
        verdicts = [row.outcomes[name].verdict for row in rows]
        others = [f"{verdicts.count(v)} {word}" for v, word in
                  ((WRONG, "wrong"), (ERROR, "raised"), (TIMEOUT, "timed out"))
                  if verdicts.count(v)]
        tail = f" ({', '.join(others)})" if others else ""
        lines.append(f"{name}: {verdicts.count(CORRECT)} of {len(rows)} correct{tail}")
    return lines


def report(rows: Sequence[Row], names: Sequence[str], options: argparse.Namespace,
           machine: str) -> str:
    notes = _timing.Footnotes()
    results, summary = tables(rows, names, options.timeout, notes)
    title = ("Symbolic continuous convolution on the textbook corpus: "
             "discreteconv.convolve_integral vs sympy.integrate")
    setup = (
        f"{len(rows)} problems from tests/symbolic_corpus.py. {DISCRETECONV}: "
        "dc.convolve_integral(f, g, 't', assume=...) on the texts (reading them included); "
        f"{SYMPY}: sympy.integrate(f(tau)*g(t - tau), (tau, -oo, oo)) on the parsed "
        "expressions. One call each, in a forked child, SymPy's cache cleared first; a call "
        f"still running after {options.timeout:g} s is stopped. Correct: no unevaluated "
        "Integral, and equal to the known answer (to 1e-8) at points on every interval of the "
        "result, with the same delta terms. In the totals a timeout counts as "
        f"{options.timeout:g} s (≥)."
    )
    problems = [f"{DISCRETECONV} on {row.problem.name}: {row.outcomes[DISCRETECONV].verdict}"
                + (f", {_shorten(detail)}" if (detail := row.outcomes[DISCRETECONV].detail)
                   else "")
                for row in rows if row.outcomes[DISCRETECONV].verdict != CORRECT]
    sections = [("Correct and wall time, one call:", results), ("Totals:", summary)]
    return _report.render(title=title, machine=machine, setup=setup, sections=sections,
                          notes=notes, targets=summary_lines(rows, names), problems=problems,
                          markdown=options.markdown, targets_heading="Summary",
                          problems_heading="WRONG OR FAILED DISCRETECONV RESULT(S)",
                          break_on_hyphens=False)


# -- command line ------------------------------------------------------------------------------
def parse_options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark symbolic continuous convolution on the textbook corpus: "
        "discreteconv.convolve_integral vs sympy.integrate.")
    parser.add_argument("--problems", type=lambda text: [n.strip() for n in text.split(",")],
                        default=None, help="comma-separated problem names (default: all)")
    parser.add_argument("--timeout", type=float, default=None,
                        help=f"seconds one call may take (default {DEFAULT_TIMEOUT:g}, "
                        f"{QUICK_TIMEOUT:g} with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help=f"only {', '.join(QUICK_PROBLEMS)}, {QUICK_TIMEOUT:g} s timeout")
    parser.add_argument("--skip-sympy", action="store_true", help="run discreteconv only")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    options = parser.parse_args(argv)
    known = [p.name for p in corpus.PROBLEMS]
    chosen = options.problems or (list(QUICK_PROBLEMS) if options.quick else known)
    unknown = [name for name in chosen if name not in known]
    if unknown:
        parser.error(f"unknown problem(s) {', '.join(unknown)}; the corpus has "
                     f"{', '.join(known)}")
    options.problems = [p for p in corpus.PROBLEMS if p.name in chosen]
    if options.timeout is None:
        options.timeout = QUICK_TIMEOUT if options.quick else DEFAULT_TIMEOUT
    if options.timeout <= 0:
        parser.error(f"--timeout must be positive, received {options.timeout:g}")
    return options


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    machine = _timing.machine_summary(("sympy", "mpmath", "discreteconv"))
    listed = contenders(options.skip_sympy)
    _report.log(options.quiet, f"machine: {machine}")
    warm_up(listed)
    rows = []
    for problem in options.problems:
        outcomes = {}
        for name, run in listed.items():
            outcomes[name] = outcome = measure(run, problem, options.timeout)
            seconds = time_cell(outcome, options.timeout)
            _report.log(options.quiet, f"  {problem.name} {name}: {outcome.verdict}, {seconds}")
        rows.append(Row(problem, outcomes))
    print(report(rows, list(listed), options, machine))
    return 1 if any(row.outcomes[DISCRETECONV].verdict != CORRECT for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
