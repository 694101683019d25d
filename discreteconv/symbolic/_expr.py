"""The one place a value becomes a SymPy expression: numbers and expressions, never text.

Text from users is read by the grammar of :mod:`.parse`. Everywhere else in this package a
value (an int, a float, a Fraction, a SymPy object, a breakpoint computed by the engine) is
converted with :func:`as_expr`, which refuses strings before SymPy sees them, so ``sympify``'s
string parser (``eval`` underneath) can never run on user text.

Examples
--------
>>> as_expr(3), as_expr(0.5)
(3, 0.500000000000000)
>>> as_expr("x + 1")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
discreteconv.errors.InvalidEntryError: text 'x + 1' cannot be used as a value here; ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sympy as sp

from ..errors import InvalidEntryError

__all__ = ["as_expr"]


def as_expr(value: Any) -> Any:
    """One value as a SymPy object; text is refused, and so is any container.

    ``sympify`` parses strings even in strict mode when they sit inside a tuple, list or dict
    (``sympify(("2*x",), strict=True)`` is ``(2*x,)``), so containers never reach it: a value
    here is one number or one SymPy object.
    """
    if isinstance(value, str | bytes | bytearray | memoryview):
        raise InvalidEntryError(f"text {value!r} cannot be used as a value here; text is read "
                                "by parse_function")
    if isinstance(value, Iterable | Mapping) and not isinstance(value, sp.Basic):
        raise InvalidEntryError(f"expected one number or SymPy expression here, not a "
                                f"{type(value).__name__}")
    return sp.sympify(value, strict=True)
