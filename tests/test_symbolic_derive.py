"""``derive``: the steps of a convolution integral, in text, Markdown and LaTeX."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from discreteconv.errors import DivergentIntegralError, NotationError
from discreteconv.symbolic import derivation as derive_module
from discreteconv.symbolic._inputs import read_inputs
from discreteconv.symbolic.derivation import Derivation, Step, derive
from discreteconv.symbolic.integral import Solution, convolve_integral

t = sp.Symbol("t", real=True)
tau = sp.Symbol("tau", real=True)

TITLES = ["Write f and g piece by piece", "Flip g", "Shift g by t",
          "Integrate over the overlap, range by range", "Assemble the result"]


def lines(work: Derivation, step: int) -> list[str]:
    return work.steps[step].text.splitlines()


# -- the textbook examples ------------------------------------------------------------------------


def test_exponential_times_pulse_text() -> None:
    work = derive("exp(-t)*u(t)", "u(t) - u(t-1)")
    assert [step.title for step in work.steps] == TITLES
    assert work.method == "piecewise"
    assert lines(work, 0) == ["f(τ) = exp(-τ)  for τ > 0", "f(τ) = 0 elsewhere",
                              "g(τ) = 1  for 0 < τ < 1", "g(τ) = 0 elsewhere"]
    assert lines(work, 1)[1:] == ["g(-τ) = 1  for -1 < τ < 0"]
    assert lines(work, 2)[1:] == ["g(t - τ) = 1  for t - 1 < τ < t"]
    assert lines(work, 3) == [
        "f(τ)·g(t - τ) is nonzero only where both factors are; the overlap changes at t = 0, 1",
        "For t < 0: no overlap, (f*g)(t) = 0",
        "For 0 ≤ t < 1: (f*g)(t) = ∫_0^t exp(-τ) dτ = 1 - exp(-t)",
        "For t ≥ 1: (f*g)(t) = ∫_{t - 1}^t exp(-τ) dτ = (-1 + E)*exp(-t)",
    ]
    assert lines(work, 4)[:3] == ["(f*g)(t) = 1 - exp(-t)  for 0 ≤ t < 1",
                                  "(f*g)(t) = (-1 + E)*exp(-t)  for t ≥ 1",
                                  "(f*g)(t) = 0 for every other t"]
    assert work.result == convolve_integral("exp(-t)*u(t)", "u(t) - u(t-1)")
    assert str(work) == work.text()
    assert work.text().startswith("(f*g)(t) = ∫_{-∞}^∞ f(τ)·g(t - τ) dτ\n1. Write f and g")


def test_shown_integrals_evaluate_to_the_shown_values() -> None:
    assert sp.integrate(sp.exp(-tau), (tau, 0, t)) == 1 - sp.exp(-t)
    assert sp.simplify(sp.integrate(sp.exp(-tau), (tau, t - 1, t))
                       - (sp.E - 1) * sp.exp(-t)) == 0
    work = derive("rect(t)", "rect(t)")
    text = work.steps[3].text
    assert "For -1 ≤ t < 0: (f*g)(t) = ∫_{-1/2}^{t + 1/2} 1 dτ = t + 1" in text
    assert "For 0 ≤ t < 1: (f*g)(t) = ∫_{t - 1/2}^{1/2} 1 dτ = 1 - t" in text
    assert sp.integrate(1, (tau, -sp.Rational(1, 2), t + sp.Rational(1, 2))) == t + 1
    assert sp.integrate(1, (tau, t - sp.Rational(1, 2), sp.Rational(1, 2))) == 1 - t
    assert "t = -1, 0, 1" in text


def test_rect_rect_flip_and_shift() -> None:
    work = derive("rect(t)", "rect(t)")
    assert lines(work, 0)[0] == "f(τ) = 1  for -1/2 < τ < 1/2"
    assert lines(work, 1)[1] == "g(-τ) = 1  for -1/2 < τ < 1/2"
    assert lines(work, 2)[1] == "g(t - τ) = 1  for t - 1/2 < τ < t + 1/2"


def test_shifted_function_keeps_its_shape() -> None:
    work = derive("t*u(t)", "exp(-2*t)*u(t)")
    assert lines(work, 2)[1] == "g(t - τ) = exp(-2*(t - τ))  for τ < t"
    assert "(f*g)(t) = ∫_0^t τ*exp(-2*(t - τ)) dτ = " in work.steps[3].text
    assert r"\int_{0}^{t} \tau e^{- 2 \left(t - \tau\right)} \, d\tau" in work.latex()


def test_two_sided_input_has_no_zero_line() -> None:
    work = derive("exp(-abs(t))", "exp(-abs(t))")
    assert lines(work, 0)[:2] == ["f(τ) = exp(τ)  for τ < 0", "f(τ) = exp(-τ)  for τ > 0"]
    assert "0 elsewhere" not in work.steps[0].text
    assert "∫_{-∞}^t" in work.steps[3].text
    assert "3 contributions add up:" in work.steps[3].text


def test_gaussians_integrate_over_the_whole_line() -> None:
    work = derive("exp(-t^2)", "exp(-t^2)")
    assert lines(work, 0)[0] == "f(τ) = exp(-τ**2)  for all τ"
    assert "For all t: (f*g)(t) = ∫_{-∞}^∞ exp(-τ**2)*exp(-(t - τ)**2) dτ" in work.text()


# -- deltas ---------------------------------------------------------------------------------------


def test_delta_of_f_sifts_g() -> None:
    work = derive("delta(t-1) + u(t)", "u(t) - u(t-2)")
    assert "plus the delta DiracDelta(τ - 1)" in work.steps[0].text
    assert lines(work, 3)[3:7] == [
        "For 1 ≤ t < 2: 2 contributions add up:",
        "  ∫_0^t 1 dτ = t",
        "  ∫ DiracDelta(τ - 1)·g(t - τ) dτ = g(t - 1) = 1",
        "  so (f*g)(t) = t + 1",
    ]
    assert work.result == convolve_integral("delta(t-1) + u(t)", "u(t) - u(t-2)")


def test_delta_of_g_sifts_f() -> None:
    work = derive("u(t) - u(t-2)", "2*delta(t-1)")
    assert "plus the delta 2*DiracDelta(t - τ - 1), at τ = t - 1" in work.steps[2].text
    assert ("For 1 ≤ t < 3: (f*g)(t) = ∫ f(τ)·2*DiracDelta(t - τ - 1) dτ = 2*f(t - 1) = 2"
            in work.steps[3].text)


def test_delta_times_delta() -> None:
    work = derive("delta(t) + delta(t-1)", "2*delta(t-1) + u(t) - u(t-1)")
    assert "f(τ) = DiracDelta(τ)" in work.steps[0].text
    assert "f and g both hold deltas" in work.steps[3].text
    assert "plus 2*DiracDelta(t - 2) + 2*DiracDelta(t - 1)" in work.steps[4].text
    assert "For 0 ≤ t < 1: (f*g)(t) = ∫ DiracDelta(τ)·g(t - τ) dτ = g(t) = 1" in work.text()
    assert work.result.has(sp.DiracDelta)
    assert r"\delta\left(\tau - p\right)" in work.latex()


# -- parameters -----------------------------------------------------------------------------------


def test_symbolic_rates() -> None:
    work = derive("exp(-a*t)*u(t)", "exp(-b*t)*u(t)", assume="a>0, b>0")
    assert lines(work, 0)[0] == "assuming a > 0, b > 0"
    assert "g(t - τ) = exp(-b*(t - τ))  for τ < t" in work.steps[2].text
    assert "∫_0^t exp(-a*τ)*exp(-b*(t - τ)) dτ" in work.steps[3].text
    assert r"\text{assuming }a > 0\text{, }b > 0" in work.latex()
    expected = convolve_integral("exp(-a*t)*u(t)", "exp(-b*t)*u(t)", assume="a>0, b>0")
    assert work.result == expected
    a, b = sorted(expected.free_symbols - {t}, key=str)
    assert sp.simplify(work.result.subs({a: 2, b: 1, t: 1}) - (sp.exp(-1) - sp.exp(-2))) == 0


def test_symbolic_width() -> None:
    work = derive("u(t) - u(t-T)", "u(t) - u(t-T)", assume="T>0")
    text = work.steps[3].text
    assert "the overlap changes at t = 0, T, 2*T" in text
    assert "For 0 ≤ t < T: (f*g)(t) = ∫_0^t 1 dτ = t" in text
    assert "For T ≤ t < 2*T: (f*g)(t) = ∫_{-T + t}^T 1 dτ = 2*T - t" in text
    assert "For t ≥ 2*T: no overlap, (f*g)(t) = 0" in text
    assert {s.name for s in work.result.free_symbols} == {"T", "t"}


def test_parameter_named_tau_gets_another_integration_variable() -> None:
    work = derive("exp(-tau*t)*u(t)", "u(t)", assume="tau>0")
    assert "∫_0^t exp(-s*tau) ds = (1 - exp(-t*tau))/tau" in work.steps[3].text
    assert "g(t - s) = 1  for s < t" in work.steps[2].text


def test_other_variable_name() -> None:
    work = derive("exp(-x)*u(x)", "u(x) - u(x-1)", "x")
    assert "For 0 ≤ x < 1: (f*g)(x) = ∫_0^x exp(-τ) dτ = 1 - exp(-x)" in work.steps[3].text
    assert work.text().startswith("(f*g)(x) = ∫_{-∞}^∞ f(τ)·g(x - τ) dτ")


# -- fallback methods -----------------------------------------------------------------------------


def test_residues_name_the_poles() -> None:
    work = derive("1/(pi*(1+t^2))", "1/(pi*(1+t^2))")
    assert work.method == "residues"
    assert [step.title for step in work.steps] == [
        "Write the convolution integral",
        "Find the poles of the integrand in the upper half-plane",
        "Sum the residues"]
    text = work.text()
    assert "τ = I (order 1)" in text
    assert "τ = t + I (order 1)" in text
    assert "(f*g)(t) = 2πi·(sum of the residues) = 2/(pi*(t**2 + 4))" in text
    assert "∫_{-∞}^∞ 1/(pi**2*(τ**2 + 1)*((t - τ)**2 + 1)) dτ" in text
    assert sp.simplify(work.result - 2 / (sp.pi * (t**2 + 4))) == 0
    assert r"\tau = i" in work.latex()


def test_sympy_method_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = read_inputs(("erf(t)", "delta(t)"), None, None)
    solution = Solution(inputs, sp.erf(inputs.t), "sympy")
    monkeypatch.setattr(derive_module, "solve", lambda *args, **kwargs: solution)
    work = derive("erf(t)", "delta(t)")
    assert work.method == "sympy"
    assert [step.title for step in work.steps] == ["Write the convolution integral",
                                                    "Evaluate it with SymPy's integrator"]
    text = work.text()
    assert "∫_{-∞}^∞ DiracDelta(t - τ)*erf(τ) dτ" in text
    assert "erf(t) is outside the piecewise engine's class" in text
    assert "(f*g)(t) = erf(t)" in text
    assert "checked numerically" in text
    assert work.result == sp.erf(t)


# -- renderings -----------------------------------------------------------------------------------


def test_latex_rendering() -> None:
    work = derive("exp(-t)*u(t)", "u(t) - u(t-1)")
    latex = work.latex()
    assert latex.startswith("\\begin{array}{l}\n") and latex.endswith("\\end{array}")
    assert r"\textbf{4. Integrate over the overlap, range by range}" in latex
    assert r"\int_{0}^{t} e^{- \tau} \, d\tau = 1 - e^{- t}" in latex
    assert r"\int_{t - 1}^{t} e^{- \tau} \, d\tau" in latex
    assert r"\text{For }0 \leq t < 1\text{: }" in latex
    assert r"\begin{cases}" in latex
    assert "τ" not in latex and "·" not in latex and "≤" not in latex
    assert work._repr_latex_() == "$$" + latex + "$$"


def test_markdown_rendering() -> None:
    work = derive("exp(-t)*u(t)", "u(t) - u(t-1)")
    markdown = work.markdown()
    assert markdown.startswith("**$(f*g)")
    assert "4. **Integrate over the overlap, range by range**" in markdown
    assert r"   - For $0 \leq t < 1$: $(f*g)\left(t\right) = \int_{0}^{t} e^{- \tau}" in markdown
    assert "   - $g\\left(t - \\tau\\right) = 1$  for $t - 1 < \\tau < t$" in markdown
    assert work._repr_markdown_() == markdown


def test_values_are_immutable() -> None:
    work = derive("rect(t)", "rect(t)")
    assert all(isinstance(step, Step) for step in work.steps)
    with pytest.raises(dataclasses.FrozenInstanceError):
        work.method = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        work.steps[0].title = "other"  # type: ignore[misc]


def test_errors_come_through() -> None:
    with pytest.raises(DivergentIntegralError):
        derive("u(t)", "1")
    with pytest.raises(NotationError):
        derive("foo(t)", "u(t)")
