"""``convolve_integral(f, g, t)``: the closed form of ``(f*g)(t) = integral f(tau) g(t-tau) dtau``.

Inputs in the piecewise class (see :mod:`._recognize`) go through the piecewise engine, which
is exact by construction; the others are tried by residues (rational functions) and by SymPy's
``integrate``, and what those return is kept only after numeric verification. Nothing
unevaluated or unverified is ever returned: where no method succeeds,
:class:`~discreteconv.errors.NoClosedFormError` says what was tried.

Examples
--------
>>> import sympy as sp
>>> from discreteconv import convolve_integral
>>> convolve_integral("exp(-t)*u(t)", "u(t) - u(t-1)")
Piecewise((1 - exp(-t), (t >= 0) & (t < 1)), ((-1 + E)*exp(-t), t >= 1), (0, True))
>>> a, b = sp.symbols("a b", positive=True)
>>> t = sp.Symbol("t", real=True)
>>> convolve_integral(sp.exp(-a*t)*sp.Heaviside(t), sp.exp(-b*t)*sp.Heaviside(t), t)
... # doctest: +NORMALIZE_WHITESPACE
Piecewise((t*exp(-b*t), Eq(a, b) & (t >= 0)),
          ((-exp(-b*t) + exp(-a*t))/(-a + b), t >= 0), (0, True))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import NoClosedFormError, UnsupportedFunctionError
from . import _fallback, _verify
from ._engine import Convolution, convolve_pieces
from ._inputs import Inputs, read_inputs
from ._recognize import to_pieces

__all__ = ["SYMPY_SECONDS", "Solution", "convolve_integral", "solve"]

#: How long SymPy's ``integrate`` may try an input outside the engine's class.
SYMPY_SECONDS = 8.0


@dataclass(frozen=True)
class Solution:
    """How a convolution was found: the engine's record, or a verified fallback's expression."""

    inputs: Inputs
    expression: Any  # in the assumption-carrying symbols
    method: str  # 'piecewise', 'residues', 'powers', 'antiderivative' or 'sympy'
    convolution: Convolution | None = None

    @property
    def result(self) -> Any:
        """The result in the caller's own symbols."""
        return self.inputs.restore(self.expression)

    def verify(self) -> None:
        """Check the result against ``mpmath.quad`` (raises NoClosedFormError when it differs)."""
        f, g = self.inputs.functions
        conv = self.convolution
        _verify.verify(f, g, self.expression, self.inputs.t,
                       pieces=(conv.f, conv.g) if conv else None,
                       breaks=conv.breaks if conv else (), symbols=self.inputs.parameters())


def solve(f: Any, g: Any, t: Any = None, *, assume: Any = None) -> Solution:
    """The convolution of ``f`` and ``g`` with how it was found (see :func:`convolve_integral`)."""
    inputs = read_inputs((f, g), t, assume)
    first, second = inputs.functions
    variable = inputs.t
    try:
        pieces = to_pieces(first, variable), to_pieces(second, variable)
        convolution = convolve_pieces(*pieces, variable)
    except UnsupportedFunctionError as outside:
        return _other_methods(inputs, outside)
    return Solution(inputs, convolution.expr(), "piecewise", convolution)


def _other_methods(inputs: Inputs, outside: UnsupportedFunctionError) -> Solution:
    first, second = inputs.functions
    tried = []
    for method, attempt in (("residues", lambda: _fallback.by_residues(first, second, inputs.t)),
                            ("powers", lambda: _fallback.by_powers(first, second, inputs.t)),
                            ("antiderivative", lambda: _fallback.by_antiderivative(
                                first, second, inputs.t, SYMPY_SECONDS)),
                            ("sympy", lambda: _fallback.by_sympy(first, second, inputs.t,
                                                                 SYMPY_SECONDS))):
        value = attempt()
        if value is None:
            tried.append(f"{method}: no result")
            continue
        if method in ("antiderivative", "sympy"):  # the others come out in a tidy form
            value = _fallback.neat(value)
        solution = Solution(inputs, value, method)
        try:
            solution.verify()
        except NoClosedFormError as failure:
            tried.append(f"{method}: {failure}")
            continue
        return solution
    raise NoClosedFormError(f"no closed form found for ({first}) * ({second}): {outside}; "
                            f"tried " + "; ".join(tried))


def convolve_integral(f: Any, g: Any, t: Any = None, *, assume: Any = None,
                      verify: bool = False) -> Any:
    """The closed form of ``(f*g)(t) = integral f(tau) g(t - tau) dtau`` over the real line.

    Parameters
    ----------
    f, g : sympy.Expr or str
        The functions, as SymPy expressions in ``t`` or as text such as ``"exp(-t)*u(t)"``
        (read by :func:`~discreteconv.symbolic.parse.parse_function`, never by ``sympify``).
        Supported exactly: piecewise sums of ``c t**k exp(a t + q t**2) cos|sin(w t)`` built
        from ``Heaviside``/``u``, ``rect``, ``tri``, ``ramp``, ``Piecewise``, ``Abs``, ``Min``,
        ``Max``, ``sign``, and ``DiracDelta`` terms; rational functions without real poles by
        residues; anything else by SymPy's integrator, verified.
    t : sympy.Symbol or str, optional
        The variable (default: the symbol named ``t``, else the only free symbol).
    assume : str or mapping, optional
        Signs of the parameters, e.g. ``"a>0, b>0"`` or ``{"a": {"positive": True}}``; they
        decide the order of symbolic breakpoints and whether integrals converge.
    verify : bool, default False
        Also check the result against ``mpmath.quad`` of ``f(tau) g(t - tau)`` at points in
        every interval, with numbers put in for the parameters (results found by the fallback
        methods are always checked).

    Returns
    -------
    sympy.Expr
        A ``Piecewise`` on disjoint intervals ``lo <= t < hi`` (``.rewrite(sympy.Heaviside)``
        gives the step form), plus ``w*DiracDelta(t - p)`` terms when both inputs have deltas.
        Where the assumptions leave a degenerate case open (``a = b`` for ``e^{-at}u * e^{-bt}u``)
        both branches are given, on the condition.

    Raises
    ------
    AssumptionNeededError
        The answer depends on the order of two breakpoints or the sign of a parameter that the
        assumptions do not give; the message says what to assume.
    DivergentIntegralError
        The integral does not converge (``u(t) * u(-t)``... of ``1 * 1``).
    NoClosedFormError
        No method found a closed form that passed verification.
    NotationError
        Text that does not parse.

    Examples
    --------
    >>> convolve_integral("rect(t)", "rect(t)")
    Piecewise((t + 1, (t >= -1) & (t < 0)), (1 - t, (t >= 0) & (t < 1)), (0, True))
    >>> convolve_integral("exp(-a*t)*u(t)", "u(t)", assume="a>0")
    Piecewise(((1 - exp(-a*t))/a, t >= 0), (0, True))
    >>> convolve_integral("exp(-t^2)", "exp(-t^2)")
    sqrt(2)*sqrt(pi)*exp(-t**2/2)/2
    >>> convolve_integral("1/(pi*(1+t^2))", "1/(pi*(1+t^2))")
    2/(pi*(t**2 + 4))
    """
    solution = solve(f, g, t, assume=assume)
    if verify and solution.method == "piecewise":
        solution.verify()
    return solution.result

