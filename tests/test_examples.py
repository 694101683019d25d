"""Smoke test: every script in examples/ runs to the end and prints what it promises."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))

#: Text each script must print; a script not listed here only has to succeed.
EXPECTED: dict[str, tuple[str, ...]] = {
    "tour.py": (
        "(f*g)[4] = 3·1 + 0·2 + 5·3 + 0·4 + 2·5 = 28",
        "(f*g)(1) = 12",
        "(f*g)(4) = 28",
        "(f*g)(6) = 15",
        "(f*g)(8) = 4",
        "(f*g)(9) = 1",
        "Signal([1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1], start=2)",
    ),
    "social_media.py": ("165 likes in all = 11 posts x 15 likes per post", r"\begin{array}"),
    "image_blur.py": ("rows then columns gives exactly the 2-D blur: True",),
    "photo_filters.py": ("gaussian kernel sums to 1: True", "sobel-x of a ramp is constant: True",
                         "blur with reflect keeps the mean within 0.1%: True"),
    "ct_ramp_filter.py": ("FFT ramp filter matches direct convolution with the ramp kernel: "
                          "True",),
    "chunked_signal.py": ("equals the in-memory one within the bound: True",),
}

TIMEOUT_SECONDS = 60


def test_there_are_examples() -> None:
    assert "tour.py" in {script.name for script in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=[script.name for script in SCRIPTS])
def test_example_runs(script: Path, tmp_path: Path) -> None:
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONIOENCODING": "utf-8"}
    completed = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    for expected in EXPECTED.get(script.name, ()):
        assert expected in completed.stdout

