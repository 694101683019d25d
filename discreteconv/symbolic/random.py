"""Continuous random variables with exact densities: ``X + Y`` is the convolution of densities.

A :class:`ContinuousDistribution` is an immutable density ``f(x)`` (a SymPy expression, or text
in the project's grammar). The density of the sum of independent variables is the convolution
``(f*g)(x)``, found by :func:`~discreteconv.convolve_integral`'s exact piecewise engine, so
``Uniform(0, 1) + Uniform(0, 1)`` is the triangle on ``[0, 2]`` and ``n`` uniforms give the
Irwin–Hall density. The distribution function is the convolution with ``Heaviside(x)``, and the
moments are integrals of ``x**n f(x)`` on each piece, in closed form.

Named families (:func:`Uniform`, :func:`Exponential`, :func:`Normal`, :func:`Gamma`,
:func:`Cauchy`, :func:`Triangular`) know their mean, variance and distribution function, and
what they become when shifted, scaled or added within the family (see :mod:`._named`).

Examples
--------
>>> from discreteconv.symbolic.random import Exponential, Normal, Uniform
>>> Z = Uniform(0, 1) + Uniform(0, 1)
>>> Z
Uniform(0, 1) + Uniform(0, 1)
>>> Z.pdf()
Piecewise((x, (x >= 0) & (x < 1)), (2 - x, (x >= 1) & (x < 2)), (0, True))
>>> Z.cdf(1), Z.mean(), Z.variance()
(1/2, 1, 1/6)
>>> (Exponential(1) + Exponential(2)).pdf()
Piecewise((2*(1 - exp(-x))*exp(-x), x >= 0), (0, True))
>>> (Normal(0, 1) + Normal(1, 2)).pdf()
sqrt(10)*exp(-(x - 1)**2/10)/(10*sqrt(pi))
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy as sp

from .. import _validate
from ..errors import (
    AssumptionNeededError,
    DivergentIntegralError,
    InvalidEntryError,
    InvalidOptionError,
    NoClosedFormError,
    TooLargeError,
    UnsupportedFunctionError,
)
from . import _density as density
from . import _transforms
from ._engine import convolve_pieces
from ._named import Cauchy, Exponential, Family, Gamma, Normal, Triangular, Uniform
from ._pieces import Pieces
from ._recognize import to_pieces

__all__ = ["MAX_COPIES", "Cauchy", "ContinuousDistribution", "Exponential", "Gamma", "Normal",
           "Triangular", "Uniform"]

#: The most copies :meth:`ContinuousDistribution.sum_of` adds up (20 uniforms take about 8 s;
#: the cost grows like n**3, so more are refused before the work starts).
MAX_COPIES = 20

_SUM, _PRODUCT, _ATOM = 1, 2, 3  # precedence of a name, for parentheses in reprs
_KEY_VARIABLE = sp.Dummy("x")


class ContinuousDistribution:
    """The distribution of a continuous random variable, given by its density.

    Distributions are immutable and hashable; two are equal when their densities are the same
    function (compared exactly, piece by piece, for densities in the engine's class). The
    operators treat operands as independent: ``X + Y`` has the convolution of the densities,
    ``X + c`` and ``c * X`` shift and scale (``c`` an exact number or a SymPy expression
    free of the variable), ``-X`` and ``X - Y`` follow.

    Parameters
    ----------
    pdf : sympy.Expr or str
        The density, in the variable ``x`` (text such as ``"exp(-x) u(x)"`` is read by
        :func:`~discreteconv.symbolic.parse.parse_function`, never by ``sympify``). It must
        integrate to 1: that is checked whenever the integral has a closed form (nonnegativity
        is not checked). Dirac deltas (point masses) are refused.
    x : str or sympy.Symbol, optional
        The variable; by default the symbol named ``x``, else one named ``t``.
    assume : str or mapping, optional
        Signs of the parameters, e.g. ``"a>0"`` (as for :func:`~discreteconv.convolve_integral`).
    name : str, optional
        What :func:`repr` shows.

    Raises
    ------
    InvalidEntryError
        A density that does not integrate to 1, holds deltas or is not a function of ``x``.
    AssumptionNeededError
        The integral depends on a sign the assumptions do not give.

    Examples
    --------
    >>> X = ContinuousDistribution("a exp(-a x) u(x)", assume="a>0")
    >>> X.mean(), X.variance(), X.cdf()
    (1/a, a**(-2), Piecewise((1 - exp(-a*x), x >= 0), (0, True)))
    >>> Y = ContinuousDistribution("rect(t)")
    >>> Y.pdf(), Y.support()
    (Piecewise((1, (t >= -1/2) & (t < 1/2)), (0, True)), (-1/2, 1/2))
    >>> ContinuousDistribution("exp(-x) u(x)") + 2
    ContinuousDistribution(Piecewise((exp(-x), x >= 0), (0, True)), x) + 2
    >>> ContinuousDistribution("2 exp(-x) u(x)")
    Traceback (most recent call last):
    ...
    discreteconv.errors.InvalidEntryError: a density must integrate to 1 over the real line; \
2*exp(-x)*Heaviside(x) integrates to 2
    """

    __slots__ = ("_cache", "_derived", "_family", "_name", "_pdf", "_precedence", "_restore",
                 "_sampler", "_x")

    def __init__(self, pdf: Any, x: Any = None, *, assume: Any = None,
                 name: str | None = None) -> None:
        if name is not None and not isinstance(name, str):
            raise InvalidEntryError(f"name must be a str; received {type(name).__name__}")
        expression, variable, restore = density.read(pdf, x, assume)
        self._set(density.canonical(expression, variable), variable, name, _ATOM, None, restore, {})
        if name is None:
            self._setattr("_name", f"ContinuousDistribution({self._out(self._pdf)}, {variable})")
        total = self._total()
        if total is not None and not density.is_one(total):
            raise InvalidEntryError(f"a density must integrate to 1 over the real line; "
                                    f"{expression} integrates to {total}")

    # -- construction -----------------------------------------------------------------------
    def _set(self, pdf: Any, x: Any, name: str | None, precedence: int, family: Family | None,
             restore: dict[Any, Any], derived: dict[str, Callable[[], Any]],
             sampler: Callable[[Any, int], Any] | None = None) -> None:
        for slot, value in (("_pdf", pdf), ("_x", x), ("_name", name),
                            ("_precedence", precedence), ("_family", family),
                            ("_restore", restore), ("_derived", derived),
                            ("_sampler", sampler), ("_cache", {})):
            self._setattr(slot, value)

    def _setattr(self, slot: str, value: Any) -> None:
        object.__setattr__(self, slot, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a ContinuousDistribution is immutable")

    @classmethod
    def _make(cls, pdf: Any, x: Any, name: str, precedence: int, *, family: Family | None = None,
              restore: dict[Any, Any] | None = None,
              derived: dict[str, Callable[[], Any]] | None = None,
              sampler: Callable[[Any, int], Any] | None = None) -> ContinuousDistribution:
        """Trusted constructor: ``pdf`` is a normalized density in ``x`` (no check)."""
        new = cls.__new__(cls)
        new._set(pdf, x, name, precedence, family, restore or {}, derived or {}, sampler)
        return new

    @classmethod
    def _of_family(cls, family: Family, name: str, x: Any) -> ContinuousDistribution:
        variable = density.symbol(x)
        return cls._make(family.pdf(variable), variable, name, _ATOM, family=family)

    # -- the density and the distribution function -------------------------------------------
    @property
    def variable(self) -> Any:
        """The SymPy symbol the density is written in."""
        return self._x

    def pdf(self, value: Any = None) -> Any:
        """The density: a SymPy expression in :attr:`variable`, or its exact value at ``value``.

        At a jump the value is the right-hand limit (the ``Piecewise`` uses ``low <= x < high``).

        Examples
        --------
        >>> X = Triangular(0, 1, 3)
        >>> X.pdf(1), X.pdf(2)
        (2/3, 1/3)
        """
        return self._out(self._at(self._pdf, value))

    def cdf(self, value: Any = None) -> Any:
        """``P(X <= x)`` in closed form, or its exact value at ``value``.

        Found, where the family does not give it, as the convolution of the density with
        ``Heaviside(x)`` by the piecewise engine, or for other densities by SymPy's integrator
        (checked numerically).

        Examples
        --------
        >>> (Uniform(0, 1) + Uniform(0, 1)).cdf()
        Piecewise((x**2/2, (x >= 0) & (x < 1)), (-x**2/2 + 2*x - 1, (x >= 1) & (x < 2)), \
(1, x >= 2), (0, True))
        >>> Cauchy(0, 1).cdf(1)
        3/4
        """
        return self._out(self._at(self._cdf(), value))

    def probability_between(self, low: Any, high: Any) -> Any:
        """``P(low <= X <= high)``, exactly.

        Examples
        --------
        >>> Exponential(1).probability_between(0, 1)
        1 - exp(-1)
        """
        return self.cdf(high) - self.cdf(low)

    def support(self) -> tuple[Any, Any]:
        """``(low, high)``: the smallest interval outside which the density is 0.

        ``(-oo, oo)`` for densities outside the piecewise engine's class that are not named.
        """
        low, high = self._support()
        return self._out(low), self._out(high)

    # -- moments ------------------------------------------------------------------------------
    def mean(self) -> Any:
        """``E[X]`` exactly; ``sympy.nan`` where it does not exist (Cauchy).

        Examples
        --------
        >>> (Exponential(1) + Uniform(0, 1)).mean()
        3/2
        """
        return self._out(self._mean())

    def variance(self) -> Any:
        """``Var[X]`` exactly; ``sympy.nan`` where it does not exist (Cauchy)."""
        return self._out(self._variance())

    def std(self) -> Any:
        """The standard deviation ``sqrt(Var[X])`` (``sympy.nan`` where it does not exist)."""
        variance = self._variance()
        return self._out(sp.nan if variance is sp.nan else sp.sqrt(variance))

    standard_deviation = std

    def moment(self, order: int, central: bool = True) -> Any:
        """``E[(X - mean)**order]`` (or ``E[X**order]`` with ``central=False``), exactly.

        Examples
        --------
        >>> X = Uniform(0, 1)
        >>> X.moment(2, central=False), X.moment(4)
        (1/3, 1/80)
        """
        order = _validate.integer("order", order, 0)
        if not central:
            return self._out(self._raw(order))
        if order == 0:
            return sp.S.One
        mean = self._mean()
        if mean is sp.nan:
            return sp.nan
        total = sum((math.comb(order, j) * self._raw(j) * (-mean) ** (order - j)
                     for j in range(order + 1)), sp.S.Zero)
        return self._out(density.simplified(total))

    def _raw(self, order: int) -> Any:
        """``E[X**order]`` in the internal symbols (from the mean and variance when known)."""
        if order == 0:
            return sp.S.One

        def compute() -> Any:
            if order <= 2 and (self._family is not None or "mean" in self._derived):
                mean = self._mean()
                if order == 1 or mean is sp.nan:
                    return mean
                return density.simplified(self._variance() + mean**2)
            return self._integrated(order)

        return self._get(("raw", order), compute)

    # -- sums, shifts and scales --------------------------------------------------------------
    def sum_of(self, n: int) -> ContinuousDistribution:
        """The sum of ``n`` independent copies (``1 <= n <= MAX_COPIES``).

        Examples
        --------
        >>> Uniform(0, 1).sum_of(3).pdf()
        Piecewise((x**2/2, (x >= 0) & (x < 1)), (-x**2 + 3*x - 3/2, (x >= 1) & (x < 2)), \
(x**2/2 - 3*x + 9/2, (x >= 2) & (x < 3)), (0, True))
        """
        n = _validate.integer("n", n, 1)
        if n > MAX_COPIES:
            raise TooLargeError(f"sum_of adds at most {MAX_COPIES} copies (by repeated "
                                f"convolution); received n={n}")
        result = self
        for _ in range(n - 1):
            result = _transforms.add(result, self, "", _SUM)
        return result._renamed(f"{_wrap(self, _ATOM)}.sum_of({n})", _ATOM)

    def _renamed(self, name: str, precedence: int) -> ContinuousDistribution:
        renamed = ContinuousDistribution._make(self._pdf, self._x, name, precedence,
                                               family=self._family, restore=self._restore,
                                               derived=self._derived, sampler=self._sampler)
        renamed._cache.update(self._cache)
        return renamed

    def __neg__(self) -> ContinuousDistribution:
        return _transforms.scale(self, sp.S.NegativeOne, f"-{_wrap(self, _ATOM)}", _PRODUCT)

    def __pos__(self) -> ContinuousDistribution:
        return self

    # -- sampling -----------------------------------------------------------------------------
    def sample(self, size: int | None = None, rng: Any = None) -> Any:
        """Draw independent samples (floats; needs numeric parameters).

        Named families use numpy's generators, sums add independent draws, shifts and scales
        transform them; other densities are inverted through their distribution function.

        Parameters
        ----------
        size : int, optional
            How many; None draws one and returns it as a float.
        rng : numpy.random.Generator or int, optional
            A generator or a seed.

        Returns
        -------
        float or numpy.ndarray

        Examples
        --------
        >>> draws = (Uniform(0, 1) + Uniform(0, 1)).sample(1000, rng=1)
        >>> bool(0 < draws.min() and draws.max() < 2), bool(abs(draws.mean() - 1) < 0.1)
        (True, True)
        """
        import numpy as np

        generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        count = 1 if size is None else _validate.integer("size", size, 0)
        draws = np.asarray(self._draw(generator, count), dtype=float)
        return float(draws[0]) if size is None else draws

    def _draw(self, generator: Any, size: int) -> Any:
        if self._family is not None:
            return self._family.draw(generator, size)
        if self._sampler is not None:
            return self._sampler(generator, size)
        return density.by_inversion(self._cdf(), self._x,
                                      self._support(),
                                      generator, size)

    # -- value-object protocol ----------------------------------------------------------------
    def _key(self) -> Any:
        def compute() -> Any:
            pieces = self._pieces()
            if pieces is not None:
                return ("pieces", pieces.breaks, tuple(frozenset(part) for part in pieces.parts))
            return ("expression", self._pdf.xreplace({self._x: _KEY_VARIABLE}))

        return self._get("key", compute)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContinuousDistribution):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return self._name

    # -- internals ----------------------------------------------------------------------------
    def _out(self, expr: Any) -> Any:
        """``expr`` with the caller's own symbols back (see ``assume``)."""
        return expr.xreplace(self._restore) if self._restore and isinstance(expr, sp.Basic) \
            else expr

    def _at(self, expr: Any, value: Any) -> Any:
        if value is None:
            return expr
        point = density.number("value", value, allow_float=True)
        return expr.subs(self._x, point)

    def _get(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A cached value: from the family, a rule kept at construction, or ``compute``."""
        if key in self._cache:
            return self._cache[key]
        family = self._family
        if family is not None and key in ("mean", "variance", "support", "cdf"):
            value = (family.cdf(self._x) if key == "cdf" else getattr(family, key)())
        else:
            value = self._derived[key]() if key in self._derived else None
            if value is None:
                value = compute()
        self._cache[key] = value
        return value

    def _pieces(self) -> Pieces | None:
        def compute() -> Pieces | None:
            try:
                return to_pieces(self._pdf, self._x)
            except (UnsupportedFunctionError, AssumptionNeededError):
                return None  # outside the class, or a case split the engine cannot read back

        return self._get("pieces", compute)

    def _pdf_in(self, x: Any) -> Any:
        return self._pdf if x == self._x else self._pdf.xreplace({self._x: x})

    def _total(self) -> Any:
        """The integral of the density, or None where it has no closed form."""
        pieces = self._pieces()
        if (pieces is not None and pieces.deltas) or self._pdf.has(sp.DiracDelta):
            raise InvalidEntryError(f"{self._pdf} has Dirac deltas (point masses); a "
                                    f"continuous distribution has a density without them")
        if not self._pdf.has(self._x):
            raise InvalidEntryError(f"the density {self._pdf} is not a function of {self._x}")
        try:
            if pieces is not None:
                return density.piece_moment(pieces, 0)
            return density.integrate(self._pdf, self._x, -sp.oo, sp.oo)
        except DivergentIntegralError:
            raise InvalidEntryError(f"a density must integrate to 1 over the real line; the "
                                    f"integral of {self._pdf} diverges") from None

    def _cdf(self) -> Any:
        return self._get("cdf", self._compute_cdf)

    def _support(self) -> tuple[Any, Any]:
        return self._get("support", self._compute_support)

    def _mean(self) -> Any:
        return self._get("mean", lambda: self._integrated(1))

    def _variance(self) -> Any:
        return self._get("variance", self._compute_variance)

    def _compute_variance(self) -> Any:
        mean = self._mean()
        if mean is sp.nan:
            return sp.nan
        second = self._integrated(2)
        return sp.nan if second is sp.nan else density.simplified(second - mean**2)

    def _integrated(self, order: int) -> Any:
        """``E[X**order]`` by integration (or the family's formula); nan where it diverges."""
        family = self._family
        if family is not None and family.moment(order) is not None:
            return family.moment(order)
        pieces = self._pieces()
        try:
            if pieces is not None:
                return density.piece_moment(pieces, order)
            value = density.integrate(self._x**order * self._pdf, self._x, -sp.oo, sp.oo)
        except DivergentIntegralError:
            return sp.nan
        if value is None:
            raise NoClosedFormError(f"no closed form found for E[{self._x}**{order}] of "
                                    f"{self._name}")
        return value

    def _compute_support(self) -> tuple[Any, Any]:
        pieces = self._pieces()
        if pieces is None:
            return -sp.oo, sp.oo
        regions = [(low, high) for low, high, _ in pieces.regions()]
        return regions[0][0], regions[-1][1]

    def _compute_cdf(self) -> Any:
        x = self._x
        pieces = self._pieces()
        if pieces is not None:
            return convolve_pieces(pieces, Pieces.window(0, sp.oo), x).expr()
        return density.outside_cdf(self._pdf, x)


# -- operators: every one goes through _combine -------------------------------------------------
def _operand(value: Any, x: Any) -> Any:
    """A distribution, an exact constant (SymPy), or None for a type the operators do not know."""
    if isinstance(value, ContinuousDistribution):
        return value
    if isinstance(value, bool | float | int | Fraction | sp.Basic) or hasattr(value, "__index__"):
        constant = density.number("the constant", value)
        if constant.has(x):
            raise InvalidEntryError(f"a constant added to or multiplying a random variable "
                                    f"cannot hold its variable {x}; received {constant}")
        return constant
    return None


def _combine(left: Any, right: Any, operation: str) -> ContinuousDistribution:
    left_is = isinstance(left, ContinuousDistribution)
    right_is = isinstance(right, ContinuousDistribution)
    if operation in "+-":
        negative = (not right_is and right.could_extract_minus_sign())
        shown = -right if negative else right
        symbol = "-" if (operation == "-") != negative else "+"
        name = f"{_label(left, _SUM)} {symbol} {_label(shown, _PRODUCT)}"
        if operation == "-":
            right = -right
        if left_is and right_is:
            return _transforms.add(left, right, name, _SUM)
        return _transforms.shift(left, right, name, _SUM) if left_is else \
            _transforms.shift(right, left, name, _SUM)
    if right_is and (left_is or operation == "/"):
        raise InvalidOptionError(f"{operation} of two random variables (or a constant divided "
                                 f"by one) is not supported: only X + Y, X - Y, shifts X + c "
                                 f"and scales c*X, X/c")
    if operation == "*":
        name = f"{_label(left, _ATOM)}*{_label(right, _ATOM)}"
        return _transforms.scale(left, right, name, _PRODUCT) if left_is else \
            _transforms.scale(right, left, name, _PRODUCT)
    if right == 0:
        raise InvalidOptionError("division of a random variable by zero")
    name = f"{_label(left, _ATOM)}/{_label(right, _ATOM)}"
    return _transforms.scale(left, 1 / right, name, _PRODUCT)


def _operator(operation: str, reflected: bool) -> Callable[..., Any]:
    def method(self: ContinuousDistribution, other: Any) -> Any:
        operand = _operand(other, self._x)
        if operand is None:
            return NotImplemented
        return _combine(operand, self, operation) if reflected else \
            _combine(self, operand, operation)

    spelled = {"+": "add", "-": "sub", "*": "mul", "/": "truediv"}[operation]
    method.__name__ = f"__{'r' if reflected else ''}{spelled}__"
    method.__doc__ = f"``{operation}`` of independent random variables (or with a constant)."
    return method


for _spelling, _operation in (("add", "+"), ("sub", "-"), ("mul", "*"), ("truediv", "/")):
    setattr(ContinuousDistribution, f"__{_spelling}__", _operator(_operation, reflected=False))
    setattr(ContinuousDistribution, f"__r{_spelling}__", _operator(_operation, reflected=True))



def _label(operand: Any, precedence: int) -> str:
    """How an operand shows in a name: parenthesized where the operator binds tighter."""
    if isinstance(operand, ContinuousDistribution):
        return _wrap(operand, precedence)
    text = str(operand)
    simple = operand.is_Atom and not text.startswith("-") and (
        precedence <= _SUM or not operand.is_Rational or operand.is_Integer)
    return text if simple else f"({text})"


def _wrap(distribution: ContinuousDistribution, precedence: int) -> str:
    name = distribution._name
    return f"({name})" if distribution._precedence < precedence else name
