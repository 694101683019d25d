"""Smoke tests: ``benchmarks/numeric.py --quick`` and ``benchmarks/float_accuracy.py`` run."""

from __future__ import annotations

from _helpers import BENCHMARKS, run_script


def test_numeric_quick_prints_the_table() -> None:
    completed = run_script(BENCHMARKS / "numeric.py", "--quick", "--repeats", "1")
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout
    assert "auto / best scipy.signal" in out and "10^3 * 10^3" in out
    assert "256×256 * 31×31" in out and "worst auto / best scipy.signal" in out


def test_numeric_calibrate_prints_the_constants() -> None:
    completed = run_script(BENCHMARKS / "numeric.py", "--calibrate", "--repeats", "1")
    assert completed.returncode == 0, completed.stderr
    for name in ("DIRECT_1D_SECONDS", "DIRECT_ND_SECONDS", "FFT_SECONDS['numpy']"):
        assert name in completed.stdout


def test_float_accuracy_quick_prints_the_table() -> None:
    completed = run_script(BENCHMARKS / "float_accuracy.py", "--quick", "--min-time", "0")
    assert completed.returncode == 0, completed.stderr
    lines = [line for line in completed.stdout.splitlines() if line.startswith("100d6")]
    assert [line.split()[1] for line in lines] == ["exact-then-rounded", "plain-fft",
                                                   "tilted-fft"]
