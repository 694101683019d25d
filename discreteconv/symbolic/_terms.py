"""Elementary terms ``c * x**k * exp(q*x**2 + a*x) * cos(w*x)`` (or ``sin``) and their calculus.

Every function the engine convolves is, on each interval, a finite sum of such terms (a
*quasi-polynomial*, with a Gaussian factor when ``q != 0``). The class is closed under the three
operations a convolution needs: products (:func:`multiply`), the change of variable
``x = alpha*y + beta`` (:func:`substitute`, which flips and shifts), and integration
(:func:`primitive`), whose antiderivative is written in closed form, not found by search:

* ``q == 0``: with ``z = a + i*w``,
  ``integral x**k e**(z x) dx = e**(z x) * sum_j (-1)**j k!/(k-j)! x**(k-j) / z**(j+1)``, whose
  real and imaginary parts give the ``cos`` and ``sin`` cases without complex numbers
  (``1/z**m = conj(z)**m / (a**2 + w**2)**m``); ``a = w = 0`` is the polynomial case, and where
  the assumptions cannot tell whether ``a`` (or ``w``) is zero both branches are returned in a
  ``Piecewise`` on that condition;
* ``q < 0``: completing the square ``q x**2 + a x = -A (x - m)**2 + a**2/(4A)`` leaves
  ``integral u**j e**(-A u**2) du``, an ``erf`` for ``j = 0``, ``-e**(-A u**2)/(2A)`` for
  ``j = 1`` and a two-term recurrence above.

Terms are immutable; coefficients are SymPy expressions free of the variable (they may hold
parameters, and the outer variable ``t`` of a convolution).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from ..errors import (
    AssumptionNeededError,
    DivergentIntegralError,
    TooLargeError,
    UnsupportedFunctionError,
)

__all__ = ["MAX_TERMS", "Primitive", "Term", "antiderivative", "collect", "multiply", "primitive",
           "substitute", "to_expr"]

#: The most terms one interval may hold before a request is refused.
MAX_TERMS = 2_000

_ZERO = sp.S.Zero


@dataclass(frozen=True, slots=True)
class Term:
    """``coefficient * x**power * exp(quadratic*x**2 + rate*x) * cos|sin(frequency*x)``."""

    coefficient: Any
    power: int = 0
    quadratic: Any = _ZERO
    rate: Any = _ZERO
    frequency: Any = _ZERO
    sine: bool = False

    @property
    def key(self) -> tuple[Any, ...]:
        """What two terms must share to be added into one."""
        return (self.power, self.quadratic, self.rate, self.frequency, self.sine)

    def expr(self, x: Any) -> Any:
        """The term as a SymPy expression in ``x``."""
        exponent = self.quadratic * x**2 + self.rate * x
        wave = (sp.sin if self.sine else sp.cos)(self.frequency * x)
        return self.coefficient * x**self.power * sp.exp(exponent) * wave


def _canonical(term: Term) -> Term | None:
    """A negative frequency made positive (``sin`` changes sign); ``sin(0)`` terms dropped."""
    if term.coefficient == 0:
        return None
    frequency = term.frequency
    if frequency == 0:
        return None if term.sine else term
    if frequency.could_extract_minus_sign():
        coefficient = -term.coefficient if term.sine else term.coefficient
        return replace(term, coefficient=coefficient, frequency=-frequency)
    return term


def collect(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Like terms added together, zero terms dropped, in a stable order."""
    sums: dict[tuple[Any, ...], Any] = {}
    for term in terms:
        canonical = _canonical(term)
        if canonical is not None:
            sums[canonical.key] = sums.get(canonical.key, _ZERO) + canonical.coefficient
    collected = []
    for (power, quadratic, rate, frequency, sine), coefficient in sums.items():
        coefficient = sp.expand(coefficient)
        if coefficient != 0:
            collected.append(Term(coefficient, power, quadratic, rate, frequency, sine))
    if len(collected) > MAX_TERMS:
        raise TooLargeError(f"an intermediate function has {len(collected):,} terms on one "
                            f"interval, more than the {MAX_TERMS:,} allowed")
    return tuple(collected)


def _times(left: Term, right: Term) -> list[Term]:
    """The product of two terms: products of waves become sums (product-to-sum identities)."""
    coefficient = left.coefficient * right.coefficient
    base = Term(coefficient, left.power + right.power, left.quadratic + right.quadratic,
                left.rate + right.rate)
    if left.frequency == 0 or right.frequency == 0:  # at most one wave: nothing to combine
        wave = left if right.frequency == 0 else right
        return [replace(base, frequency=wave.frequency, sine=wave.sine)]
    half = coefficient / 2
    difference = left.frequency - right.frequency
    total = left.frequency + right.frequency
    # cos A cos B = (cos(A-B) + cos(A+B))/2;  sin A sin B = (cos(A-B) - cos(A+B))/2
    # sin A cos B = (sin(A+B) + sin(A-B))/2;  cos A sin B = (sin(A+B) - sin(A-B))/2
    if left.sine == right.sine:
        sign = -1 if left.sine else 1
        return [replace(base, coefficient=half, frequency=difference),
                replace(base, coefficient=sign * half, frequency=total)]
    sign = 1 if left.sine else -1
    return [replace(base, coefficient=half, frequency=total, sine=True),
            replace(base, coefficient=sign * half, frequency=difference, sine=True)]


def multiply(left: Sequence[Term], right: Sequence[Term]) -> tuple[Term, ...]:
    """The product of two sums of terms, collected."""
    if len(left) * len(right) > 4 * MAX_TERMS:
        raise TooLargeError(f"a product of {len(left):,} by {len(right):,} terms is more than "
                            f"the engine takes on ({4 * MAX_TERMS:,})")
    return collect(product for a in left for b in right for product in _times(a, b))


def substitute(terms: Sequence[Term], alpha: Any, beta: Any) -> tuple[Term, ...]:
    """The terms of ``f(alpha*y + beta)`` in ``y``, for the terms of ``f(x)``.

    ``alpha`` is a nonzero number or parameter, ``beta`` anything free of ``y`` (``t`` in a
    convolution, where ``alpha = -1`` and ``beta = t`` give ``g(t - y)``).
    """
    result: list[Term] = []
    for term in terms:
        scale = sp.exp(sp.expand(term.quadratic * beta**2 + term.rate * beta))
        quadratic = sp.expand(term.quadratic * alpha**2)
        rate = sp.expand(2 * term.quadratic * alpha * beta + term.rate * alpha)
        frequency = sp.expand(term.frequency * alpha)
        phase = sp.expand(term.frequency * beta)
        # cos(F y + P) = cos P cos F y - sin P sin F y
        # sin(F y + P) = sin P cos F y + cos P sin F y
        if term.frequency == 0:
            waves = [(sp.S.One, False)]
        elif term.sine:
            waves = [(sp.sin(phase), False), (sp.cos(phase), True)]
        else:
            waves = [(sp.cos(phase), False), (-sp.sin(phase), True)]
        for j in range(term.power + 1):
            weight = math.comb(term.power, j) * alpha**j * beta**(term.power - j)
            for wave, sine in waves:
                result.append(Term(term.coefficient * scale * weight * wave, j, quadratic,
                                   rate, frequency, sine))
    return collect(result)


def to_expr(terms: Sequence[Term], x: Any) -> Any:
    """The sum of the terms as one SymPy expression in ``x``."""
    return sp.Add(*(term.expr(x) for term in terms))


# -- integration --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Primitive:
    """An antiderivative ``F`` of a sum of terms, with its limits at the two infinities.

    ``at(x)`` gives ``F(x)`` for a finite ``x`` and the limit for ``x = +-oo``; a limit that does
    not exist (a divergent integral), or whose existence the assumptions cannot settle, raises.
    """

    variable: Any
    expression: Any
    at_plus_infinity: Any  # an expression, or an Exception to raise when it is asked for
    at_minus_infinity: Any

    def at(self, x: Any) -> Any:
        if x in (sp.oo, -sp.oo):
            value = self.at_plus_infinity if x == sp.oo else self.at_minus_infinity
            if isinstance(value, Exception):
                raise value
            return value
        return self.expression.xreplace({self.variable: x})


def _sign_of(rate: Any) -> bool | None:
    """True where ``rate < 0`` for sure, False where ``rate > 0``, None when unknown or zero."""
    if rate.is_negative:
        return True
    if rate.is_positive:
        return False
    return None


def _shown(term: Term) -> Any:
    """The term in a variable named ``tau``, for messages (the engine's own is a Dummy)."""
    return term.expr(sp.Symbol("tau", real=True))


def _limit_error(term: Term, x: Any, end: str) -> Exception:
    """Why ``integral ... dx`` up to ``end`` (``'+oo'``/``'-oo'``) does not settle."""
    tau = sp.Symbol("tau", real=True)
    exponent = term.quadratic * tau**2 + term.rate * tau
    if term.rate.free_symbols - {x} and term.rate.is_zero is None and term.quadratic == 0:
        wanted = "negative" if end == "+oo" else "positive"
        sign = "<" if wanted == "negative" else ">"
        return AssumptionNeededError(
            f"whether the integral converges towards {end} depends on the sign of "
            f"{term.rate}: it converges where {term.rate} {sign} 0; state it, for example "
            f"assume=\"{_example(term.rate, wanted)}\"")
    return _divergent(f"the integrand grows or oscillates like {sp.exp(exponent)} towards {end}")


def _divergent(message: str) -> Exception:
    return DivergentIntegralError(f"the convolution integral diverges: {message}")


def _example(rate: Any, wanted: str) -> str:
    symbols = sorted(rate.free_symbols, key=str)
    if len(symbols) == 1:
        symbol = symbols[0]
        negated = rate.could_extract_minus_sign()
        sign = ">" if (wanted == "positive") != negated else "<"
        return f"{symbol}{sign}0"
    return ", ".join(f"{symbol}>0" for symbol in symbols)


def _first(value: Any) -> str:
    symbols = sorted(value.free_symbols, key=str)
    return str(symbols[0]) if symbols else str(value)


def _wave_parts(a: Any, w: Any, m: int) -> tuple[Any, Any]:
    """Real and imaginary parts of ``(a - i*w)**m``, by the binomial theorem."""
    real = imaginary = _ZERO
    for r in range(m + 1):
        part = math.comb(m, r) * a**(m - r) * w**r
        if r % 2 == 0:
            real += (-1) ** (r // 2) * part
        else:
            imaginary += (-1) ** ((r + 1) // 2) * part
    return real, imaginary


def _exponential_terms(term: Term) -> tuple[Term, ...]:
    """``integral x**k e**(a x) cos|sin(w x) dx`` as terms, when ``a**2 + w**2 != 0``."""
    k, a, w = term.power, term.rate, term.frequency
    norm = a**2 + w**2
    found = []
    for j in range(k + 1):
        weight = term.coefficient * (-1) ** j * math.perm(k, j) / norm**(j + 1)
        real, imaginary = _wave_parts(a, w, j + 1)
        if term.sine:  # Im(e^{i w x} (R + i I)) = R sin + I cos
            found += [Term(weight * real, k - j, _ZERO, a, w, True),
                      Term(weight * imaginary, k - j, _ZERO, a, w, False)]
        else:  # Re(e^{i w x} (R + i I)) = R cos - I sin
            found += [Term(weight * real, k - j, _ZERO, a, w, False),
                      Term(-weight * imaginary, k - j, _ZERO, a, w, True)]
    return collect(found)


def _polynomial_terms(term: Term) -> tuple[Term, ...]:
    """The same integral when ``a = w = 0``: ``x**(k+1)/(k+1)`` (and 0 for ``sin``)."""
    if term.sine:
        return ()
    return (Term(term.coefficient / (term.power + 1), term.power + 1),)


def antiderivative(term: Term, x: Any) -> tuple[tuple[Term, ...], Any, Any] | None:
    """An antiderivative of one term as terms, with its limits at ``+oo`` and ``-oo``.

    None for a Gaussian term, or where the assumptions leave open whether ``a = w = 0``
    (then :func:`primitive` gives both branches in a Piecewise).
    """
    if term.quadratic != 0:
        return None
    degenerate = _degenerate(term)
    if degenerate is True:
        error = _divergent(f"{_shown(term)} does not decay")
        return _polynomial_terms(term), error, error
    if degenerate is not False:
        return None
    return (_exponential_terms(term), *_limits(term, x))


def _degenerate(term: Term) -> Any:
    """``True`` when ``a = w = 0`` surely, ``False`` when surely not, else the condition."""
    conditions = []
    for value in (term.rate, term.frequency):
        if value.is_zero is False:
            return False
        if value.is_zero is None:
            conditions.append(_equation(value))
    return sp.And(*conditions) if conditions else True


def _equation(value: Any) -> Any:
    """``Eq(a, b)`` for ``a - b`` (reads better than ``Eq(a - b, 0)``)."""
    if isinstance(value, sp.Add) and len(value.args) == 2:
        first, second = value.args
        if second.could_extract_minus_sign():
            return sp.Eq(first, -second)
        if first.could_extract_minus_sign():
            return sp.Eq(second, -first)
    return sp.Eq(value, 0)


def _limits(term: Term, x: Any) -> tuple[Any, Any]:
    """The antiderivative's limits at ``+oo`` and ``-oo``: 0 where the term decays there, else
    the error saying why not."""
    decays_right = _sign_of(term.rate)
    return (_ZERO if decays_right is True else _limit_error(term, x, "+oo"),
            _ZERO if decays_right is False else _limit_error(term, x, "-oo"))


def _exponential_term(term: Term, x: Any) -> tuple[Any, Any, Any]:
    found = antiderivative(term, x)
    if found is not None:
        terms, at_plus, at_minus = found
        return to_expr(terms, x), at_plus, at_minus
    expression = sp.Piecewise((to_expr(_polynomial_terms(term), x), _degenerate(term)),
                              (to_expr(_exponential_terms(term), x), True))
    return (expression, *_limits(term, x))


def _gaussian_moment(j: int, u: Any, spread: Any) -> tuple[Any, Any]:
    """``integral u**j exp(-A u**2) du`` and its limit at ``+oo`` (``A = spread``)."""
    if j == 0:
        return (sp.sqrt(sp.pi) / (2 * sp.sqrt(spread)) * sp.erf(sp.sqrt(spread) * u),
                sp.sqrt(sp.pi) / (2 * sp.sqrt(spread)))
    if j == 1:
        return -sp.exp(-spread * u**2) / (2 * spread), _ZERO
    lower, lower_limit = _gaussian_moment(j - 2, u, spread)
    return (-u**(j - 1) * sp.exp(-spread * u**2) / (2 * spread) + (j - 1) / (2 * spread) * lower,
            (j - 1) / (2 * spread) * lower_limit)


def _gaussian_term(term: Term, x: Any) -> tuple[Any, Any, Any]:
    spread = -term.quadratic
    if term.frequency != 0 or spread.is_positive is False:
        kind = "a Gaussian times a sine or cosine" if term.frequency != 0 else \
            "a Gaussian that grows (exp(+c t**2))"
        raise UnsupportedFunctionError(f"the integrand holds {kind}, which is outside the "
                                       f"piecewise engine", _shown(term))
    if not spread.is_positive:
        raise AssumptionNeededError(
            f"the Gaussian factor {sp.exp(term.quadratic * x**2)} needs a negative coefficient "
            f"of {x}**2: state the signs of its parameters (for example "
            f"assume=\"{_first(spread)}>0\")")
    centre = term.rate / (2 * spread)
    scale = term.coefficient * sp.exp(term.rate**2 / (4 * spread))
    expression = at_plus = at_minus = _ZERO
    for j in range(term.power + 1):
        weight = math.comb(term.power, j) * centre**(term.power - j)
        moment, limit = _gaussian_moment(j, x - centre, spread)
        expression += weight * moment
        at_plus += weight * limit
        at_minus += weight * (-limit if j % 2 == 0 else limit)
    return scale * expression, scale * at_plus, scale * at_minus


def primitive(terms: Sequence[Term], x: Any) -> Primitive:
    """An antiderivative in ``x`` of the sum of ``terms``, with its limits at ``+-oo``."""
    expression = at_plus = at_minus = _ZERO
    for term in terms:
        if term.quadratic == 0:
            part, plus, minus = _exponential_term(term, x)
        else:
            part, plus, minus = _gaussian_term(term, x)
        expression += part
        at_plus = _accumulate(at_plus, plus)
        at_minus = _accumulate(at_minus, minus)
    return Primitive(x, expression, at_plus, at_minus)


def _accumulate(total: Any, part: Any) -> Any:
    """A sum of limits, where an Exception (the first one met) stands for "no limit"."""
    if isinstance(total, Exception):
        return total
    return part if isinstance(part, Exception) else total + part
