"""The calculus behind :class:`~discreteconv.symbolic.random.ContinuousDistribution`.

Reading a density (text or SymPy, with assumptions), writing a piecewise one as a tidy
``Piecewise``, exact moments piece by piece (the antiderivatives of :mod:`._terms`), SymPy's
integrator (within a time limit, numerically checked) for densities outside the engine's
class, and sampling by inverting a closed-form distribution function: ``u`` drawn uniformly and
``x`` with ``F(x) = u`` found by bisection, ``F`` evaluated with numpy (``erf`` through
:func:`math.erf`).
"""

from __future__ import annotations

import math
from typing import Any

import mpmath
import sympy as sp

from ..errors import (
    DivergentIntegralError,
    InvalidEntryError,
    InvalidOptionError,
    NoClosedFormError,
    UnsupportedFunctionError,
)
from ._fallback import _time_limit
from ._inputs import read_inputs
from ._named import exact
from ._pieces import Pieces
from ._recognize import to_pieces
from ._result import on_intervals
from ._terms import Term, multiply, primitive, to_expr
from ._tidy import tidy
from ._verify import parameter_values
from .integral import SYMPY_SECONDS

__all__ = ["by_inversion", "canonical", "integrate", "is_one", "number", "outside_cdf",
           "piece_moment", "read", "simplified", "symbol", "to_float"]

_PIECEWISE_KINDS = (sp.Heaviside, sp.Piecewise, sp.Abs, sp.sign, sp.Min, sp.Max)


# -- reading ------------------------------------------------------------------------------------
def symbol(x: Any) -> Any:
    """The variable named ``x`` (real), or ``x`` itself when it is already a Symbol."""
    if isinstance(x, sp.Symbol):
        return x
    if not isinstance(x, str) or not x.isidentifier():
        raise InvalidOptionError(f"the variable must be a name or a SymPy Symbol; received {x!r}")
    return sp.Symbol(x, real=True)


def read(pdf: Any, x: Any, assume: Any) -> tuple[Any, Any, dict[Any, Any]]:
    """The density as a SymPy expression, its variable, and the symbols to restore on output."""
    if x is not None and not isinstance(x, str | sp.Symbol):
        raise InvalidEntryError(f"x must be a SymPy Symbol or a name; received "
                                f"{type(x).__name__}")
    inputs = read_inputs((pdf,), "x" if x is None else x, assume, names=("pdf",))
    (expression,), variable = inputs.functions, inputs.t
    if x is None and variable not in expression.free_symbols:
        named_t = [s for s in expression.free_symbols if s.name == "t"]
        if len(named_t) == 1:
            variable = named_t[0]
    return expression, variable, {new: old for old, new in inputs.replaced.items()}


def canonical(expr: Any, x: Any) -> Any:
    """A piecewise density as one tidy ``Piecewise`` on ``low <= x < high`` intervals."""
    if not expr.has(*_PIECEWISE_KINDS):
        return expr
    try:
        pieces = to_pieces(expr, x)
    except UnsupportedFunctionError:
        return expr
    if pieces.deltas:
        return expr
    return on_intervals(x, ((tidy(to_expr(terms, x), x), low, high)
                            for low, high, terms in pieces.regions()))


def number(name: str, value: Any, allow_float: bool = False) -> Any:
    """An exact constant (floats only where ``allow_float``, to evaluate at a point)."""
    if allow_float and isinstance(value, float):
        return sp.Float(value)
    return exact(name, value)


def to_float(value: Any) -> float:
    """A numeric parameter as a float, for sampling; symbolic ones are refused."""
    try:
        return float(value)
    except TypeError:
        raise InvalidOptionError(f"sampling needs numeric parameters; {value} is "
                                 f"symbolic") from None


def piece_moment(pieces: Pieces, order: int) -> Any:
    """``integral x**order f(x) dx`` over the line, exactly, piece by piece."""
    y = sp.Dummy("y", real=True)
    power = (Term(sp.S.One, order),)
    total = sp.S.Zero
    for low, high, terms in pieces.regions():
        antiderivative = primitive(multiply(terms, power), y)
        total += antiderivative.at(high) - antiderivative.at(low)
    return simplified(total)


def simplified(value: Any) -> Any:
    """A moment or total in its simplest form (``nan`` stays ``nan``)."""
    if value is sp.nan or value.has(sp.nan):
        return sp.nan
    value = sp.expand(value)
    if value.is_Rational:
        return value
    return sp.simplify(value)


def is_one(total: Any) -> bool:
    """Whether a density's total is 1: symbolically, or numerically where simplification stalls
    (with numbers put in for the parameters)."""
    difference = total - 1
    if difference == 0 or simplified(difference) == 0:
        return True
    for values in parameter_values(sorted(difference.free_symbols, key=str)):
        value = sp.N(difference.xreplace(values), 30)
        if not value.is_number or abs(value) > 1e-20:
            return False
    return True


def integrate(expr: Any, x: Any, low: Any, high: Any) -> Any:
    """SymPy's integral within the time limit; None when it fails, DivergentIntegralError
    when it is infinite."""
    try:
        with _time_limit(SYMPY_SECONDS):
            value = sp.integrate(expr, (x, low, high), conds="none")
    except (TimeoutError, NotImplementedError, ValueError, TypeError, RecursionError):
        return None
    if value.has(sp.Integral):
        return None
    if value.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
        raise DivergentIntegralError(f"the integral of {expr} is {value}")
    return simplified(value)


def outside_cdf(pdf: Any, x: Any) -> Any:
    """The distribution function of a density outside the engine's class, checked numerically."""
    s = sp.Dummy("s", real=True)
    try:
        value = integrate(pdf.xreplace({x: s}), s, -sp.oo, x)
    except DivergentIntegralError:
        value = None
    if value is None:
        raise NoClosedFormError(f"no closed form found for the distribution function of {pdf}")
    symbols = sorted(pdf.free_symbols - {x}, key=str)
    for values in parameter_values(symbols):
        density = sp.lambdify(x, pdf.xreplace(values), "mpmath")
        function = sp.lambdify(x, value.xreplace(values), "mpmath")
        for point in (-2.3, -0.7, 0.35, 1.1, 2.9):
            expected = mpmath.quad(density, [-mpmath.inf, point])
            if abs(function(point) - expected) > 1e-9:
                raise NoClosedFormError(f"the distribution function SymPy found for {pdf} "
                                        f"failed numeric verification at {x} = {point}")
    return value


# -- sampling by inversion ----------------------------------------------------------------------
_STEPS = 80  # bisection steps: far below float resolution on any bracket that fits a float
_WIDENINGS = 1100  # doublings of an infinite end before giving up (2**1100 overflows floats)


def by_inversion(cdf: Any, x: Any, support: tuple[Any, Any], generator: Any, size: int) -> Any:
    """``size`` draws of the distribution with distribution function ``cdf`` (in ``x``)."""
    import numpy as np

    if cdf.free_symbols - {x} or any(end.free_symbols for end in support):
        raise InvalidOptionError(f"sampling needs numeric parameters; {cdf} has symbolic ones")
    modules = [{"erf": np.vectorize(math.erf, otypes=[float])}, "numpy"]
    function = sp.lambdify(x, cdf, modules=modules)

    def evaluate(points: Any) -> Any:
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(function(points), dtype=float), points.shape)

    targets = generator.random(size)
    low = np.full(size, _finite(support[0], -1.0))
    high = np.full(size, _finite(support[1], 1.0))
    for end, infinite, below in ((low, support[0] == -sp.oo, True),
                                 (high, support[1] == sp.oo, False)):
        for _ in range(_WIDENINGS if infinite else 0):
            outside = evaluate(end) > targets if below else evaluate(end) < targets
            if not outside.any():
                break
            end[outside] *= 2
    for _ in range(_STEPS):
        middle = (low + high) / 2
        above = evaluate(middle) >= targets
        high = np.where(above, middle, high)
        low = np.where(above, low, middle)
    return (low + high) / 2


def _finite(end: Any, default: float) -> float:
    return default if end in (sp.oo, -sp.oo) else float(end)
