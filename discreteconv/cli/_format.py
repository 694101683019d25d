"""Writing numbers for the command line: plain text, JSON and LaTeX, exact values kept exact.

Shared by the subcommands: ``_plain`` writes ``7/2`` and ``3`` (not ``Fraction(7, 2)``),
``_json`` keeps exact values as strings and finite floats as numbers, ``_latex`` writes a
fraction as ``\\frac``, and ``_nested`` applies one of them through nested lists.

Examples
--------
>>> from fractions import Fraction
>>> _plain(Fraction(6, 2)), _plain(Fraction(7, 2)), _plain(0.5)
('3', '7/2', '0.5')
>>> _nested([[Fraction(1, 3), 2], [0.25, float("inf")]], _json)
[['1/3', '2'], [0.25, 'inf']]
>>> _latex(Fraction(-1, 2))
'-\\\\frac{1}{2}'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from .._digits import digits


def _scalar(value: Any) -> Any:
    """A numpy scalar as the Python number it holds; anything else unchanged."""
    return value.item() if hasattr(value, "item") and hasattr(value, "dtype") else value


def _plain(value: Any) -> str:
    """Ints and Fractions of any size (past Python's 4300-digit ``str`` limit too)."""
    value = _scalar(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return digits(value.numerator)
        return f"{digits(value.numerator)}/{digits(value.denominator)}"
    if isinstance(value, int) and not isinstance(value, bool):
        return digits(value)
    return repr(value) if isinstance(value, float) else str(value)


def _json(value: Any) -> Any:
    """Exact values as strings (``"7/2"``), finite floats as JSON numbers."""
    value = _scalar(value)
    if isinstance(value, float) and math.isfinite(value):
        return value
    return _plain(value)


def _latex(value: Any) -> str:
    value = _scalar(value)
    if isinstance(value, Fraction) and value.denominator != 1:
        sign = "-" if value < 0 else ""
        return rf"{sign}\frac{{{digits(abs(value.numerator))}}}{{{digits(value.denominator)}}}"
    return _plain(value)


def _nested(values: Any, render: Callable[[Any], Any]) -> Any:
    if isinstance(values, list | tuple):
        return [_nested(value, render) for value in values]
    return render(values)
