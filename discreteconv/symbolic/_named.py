"""The named continuous distributions: their parameters, closed forms and closure rules.

Each family (:class:`Family` and its subclasses) knows its density, distribution function,
mean, variance and raw moments in closed form, how to sample it with numpy, and what it becomes
when shifted, scaled or added to an independent member of the same family (``Normal + Normal``
is Normal, ``Cauchy + Cauchy`` is Cauchy, ``Gamma(k1, r) + Gamma(k2, r)`` is ``Gamma(k1 + k2,
r)``). :class:`~discreteconv.symbolic.random.ContinuousDistribution` keeps the family of a
result when there is one, so its mean, variance and distribution function stay known without
integrating, and a density the piecewise engine cannot convolve (Cauchy, non-integer Gamma
shapes) still has an exact sum.

The constructors (:func:`Uniform`, :func:`Exponential`, :func:`Normal`, :func:`Gamma`,
:func:`Cauchy`, :func:`Triangular`) check their parameters: exact numbers (ints, Fractions,
SymPy rationals) or SymPy expressions whose assumptions settle the conditions
(``sympy.Symbol("sigma", positive=True)``); floats are refused so that results stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy as sp

from ..errors import InvalidEntryError, InvalidOptionError
from ._result import on_intervals

if TYPE_CHECKING:
    from .random import ContinuousDistribution

__all__ = ["Cauchy", "Exponential", "Family", "Gamma", "Normal", "Triangular", "Uniform"]


# -- parameters ---------------------------------------------------------------------------------
def exact(name: str, value: Any) -> Any:
    """``value`` as an exact real SymPy expression, or a clear error naming ``name``."""
    if isinstance(value, bool) or isinstance(value, float) or not (
            isinstance(value, int | Fraction | sp.Basic) or hasattr(value, "__index__")):
        hint = (" (a float is inexact: use fractions.Fraction or sympy.Rational)"
                if isinstance(value, float) else "")
        raise InvalidEntryError(f"{name} must be an exact number (int, Fraction) or a SymPy "
                                f"expression; received {value!r}{hint}")
    if isinstance(value, Fraction):
        value = sp.Rational(value.numerator, value.denominator)
    elif not isinstance(value, sp.Basic):
        value = sp.Integer(value.__index__())
    if not isinstance(value, sp.Expr) or value.has(sp.Float):
        raise InvalidEntryError(f"{name} must be an exact real number or expression; "
                                f"received {value}")
    if value.is_extended_real is False or value.is_finite is False:
        raise InvalidOptionError(f"{name} must be a finite real number; received {value}")
    return value


def _positive(name: str, value: Any) -> Any:
    value = exact(name, value)
    if value.is_positive is False:
        raise InvalidOptionError(f"{name} must be positive; received {value}")
    if value.is_positive is None:
        raise InvalidOptionError(
            f"{name} must be positive, and {value} is not known to be: declare it, e.g. "
            f"sympy.Symbol({_first(value)!r}, positive=True)")
    return value


def _below(low_name: str, low: Any, high_name: str, high: Any, strict: bool = True) -> None:
    """Refuse unless ``low < high`` (``low <= high`` when not ``strict``) for sure."""
    difference = sp.expand(high - low)
    holds = difference.is_positive if strict else difference.is_nonnegative
    relation = "<" if strict else "<="
    received = f"{low_name}={low}, {high_name}={high}"
    if holds is False:
        raise InvalidOptionError(f"{low_name} must be {relation} {high_name}; received "
                                 f"{received}")
    if holds is None:
        raise InvalidOptionError(
            f"cannot tell whether {low_name} {relation} {high_name} (received {received}): "
            f"write {high_name} = {low_name} + w with w = sympy.Symbol('w', "
            f"{'positive' if strict else 'nonnegative'}=True)")


def _first(value: Any) -> str:
    symbols = sorted(value.free_symbols, key=str)
    return str(symbols[0]) if symbols else str(value)


def _piecewise(x: Any, pieces: list[tuple[Any, Any, Any]]) -> Any:
    """``Piecewise`` of ``(value, low, high)`` on ``low <= x < high``, 0 elsewhere."""
    return on_intervals(x, pieces)


def _numbers(family: Family) -> list[float]:
    try:
        return [float(value) for value in family.parameters]
    except TypeError:
        raise InvalidOptionError(f"sampling needs numeric parameters; {family} has symbolic "
                                 f"ones") from None


# -- the families -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Family:
    """A named family with its parameters; closure rules return None where they do not apply."""

    parameters: tuple[Any, ...]

    def pdf(self, x: Any) -> Any:
        raise NotImplementedError

    def cdf(self, x: Any) -> Any:
        raise NotImplementedError

    def mean(self) -> Any:
        raise NotImplementedError

    def variance(self) -> Any:
        raise NotImplementedError

    def support(self) -> tuple[Any, Any]:
        return -sp.oo, sp.oo

    def moment(self, order: int) -> Any:
        """``E[X**order]`` where the density is outside the piecewise engine's class, else None."""
        return None

    def draw(self, generator: Any, size: int) -> Any:
        raise NotImplementedError

    def shifted(self, shift: Any) -> Family | None:
        return None

    def scaled(self, factor: Any) -> Family | None:
        return None

    def plus(self, other: Family) -> Family | None:
        return None


@dataclass(frozen=True)
class UniformFamily(Family):
    def pdf(self, x: Any) -> Any:
        a, b = self.parameters
        return _piecewise(x, [(1 / (b - a), a, b)])

    def cdf(self, x: Any) -> Any:
        a, b = self.parameters
        return _piecewise(x, [((x - a) / (b - a), a, b), (1, b, sp.oo)])

    def mean(self) -> Any:
        a, b = self.parameters
        return (a + b) / 2

    def variance(self) -> Any:
        a, b = self.parameters
        return (b - a) ** 2 / 12

    def support(self) -> tuple[Any, Any]:
        return self.parameters

    def draw(self, generator: Any, size: int) -> Any:
        return generator.uniform(*_numbers(self), size=size)

    def shifted(self, shift: Any) -> Family:
        a, b = self.parameters
        return UniformFamily((a + shift, b + shift))

    def scaled(self, factor: Any) -> Family:
        a, b = (factor * p for p in self.parameters)
        return UniformFamily((a, b) if factor.is_positive else (b, a))


@dataclass(frozen=True)
class TriangularFamily(Family):
    def pdf(self, x: Any) -> Any:
        a, c, b = self.parameters
        rising = 2 * (x - a) / ((b - a) * (c - a)) if c != a else 0
        falling = 2 * (b - x) / ((b - a) * (b - c)) if c != b else 0
        return _piecewise(x, [(rising, a, c), (falling, c, b)])

    def cdf(self, x: Any) -> Any:
        a, c, b = self.parameters
        rising = (x - a) ** 2 / ((b - a) * (c - a)) if c != a else 0
        falling = 1 - (b - x) ** 2 / ((b - a) * (b - c)) if c != b else 0
        return _piecewise(x, [(rising, a, c), (falling, c, b), (1, b, sp.oo)])

    def mean(self) -> Any:
        return sp.Add(*self.parameters) / 3

    def variance(self) -> Any:
        a, c, b = self.parameters
        return (a**2 + b**2 + c**2 - a * b - a * c - b * c) / 18

    def support(self) -> tuple[Any, Any]:
        return self.parameters[0], self.parameters[2]

    def draw(self, generator: Any, size: int) -> Any:
        a, c, b = _numbers(self)
        return generator.triangular(a, c, b, size=size)

    def shifted(self, shift: Any) -> Family:
        return TriangularFamily(tuple(p + shift for p in self.parameters))

    def scaled(self, factor: Any) -> Family:
        a, c, b = (factor * p for p in self.parameters)
        return TriangularFamily((a, c, b) if factor.is_positive else (b, c, a))


@dataclass(frozen=True)
class GammaFamily(Family):
    """``Gamma(shape, rate)``; ``shape = 1`` is the exponential distribution."""

    def pdf(self, x: Any) -> Any:
        shape, rate = self.parameters
        return _piecewise(x, [(rate**shape * x ** (shape - 1) * sp.exp(-rate * x)
                               / sp.gamma(shape), 0, sp.oo)])

    def cdf(self, x: Any) -> Any:
        shape, rate = self.parameters
        return _piecewise(x, [(sp.expand(sp.lowergamma(shape, rate * x) / sp.gamma(shape)),
                               0, sp.oo)])

    def mean(self) -> Any:
        shape, rate = self.parameters
        return shape / rate

    def variance(self) -> Any:
        shape, rate = self.parameters
        return shape / rate**2

    def support(self) -> tuple[Any, Any]:
        return sp.S.Zero, sp.oo

    def moment(self, order: int) -> Any:
        shape, rate = self.parameters
        return sp.rf(shape, order) / rate**order

    def draw(self, generator: Any, size: int) -> Any:
        shape, rate = _numbers(self)
        return generator.gamma(shape, 1 / rate, size=size)

    def scaled(self, factor: Any) -> Family | None:
        shape, rate = self.parameters
        return GammaFamily((shape, rate / factor)) if factor.is_positive else None

    def plus(self, other: Family) -> Family | None:
        if not isinstance(other, GammaFamily):
            return None
        (k1, r1), (k2, r2) = self.parameters, other.parameters
        return GammaFamily((k1 + k2, r1)) if sp.expand(r1 - r2) == 0 else None


@dataclass(frozen=True)
class NormalFamily(Family):
    def pdf(self, x: Any) -> Any:
        mu, sigma = self.parameters
        return sp.exp(-(x - mu) ** 2 / (2 * sigma**2)) / (sp.sqrt(2 * sp.pi) * sigma)

    def cdf(self, x: Any) -> Any:
        mu, sigma = self.parameters
        return (1 + sp.erf((x - mu) / (sp.sqrt(2) * sigma))) / 2

    def mean(self) -> Any:
        return self.parameters[0]

    def variance(self) -> Any:
        return self.parameters[1] ** 2

    def draw(self, generator: Any, size: int) -> Any:
        return generator.normal(*_numbers(self), size=size)

    def shifted(self, shift: Any) -> Family:
        mu, sigma = self.parameters
        return NormalFamily((mu + shift, sigma))

    def scaled(self, factor: Any) -> Family:
        mu, sigma = self.parameters
        return NormalFamily((factor * mu, abs(factor) * sigma))

    def plus(self, other: Family) -> Family | None:
        if not isinstance(other, NormalFamily):
            return None
        (m1, s1), (m2, s2) = self.parameters, other.parameters
        return NormalFamily((m1 + m2, sp.sqrt(s1**2 + s2**2)))


@dataclass(frozen=True)
class CauchyFamily(Family):
    """Mean and variance do not exist: they are ``sympy.nan``."""

    def pdf(self, x: Any) -> Any:
        location, scale = self.parameters
        return scale / (sp.pi * (scale**2 + (x - location) ** 2))

    def cdf(self, x: Any) -> Any:
        location, scale = self.parameters
        return sp.S.Half + sp.atan((x - location) / scale) / sp.pi

    def mean(self) -> Any:
        return sp.nan

    def variance(self) -> Any:
        return sp.nan

    def moment(self, order: int) -> Any:
        return sp.S.One if order == 0 else sp.nan

    def draw(self, generator: Any, size: int) -> Any:
        location, scale = _numbers(self)
        return location + scale * generator.standard_cauchy(size=size)

    def shifted(self, shift: Any) -> Family:
        location, scale = self.parameters
        return CauchyFamily((location + shift, scale))

    def scaled(self, factor: Any) -> Family:
        location, scale = self.parameters
        return CauchyFamily((factor * location, abs(factor) * scale))

    def plus(self, other: Family) -> Family | None:
        if not isinstance(other, CauchyFamily):
            return None
        (l1, s1), (l2, s2) = self.parameters, other.parameters
        return CauchyFamily((l1 + l2, s1 + s2))


# -- the constructors ---------------------------------------------------------------------------
def _named(family: Family, name: str, x: Any) -> ContinuousDistribution:
    from .random import ContinuousDistribution

    return ContinuousDistribution._of_family(family, name, x)


def _show(*values: Any) -> str:
    return ", ".join(str(value) for value in values)


def Uniform(a: Any, b: Any, *, x: Any = "x") -> ContinuousDistribution:
    """The uniform distribution on ``[a, b]``, ``a < b``: density ``1/(b - a)`` there.

    Parameters
    ----------
    a, b : int, Fraction or sympy.Expr
        The ends; symbolic ends need ``b - a`` known positive (``b = a + w`` with ``w``
        positive).
    x : str or sympy.Symbol, default "x"
        The variable of the density.

    Examples
    --------
    >>> X = Uniform(0, 2)
    >>> X.pdf(), X.mean(), X.variance()
    (Piecewise((1/2, (x >= 0) & (x < 2)), (0, True)), 1, 1/3)
    >>> (Uniform(0, 1) + Uniform(0, 1)).pdf()
    Piecewise((x, (x >= 0) & (x < 1)), (2 - x, (x >= 1) & (x < 2)), (0, True))
    """
    a, b = exact("a", a), exact("b", b)
    _below("a", a, "b", b)
    return _named(UniformFamily((a, b)), f"Uniform({_show(a, b)})", x)


def Exponential(rate: Any, *, x: Any = "x") -> ContinuousDistribution:
    """The exponential distribution: density ``rate * exp(-rate x)`` for ``x >= 0``.

    Examples
    --------
    >>> X = Exponential(2)
    >>> X.pdf(), X.mean(), X.variance()
    (Piecewise((2*exp(-2*x), x >= 0), (0, True)), 1/2, 1/4)
    >>> Exponential(0)
    Traceback (most recent call last):
    ...
    discreteconv.errors.InvalidOptionError: rate must be positive; received 0
    """
    rate = _positive("rate", rate)
    return _named(GammaFamily((sp.S.One, rate)), f"Exponential({rate})", x)


def Gamma(shape: Any, rate: Any, *, x: Any = "x") -> ContinuousDistribution:
    """The gamma distribution: density ``rate**shape x**(shape-1) exp(-rate x) / Gamma(shape)``.

    A positive integer ``shape`` (the Erlang distribution) keeps the density in the piecewise
    engine's class, so sums are exact convolutions; other positive shapes are allowed, and
    ``Gamma(k1, r) + Gamma(k2, r)`` is still ``Gamma(k1 + k2, r)``, but sums with other
    distributions go to the engine's fallback methods (which may find no closed form).

    Parameters
    ----------
    shape : int, Fraction or sympy.Expr
        Positive.
    rate : int, Fraction or sympy.Expr
        Positive (the scale is ``1/rate``).

    Examples
    --------
    >>> X = Gamma(3, 2)
    >>> X.pdf(), X.mean(), X.variance()
    (Piecewise((4*x**2*exp(-2*x), x >= 0), (0, True)), 3/2, 3/4)
    """
    shape, rate = _positive("shape", shape), _positive("rate", rate)
    return _named(GammaFamily((shape, rate)), f"Gamma({_show(shape, rate)})", x)


def Normal(mu: Any, sigma: Any, *, x: Any = "x") -> ContinuousDistribution:
    """The normal distribution with mean ``mu`` and standard deviation ``sigma > 0``.

    Examples
    --------
    >>> Normal(0, 1).pdf()
    sqrt(2)*exp(-x**2/2)/(2*sqrt(pi))
    >>> Normal(1, 3).cdf()
    erf(sqrt(2)*(x - 1)/6)/2 + 1/2
    >>> Normal(0, -1)
    Traceback (most recent call last):
    ...
    discreteconv.errors.InvalidOptionError: sigma must be positive; received -1
    """
    mu, sigma = exact("mu", mu), _positive("sigma", sigma)
    return _named(NormalFamily((mu, sigma)), f"Normal({_show(mu, sigma)})", x)


def Cauchy(location: Any, scale: Any, *, x: Any = "x") -> ContinuousDistribution:
    """The Cauchy distribution: density ``scale / (pi (scale**2 + (x - location)**2))``.

    Its mean and variance do not exist: :meth:`mean` and :meth:`variance` return
    ``sympy.nan``. ``Cauchy(l1, s1) + Cauchy(l2, s2)`` is ``Cauchy(l1 + l2, s1 + s2)``.

    Examples
    --------
    >>> X = Cauchy(0, 1)
    >>> X.pdf(), X.mean()
    (1/(pi*(x**2 + 1)), nan)
    >>> (X + X).pdf()
    2/(pi*(x**2 + 4))
    """
    location, scale = exact("location", location), _positive("scale", scale)
    return _named(CauchyFamily((location, scale)), f"Cauchy({_show(location, scale)})", x)


def Triangular(a: Any, c: Any, b: Any, *, x: Any = "x") -> ContinuousDistribution:
    """The triangular distribution: left end ``a``, mode ``c``, right end ``b`` (in that order).

    The density rises linearly from 0 at ``a`` to ``2/(b - a)`` at ``c`` and falls back to 0
    at ``b``; ``a <= c <= b`` and ``a < b`` (``c`` may equal an end).

    Examples
    --------
    >>> X = Triangular(0, 1, 2)
    >>> X.pdf()
    Piecewise((x, (x >= 0) & (x < 1)), (2 - x, (x >= 1) & (x < 2)), (0, True))
    >>> X == Uniform(0, 1) + Uniform(0, 1)
    True
    >>> X.mean(), X.variance()
    (1, 1/6)
    """
    a, c, b = exact("a", a), exact("c", c), exact("b", b)
    _below("a", a, "b", b)
    _below("a", a, "c", c, strict=False)
    _below("c", c, "b", b, strict=False)
    return _named(TriangularFamily((a, c, b)), f"Triangular({_show(a, c, b)})", x)
