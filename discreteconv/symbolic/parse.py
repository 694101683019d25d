"""Functions of time written as text: ``parse_function("e^(-2t) u(t)")``.

An LALR(1) parser built once from :data:`GRAMMAR` reads the text into a small tree, and the SymPy
expression is built from the tree node by node (``sympy.Rational``, ``Symbol``, ``Heaviside``,
``exp``, ...): no text is ever given to ``eval``, ``sympify`` or ``parse_expr``. lark and SymPy
are imported when a function first runs, not by importing this module. Powers and products that
would make numbers over the limits are refused before SymPy computes them.
Assumptions (``"a>0, n integer"``) are read by :mod:`.assumptions`.

Examples
--------
>>> parse_function("e^(-2t) u(t)")
exp(-2*t)*Heaviside(t)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .._grammar import ARITHMETIC, Wording, check_size, syntax_error
from ..dist._notation_tree import _fail
from ..errors import InvalidEntryError, InvalidOptionError, NotationError, TooLargeError
from ..poly.parse import _builder as _polynomial_builder
from ..poly.parse import _Chain, _Name, _Negate, _Number, _number, _Power

__all__ = ["CONSTANTS", "FUNCTIONS", "GRAMMAR", "parse_function"]

#: The functions of the grammar, each of one argument: name -> the SymPy function (or the one
#: of :mod:`discreteconv.symbolic.functions`) it stands for.
FUNCTIONS = {
    "u": "Heaviside", "step": "Heaviside", "Heaviside": "Heaviside", "delta": "DiracDelta",
    "DiracDelta": "DiracDelta", "rect": "rect", "tri": "tri", "ramp": "ramp", "exp": "exp",
    "log": "log", "ln": "log", "sqrt": "sqrt", "abs": "Abs", "Abs": "Abs", "sign": "sign",
    "sin": "sin", "cos": "cos", "tan": "tan", "sinh": "sinh", "cosh": "cosh", "erf": "erf",
    "gamma": "gamma", "factorial": "factorial",
}
#: The functions whose value at a large number is a huge exact number: their argument, where
#: it is a number, may be at most this.
MAX_FACTORIAL = 1_000
#: The constants: name -> the SymPy constant.
CONSTANTS = {"pi": "pi", "e": "E", "E": "E", "oo": "oo", "inf": "oo"}
#: Names of the imaginary unit, refused: the functions convolved are real.
_IMAGINARY = ("I", "i", "j", "J")
_FROM_FUNCTIONS_MODULE = ("rect", "tri", "ramp")
#: Functions whose names are also parameters when not called (Cauchy's scale ``gamma``).
_ALSO_PARAMETERS = ("gamma",)

#: The grammar: the shared arithmetic of :data:`discreteconv._grammar.ARITHMETIC` plus calls
#: (``KNOWN``: the names of :data:`FUNCTIONS`). A name directly followed by ``(`` is a call (a
#: known function may have spaces before it).
GRAMMAR = ARITHMETIC + r"""
%extend group: FUNCTION LPAR [arguments] RPAR  -> call
arguments: sum (COMMA sum)*

FUNCTION.2: /[A-Za-z][A-Za-z0-9_]*(?=\()/ | /(?:KNOWN)(?=\s+\()/
COMMA: ","
""".replace("KNOWN", "|".join(sorted(FUNCTIONS, key=len, reverse=True)))

#: Longest text and deepest parenthesis nesting.
MAX_LENGTH = 10_000
MAX_NESTING = 200
#: The largest exponent (in absolute value) of a power whose exponent is a number.
MAX_POWER = 1_000
#: The most bits a number made by a power or a product may have (about 30,000 digits).
MAX_BITS = 100_000

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_RESERVED = {**dict.fromkeys(FUNCTIONS, "a function"), **dict.fromkeys(CONSTANTS, "a constant"),
             **dict.fromkeys(_IMAGINARY, "the imaginary unit")}
_WORDS = {  # terminal -> words for "expected ..." messages, in the order they are listed
    "OPERATOR": "", "NUMBER": "a number", "NAME": "a name", "FUNCTION": "a name",
    "LPAR": "'('", "RPAR": "')'", "COMMA": "','", "$END": "end of input",
}
_OPERATORS = {"PLUS": "+", "MINUS": "-", "STAR": "*", "SLASH": "/", "POW": "^"}
_WORDING = Wording(_WORDS, _OPERATORS, number="NUMBER", subject="the function")
Flags = dict[str, dict[str, bool]]


# -- the tree: the nodes and callbacks of the polynomial grammar, and calls -----------------------
@dataclass(frozen=True, slots=True)
class _Call:
    name: str
    arguments: tuple[_Node, ...]
    position: int
    end: int


_Node = _Number | _Name | _Negate | _Chain | _Power | _Call


def _builder(lark: Any) -> Any:
    """The callbacks run by the parser as it reduces: the polynomial grammar's, and calls."""

    @lark.v_args(inline=True)
    class Builder(type(_polynomial_builder(lark))):  # type: ignore[misc]
        def call(self, name: Any, left: Any, arguments: Any, right: Any) -> _Call:
            return _Call(str(name), arguments or (), name.start_pos, right.end_pos)

        def arguments(self, *items: Any) -> tuple[_Node, ...]:
            return tuple(item for item in items if not isinstance(item, lark.Token))

    return Builder()


@functools.cache
def _parser() -> Any:
    import lark

    return lark.Lark(GRAMMAR, parser="lalr", lexer="contextual", transformer=_builder(lark))


def _accepting(parser: Callable[[], Any]) -> Callable[[Any, str, int, Any], set[str]]:
    """``accepted(error, text, stop, fallback)`` for :func:`syntax_error`: the terminals
    ``parser()`` accepts after the tokens of ``text[:stop]``, replayed on that prefix because
    the state in a lark error comes after reductions made on the rejected lookahead."""

    def accepted(error: Any, text: str, stop: int, fallback: Any) -> set[str]:
        import lark

        try:
            interactive = parser().parse_interactive(text[:stop])
            interactive.exhaust_lexer()
            return set(interactive.accepts())
        except lark.exceptions.LarkError:
            return set(fallback or ())

    return accepted


@functools.lru_cache(maxsize=1024)
def _parse_checked(text: str) -> _Node:
    import lark

    try:
        return _parser().parse(text)
    except lark.exceptions.LarkError as error:
        raise syntax_error(error, text, _WORDING, _accepting(_parser)) from None


# -- building the SymPy expression -------------------------------------------------------------
def _bits(value: Any) -> int:
    """The size in bits of the largest rational number in ``value`` (numerator and denominator
    together): what a power multiplies."""
    import sympy

    numbers = [value] if value.is_Rational else value.atoms(sympy.Rational)
    return max((abs(n.p).bit_length() + n.q.bit_length() for n in numbers), default=0)


def _coefficient_bits(value: Any) -> int:
    """The size in bits of the number multiplying ``value``: what a product multiplies."""
    coefficient = value.as_coeff_Mul()[0]
    return abs(coefficient.p).bit_length() + coefficient.q.bit_length() if (
        coefficient.is_Rational) else 0


class _Builder:
    """Builds the SymPy expression of a tree, refusing what has no real value or is too large."""

    def __init__(self, text: str, variable: Any, flags: Flags) -> None:
        import sympy

        self.sympy, self.text, self.variable, self.flags = sympy, text, variable, flags

    def snippet(self, node: _Node) -> str:
        shown = self.text[node.position:node.end]
        return shown if len(shown) <= 60 else shown[:57] + "..."

    def where(self, node: _Node) -> str:
        return f"{self.snippet(node)!r} at column {node.position + 1}"

    def value(self, node: _Node) -> Any:
        if isinstance(node, _Number):
            value = _number(node, self.text)  # an int or a Fraction; checks its digits
            return self.sympy.Rational(value.numerator, value.denominator)
        if isinstance(node, _Name):
            return self.name(node)
        if isinstance(node, _Negate):
            return -self.value(node.operand)
        if isinstance(node, _Chain):
            return self.chain(node)
        if isinstance(node, _Power):
            return self.power(node)
        return self.call(node)

    def name(self, node: _Name) -> Any:
        name = node.name
        if name == self.variable.name:
            return self.variable
        if name in CONSTANTS:
            return getattr(self.sympy, CONSTANTS[name])
        if name in _IMAGINARY:
            raise _fail(f"the imaginary unit {name!r} is not accepted", self.text,
                        node.position, node.end,
                        expected="a real expression: the convolution is of real functions "
                                 "(for a parameter, choose another name)")
        if name in FUNCTIONS and name not in _ALSO_PARAMETERS:
            raise _fail(f"function {name!r} without parentheses", self.text, node.position,
                        node.end, expected=f"{name}(...), its argument in parentheses")
        return self.sympy.Symbol(name, **{"real": True, **self.flags.get(name, {})})

    def chain(self, node: _Chain) -> Any:
        first = self.value(node.operands[0])
        pairs = zip(node.operators, node.operands[1:], strict=True)
        if node.operators[0] in ("+", "-"):
            terms = [first]
            for operator, operand in pairs:
                value = self.value(operand)
                terms.append(value if operator == "+" else -value)
            return self.defined(self.sympy.Add(*terms), node)
        factors, previous = [first], node.operands[0]
        for operator, operand in pairs:
            if operator == "":
                self.check_unambiguous(previous, operand)
            value = self.value(operand)
            if operator == "/":
                if value == 0:
                    raise _fail("division by zero", self.text, operand.position, operand.end)
                value = self.sympy.Pow(value, -1)
            factors.append(value)
            previous = operand
        bits = sum(map(_coefficient_bits, factors))
        if bits > MAX_BITS:
            raise TooLargeError(f"{self.where(node)} would make a number of about {bits:,} "
                                f"bits (at most {MAX_BITS:,}); refused before computing")
        return self.defined(self.sympy.Mul(*factors), node)

    def check_unambiguous(self, left: _Node, right: _Node) -> None:
        """Refuse ``e^-2t``: a number exponent directly followed by a factor."""
        while isinstance(left, _Negate | _Chain):
            left = left.operand if isinstance(left, _Negate) else left.operands[-1]
        if not isinstance(left, _Power) or left.exponent.end != right.position:
            return
        exponent = left.exponent
        if not isinstance(exponent.operand if isinstance(exponent, _Negate) else exponent,
                          _Number):
            return
        head = self.text[left.position:exponent.position]
        power = self.text[exponent.position:exponent.end]
        factor = self.text[right.position:right.end]
        raise _fail(f"ambiguous power {head + power + factor!r}", self.text, left.position,
                    right.end, expected=f"{head}({power}{factor}) for the exponent "
                                        f"{power}{factor}, or {head}{power} {factor} (with a "
                                        f"space) for the product")

    def power(self, node: _Power) -> Any:
        base, exponent = self.value(node.base), self.value(node.exponent)
        if exponent.is_Rational:
            if abs(exponent) > MAX_POWER:
                raise TooLargeError(f"{self.where(node)} has the exponent {exponent}: at most "
                                    f"{MAX_POWER:,} in size; refused before computing")
            if base == 0 and exponent < 0:
                raise _fail("division by zero", self.text, node.position, node.end,
                            expected="a nonzero base for a negative exponent")
            bits = _bits(base) * abs(exponent)
            if bits > MAX_BITS:
                raise TooLargeError(f"{self.where(node)} would make a number of about "
                                    f"{int(bits):,} bits (at most {MAX_BITS:,}); refused "
                                    f"before computing")
        return self.defined(self.sympy.Pow(base, exponent), node, real=True)

    def call(self, node: _Call) -> Any:
        name = node.name
        if name not in FUNCTIONS:
            raise self.not_a_function(node)
        if len(node.arguments) != 1:
            raise _fail(f"wrong number of arguments to {name!r}", self.text, node.position,
                        node.end, expected=f"one argument, as in {name}(t); received "
                                           f"{len(node.arguments)}")
        argument = self.value(node.arguments[0])
        if FUNCTIONS[name] in ("gamma", "factorial") and argument.is_number \
                and abs(argument) > MAX_FACTORIAL:
            raise TooLargeError(f"{self.where(node)}: {name} of a number above "
                                f"{MAX_FACTORIAL:,} is refused before computing")
        if name in _FROM_FUNCTIONS_MODULE:
            from . import functions

            function = getattr(functions, name)
        else:
            function = getattr(self.sympy, FUNCTIONS[name])
        return self.defined(function(argument), node, real=True)

    def not_a_function(self, node: _Call) -> NotationError:
        name, end = node.name, node.position + len(node.name)
        multiply = f" (to multiply, write {name}*(...) or {name} (...))"
        if name == self.variable.name:
            return _fail(f"the variable {name!r} is not a function", self.text, node.position,
                         end, expected="an operator" + multiply)
        if name in CONSTANTS or name in _IMAGINARY:
            what = "a constant" if name in CONSTANTS else "the imaginary unit"
            return _fail(f"{name!r} is {what}, not a function", self.text, node.position, end,
                         expected="an operator" + multiply)
        return _fail(f"unknown function {name!r}", self.text, node.position, end,
                     expected=f"one of {', '.join(FUNCTIONS)}" + multiply)

    def defined(self, value: Any, node: _Node, real: bool = False) -> Any:
        """``value``, unless it is undefined (``1/0``, ``oo - oo``) or, for ``real``, a number
        that is not real (``sqrt(-1)``)."""
        bad = (self.sympy.nan, self.sympy.zoo)
        if value in bad or any(argument in bad for argument in value.args):
            raise _fail(f"{self.snippet(node)!r} is undefined", self.text, node.position,
                        node.end)
        if real and value.is_number and value.is_extended_real is False:
            raise _fail(f"{self.snippet(node)!r} is not a real number", self.text,
                        node.position, node.end,
                        expected="a real expression: the convolution is of real functions")
        return value


def _variable(variable: Any) -> Any:
    import sympy

    name = variable.name if isinstance(variable, sympy.Symbol) else variable
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name in _RESERVED:
        raise InvalidOptionError(f"variable must be a name such as 't' (a letter, then letters, "
                                 f"digits or '_'; not a function or constant) or a SymPy "
                                 f"Symbol; received {variable!r}")
    return variable if isinstance(variable, sympy.Symbol) else sympy.Symbol(name, real=True)


def parse_function(text: str, variable: Any = "t", assumptions: Any = None) -> Any:
    """The function of time written in ``text``, as a SymPy expression.

    Parameters
    ----------
    text : str
        For example ``"e^(-2t) u(t)"``, ``"exp(-a t)*(u(t) - u(t-1))"``, ``"rect((t-1)/2)"``
        or ``"3 delta(t - 0.5)"``. It may use:

        * numbers: integers and decimals, exact (``0.5`` is ``1/2``, ``1e-3`` is ``1/1000``);
        * names (a letter, then letters, digits or ``_``): the ``variable``, the constants
          ``pi``, ``e`` or ``E`` (Euler's number), ``oo`` or ``inf``, and parameters: any
          other name, a real symbol (``I``, ``i``, ``j`` and ``J`` are refused);
        * the functions, each of one argument: ``u``, ``step`` or ``Heaviside`` (the unit
          step), ``delta`` or ``DiracDelta``, ``rect``, ``tri``, ``ramp`` (see
          :mod:`discreteconv.symbolic.functions`), ``exp``, ``log`` or ``ln``, ``sqrt``,
          ``abs`` or ``Abs``, ``sign``, ``sin``, ``cos``, ``tan``, ``sinh``, ``cosh``,
          ``erf``. A name directly followed by ``(`` is a call, so ``t(t+1)`` is an error:
          write ``t*(t+1)`` or ``t (t+1)``;
        * ``+ - * /``, ``^`` or ``**`` for powers, unary minus and parentheses. Powers bind
          tightest and group to the right (``-t^2`` is ``-(t^2)``, ``2^3^2`` is ``2^9``);
        * products without ``*`` when the second factor is a name, a call or a parenthesis:
          ``2t``, ``2 t``, ``a t``, ``3(t-1)``, ``2exp(-t)``, ``(t+1)(t-1)``. They rank with
          ``*`` and ``/``, left to right (``1/2t`` is ``t/2``). A name is read whole (``at``
          is one name; write ``a t``), and a number is never a later factor (``t 2`` is an
          error). A number exponent directly followed by a factor (``e^-2t``) is refused as
          ambiguous: write ``e^(-2t)`` or ``e^-2 t``.
    variable : str or sympy.Symbol, default "t"
        The time variable: a name, read as ``Symbol(name, real=True)``, or a Symbol used as
        it is.
    assumptions : str, iterable of str or mapping, optional
        What is known about the parameters, as :func:`parse_assumptions` reads it
        (``"a > 0, b > 0"``, or ``{"a": {"positive": True}}``): each parameter ``a`` is
        ``Symbol("a", real=True, **flags)``.

    Returns
    -------
    sympy.Expr
        Built from the text's tree with exact numbers.

    Raises
    ------
    discreteconv.NotationError
        Text that does not parse, an unknown function, a call with other than one argument,
        a function name without parentheses, the imaginary unit, a value that is undefined
        (``1/0``, ``log(0)``, ``oo - oo``) or not real (``sqrt(-1)``), a number of more than
        1,000 digits. The message names the column (1-based), shows the text with a caret
        under the spot and says what was expected there; ``.position`` is the 0-based offset.
    discreteconv.TooLargeError
        A power whose exponent is a number larger than :data:`MAX_POWER` in size, or a power
        or product that would make a number of more than :data:`MAX_BITS` bits: refused
        before SymPy computes it.
    discreteconv.InvalidEntryError
        ``text`` is not a str.
    discreteconv.InvalidOptionError
        A ``variable`` that is not a name, or ``assumptions`` about the variable.

    Examples
    --------
    >>> parse_function("(1 - 0.5t) rect(t)")
    (1 - t/2)*(-Heaviside(t - 1/2) + Heaviside(t + 1/2))
    >>> parse_function("-t^2 + 2 delta(t - 1)")
    -t**2 + 2*DiracDelta(t - 1)
    >>> f = parse_function("exp(-a x) step(x)", variable="x", assumptions="a > 0")
    >>> f, [(s.name, s.is_positive) for s in sorted(f.free_symbols, key=str)]
    (exp(-a*x)*Heaviside(x), [('a', True), ('x', None)])
    >>> try:
    ...     parse_function("u(t) - u(t-1")
    ... except ValueError as error:  # a NotationError
    ...     print(error)
    unexpected end of input at column 13: expected an operator (+ - * / ^), a name, '(', ')'
      or ','
      u(t) - u(t-1
                  ^
    """
    if not isinstance(text, str):
        raise InvalidEntryError(f"a function to parse must be a str; received "
                                f"{type(text).__name__}")
    symbol = _variable(variable)
    from .assumptions import parse_assumptions

    flags = parse_assumptions(assumptions)
    if symbol.name in flags:
        raise InvalidOptionError(f"assumptions are about parameters; {symbol.name!r} is the "
                                 f"variable, which ranges over all real numbers")
    if not text.strip():
        raise _fail("empty function", text, 0, expected="a function of time such as "
                                                      "e^(-t) u(t)")
    check_size(text, "function", MAX_LENGTH, MAX_NESTING)
    tree = _parse_checked(text)
    try:
        return _Builder(text, symbol, flags).value(tree)
    except RecursionError:
        raise _fail("the expression is nested too deeply", text, 0) from None
