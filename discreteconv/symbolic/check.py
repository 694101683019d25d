"""``check_answer(f, g, answer)``: is a hand-worked convolution right, and if not, where not?

The correct result comes from :func:`~discreteconv.symbolic.integral.solve`. Where both it and
the answer are in the piecewise class, both are read as :class:`~._pieces.Pieces` and compared
interval by interval on the union of their breakpoints (numerically first, at points inside
each interval with numbers put in for the parameters, then with ``sympy.simplify`` where the
numbers agree but the expressions look different), so any correct way of writing the answer
(Heaviside steps, ``Piecewise``, ``exp(1 - t)`` for ``E*exp(-t)``) is judged correct. Outside
the class the two are compared numerically over a spread of ``t``. Deltas are compared too.

A wrong answer gets the ranges of ``t`` where it differs, one sample value, and a hint where a
common mistake fits: a missing ``u(t)``, a constant factor or sign, an integral limit that
changes form at the wrong ``t``, a missing or extra delta.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..errors import DiscreteconvError
from . import _order, _verify
from ._expr import as_expr
from ._inputs import read_inputs
from ._pieces import Pieces
from ._recognize import to_pieces
from .integral import solve

__all__ = ["AnswerCheck", "check_answer"]

_TOLERANCE = 1e-9


@dataclass(frozen=True)
class AnswerCheck:
    """The verdict on an answer to ``(f*g)(t) = ?``.

    Attributes
    ----------
    correct : bool
        True when the answer equals the convolution for every ``t`` (up to single points).
    expected : sympy.Expr
        The convolution, as :func:`~discreteconv.convolve_integral` gives it.
    answer : sympy.Expr
        The answer, as read.
    differences : tuple of (low, high)
        The ranges ``low <= t < high`` where the two differ (``-oo``/``oo`` for unbounded
        ones); ``(p, p)`` for a Dirac delta at ``t = p`` that one has and the other lacks.
    sample : (t, expected value, answer value) or None
        Numbers at a point inside the first differing range, with :attr:`values` put in for
        the parameters.
    hint : str or None
        A likely mistake, where one fits.
    values : tuple of (name, number)
        The numbers used for the parameters in :attr:`sample`.
    """

    correct: bool
    expected: Any
    answer: Any
    differences: tuple[tuple[Any, Any], ...] = ()
    sample: tuple[Any, Any, Any] | None = None
    hint: str | None = None
    values: tuple[tuple[str, Any], ...] = ()

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        if self.correct:
            return "correct"
        where = ", ".join(_range(low, high) for low, high in self.differences)
        out = f"differs for {where}"
        if self.sample is not None:
            point, expected, given = self.sample
            out += (f": at t = {_number(point)} the convolution is {_number(expected)}, the "
                    f"answer gives {_number(given)}")
            if self.values:
                out += " (with " + ", ".join(f"{name} = {_number(value)}"
                                             for name, value in self.values) + ")"
        if self.hint:
            out += f"; hint: {self.hint}"
        return out


def _number(value: Any) -> str:
    value = complex(value)
    if abs(value.imag) > _TOLERANCE * max(1.0, abs(value)):
        return f"{value.real:.3g}{value.imag:+.3g}i"
    return f"{value.real:.3g}"


def _range(low: Any, high: Any, name: str = "t") -> str:
    """``low <= t < high`` with infinite ends left out; ``t = p`` for a point."""
    if low == high:
        return f"{name} = {sp.sstr(low)}"
    if low == -sp.oo and high == sp.oo:
        return f"all {name}"
    if low == -sp.oo:
        return f"{name} < {sp.sstr(high)}"
    if high == sp.oo:
        return f"{name} >= {sp.sstr(low)}"
    return f"{sp.sstr(low)} <= {name} < {sp.sstr(high)}"


# -- numbers ------------------------------------------------------------------------------------
def _value(expr: Any, x: Any, point: float, values: dict[Any, Any]) -> complex:
    """``expr`` at ``x = point`` (deltas dropped), a complex number (nan where undefined)."""
    body = expr.xreplace(values).replace(lambda e: isinstance(e, sp.DiracDelta),
                                         lambda e: sp.S.Zero)
    try:
        return complex(sp.N(body.xreplace({x: sp.Float(point, 30)}), 20))
    except (TypeError, ValueError):
        return complex("nan")


def _close(a: complex, b: complex) -> bool:
    return abs(a - b) <= _TOLERANCE * max(1.0, abs(a), abs(b))


def _number_at(point: Any, values: dict[Any, Any]) -> float:
    return float(sp.N(as_expr(point).xreplace(values)))


_OFFSETS = (0.4, 1.3, 3.1, 0.07, 2.2, 5.3, 0.8)
_SHARES = (0.5, 0.23, 0.81, 0.04, 0.37, 0.66, 0.95)


def _points(low: Any, high: Any, values: dict[Any, Any], many: bool = False) -> list[float]:
    """Points inside ``(low, high)``, whose ends may hold parameters or be infinite.

    Three where both sides are known to have one form there; seven (``many``) otherwise.
    """
    count = 7 if many else 3
    if low == -sp.oo and high == sp.oo:
        return [offset * (-1) ** index for index, offset in enumerate(_OFFSETS[:count])]
    if low == -sp.oo:
        end = _number_at(high, values)
        return [end - offset for offset in _OFFSETS[:count]]
    start = _number_at(low, values)
    if high == sp.oo:
        return [start + offset for offset in _OFFSETS[:count]]
    width = _number_at(high, values) - start
    return [start + width * share for share in _SHARES[:count]]


def _second(values: dict[Any, Any]) -> dict[Any, Any]:
    """Other numbers satisfying the same assumptions (integers stay integers)."""
    return {s: v + 1 if s.is_integer else v * sp.Rational(37, 29) for s, v in values.items()}


# -- the comparison -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Region:
    """A range of ``t`` on which both sides have one form each."""

    low: Any
    high: Any
    expected: Any
    given: Any
    samples: tuple[tuple[float, complex, complex], ...]  # (t, expected, answer)
    differs: bool

    def ratio(self) -> complex | None:
        """``answer / expected`` if it is the same at every sample (and defined), else None."""
        ratios = [a / e for _, e, a in self.samples if abs(e) > _TOLERANCE]
        if not ratios or not all(_close(r, ratios[0]) for r in ratios):
            return None
        if any(abs(a) > _TOLERANCE for _, e, a in self.samples if abs(e) <= _TOLERANCE):
            return None
        return ratios[0]

    @property
    def expected_zero(self) -> bool:
        return all(abs(e) <= _TOLERANCE for _, e, _ in self.samples)

    @property
    def given_zero(self) -> bool:
        return all(abs(a) <= _TOLERANCE for _, _, a in self.samples)


def _region(low: Any, high: Any, expected: Any, given: Any, x: Any, values: dict[Any, Any],
            exact: bool) -> _Region:
    samples = tuple((point, _value(expected, x, point, values), _value(given, x, point, values))
                    for point in _points(low, high, values, many=not exact))
    differs = not all(_close(e, a) for _, e, a in samples)
    if not differs and exact and sp.expand(given - expected) != 0 \
            and sp.simplify(given - expected) != 0:
        other = _second(values)  # simplify did not reach 0: try other parameter values
        differs = not all(_close(_value(expected, x, p, other), _value(given, x, p, other))
                          for p in _points(low, high, other))
    return _Region(low, high, expected, given, samples, differs)


def _generic(expr: Any, x: Any) -> Any:
    """``expr`` with conditions such as ``Eq(a, b)`` (free of ``x``) taken as false."""
    return expr.replace(lambda e: isinstance(e, (sp.Eq, sp.Ne)) and not e.has(x),
                        lambda e: sp.false if isinstance(e, sp.Eq) else sp.true)


def _as_pieces(expr: Any, x: Any) -> Pieces | None:
    try:
        return to_pieces(_generic(expr, x), x)
    except DiscreteconvError:
        return None


def _form(pieces: Pieces, low: Any, x: Any) -> Any:
    """The expression ``pieces`` has on the interval starting at ``low``."""
    index = 0 if low == -sp.oo else sum(1 for b in pieces.breaks if _order.compare(b, low) <= 0)
    return pieces.expression(index, x)


def _intervals(breaks: Sequence[Any]) -> list[tuple[Any, Any]]:
    return list(itertools.pairwise([-sp.oo, *breaks, sp.oo]))


def _regions(expected: Any, given: Any, x: Any, values: dict[Any, Any],
             e_pieces: Pieces | None, a_pieces: Pieces | None) -> tuple[list[_Region], bool]:
    """The regions to compare on, and whether they are exact (from Pieces on both sides)."""
    if e_pieces is not None and a_pieces is not None:
        try:
            grid = _order.merge([e_pieces.breaks, a_pieces.breaks])
        except DiscreteconvError:
            grid = None
        if grid is not None:
            return [_region(low, high, _form(e_pieces, low, x), _form(a_pieces, low, x), x,
                            values, True) for low, high in _intervals(grid)], True
    groups = [pieces.breaks if pieces is not None else _verify.jumps(expr, x)
              for pieces, expr in ((e_pieces, expected), (a_pieces, given))]
    try:
        breaks = _order.merge(groups)
    except DiscreteconvError:
        breaks = list(groups[0])
    return [_region(low, high, expected, given, x, values, False)
            for low, high in _intervals(breaks)], False


def _deltas(expr: Any, pieces: Pieces | None, x: Any) -> list[tuple[Any, Any]]:
    return list(pieces.deltas) if pieces is not None else _verify.deltas(expr, x)


def _delta_differences(expected: list[tuple[Any, Any]], given: list[tuple[Any, Any]],
                       values: dict[Any, Any]) -> list[tuple[Any, Any, Any]]:
    """``(position, expected weight, answer weight)`` wherever the deltas differ."""
    def at(deltas: list[tuple[Any, Any]], position: Any) -> Any:
        where = _number_at(position, values)
        return sum((w for p, w in deltas if abs(_number_at(p, values) - where) <= 1e-9),
                   sp.S.Zero)

    out = []
    for position in [p for p, _ in expected] + [p for p, _ in given]:
        if any(abs(_number_at(position, values) - _number_at(p, values)) <= 1e-9
               for p, _, _ in out):
            continue
        e, a = at(expected, position), at(given, position)
        if not _close(complex(sp.N(e.xreplace(values))), complex(sp.N(a.xreplace(values)))):
            out.append((position, e, a))
    return out


def _merged(regions: list[_Region]) -> list[tuple[Any, Any]]:
    """The differing regions, neighbours joined."""
    spans: list[list[Any]] = []
    for region in regions:
        if region.differs:
            if spans and spans[-1][1] == region.low:
                spans[-1][1] = region.high
            else:
                spans.append([region.low, region.high])
    return [(low, high) for low, high in spans]


# -- hints --------------------------------------------------------------------------------------
def _factor(regions: list[_Region], deltas: list[tuple[Any, Any, Any]],
            exact: bool, x: Any) -> Any:
    """``k`` when the answer is ``k`` times the convolution everywhere, else None."""
    ratios = []
    for region in regions:
        if region.expected_zero:
            if not region.given_zero:
                return None
            continue
        ratio = region.ratio()
        if ratio is None:
            return None
        ratios.append((ratio, region))
    if not ratios or not all(_close(r, ratios[0][0]) for r, _ in ratios):
        return None
    for _, e, a in deltas:
        if e == 0 or a == 0:
            return None
    number, region = ratios[0]
    if exact:
        k = sp.simplify(region.given / region.expected)
        if not k.has(x):
            return k
    return sp.nsimplify(round(number.real, 9), rational=True) if abs(number.imag) < 1e-12 \
        else None


def _region_hints(regions: list[_Region], e_pieces: Pieces | None, a_pieces: Pieces | None,
                  t: Any) -> str | None:
    wrong = [r for r in regions if r.differs]
    if not wrong:
        return None
    spans = _merged(regions)
    where = ", ".join(_range(low, high, t.name) for low, high in spans)
    if all(r.expected_zero for r in wrong):
        hint = f"the answer should be 0 for {where}, where the convolution is 0"
        if len(spans) == 1 and spans[0][0] == -sp.oo and spans[0][1] != sp.oo:
            hint += f": multiply by u({sp.sstr(t - spans[0][1])})"
        return hint
    if all(r.given_zero for r in wrong):
        return f"the answer is 0 for {where}, where the convolution is not: a range of t is missing"
    if e_pieces is not None and a_pieces is not None:
        hint = _limits_hint(regions, e_pieces, a_pieces, t)
        if hint:
            return hint
    for region in wrong:
        ratio = region.ratio()
        if ratio is not None and not region.expected_zero:
            k = sp.simplify(region.given / region.expected)
            shown = sp.sstr(k) if not k.has(t) else _number(ratio)
            return (f"for {_range(region.low, region.high, t.name)} the answer is {shown} "
                    f"times the convolution: check a constant factor there")
    return None


def _limits_hint(regions: list[_Region], e_pieces: Pieces, a_pieces: Pieces,
                 t: Any) -> str | None:
    """The answer changes form at other ``t`` than the convolution: name both sets."""
    def same(a: Any, b: Any) -> bool:
        try:
            return _order.compare(a, b) == 0
        except DiscreteconvError:
            return False

    e_breaks, a_breaks = list(e_pieces.breaks), list(a_pieces.breaks)
    if len(e_breaks) == len(a_breaks) and all(map(same, e_breaks, a_breaks)):
        return None
    shown = [", ".join(sp.sstr(b) for b in breaks) or "nowhere" for breaks in (e_breaks,
                                                                                a_breaks)]
    hint = (f"the convolution changes form at {t.name} = {shown[0]}, the answer at "
            f"{t.name} = {shown[1]}: check the limits of the integrals (where the overlap "
            f"starts and stops)")
    forms = [(low, high, e_pieces.expression(i, t)) for i, (low, high)
             in enumerate(_intervals(e_breaks)) if e_pieces.parts[i]]
    for region in regions:
        if not region.differs or region.given == 0:
            continue
        for low, high, form in forms:
            if sp.expand(region.given - form) == 0 or sp.simplify(region.given - form) == 0:
                return (hint + f"; for {_range(region.low, region.high, t.name)} the answer "
                        f"uses {sp.sstr(form)}, the convolution's form for "
                        f"{_range(low, high, t.name)}")
    return hint


def _delta_hints(deltas: list[tuple[Any, Any, Any]], t: Any) -> list[str]:
    hints = []
    for position, e, a in deltas:
        if a == 0:
            hints.append("the answer is missing the delta "
                         + sp.sstr(e * sp.DiracDelta(t - position)))
        elif e == 0:
            hints.append(f"the answer has an extra delta {sp.sstr(a * sp.DiracDelta(t - position))}"
                         f"; the convolution has no delta at {t.name} = {sp.sstr(position)}")
        else:
            hints.append(f"the delta at {t.name} = {sp.sstr(position)} should have weight "
                         f"{sp.sstr(e)}, not {sp.sstr(a)}")
    return hints


def _hint(regions: list[_Region], deltas: list[tuple[Any, Any, Any]], exact: bool,
          e_pieces: Pieces | None, a_pieces: Pieces | None, t: Any) -> str | None:
    k = _factor(regions, deltas, exact, t)
    if k is not None and k != 1:
        if k == 0:
            return "the answer is 0 everywhere"
        if k == -1:
            return "sign error: the answer is -1 times the convolution"
        return f"the answer is {sp.sstr(k)} times the convolution: a constant factor is off"
    hints = [_region_hints(regions, e_pieces, a_pieces, t), *_delta_hints(deltas, t)]
    kept = [hint for hint in hints if hint]
    return "; ".join(kept) if kept else None


def check_answer(f: Any, g: Any, answer: Any, t: Any = None, *, assume: Any = None) -> AnswerCheck:
    """Check an answer to ``(f*g)(t) = integral f(tau) g(t - tau) dtau``.

    Parameters
    ----------
    f, g : sympy.Expr or str
        The functions, as for :func:`~discreteconv.convolve_integral`.
    answer : sympy.Expr or str
        The answer to check, in any form: ``Piecewise``, Heaviside steps (``u(t)``), text.
    t : sympy.Symbol or str, optional
        The variable (default ``t``).
    assume : str or mapping, optional
        Signs of the parameters, e.g. ``"a>0"``.

    Returns
    -------
    AnswerCheck
        ``bool(check)`` is True when the answer is right; ``str(check)`` says where it
        differs, with a sample value and a hint.

    Raises
    ------
    AssumptionNeededError, DivergentIntegralError, NoClosedFormError, NotationError
        As :func:`~discreteconv.convolve_integral`.

    Examples
    --------
    >>> check_answer("exp(-t)*u(t)", "u(t)", "(1 - exp(-t))*u(t)").correct
    True
    >>> print(check_answer("exp(-t)*u(t)", "u(t)", "1 - exp(-t)"))
    differs for t < 0: at t = -0.4 the convolution is 0, the answer gives -0.492; hint: the
    answer should be 0 for t < 0, where the convolution is 0: multiply by u(t)
    """
    inputs = read_inputs((f, g, answer), t, assume, names=("f", "g", "answer"))
    first, second, given = inputs.functions
    x = inputs.t
    solution = solve(first, second, x)
    expected = solution.expression
    symbols = sorted(set().union(*(e.free_symbols for e in (first, second, given, expected)))
                     - {x}, key=str)
    values = _verify.parameter_values(symbols)[0]
    e_pieces, a_pieces = _as_pieces(expected, x), _as_pieces(given, x)
    regions, exact = _regions(_generic(expected, x), _generic(given, x), x, values,
                              e_pieces, a_pieces)
    deltas = _delta_differences(_deltas(expected, e_pieces, x), _deltas(given, a_pieces, x),
                                values)
    differences = [*_merged(regions), *((p, p) for p, _, _ in deltas)]
    result = solution.result
    shown = inputs.restore(given)
    if not differences:
        return AnswerCheck(True, result, shown)
    first_wrong = next((r for r in regions if r.differs), None)
    sample = None
    if first_wrong is not None:
        point, e, a = next(s for s in first_wrong.samples if not _close(s[1], s[2]))
        sample = (point, _plain(e), _plain(a))
    used = _caller_values(values, inputs) if sample else ()
    hint = _hint(regions, deltas, exact, e_pieces, a_pieces, x)
    restore = inputs.restore
    return AnswerCheck(False, result, shown,
                       tuple((restore(as_expr(lo)),
                              restore(as_expr(hi))) for lo, hi in differences),
                       sample, hint, used)


def _caller_values(values: dict[Any, Any], inputs: Any) -> tuple[tuple[str, Any], ...]:
    """The numbers used, by the caller's parameter names (``T2``, not ``T2 - T1``)."""
    named = {str(s): v for s, v in values.items()
             if all(s != d for d, _ in inputs.differences)}
    for difference, value in inputs.differences:  # value = T2 - (T1's expression)
        larger = next(iter(s for s in value.free_symbols if s not in values), None)
        if larger is not None:
            below = larger - value
            named[str(larger)] = (below + difference).xreplace(values)
    return tuple(sorted(named.items()))


def _plain(value: complex) -> float | complex:
    return value.real if abs(value.imag) <= _TOLERANCE * max(1.0, abs(value)) else value
