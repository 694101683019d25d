"""Helpers shared by the benchmark scripts: best-of timing, estimates, tables, the machine line.

Nothing here knows about convolution; ``exact.py`` (and later ``dice.py``, ``poly.py``,
``numeric.py``) build their contenders and rows on top of it. Run a script from the repository
root, ``python benchmarks/exact.py``: the script's own folder is on ``sys.path``, so
``import _timing`` finds this module.

Examples
--------
>>> [format_seconds(t) for t in (0.000_812, 0.0013, 0.048, 4.5, 500)]
['812 µs', '1.30 ms', '48.0 ms', '4.50 s', '8.3 min']
>>> format_ratio(0.4567)
'0.46×'
>>> notes = Footnotes()
>>> table = Table(["n", "time"], align="rr")
>>> table.add([1000, format_seconds(0.5)])
>>> table.add([10**6, "—" + notes.mark("estimated 8.3 min > 60 s budget")])
>>> print(table.to_text())
      n    time
-------  ------
   1000  500 ms
1000000      —¹
>>> print(table.to_markdown())
|       n |   time |
|--------:|-------:|
|    1000 | 500 ms |
| 1000000 |     —¹ |
>>> notes.lines()
['¹ estimated 8.3 min > 60 s budget']
"""

from __future__ import annotations

import gc
import importlib.metadata
import os
import platform
import sys
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "SKIPPED",
    "Footnotes",
    "Table",
    "Timing",
    "best_of",
    "extrapolate",
    "format_ratio",
    "format_seconds",
    "load_average",
    "machine_summary",
    "race",
]

#: What a cell shows when its contender did not run (followed by a footnote mark).
SKIPPED = "—"

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Timing:
    """How long one contender took: the outcome of :func:`race` and :func:`best_of`.

    Attributes
    ----------
    seconds : float
        The best (smallest) wall time of one call.
    repeats : int
        How many calls were timed.
    total : float
        The wall time of all timed calls together.
    cpu : float
        The CPU time this process used in those calls (``time.process_time``). Below ``total``
        means the process waited: for the CPU, held by other programs, or for memory (on a
        virtual machine, first touches of fresh pages can stall without counting as CPU time).
    """

    seconds: float
    repeats: int
    total: float
    cpu: float = 0.0


def _time_one_call(function: Callable[[], Any], number: int = 1) -> tuple[float, float, Any]:
    """Wall and CPU time of one call (the mean of ``number`` calls in a row), with the garbage
    collector run before and off during them; the result is the first call's."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        cpu_start = time.process_time()
        start = time.perf_counter()
        result = function()
        for _ in range(number - 1):
            function()
        elapsed = time.perf_counter() - start
        return elapsed / number, (time.process_time() - cpu_start) / number, result
    finally:
        if enabled:
            gc.enable()


def race(
    functions: Mapping[str, Callable[[], Any]],
    *,
    min_time: float = 0.5,
    max_repeats: int = 5,
    warm_up: Collection[str] = (),
    check: Callable[[str, Any], None] | None = None,
    done: Callable[[str, Timing], None] | None = None,
    sample_time: float = 0.0,
) -> tuple[dict[str, Timing], dict[str, Exception]]:
    """Time several functions of no arguments in interleaved rounds; keep each one's best call.

    Every round calls each function still running once, starting one place further along the
    given order each round (so no contender always runs right after the same one); a function stops
    once its calls add up to ``min_time`` seconds or it has run ``max_repeats`` times (it
    always runs at least once). Taking turns spreads a burst of load from other programs over
    all contenders instead of charging it to whichever one was running, and the best of ``k``
    then discards it. As :mod:`timeit` does, the garbage collector is run before and switched
    off during each call.

    Parameters
    ----------
    functions : mapping of str to callable
        The contenders by name.
    min_time, max_repeats : float, int
        When to stop timing a contender.
    warm_up : collection of str
        Names that get one untimed call before the first round: costs paid once per input
        (FFT plans, first touches of fresh memory) then fall on no contender in particular.
    check : callable, optional
        ``check(name, result)`` is called with each function's first timed result (and then the
        result is dropped, so one large result is held at a time).
    done : callable, optional
        ``done(name, timing)`` is called as each function finishes (for progress lines).
    sample_time : float
        When positive, a function in ``warm_up`` gets a second untimed call; if that took
        less than ``sample_time``, the function is called enough times in a row per round to
        last about ``sample_time`` seconds (as :mod:`timeit` does), and the mean of those
        calls is its time in that round. A single call of a few microseconds right after a
        garbage collection measures cold caches, not the function.

    Returns
    -------
    timings : dict of str to Timing
        One entry per function that ran without raising.
    errors : dict of str to Exception
        What each function that raised raised (it is not called again).

    Examples
    --------
    >>> timings, errors = race({"sum": lambda: sum(range(100)), "bad": lambda: 1 // 0},
    ...                        min_time=0.0, max_repeats=3)
    >>> timings["sum"].repeats, type(errors["bad"]).__name__
    (1, 'ZeroDivisionError')
    """
    timings: dict[str, Timing] = {}
    errors: dict[str, Exception] = {}
    best: dict[str, float] = {}
    total: dict[str, float] = {}
    cpu: dict[str, float] = {}
    count: dict[str, int] = {}
    running = list(functions)
    number = dict.fromkeys(running, 1)
    for name in [n for n in running if n in warm_up]:
        try:
            functions[name]()
            start = time.perf_counter()
            if sample_time > 0:  # a second call, past first-call costs, sizes the samples
                functions[name]()
            elapsed = time.perf_counter() - start
        except Exception as error:  # a contender's failure is reported, not raised
            errors[name] = error
            running.remove(name)
            continue
        if sample_time > 0 and elapsed < sample_time:
            number[name] = min(1000, max(1, int(sample_time / max(elapsed, 1e-7))))
    turn = 0
    while running:
        shift = turn % len(running)
        turn += 1
        for name in running[shift:] + running[:shift]:
            try:
                elapsed, cpu_time, result = _time_one_call(functions[name], number[name])
            except Exception as error:
                errors[name] = error
                running.remove(name)
                continue
            if name not in count and check is not None:
                check(name, result)
            del result
            best[name] = min(best.get(name, elapsed), elapsed)
            total[name] = total.get(name, 0.0) + elapsed
            cpu[name] = cpu.get(name, 0.0) + cpu_time
            count[name] = count.get(name, 0) + 1
            if total[name] >= min_time or count[name] >= max(1, max_repeats):
                timings[name] = Timing(best[name], count[name], total[name], cpu[name])
                running.remove(name)
                if done is not None:
                    done(name, timings[name])
    return timings, errors


def best_of(
    function: Callable[..., Any],
    *args: Any,
    min_time: float = 0.5,
    max_repeats: int = 5,
    warm_up: bool = False,
    sample_time: float = 0.0,
) -> Timing:
    """Time ``function(*args)`` alone, as :func:`race` times each contender; errors propagate.

    Examples
    --------
    >>> best_of(sorted, [3, 1, 2], min_time=0.0).repeats
    1
    >>> best_of(sorted, [3, 1, 2], min_time=60.0, max_repeats=4).repeats
    4
    """
    timings, errors = race(
        {"function": lambda: function(*args)},
        min_time=min_time,
        max_repeats=max_repeats,
        warm_up=("function",) if warm_up else (),
        sample_time=sample_time,
    )
    if errors:
        raise errors["function"]
    return timings["function"]


def extrapolate(seconds: float, from_size: float, to_size: float, exponent: float) -> float:
    """Scale a time measured at ``from_size`` to ``to_size``, for a cost ``~ size**exponent``.

    Examples
    --------
    >>> extrapolate(0.5, 1000, 10000, 2)
    50.0
    """
    return seconds * (to_size / from_size) ** exponent


def format_seconds(seconds: float) -> str:
    """A duration with three significant digits and a unit a reader takes in at a glance."""
    if seconds < 1e-3:
        return f"{_three_digits(seconds * 1e6)} µs"
    if seconds < 1.0:
        return f"{_three_digits(seconds * 1e3)} ms"
    if seconds < 120.0:
        return f"{_three_digits(seconds)} s"
    if seconds < 7200.0:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def _three_digits(value: float) -> str:
    """``1.3`` -> ``'1.30'``, ``48`` -> ``'48.0'``, ``833.2`` -> ``'833'``."""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def format_ratio(ratio: float) -> str:
    """A ratio of two times, such as ``'0.46×'`` (smaller is faster)."""
    return f"{_three_digits(ratio)}×"


class Footnotes:
    """Numbered footnotes; the same text gets the same number."""

    def __init__(self) -> None:
        self._texts: list[str] = []

    def mark(self, text: str) -> str:
        """The superscript number for ``text``, adding it if it is new."""
        if text not in self._texts:
            self._texts.append(text)
        return str(self._texts.index(text) + 1).translate(_SUPERSCRIPTS)

    def lines(self) -> list[str]:
        """One line per footnote, ``'¹ text'``, in order of first use."""
        return [
            f"{str(i).translate(_SUPERSCRIPTS)} {text}"
            for i, text in enumerate(self._texts, start=1)
        ]


class Table:
    """Rows of cells rendered as aligned text or as a Markdown pipe table.

    Parameters
    ----------
    headers : sequence of str
        The column titles.
    align : str, optional
        One letter per column, ``'l'`` or ``'r'``; by default the first column is left-aligned
        and the others right-aligned (names, then numbers).
    """

    def __init__(self, headers: Sequence[str], align: str | None = None) -> None:
        self.headers = [str(h) for h in headers]
        self.align = align or "l" + "r" * (len(self.headers) - 1)
        if len(self.align) != len(self.headers):
            raise ValueError(
                f"align has {len(self.align)} letters for {len(self.headers)} columns"
            )
        self.rows: list[list[str]] = []

    def add(self, cells: Iterable[object]) -> None:
        """Append one row; cells are turned into text with ``str``."""
        row = [str(c) for c in cells]
        if len(row) != len(self.headers):
            raise ValueError(f"a row has {len(row)} cells for {len(self.headers)} columns")
        self.rows.append(row)

    def _widths(self) -> list[int]:
        every = [self.headers, *self.rows]
        return [max(len(row[i]) for row in every) for i in range(len(self.headers))]

    def _justify(self, cells: Sequence[str], widths: Sequence[int]) -> list[str]:
        return [
            c.ljust(w) if a == "l" else c.rjust(w)
            for c, w, a in zip(cells, widths, self.align, strict=True)
        ]

    def to_text(self) -> str:
        """Columns padded with spaces, a dashed rule under the headers."""
        widths = self._widths()
        lines = ["  ".join(self._justify(self.headers, widths)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(self._justify(row, widths)).rstrip() for row in self.rows]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """A GitHub-flavoured Markdown table (readable as plain text too)."""
        widths = [max(w, 3) for w in self._widths()]
        rule = [
            "-" * (w + 1) + ":" if a == "r" else ":" + "-" * (w + 1)
            for w, a in zip(widths, self.align, strict=True)
        ]
        lines = ["| " + " | ".join(self._justify(self.headers, widths)) + " |"]
        lines.append("|" + "|".join(rule) + "|")
        lines += ["| " + " | ".join(self._justify(row, widths)) + " |" for row in self.rows]
        return "\n".join(lines)

    def render(self, markdown: bool = False) -> str:
        """:meth:`to_markdown` if ``markdown`` else :meth:`to_text`."""
        return self.to_markdown() if markdown else self.to_text()


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, ``'0.12 0.30 0.25'`` (``'unknown'`` off Unix)."""
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def machine_summary(distributions: Sequence[str] = ("numpy",)) -> str:
    """One line naming the machine, Python and the versions of ``distributions``.

    The load average is included where the system reports it: a busy machine slows every
    contender, and the line says so.
    """
    parts = [
        platform.platform(),
        _cpu_model(),
        f"{os.cpu_count()} CPUs",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
    ]
    parts += [f"{name} {_version(name)}" for name in distributions]
    if hasattr(os, "getloadavg"):
        parts.append(f"load average {load_average()}")
    if sys.flags.optimize:
        parts.append(f"python -O{'O' * (sys.flags.optimize - 1)}")
    return ", ".join(parts)
