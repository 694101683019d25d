"""Reporting and command-line pieces shared by ``exact.py``, ``poly.py`` and ``dice.py``.

:mod:`_timing` times things and formats single values; this module turns what the scripts
measured into their printed output: progress lines, table cells with footnotes, the report
around the tables (Markdown or text), and the ``--quick``/``--budget``/``--min-time`` options
of the scripts that sweep over sizes.

Examples
--------
>>> positive_ints("1000,1e4")
[1000, 10000]
>>> notes = _timing.Footnotes()
>>> cell("1.30 ms", "dc:auto", "n = 10", {}, {}, notes)
'1.30 ms'
>>> cell(None, "sympy", "n = 10", {}, {"sympy": "too slow"}, notes), notes.lines()
('—¹', ['¹ too slow'])
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

import _timing

try:  # the one import of the optional python-flint, the yardstick of every script here
    import flint
except ImportError:  # pip install 'discreteconv[bench]'
    flint = None

__all__ = [
    "Measured",
    "Sweep",
    "cell",
    "log",
    "positive_ints",
    "race_into",
    "ratio_cells",
    "render",
    "time_cells",
]


class _Row(Protocol):
    """What :func:`time_cells`, :func:`ratio_cells` and :func:`race_into` use of a row."""

    seconds: dict[str, float]
    repeats: dict[str, int]
    skipped: dict[str, str]
    problems: dict[str, str]

    def ratio(self, name: str, to: str | None = None) -> float | None: ...


@dataclass(kw_only=True)
class Measured:
    """What one row of a table measured, by contender: the base of each script's ``Row``.

    The fields are keyword-only, so that a ``Row``'s own fields come first: ``Row(1000)``.
    """

    #: What :meth:`ratio` compares with when not told.
    yardstick: ClassVar[str] = "python-flint"

    seconds: dict[str, float] = field(default_factory=dict)
    repeats: dict[str, int] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # contender -> what went wrong

    def ratio(self, name: str, to: str | None = None) -> float | None:
        """``name``'s time over ``to``'s (default :attr:`yardstick`), where both were timed."""
        to = self.yardstick if to is None else to
        if name in self.seconds and self.seconds.get(to, 0) > 0:
            return self.seconds[name] / self.seconds[to]
        return None


def padded(coefficients: list[int], size: int) -> list[int]:
    """``coefficients`` extended with zeros to ``size`` (FLINT and SymPy trim trailing zeros)."""
    coefficients.extend([0] * (size - len(coefficients)))
    return coefficients


def flint_product(a: list[int], b: list[int]) -> list[int]:
    """python-flint's ``fmpz_poly`` product, conversions included: the yardstick contender."""
    product = [int(c) for c in (flint.fmpz_poly(a) * flint.fmpz_poly(b)).coeffs()]
    return padded(product, len(a) + len(b) - 1)


def log(quiet: bool, text: str) -> None:
    """A progress line on stderr, unless ``quiet``."""
    if not quiet:
        print(text, file=sys.stderr, flush=True)


# -- timing a row ------------------------------------------------------------------------------
def race_into(
    row: Any,
    runs: Mapping[str, Callable[[], Any]],
    label: str,
    quiet: bool,
    *,
    min_time: float,
    max_repeats: int,
    warm_up: Collection[str] = (),
    check: Callable[[str, Any], None] | None = None,
    batches: Mapping[str, int] | None = None,
) -> dict[str, _timing.Timing]:
    """Race ``runs`` (:func:`_timing.race`) and put the times and errors into ``row``.

    A progress line ``'  {label} {name}: ...'`` is logged as each contender finishes or fails;
    a problem ``check`` recorded in ``row.problems`` is flagged as a ``MISMATCH``. With
    ``batches``, each timed call of ``name`` made ``batches[name]`` calls: times are divided
    and repeats multiplied by it. Returns the timings of the contenders that did not raise.
    """
    sizes = batches or {}

    def done(name: str, timing: _timing.Timing) -> None:
        size = sizes.get(name, 1)
        flag = f"  MISMATCH: {row.problems[name]}" if name in row.problems else ""
        calls = f"{timing.repeats} × {size}" if batches else f"{timing.repeats}"
        log(quiet, f"  {label} {name}: {_timing.format_seconds(timing.seconds / size)} "
                   f"(best of {calls}){flag}")

    timings, errors = _timing.race(runs, min_time=min_time, max_repeats=max_repeats,
                                   warm_up=warm_up, check=check, done=done)
    for name, timing in timings.items():
        row.seconds[name] = timing.seconds / sizes.get(name, 1)
        row.repeats[name] = timing.repeats * sizes.get(name, 1)
    for name, error in errors.items():
        row.problems[name] = f"raised {type(error).__name__}: {error}"
        log(quiet, f"  {label} {name}: ERROR {row.problems[name]}")
    return timings


# -- table cells -------------------------------------------------------------------------------
def cell(text: str | None, name: str, where: str, problems: Mapping[str, str],
         skipped: Mapping[str, str], notes: _timing.Footnotes) -> str:
    """``text`` for contender ``name``, flagged (``ERROR``/``MISMATCH``) with a footnote when it
    has a problem; a footnoted ``—`` with the reason it was skipped when ``text`` is None."""
    if name in problems:
        shown = text if text is not None else _timing.SKIPPED
        problem = problems[name]
        mark = notes.mark(f"{name} at {where}: {problem}")
        return f"{shown} {'ERROR' if problem.startswith('raised') else 'MISMATCH'}{mark}"
    if text is not None:
        return text
    return _timing.SKIPPED + notes.mark(skipped.get(name, "not measured"))


def time_cells(row: _Row, names: Sequence[str], where: str,
               notes: _timing.Footnotes) -> list[str]:
    """One cell per contender of ``names``: its time, or why there is none."""
    return [
        cell(_timing.format_seconds(row.seconds[name]) if name in row.seconds else None,
             name, where, row.problems, row.skipped, notes)
        for name in names
    ]


def ratio_cells(row: _Row, names: Sequence[str], yardstick: str, where: str,
                notes: _timing.Footnotes) -> list[str]:
    """One cell per contender of ``names``: its time over ``yardstick``'s, or why there is none."""
    cells = []
    for name in names:
        ratio = row.ratio(name, yardstick)
        text = _timing.format_ratio(ratio) if ratio is not None else None
        if text is None and name in row.seconds:
            text = _timing.SKIPPED + notes.mark(f"no {yardstick} time to compare with")
        cells.append(cell(text, name, where, row.problems, row.skipped, notes))
    return cells


# -- the report --------------------------------------------------------------------------------
def render(
    *,
    title: str,
    machine: str,
    setup: str,
    sections: Sequence[tuple[str, _timing.Table]],
    notes: _timing.Footnotes,
    targets: Sequence[str],
    problems: Sequence[str],
    markdown: bool,
    targets_heading: str = "Targets",
    problems_heading: str = "WRONG OR FAILED RESULT(S)",
    break_on_hyphens: bool = True,
) -> str:
    """The whole report: title, machine, setup, each ``(heading, table)``, the footnotes, the
    target lines, the load average and a loud banner listing ``problems``, if any.

    Headings are written with a trailing ``':'``, which plain text drops.
    """
    out = []
    if markdown:
        out += [f"**{title}**", "", f"Machine: {machine}", "", setup, ""]
        for heading, table in sections:
            out += [heading, "", table.to_markdown(), ""]
        if notes.lines():
            out += [*(f"- {line}" for line in notes.lines()), ""]
        out += [f"{targets_heading}:", "", *(f"- {line}" for line in targets)]
    else:
        wrapped = textwrap.wrap(setup, 100, break_on_hyphens=break_on_hyphens)
        out += [title, f"machine: {machine}", *wrapped, ""]
        for heading, table in sections:
            out += [heading.rstrip(":"), table.to_text(), ""]
        if notes.lines():
            out += [*notes.lines(), ""]
        out += [targets_heading, *targets]
    out += ["", f"Load average at the end of the run: {_timing.load_average()}"]
    if problems:
        banner = "!" * 78
        out += ["", banner, f"!!! {len(problems)} {problems_heading}:"]
        out += [f"!!!   {line}" for line in problems] + [banner]
    return "\n".join(out)


# -- command line ------------------------------------------------------------------------------
def positive_ints(text: str) -> list[int]:
    """``'1000,1e4'`` -> ``[1000, 10000]``: the ``type`` of a comma-separated option."""
    values = []
    for part in text.split(","):
        number = float(part) if any(c in part for c in ".eE") else int(part)
        if number != int(number) or int(number) < 1:
            raise argparse.ArgumentTypeError(f"expected positive integers, received {part!r}")
        values.append(int(number))
    return values


@dataclass(frozen=True)
class Sweep:
    """The options of a script that times contenders over a list of sizes.

    ``attribute`` names the list option (``'sizes'`` for ``--sizes``), which ``--quick`` cuts
    to the sizes up to ``quick_max``; ``estimated`` says which contenders ``--budget`` limits.
    """

    attribute: str
    quick_max: int
    estimated: str
    budget: float
    quick_budget: float
    min_time: float
    max_repeats: int

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """``--quick``, ``--markdown``, ``--budget``, ``--min-time``, ``--max-repeats``,
        ``--seed`` and ``--quiet`` (after the script's own options)."""
        parser.add_argument("--quick", action="store_true",
                            help=f"keep {self.attribute} up to {self.quick_max} and a "
                            f"{self.quick_budget:g} s budget")
        parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
        parser.add_argument("--budget", type=float, default=None,
                            help=f"seconds a {self.estimated} call may be estimated to take "
                            f"(default {self.budget:g}, {self.quick_budget:g} with --quick)")
        parser.add_argument("--min-time", type=float, default=self.min_time,
                            help="repeat a call until this many seconds are spent "
                            f"(default {self.min_time:g})")
        parser.add_argument("--max-repeats", type=int, default=self.max_repeats,
                            help=f"at most this many calls per cell (default {self.max_repeats})")
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")

    def parse(self, parser: argparse.ArgumentParser,
              argv: Sequence[str] | None) -> argparse.Namespace:
        """Parse ``argv``; apply ``--quick`` and the default budget; sort the sizes."""
        options = parser.parse_args(argv)
        sizes = getattr(options, self.attribute)
        if options.quick:
            sizes = [n for n in sizes if n <= self.quick_max]
            if not sizes:
                parser.error(f"--quick keeps {self.attribute} up to {self.quick_max}; none of "
                             f"--{self.attribute} is")
        if options.budget is None:
            options.budget = self.quick_budget if options.quick else self.budget
        setattr(options, self.attribute, sorted(set(sizes)))
        return options
