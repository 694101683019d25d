"""The command line: ``discreteconv integral`` and ``discreteconv check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sympy as sp
from _helpers import cli_error, cli_ok

from discreteconv.cli import main

t = sp.Symbol("t", real=True)


def test_integral_prints_the_piecewise_result(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli_ok(capsys, "integral", "exp(-t)*u(t)", "u(t)-u(t-1)")
    assert out == ("Piecewise((1 - exp(-t), (t >= 0) & (t < 1)), ((-1 + E)*exp(-t), t >= 1), "
                   "(0, True))")


def test_json_result_is_text_sympy_reads_back(capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(cli_ok(capsys, "integral", "rect(t)", "rect(t)", "--format", "json"))
    assert set(document) == {"result", "latex", "variable"}
    result = sp.sympify(document["result"], locals={"t": t})  # our own output, not user text
    for point, value in ((-0.5, 0.5), (0, 1), (0.25, 0.75), (2, 0)):
        assert float(result.subs(t, point)) == pytest.approx(value)
    assert "\\begin{cases}" in document["latex"]


def test_steps_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    text = cli_ok(capsys, "integral", "u(t)", "u(t)-u(t-1)", "--steps")
    assert "Flip g" in text and "∫_{t - 1}^t 1 dτ = 1" in text
    latex = cli_ok(capsys, "integral", "u(t)", "u(t)-u(t-1)", "--steps", "--format", "latex")
    assert "\\int" in latex
    markdown = cli_ok(capsys, "integral", "u(t)", "u(t)-u(t-1)", "--steps", "--format",
                      "markdown")
    assert markdown.startswith("**$(f*g)")
    document = json.loads(cli_ok(capsys, "integral", "u(t)", "u(t)-u(t-1)", "--steps",
                                 "--format", "json"))
    assert [step["title"] for step in document["steps"]][:3] == [
        "Write f and g piece by piece", "Flip g", "Shift g by t"]


def test_assumptions_and_a_leading_minus(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli_ok(capsys, "integral", "exp(-a t) u(t)", "u(t)", "--assume", "a>0")
    assert out == "Piecewise(((1 - exp(-a*t))/a, t >= 0), (0, True))"
    assert cli_ok(capsys, "integral", "-t u(t)", "u(t)", "--verify") == \
        "Piecewise((-t**2/2, t >= 0), (0, True))"


def test_other_variable(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli_ok(capsys, "integral", "u(x)", "u(x)", "--variable", "x")
    assert out == "Piecewise((x, x >= 0), (0, True))"


def test_plot_and_animation_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    png, gif = tmp_path / "conv.png", tmp_path / "conv.gif"
    out = cli_ok(capsys, "integral", "rect(t)", "rect(t)", "--plot", str(png), "--at", "0.5",
                 "--animate", str(gif), "--frames", "4")
    assert out.splitlines()[1:] == [f"wrote {png}", f"wrote {gif}"]
    assert png.read_bytes().startswith(b"\x89PNG")
    assert gif.read_bytes().startswith(b"GIF8")


def test_check_right_and_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_ok(capsys, "check", "u(t)", "u(t)", "t u(t)") == "correct"
    assert main(["check", "exp(-t) u(t)", "u(t)", "1 - exp(-t)"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("wrong: differs for t < 0") and "multiply by u(t)" in out
    assert main(["check", "u(t)", "u(t)", "2t u(t)", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["correct"] is False and "factor" in document["hint"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["integral", "exp(-t) u(t", "u(t)"], "unexpected end of input at column 12"),
        (["integral", "foo(t)", "u(t)"], "unknown function 'foo'"),
        (["integral", "u(t)", "1"], "diverges"),
        (["integral", "u(t)-u(t-T1)", "u(t)-u(t-T2)", "--assume", "T1>0, T2>0"],
         "cannot tell whether the breakpoint"),
        (["integral", "exp(-a t) u(t)", "u(t)", "--assume", "a>0", "--plot", "x.png"],
         "--plot draws numbers: the result depends on a"),
        (["integral", "rect(t)", "rect(t)", "--plot", "x.jpg"], ".jpg"),
        (["check", "u(t)", "u(t)", "t u(t"], "unexpected end of input"),
    ],
)
def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], argv: list[str],
                             message: str) -> None:
    lines = cli_error(capsys, *argv)
    assert message in lines[0]


def test_help_lists_the_new_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "integral" in out and "check" in out
    assert main(["integral", "--help"]) == 0
    assert "--animate" in capsys.readouterr().out
