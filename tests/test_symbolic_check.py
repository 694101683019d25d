"""``check_answer``: right answers in any form, wrong ones located, hints for common mistakes."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from discreteconv.errors import NotationError
from discreteconv.symbolic.check import AnswerCheck, check_answer
from discreteconv.symbolic.integral import convolve_integral

t = sp.Symbol("t", real=True)
u = sp.Heaviside
EXP = "exp(-t)*u(t)"
PULSE = "u(t) - u(t-1)"
PULSE2 = "u(t) - u(t-2)"


# -- right answers, written in many ways ----------------------------------------------------------


@pytest.mark.parametrize("f, g, answer, assume", [
    (EXP, PULSE, "(1 - exp(-t))*u(t) - (1 - exp(-(t-1)))*u(t-1)", None),
    (EXP, PULSE, "(1 - exp(-t))*(u(t) - u(t-1)) + (E - 1)*exp(-t)*u(t-1)", None),
    (EXP, PULSE, "(1 - exp(-t))*(u(t) - u(t-1)) + (exp(1-t) - exp(-t))*u(t-1)", None),
    (EXP, "u(t)", "(1 - e^(-t)) u(t)", None),
    ("rect(t)", "rect(t)", "tri(t)", None),
    ("rect(t)", "rect(t)", "(1 - abs(t))*(u(t+1) - u(t-1))", None),
    (PULSE, PULSE2, "t*(u(t)-u(t-1)) + (u(t-1)-u(t-2)) + (3-t)*(u(t-2)-u(t-3))", None),
    ("exp(-a*t)*u(t)", "exp(-b*t)*u(t)", "(exp(-a*t) - exp(-b*t))/(b - a)*u(t)", "a>0, b>0"),
    ("exp(-a*t)*u(t)", "exp(-b*t)*u(t)", "(exp(-b*t) - exp(-a*t))/(a - b)*u(t)", "a>0, b>0"),
    ("u(t) - u(t-T)", "u(t) - u(t-T)", "ramp(t) - 2*ramp(t-T) + ramp(t-2*T)", "T>0"),
    ("delta(t-1)", "2*delta(t) + u(t)", "u(t-1) + 2*delta(t-1)", None),
    ("1/(pi*(1+t^2))", "1/(pi*(1+t^2))", "2/(pi*(4 + t^2))", None),
    ("exp(-t^2)", "u(t)", "sqrt(pi)/2*(1 + erf(t))", None),
])
def test_right_answers_in_any_form(f: str, g: str, answer: str, assume: str | None) -> None:
    check = check_answer(f, g, answer, assume=assume)
    assert check.correct, str(check)
    assert bool(check) is True
    assert str(check) == "correct"
    assert check.differences == ()
    assert check.sample is None and check.hint is None


def test_sympy_answers_piecewise_and_steps() -> None:
    piecewise = sp.Piecewise((1 - sp.exp(-t), (t >= 0) & (t < 1)),
                             ((sp.E - 1) * sp.exp(-t), t >= 1), (0, True))
    steps = (1 - sp.exp(-t)) * u(t) - (1 - sp.exp(1 - t)) * u(t - 1)
    for answer in (piecewise, steps, convolve_integral(EXP, PULSE),
                   convolve_integral(EXP, PULSE).rewrite(sp.Heaviside)):
        assert check_answer(sp.exp(-t) * u(t), u(t) - u(t - 1), answer, t).correct
    check = check_answer(EXP, PULSE, steps)
    assert check.answer == steps
    assert check.expected == convolve_integral(EXP, PULSE)


# -- where a wrong answer differs -----------------------------------------------------------------


def test_wrong_on_one_interval_only() -> None:
    answer = "t*(u(t)-u(t-1)) + (u(t-1)-u(t-2)) + (4-t)*(u(t-2)-u(t-3))"
    check = check_answer(PULSE, PULSE2, answer)
    assert not check
    assert check.differences == ((2, 3),)
    point, expected, given = check.sample
    assert 2 < point < 3
    assert expected == pytest.approx(3 - point)
    assert given == pytest.approx(4 - point)
    assert str(check).startswith("differs for 2 <= t < 3: at t = 2.5 the convolution is 0.5, "
                                 "the answer gives 1.5")


def test_wrong_on_symbolic_interval() -> None:
    check = check_answer("u(t) - u(t-T)", "u(t) - u(t-T)",
                         "t*(u(t) - u(t-T)) + (2*T - t)*(u(t-T) - u(t-3*T))", assume="T>0")
    assert [(str(low), str(high)) for low, high in check.differences] == [("2*T", "3*T")]
    assert check.values == (("T", sp.Rational(13, 10)),)
    assert "(with T = 1.3)" in str(check)
    point, expected, given = check.sample
    assert 2.6 < point < 3.9 and expected == 0 and given == pytest.approx(2.6 - point)


def test_two_separate_wrong_intervals() -> None:
    answer = "(t + 1)*(u(t)-u(t-1)) + (u(t-1)-u(t-2)) + (3-t)*(u(t-2)-u(t-3)) + u(t-4)"
    check = check_answer(PULSE, PULSE2, answer)
    assert check.differences == ((0, 1), (4, sp.oo))
    assert str(check).startswith("differs for 0 <= t < 1, t >= 4: at t = 0.5")


def test_numeric_path_finds_the_interval() -> None:
    check = check_answer(EXP, "u(t)", "(1 - exp(-t))*u(t) + erf(t)*u(t-1)")
    assert check.differences == ((1, sp.oo),)
    assert check.sample[0] > 1


# -- hints ---------------------------------------------------------------------------------------


def test_missing_unit_step() -> None:
    check = check_answer(EXP, "u(t)", "1 - exp(-t)")
    assert check.differences == ((-sp.oo, 0),)
    assert check.hint == ("the answer should be 0 for t < 0, where the convolution is 0: "
                          "multiply by u(t)")
    point, expected, given = check.sample
    assert point < 0 and expected == 0 and given == pytest.approx(1 - sp.exp(-point))
    assert str(check) == ("differs for t < 0: at t = -0.4 the convolution is 0, the answer "
                          "gives -0.492; hint: the answer should be 0 for t < 0, where the "
                          "convolution is 0: multiply by u(t)")


def test_missing_shifted_unit_step() -> None:
    check = check_answer(EXP, "delta(t-1)", "exp(1 - t)")
    assert check.differences == ((-sp.oo, 1),)
    assert check.hint.endswith("multiply by u(t - 1)")


def test_constant_factor() -> None:
    check = check_answer(EXP, "u(t)", "2*(1 - exp(-t))*u(t)")
    assert check.differences == ((0, sp.oo),)
    assert check.hint == "the answer is 2 times the convolution: a constant factor is off"


def test_symbolic_factor_forgotten_division() -> None:
    check = check_answer("exp(-a*t)*u(t)", "u(t)", "(1 - exp(-a*t))*u(t)", assume="a>0")
    assert check.hint == "the answer is a times the convolution: a constant factor is off"
    assert "(with a = 1.3)" in str(check)


def test_factor_found_numerically_outside_the_class() -> None:
    check = check_answer("1/(pi*(1+t^2))", "1/(pi*(1+t^2))", "1/(pi*(4 + t^2))")
    assert check.differences == ((-sp.oo, sp.oo),)
    assert check.hint == "the answer is 1/2 times the convolution: a constant factor is off"
    assert str(check).startswith("differs for all t: at t = 0.4")


@pytest.mark.parametrize("f, g, answer, assume", [
    (EXP, "u(t)", "(exp(-t) - 1)*u(t)", None),
    ("exp(-a*t)*u(t)", "exp(-b*t)*u(t)", "(exp(-a*t) - exp(-b*t))/(a - b)*u(t)", "a>0, b>0"),
])
def test_sign_error(f: str, g: str, answer: str, assume: str | None) -> None:
    check = check_answer(f, g, answer, assume=assume)
    assert check.hint == "sign error: the answer is -1 times the convolution"
    assert check.sample[1] == pytest.approx(-check.sample[2])


def test_wrong_limit_names_both_breakpoints() -> None:
    # exp(-t)u(t) * (u(t) - u(t-2)) worked with the pulse's width taken as 1
    answer = "(1 - exp(-t))*(u(t) - u(t-1)) + (E - 1)*exp(-t)*u(t-1)"
    check = check_answer(EXP, PULSE2, answer)
    assert check.differences == ((1, sp.oo),)
    assert check.hint.startswith("the convolution changes form at t = 0, 2, the answer at "
                                 "t = 0, 1: check the limits of the integrals")


def test_wrong_limit_points_to_the_form_used() -> None:
    check = check_answer(PULSE, PULSE2, "t*(u(t) - u(t-2)) + (3 - t)*(u(t-2) - u(t-3))")
    assert check.differences == ((1, 2),)
    assert "changes form at t = 0, 1, 2, 3, the answer at t = 0, 2, 3" in check.hint
    assert check.hint.endswith("for 1 <= t < 2 the answer uses t, the convolution's form for "
                               "0 <= t < 1")


def test_missing_range() -> None:
    check = check_answer(PULSE, PULSE, "t*(u(t) - u(t-1))")
    assert check.differences == ((1, 2),)
    assert check.hint == ("the answer is 0 for 1 <= t < 2, where the convolution is not: a "
                          "range of t is missing")


def test_factor_on_one_interval() -> None:
    check = check_answer(EXP, PULSE, "(1 - exp(-t))*(u(t) - u(t-1)) + exp(1-t)*u(t-1)")
    assert check.differences == ((1, sp.oo),)
    assert check.hint == ("for t >= 1 the answer is E/(-1 + E) times the convolution: check a "
                          "constant factor there")


def test_missing_delta() -> None:
    check = check_answer("delta(t-1)", "2*delta(t) + u(t)", "u(t-1)")
    assert check.differences == ((1, 1),)
    assert check.sample is None
    assert check.hint == "the answer is missing the delta 2*DiracDelta(t - 1)"
    assert str(check) == ("differs for t = 1; hint: the answer is missing the delta "
                          "2*DiracDelta(t - 1)")


def test_extra_delta() -> None:
    check = check_answer("delta(t) + delta(t-1)", "delta(t)", "delta(t) + delta(t-1) + delta(t-2)")
    assert check.differences == ((2, 2),)
    assert check.hint == ("the answer has an extra delta DiracDelta(t - 2); the convolution has "
                          "no delta at t = 2")


def test_wrong_delta_weight() -> None:
    check = check_answer("delta(t-1)", "2*delta(t) + u(t)", "u(t-1) + delta(t-1)")
    assert check.hint == "the delta at t = 1 should have weight 2, not 1"


def test_no_hint_when_no_pattern_fits() -> None:
    check = check_answer(EXP, "u(t)", "(1 - exp(-2*t))*u(t)")
    assert not check.correct
    assert check.differences == ((0, sp.oo),)
    assert check.hint is None
    assert "hint" not in str(check)


# -- the value object -----------------------------------------------------------------------------


def test_answer_check_is_frozen() -> None:
    check = check_answer(EXP, "u(t)", "(1 - exp(-t))*u(t)")
    assert isinstance(check, AnswerCheck)
    with pytest.raises(dataclasses.FrozenInstanceError):
        check.correct = False  # type: ignore[misc]


def test_bad_answer_text() -> None:
    with pytest.raises(NotationError):
        check_answer(EXP, "u(t)", "1 - exp(-t")
