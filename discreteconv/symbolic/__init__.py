"""Symbolic continuous convolution: closed forms, derivations, answer checking, pictures.

``(f*g)(t) = integral f(tau) g(t - tau) dtau`` for piecewise exponential-polynomial-sinusoidal
inputs (Heaviside steps, pulses, ramps, Dirac deltas, ``exp(-abs(t))``, Gaussians) by an exact
piecewise engine, and for rational functions (Cauchy densities) and others by verified fallback
methods. Text is read by a grammar (:mod:`.parse`), never by ``sympify``.

* :func:`convolve_integral`: the closed form, a Piecewise on disjoint intervals;
* :func:`derive`: flip, shift, the overlap ranges and each integral, as a teacher writes it;
* :func:`check_answer`: is a student's answer right, and if not where and why;
* :func:`convolution_figure`, :func:`save_convolution_figure`, :func:`animate_convolution`:
  the flip-and-shift picture and its animation (matplotlib, imported only when drawing);
* :func:`rect`, :func:`tri`, :func:`ramp`: the textbook pulses as SymPy expressions;
* :class:`ContinuousDistribution` and :func:`Uniform`, :func:`Exponential`, :func:`Normal`,
  :func:`Gamma`, :func:`Cauchy`, :func:`Triangular`: continuous random variables whose sums
  have exact densities.
"""

from __future__ import annotations

from .assumptions import parse_assumptions
from .check import AnswerCheck, check_answer
from .derivation import Derivation, Step, derive
from .figures import animate_convolution, convolution_figure, save_convolution_figure
from .functions import ramp, rect, tri
from .integral import convolve_integral
from .parse import parse_function
from .random import (
    Cauchy,
    ContinuousDistribution,
    Exponential,
    Gamma,
    Normal,
    Triangular,
    Uniform,
)

__all__ = [
    "AnswerCheck",
    "Cauchy",
    "ContinuousDistribution",
    "Derivation",
    "Exponential",
    "Gamma",
    "Normal",
    "Step",
    "Triangular",
    "Uniform",
    "animate_convolution",
    "check_answer",
    "convolution_figure",
    "convolve_integral",
    "derive",
    "parse_assumptions",
    "parse_function",
    "ramp",
    "rect",
    "save_convolution_figure",
    "tri",
]
