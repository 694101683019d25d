"""The ``discreteconv`` command line, built with :mod:`argparse` over the public API only.

Each subcommand is registered by one small ``_add_<name>`` function listed in ``SUBCOMMANDS``;
it sets ``handler=`` to a function that takes the parsed arguments and returns the text to print.
Every :class:`discreteconv.DiscreteconvError` (and a file that cannot be read) becomes one line
``discreteconv: error: <message>`` on stderr and exit status 2, as argparse's usage errors do;
a dice-notation error keeps the two lines under it that show the text and a caret at the spot.

Examples
--------
>>> from discreteconv.cli import main
>>> main(["convolve", "1,2,3", "0,1,1"])
0, 1, 3, 5, 3
0
>>> main(["convolve", "1/2,1", "1/3,2", "--format", "json"])
{"result": ["1/6", "4/3", "2"], "start": 0, "mode": "full", "method": "auto", "correlate": false}
0
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import discreteconv

__all__ = ["SUBCOMMANDS", "main", "parse_numbers", "read_input"]

PROG = "discreteconv"
FILE_SUFFIXES = (".txt", ".csv", ".npy")
EXPECTED = "expected a number like 3, -2, 1/3 or 0.25"
_TOKEN = re.compile(r'"[^"]*"|[^,\s]+')  # one entry: a bare word or a "quoted" csv cell
_EMPTY_ENTRY = re.compile(r"(?:^|,)\s*(,)", re.MULTILINE)  # a comma with nothing before it
_NEGATIVE = re.compile(r"-[\d.]")  # -1,2 or -.5: a value, never an option

INPUT_HELP = (
    "comma-separated numbers (1,2,3; 1/3,0.25,-2) or a .txt, .csv or .npy file; "
    "a value may start with a minus sign (-1,2), or put -- before the inputs"
)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reads ``-1,2`` and ``-1/2`` as values, not as unknown options.

    With ``minus_values`` set (``discreteconv poly``), any word that starts with one minus sign
    and is not one of its options is a value too: ``-x^2+1``.
    """

    minus_values = False

    def _parse_optional(self, arg_string: str) -> Any:
        if _NEGATIVE.match(arg_string):
            return None
        if (self.minus_values and arg_string[:1] == "-" and arg_string[1:2] not in ("", "-")
                and arg_string not in self._option_string_actions):
            return None
        return super()._parse_optional(arg_string)


# -- reading numbers ----------------------------------------------------------------------------
def _number(token: str) -> int | Fraction | None:
    """``token`` as an int or an exact Fraction, or None if it is not a number."""
    try:
        return int(token)
    except ValueError:
        pass
    try:
        value = Fraction(token)
    except (ValueError, ZeroDivisionError):
        return None
    return int(value) if value.denominator == 1 else value


def _where(text: str, position: int, source: str | None, name: str) -> str:
    """``at position 4 of '1,2,abc'``, or ``at line 2, column 3 of data.txt`` for a file."""
    if source is None:
        option = f"{name} " if name.startswith("--") else ""
        low, high = max(position - 30, 0), position + 30  # a long input is quoted in part
        shown = ("..." if low else "") + text[low:high] + ("..." if high < len(text) else "")
        return f"at position {position} of {option}{shown!r}"
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return f"at line {line}, column {column} of {source}"


def _parse_line(text: str, start: int, stop: int, source: str | None, name: str,
                integers: bool = False) -> list[Any]:
    """The numbers in ``text[start:stop]``, separated by commas and/or whitespace."""
    empty = _EMPTY_ENTRY.search(text, start, stop)
    if empty:
        position = empty.start(1)
        raise discreteconv.NotationError(
            f"empty entry {_where(text, position, source, name)}: remove the extra comma",
            text, position)
    values = []
    for match in _TOKEN.finditer(text, start, stop):
        token = match.group().strip('"')
        value = _number(token)
        if value is None or (integers and not isinstance(value, int)):
            expected = "expected an integer like 4 or -1" if integers else EXPECTED
            raise discreteconv.NotationError(
                f"could not read {token!r} {_where(text, match.start(), source, name)}: {expected}",
                text, match.start())
        values.append(value)
    return values


def parse_numbers(text: str, name: str = "input", source: str | None = None,
                  integers: bool = False) -> list[Any]:
    """Read comma- or whitespace-separated numbers exactly, without ``eval``.

    Parameters
    ----------
    text : str
        For example ``"1, -2, 1/3, 0.25"``.
    name : str
        What the numbers are, for the message when there are none.
    source : str, optional
        The file the text came from; messages then give a line and column.
    integers : bool, default False
        Accept integers only.

    Returns
    -------
    list of int or Fraction
        Integers as ``int``, anything else as an exact ``Fraction`` (``0.25`` is ``1/4``).

    Raises
    ------
    discreteconv.NotationError
        For a token that is not a number; the message names it and its position.
    discreteconv.EmptyInputError
        When there is no number at all.

    Examples
    --------
    >>> parse_numbers("1/2, 0.25, -3, 4/2")
    [Fraction(1, 2), Fraction(1, 4), -3, 2]
    """
    values = _parse_line(text, 0, len(text), source, name, integers)
    if not values:
        raise discreteconv.EmptyInputError(
            f"{name} is empty{f' ({source})' if source else ''}; give numbers such as 1,2,3")
    return values


def _read_csv(text: str, name: str, source: str) -> list[Any]:
    """One row or one column gives a sequence; several of each give a 2-D list."""
    rows, offset = [], 0
    for line in text.splitlines(keepends=True):
        row = _parse_line(text, offset, offset + len(line), source, name)
        offset += len(line)
        if row:
            rows.append(row)
    if not rows:
        raise discreteconv.EmptyInputError(f"{name} is empty ({source})")
    if len(rows) == 1 or all(len(row) == 1 for row in rows):
        return [value for row in rows for value in row]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            raise discreteconv.ShapeError(
                f"row {number} of {source} has {len(row)} value(s) and row 1 has {len(rows[0])}; "
                "every row needs the same number")
    return rows


def _read_npy(path: Path, name: str) -> list[Any]:
    import numpy as np  # only here: the dice command never needs numpy

    try:
        array = np.load(path, allow_pickle=False)
    except (ValueError, EOFError) as error:
        raise discreteconv.NotationError(
            f"could not read {path} as a .npy array: {error}", str(path)) from None
    if array.size == 0:
        raise discreteconv.EmptyInputError(f"{name} is empty ({path})")
    return array.reshape(-1).tolist() if array.ndim == 0 else array.tolist()


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a long list of numbers is too long to be a file name
        return False


def read_input(argument: str, name: str) -> list[Any]:
    """The numbers an input argument gives: a list of them, or the contents of a file.

    A name ending in ``.txt``, ``.csv`` or ``.npy``, or naming a file that exists, is read as a
    file; anything else is read by :func:`parse_numbers`.
    """
    path = Path(argument)
    suffix = path.suffix.lower()
    if suffix not in FILE_SUFFIXES and not _is_file(path):
        return parse_numbers(argument, name)
    if suffix == ".npy":
        return _read_npy(path, name)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise discreteconv.NotationError(f"{path} is not a text file", str(path)) from None
    if suffix == ".csv":
        return _read_csv(text, name, str(path))
    return parse_numbers(text, name, str(path))


def _starts(text: str | None) -> tuple[int | None, int | None]:
    """``--start N`` starts both inputs at N; ``--start NA,NB`` starts each at its own."""
    if text is None:
        return None, None
    starts = parse_numbers(text, "--start", integers=True)
    if len(starts) > 2:
        raise discreteconv.InvalidOptionError(
            f"--start takes one integer (both inputs) or two (A,B); received {text!r}")
    return starts[0], starts[-1]


def _inputs(args: argparse.Namespace) -> tuple[Any, Any, int, int]:
    """A and B, as Signals when ``--start`` was given, and their starts."""
    a, b = read_input(args.a, "A"), read_input(args.b, "B")
    start_a, start_b = _starts(args.start)
    if start_a is None or start_b is None:
        return a, b, 0, 0
    return discreteconv.Signal(a, start_a), discreteconv.Signal(b, start_b), start_a, start_b


# -- writing numbers ----------------------------------------------------------------------------
def _scalar(value: Any) -> Any:
    """A numpy scalar as the Python number it holds; anything else unchanged."""
    return value.item() if hasattr(value, "item") and hasattr(value, "dtype") else value


def _plain(value: Any) -> str:
    value = _scalar(value)
    if isinstance(value, Fraction) and value.denominator == 1:
        return str(value.numerator)
    return repr(value) if isinstance(value, float) else str(value)


def _json(value: Any) -> Any:
    """Exact values as strings (``"7/2"``), finite floats as JSON numbers."""
    value = _scalar(value)
    if isinstance(value, float) and math.isfinite(value):
        return value
    return _plain(value)


def _latex(value: Any) -> str:
    value = _scalar(value)
    if isinstance(value, Fraction) and value.denominator != 1:
        sign = "-" if value < 0 else ""
        return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    return _plain(value)


def _nested(values: Any, render: Callable[[Any], Any]) -> Any:
    if isinstance(values, list | tuple):
        return [_nested(value, render) for value in values]
    return render(values)


# -- convolve -----------------------------------------------------------------------------------
def _format_result(values: list[Any], start: int | None, args: argparse.Namespace) -> str:
    rows = values if values and isinstance(values[0], list) else [values]
    two_d = rows is values
    first = start or 0
    if args.format == "json":
        return json.dumps({"result": _nested(values, _json), "start": first, "mode": args.mode,
                           "method": args.method, "correlate": args.correlate})
    if args.format == "csv":
        return "\n".join(",".join(_plain(v) for v in row) for row in rows)
    if args.format == "markdown":
        if two_d:
            head = "| |" + "".join(f" {j} |" for j in range(len(rows[0])))
            lines = [head, "|---:|" + "---:|" * len(rows[0])]
            lines += [f"| {i} | " + " | ".join(_plain(v) for v in row) + " |"
                      for i, row in enumerate(rows)]
            return "\n".join(lines)
        lines = ["| index | value |", "|---:|---:|"]
        return "\n".join(lines + [f"| {first + i} | {_plain(v)} |" for i, v in enumerate(values)])
    if args.format == "latex":
        if two_d:
            body = " \\\\\n".join(" & ".join(_latex(v) for v in row) for row in rows)
            return (rf"\left[\begin{{array}}{{{'r' * len(rows[0])}}}" + "\n" + body + "\n"
                    + r"\end{array}\right]")
        label = r"(a \star b)[n]" if args.correlate else r"(a * b)[n]"
        return "\n".join([
            rf"\begin{{array}}{{r|{'r' * len(values)}}}",
            "n & " + " & ".join(str(first + i) for i in range(len(values))) + r" \\ \hline",
            f"{label} & " + " & ".join(_latex(v) for v in values),
            r"\end{array}",
        ])
    text = "\n".join(", ".join(_plain(v) for v in row) for row in rows)
    return text if start is None else f"start {start}: {text}"


def _run_convolve(args: argparse.Namespace) -> str:
    a, b, _, _ = _inputs(args)
    operation = discreteconv.correlate if args.correlate else discreteconv.convolve
    result = operation(a, b, mode=args.mode, method=args.method)
    if isinstance(result, discreteconv.Signal):
        return _format_result([_scalar(v) for v in result.values], result.start, args)
    values = result.tolist() if hasattr(result, "tolist") else result
    return _format_result(values, None, args)


def _add_convolve(commands: Any) -> None:
    methods = ", ".join(("auto", *discreteconv.available_methods()))
    parser = commands.add_parser(
        "convolve", help="convolve (or correlate) two sequences exactly",
        description="Convolve A and B: (A*B)[n] = sum_k A[k] B[n-k].\n"
                    "Exact input (integers, fractions, decimals) gives exact output.",
        epilog="""Examples:
  discreteconv convolve 1,2,3 0,1,1                      # 0, 1, 3, 5, 3
  discreteconv convolve 1/2,1 1/3,2                      # 1/6, 4/3, 2
  # two dice: the number of ways to roll each total, from 2 up
  discreteconv convolve 1,1,1,1,1,1 1,1,1,1,1,1 --start 1 # start 2: 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1
  discreteconv convolve 1,2,3,4 1,1 --mode valid         # 3, 5, 7
  discreteconv convolve 1,2,3,4 0,1 --mode circular      # 4, 1, 2, 3
  discreteconv convolve 1,2,3 0,1,2 --correlate          # 2, 5, 8, 3, 0
  discreteconv convolve -1,2 3,4                         # -3, 2, 8
  discreteconv convolve -- -1,2 3,4                      # -3, 2, 8
  discreteconv convolve 0.5,2 2/3 --format json
  discreteconv convolve signal.csv kernel.txt --format csv""",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_common(parser)
    parser.add_argument("--mode", default="full", metavar="MODE",
                        help="full (default), same, valid or circular")
    parser.add_argument("--method", default="auto", metavar="METHOD",
                        help=f"one of {methods} (default: auto, which keeps exact input exact)")
    parser.add_argument("--format", default="text",
                        choices=("text", "json", "csv", "markdown", "latex"),
                        help="output format (default: text)")
    parser.set_defaults(handler=_run_convolve)


# -- explain ------------------------------------------------------------------------------------
def _explanation_json(work: Any, starts: tuple[int, int]) -> dict[str, Any]:
    terms = [{"k": t.k, "f_index": t.f_index, "f_value": _json(t.f_value),
              "g_index": t.g_index, "g_value": _json(t.g_value), "product": _json(t.product)}
             for t in work.terms]
    return {"n": work.n, "value": _json(work.value), "terms": terms, "start": list(starts),
            "correlate": work.correlate}


def _run_explain(args: argparse.Namespace) -> str:
    a, b, start_a, start_b = _inputs(args)
    indices = [n for text in args.at for n in parse_numbers(text, "--at", integers=True)]
    works = [discreteconv.explain(a, b, n, correlate=args.correlate) for n in indices]
    if args.format == "json":
        found = [_explanation_json(work, (start_a, start_b)) for work in works]
        return json.dumps(found[0] if len(found) == 1 else found)
    render = {"markdown": "to_markdown", "latex": "to_latex"}.get(args.format, "to_text")
    return "\n\n".join(getattr(work, render)() for work in works)


def _add_explain(commands: Any) -> None:
    parser = commands.add_parser(
        "explain", help="work out entries of a convolution by hand: flip, shift, multiply, sum",
        description="Show how (f*g)[n] is computed: the pairs f[k] g[n-k] that overlap at n,\n"
                    "their products and their sum. A is f and B is g.",
        epilog="""Examples:
  # posts per hour (hours 0-5) and likes per post by hours since posting: likes in hour 4
  discreteconv explain 3,0,5,0,2,1 5,4,3,2,1 --at 4      # ... = 28
  discreteconv explain 3,0,5,0,2,1 5,4,3,2,1 --at 1,4,6 --format json
  discreteconv explain 1,2,3 0,1,2 --at 0 --correlate    # ... = 8
  discreteconv explain 1,2,3 1,1 --at 3 --start 2,0 --format latex""",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_common(parser)
    parser.add_argument("--at", action="append", required=True, metavar="N",
                        help="the output index to explain; repeat it or give several: --at 1,4")
    parser.add_argument("--format", default="text", choices=("text", "json", "markdown", "latex"),
                        help="output format (default: text); json gives one object per --at "
                             "index, a list when there are several")
    parser.set_defaults(handler=_run_explain)


# -- dice ---------------------------------------------------------------------------------------
#: The events --at-least and --at-most ask about: (Distribution method and argument name,
#: option, symbol).
_EVENTS = (("at_least", "--at-least", ">="), ("at_most", "--at-most", "<="))


def _thresholds(args: argparse.Namespace, name: str, option: str) -> list[Any]:
    return [n for text in getattr(args, name) or () for n in parse_numbers(text, option)]


def _event_lines(rolls: list[tuple[str, Any]], args: argparse.Namespace) -> list[str]:
    """``P(4d6dl1 >= 12) = 799/1296 (61.65%)`` for each roll and each --at-least / --at-most."""
    from discreteconv.dist.render import format_percent, format_probability

    lines = []
    for expression, dist in rolls:
        for name, option, symbol in _EVENTS:
            for value in _thresholds(args, name, option):
                probability = getattr(dist, name)(value)
                shown = format_probability(probability)  # "≈7.059e-779" when too long
                shown = f"≈ {shown[1:]}" if shown.startswith("≈") else f"= {shown}"
                lines.append(f"P({expression} {symbol} {_plain(value)}) {shown} "
                             f"({format_percent(probability)})")
    return lines


def _dice_json(expression: str, dist: Any, args: argparse.Namespace) -> dict[str, Any]:
    """:func:`~discreteconv.dist.render.json_document`, plus ``at_least`` / ``at_most``
    ``{"N": "p/q"}`` when asked for."""
    from discreteconv.dist.render import format_probability, json_document

    document = json_document(dist, expression)
    for name, option, _ in _EVENTS:
        values = _thresholds(args, name, option)
        if values:
            document[name] = {_plain(v): format_probability(getattr(dist, name)(v), exact=True)
                              for v in values}
    return document


def _dice_table(expression: str, dist: Any, args: argparse.Namespace, several: bool) -> str:
    if args.format == "markdown":
        return f"### {expression}\n\n{dist.to_markdown()}" if several else dist.to_markdown()
    if args.format == "latex":
        return f"% {expression}\n{dist.to_latex()}" if several else dist.to_latex()
    return f"{expression}\n{dist.to_text(bars=not args.no_bars)}"


def _dice_csv(rolls: list[tuple[str, Any]]) -> str:
    """One roll: its CSV; several: one CSV with an ``expression`` column in front."""
    if len(rolls) == 1:
        return rolls[0][1].to_csv()
    lines = ["expression,outcome,probability,percent"]
    for expression, dist in rolls:
        cell = '"' + expression.replace('"', '""') + '"' if any(
            c in expression for c in ',"\n') else expression
        lines += [f"{cell},{row}" for row in dist.to_csv().splitlines()[1:]]
    return "\n".join(lines)


def _run_dice(args: argparse.Namespace) -> str:
    if args.plot is not None:
        from discreteconv.plot import SUFFIXES

        if Path(args.plot).suffix.lower() not in SUFFIXES:
            raise discreteconv.InvalidOptionError(
                f"--plot must name a {' or '.join(SUFFIXES)} file; received {args.plot!r}")
    rolls = [(expression, discreteconv.dice(expression)) for expression in args.expressions]
    if args.format == "json":
        found = [_dice_json(expression, dist, args) for expression, dist in rolls]
        output = json.dumps(found[0] if len(found) == 1 else found)
    elif args.at_least or args.at_most:
        output = "\n".join(_event_lines(rolls, args))
    elif args.format == "csv":
        output = _dice_csv(rolls)
    else:
        several = len(rolls) > 1
        output = "\n\n".join(_dice_table(expression, dist, args, several)
                             for expression, dist in rolls)
    if args.plot is not None:  # after the output, so a bad --at-least leaves no file behind
        from discreteconv.plot import plot_distributions

        plot_distributions([dist for _, dist in rolls], labels=args.expressions, kind=args.kind,
                           path=args.plot)
    return output


def _add_dice(commands: Any) -> None:
    parser = commands.add_parser(
        "dice", help="exact probabilities of dice rolls written in dice notation",
        description="The exact distribution of each roll: every outcome with its probability as\n"
                    "a fraction and a percentage, the chance of at least / at most it, and the\n"
                    "mean, variance and standard deviation. Several rolls are shown one after\n"
                    "another (and side by side in --plot).\n\n"
                    "Notation: NdX, dX, d%, dF, d{1,2,2,3}; keep/drop kh kl dh dl (4d6dl1);\n"
                    "exploding ! !>5; rerolls r1 ro1; + - * /; max(...), min(...); comparisons\n"
                    "< <= > >= = != give False/True. Quote an expression that has spaces or\n"
                    "< > ! in it.",
        epilog="""Examples:
  discreteconv dice 3d6
  discreteconv dice 3d6 4d6dl1                           # one table after the other
  discreteconv dice 4d6dl1 --at-least 12                 # P(4d6dl1 >= 12) = 799/1296 (61.65%)
  discreteconv dice "2d20kh1 + 5" --at-least 15,20 --at-most 10
  discreteconv dice "3d6 >= 10"                          # False/True
  discreteconv dice 2d6 --format json
  discreteconv dice 3d6 "d6!" --format csv
  discreteconv dice 3d6 4d6dl1 --plot rolls.png          # a bar chart of both
  discreteconv dice 3d6 4d6dl1 --plot rolls.svg --kind at_least""",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("expressions", nargs="+", metavar="EXPR",
                        help='dice notation such as 3d6, 4d6dl1 or "2d20kh1 + 5"')
    parser.add_argument("--format", default="text",
                        choices=("text", "json", "csv", "markdown", "latex"),
                        help="output format (default: text); json gives one object per "
                             "expression, a list when there are several")
    parser.add_argument("--at-least", action="append", metavar="N",
                        help="print only P(EXPR >= N) for each expression; repeat it or give "
                             "several: --at-least 10,15 (json: added as at_least)")
    parser.add_argument("--at-most", action="append", metavar="N",
                        help="print only P(EXPR <= N), likewise (json: added as at_most)")
    parser.add_argument("--plot", metavar="FILE",
                        help="also draw the distributions into FILE (.png or .svg)")
    parser.add_argument("--kind", default="pmf", choices=("pmf", "cdf", "at_least"),
                        help="what --plot draws: pmf (bars, default), cdf (at most) or at_least")
    parser.add_argument("--no-bars", action="store_true",
                        help="text format: leave out the bar chart column")
    parser.set_defaults(handler=_run_dice)


# -- poly ---------------------------------------------------------------------------------------
def _factors(text: str) -> list[str]:
    """The factors written at the top level of ``text``, split at ``*`` and before a bracket
    that multiplies what precedes it: ``(1+2x)(3-x^2)`` and ``(1+2x)*(3-x^2)`` both give
    ``['(1+2x)', '(3-x^2)']``. The caller checks that the parts multiply back to the text."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            before = text[start:index].rstrip()
            if depth == 0 and before and before[-1] not in "+-*/^([":
                parts.append(text[start:index])
                start = index
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "*" and depth == 0 and "*" not in (text[index - 1:index],
                                                         text[index + 1:index + 2]):
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def _two_factors(args: argparse.Namespace, polynomials: list[Any], product: Any) -> list[Any]:
    """The two polynomials --explain multiplies: the two expressions given, or the two factors
    of the one expression given when it is written as a product of two."""
    if len(polynomials) == 2:
        return polynomials
    if len(polynomials) == 1:
        parts = _factors(args.expressions[0])
        if len(parts) == 2 and all(parts):
            try:
                factors = [_polynomial(part, args.variables) for part in parts]
            except discreteconv.NotationError:
                factors = []
            if factors and factors[0] * factors[1] == product:
                return factors
    received = (f"{args.expressions[0]!r}, which is not written as a product of two"
                if len(polynomials) == 1 else f"{len(polynomials)} expressions")
    raise discreteconv.InvalidOptionError(
        f"--explain shows the product of two factors; received {received}: give the factors "
        "as two expressions, as in discreteconv poly \"1+2x\" \"3-x^2\" --explain, or write "
        "one as (1+2x)(3-x^2)")


def _polynomial(text: str, variables: tuple[str, ...] | None) -> Any:
    if variables is None:
        return discreteconv.Polynomial(text)
    return discreteconv.Polynomial(text, variables=variables)


def _variables(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    names = tuple(name.strip() for name in text.split(","))
    if not all(name.isidentifier() for name in names):
        raise discreteconv.InvalidOptionError(
            f"--variables takes names separated by commas, such as x or x,y; received {text!r}")
    return names


def _product_json(work: Any) -> dict[str, Any]:
    """The rows of :func:`discreteconv.explain_product`: ``c_n = sum_k a_k b_(n-k)``."""
    rows = [{"n": row.n, "value": _json(row.value),
             "terms": [{"k": t.k, "a": _json(t.f_value), "b": _json(t.g_value),
                        "product": _json(t.product)} for t in row.terms]}
            for row in work.rows]
    return {"a": _nested(work.left.coefficients, _json),
            "b": _nested(work.right.coefficients, _json), "rows": rows}


def _run_poly(args: argparse.Namespace) -> str:
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # write every digit: 2^2^2^2^2 has 19,729 (the default: 4,300)
    try:
        return _poly_output(args)
    finally:
        sys.set_int_max_str_digits(limit)


def _poly_output(args: argparse.Namespace) -> str:
    args.variables = _variables(args.variables)
    polynomials = [_polynomial(text, args.variables) for text in args.expressions]
    product = polynomials[0]
    for factor in polynomials[1:]:
        product = product * factor
    work = None
    if args.explain:
        left, right = _two_factors(args, polynomials, product)
        work = discreteconv.explain_product(left, right)
    if args.format == "json":
        document = {"expression": str(product), "variables": list(product.variables),
                    "coefficients": _nested(product.coefficients, _json)}
        if work is not None:
            document["explanation"] = _product_json(work)
        return json.dumps(document)
    if args.format == "latex":
        shown = product._repr_latex_()
        return shown if work is None else f"{shown}\n\n{work.to_latex()}"
    return str(product) if work is None else f"{product}\n\n{work.to_text()}"


def _add_poly(commands: Any) -> None:
    parser = commands.add_parser(
        "poly", help="expand polynomials exactly; show a product as a convolution",
        description="Expand the product of the polynomials EXPR (one or more) exactly. With\n"
                    "--explain, show how each coefficient of a product of two factors is a\n"
                    "convolution of theirs: c_n = sum_k a_k b_(n-k). The factors are the two\n"
                    "expressions given, or the two halves of one written as (...)(...) or\n"
                    "(...)*(...).\n\n"
                    "Notation: + - * ^ and brackets; 2x means 2*x; integers of any size and\n"
                    "fractions such as 1/2 stay exact. Quote an expression that has spaces,\n"
                    "brackets or ^ in it.",
        epilog="""Examples:
  discreteconv poly "(1+2x)^3*(x-1)"                     # 8*x**4 + 4*x**3 - 6*x**2 - 5*x - 1
  discreteconv poly "(1+2x)(3-x^2)" --explain            # the table of c_n = sum_k a_k b_(n-k)
  discreteconv poly "1+2x" "3-x^2" --explain             # the same: two expressions, two factors
  discreteconv poly "(x+y)^2" --format json              # coefficients nested: x, then y
  discreteconv poly "(x/2 + 1/3)^2" --format latex
  discreteconv poly "(x+x^2+x^3+x^4+x^5+x^6)^3"          # 3d6: ways to roll 3 .. 18
  discreteconv poly "-x^2 + 1" "(1+x)"                   # a leading minus needs no --""",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.minus_values = True
    parser.add_argument("expressions", nargs="+", metavar="EXPR",
                        help='a polynomial such as "(1+2x)^3*(x-1)"; several are multiplied')
    parser.add_argument("--explain", action="store_true",
                        help="show the product of two factors as a convolution table")
    parser.add_argument("--variables", metavar="NAMES",
                        help="the variables in order, separated by commas (x,y); by default "
                             "the names in EXPR")
    parser.add_argument("--format", default="text", choices=("text", "json", "latex"),
                        help="output format (default: text); json gives coefficients lowest "
                             "power first, exact numbers as strings")
    parser.set_defaults(handler=_run_poly)


# -- the parser ---------------------------------------------------------------------------------
def _add_common(parser: argparse.ArgumentParser) -> None:
    """The arguments every two-input subcommand shares: A, B, --start, --correlate."""
    parser.add_argument("a", metavar="A", help=INPUT_HELP)
    parser.add_argument("b", metavar="B", help="the second input, written the same way")
    parser.add_argument("--start", metavar="N[,M]",
                        help="index of the first entry: N for both inputs, or N,M for A and B")
    parser.add_argument("--correlate", action="store_true",
                        help="correlate (slide B without flipping it) instead of convolving")


#: The functions that register a subcommand, in the order ``--help`` lists them.
SUBCOMMANDS: list[Callable[[Any], None]] = [_add_convolve, _add_explain, _add_dice, _add_poly]


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Exact convolution from the command line: (f*g)[n] = sum_k f[k] g[n-k].",
        epilog="""Examples:
  discreteconv convolve 1,2,3 0,1,1
  discreteconv convolve 1/2,1 1/3,2 --format json
  discreteconv explain 3,0,5,0,2,1 5,4,3,2,1 --at 4
  discreteconv dice 3d6 4d6dl1 --at-least 12
  discreteconv poly "(1+2x)(3-x^2)" --explain
  discreteconv COMMAND --help""",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {discreteconv.__version__}")
    commands = parser.add_subparsers(title="commands", dest="command", required=True,
                                     metavar="COMMAND")
    for register in SUBCOMMANDS:
        register(commands)
    return parser


def _message(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"could not read {error.filename}: {error.strerror}"
    if isinstance(error, discreteconv.NotationError) and "\n  " in str(error):
        return str(error)  # dice notation: keep the text and the caret under the spot
    return " ".join(str(error).splitlines())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, or 2 for any error).

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name (default: ``sys.argv[1:]``).
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        output = args.handler(args)
    except (discreteconv.DiscreteconvError, OSError) as error:
        print(f"{PROG}: error: {_message(error)}", file=sys.stderr)
        return 2
    if output:
        try:
            print(output, flush=True)
        except BrokenPipeError:  # `discreteconv dice 1000d6 | head`: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that the exit flush does not fail
    return 0
