"""``benchmarks/dice.py --quick`` runs and prints its tables, with or without the contenders.

python-flint, icepool and dyce are benchmark contenders, never dependencies: the script must
work (and these tests pass) whichever of them is importable.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import discreteconv as dc

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
SCRIPT = BENCHMARKS / "dice.py"

# Runs benchmarks/dice.py as __main__ with python-flint, icepool and dyce made unimportable.
WITHOUT_CONTENDERS = """
import runpy, sys
for name in ("flint", "icepool", "dyce"):
    sys.modules[name] = None
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


def _load_dice(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("dice_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "dice_benchmark", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_dice_quick_prints_the_tables() -> None:
    done = _run([str(SCRIPT), "--quick"])
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "discreteconv" in out
    assert "dc counts" in out and "dc engine" in out
    assert "100d6" in out and "4d6dl1" in out and "3d6 > 3d6" in out
    assert "MISMATCH" not in out
    assert "Targets" in out


def test_dice_quick_without_flint_icepool_dyce() -> None:
    done = _run(["-c", WITHOUT_CONTENDERS, str(BENCHMARKS), str(SCRIPT), "--quick",
                 "--markdown", "--quiet"])
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert done.stderr == ""
    assert "discreteconv" in out
    assert "| dc counts" in out  # a Markdown table
    for name in ("python-flint", "icepool", "dyce"):
        assert f"{name} is not installed" in out
    assert "MISMATCH" not in out


def test_a_wrong_probability_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    dice = _load_dice(monkeypatch)
    reference = 3 @ dc.die(6)
    counts = dict(zip(reference.outcomes, reference.weights, strict=True))
    assert dice.check_counts(counts, reference.total, reference) is None
    doubled = {outcome: 2 * count for outcome, count in counts.items()}
    assert dice.check_counts(doubled, 2 * reference.total, reference) is None  # same fractions
    counts[10] += 1
    problem = dice.check_counts(counts, reference.total, reference)
    assert problem == "P(10) = 7/54, discreteconv says 1/8"  # 28/216 against 27/216
    assert "missing [3, 5, 6]" in dice.check_counts({4: 1}, 1, dc.die(6) + 2)
    pmf = reference.pmf()
    assert dice.check_result(pmf, reference) is None
    pmf[10] += Fraction(1, 216)
    assert "P(10)" in dice.check_result(pmf, reference)
