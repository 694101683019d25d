"""``discreteconv convolve`` and ``discreteconv explain``: two inputs, convolved or explained.

Both read A and B the same way (numbers or a file, see :mod:`discreteconv.cli._inputs`) and take
``--start`` and ``--correlate``, registered once by :func:`_add_common`.

Examples
--------
>>> from discreteconv.cli import main
>>> main(["convolve", "1,2,3,4", "1,1", "--mode", "valid"])
3, 5, 7
0
>>> main(["explain", "1,2,3", "0,1,2", "--at", "0", "--correlate", "--format", "json"])
{"n": 0, "value": "8", "terms": [...], "start": [0, 0], "correlate": true}
0
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import discreteconv

from ._format import _json, _latex, _nested, _plain, _scalar
from ._inputs import INPUT_HELP, parse_numbers, read_input


# -- reading A and B ----------------------------------------------------------------------------
def _add_common(parser: argparse.ArgumentParser) -> None:
    """The arguments every two-input subcommand shares: A, B, --start, --correlate."""
    parser.add_argument("a", metavar="A", help=INPUT_HELP)
    parser.add_argument("b", metavar="B", help="the second input, written the same way")
    parser.add_argument("--start", metavar="N[,M]",
                        help="index of the first entry: N for both inputs, or N,M for A and B")
    parser.add_argument("--correlate", action="store_true",
                        help="correlate (slide B without flipping it) instead of convolving")


def _starts(text: str | None) -> tuple[int | None, int | None]:
    """``--start N`` starts both inputs at N; ``--start NA,NB`` starts each at its own."""
    if text is None:
        return None, None
    starts = parse_numbers(text, "--start", integers=True)
    if len(starts) > 2:
        raise discreteconv.InvalidOptionError(
            f"--start takes one integer (both inputs) or two (A,B); received {text!r}")
    return starts[0], starts[-1]


def _two_inputs(args: argparse.Namespace) -> tuple[Any, Any, int, int]:
    """A and B, as Signals when ``--start`` was given, and their starts."""
    a, b = read_input(args.a, "A"), read_input(args.b, "B")
    start_a, start_b = _starts(args.start)
    if start_a is None or start_b is None:
        return a, b, 0, 0
    return discreteconv.Signal(a, start_a), discreteconv.Signal(b, start_b), start_a, start_b


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


def _run_check(args: argparse.Namespace, a: Any, b: Any) -> str:
    """``--check``: the float method's result measured against the exact one."""
    if args.correlate or isinstance(a, discreteconv.Signal):
        raise discreteconv.InvalidOptionError("--check measures a convolution of plain "
                                              "sequences: leave out --correlate and --start")
    method = "fft" if args.method == "auto" else args.method
    report = discreteconv.check_against_exact(a, b, method=method, mode=args.mode,
                                              rtol=args.rtol)
    if args.format == "json":
        return json.dumps({"method": report.method, "mode": report.mode,
                           "result": report.computed.tolist(),
                           "max_abs_error": report.max_abs_error,
                           "max_rel_error": report.max_rel_error,
                           "inaccurate": [list(i) for i in report.inaccurate],
                           "rtol": report.rtol, "bound": report.bound,
                           "bound_formula": report.bound_formula,
                           "bound_holds": report.bound_holds, "seconds": report.seconds},
                          default=str)  # mpmath numbers, as text with every digit
    return str(report)


def _run_convolve(args: argparse.Namespace) -> str:
    a, b, _, _ = _two_inputs(args)
    if args.check:
        return _run_check(args, a, b)
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
  discreteconv convolve signal.csv kernel.txt --format csv
  # what a float64 FFT gets wrong, against the exact result:
  discreteconv convolve 1,1e-30 1,1e-30 --check""",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_common(parser)
    parser.add_argument("--mode", default="full", metavar="MODE",
                        help="full (default), same, valid or circular")
    parser.add_argument("--method", default="auto", metavar="METHOD",
                        help=f"one of {methods} (default: auto, which keeps exact input exact)")
    parser.add_argument("--format", default="text",
                        choices=("text", "json", "csv", "markdown", "latex"),
                        help="output format (default: text)")
    parser.add_argument("--check", action="store_true",
                        help="run a float method (fft, or the one --method names) and report "
                             "its errors against the exact result and its a priori bound")
    parser.add_argument("--rtol", type=float, default=1e-12,
                        help="with --check: list outputs whose relative error exceeds this "
                             "(default 1e-12)")
    parser.set_defaults(handler=_run_convolve)


# -- explain ------------------------------------------------------------------------------------
def _explanation_json(work: Any, starts: tuple[int, int]) -> dict[str, Any]:
    terms = [{"k": t.k, "f_index": t.f_index, "f_value": _json(t.f_value),
              "g_index": t.g_index, "g_value": _json(t.g_value), "product": _json(t.product)}
             for t in work.terms]
    return {"n": work.n, "value": _json(work.value), "terms": terms, "start": list(starts),
            "correlate": work.correlate}


def _run_explain(args: argparse.Namespace) -> str:
    a, b, start_a, start_b = _two_inputs(args)
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
