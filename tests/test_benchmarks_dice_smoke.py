"""``benchmarks/dice.py --quick`` runs and prints its tables, with or without the contenders.

python-flint, icepool and dyce are benchmark contenders, never dependencies: the script must
work (and these tests pass) whichever of them is importable.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from _helpers import BENCHMARKS, load_script, run_script

import discreteconv as dc

SCRIPT = BENCHMARKS / "dice.py"


def test_dice_quick_prints_the_tables() -> None:
    done = run_script(SCRIPT, "--quick")
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "discreteconv" in out
    assert "dc counts" in out and "dc engine" in out
    assert "100d6" in out and "4d6dl1" in out and "3d6 > 3d6" in out
    assert "MISMATCH" not in out
    assert "Targets" in out


def test_dice_quick_without_flint_icepool_dyce() -> None:
    done = run_script(SCRIPT, "--quick", "--markdown", "--quiet",
                      without=["flint", "icepool", "dyce"])
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert done.stderr == ""
    assert "discreteconv" in out
    assert "| dc counts" in out  # a Markdown table
    for name in ("python-flint", "icepool", "dyce"):
        assert f"{name} is not installed" in out
    assert "MISMATCH" not in out


def test_a_wrong_probability_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    dice = load_script("dice", monkeypatch, "dice_benchmark")
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
