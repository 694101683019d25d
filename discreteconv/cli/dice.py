"""``discreteconv dice``: the exact distribution of rolls written in dice notation.

This path is kept light, so that ``discreteconv dice 3d6`` answers well under half a second:
it imports neither numpy nor sympy, and matplotlib only for ``--plot``.

Examples
--------
>>> from discreteconv.cli import main
>>> main(["dice", "4d6dl1", "--at-least", "12"])
P(4d6dl1 >= 12) = 799/1296 (61.65%)
0
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import discreteconv

from ._format import _plain
from ._inputs import parse_numbers

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
