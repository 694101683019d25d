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

from typing import Any

import sympy as sp

from ..errors import InvalidEntryError

__all__ = ["as_expr"]


def as_expr(value: Any) -> Any:
    """``value`` as a SymPy object; text is refused (``sympify`` in strict mode, no strings)."""
    if isinstance(value, str | bytes):
        raise InvalidEntryError(f"text {value!r} cannot be used as a value here; text is read "
                                "by parse_function")
    return sp.sympify(value, strict=True)
