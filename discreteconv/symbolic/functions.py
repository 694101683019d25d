"""The unit pulse, the triangle and the ramp, written with Heaviside steps.

Each function takes a SymPy expression (or a number) and returns a SymPy expression built from
:class:`sympy.Heaviside`, so that the convolution engine sees only steps and ordinary
functions. SymPy's ``Heaviside(0)`` is ``1/2``, so each function takes the mean of its two
sides at a jump, as a Fourier series does. SymPy is imported when one is called, never by
``import discreteconv``.

Examples
--------
>>> import sympy
>>> t = sympy.Symbol("t", real=True)
>>> rect(t)
-Heaviside(t - 1/2) + Heaviside(t + 1/2)
>>> [ramp(x) for x in (-1, 0, 2)]
[0, 0, 2]
"""

from __future__ import annotations

from typing import Any

from ..errors import InvalidEntryError

__all__ = ["ramp", "rect", "tri"]


def _expression(x: Any, function: str) -> Any:
    """``x`` as a SymPy expression: numbers and expressions only, never text."""
    import sympy

    from ._expr import as_expr

    if isinstance(x, str):
        raise InvalidEntryError(f"{function} takes a SymPy expression or a number, not text "
                                f"({x!r}); to read text, use parse_function")
    try:
        value = as_expr(x)
    except (sympy.SympifyError, TypeError, ValueError):
        raise InvalidEntryError(f"{function} takes a SymPy expression or a number; received "
                                f"{type(x).__name__}") from None
    if not isinstance(value, sympy.Expr):
        raise InvalidEntryError(f"{function} takes a SymPy expression or a number; received "
                                f"{type(x).__name__}")
    return value


def rect(x: Any) -> Any:
    """The unit pulse: 1 for ``|x| < 1/2``, 0 for ``|x| > 1/2``.

    Parameters
    ----------
    x : sympy.Expr or number
        Where to evaluate it: a symbol, an expression such as ``(t - 2)/3``, or a number.

    Returns
    -------
    sympy.Expr
        ``Heaviside(x + 1/2) - Heaviside(x - 1/2)``, the half being ``sympy.Rational(1, 2)``;
        its value at ``x = ±1/2`` is ``1/2``.

    Raises
    ------
    discreteconv.InvalidEntryError
        ``x`` is text or something SymPy cannot take as an expression.

    Examples
    --------
    >>> import sympy
    >>> t = sympy.Symbol("t", real=True)
    >>> rect(t)
    -Heaviside(t - 1/2) + Heaviside(t + 1/2)
    >>> rect((t - 2) / 4)  # width 4, centred on 2
    Heaviside(t/4) - Heaviside(t/4 - 1)
    >>> [rect(x) for x in (0, sympy.Rational(1, 2), 1)]
    [1, 1/2, 0]
    """
    import sympy

    value = _expression(x, "rect")
    half = sympy.Rational(1, 2)
    return sympy.Heaviside(value + half) - sympy.Heaviside(value - half)


def tri(x: Any) -> Any:
    """The unit triangle: ``1 - |x|`` for ``|x| < 1``, 0 elsewhere; ``rect`` convolved with itself.

    Parameters
    ----------
    x : sympy.Expr or number
        Where to evaluate it.

    Returns
    -------
    sympy.Expr
        ``(1 + x)*(Heaviside(x + 1) - Heaviside(x)) + (1 - x)*(Heaviside(x) - Heaviside(x - 1))``.

    Raises
    ------
    discreteconv.InvalidEntryError
        ``x`` is text or something SymPy cannot take as an expression.

    Examples
    --------
    >>> import sympy
    >>> t = sympy.Symbol("t", real=True)
    >>> tri(t)
    (1 - t)*(Heaviside(t) - Heaviside(t - 1)) + (t + 1)*(-Heaviside(t) + Heaviside(t + 1))
    >>> [tri(x) for x in (-1, sympy.Rational(-1, 2), 0, sympy.Rational(1, 4), 2)]
    [0, 1/2, 1, 3/4, 0]
    """
    import sympy

    value = _expression(x, "tri")
    step = sympy.Heaviside
    return ((1 + value) * (step(value + 1) - step(value))
            + (1 - value) * (step(value) - step(value - 1)))


def ramp(x: Any) -> Any:
    """The unit ramp: ``x`` for ``x > 0``, 0 for ``x < 0``; the integral of the unit step.

    Parameters
    ----------
    x : sympy.Expr or number
        Where to evaluate it.

    Returns
    -------
    sympy.Expr
        ``x*Heaviside(x)``.

    Raises
    ------
    discreteconv.InvalidEntryError
        ``x`` is text or something SymPy cannot take as an expression.

    Examples
    --------
    >>> import sympy
    >>> t = sympy.Symbol("t", real=True)
    >>> ramp(t - 1)
    (t - 1)*Heaviside(t - 1)
    >>> [ramp(x) for x in (-2, 0, sympy.Rational(3, 2))]
    [0, 0, 3/2]
    """
    import sympy

    value = _expression(x, "ramp")
    return value * sympy.Heaviside(value)
