"""Methods for inputs outside the piecewise class; every answer they give is verified after.

* :func:`by_residues`: ``f`` and ``g`` rational functions with no real poles, decaying at least
  like ``1/tau**2`` together (Cauchy densities, ``1/(1 + t**2)``): the integral over the line
  is ``2 pi i`` times the sum of the residues of ``f(tau) g(t - tau)`` in the upper half-plane,
  found from the exact roots of the denominators.
* :func:`by_powers`: causal sums of ``c t**alpha exp(-lam t) u(t)`` with any real
  ``alpha > -1`` (Gamma and chi-square densities of any shape): with ``tau = t u``,
  ``integral_0^t tau**alpha (t - tau)**beta e**(s tau) dtau
  = t**(alpha + beta + 1) B(alpha + 1, beta + 1) 1F1(alpha + 1; alpha + beta + 2; s t)``, the
  hypergeometric factor being 1 for equal rates;
* :func:`by_antiderivative`: one function in the piecewise class with finite pieces (a pulse,
  a ramp, deltas), the other smooth but outside it (``1/(1 + t**2)``): SymPy's antiderivative
  of each piece's integrand, taken between the piece's ends;
* :func:`by_sympy`: SymPy's ``integrate`` over the whole line, within a time limit; kept only
  if it returns no unevaluated ``Integral``.

Each returns None where it does not apply; :func:`~discreteconv.convolve_integral` verifies
what they return numerically before giving it to the user.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

import sympy as sp

from ._result import IntervalPiecewise

__all__ = ["by_antiderivative", "by_powers", "by_residues", "by_sympy", "neat"]

#: How long :func:`neat` may spend simplifying a fallback's answer.
NEAT_SECONDS = 2.0


def _roots(denominator: Any, x: Any) -> dict[Any, int] | None:
    polynomial = sp.Poly(denominator, x)
    roots = sp.roots(polynomial)
    if sum(roots.values()) != polynomial.degree():
        return None
    return roots


def by_residues(f: Any, g: Any, t: Any) -> Any:
    """The convolution of two rational functions by residues, or None."""
    tau = sp.Dummy("tau")
    if not (f.is_rational_function(t) and g.is_rational_function(t)):
        return None
    integrand = sp.together(f.subs(t, tau) * g.subs(t, t - tau))
    numerator, denominator = sp.fraction(integrand)
    if sp.degree(denominator, tau) - sp.degree(numerator, tau) < 2:
        return None
    f_roots = _roots(sp.fraction(sp.together(f))[1], t)
    g_roots = _roots(sp.fraction(sp.together(g))[1], t)
    if f_roots is None or g_roots is None:
        return None
    poles = []
    for root, order in f_roots.items():
        side = sp.im(root)
        if side.is_zero is not False:
            return None  # a real pole (or one the assumptions cannot place)
        if side.is_positive:
            poles.append((root, order))
    for root, order in g_roots.items():
        side = sp.im(root)
        if side.is_zero is not False:
            return None
        if side.is_negative:  # tau = t - root is in the upper half-plane for real t
            poles.append((t - root, order))
    slope = sp.diff(denominator, tau)
    total = sp.S.Zero
    for pole, order in poles:
        if order == 1:  # a simple pole: N(p) / D'(p)
            total += (numerator / slope).subs(tau, pole)
        else:
            total += sp.residue(integrand, tau, pole)
    value = sp.factor(sp.cancel(sp.expand_complex(2 * sp.pi * sp.I * total)))
    return None if value.has(sp.I) else value


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread on Unix only; elsewhere no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def interrupt(*_: Any) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def by_sympy(f: Any, g: Any, t: Any, seconds: float) -> Any:
    """SymPy's own integral over the line, or None (unevaluated, or over the time limit)."""
    tau = sp.Dummy("tau", real=True)
    try:
        with _time_limit(seconds):
            value = sp.integrate(f.subs(t, tau) * g.subs(t, t - tau), (tau, -sp.oo, sp.oo),
                                 conds="none")
    except (TimeoutError, NotImplementedError, ValueError, TypeError, RecursionError):
        return None
    if value.has(sp.Integral) or value.has(sp.nan) or value.has(sp.zoo):
        return None
    return value


def _causal_terms(expr: Any, t: Any) -> list[tuple[Any, Any, Any]] | None:
    """``expr`` as ``[(c, alpha, lam), ...]`` for ``sum c t**alpha exp(-lam t) u(t)``, or None."""
    found = []
    for term in sp.Add.make_args(sp.expand(expr)):
        steps = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Heaviside)]
        if len(steps) != 1 or steps[0].args[0] != t:
            return None
        coefficient, rest = (term / steps[0]).as_independent(t, as_Add=False)
        power, rate = sp.S.Zero, sp.S.Zero
        for factor in sp.Mul.make_args(sp.powsimp(rest)):
            base, exponent = factor.as_base_exp()
            if base == t and not exponent.has(t):
                power += exponent
            elif isinstance(factor, sp.exp) and sp.diff(factor.args[0], t, 2) == 0:
                slope = sp.diff(factor.args[0], t)
                rate -= slope
                coefficient *= sp.exp(factor.args[0] - slope * t)
            elif factor != 1:
                return None
        if (power + 1).is_positive is not True:
            return None
        found.append((coefficient, power, rate))
    return found


def by_powers(f: Any, g: Any, t: Any) -> Any:
    """The convolution of two causal power-exponential sums (Beta integrals), or None."""
    f_terms, g_terms = _causal_terms(f, t), _causal_terms(g, t)
    if not f_terms or not g_terms:
        return None
    if all(alpha.is_Integer for _, alpha, _ in f_terms + g_terms):
        return None  # the piecewise engine's case: nothing to add
    total = sp.S.Zero
    for c1, alpha, lam1 in f_terms:
        for c2, beta, lam2 in g_terms:
            beta_function = sp.gamma(alpha + 1) * sp.gamma(beta + 1) / sp.gamma(alpha + beta + 2)
            shape = sp.hyperexpand(sp.hyper([alpha + 1], [alpha + beta + 2], (lam2 - lam1) * t))
            total += (c1 * c2 * t**(alpha + beta + 1) * sp.exp(-lam2 * t) * beta_function
                      * shape)
    value = sp.powsimp(sp.simplify(total))
    return IntervalPiecewise((value, t >= 0), (0, True))


def by_antiderivative(f: Any, g: Any, t: Any, seconds: float) -> Any:
    """A finite piecewise function against a smooth one, piece by piece, or None."""
    from ..errors import DiscreteconvError
    from ._recognize import to_pieces
    from ._terms import to_expr

    for pieces_of, other in ((f, g), (g, f)):
        try:
            pieces = to_pieces(pieces_of, t)
        except DiscreteconvError:
            continue
        if other.has(sp.Heaviside, sp.DiracDelta, sp.Piecewise, sp.Abs, sp.sign):
            return None
        if any(sp.oo in (abs(low), abs(high)) for low, high, _ in pieces.regions()):
            return None
        tau = sp.Dummy("tau", real=True)
        shifted = other.subs(t, t - tau)
        total = sum((w * other.subs(t, t - p) for p, w in pieces.deltas), sp.S.Zero)
        try:
            with _time_limit(seconds):
                for low, high, terms in pieces.regions():
                    antiderivative = sp.integrate(sp.expand(to_expr(terms, tau) * shifted), tau)
                    if antiderivative.has(sp.Integral):
                        return None
                    total += antiderivative.subs(tau, high) - antiderivative.subs(tau, low)
        except (TimeoutError, NotImplementedError, ValueError, TypeError, RecursionError):
            return None
        return total
    return None


def neat(value: Any) -> Any:
    """``sympy.simplify`` of a fallback's answer, when it is quick and makes it shorter."""
    if isinstance(value, sp.Piecewise):
        return value
    try:
        with _time_limit(NEAT_SECONDS):
            simpler = sp.simplify(value)
    except (TimeoutError, NotImplementedError, ValueError, TypeError, RecursionError):
        return value
    return simpler if sp.count_ops(simpler) <= sp.count_ops(value) else value
