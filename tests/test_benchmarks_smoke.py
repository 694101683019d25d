"""The benchmark scripts run, print their table, and keep working without python-flint."""

from __future__ import annotations

import doctest

import pytest
from _helpers import BENCHMARKS, load_script, run_script

SCRIPT = BENCHMARKS / "exact.py"
QUICK = ["--quick", "--sizes", "1000", "--bits", "20"]


def test_exact_quick_prints_the_table() -> None:
    done = run_script(SCRIPT, *QUICK)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "flint" in done.stdout
    assert "auto" in done.stdout
    assert "MISMATCH" not in done.stdout
    assert "Targets" in done.stdout


def test_exact_quick_markdown() -> None:
    done = run_script(SCRIPT, *QUICK, "--markdown", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| dc:auto |" in done.stdout
    assert done.stderr == ""


def test_exact_quick_without_python_flint() -> None:
    done = run_script(SCRIPT, *QUICK, "--quiet", without=["flint"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "python-flint is not installed" in done.stdout
    assert "auto" in done.stdout
    assert "checked against dc:kronecker" in " ".join(done.stdout.split())  # text is wrapped


@pytest.mark.parametrize("name", ["_timing", "_report"])
def test_helper_doctests(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module = load_script(name, monkeypatch)
    failed, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0
    assert failed == 0


def test_exact_marks_a_wrong_result_loudly(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    exact = load_script("exact", monkeypatch)

    def off_by_one(a: list[int], b: list[int]) -> list[int]:
        result = exact._discreteconv("kronecker")(a, b)
        result[3] += 1
        return result

    listed = [*exact.contenders()[:3], exact.Contender("dc:broken", off_by_one)]
    monkeypatch.setattr(exact, "contenders", lambda: listed)
    status = exact.main(["--quick", "--sizes", "1000", "--bits", "20", "--quiet"])
    out = capsys.readouterr().out
    assert status == 1
    assert "MISMATCH" in out
    assert "dc:broken at 20-bit, n = 1000: differs from" in out
    assert "first at index 3" in out
