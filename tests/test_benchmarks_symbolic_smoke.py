"""``benchmarks/symbolic.py --quick`` runs and prints its tables: discreteconv against plain SymPy
on a few problems of the textbook corpus, SymPy with a short timeout."""

from __future__ import annotations

from typing import Any

import pytest
from _helpers import BENCHMARKS, load_script, run_script

SCRIPT = BENCHMARKS / "symbolic.py"
QUICK = ["exp-rect", "step-step", "rect-rect", "delta-shift"]


def _load(monkeypatch: pytest.MonkeyPatch) -> Any:
    return load_script("symbolic", monkeypatch, "symbolic_benchmark")


def test_symbolic_quick_prints_the_tables() -> None:
    done = run_script(SCRIPT, "--quick", "--timeout", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("problem "))
    assert header.split() == ["problem", "category", "discreteconv", "correct", "discreteconv",
                              "time", "sympy", "correct", "sympy", "time"]
    rows = lines[lines.index(header) + 2:lines.index(header) + 2 + len(QUICK)]
    assert [row.split()[0] for row in rows] == QUICK
    for row in rows:
        assert " yes " in row  # discreteconv's verdict
        assert any(verdict in row for verdict in (" yes", " no", " error", " timeout"))
    assert any(line.split()[:2] == ["correct", "4/4"] for line in lines)
    assert any(line.startswith("median time ") for line in lines)
    assert any(line.startswith("max time ") for line in lines)
    assert "discreteconv: 4 of 4 correct" in lines
    assert any(line.startswith("sympy: ") and " of 4 correct" in line for line in lines)
    assert "!!!" not in done.stdout
    assert "  exp-rect discreteconv: yes, " in done.stderr  # progress lines


def test_symbolic_markdown_is_quiet_and_can_skip_sympy() -> None:
    done = run_script(SCRIPT, "--problems", "exp-rect,delta-delta", "--skip-sympy",
                      "--markdown", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    rows = [[cell.strip() for cell in line.split("|")[1:-1]]
            for line in done.stdout.splitlines() if line.startswith("|")]
    assert rows[0] == ["problem", "category", "discreteconv correct", "discreteconv time"]
    assert [row[:3] for row in rows[2:4]] == [["exp-rect", "exponential * pulse", "yes"],
                                              ["delta-delta", "Dirac deltas", "yes"]]
    assert rows[4] == ["", "discreteconv"]  # the totals: no sympy column
    assert rows[6] == ["correct", "2/2"]
    assert "- discreteconv: 2 of 2 correct" in done.stdout.splitlines()


def test_unknown_problem_is_refused() -> None:
    done = run_script(SCRIPT, "--problems", "exp-rect,no-such-problem")
    assert done.returncode == 2
    assert "unknown problem(s) no-such-problem; the corpus has exp-exp-equal," in done.stderr


def test_totals_count_timeouts_as_lower_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    symbolic = _load(monkeypatch)
    outcome = symbolic.Outcome
    outcomes = [outcome("yes", 0.5), outcome("no", 1.5), outcome("timeout", None),
                outcome("error", 0.25)]
    assert symbolic.totals(outcomes, 20.0) == ("1/4", "1.00 s", "≥ 20.0 s")
    assert symbolic.totals(outcomes[1:], 20.0) == ("0/3", "1.50 s", "≥ 20.0 s")
    assert symbolic.totals([outcome("timeout", None)] * 3, 5.0)[1] == "≥ 5.00 s"


def test_a_wrong_result_is_marked_loudly(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    symbolic = _load(monkeypatch)

    def off(problem: Any, f: Any, g: Any) -> Any:
        return problem.answer * 2

    def broken(problem: Any, f: Any, g: Any) -> Any:
        raise RuntimeError("no closed form")

    monkeypatch.setattr(symbolic, "contenders",
                        lambda skip_sympy=False: {"discreteconv": off, "broken": broken})
    monkeypatch.setattr(symbolic, "warm_up", lambda listed: None)
    status = symbolic.main(["--problems", "exp-rect", "--quiet"])
    out = capsys.readouterr().out
    assert status == 1
    assert "!!! 1 WRONG OR FAILED DISCRETECONV RESULT(S):" in out
    assert "discreteconv on exp-rect: no, at t = " in out
    assert "broken: raised RuntimeError: no closed form" in out
    assert "discreteconv: 0 of 1 correct (1 wrong)" in out
