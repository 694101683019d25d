"""The benchmark scripts run, print their table, and keep working without python-flint."""

from __future__ import annotations

import doctest
import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
QUICK = ["--quick", "--sizes", "1000", "--bits", "20"]

# Runs benchmarks/exact.py as __main__ with python-flint made unimportable.
WITHOUT_FLINT = """
import runpy, sys
sys.modules["flint"] = None
sys.path.insert(0, sys.argv[1])
sys.argv = [sys.argv[2], *sys.argv[3:]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def _run(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _load(name: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_exact_quick_prints_the_table() -> None:
    done = _run([str(BENCHMARKS / "exact.py"), *QUICK])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "flint" in done.stdout
    assert "auto" in done.stdout
    assert "MISMATCH" not in done.stdout
    assert "Targets" in done.stdout


def test_exact_quick_markdown() -> None:
    done = _run([str(BENCHMARKS / "exact.py"), *QUICK, "--markdown", "--quiet"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| dc:auto |" in done.stdout
    assert done.stderr == ""


def test_exact_quick_without_python_flint() -> None:
    script = str(BENCHMARKS / "exact.py")
    done = _run(["-c", WITHOUT_FLINT, str(BENCHMARKS), script, *QUICK, "--quiet"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "python-flint is not installed" in done.stdout
    assert "auto" in done.stdout
    assert "checked against dc:kronecker" in " ".join(done.stdout.split())  # text is wrapped


def test_timing_helpers_doctests(monkeypatch: pytest.MonkeyPatch) -> None:
    module = _load("_timing", monkeypatch)
    failed, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0
    assert failed == 0


def test_exact_marks_a_wrong_result_loudly(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    exact = _load("exact", monkeypatch)

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
