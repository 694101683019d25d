"""``benchmarks/poly.py --quick`` runs and prints its tables, with or without python-flint.

python-flint is a benchmark contender, never a dependency: the script must work (and these tests
pass) whether or not it is importable.
"""

from __future__ import annotations

from typing import Any

import pytest
from _helpers import BENCHMARKS, load_script, run_script

SCRIPT = BENCHMARKS / "poly.py"
QUICK = ["--quick", "--min-time", "0.05", "--max-repeats", "2"]


def _load(monkeypatch: pytest.MonkeyPatch) -> Any:
    return load_script("poly", monkeypatch, "poly_benchmark")


def test_poly_quick_prints_the_tables() -> None:
    done = run_script(SCRIPT, *QUICK)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for column in ("python-flint", "discreteconv", "sympy Poly", "numpy polymul",
                   "numpy rel. error"):
        assert column in out
    assert "MISMATCH" not in out and "ERROR" not in out
    assert "SKIP degree 100000: discreteconv / python-flint <= 1.0" in out
    assert "degree 1000 discreteconv:" in done.stderr  # progress lines


def test_poly_quick_markdown_is_quiet() -> None:
    done = run_script(SCRIPT, *QUICK, "--markdown", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| degree | python-flint | discreteconv |" in done.stdout
    assert done.stderr == ""


def test_poly_quick_without_python_flint() -> None:
    done = run_script(SCRIPT, *QUICK, "--quiet", without=["flint"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "python-flint is not installed" in done.stdout
    assert "checked against sympy Poly" in " ".join(done.stdout.split())  # text is wrapped


def test_quick_refuses_large_degrees() -> None:
    done = run_script(SCRIPT, "--quick", "--degrees", "100000")
    assert done.returncode == 2
    assert "--quick keeps degrees up to 1000" in done.stderr


def test_target_line_and_float_error(monkeypatch: pytest.MonkeyPatch) -> None:
    poly = _load(monkeypatch)
    row = poly.Row(10**5, seconds={"python-flint": 2.0, "discreteconv": 1.5})
    assert poly.targets([row]) == [
        "PASS degree 100000: discreteconv / python-flint <= 1.0 (Polynomial to Polynomial, "
        "conversions included): measured 0.75"]
    row.seconds["discreteconv"] = 3.0
    assert poly.targets([row])[0].startswith("FAIL ")
    assert poly.float_error([1.0, 2.0**60], [1, 2**60 + 1]) == (1, 1 / (2**60 + 1))
    a, b = poly.inputs(0, 10)
    assert len(a) == len(b) == 11 and all(-(2**63) <= c < 2**63 for c in a + b)
    assert a == poly.inputs(0, 10)[0]  # the same inputs every run


def test_a_wrong_result_is_marked_loudly(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    poly = _load(monkeypatch)

    def off_by_one(a: list[int], b: list[int]) -> list[int]:
        result = list(poly._discreteconv(a, b))
        result[3] += 1
        return result

    listed = [*poly.contenders(), poly.Contender("broken", off_by_one)]
    monkeypatch.setattr(poly, "contenders", lambda: listed)
    status = poly.main([*QUICK, "--quiet"])
    out = capsys.readouterr().out
    assert status == 1
    assert "MISMATCH" in out
    assert "broken at degree 1000: differs from" in out and "coefficient of x^3" in out
