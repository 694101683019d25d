"""The algebra of the continuous convolution, as hypothesis properties of the piecewise engine.

Functions are drawn from the engine's class: sums of ``c t**k exp(a t) cos|sin(w t)`` on finite
windows, with an optional Dirac delta. Two results are compared exactly where they can be: both
read back as pieces and subtracted, every coefficient of the difference must vanish (checked to
40 digits, since SymPy need not write ``sin(1)cos(2)`` and ``(sin(3) - sin(1))/2`` alike).
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from discreteconv.symbolic._recognize import to_pieces
from discreteconv.symbolic._terms import primitive
from discreteconv.symbolic.integral import convolve_integral

t = sp.Symbol("t", real=True)
H = sp.Heaviside
FEW = settings(max_examples=10, deadline=None)


@st.composite
def pieces(draw: st.DrawFn) -> sp.Expr:
    """``c t**k exp(a t) wave(w t)`` on a window ``[l, l + width)``."""
    c = draw(st.sampled_from([1, -1, 2, sp.Rational(1, 2), 3]))
    k = draw(st.integers(0, 1))
    a = draw(st.sampled_from([0, -1, -2, sp.Rational(1, 2)]))
    wave = draw(st.sampled_from([1, sp.cos(t), sp.sin(2 * t)]))
    low = draw(st.integers(-2, 2))
    width = draw(st.integers(1, 3))
    return c * t**k * sp.exp(a * t) * wave * (H(t - low) - H(t - low - width))


@st.composite
def functions(draw: st.DrawFn, deltas: bool = True) -> sp.Expr:
    total = sum(draw(st.lists(pieces(), min_size=1, max_size=2)), sp.S.Zero)
    if deltas and draw(st.booleans()):
        total += draw(st.sampled_from([1, 2, -1])) * sp.DiracDelta(t - draw(st.integers(-1, 2)))
    return total


def assert_same(left: sp.Expr, right: sp.Expr) -> None:
    difference = to_pieces(left, t) - to_pieces(right, t)
    for part in difference.parts:
        for term in part:
            assert abs(sp.N(term.coefficient, 40)) < 1e-30, (left, right, term)
    for _, weight in difference.deltas:
        assert abs(sp.N(weight, 40)) < 1e-30, (left, right)


def line_integral(expr: sp.Expr) -> sp.Expr:
    """The integral of ``expr`` over the real line, exactly, from its pieces."""
    function = to_pieces(expr, t)
    total = sum((w for _, w in function.deltas), sp.S.Zero)
    for low, high, terms in function.regions():
        antiderivative = primitive(terms, t)
        total += antiderivative.at(high) - antiderivative.at(low)
    return total


@FEW
@given(functions(), functions())
def test_commutative(f: sp.Expr, g: sp.Expr) -> None:
    assert_same(convolve_integral(f, g, t), convolve_integral(g, f, t))


@FEW
@given(functions(deltas=False), functions(), functions(),
       st.sampled_from([2, -3, sp.Rational(1, 2)]))
def test_linear(f: sp.Expr, g1: sp.Expr, g2: sp.Expr, c: sp.Expr) -> None:
    together = convolve_integral(f, g1 + c * g2, t)
    apart = convolve_integral(f, g1, t) + c * convolve_integral(f, g2, t)
    assert_same(together, apart)


@FEW
@given(functions(), st.integers(-2, 2))
def test_delta_is_the_identity_and_shifts(f: sp.Expr, p: int) -> None:
    assert_same(convolve_integral(f, sp.DiracDelta(t), t), f)
    assert_same(convolve_integral(f, sp.DiracDelta(t - p), t), f.xreplace({t: t - p}))


@FEW
@given(functions(deltas=False), functions(deltas=False), st.integers(-2, 3))
def test_time_shift(f: sp.Expr, g: sp.Expr, p: int) -> None:
    shifted = convolve_integral(f.xreplace({t: t - p}), g, t)
    assert_same(shifted, convolve_integral(f, g, t).xreplace({t: t - p}))


@FEW
@given(functions(), functions())
def test_integral_of_the_convolution_is_the_product_of_integrals(f: sp.Expr, g: sp.Expr) -> None:
    product = line_integral(f) * line_integral(g)
    assert abs(sp.N(line_integral(convolve_integral(f, g, t)) - product, 40)) < 1e-30


@FEW
@given(functions(deltas=False), functions(deltas=False))
def test_laplace_transform_of_causal_inputs_multiplies(f: sp.Expr, g: sp.Expr) -> None:
    causal_f, causal_g = f * H(t), g * H(t)
    damping = sp.exp(-3 * t) * H(t)  # the transform at s = 3
    transform = (line_integral(causal_f * damping) * line_integral(causal_g * damping))
    result = convolve_integral(causal_f, causal_g, t)
    assert abs(sp.N(line_integral(result * damping) - transform, 40)) < 1e-30
