"""Polynomials written as text: ``parse_polynomial("(1+2x)^3*(x-1)")``, read by a grammar.

The text is parsed by an LALR(1) parser built once from :data:`GRAMMAR` (lark is imported the
first time :func:`parse_polynomial` runs, never by ``import discreteconv``; nothing is ever
passed to ``eval`` or ``sympify``) into a small tree, which is then evaluated with
:class:`~discreteconv.Polynomial` arithmetic. Before each product or power the degree, the
number of coefficients, their size in bits and the work are estimated, and a request over the
limits is refused at once with :class:`~discreteconv.errors.TooLargeError`.

Examples
--------
>>> parse_polynomial("(x + 1)^2").coefficients
(1, 2, 1)
>>> sorted(parse_polynomial("2x y - y^2").terms().items())
[((0, 2), -1), ((1, 1), 2)]
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from .. import _validate
from .._grammar import ARITHMETIC, Wording, check_size, syntax_error
from ..dist._notation_tree import _fail
from ..errors import InvalidEntryError, InvalidOptionError, TooLargeError
from .polynomial import Polynomial

__all__ = ["GRAMMAR", "parse_polynomial"]

#: The grammar: the shared arithmetic of :data:`discreteconv._grammar.ARITHMETIC` as it is
#: (``x^-1`` parses, then is refused with its position).
GRAMMAR = ARITHMETIC

#: Longest text, deepest parenthesis nesting, most digits in a number and largest power of ten.
MAX_LENGTH = 10_000
MAX_NESTING = 200
MAX_DIGITS = 1_000
#: Estimated work (about 1.5 * 10**6 units a second) above which a request is refused at once.
MAX_WORK = 10**7
#: The largest coefficient, in bits (numerator and denominator together), a step may make.
MAX_BITS = 4_000_000

_WORDS = {  # terminal -> words for "expected ..." messages, in the order they are listed
    "OPERATOR": "", "NUMBER": "a number", "NAME": "a name", "LPAR": "'('", "RPAR": "')'",
    "$END": "end of input",
}
_OPERATORS = {"PLUS": "+", "MINUS": "-", "STAR": "*", "SLASH": "/", "POW": "^"}
_WORDING = Wording(_WORDS, _OPERATORS, number="NUMBER", subject="the polynomial")


# -- the tree ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Number:
    text: str
    position: int
    end: int


@dataclass(frozen=True, slots=True)
class _Name:
    name: str
    position: int
    end: int


@dataclass(frozen=True, slots=True)
class _Negate:
    operand: _Node
    position: int
    end: int


@dataclass(frozen=True, slots=True)
class _Chain:
    """``a + b - c`` or ``a * b / c d``, left to right; an implicit product's operator is ``''``."""

    operands: tuple[_Node, ...]
    operators: tuple[str, ...]
    position: int
    end: int


@dataclass(frozen=True, slots=True)
class _Power:
    base: _Node
    exponent: _Node
    position: int
    end: int


_Node = _Number | _Name | _Negate | _Chain | _Power


def _builder(lark: Any) -> Any:
    """The callbacks run by the parser as it reduces: they build the tree directly."""

    def chained(left: _Node, operator: str, right: _Node) -> _Chain:
        additive = operator in ("+", "-")
        if isinstance(left, _Chain) and (left.operators[0] in ("+", "-")) == additive:
            return _Chain((*left.operands, right), (*left.operators, operator), left.position,
                          right.end)
        return _Chain((left, right), (operator,), left.position, right.end)

    @lark.v_args(inline=True)
    class Builder(lark.Transformer):
        def number(self, token: Any) -> _Number:
            return _Number(str(token), token.start_pos, token.end_pos)

        def name(self, token: Any) -> _Name:
            return _Name(str(token), token.start_pos, token.end_pos)

        def parenthesis(self, left: Any, inner: _Node, right: Any) -> _Node:
            return replace(inner, position=left.start_pos, end=right.end_pos)

        def sign(self, sign: Any, operand: _Node) -> _Node:
            if sign == "+":
                return replace(operand, position=sign.start_pos)
            if isinstance(operand, _Negate):  # a run of signs folds, however long
                return replace(operand.operand, position=sign.start_pos)
            return _Negate(operand, sign.start_pos, operand.end)

        def chain(self, left: _Node, operator: Any, right: _Node) -> _Chain:
            return chained(left, str(operator), right)

        def implicit(self, left: _Node, right: _Node) -> _Chain:
            return chained(left, "", right)

        def power(self, base: _Node, operator: Any, exponent: _Node) -> _Power:
            return _Power(base, exponent, base.position, exponent.end)

    return Builder()


@functools.cache
def _parser() -> Any:
    import lark

    return lark.Lark(GRAMMAR, parser="lalr", lexer="contextual", transformer=_builder(lark))


# -- syntax errors -----------------------------------------------------------------------------
def _accepted(error: Any, text: str, stop: int, fallback: Any) -> set[str]:
    """The terminals the parser accepts after the tokens of ``text[:stop]``.

    Replayed on the prefix because the parser state in a lark error comes after the reductions
    LALR makes on a lookahead it then rejects, where fewer terminals are accepted.
    """
    import lark

    try:
        parser = _parser().parse_interactive(text[:stop])
        parser.exhaust_lexer()
        return set(parser.accepts())
    except lark.exceptions.LarkError:
        return set(fallback or ())


# -- parsing -----------------------------------------------------------------------------------
def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise InvalidEntryError(f"a polynomial to parse must be a str; received "
                                f"{type(text).__name__}")
    if not text.strip():
        raise _fail("empty polynomial", text, 0, expected="a polynomial such as 3x^2 - x/2 + 1")
    check_size(text, "polynomial", MAX_LENGTH, MAX_NESTING)
    return text


@functools.lru_cache(maxsize=1024)
def _parse_checked(text: str) -> tuple[_Node, tuple[_Name, ...]]:
    """The tree of ``text`` and its names, in the order they appear."""
    import lark

    try:
        tree = _parser().parse(text)
    except lark.exceptions.LarkError as error:
        raise syntax_error(error, text, _WORDING, _accepted) from None
    names, stack = [], [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, _Name):
            names.append(node)
        elif isinstance(node, _Chain):
            stack.extend(node.operands)
        elif isinstance(node, _Power):
            stack.extend((node.base, node.exponent))
        elif isinstance(node, _Negate):
            stack.append(node.operand)
    return tree, tuple(sorted(names, key=lambda name: name.position))


def _resolve(text: str, names: tuple[_Name, ...], variables: Any
             ) -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """The variables of the result and, for each name in the text, its monomial's exponents."""
    if variables is None:
        for name in names:  # "sin(x)" is not sin*x unless sin is a variable given
            if len(name.name) > 1 and text.startswith("(", name.end):
                raise _fail(f"unknown function {name.name!r}", text, name.position,
                            name.end + 1, expected=f"a polynomial (to multiply, write "
                                                   f"{name.name}*(...) or {name.name} (...))")
        ordered = tuple(dict.fromkeys(name.name for name in names)) or ("x",)
    else:
        try:
            given = variables if isinstance(variables, str) else tuple(variables)
        except TypeError:
            raise InvalidOptionError(f"variables must be names like 'x' or ('x', 'y'); "
                                     f"received {variables!r}") from None
        ordered = Polynomial.from_terms({}, given).variables  # checks the names
    axis = {variable: index for index, variable in enumerate(ordered)}
    monomials: dict[str, tuple[int, ...]] = {}
    for name in names:
        if name.name in monomials:
            continue
        exponents = [0] * len(ordered)
        if name.name in axis:
            exponents[axis[name.name]] = 1
        elif all(letter in axis for letter in name.name):  # "xy" with x and y given: x*y
            for letter in name.name:
                exponents[axis[letter]] += 1
        else:
            hint = (f" (for a power write {name.name.rstrip('0123456789')}^"
                    f"{name.name[len(name.name.rstrip('0123456789')):]})"
                    if name.name.rstrip("0123456789") in axis else "")
            raise _fail(f"unknown name {name.name!r}", text, name.position, name.end,
                        expected=f"one of {', '.join(ordered)}{hint}")
        monomials[name.name] = tuple(exponents)
    return ordered, monomials


def _number(node: _Number, text: str) -> int | Fraction:
    """The exact value of a number: ``0.5`` is ``Fraction(1, 2)``, ``1e3`` is ``1000``."""
    mantissa, _, power = node.text.lower().partition("e")
    whole, _, decimals = mantissa.partition(".")
    digits = (whole + decimals).lstrip("0") or "0"
    if len(digits) > MAX_DIGITS or len(power.lstrip("+-0")) > len(str(MAX_DIGITS)) or (
            power and abs(int(power)) > MAX_DIGITS):
        raise _fail(f"number too long (at most {MAX_DIGITS:,} digits and powers of ten up to "
                    f"e{MAX_DIGITS})", text, node.position, node.end)
    scale = (int(power) if power else 0) - len(decimals)
    value = int(digits)
    return value * 10**scale if scale >= 0 else _exact(Fraction(value, 10**-scale))


def _exact(value: Any) -> Any:
    """A Fraction that is an integer, as an int."""
    return value.numerator if isinstance(value, Fraction) and value.denominator == 1 else value


# -- evaluating within limits ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Size:
    """A value's degree in each variable, total degree, number of terms and ``bits``, log2 of
    its coefficients' 1-norm (numerators and denominators together); ``rational`` when a
    denominator may appear. Measured off the operands before a product or power; carried
    through sums and divisions as bounds."""

    degrees: tuple[int, ...]
    total: int
    terms: int
    bits: float
    rational: bool

    @property
    def box(self) -> int:
        """The coefficients of the dense array (what products are computed on)."""
        return math.prod(d + 1 for d in self.degrees)


def _measure(value: Polynomial) -> _Size:
    """The size of a computed value, read off its terms (a product or power is about to run)."""
    terms = value.terms()
    if not terms:
        return _Size((0,) * len(value.variables), 0, 0, 0.0, False)
    exponents = list(terms)
    numerators = sum(abs(c.numerator) for c in terms.values())  # ints and Fractions only
    denominator = max(c.denominator for c in terms.values())
    return _Size(tuple(map(max, *exponents)) if len(exponents) > 1 else exponents[0],
                 max(map(sum, exponents)), len(terms),
                 _log2(numerators) + _log2(denominator), denominator > 1)


def _log2(value: int) -> float:
    return math.log2(value) if value > 1 else 0.0


def _float(value: int) -> float:
    return float(value) if value < 10**300 else math.inf


def _count(value: int) -> str:
    return f"{value:,}" if value < 10**15 else f"about 10^{math.floor(math.log10(value))}"


def _bits(value: float) -> str:
    return f"about {value:,.0f}" if value < 1e300 else "more than 10^300"


def _constant(value: Polynomial) -> Any:
    """The value of a polynomial of degree 0 (or 0), else None."""
    terms = value.terms()
    if any(any(exponents) for exponents in terms):
        return None
    return next(iter(terms.values()), 0)


class _Evaluator:
    """Evaluates a tree into a :class:`Polynomial` in ``variables``, within :data:`MAX_WORK`."""

    def __init__(self, text: str, variables: tuple[str, ...],
                 monomials: dict[str, tuple[int, ...]]) -> None:
        self.text, self.variables, self.monomials = text, variables, monomials
        self.spent = 0.0  # estimated work of the steps already allowed

    def snippet(self, node: _Node) -> str:
        shown = self.text[node.position:node.end]
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        return f"{shown!r} at column {node.position + 1}"

    def check(self, size: _Size, work: float, node: _Node) -> None:
        """Refuse a step making ``size`` with ``work``, alone or with the steps before it."""
        if size.bits > MAX_BITS:
            raise TooLargeError(
                f"{self.snippet(node)} would have coefficients of {_bits(size.bits)} "
                f"bits, more than the {MAX_BITS:,} allowed; refused before computing")
        spread = "" if len(self.variables) == 1 else " (" + ", ".join(
            f"{_count(d)} in {v}" for v, d in zip(self.variables, size.degrees, strict=True)
        ) + ")"
        what = (f"{self.snippet(node)} would have degree {_count(size.total)}{spread}: "
                f"{_count(size.box)} coefficients of {_bits(size.bits)} bits or fewer")
        if work > MAX_WORK:
            raise TooLargeError(
                f"{what}, about {work:.3g} steps of work, more than the {MAX_WORK:.3g} allowed "
                "(about five seconds); refused before computing")
        if self.spent + work > MAX_WORK:
            raise TooLargeError(
                f"{what}, about {work:.3g} steps of work, which with the {self.spent:.3g} of the "
                f"steps before it is more than the {MAX_WORK:.3g} allowed for one polynomial "
                "(about five seconds); refused before computing it")
        memory = _float(size.box) * (size.bits / 8 + 32)
        if memory > 2**16:
            _validate.check_memory(memory, what)
        self.spent += work

    def involved(self, value: Polynomial) -> str:
        return ", ".join(v for v in self.variables if value.degree(v) > 0)

    def work(self, size: _Size, count: float) -> float:
        """Work for ``count`` coefficients of ``size``: rationals cost about four times more."""
        return count * (1 + size.bits / 64) * (4 if size.rational else 1)

    def value(self, node: _Node) -> tuple[Polynomial, _Size]:
        zero = (0,) * len(self.variables)
        if isinstance(node, _Number):
            number = _number(node, self.text)
            denominator = number.denominator if isinstance(number, Fraction) else 1
            size = _Size(zero, 0, int(number != 0),
                         _log2(abs(number.numerator if denominator > 1 else number))
                         + _log2(denominator), denominator > 1)
            return Polynomial.from_terms({zero: number}, self.variables), size
        if isinstance(node, _Name):
            exponents = self.monomials[node.name]
            return (Polynomial.from_terms({exponents: 1}, self.variables),
                    _Size(exponents, sum(exponents), 1, 0.0, False))
        if isinstance(node, _Negate):
            value, size = self.value(node.operand)
            return -value, size
        if isinstance(node, _Power):
            return self.power(node)
        value, size = self.value(node.operands[0])
        for operator, operand in zip(node.operators, node.operands[1:], strict=True):
            right, right_size = self.value(operand)
            if operator in ("+", "-"):
                value, size = self.add(value, size, operator, right, right_size,
                                       replace(node, end=operand.end))
            elif operator == "/":
                value, size = self.divide(value, size, right, operand)
            else:
                value, size = self.multiply(value, right, replace(node, end=operand.end))
        return value, size

    def add(self, left: Polynomial, size: _Size, operator: str, right: Polynomial,
            right_size: _Size, node: _Node) -> tuple[Polynomial, _Size]:
        high, low = max(size.bits, right_size.bits), min(size.bits, right_size.bits)
        degrees = tuple(map(max, size.degrees, right_size.degrees))
        result = _Size(degrees, max(size.total, right_size.total),
                       min(size.terms + right_size.terms, math.prod(d + 1 for d in degrees)),
                       high + math.log2(1 + 2 ** (low - high)) if high < math.inf else high,
                       size.rational or right_size.rational)
        self.check(result, self.work(result, _float(size.terms + right_size.terms)), node)
        return (left + right if operator == "+" else left - right), result

    def divide(self, left: Polynomial, size: _Size, right: Polynomial, operand: _Node
               ) -> tuple[Polynomial, _Size]:
        divisor = _constant(right)
        if divisor is None:
            raise _fail(f"cannot divide by a polynomial in {self.involved(right)}", self.text,
                        operand.position, operand.end,
                        expected="a nonzero number or constant expression")
        if divisor == 0:
            raise _fail("division by zero", self.text, operand.position, operand.end)
        fraction = Fraction(divisor)
        result = replace(size, bits=size.bits + _log2(abs(fraction.numerator))
                         + _log2(fraction.denominator), rational=True)
        self.check(result, self.work(result, _float(size.terms)), operand)
        return left / divisor, result

    def multiply(self, left: Polynomial, right: Polynomial, node: _Node
                 ) -> tuple[Polynomial, _Size]:
        size, right_size = _measure(left), _measure(right)
        degrees = tuple(a + b for a, b in zip(size.degrees, right_size.degrees, strict=True))
        box = math.prod(d + 1 for d in degrees)
        result = _Size(degrees, size.total + right_size.total,
                       min(size.terms * right_size.terms, box), size.bits + right_size.bits,
                       size.rational or right_size.rational)
        if right_size.total == 0 or size.total == 0:  # a constant: coefficient by coefficient
            constant, other = (_constant(right), left) if right_size.total == 0 else (
                _constant(left), right)
            self.check(result, self.work(result, _float(size.terms + right_size.terms)), node)
            return other * constant, result
        self.check(result, self.work(result, _float(box)), node)
        return left * right, result

    def power(self, node: _Power) -> tuple[Polynomial, _Size]:
        exponent, _ = self.value(node.exponent)
        n = _constant(exponent)
        if n is None:
            raise _fail("invalid exponent", self.text, node.exponent.position, node.exponent.end,
                        expected="a non-negative integer, not a polynomial in "
                                 + self.involved(exponent))
        if not (Fraction(n).denominator == 1 and n >= 0):
            raise _fail("invalid exponent", self.text, node.exponent.position, node.exponent.end,
                        expected=f"a non-negative integer; received {n}")
        n = int(n)
        base, _ = self.value(node.base)
        size = _measure(base)
        if n == 0:
            zero = (0,) * len(self.variables)
            return Polynomial.from_terms({zero: 1}, self.variables), _Size(zero, 0, 1, 0.0, False)
        result = _Size(tuple(n * d for d in size.degrees), n * size.total,
                       size.terms if size.terms <= 1 else math.prod(n * d + 1
                                                                    for d in size.degrees),
                       _float(n) * size.bits if size.bits else 0.0, size.rational)
        self.check(result, self.work(result, _float(result.box)), node)
        return base**n, result


def parse_polynomial(text: str, variables: str | Iterable[str] | None = None) -> Polynomial:
    """The polynomial written in ``text``, read by a grammar (never ``eval`` or SymPy).

    Parameters
    ----------
    text : str
        For example ``"(1+2x)^3*(x-1)"``, ``"3x^2 - x/2 + 1"`` or ``"x^2 y + 2.5 x y"``.
        Numbers are integers, decimals (``0.5`` is exactly ``Fraction(1, 2)``) or decimals with
        a power of ten (``1e-3``; so ``2e+3`` is 2000: write ``2 e + 3`` for a variable ``e``);
        names are a letter followed by letters, digits and ``_`` (``x``, ``t``, ``alpha``,
        ``x1``, ``x_2``). Operators are ``+ - * /`` (dividing only by a nonzero constant),
        ``^`` or ``**`` for powers (a non-negative integer exponent, which may be a constant
        expression such as ``(1+1)``), unary minus and parentheses; whitespace may appear
        anywhere between them. A product may be written without ``*`` when its second factor
        is a name or a parenthesis: ``2x``, ``3x^2``, ``x y``, ``2(x+1)``, ``x(x+1)``,
        ``(1+2x)(3-x^2)``; a number is never a later factor, so ``1 2``, ``x 2`` and ``(x+1)2``
        are errors rather than guesses. Implicit products rank with ``*`` and ``/``, left to
        right, so ``1/2x`` is ``x/2``. A name of two or more letters directly before ``(``
        looks like a function call and is refused (``sin(x)``), unless ``variables`` makes it
        a product (``alpha(x+1)`` with ``variables=("alpha", "x")``).
    variables : str or sequence of str, optional
        The variables of the result, in this order. A name of the text that is not one of them
        is read as a product of one-letter variables when each of its letters is one
        (``"xy"`` with ``variables=("x", "y")`` is ``x*y``); otherwise it is an error. By
        default the variables are the names of the text in order of first appearance
        (``"xy"`` is then one variable named ``xy``), or ``x`` when there are none.

    Returns
    -------
    Polynomial
        With exact coefficients: ints, and Fractions where a decimal or division made them.

    Raises
    ------
    discreteconv.NotationError
        Text that does not parse, and the things a polynomial cannot have: division by a
        polynomial or by zero, an exponent that is not a non-negative integer (``x^1.5``,
        ``x^-1``, ``x^y``), a name that is not one of ``variables``. Two numbers side by side
        (``1 2``, or ``x 2``) are refused rather than multiplied. The message names the column
        (1-based), shows the text with a caret under the spot and says what was expected
        there; ``.position`` is the 0-based offset.
    discreteconv.TooLargeError
        A product or power whose degree, number of coefficients and their size, estimated
        before computing, need more than :data:`MAX_WORK` work (about five seconds), more than
        :data:`MAX_BITS` bits a coefficient or more memory than allowed.
    discreteconv.InvalidEntryError
        ``text`` is not a str.
    discreteconv.InvalidOptionError
        ``variables`` are not distinct names.

    Examples
    --------
    >>> from fractions import Fraction
    >>> parse_polynomial("(1+2x)^3*(x-1)").coefficients
    (-1, -5, -6, 4, 8)
    >>> parse_polynomial("3x^2 - x/2 + 1").coefficients == (1, Fraction(-1, 2), 3)
    True
    >>> p = parse_polynomial("(1 + 0.5t)**2")
    >>> p.variables, p.coefficients
    (('t',), (1, 1, Fraction(1, 4)))
    >>> p = parse_polynomial("xy + y", variables=("x", "y"))
    >>> sorted(p.terms().items())
    [((0, 1), 1), ((1, 1), 1)]
    >>> try:
    ...     parse_polynomial("(1+2x")
    ... except ValueError as error:  # a NotationError
    ...     print(error)
    unexpected end of input at column 6: expected an operator (+ - * / ^), a name, '(' or ')'
      (1+2x
           ^
    """
    tree, names = _parse_checked(_check_text(text))
    ordered, monomials = _resolve(text, names, variables)
    try:
        value, _ = _Evaluator(text, ordered, monomials).value(tree)
    except RecursionError:
        raise _fail("the expression is nested too deeply", text, 0) from None
    except MemoryError:
        raise TooLargeError(f"ran out of memory evaluating {text[:60]!r}") from None
    terms = value.terms()
    if any(isinstance(c, Fraction) and c.denominator == 1 for c in terms.values()):
        return Polynomial.from_terms({e: _exact(c) for e, c in terms.items()}, ordered)
    return value
