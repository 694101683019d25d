"""The ``pycon`` examples in README.md and docs/*.md run and print what the page shows."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.MULTILINE | re.DOTALL)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _with_blank_lines(block: str) -> str:
    """Pages show output as printed; doctest wants ``<BLANKLINE>`` for an empty output line."""
    lines = block.splitlines()
    out = []
    for index, line in enumerate(lines):
        later = next((rest for rest in lines[index + 1:] if rest.strip()), ">>>")
        inside_output = out and not later.startswith(">>>")
        out.append("<BLANKLINE>" if not line.strip() and inside_output else line)
    return "\n".join(out) + "\n"


def _examples(page: Path) -> str:
    blocks = BLOCK.findall(page.read_text(encoding="utf-8"))
    return "\n".join(_with_blank_lines(block) for block in blocks)


@pytest.mark.parametrize("page", [p for p in PAGES if _examples(p)], ids=lambda p: p.name)
def test_page_examples(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # examples that save pictures write here
    monkeypatch.setenv("MPLBACKEND", "Agg")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(_examples(page), {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    output: list[str] = []
    runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)
    assert runner.tries > 0
