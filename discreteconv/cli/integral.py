"""``discreteconv integral`` and ``discreteconv check``: continuous convolution from the shell.

The functions are text in the project's grammar (``exp(-t)*u(t)``, ``rect(t/2)``,
``delta(t-1)``), read by :func:`discreteconv.parse_function`, never evaluated.

Examples
--------
>>> from discreteconv.cli import main
>>> main(["integral", "exp(-t)*u(t)", "u(t)-u(t-1)"])
Piecewise((1 - exp(-t), (t >= 0) & (t < 1)), ((-1 + E)*exp(-t), t >= 1), (0, True))
0
>>> main(["check", "u(t)", "u(t)", "t u(t)"])
correct
0
>>> main(["check", "u(t)", "u(t)", "2 t u(t)", "--format", "json"])  # doctest: +ELLIPSIS
{"correct": false, ..., "hint": "the answer is 2 times the convolution: a constant factor is off"}
1
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import discreteconv

#: The output formats of ``integral``.
FORMATS = ("text", "latex", "markdown", "json")


def _numbers_only(expr: Any, t: Any, what: str) -> None:
    others = sorted(str(s) for s in expr.free_symbols if s != t)
    if others:
        raise discreteconv.InvalidOptionError(
            f"{what} draws numbers: the result depends on {', '.join(others)}; give the "
            f"parameters numeric values in the functions to draw it")


def _pictures(args: argparse.Namespace, f: Any, g: Any, result: Any, t: Any) -> list[str]:
    """Write --plot and --animate files; the lines saying where."""
    import sympy as sp

    written = []
    for option, path in (("--plot", args.plot), ("--animate", args.animate)):
        if path is None:
            continue
        for expr in (f, g, result):
            _numbers_only(expr, t, option)
        if option == "--plot":
            at = sp.Rational(args.at) if args.at is not None else None
            target = discreteconv.save_convolution_figure(
                f, g, t, result, at if at is not None else _middle(result, t), Path(path))
        else:
            target = discreteconv.animate_convolution(f, g, t, result, Path(path),
                                                      frames=args.frames)
        written.append(f"wrote {target}")
    return written


def _middle(result: Any, t: Any) -> Any:
    """A time worth drawing: the middle of the result's breakpoints (else 1)."""
    import sympy as sp

    points = sorted({float(sp.solve(a.args[0], t)[0]) for a in result.atoms(sp.Heaviside)}
                    | {float(r.rhs if r.lhs == t else r.lhs)
                       for r in result.atoms(sp.core.relational.Relational)
                       if t in r.free_symbols and not (r.lhs - r.rhs - t).has(t)
                       and (r.lhs == t or r.rhs == t)})
    return sp.Rational(str(round((points[0] + points[-1]) / 2, 3))) if points else sp.S.One


def _run_integral(args: argparse.Namespace) -> str:
    import sympy as sp

    from discreteconv.symbolic.integral import solve

    if args.steps:
        derivation = discreteconv.derive(args.f, args.g, args.variable, assume=args.assume)
        solution, result = None, derivation.result
    else:
        derivation = None
        solution = solve(args.f, args.g, args.variable, assume=args.assume)
        if args.verify:
            solution.verify()
        result = solution.result
    if args.plot or args.animate:
        inputs = (solution or solve(args.f, args.g, args.variable, assume=args.assume)).inputs
        f, g = (inputs.restore(e) for e in inputs.functions)
        lines = _pictures(args, f, g, result, inputs.t)
    else:
        lines = []
    variable = next((s for s in result.free_symbols if s.name == args.variable), args.variable)
    if args.format == "json":
        document: dict[str, Any] = {"result": sp.sstr(result), "latex": sp.latex(result),
                                    "variable": str(variable)}
        if derivation is not None:
            document["steps"] = [{"title": s.title, "text": s.text, "latex": s.latex}
                                 for s in derivation.steps]
        if lines:
            document["files"] = [line.removeprefix("wrote ") for line in lines]
        return json.dumps(document)
    if derivation is not None:
        shown = {"text": derivation.text, "latex": derivation.latex,
                 "markdown": derivation.markdown}[args.format]()
    else:
        shown = {"text": sp.sstr, "latex": sp.latex,
                 "markdown": lambda e: f"$$(f*g)({variable}) = {sp.latex(e)}$$"}[args.format](
                     result)
    return "\n".join([shown, *lines])


def _run_check(args: argparse.Namespace) -> tuple[str, int]:
    import sympy as sp

    report = discreteconv.check_answer(args.f, args.g, args.answer, args.variable,
                                       assume=args.assume)
    if args.format == "json":
        sample = None
        if report.sample is not None:
            sample = [str(value) for value in report.sample]
        text = json.dumps({"correct": report.correct, "expected": sp.sstr(report.expected),
                           "differences": [[str(lo), str(hi)] for lo, hi in report.differences],
                           "sample": sample, "hint": report.hint})
    else:
        text = "correct" if report.correct else f"wrong: {report}"
    return text, 0 if report.correct else 1


def _add_integral(commands: Any) -> None:
    parser = commands.add_parser(
        "integral", help="closed form of a convolution integral (f*g)(t)",
        description="The closed form of (f*g)(t) = integral f(tau) g(t - tau) dtau, as a\n"
                    "Piecewise on disjoint intervals of t; --steps shows the derivation (flip,\n"
                    "shift, the overlap ranges and each integral).\n\n"
                    "Functions: numbers, t, parameters (a, T, w ...), + - * / ^, implicit\n"
                    "products (2t, a t, 3(t-1)), u/step/Heaviside, rect, tri, ramp,\n"
                    "delta/DiracDelta, exp, sin, cos, sqrt, abs, sign, pi, e. Quote each one.",
        epilog="""Examples:
  discreteconv integral "exp(-t)*u(t)" "u(t)-u(t-1)"
  discreteconv integral "rect(t)" "rect(t)" --steps
  discreteconv integral "exp(-a t) u(t)" "exp(-b t) u(t)" --assume "a>0, b>0"
  discreteconv integral "exp(-t^2)" "exp(-t^2)" --format latex
  discreteconv integral "u(t)-u(t-2)" "exp(-t) u(t)" --plot conv.png --at 1.5
  discreteconv integral "rect(t)" "tri(t)" --animate conv.gif --format json""",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.minus_values = True
    parser.add_argument("f", metavar="F", help='the first function, e.g. "exp(-t)*u(t)"')
    parser.add_argument("g", metavar="G", help='the second function, e.g. "u(t)-u(t-1)"')
    _common(parser)
    parser.add_argument("--steps", action="store_true",
                        help="show the derivation step by step")
    parser.add_argument("--verify", action="store_true",
                        help="also check the result numerically (mpmath quadrature)")
    parser.add_argument("--format", default="text", choices=FORMATS,
                        help="output format (default: text); json has 'result' as text SymPy "
                             "can read")
    parser.add_argument("--plot", metavar="FILE",
                        help="save the flip-and-shift picture (.png or .svg)")
    parser.add_argument("--at", metavar="T",
                        help="the time the picture shows (default: mid-way)")
    parser.add_argument("--animate", metavar="FILE.gif",
                        help="save an animation of g(t - tau) sliding over f")
    parser.add_argument("--frames", type=int, default=60,
                        help="frames of the animation (default 60, at most 300)")
    parser.set_defaults(handler=_run_integral)


def _add_check(commands: Any) -> None:
    parser = commands.add_parser(
        "check", help="check an answer for a convolution integral",
        description="Is ANSWER the convolution of F and G? Prints 'correct' (exit 0) or where\n"
                    "it differs, a sample point with both values and a hint (exit 1).",
        epilog="""Examples:
  discreteconv check "u(t)" "u(t)" "t u(t)"
  discreteconv check "exp(-t) u(t)" "u(t)" "1 - exp(-t)"          # hint: multiply by u(t)
  discreteconv check "exp(-a t) u(t)" "u(t)" "(1-exp(-a t)) u(t)" --assume "a>0\"""",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.minus_values = True
    parser.add_argument("f", metavar="F", help="the first function")
    parser.add_argument("g", metavar="G", help="the second function")
    parser.add_argument("answer", metavar="ANSWER",
                        help="the answer to check, in Heaviside form or as a function of t")
    _common(parser)
    parser.add_argument("--format", default="text", choices=("text", "json"),
                        help="output format (default: text)")
    parser.set_defaults(handler=_run_check)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--assume", metavar="TEXT",
                        help='signs of the parameters, e.g. "a>0, b>0" or "T>0"')
    parser.add_argument("--variable", default="t", metavar="NAME",
                        help="the time variable (default: t)")
