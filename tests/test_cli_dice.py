"""The command line: ``discreteconv dice``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction

import pytest
from _helpers import cli_error, cli_ok

from discreteconv.cli import main

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run ``discreteconv dice`` in-process and return its output (see ``cli_ok``)."""
    return cli_ok(capsys, "dice", *argv)


def fail(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """Run ``discreteconv dice`` expecting a one-line error (see ``cli_error``)."""
    return cli_error(capsys, "dice", *argv)


# -- tables --------------------------------------------------------------------------------------
def test_text_table_of_3d6(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run(capsys, "3d6").splitlines()
    assert lines[:4] == [
        "3d6",
        "mean 21/2 = 10.5   variance 35/4 = 8.75   standard deviation ≈ 2.958",
        "outcome  probability  percent  at least  at most",
        "      3        1/216    0.46%   100.00%    0.46%  █▌",
    ]
    assert lines[10] == "     10          1/8   12.50%    62.50%   50.00%  " + "█" * 40
    assert len(lines) == 3 + 16


def test_several_expressions_one_after_another(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = run(capsys, "3d6", "4d6dl1", "--no-bars").split("\n\n")
    assert [block.splitlines()[0] for block in blocks] == ["3d6", "4d6dl1"]
    assert blocks[1].splitlines()[1].startswith("mean 15869/1296 = 12.2446")
    assert blocks[1].splitlines()[-1] == "     18        7/432    1.62%     1.62%  100.00%"


def test_comparison_gives_false_and_true(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run(capsys, "3d6 >= 10", "--no-bars").splitlines()
    assert lines[3:] == ["  False          3/8   37.50%   100.00%   37.50%",
                         "   True          5/8   62.50%    62.50%  100.00%"]


def test_json_one_object_or_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "2d6", "--format", "json"))
    assert found == {
        "expression": "2d6", "outcomes": list(range(2, 13)),
        "probabilities": ["1/36", "1/18", "1/12", "1/9", "5/36", "1/6", "5/36", "1/9", "1/12",
                          "1/18", "1/36"],
        "mean": "7", "variance": "35/6", "truncated": "0"}
    several = json.loads(run(capsys, "2d6", "d4 > 2", "--format", "json"))
    assert [item["expression"] for item in several] == ["2d6", "d4 > 2"]
    assert several[1]["outcomes"] == [False, True]
    assert sum(Fraction(p) for p in several[0]["probabilities"]) == 1


def test_csv_markdown_latex(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "d4", "--format", "csv") == (
        "outcome,probability,percent\n1,1/4,25\n2,1/4,25\n3,1/4,25\n4,1/4,25")
    both = run(capsys, "d2", "2d2", "--format", "csv").splitlines()
    assert both == ["expression,outcome,probability,percent", "d2,1,1/2,50", "d2,2,1/2,50",
                    "2d2,2,1/4,25", "2d2,3,1/2,50", "2d2,4,1/4,25"]
    assert run(capsys, "d2 + d2", "max(d2, 1)", "--format", "csv").splitlines()[1] == (
        "d2 + d2,2,1/4,25")
    assert run(capsys, "d2", "--format", "markdown").splitlines() == [
        "| outcome | probability | percent | at least | at most |", "|---:|---:|---:|---:|---:|",
        "| 1 | 1/2 | 50.00% | 100.00% | 50.00% |", "| 2 | 1/2 | 50.00% | 50.00% | 100.00% |"]
    assert run(capsys, "d2", "d3", "--format", "markdown").startswith("### d2\n\n| outcome")
    latex = run(capsys, "d6", "--format", "latex")
    assert r"$1$ & $\frac{1}{6}$ & 16.67\% \\" in latex.splitlines()
    assert run(capsys, "d2", "d3", "--format", "latex").count(r"\begin{tabular}") == 2


# -- --at-least / --at-most ----------------------------------------------------------------------
def test_at_least_and_at_most(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "4d6dl1", "--at-least", "12") == "P(4d6dl1 >= 12) = 799/1296 (61.65%)"
    assert run(capsys, "4d6dl1", "3d6", "--at-least", "12,18", "--at-most", "3").splitlines() == [
        "P(4d6dl1 >= 12) = 799/1296 (61.65%)",
        "P(4d6dl1 >= 18) = 7/432 (1.62%)",
        "P(4d6dl1 <= 3) = 1/1296 (0.08%)",
        "P(3d6 >= 12) = 3/8 (37.50%)",
        "P(3d6 >= 18) = 1/216 (0.46%)",
        "P(3d6 <= 3) = 1/216 (0.46%)",
    ]
    assert run(capsys, "d6", "--at-least", "1", "--at-least", "7") == (
        "P(d6 >= 1) = 1 (100.00%)\nP(d6 >= 7) = 0 (0.00%)")
    assert run(capsys, "d6-3", "--at-most=-1") == "P(d6-3 <= -1) = 1/3 (33.33%)"
    assert run(capsys, "1000d6", "--at-least", "3600") == "P(1000d6 >= 3600) ≈ 3.270e-2 (3.27%)"


def test_at_least_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "3d6", "--format", "json", "--at-least", "10,19",
                           "--at-most", "3"))
    assert found["at_least"] == {"10": "5/8", "19": "0/1"}
    assert found["at_most"] == {"3": "1/216"}


# -- --plot --------------------------------------------------------------------------------------
def test_plot_files(capsys: pytest.CaptureFixture[str], tmp_path,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")
    png, svg = tmp_path / "rolls.png", tmp_path / "rolls.svg"
    assert run(capsys, "3d6", "4d6dl1", "--plot", str(png)).startswith("3d6\n")
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    run(capsys, "3d6", "--plot", str(svg), "--kind", "at_least", "--format", "json")
    assert "<svg" in svg.read_text()


def test_plot_errors_leave_no_file(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    assert fail(capsys, "3d6", "--plot", str(tmp_path / "rolls.pdf")) == [
        f"--plot must name a .png or .svg file; received '{tmp_path / 'rolls.pdf'}'"]
    fail(capsys, "3d6", "--plot", str(tmp_path / "rolls.png"), "--at-least", "x")
    fail(capsys, "3d6", "3d", "--plot", str(tmp_path / "rolls.png"))
    assert list(tmp_path.iterdir()) == []
    assert main(["dice", "3d6", "--plot", "x.png", "--kind", "pdf"]) == 2  # argparse's usage
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


# -- errors and help -----------------------------------------------------------------------------
def test_bad_notation_shows_a_caret(capsys: pytest.CaptureFixture[str]) -> None:
    lines = fail(capsys, "3d6x")
    assert lines[0].startswith("unexpected character 'x' at column 4: expected an operator")
    assert lines[1:] == ["  3d6x", "     ^"]
    assert fail(capsys, "3d6", "d0")[1:] == ["  d0", "   ^"]


def test_bad_threshold_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert fail(capsys, "3d6", "--at-least", "ten") == [
        "could not read 'ten' at position 0 of --at-least 'ten': "
        "expected a number like 3, -2, 1/3 or 0.25"]


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dice", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Examples:" in out and "discreteconv dice 4d6dl1 --at-least 12" in out
    assert "--plot FILE" in out and "--format {text,json,csv,markdown,latex}" in out
    assert main(["--help"]) == 0
    assert "dice" in capsys.readouterr().out


# -- a real process ------------------------------------------------------------------------------
def _discreteconv(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "discreteconv", *argv], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60)


def test_subprocess_json_and_error() -> None:
    done = _discreteconv("dice", "2d6", "4d6dl1", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert [item["mean"] for item in json.loads(done.stdout)] == ["7", "15869/1296"]
    failed = _discreteconv("dice", "2d6+")
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.startswith("discreteconv: error: unexpected end of input at column 5")
    assert "Traceback" not in failed.stderr


def test_dice_path_imports_neither_sympy_nor_matplotlib() -> None:
    """What keeps ``discreteconv dice 3d6`` fast (well under half a second)."""
    code = ("import sys, io, contextlib; from discreteconv.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['dice', '3d6', '4d6dl1'])\n"
            "print(sorted(m for m in ('sympy', 'matplotlib', 'scipy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"
