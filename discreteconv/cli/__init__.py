"""The ``discreteconv`` command line, built with :mod:`argparse` over the public API only.

Each subcommand is registered by one small ``_add_<name>`` function listed in ``SUBCOMMANDS``;
it sets ``handler=`` to a function that takes the parsed arguments and returns the text to print.
Every :class:`discreteconv.DiscreteconvError` (and a file that cannot be read) becomes one line
``discreteconv: error: <message>`` on stderr and exit status 2, as argparse's usage errors do;
a dice-notation error keeps the two lines under it that show the text and a caret at the spot.

The subcommands live in their own modules: :mod:`~discreteconv.cli.convolve` (``convolve`` and
``explain``), :mod:`~discreteconv.cli.dice`, :mod:`~discreteconv.cli.poly` and
:mod:`~discreteconv.cli.integral` (``integral`` and ``check``). They read their
inputs with :mod:`~discreteconv.cli._inputs`, write numbers with :mod:`~discreteconv.cli._format`
and never import one another; this module holds what they share: the top-level parser, the
registry and :func:`main`.

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
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import discreteconv

from ._inputs import _Parser, parse_numbers, read_input
from .convolve import _add_convolve, _add_explain
from .dice import _add_dice
from .integral import _add_check, _add_integral
from .poly import _add_poly
from .poly import _factors as _factors  # re-exported: tests/test_cli_poly.py imports it here

__all__ = ["SUBCOMMANDS", "main", "parse_numbers", "read_input"]

PROG = "discreteconv"


# -- the parser ---------------------------------------------------------------------------------
#: The functions that register a subcommand, in the order ``--help`` lists them.
SUBCOMMANDS: list[Callable[[Any], None]] = [_add_convolve, _add_explain, _add_dice, _add_poly,
                                            _add_integral, _add_check]


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
  discreteconv integral "exp(-t)*u(t)" "u(t)-u(t-1)" --steps
  discreteconv check "u(t)" "u(t)" "t u(t)"
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
    """Run the command line; returns the exit status (0; 2 for any error; ``check``: 1 for a
    wrong answer).

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
    status = 0
    if isinstance(output, tuple):  # a handler with its own verdict: (text, exit status)
        output, status = output
    if output:
        try:
            print(output, flush=True)
        except BrokenPipeError:  # `discreteconv dice 1000d6 | head`: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that the exit flush does not fail
    return status
