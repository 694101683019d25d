"""The textbook corpus of continuous convolutions ``(f*g)(t) = integral f(tau) g(t - tau) dtau``.

A plain module, not a test file: ``tests/test_symbolic_corpus.py`` checks every answer against
an independent numeric integral and against ``discreteconv.convolve_integral``, and
``benchmarks/symbolic.py`` (which loads this file by its path) times discreteconv and plain
SymPy on it. Each :class:`Problem` gives ``f`` and ``g`` as text in the grammar of
``discreteconv.symbolic.parse.parse_function`` and its known answer, derived by hand and built
here in SymPy.

The second half is the numeric checker both use: :func:`numeric_convolution` integrates
``f(tau) g(t - tau)`` with ``mpmath.quad`` between the breakpoints (``Heaviside``, ``Abs`` and
``sign`` arguments, which must be linear in ``t``), ``w*DiracDelta(t - p)`` terms handled
exactly; :func:`sample_times` picks points on every interval of the result; :func:`check` says
what is wrong with a claimed result, or returns None. Parameters are replaced by the problem's
``values`` by name, so symbol assumptions never matter.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import mpmath
import sympy
from sympy import Abs, DiracDelta, Heaviside, Piecewise, Rational, exp, pi, sqrt

__all__ = ["PROBLEMS", "Problem", "assumptions_for", "check", "compare", "delta_product",
           "evaluate", "numeric_convolution", "parsed", "sample_times", "split_deltas",
           "substitute", "symbols_for", "t"]


@dataclass(frozen=True)
class Problem:
    """One textbook convolution and its known answer."""

    name: str
    category: str
    f: str
    g: str
    answer: sympy.Expr
    assume: str = ""
    values: dict[str, float] = field(default_factory=dict)
    source: str = ""


# -- the corpus --------------------------------------------------------------------------------
t = sympy.Symbol("t", real=True)
_POSITIVE = {"real": True, "positive": True}
a, b, d, w, T, lam = (sympy.Symbol(name, **_POSITIVE) for name in ("a", "b", "d", "w", "T", "lam"))
sigma1, sigma2 = sympy.Symbol("sigma1", **_POSITIVE), sympy.Symbol("sigma2", **_POSITIVE)
H = Heaviside
HALF = Rational(1, 2)


def _on(low: Any, high: Any = None) -> Any:
    """``low <= t < high`` (``t >= low`` without ``high``)."""
    return t >= low if high is None else (t >= low) & (t < high)


def _pieces(*pieces: tuple[Any, Any]) -> sympy.Expr:
    """A Piecewise of ``(value, condition)`` pairs, zero elsewhere."""
    return Piecewise(*pieces, (0, True))


_OW = "Oppenheim & Willsky, Signals and Systems, 2nd ed."
_LATHI = "Lathi, Linear Systems and Signals, table of convolution integrals"
_COURSE = "standard signals course exercise"
_PROBABILITY = "standard probability course exercise (density of a sum)"

_CAUSAL_EQUAL = "causal exponentials (equal rates)"
_CAUSAL_UNEQUAL = "causal exponentials (unequal rates)"
_EXP_STEP = "exponentials and steps"
_EXP_PULSE = "exponential * pulse"
_PULSES = "rectangular pulses"
_STEPS = "steps and ramps"
_SINUSOIDS = "sinusoids"
_SHIFTED = "shifted pulses"
_TRIANGLES = "triangles"
_PIECEWISE = "piecewise polynomials"
_TWO_SIDED = "two-sided exponentials"
_GAUSSIANS = "Gaussians"
_CAUCHY = "Cauchy"
_DENSITIES = "densities"
_DELTAS = "Dirac deltas"
_SYMBOLIC = "symbolic parameters"

_TRI = _pieces((1 + t, _on(-1, 0)), (1 - t, _on(0, 1)))
_CUBIC_B_SPLINE = _pieces(((2 + t) ** 3 / 6, _on(-2, -1)),
                          (Rational(2, 3) - t**2 - t**3 / 2, _on(-1, 0)),
                          (Rational(2, 3) - t**2 + t**3 / 2, _on(0, 1)),
                          ((2 - t) ** 3 / 6, _on(1, 2)))
_EXP_RECT = _pieces((1 - exp(-t), _on(0, 1)), ((sympy.E - 1) * exp(-t), _on(1)))

PROBLEMS: tuple[Problem, ...] = (
    # causal exponentials, equal rates: t e^{-at} u(t)
    Problem("exp-exp-equal", _CAUSAL_EQUAL, "exp(-t)*u(t)", "exp(-t)*u(t)",
            t * exp(-t) * H(t), source=_LATHI),
    Problem("exp2-exp2", _CAUSAL_EQUAL, "exp(-2t) u(t)", "exp(-2t) u(t)",
            t * exp(-2 * t) * H(t), source=_LATHI),
    Problem("exp-exp-equal-symbolic", _CAUSAL_EQUAL, "exp(-a*t)*u(t)", "exp(-a*t)*u(t)",
            t * exp(-a * t) * H(t), "a>0", {"a": 0.8}, _LATHI),
    Problem("texp-exp", _CAUSAL_EQUAL, "t*exp(-t)*u(t)", "exp(-t)*u(t)",
            t**2 * exp(-t) / 2 * H(t), source=_LATHI),
    # causal exponentials, unequal rates: (e^{-at} - e^{-bt})/(b - a) u(t)
    Problem("exp-exp-unequal", _CAUSAL_UNEQUAL, "exp(-t)*u(t)", "exp(-2*t)*u(t)",
            (exp(-t) - exp(-2 * t)) * H(t), source=_LATHI),
    Problem("exp3-exp1", _CAUSAL_UNEQUAL, "exp(-3*t)*u(t)", "exp(-t)*u(t)",
            (exp(-t) - exp(-3 * t)) / 2 * H(t), source=_COURSE),
    Problem("exp-exp-symbolic", _CAUSAL_UNEQUAL, "exp(-a*t)*u(t)", "exp(-b*t)*u(t)",
            _pieces(((exp(-a * t) - exp(-b * t)) / (b - a), _on(0))), "a>0, b>0",
            {"a": 1.3, "b": 0.4}, _LATHI),
    Problem("exp-exp-weighted", _CAUSAL_UNEQUAL, "2exp(-t)u(t)", "3*exp(-4*t)*u(t)",
            2 * (exp(-t) - exp(-4 * t)) * H(t), source=_COURSE),
    # exponentials and steps
    Problem("exp-step-symbolic", _EXP_STEP, "exp(-a*t)*u(t)", "u(t)",
            (1 - exp(-a * t)) / a * H(t), "a>0", {"a": 0.7}, f"{_OW} Example 2.6"),
    Problem("anticausal-exp-shifted-step", _EXP_STEP, "exp(2*t)*u(-t)", "u(t-3)",
            Piecewise((exp(2 * (t - 3)) / 2, t < 3), (HALF, True)), source=f"{_OW} Example 2.8"),
    Problem("exp-step", _EXP_STEP, "u(t)", "exp(-3t)*u(t)",
            (1 - exp(-3 * t)) / 3 * H(t), source=_LATHI),
    # exponential * pulse
    Problem("exp-rect", _EXP_PULSE, "exp(-t)*u(t)", "u(t) - u(t-1)", _EXP_RECT, source=_COURSE),
    Problem("exp-rect-centred", _EXP_PULSE, "exp(-t)*u(t)", "rect(t)",
            _pieces((1 - exp(-t - HALF), _on(-HALF, HALF)),
                    ((exp(HALF) - exp(-HALF)) * exp(-t), _on(HALF))), source=_COURSE),
    Problem("exp-pulse-symbolic", _EXP_PULSE, "exp(-a*t)*u(t)", "u(t) - u(t - T)",
            _pieces(((1 - exp(-a * t)) / a, _on(0, T)), ((exp(a * T) - 1) * exp(-a * t) / a,
                                                         _on(T))),
            "a>0, T>0", {"a": 0.9, "T": 1.5}, _COURSE),
    Problem("exp-shifted-pulse", _EXP_PULSE, "exp(-2*t)*u(t)", "u(t-1) - u(t-2)",
            _pieces(((1 - exp(-2 * (t - 1))) / 2, _on(1, 2)),
                    ((exp(-2 * (t - 2)) - exp(-2 * (t - 1))) / 2, _on(2))), source=_COURSE),
    # rectangular pulses
    Problem("pulse-pulse-equal", _PULSES, "u(t) - u(t-1)", "u(t) - u(t-1)",
            _pieces((t, _on(0, 1)), (2 - t, _on(1, 2))), source=_COURSE),
    Problem("pulse-pulse-unequal", _PULSES, "u(t) - u(t-1)", "u(t) - u(t-2)",
            _pieces((t, _on(0, 1)), (1, _on(1, 2)), (3 - t, _on(2, 3))), source=_COURSE),
    Problem("rect-wide-narrow", _PULSES, "rect(t/2)", "rect(t)",
            _pieces((t + Rational(3, 2), _on(-Rational(3, 2), -HALF)), (1, _on(-HALF, HALF)),
                    (Rational(3, 2) - t, _on(HALF, Rational(3, 2)))), source=_COURSE),
    Problem("pulse-heights", _PULSES, "2(u(t) - u(t-3))", "u(t) - u(t-1)",
            _pieces((2 * t, _on(0, 1)), (2, _on(1, 3)), (2 * (4 - t), _on(3, 4))),
            source=_COURSE),
    # steps and ramps
    Problem("step-step", _STEPS, "u(t)", "u(t)", t * H(t), source=_LATHI),
    Problem("step-ramp", _STEPS, "u(t)", "ramp(t)", t**2 / 2 * H(t), source=_COURSE),
    Problem("ramp-ramp", _STEPS, "ramp(t)", "ramp(t)", t**3 / 6 * H(t), source=_COURSE),
    Problem("shifted-steps", _STEPS, "u(t-1)", "u(t-2)", (t - 3) * H(t - 3), source=_COURSE),
    Problem("shifted-ramp-step", _STEPS, "ramp(t-1)", "u(t-2)", (t - 3) ** 2 / 2 * H(t - 3),
            source=_COURSE),
    Problem("step-pulse", _STEPS, "u(t)", "u(t) - u(t-2)",
            _pieces((t, _on(0, 2)), (2, _on(2))), source=_COURSE),
    # sinusoids
    Problem("sin-step", _SINUSOIDS, "sin(t)*u(t)", "u(t)", (1 - sympy.cos(t)) * H(t),
            source=_COURSE),
    Problem("cos-exp", _SINUSOIDS, "cos(2t)*u(t)", "exp(-t)*u(t)",
            (sympy.cos(2 * t) + 2 * sympy.sin(2 * t) - exp(-t)) / 5 * H(t), source=_LATHI),
    Problem("cos-exp-symbolic", _SINUSOIDS, "cos(w*t)*u(t)", "exp(-a*t)*u(t)",
            (a * sympy.cos(w * t) + w * sympy.sin(w * t) - a * exp(-a * t)) / (a**2 + w**2)
            * H(t), "a>0, w>0", {"a": 0.6, "w": 2.5}, _LATHI),
    Problem("sin-rect", _SINUSOIDS, "sin(pi*t)", "rect(t)", 2 * sympy.sin(pi * t) / pi,
            source=_COURSE),
    Problem("sin-pulse-causal", _SINUSOIDS, "sin(t)*u(t)", "u(t) - u(t - pi)",
            _pieces((1 - sympy.cos(t), _on(0, pi)), (-2 * sympy.cos(t), _on(pi))),
            source=_COURSE),
    Problem("damped-sin-step", _SINUSOIDS, "exp(-t)*sin(t)*u(t)", "u(t)",
            (HALF - exp(-t) * (sympy.sin(t) + sympy.cos(t)) / 2) * H(t), source=_COURSE),
    Problem("sin-sin", _SINUSOIDS, "sin(t)*u(t)", "sin(t)*u(t)",
            (sympy.sin(t) - t * sympy.cos(t)) / 2 * H(t), source=_COURSE),
    Problem("cos-cos", _SINUSOIDS, "cos(t)*u(t)", "cos(t)*u(t)",
            (t * sympy.cos(t) + sympy.sin(t)) / 2 * H(t), source=_COURSE),
    # shifted pulses
    Problem("shifted-pulses", _SHIFTED, "u(t-1) - u(t-3)", "u(t-2) - u(t-4)",
            _pieces((t - 3, _on(3, 5)), (7 - t, _on(5, 7))), source=_COURSE),
    Problem("shifted-pulses-unequal", _SHIFTED, "u(t-1) - u(t-2)", "u(t+1) - u(t-2)",
            _pieces((t, _on(0, 1)), (1, _on(1, 3)), (4 - t, _on(3, 4))), source=_COURSE),
    Problem("bipolar-pulse", _SHIFTED, "u(t) - 2u(t-1) + u(t-2)", "u(t) - u(t-1)",
            _pieces((t, _on(0, 1)), (3 - 2 * t, _on(1, 2)), (t - 3, _on(2, 3))),
            source=_COURSE),
    Problem("shifted-rect", _SHIFTED, "rect(t - 2)", "rect(t + 1/2)",
            _pieces((t - HALF, _on(HALF, Rational(3, 2))), (Rational(5, 2) - t,
                                                          _on(Rational(3, 2), Rational(5, 2)))),
            source=_COURSE),
    # triangles
    Problem("rect-rect", _TRIANGLES, "rect(t)", "rect(t)", _TRI, source=_COURSE),
    Problem("tri-rect", _TRIANGLES, "tri(t)", "rect(t)",
            _pieces(((t + Rational(3, 2)) ** 2 / 2, _on(-Rational(3, 2), -HALF)),
                    (Rational(3, 4) - t**2, _on(-HALF, HALF)),
                    ((Rational(3, 2) - t) ** 2 / 2, _on(HALF, Rational(3, 2)))), source=_COURSE),
    Problem("tri-tri", _TRIANGLES, "tri(t)", "tri(t)", _CUBIC_B_SPLINE, source=_COURSE),
    Problem("tri-step", _TRIANGLES, "tri(t)", "u(t)",
            _pieces(((1 + t) ** 2 / 2, _on(-1, 0)), (1 - (1 - t) ** 2 / 2, _on(0, 1)),
                    (1, _on(1))), source=_COURSE),
    # piecewise polynomials
    Problem("ramp-piece-self", _PIECEWISE, "t*(u(t) - u(t-1))", "t*(u(t) - u(t-1))",
            _pieces((t**3 / 6, _on(0, 1)), (-t**3 / 6 + t - Rational(2, 3), _on(1, 2))),
            source=_COURSE),
    Problem("parabola-pulse", _PIECEWISE, "t^2 (u(t) - u(t-1))", "u(t) - u(t-1)",
            _pieces((t**3 / 3, _on(0, 1)), ((1 - (t - 1) ** 3) / 3, _on(1, 2))),
            source=_COURSE),
    Problem("ramp-piece-pulse", _PIECEWISE, "t*(u(t) - u(t-2))", "u(t) - u(t-1)",
            _pieces((t**2 / 2, _on(0, 1)), (t - HALF, _on(1, 2)), ((4 - (t - 1) ** 2) / 2,
                                                                   _on(2, 3))),
            source=_COURSE),
    Problem("falling-ramp-step", _PIECEWISE, "(1 - t)*(u(t) - u(t-1))", "u(t)",
            _pieces((t - t**2 / 2, _on(0, 1)), (HALF, _on(1))), source=_COURSE),
    # two-sided exponentials
    Problem("laplace-laplace", _TWO_SIDED, "exp(-abs(t))", "exp(-abs(t))",
            (1 + Abs(t)) * exp(-Abs(t)), source=_COURSE),
    Problem("laplace-symbolic", _TWO_SIDED, "exp(-a*abs(t))", "exp(-a*abs(t))",
            (1 + a * Abs(t)) * exp(-a * Abs(t)) / a, "a>0", {"a": 1.7}, _COURSE),
    Problem("laplace-unequal", _TWO_SIDED, "exp(-abs(t))", "exp(-2*abs(t))",
            (4 * exp(-Abs(t)) - 2 * exp(-2 * Abs(t))) / 3, source=_COURSE),
    Problem("laplace-causal", _TWO_SIDED, "exp(-abs(t))", "exp(-t)*u(t)",
            Piecewise((exp(t) / 2, t < 0), ((t + HALF) * exp(-t), True)), source=_COURSE),
    # Gaussians
    Problem("gauss-gauss", _GAUSSIANS, "exp(-t^2)", "exp(-t^2)",
            sqrt(pi / 2) * exp(-t**2 / 2), source=_COURSE),
    Problem("gauss-unequal", _GAUSSIANS, "exp(-t^2)", "exp(-2t^2)",
            sqrt(pi / 3) * exp(-2 * t**2 / 3), source=_COURSE),
    Problem("normal-normal", _GAUSSIANS, "exp(-t^2/(2 sigma1^2))/(sigma1 sqrt(2 pi))",
            "exp(-t^2/(2 sigma2^2))/(sigma2 sqrt(2 pi))",
            exp(-t**2 / (2 * (sigma1**2 + sigma2**2))) / sqrt(2 * pi * (sigma1**2 + sigma2**2)),
            "sigma1>0, sigma2>0", {"sigma1": 0.8, "sigma2": 1.5}, _PROBABILITY),
    Problem("normal-means", _GAUSSIANS, "exp(-(t-1)^2/2)/sqrt(2 pi)",
            "exp(-(t-2)^2/2)/sqrt(2 pi)", exp(-(t - 3) ** 2 / 4) / (2 * sqrt(pi)),
            source=_PROBABILITY),
    # Cauchy
    Problem("cauchy-cauchy", _CAUCHY, "1/(pi (1 + t^2))", "1/(pi (1 + t^2))",
            2 / (pi * (4 + t**2)), source=_PROBABILITY),
    Problem("cauchy-scales", _CAUCHY, "a/(pi (a^2 + t^2))", "b/(pi (b^2 + t^2))",
            (a + b) / (pi * ((a + b) ** 2 + t**2)), "a>0, b>0", {"a": 0.5, "b": 2.0},
            _PROBABILITY),
    # densities
    Problem("uniform-uniform", _DENSITIES, "(u(t) - u(t-2))/2", "(u(t) - u(t-2))/2",
            _pieces((t / 4, _on(0, 2)), ((4 - t) / 4, _on(2, 4))), source=_PROBABILITY),
    Problem("uniform-uniform-shifted", _DENSITIES, "(u(t+1) - u(t-1))/2", "u(t) - u(t-1)",
            _pieces(((t + 1) / 2, _on(-1, 0)), (HALF, _on(0, 1)), ((2 - t) / 2, _on(1, 2))),
            source=_PROBABILITY),
    Problem("exponential-exponential", _DENSITIES, "lam exp(-lam t) u(t)",
            "lam exp(-lam t) u(t)", lam**2 * t * exp(-lam * t) * H(t), "lam>0", {"lam": 1.4},
            _PROBABILITY),
    Problem("hypoexponential", _DENSITIES, "2exp(-2t)u(t)", "3exp(-3t)u(t)",
            6 * (exp(-2 * t) - exp(-3 * t)) * H(t), source=_PROBABILITY),
    Problem("gamma-exponential", _DENSITIES, "t exp(-t) u(t)", "exp(-t) u(t)",
            t**2 * exp(-t) / 2 * H(t), source=_PROBABILITY),
    Problem("gamma-gamma", _DENSITIES, "t exp(-t) u(t)", "t exp(-t) u(t)",
            t**3 * exp(-t) / 6 * H(t), source=_PROBABILITY),
    Problem("uniform-exponential", _DENSITIES, "u(t) - u(t-1)", "2exp(-2t)u(t)",
            _pieces((1 - exp(-2 * t), _on(0, 1)), ((exp(2) - 1) * exp(-2 * t), _on(1))),
            source=_PROBABILITY),
    Problem("chi-square", _DENSITIES, "exp(-t/2)/sqrt(2 pi t) u(t)",
            "exp(-t/2)/sqrt(2 pi t) u(t)", exp(-t / 2) / 2 * H(t),
            source="standard probability course exercise (chi-square 1 + 1 = exponential)"),
    # Dirac deltas
    Problem("delta-shift", _DELTAS, "delta(t-2)", "exp(-t)*u(t)", exp(2 - t) * H(t - 2),
            source=_COURSE),
    Problem("delta-delta", _DELTAS, "delta(t-1)", "delta(t+3)", DiracDelta(t + 2),
            source=_COURSE),
    Problem("deltas-rect", _DELTAS, "2delta(t) + delta(t-1)", "rect(t)",
            _pieces((2, _on(-HALF, HALF)), (1, _on(HALF, Rational(3, 2)))), source=_COURSE),
    Problem("delta-ramp", _DELTAS, "3delta(t+1)", "t*u(t)", 3 * (t + 1) * H(t + 1),
            source=_COURSE),
    Problem("delta-identity", _DELTAS, "delta(t)", "sin(t)", sympy.sin(t), source=_COURSE),
    Problem("delta-pairs", _DELTAS, "delta(t) + delta(t-1)", "delta(t) - delta(t-2)",
            DiracDelta(t) + DiracDelta(t - 1) - DiracDelta(t - 2) - DiracDelta(t - 3),
            source=_COURSE),
    Problem("delta-plus-exp-pulse", _DELTAS, "delta(t) + exp(-t)*u(t)", "u(t) - u(t-1)",
            _pieces((2 - exp(-t), _on(0, 1)), ((sympy.E - 1) * exp(-t), _on(1))),
            source=_COURSE),
    Problem("delta-minus-exp-squared", _DELTAS, "delta(t) - exp(-t)*u(t)",
            "delta(t) - exp(-t)*u(t)", DiracDelta(t) + (t - 2) * exp(-t) * H(t),
            source=_COURSE),
    # symbolic parameters
    Problem("pulse-ramp-symbolic", _SYMBOLIC, "u(t) - u(t - T)", "t*(u(t) - u(t - 2T))",
            _pieces((t**2 / 2, _on(0, T)), (T * t - T**2 / 2, _on(T, 2 * T)),
                    (-t**2 / 2 + T * t + 3 * T**2 / 2, _on(2 * T, 3 * T))),
            "T>0", {"T": 1.2}, f"{_OW} Example 2.7"),
    Problem("rect-width-symbolic", _SYMBOLIC, "rect(t/T)", "rect(t/T)",
            _pieces((T + t, _on(-T, 0)), (T - t, _on(0, T))), "T>0", {"T": 0.7}, _COURSE),
    Problem("pulse-widths-symbolic", _SYMBOLIC, "u(t) - u(t - a)", "u(t) - u(t - a - d)",
            _pieces((t, _on(0, a)), (a, _on(a, a + d)), (2 * a + d - t, _on(a + d, 2 * a + d))),
            "a>0, d>0", {"a": 1.1, "d": 0.6}, _COURSE),
    Problem("shifted-pulses-symbolic", _SYMBOLIC, "u(t - T) - u(t - 2T)", "u(t) - u(t - T)",
            _pieces((t - T, _on(T, 2 * T)), (3 * T - t, _on(2 * T, 3 * T))), "T>0",
            {"T": 1.3}, _COURSE),
    Problem("sin-step-symbolic", _SYMBOLIC, "sin(w*t)*u(t)", "u(t)",
            (1 - sympy.cos(w * t)) / w * H(t), "w>0", {"w": 1.8}, _COURSE),
    Problem("cos-rect-symbolic", _SYMBOLIC, "cos(w*t)", "rect(t/T)",
            2 * sympy.cos(w * t) * sympy.sin(w * T / 2) / w, "w>0, T>0", {"w": 2.2, "T": 0.9},
            _COURSE),
    Problem("exp-delta-symbolic", _SYMBOLIC, "exp(-a*t)*u(t)", "delta(t - T)",
            exp(-a * (t - T)) * H(t - T), "a>0, T>0", {"a": 0.5, "T": 2.0}, _COURSE),
)


# -- parameters --------------------------------------------------------------------------------
_ASSUMPTION = re.compile(r"^\s*([A-Za-z]\w*)\s*>\s*0\s*$")


def assumptions_for(problem: Problem) -> dict[str, dict[str, bool]]:
    """The flags of ``problem.assume`` (the corpus writes only ``x>0``), by parameter name."""
    flags: dict[str, dict[str, bool]] = {}
    for part in filter(str.strip, problem.assume.split(",")):
        match = _ASSUMPTION.match(part)
        if match is None:
            raise ValueError(f"{problem.name}: the corpus only writes 'x>0', not {part!r}")
        flags[match[1]] = {"positive": True}
    return flags


def symbols_for(problem: Problem) -> dict[str, sympy.Symbol]:
    """The problem's parameters as ``Symbol(name, real=True, **flags)``, by name."""
    flags = assumptions_for(problem)
    return {name: sympy.Symbol(name, real=True, **flags.get(name, {}))
            for name in {*problem.values, *flags}}


def parsed(problem: Problem) -> tuple[sympy.Expr, sympy.Expr]:
    """``f`` and ``g`` read by ``discreteconv.symbolic.parse.parse_function``."""
    from discreteconv.symbolic.parse import parse_function

    flags = assumptions_for(problem)
    return parse_function(problem.f, "t", flags), parse_function(problem.g, "t", flags)


def substitute(expr: sympy.Expr, values: Mapping[str, Any]) -> sympy.Expr:
    """``expr`` with every symbol named in ``values`` replaced by that value (made exact) and
    the symbol named ``t`` by this module's ``t``."""
    exact = {name: sympy.Rational(str(value)) for name, value in values.items()}
    replace = {s: exact.get(s.name, t if s.name == "t" else s) for s in expr.free_symbols}
    return expr.xreplace(replace)


# -- the numeric checker -----------------------------------------------------------------------
_Deltas = dict[float, complex]


def _heaviside(x: Any, zero: Any = 0.5) -> Any:
    return 1 if x > 0 else (0 if x < 0 else zero)


_MODULES = [{"Heaviside": _heaviside}, "mpmath"]


def split_deltas(expr: sympy.Expr) -> tuple[sympy.Expr, _Deltas]:
    """``expr`` (numbers for parameters) as its part free of ``DiracDelta`` and the weights of
    its ``w*DiracDelta(t - p)`` terms by position ``p``."""
    smooth, deltas = sympy.S.Zero, {}
    for term in sympy.Add.make_args(expr):
        if not term.has(DiracDelta):
            smooth += term
            continue
        for part in sympy.Add.make_args(sympy.expand(term)):
            factors = [f for f in sympy.Mul.make_args(part) if isinstance(f, DiracDelta)]
            weight = part / factors[0] if len(factors) == 1 else part
            if len(factors) != 1 or len(factors[0].args) != 1 or weight.has(t, DiracDelta):
                raise ValueError(f"not a weighted DiracDelta(t - p): {part}")
            slope, intercept = _linear(factors[0].args[0])
            position = round(float(-intercept / slope), 9)
            deltas[position] = deltas.get(position, 0) + complex(weight / abs(slope))
    return smooth, {p: v for p, v in deltas.items() if abs(v) > 1e-12}


def _linear(argument: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    slope = sympy.diff(argument, t)
    if slope.has(t) or slope == 0:
        raise ValueError(f"a breakpoint argument must be linear in t: {argument}")
    return slope, argument.subs(t, 0)


@dataclass(frozen=True)
class _Piecewise:
    """A function of ``t`` split at its breakpoints; ``None`` where it is identically zero."""

    breakpoints: tuple[float, ...]
    functions: tuple[Callable[[Any], Any] | None, ...]

    def at(self, x: float) -> Callable[[Any], Any] | None:
        return self.functions[bisect.bisect(self.breakpoints, x)]


def _split(expr: sympy.Expr) -> _Piecewise:
    """``expr`` (free of deltas) with its ``Heaviside``, ``Abs`` and ``sign`` resolved between
    consecutive breakpoints."""
    kinks = [k for k in expr.atoms(Heaviside, Abs, sympy.sign) if k.args[0].has(t)]
    roots = {}
    for kink in kinks:
        slope, intercept = _linear(kink.args[0])
        roots[kink] = float(-intercept / slope)
    breakpoints = tuple(sorted(set(roots.values())))
    inner = [breakpoints[0] - 1] if breakpoints else [0.0]
    inner += [(x + y) / 2 for x, y in itertools.pairwise(breakpoints)]
    inner += [breakpoints[-1] + 1] if breakpoints else []
    functions = []
    for point in inner:
        replace = {}
        for kink in kinks:
            positive = float(kink.args[0].subs(t, point)) > 0
            if isinstance(kink, Heaviside):
                replace[kink] = sympy.S.One if positive else sympy.S.Zero
            elif isinstance(kink, Abs):
                replace[kink] = kink.args[0] if positive else -kink.args[0]
            else:
                replace[kink] = sympy.S.One if positive else sympy.S.NegativeOne
        piece = expr.xreplace(replace)
        functions.append(None if piece == 0 else sympy.lambdify(t, piece, _MODULES))
    return _Piecewise(breakpoints, tuple(functions))


def _value(function: Callable[[Any], Any] | None, x: Any) -> Any:
    return 0 if function is None else function(x)


def _product(f: Callable[[Any], Any], g: Callable[[Any], Any], t0: Any) -> Callable[[Any], Any]:
    """``tau -> f(tau) g(t0 - tau)``."""
    return lambda x: f(x) * g(t0 - x)


def numeric_convolution(f: sympy.Expr, g: sympy.Expr, times: list[sympy.Rational]) -> list[Any]:
    """``(f*g)(t)`` at each of ``times`` by ``mpmath.quad`` between the breakpoints, without
    its delta terms (``f``, ``g``: numbers for parameters)."""
    f_smooth, f_deltas = split_deltas(f)
    g_smooth, g_deltas = split_deltas(g)
    f_split, g_split = _split(f_smooth), _split(g_smooth)
    results = []
    with mpmath.workdps(20):
        for time in times:
            exact = sympy.Rational(time)
            t0 = mpmath.mpf(exact.p) / exact.q
            total = mpmath.mpf(0)
            cuts = sorted({*f_split.breakpoints, *(float(t0) - q for q in g_split.breakpoints)})
            edges = [-mpmath.inf, *cuts, mpmath.inf]
            for low, high in itertools.pairwise(edges):
                inside = float(low + 1 if high == mpmath.inf else high - 1 if low == -mpmath.inf
                               else (low + high) / 2)
                f_piece, g_piece = f_split.at(inside), g_split.at(float(t0) - inside)
                if f_piece is not None and g_piece is not None:
                    total += mpmath.quad(_product(f_piece, g_piece, t0), [low, high])
            for position, weight in f_deltas.items():
                total += weight * _value(g_split.at(float(t0) - position), t0 - position)
            for position, weight in g_deltas.items():
                total += weight * _value(f_split.at(float(t0) - position), t0 - position)
            results.append(complex(total))
    return results


def delta_product(f: sympy.Expr, g: sympy.Expr) -> _Deltas:
    """The delta terms of ``f*g``: position -> weight."""
    product: _Deltas = {}
    for p, v in split_deltas(f)[1].items():
        for q, u in split_deltas(g)[1].items():
            product[p + q] = product.get(p + q, 0) + v * u
    return {p: v for p, v in product.items() if abs(v) > 1e-12}


def sample_times(f: sympy.Expr, g: sympy.Expr) -> list[sympy.Rational]:
    """Times spread over every interval of ``f*g`` (numbers for parameters): close to both
    sides of each sum ``p + q`` of breakpoints (or delta positions) of ``f`` and ``g``, two
    inside each gap between them, three before the first and four after the last (seven
    between -5.1 and 4.9 where there are no such sums)."""
    ends = []
    for expr in (f, g):
        smooth, deltas = split_deltas(expr)
        ends.append({*_split(smooth).breakpoints, *deltas})
    sums = sorted({round(p + q, 9) for p in ends[0] for q in ends[1]})
    if not sums:
        points = [-5.1, -2.3, -0.9, 0.15, 1.1, 2.7, 4.9]
    else:
        first, last = sums[0], sums[-1]
        points = [first - 4.7, first - 1.9, first - 0.6, last + 0.45, last + 1.7, last + 3.3,
                  last + 6.4]
        gaps = [high - low for low, high in itertools.pairwise(sums)]
        for low, gap in zip(sums, gaps, strict=False):
            points += [low + 0.31 * gap, low + 0.73 * gap]
        for index, point in enumerate(sums):
            near = min([0.01, *(gap / 10 for gap in gaps[max(0, index - 1):index + 1])])
            points += [point - near, point + near]
    return [sympy.Rational(round(x * 10**6), 10**6) for x in sorted(points)]


def evaluate(expr: sympy.Expr, times: list[sympy.Rational]) -> list[complex]:
    """``expr`` (numbers for parameters, no deltas) at each of ``times``, by SymPy."""
    values = []
    for time in times:
        value = sympy.N(expr.xreplace({t: time}), 20)
        if value.free_symbols or not value.is_number:
            raise ValueError(f"does not evaluate to a number at t = {time}: {value}")
        values.append(complex(value))
    return values


def _close(x: complex, y: complex) -> bool:
    return abs(x - y) <= 1e-8 * max(1.0, abs(y))


def _number(value: complex) -> str:
    return f"{value.real:.10g}" if value.imag == 0 else f"{value:.10g}"


def _delta_text(deltas: _Deltas) -> str:
    return ", ".join(f"{_number(v)} at {p:g}" for p, v in sorted(deltas.items())) or "none"


def compare(result: sympy.Expr, expected: list[complex], deltas: _Deltas,
            times: list[sympy.Rational]) -> str | None:
    """What is wrong with ``result`` (numbers for parameters) given the expected values at
    ``times`` and delta terms, or None."""
    try:
        smooth, found = split_deltas(result)
        values = evaluate(smooth, times)
    except (ValueError, TypeError) as error:
        return str(error)
    if sorted(found) != sorted(deltas) or not all(_close(found[p], deltas[p]) for p in deltas):
        return f"delta terms {_delta_text(found)}, expected {_delta_text(deltas)}"
    for time, value, wanted in zip(times, values, expected, strict=True):
        if not _close(value, wanted):
            return f"at t = {float(time):g} it is {_number(value)}, expected {_number(wanted)}"
    return None


def check(result: Any, problem: Problem, f: sympy.Expr, g: sympy.Expr) -> str | None:
    """What is wrong with ``result`` as ``f*g`` for ``problem`` (``f``, ``g`` parsed), or None:
    it must be a SymPy expression with no unevaluated ``Integral``, numerically equal to the
    known answer at :func:`sample_times` and with the same delta terms."""
    if not isinstance(result, sympy.Basic):
        return f"returned a {type(result).__name__}, not a SymPy expression"
    if result.has(sympy.Integral):
        return "contains an unevaluated Integral"
    result = substitute(result, problem.values)
    if result.free_symbols - {t}:
        names = ", ".join(sorted(s.name for s in result.free_symbols - {t}))
        return f"contains symbols other than t: {names}"
    answer = substitute(problem.answer, problem.values)
    times = sample_times(substitute(f, problem.values), substitute(g, problem.values))
    smooth, deltas = split_deltas(answer)
    return compare(result, evaluate(smooth, times), deltas, times)
