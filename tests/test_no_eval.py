"""The package never hands text to ``eval``, ``exec``, ``sympify`` or ``parse_expr``.

User text is read by the lark grammars; the one conversion of values to SymPy,
``discreteconv.symbolic._expr.as_expr``, refuses strings before calling ``sympify``. This test
reads every module's syntax tree and fails on any other call of those functions (including
``sympy.S(...)``, which is ``sympify``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

import discreteconv as dc
from discreteconv.errors import InvalidEntryError
from discreteconv.symbolic._expr import as_expr

PACKAGE = Path(dc.__file__).resolve().parent
FORBIDDEN = {"eval", "exec", "sympify", "parse_expr", "S"}
ALLOWED = {PACKAGE / "symbolic" / "_expr.py"}


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def test_no_module_calls_eval_or_sympify() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _called_name(node) in FORBIDDEN:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {_called_name(node)}")
    assert found == []


@pytest.mark.parametrize("text", ["x + 1", "__import__('os').system('true')", b"1"])
def test_as_expr_refuses_text(text: str | bytes) -> None:
    with pytest.raises(dc.errors.InvalidEntryError, match="parse_function"):
        as_expr(text)


def test_as_expr_converts_numbers_and_expressions() -> None:
    import sympy

    x = sympy.Symbol("x")
    assert as_expr(2) == 2 and as_expr(x + 1) == x + 1
    assert isinstance(as_expr(0.25), sympy.Float)


@pytest.mark.parametrize("container", [("2*x",), ["2*x"], {"k": "2**10"}, {"x"},
                                       np.array(["2*x"], dtype=object)])
def test_as_expr_refuses_containers_whose_text_sympify_would_parse(container: object) -> None:
    """``sympify(("2*x",), strict=True)`` parses the string inside: no container gets there."""
    with pytest.raises(InvalidEntryError):
        as_expr(container)
