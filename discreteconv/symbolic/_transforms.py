"""Sums, shifts and scales of independent continuous random variables.

``X + Y`` has the convolution of the densities, found by the piecewise engine (from the
operands' :class:`~._pieces.Pieces`, so nothing is read back from a ``Piecewise``), by the
family's closed form where the engine cannot convolve (``Cauchy + Cauchy``), or by the
engine's fallback methods. The result keeps its mean, variance and support as sums of the
operands', without integrating again, and its distribution function as ``f_X * F_Y`` when its
own density is outside the engine's class. ``X + c`` and ``c X`` move and stretch the density
and transform everything known about it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import (
    AssumptionNeededError,
    InvalidOptionError,
    NoClosedFormError,
    UnsupportedFunctionError,
)
from . import _density as density
from ._engine import Convolution, convolve_pieces
from ._pieces import Pieces
from ._recognize import to_pieces
from .integral import solve

if TYPE_CHECKING:
    from .random import ContinuousDistribution as Distribution

__all__ = ["add", "scale", "shift"]


def add(left: Distribution, right: Distribution, name: str, precedence: int) -> Distribution:
    """``X + Y`` for independent ``X`` and ``Y``: the convolution of the densities."""
    x = left._x
    family = left._family.plus(right._family) if left._family and right._family else None
    left_pieces, right_pieces = left._pieces(), right._pieces()
    pieces = None
    if left_pieces is not None and right_pieces is not None:
        convolution = convolve_pieces(left_pieces, right_pieces, x)
        pdf, pieces = convolution.expr(), _result_pieces(convolution, x)
    elif family is not None:
        pdf = family.pdf(x)  # the family's closed form where the engine cannot convolve
    else:
        pdf = solve(left._pdf, right._pdf_in(x), x).expression
    derived = {
        "mean": lambda: density.simplified(left._mean() + right._mean()),
        "variance": lambda: density.simplified(left._variance() + right._variance()),
        "support": lambda: tuple(a + b for a, b in zip(left._support(), right._support(),
                                                       strict=True)),
    }
    if pieces is None:
        derived["cdf"] = lambda: _sum_cdf(left, right, x)
    result = left._make(
        pdf, x, name, precedence, family=family, restore={**left._restore, **right._restore},
        derived=derived, sampler=lambda generator, size: (left._draw(generator, size)
                                                          + right._draw(generator, size)))
    if pieces is not None:
        result._cache["pieces"] = pieces
    return result


def _sum_cdf(left: Distribution, right: Distribution, x: Any) -> Any:
    """``F_{X+Y} = f_X * F_Y``: a convolution the engine can do when the sum's density is
    outside its class (``Normal + Uniform`` has ``erf`` in its density); None when it cannot."""
    for first, other in ((left, right), (right, left)):
        pieces = first._pieces()
        if pieces is None:
            continue
        try:
            cdf = other._cdf().xreplace({other._x: x})
            return convolve_pieces(pieces, to_pieces(cdf, x), x).expr()
        except (NoClosedFormError, AssumptionNeededError):
            continue
    return None


def _result_pieces(convolution: Convolution, x: Any) -> Pieces | None:
    """The engine's result as :class:`Pieces` (saves reading its ``Piecewise`` back)."""
    parts = []
    for value in convolution.values:
        try:
            read = to_pieces(value, x)
        except (UnsupportedFunctionError, AssumptionNeededError):
            return None
        if read.breaks or read.deltas:
            return None
        parts.append(read.parts[0])
    return Pieces(tuple(convolution.breaks), tuple(parts))


def shift(base: Distribution, amount: Any, name: str, precedence: int) -> Distribution:
    """``X + c``: the density moved right by ``c``."""
    x = base._x
    family = base._family.shifted(amount) if base._family else None
    pdf = family.pdf(x) if family else density.canonical(base._pdf.xreplace({x: x - amount}), x)
    derived = {
        "mean": lambda: density.simplified(base._mean() + amount),
        "variance": lambda: base._variance(),
        "support": lambda: tuple(end + amount for end in base._support()),
        "cdf": lambda: base._cdf().xreplace({x: x - amount}),
    }
    return base._make(
        pdf, x, name, precedence, family=family, restore=base._restore, derived=derived,
        sampler=lambda generator, size: base._draw(generator, size) + density.to_float(amount))


def scale(base: Distribution, factor: Any, name: str, precedence: int) -> Distribution:
    """``c X`` for a nonzero constant ``c`` of known sign."""
    if factor.is_zero:
        raise InvalidOptionError("0*X is the constant 0, not a continuous distribution")
    if factor.is_positive is None and factor.is_negative is None:
        raise InvalidOptionError(f"the sign of the factor {factor} must be known to scale a "
                                 f"random variable (declare its symbols positive or negative)")
    x = base._x
    family = base._family.scaled(factor) if base._family else None
    pdf = family.pdf(x) if family else density.canonical(
        base._pdf.xreplace({x: x / factor}) / abs(factor), x)

    def cdf() -> Any:
        scaled = base._cdf().xreplace({x: x / factor})
        return scaled if factor.is_positive else density.canonical(1 - scaled, x)

    def support() -> tuple[Any, Any]:
        low, high = (factor * end for end in base._support())
        return (low, high) if factor.is_positive else (high, low)

    derived = {
        "mean": lambda: density.simplified(factor * base._mean()),
        "variance": lambda: density.simplified(factor**2 * base._variance()),
        "support": support,
        "cdf": cdf,
    }
    return base._make(
        pdf, x, name, precedence, family=family, restore=base._restore, derived=derived,
        sampler=lambda generator, size: base._draw(generator, size) * density.to_float(factor))
