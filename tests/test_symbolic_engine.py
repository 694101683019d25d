"""The piecewise engine and its fallbacks: worked cases, assumptions, errors, the result type."""

from __future__ import annotations

import pytest
import sympy as sp

import discreteconv as dc
from discreteconv.symbolic.integral import solve

t = sp.Symbol("t", real=True)
H = sp.Heaviside


def values_at(expr: sp.Expr, points: list[float], **parameters: float) -> list[float]:
    expr = expr.subs({sp.Symbol(name, positive=True): v for name, v in parameters.items()})
    expr = expr.subs({s: parameters[s.name] for s in expr.free_symbols if s.name in parameters})
    return [float(expr.subs(t, point)) for point in points]


def test_the_pulse_example_and_its_step_form() -> None:
    result = dc.convolve_integral("exp(-t)*u(t)", "u(t) - u(t-1)")
    assert str(result) == ("Piecewise((1 - exp(-t), (t >= 0) & (t < 1)), "
                           "((-1 + E)*exp(-t), t >= 1), (0, True))")
    steps = result.rewrite(sp.Heaviside)
    assert not steps.has(sp.Piecewise)
    for point in (-1, 0.5, 3):
        assert float(steps.subs(t, point)) == pytest.approx(float(result.subs(t, point)))
    assert sp.sympify(str(result), locals={"t": t}) == result  # str is SymPy-readable


def test_equal_and_unequal_rates() -> None:
    a, b = sp.symbols("a b", positive=True)
    both = dc.convolve_integral(sp.exp(-a * t) * H(t), sp.exp(-b * t) * H(t), t)
    assert both.has(sp.Eq(a, b))  # the degenerate branch, on its condition
    equal = dc.convolve_integral(sp.exp(-a * t) * H(t), sp.exp(-a * t) * H(t), t)
    assert sp.simplify(equal - sp.Piecewise((t * sp.exp(-a * t), t >= 0), (0, True))) == 0


def test_an_order_between_parameters_is_an_assumption() -> None:
    result = dc.convolve_integral("u(t)-u(t-T1)", "u(t)-u(t-T2)", assume="T1>0, T1<T2")
    names = {s.name for s in result.free_symbols}
    assert names == {"t", "T1", "T2"}
    assert values_at(result, [0.5, 1.5, 2.5, 3.5], T1=1, T2=2) == [0.5, 1, 0.5, 0]
    with pytest.raises(dc.AssumptionNeededError, match="T1<T2"):
        dc.convolve_integral("u(t)-u(t-T1)", "u(t)-u(t-T2)", assume="T1>0, T2>0")


def test_a_rate_of_unknown_sign_asks_for_it() -> None:
    with pytest.raises(dc.AssumptionNeededError, match='assume="a>0"'):
        dc.convolve_integral("exp(-a t) u(t)", "u(-t)")


@pytest.mark.parametrize(("f", "g"), [("u(t)", "1"), ("sin(t)", "1"), ("u(t)", "u(-t)")])
def test_divergent_integrals_are_refused(f: str, g: str) -> None:
    with pytest.raises(dc.DivergentIntegralError, match="diverges"):
        dc.convolve_integral(f, g)


def test_undefined_products_of_deltas() -> None:
    with pytest.raises(dc.InvalidEntryError, match="product of two Dirac deltas"):
        dc.convolve_integral("delta(t)*delta(t)", "u(t)")
    with pytest.raises(dc.InvalidEntryError, match="jumps there"):
        dc.convolve_integral("u(t)*delta(t)", "u(t)")
    assert dc.convolve_integral("exp(t)*delta(t-1)", "delta(t)") == sp.E * sp.DiracDelta(t - 1)


@pytest.mark.parametrize(("f", "g", "method", "points", "expected"), [
    ("1/(pi (1+t^2))", "1/(pi (1+t^2))", "residues", [0, 2], [1 / (2 * 3.141592653589793),
                                                              1 / (4 * 3.141592653589793)]),
    ("exp(-t/2)/sqrt(2 pi t) u(t)", "exp(-t/2)/sqrt(2 pi t) u(t)", "powers", [1, 3],
     [0.5 * 2.718281828459045 ** -0.5, 0.5 * 2.718281828459045 ** -1.5]),
    ("1/(1+t^2)", "rect(t)", "antiderivative", [0], [2 * 0.4636476090008061]),
])
def test_fallbacks_are_verified_and_named(f: str, g: str, method: str, points: list[float],
                                          expected: list[float]) -> None:
    solution = solve(f, g)
    assert solution.method == method
    assert values_at(solution.result, points) == pytest.approx(expected)


def test_nothing_unverified_is_returned() -> None:
    with pytest.raises(dc.NoClosedFormError, match="no closed form found"):
        dc.convolve_integral("exp(-t^2)*cos(t)", "u(t)-u(t-1)")


def test_verify_checks_against_quadrature() -> None:
    result = dc.convolve_integral("t exp(-t) u(t)", "cos(2t) u(t)", verify=True)
    assert isinstance(result, sp.Piecewise)


def test_inputs_and_variables() -> None:
    x = sp.Symbol("x")
    assert dc.convolve_integral(H(x), H(x) - H(x - 1)).has(x)  # the only symbol is the variable
    plain_t = sp.Symbol("t")  # no assumptions: text in t is read with the caller's symbol
    result = dc.convolve_integral("exp(-t)*u(t)", H(plain_t), plain_t)
    assert result.free_symbols == {plain_t}
    with pytest.raises(dc.InvalidEntryError, match="f must be a SymPy expression or text"):
        dc.convolve_integral([1, 2], "u(t)")
    with pytest.raises(dc.NotationError, match="column"):
        dc.convolve_integral("exp(-t u(t)", "u(t)")


def test_large_powers_are_refused_before_expanding() -> None:
    with pytest.raises(dc.TooLargeError):
        dc.convolve_integral((t + 1) ** 200 * H(t) * H(1 - t), H(t))
