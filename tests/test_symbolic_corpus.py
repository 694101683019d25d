"""The textbook corpus (``tests/symbolic_corpus.py``): every known answer against an independent
numeric integral, then ``discreteconv.convolve_integral`` against every known answer.

The first check validates the corpus without the engine: ``mpmath.quad`` of ``f(tau) g(t - tau)``
between the breakpoints, delta terms handled exactly, at points on every interval of the result.
"""

from __future__ import annotations

import functools
from collections import Counter

import pytest
import sympy
from symbolic_corpus import (
    PROBLEMS,
    Problem,
    check,
    compare,
    delta_product,
    numeric_convolution,
    parsed,
    sample_times,
    split_deltas,
    substitute,
    symbols_for,
    t,
)

import discreteconv as dc
from discreteconv.symbolic.assumptions import parse_assumptions

BY_NAME = {problem.name: problem for problem in PROBLEMS}
CATEGORIES = {
    "causal exponentials (equal rates)", "causal exponentials (unequal rates)",
    "exponentials and steps", "exponential * pulse", "rectangular pulses", "steps and ramps",
    "sinusoids", "shifted pulses", "triangles", "piecewise polynomials",
    "two-sided exponentials", "Gaussians", "Cauchy", "densities", "Dirac deltas",
    "symbolic parameters",
}


@functools.cache
def _parsed(name: str) -> tuple[sympy.Expr, sympy.Expr]:
    return parsed(BY_NAME[name])


def test_the_corpus_covers_every_category() -> None:
    assert len(PROBLEMS) >= 45
    assert len(BY_NAME) == len(PROBLEMS)  # names are unique
    counts = Counter(problem.category for problem in PROBLEMS)
    assert set(counts) == CATEGORIES
    assert min(counts.values()) >= 2
    assert all(problem.source for problem in PROBLEMS)


@pytest.mark.parametrize("name", list(BY_NAME))
def test_parameters_have_values_and_the_parser_assumptions(name: str) -> None:
    problem = BY_NAME[name]
    symbols = symbols_for(problem)
    flags = parse_assumptions(problem.assume) if problem.assume else {}
    assert {n: sympy.Symbol(n, real=True, **flags.get(n, {})) for n in symbols} == symbols
    f, g = _parsed(name)
    assert f.free_symbols | g.free_symbols <= {t, *symbols.values()}
    assert {s.name for s in problem.answer.free_symbols} <= {"t", *problem.values}
    assert set(problem.values) == {s.name for s in f.free_symbols | g.free_symbols} - {"t"}


@pytest.mark.parametrize("name", list(BY_NAME))
def test_known_answer_matches_a_numeric_integral(name: str) -> None:
    problem = BY_NAME[name]
    f, g = (substitute(expr, problem.values) for expr in _parsed(name))
    times = sample_times(f, g)
    assert len(times) >= 5
    wrong = compare(substitute(problem.answer, problem.values),
                    numeric_convolution(f, g, times), delta_product(f, g), times)
    assert wrong is None, f"{name}: {wrong}"


@pytest.mark.parametrize("name", list(BY_NAME))
def test_convolve_integral_matches_the_known_answer(name: str) -> None:
    problem = BY_NAME[name]
    result = dc.convolve_integral(problem.f, problem.g, "t", assume=problem.assume)
    wrong = check(result, problem, *_parsed(name))
    assert wrong is None, f"{name}: {wrong}\nresult: {result}"


def test_the_checker_catches_wrong_results() -> None:
    problem = BY_NAME["exp-rect"]
    f, g = _parsed(problem.name)
    assert check(problem.answer, problem, f, g) is None
    assert "expected" in check(problem.answer * sympy.Rational(1001, 1000), problem, f, g)
    shifted = problem.answer.subs(t, t + sympy.Rational(1, 50))
    assert check(shifted, problem, f, g).startswith("at t = ")
    assert check(problem.answer + sympy.Integral(t, (t, 0, 1)), problem, f, g) == (
        "contains an unevaluated Integral")
    assert check(problem.answer + sympy.Symbol("z"), problem, f, g) == (
        "contains symbols other than t: z")
    assert check("1 - exp(-t)", problem, f, g) == "returned a str, not a SymPy expression"
    deltas = BY_NAME["delta-pairs"]
    f, g = _parsed(deltas.name)
    assert check(deltas.answer, deltas, f, g) is None
    wrong = deltas.answer + sympy.DiracDelta(t - 3)
    assert check(wrong, deltas, f, g) == (
        "delta terms 1 at 0, 1 at 1, -1 at 2, expected 1 at 0, 1 at 1, -1 at 2, -1 at 3")


def test_split_deltas_reads_weights_and_positions() -> None:
    smooth, deltas = split_deltas(3 * sympy.DiracDelta(2 * t - 4) + sympy.exp(-t))
    assert smooth == sympy.exp(-t)
    assert deltas == {2.0: 1.5}
    with pytest.raises(ValueError, match="not a weighted DiracDelta"):
        split_deltas(sympy.DiracDelta(t) * sympy.DiracDelta(t - 1))
    with pytest.raises(ValueError, match="linear in t"):
        split_deltas(sympy.DiracDelta(t**2 - 1))


def test_numeric_convolution_by_hand() -> None:
    pulse = sympy.Heaviside(t) - sympy.Heaviside(t - 1)
    values = numeric_convolution(pulse, pulse, [sympy.Rational(1, 2), sympy.Rational(3, 2), 3])
    assert values == pytest.approx([0.5, 0.5, 0.0], abs=1e-12)
    shifted = numeric_convolution(2 * sympy.DiracDelta(t - 1), pulse, [sympy.Rational(3, 2)])
    assert shifted == pytest.approx([2.0])
    assert sample_times(pulse, pulse)[0] == sympy.Rational(-47, 10)


def test_problem_defaults() -> None:
    problem = Problem("x", "y", "u(t)", "u(t)", t * sympy.Heaviside(t))
    assert (problem.assume, problem.values, problem.source) == ("", {}, "")
    assert symbols_for(problem) == {}
    with pytest.raises(ValueError, match="only writes 'x>0'"):
        symbols_for(Problem("x", "y", "u(t)", "u(t)", t, assume="a < b"))
