"""Helpers shared by the benchmark smoke tests: run a script in a child Python, load one.

The scripts under ``benchmarks/`` are not a package: each imports ``_timing`` and ``_report``
from its own folder, so running one puts that folder on ``sys.path`` and loading one here
prepends it too.
"""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"

# Runs a script as __main__ with some modules made unimportable:
# python -c WITHOUT "flint,dyce" BENCHMARKS SCRIPT ARGUMENTS...
WITHOUT = """
import runpy, sys
for name in sys.argv[1].split(","):
    sys.modules[name] = None
sys.path.insert(0, sys.argv[2])
sys.argv = [sys.argv[3], *sys.argv[4:]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def run_python(arguments: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """``python ARGUMENTS`` from the repository root, output captured, at most two minutes."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_script(script: Path, *arguments: str,
               without: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """Run a benchmark script, with the modules named in ``without`` made unimportable."""
    if not without:
        return run_python([str(script), *arguments])
    return run_python(["-c", WITHOUT, ",".join(without), str(BENCHMARKS), str(script),
                       *arguments])


def load_script(name: str, monkeypatch: pytest.MonkeyPatch, module_name: str | None = None) -> Any:
    """Import ``benchmarks/{name}.py`` as the module ``module_name`` (default ``name``)."""
    module_name = module_name or name
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(module_name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, module_name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def cli_ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run ``discreteconv ARGV`` in-process; assert success and return stdout without its final
    newline."""
    from discreteconv.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out.removesuffix("\n")


def cli_error(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """Run it in-process; assert exit status 2 and a message without a traceback, and return
    the message's lines (a notation error adds the text and a caret under the spot)."""
    from discreteconv.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("discreteconv: error: ") and err.endswith("\n")
    assert "Traceback" not in err
    return err.removeprefix("discreteconv: error: ").splitlines()


@contextmanager
def not_computed(limit: float = 30.0) -> Iterator[None]:
    """Fail the block if it is still running after ``limit`` seconds.

    A guard, not a speed goal: a refused request returns in milliseconds, while computing it
    would take minutes or exhaust memory, so the limit is set far above any honest run on a
    loaded machine. (Speed goals live in ``benchmarks/``.)
    """
    def _alarm(signum: int, frame: Any) -> None:
        raise AssertionError(f"still running after {limit} s: computed instead of refused?")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def parser_not_rebuilt() -> Iterator[None]:
    """Fail if a lark parser is constructed inside the block (each grammar is built once)."""
    from unittest import mock

    import lark

    with mock.patch.object(lark, "Lark", side_effect=AssertionError("a lark parser was rebuilt")):
        yield
