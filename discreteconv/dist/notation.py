"""Dice notation: ``dice("4d6dl1 + 2")``, read by a grammar (never ``eval``).

The text is parsed by an LALR(1) parser built once from :data:`GRAMMAR` (lark is imported the
first time :func:`dice` or :func:`parse` runs, never by ``import discreteconv``) into a tree of
small frozen dataclasses (:class:`Number`, :class:`Dice`, :class:`Arithmetic`, ...), which is
then evaluated with the exact distributions of :mod:`discreteconv.dist`. Before anything large
is computed the size and the work are estimated, and a request over the limits is refused at
once with :class:`~discreteconv.errors.TooLargeError`.

Examples
--------
>>> from fractions import Fraction
>>> dice("2d6").probability(7)
Fraction(1, 6)
>>> print(parse("4d6dl1").describe())
drop lowest 1 of 4 × d6
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import _validate
from ..errors import DiscreteconvError, InvalidEntryError, NotationError, TooLargeError
from ._arithmetic import MAX_OUTCOMES, combine, maximum, minimum
from .constructors import die, fudge
from .distribution import Distribution
from .modifiers import DEFAULT_EXPLODE_DEPTH, explode, reroll
from .pools import drop_highest, drop_lowest, keep_highest, keep_lowest

__all__ = [
    "GRAMMAR", "Arithmetic", "Call", "Compare", "Condition", "Dice", "Explode", "Keep",
    "Negate", "Number", "Reroll", "dice", "parse",
]

#: The grammar, in lark's EBNF. Terminals are named so that syntax errors can say, in words,
#: what was expected. ``COMPARE`` outranks ``EXPLODE_AT`` so that ``!=`` is always "not equal".
GRAMMAR = r"""
?start: comparison
?comparison: sum
    | sum COMPARE sum                                   -> compare
?sum: product
    | sum (PLUS | MINUS) product                        -> arithmetic
?product: unary
    | product (STAR | SLASH) unary                      -> arithmetic
?unary: atom
    | (PLUS | MINUS) unary                              -> sign
?atom: INT                                              -> number
    | dice
    | LPAR comparison RPAR                              -> group
    | FUNCTION LPAR comparison (COMMA comparison)* RPAR -> call
dice: [count] D sides modifier*
?count: INT                                             -> number
    | LPAR comparison RPAR                              -> count_group
sides: INT | PERCENT | FUDGE | LBRACE signed (COMMA signed)* RBRACE
signed: [PLUS | MINUS] INT
?modifier: KEEP [INT]                                   -> keep
    | EXPLODE [INT]                                     -> explode
    | EXPLODE_AT signed                                 -> explode_at
    | REROLL signed                                     -> reroll

INT: /[0-9]+/
D: "d"i
PERCENT: "%"
FUDGE: "f"i
LBRACE: "{"
RBRACE: "}"
COMMA: ","
LPAR: "("
RPAR: ")"
PLUS: "+"
MINUS: "-"
STAR: "*"
SLASH: "/"
COMPARE.2: /[<>]=?|==?|!=/
KEEP: /[kd][hl]?/i
EXPLODE: "!"
EXPLODE_AT: /![<>]=?/
REROLL: /ro?([<>]=?|==?|!=)?/i
FUNCTION: /max|min/i
%ignore /\s+/
"""

#: Longest accepted text, deepest parenthesis nesting and longest number, in characters.
MAX_LENGTH = 10_000
MAX_NESTING = 200
MAX_DIGITS = 100
#: Estimated work (about 10**7 units a second) above which a request is refused at once.
MAX_WORK = 10**8

_MODIFIER = "a modifier (k kh kl d dh dl ! r ro)"
_WORDS = {  # terminal -> words for "expected ..." messages, in the order they are listed
    "INT": "a number", "D": "'d'", "LPAR": "'('", "FUNCTION": "max(...) or min(...)",
    "PERCENT": "'%'", "FUDGE": "'F'", "LBRACE": "'{'", "OPERATOR": "an operator",
    "KEEP": _MODIFIER, "EXPLODE": _MODIFIER, "EXPLODE_AT": _MODIFIER, "REROLL": _MODIFIER,
    "COMMA": "','", "RPAR": "')'", "RBRACE": "'}'", "$END": "end of input",
}
_OPERATORS = {"PLUS": "+", "MINUS": "-", "STAR": "*", "SLASH": "/",
              "COMPARE": "< <= > >= = !="}
_KEEP_KINDS = {"k": "kh", "kh": "kh", "kl": "kl", "d": "dl", "dl": "dl", "dh": "dh"}
_KEEP_WORDS = {"kh": "keep highest", "kl": "keep lowest", "dh": "drop highest",
               "dl": "drop lowest"}
_POINTS = {"": "=", "=": "=", "==": "=", "!=": "!=", ">": ">=", ">=": ">=", "<": "<=",
           "<=": "<="}
_MATCHES = {"=": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le}

Value = int | Distribution


# -- the syntax tree -------------------------------------------------------------------------
class _Node:
    """What every node of the tree can do."""

    __slots__ = ()

    def describe(self) -> str:
        """The node in words (dice terms); otherwise its canonical notation."""
        return str(self)


@dataclass(frozen=True, slots=True)
class Condition:
    """A compare point of ``!`` or ``r``: ``operator`` is ``=``, ``!=``, ``>=`` or ``<=``.

    Roll20's ``>5`` means 5 or more and ``<2`` means 2 or less; both are stored as ``>=``/``<=``.
    """

    operator: str
    value: int

    def matches(self, face: int) -> bool:
        """Whether ``face`` meets the condition."""
        return _MATCHES[self.operator](face, self.value)

    def __str__(self) -> str:
        return f"{'' if self.operator == '=' else self.operator}{self.value}"

    def words(self) -> str:
        """``'5 or more'``."""
        return {"=": f"{self.value}", "!=": f"anything but {self.value}",
                ">=": f"{self.value} or more", "<=": f"{self.value} or less"}[self.operator]


@dataclass(frozen=True, slots=True)
class Keep:
    """``kh``/``kl``/``dh``/``dl`` and how many dice (``k`` is ``kh``, a lone ``d`` is ``dl``)."""

    kind: str
    count: int
    position: int
    end: int

    def __str__(self) -> str:
        return f"{self.kind}{self.count}"


@dataclass(frozen=True, slots=True)
class Explode:
    """``!`` (on the highest face) or ``!`` with a compare point."""

    condition: Condition | None
    position: int
    end: int

    def __str__(self) -> str:
        return "!" if self.condition is None else f"!{self.condition}"


@dataclass(frozen=True, slots=True)
class Reroll:
    """``r`` (reroll until the face no longer matches) or ``ro`` (reroll once)."""

    condition: Condition
    once: bool
    position: int
    end: int

    def __str__(self) -> str:
        return f"{'ro' if self.once else 'r'}{self.condition}"


@dataclass(frozen=True, slots=True)
class Number(_Node):
    """An integer constant."""

    value: int
    position: int
    end: int

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Dice(_Node):
    """``[count]d<sides><modifiers>``: sides an int, ``'%'``, ``'F'`` or a tuple of faces."""

    count: Node | None
    sides: int | str | tuple[int, ...]
    modifiers: tuple[Keep | Explode | Reroll, ...]
    position: int
    end: int
    sides_position: int

    def die_text(self) -> str:
        """The single die: ``'d6'``, ``'d%'``, ``'dF'``, ``'d{1,2,2,3}'``."""
        if isinstance(self.sides, tuple):
            return "d{" + ",".join(map(str, self.sides)) + "}"
        return f"d{self.sides}"

    def __str__(self) -> str:
        count = "" if self.count is None else (
            str(self.count) if isinstance(self.count, Number) and self.count.value >= 0
            else f"({self.count})")
        return count + self.die_text() + "".join(map(str, self.modifiers))

    def describe(self) -> str:
        """In words: ``'drop lowest 1 of 4 × d6 (reroll 1)'``."""
        per_die = [f"reroll {m.condition.words()}{' once' if m.once else ''}"
                   for m in self.modifiers if isinstance(m, Reroll)]
        per_die += ["explode on " + ("the highest face" if m.condition is None
                                     else m.condition.words())
                    for m in self.modifiers if isinstance(m, Explode)]
        text = self.die_text() + (f" ({', '.join(per_die)})" if per_die else "")
        if self.count is not None:
            count = str(self.count) if isinstance(self.count, Number) else f"({self.count})"
            text = f"{count} × {text}"
        keeps = [m for m in self.modifiers if isinstance(m, Keep)]
        return "".join(f"{_KEEP_WORDS[m.kind]} {m.count} of " for m in keeps) + text


@dataclass(frozen=True, slots=True)
class Negate(_Node):
    """Unary minus."""

    operand: Node
    position: int
    end: int

    def __str__(self) -> str:
        return f"-{_wrapped(self.operand, 3)}"


@dataclass(frozen=True, slots=True)
class Arithmetic(_Node):
    """``a + b - c`` or ``a * b / c``: operands combined left to right."""

    operands: tuple[Node, ...]
    operators: tuple[str, ...]
    operator_positions: tuple[int, ...]
    position: int
    end: int

    def __str__(self) -> str:
        level = _precedence(self)
        parts = [_wrapped(self.operands[0], level)]
        for op, operand in zip(self.operators, self.operands[1:], strict=True):
            parts.append(f"{op} {_wrapped(operand, level + 1)}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Compare(_Node):
    """``a >= b``: a distribution over ``False``/``True``."""

    left: Node
    operator: str
    right: Node
    operator_position: int
    position: int
    end: int

    def __str__(self) -> str:
        return f"{_wrapped(self.left, 1)} {self.operator} {_wrapped(self.right, 1)}"


@dataclass(frozen=True, slots=True)
class Call(_Node):
    """``max(a, b, ...)`` or ``min(...)`` of independent values."""

    name: str
    arguments: tuple[Node, ...]
    position: int
    end: int

    def __str__(self) -> str:
        return f"{self.name}({', '.join(map(str, self.arguments))})"


Node = Number | Dice | Negate | Arithmetic | Compare | Call


def _precedence(node: Node) -> int:
    if isinstance(node, Compare):
        return 0
    if isinstance(node, Arithmetic):
        return 1 if node.operators[0] in "+-" else 2
    if isinstance(node, Number) and node.value < 0:
        return 3
    return 4


def _wrapped(node: Node, level: int) -> str:
    return f"({node})" if _precedence(node) < level else str(node)


# -- parsing -----------------------------------------------------------------------------------
class _Problem(Exception):
    """A problem found while building the tree; :func:`parse` adds the text."""

    def __init__(self, message: str, position: int, end: int | None = None) -> None:
        super().__init__(message)
        self.position, self.end = position, end


def _integer(token: Any) -> int:
    if len(token) > MAX_DIGITS:
        raise _Problem(f"number too long ({len(token)} digits; at most {MAX_DIGITS})",
                       token.start_pos, token.end_pos)
    return int(token)


def _builder(lark: Any) -> Any:
    """The callbacks run by the parser as it reduces: they build the frozen tree directly."""

    @lark.v_args(inline=True)
    class Builder(lark.Transformer):
        def number(self, token: Any) -> Number:
            return Number(_integer(token), token.start_pos, token.end_pos)

        def group(self, left: Any, inner: Node, right: Any) -> Node:
            return inner

        def count_group(self, left: Any, inner: Node, right: Any) -> tuple[Node, int]:
            return inner, left.start_pos

        def sign(self, op: Any, operand: Node) -> Node:
            if op == "+":
                return operand
            if isinstance(operand, Negate):
                return operand.operand
            if isinstance(operand, Number):
                return Number(-operand.value, op.start_pos, operand.end)
            return Negate(operand, op.start_pos, operand.end)

        def arithmetic(self, left: Node, op: Any, right: Node) -> Arithmetic:
            if isinstance(left, Arithmetic) and (left.operators[0] in "+-") == (op in "+-"):
                return Arithmetic((*left.operands, right), (*left.operators, str(op)),
                                  (*left.operator_positions, op.start_pos), left.position,
                                  right.end)
            return Arithmetic((left, right), (str(op),), (op.start_pos,), left.position,
                              right.end)

        def compare(self, left: Node, op: Any, right: Node) -> Compare:
            operator = "=" if op == "==" else str(op)
            return Compare(left, operator, right, op.start_pos, left.position, right.end)

        def call(self, name: Any, *rest: Any) -> Call:
            arguments = tuple(item for item in rest[1:-1] if not hasattr(item, "type"))
            return Call(name.lower(), arguments, name.start_pos, rest[-1].end_pos)

        def signed(self, sign: Any, token: Any) -> tuple[int, int, int]:
            value = _integer(token)
            start = token.start_pos if sign is None else sign.start_pos
            return (-value if sign == "-" else value), start, token.end_pos

        def sides(self, *items: Any) -> tuple[Any, int, int]:
            first = items[0]
            if len(items) == 1:
                text = str(first).upper()
                value = _integer(first) if first.type == "INT" else text
                return value, first.start_pos, first.end_pos
            faces = tuple(item[0] for item in items[1:-1] if isinstance(item, tuple))
            return faces, first.start_pos, items[-1].end_pos

        def keep(self, token: Any, count: Any) -> Keep:
            end = token.end_pos if count is None else count.end_pos
            return Keep(_KEEP_KINDS[token.lower()], 1 if count is None else _integer(count),
                        token.start_pos, end)

        def explode(self, token: Any, value: Any) -> Explode:
            if value is None:
                return Explode(None, token.start_pos, token.end_pos)
            return Explode(Condition("=", _integer(value)), token.start_pos, value.end_pos)

        def explode_at(self, token: Any, signed: tuple[int, int, int]) -> Explode:
            return Explode(Condition(_POINTS[token[1:]], signed[0]), token.start_pos, signed[2])

        def reroll(self, token: Any, signed: tuple[int, int, int]) -> Reroll:
            text = token.lower()
            once = text.startswith("ro")
            point = _POINTS[text[2:] if once else text[1:]]
            return Reroll(Condition(point, signed[0]), once, token.start_pos, signed[2])

        def dice(self, count: Node | tuple[Node, int] | None, d: Any,
                 sides: tuple[Any, int, int], *modifiers: Any) -> Dice:
            if isinstance(count, tuple):  # (count), whose position is that of "("
                count, start = count
            else:
                start = d.start_pos if count is None else count.position
            end = modifiers[-1].end if modifiers else sides[2]
            return Dice(count, sides[0], modifiers, start, end, sides[1])

    return Builder()


@functools.cache
def _parser() -> Any:
    import lark

    return lark.Lark(GRAMMAR, parser="lalr", lexer="contextual", transformer=_builder(lark),
                     maybe_placeholders=True)


def _caret_message(message: str, text: str, position: int, end: int | None = None,
                   expected: str | None = None) -> str:
    """``message at column N: expected ...``, the line of ``text``, a caret under the spot."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    shown = "".join(c if c.isprintable() else " " for c in line)
    column = position - line_start
    width = max(1, min(end if end is not None else position + 1, line_start + len(line))
                - position)
    where = f"at column {column + 1}" if line_start == 0 and line_end < 0 else (
        f"at line {text.count(chr(10), 0, position) + 1}, column {column + 1}")
    detail = f": expected {expected}" if expected else ""
    return f"{message} {where}{detail}\n  {shown}\n  {' ' * column}{'^' * width}"


def _fail(message: str, text: str, position: int, end: int | None = None,
          expected: str | None = None) -> NotationError:
    return NotationError(_caret_message(message, text, position, end, expected), text, position)


def _expected(names: set[str]) -> str:
    if "INT" in names:  # a sign in front of a number: listed as "a number"
        names = names - {"PLUS", "MINUS"}
    symbols = [symbol for name, symbol in _OPERATORS.items() if name in names]
    words = list(dict.fromkeys(
        f"an operator ({' '.join(symbols)})" if n == "OPERATOR" else _WORDS[n]
        for n in _WORDS if n in names or (n == "OPERATOR" and symbols)))
    if not words:
        return "something else"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _accepted(error: Any, fallback: Any) -> set[str]:
    """The terminals the parser would have accepted where it stopped."""
    parser = getattr(error, "interactive_parser", None)
    return set(parser.accepts()) if parser is not None else set(fallback or ())


def _syntax_error(error: Any, text: str) -> NotationError:
    import lark

    if isinstance(error, lark.exceptions.UnexpectedToken):
        token = error.token
        if token.type == "$END":
            return _fail("unexpected end of input", text, len(text.rstrip()),
                         expected=_expected(_accepted(error, error.expected)))
        return _fail(f"unexpected {str(token)!r}", text, token.start_pos, token.end_pos,
                     expected=_expected(_accepted(error, error.expected)))
    if isinstance(error, lark.exceptions.UnexpectedCharacters):
        char = text[error.pos_in_stream]
        return _fail(f"unexpected character {char!r}", text, error.pos_in_stream,
                     expected=_expected(_accepted(error, error.allowed)))
    position = getattr(error, "pos_in_stream", None) or len(text)
    return _fail(f"could not read the dice notation: {error}", text, position)


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise InvalidEntryError(f"dice notation must be a str; received {type(text).__name__}")
    if not text.strip():
        raise _fail("empty dice notation", text, 0, expected="an expression such as 3d6+2")
    if len(text) > MAX_LENGTH:
        raise _fail(f"dice notation too long ({len(text):,} characters; at most "
                    f"{MAX_LENGTH:,})", text, MAX_LENGTH)
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth > MAX_NESTING:
            raise _fail(f"parentheses nested too deeply (more than {MAX_NESTING})", text, index)
    return text


@functools.lru_cache(maxsize=1024)
def _parse_checked(text: str) -> Node:
    import lark

    try:
        return _parser().parse(text)
    except _Problem as problem:
        raise _fail(str(problem), text, problem.position, problem.end) from None
    except lark.exceptions.LarkError as error:
        raise _syntax_error(error, text) from None


def parse(text: str) -> Node:
    """Parse dice notation into its syntax tree (frozen dataclasses), without evaluating it.

    Parameters
    ----------
    text : str
        Dice notation, as described in :func:`dice`.

    Returns
    -------
    Number, Dice, Negate, Arithmetic, Compare or Call
        ``str()`` of it is the notation written canonically; ``.describe()`` says it in words.

    Raises
    ------
    discreteconv.NotationError
        Text that does not parse: the message names the column (1-based), shows a caret
        under the spot and says what was expected there.

    Examples
    --------
    >>> tree = parse("4D6 k3 + 2")
    >>> str(tree)
    '4d6kh3 + 2'
    >>> tree.operands[0]
    Dice(count=Number(value=4, position=0, end=1), sides=6,
         modifiers=(Keep(kind='kh', count=3, position=4, end=6),), position=0, end=6,
         sides_position=2)
    >>> print(parse("4d6r1dl1").describe())
    drop lowest 1 of 4 × d6 (reroll 1)
    """
    return _parse_checked(_check_text(text))


# -- evaluation --------------------------------------------------------------------------------
def _cap(value: float) -> float:
    return value if value < 1e300 else math.inf


def _distinct_sums(n: int, faces: int, span: int) -> int:
    """At most how many different sums ``n`` dice with ``faces`` faces over ``span`` make."""
    dense = n * span + 1
    k = min(n, faces - 1)
    return dense if k > 64 or dense < 10**6 else min(dense, math.comb(n + faces - 1, k))


def _truncating_division(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


#: Outcome by outcome (the generic path; sums of integers go to the convolution core instead).
_OPERATIONS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": _truncating_division,
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq,
    "!=": operator.ne,
}
#: On whole values: Distribution comparisons give Bernoulli distributions.
_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "=": lambda a, b: a.equals(b) if isinstance(a, Distribution) else a == b,
    "!=": lambda a, b: a.not_equals(b) if isinstance(a, Distribution) else a != b,
}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


class _Evaluator:
    """Evaluates a tree; ``text`` is what positions in messages refer to."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spent = 0.0  # estimated work of the steps already allowed

    def fail(self, message: str, position: int, end: int | None = None) -> NotationError:
        return _fail(message, self.text, position, end)

    def snippet(self, position: int, end: int) -> str:
        return f"{self.text[position:end]!r} at column {position + 1}"

    def check_work(self, work: float, what: str, record: bool = True) -> None:
        """Refuse a step estimated at more than :data:`MAX_WORK`, alone or with the others.

        ``record=False`` checks a first rough estimate that a closer one will follow.
        """
        work = _cap(work)
        if work > MAX_WORK:
            raise TooLargeError(
                f"{what} would take about {work:.3g} steps of work, more than the "
                f"{MAX_WORK:.3g} allowed (about ten seconds); refused before computing")
        if self.spent + work > MAX_WORK:
            raise TooLargeError(
                f"{what} would take about {work:.3g} steps of work, which with the "
                f"{self.spent:.3g} of the parts before it is more than the {MAX_WORK:.3g} "
                "allowed for one expression (about ten seconds); refused before computing it")
        if record:
            self.spent += work

    def check_size(self, outcomes: int, bits: float, what: str, work: float | None = None,
                   record: bool = True) -> None:
        """Refuse a result of ``outcomes`` exact counts of up to ``bits`` bits each.

        ``work`` defaults to an operation on ``bits``-bit numbers per count.
        """
        if outcomes > MAX_OUTCOMES:
            raise TooLargeError(
                f"{what} would have about {outcomes:,} outcomes (counts of up to "
                f"{_cap(bits):,.0f} bits), more than the {MAX_OUTCOMES:,} allowed; "
                "refused before computing")
        _validate.check_memory(outcomes * (_cap(bits) / 8 + 32),
                               f"{what} ({outcomes:,} outcomes, counts of up to "
                               f"{_cap(bits):,.0f} bits)")
        self.check_work(outcomes * (1 + _cap(bits) / 64) if work is None else work, what,
                        record)

    def value(self, node: Node) -> Value:
        try:
            return getattr(self, type(node).__name__.lower())(node)
        except (NotationError, TooLargeError):
            raise
        except DiscreteconvError as error:  # the engine refused: say where
            raise self.fail(str(error), node.position, node.end) from None

    @staticmethod
    def distribution(value: Value) -> Distribution:
        return value if isinstance(value, Distribution) else Distribution.constant(value)

    def number(self, node: Number) -> Value:
        return node.value

    def negate(self, node: Negate) -> Value:
        return -self.value(node.operand)

    def call(self, node: Call) -> Value:
        values = [self.value(argument) for argument in node.arguments]
        if not any(isinstance(v, Distribution) for v in values):
            return (max if node.name == "max" else min)(values)
        dists = [self.distribution(v) for v in values]
        union = len({o for d in dists for o in d.outcomes})
        # a CDF (a sum over the outcomes) per outcome and argument
        self.check_work(union * sum(len(d) for d in dists) / 2, f"{node.name}(...) at column "
                        f"{node.position + 1}")
        return (maximum if node.name == "max" else minimum)(*dists)

    def arithmetic(self, node: Arithmetic) -> Value:
        result = self.value(node.operands[0])
        for op, position, operand in zip(node.operators, node.operator_positions,
                                         node.operands[1:], strict=True):
            result = self.binary(result, op, self.value(operand), position)
        return result

    def binary(self, left: Value, op: str, right: Value, position: int) -> Value:
        what = f"{op!r} at column {position + 1}"
        if op == "/" and (right == 0 if isinstance(right, int)
                          else right.probability(0) > 0):
            raise self.fail("division by zero: the divisor can be 0", position)
        function = _OPERATIONS[op]
        if not isinstance(left, Distribution):
            if not isinstance(right, Distribution):
                return function(left, right)
            return right.map(lambda v: function(left, v))
        if not isinstance(right, Distribution):
            return left.map(lambda v: function(v, right))
        return self.combine(left, op, right, what)

    def combine(self, left: Distribution, op: str, right: Distribution, what: str) -> Value:
        pairs = len(left) * len(right)
        bits = math.log2(left.total) + math.log2(right.total)
        if op in "+-" and pairs > 64 and left.is_dense() and right.is_dense():
            outcomes = sum(d.outcomes[-1] - d.outcomes[0] for d in (left, right)) + 1
            # the convolution core packs both count lists into big integers and multiplies
            self.check_size(outcomes, bits, what, work=outcomes * (bits + 64) / 16)
        else:
            self.check_work(10 * pairs * (1 + bits / 512), what)  # a dict update per pair
        return combine(left, right, _OPERATIONS[op])

    def compare(self, node: Compare) -> Value:
        left, right, op = self.value(node.left), self.value(node.right), node.operator
        what = f"{op!r} at column {node.operator_position + 1}"
        if not isinstance(left, Distribution):
            if not isinstance(right, Distribution):
                return _COMPARISONS[op](left, right)
            left, right, op = right, left, _FLIPPED[op]
        if isinstance(right, Distribution):
            if left.is_integer() and right.is_integer():  # X > Y exactly when X - Y > 0
                left, right = self.combine(left, "-", right, what), 0
            else:
                return self.combine(left, op, right, what)
        self.check_work(10 * len(left), what)
        return _COMPARISONS[op](left, right)

    def dice(self, node: Dice) -> Value:
        term = f"the dice term {self.snippet(node.position, node.end)}"
        count = self.count(node)
        most = count if isinstance(count, int) else count.outcomes[-1]
        keeps = [m for m in node.modifiers if isinstance(m, Keep)]
        if len(keeps) > 1:
            raise self.fail("only one keep or drop per dice term", keeps[1].position,
                            keeps[1].end)
        summed = most  # how many dice are added up, for the size of the result
        if keeps and isinstance(count, int):
            kept = keeps[0].count if keeps[0].kind[0] == "k" else count - keeps[0].count
            summed = min(count, max(kept, 1))
        # Before any die is built: its faces, and for a dense die the size of the sum.
        low, high, faces, dense = self.faces(node)
        rolls = DEFAULT_EXPLODE_DEPTH + 1 if any(isinstance(m, Explode)
                                                 for m in node.modifiers) else 1
        bits = math.log2(faces) * rolls
        self.check_size(faces * rolls, bits, term, record=False)
        if dense:
            self.check_size(summed * ((high - low + 1) * rolls - 1) + 1, most * bits, term,
                            record=False)
        single = self.single_die(node, term)
        if not keeps:
            return self.pool_sum(count, single, term)
        keep = keeps[0]
        if not isinstance(count, int):
            raise self.fail("keep and drop need a fixed number of dice, not a random one",
                            keep.position, keep.end)
        verb = "keep" if keep.kind[0] == "k" else "drop"
        if keep.count > count:
            raise self.fail(f"cannot {verb} {keep.count} of {count} dice", keep.position,
                            keep.end)
        kept = keep.count if verb == "keep" else count - keep.count
        if kept == 0:
            return 0
        if kept == count:
            return self.pool_sum(count, single, term)
        size, span = len(single), single.outcomes[-1] - single.outcomes[0]
        bits = count * math.log2(single.total)
        if kept == 1:  # max or min of n copies: a CDF sum per outcome and copy, then products
            work = size * count * (size / 20 + 1 + bits / 64)
        else:  # states (dice placed, kept sum) swept over the outcomes, a loop over j each
            sums = _distinct_sums(kept, size, span)
            work = size * kept * sums * (count + 1) * (1 + bits / 256)
        self.check_work(work, term)
        function = {"kh": keep_highest, "kl": keep_lowest, "dh": drop_highest,
                    "dl": drop_lowest}[keep.kind]
        return function(single, count, keep.count)

    def count(self, node: Dice) -> int | Distribution:
        """The number of dice: an int, or a distribution of non-negative ints."""
        count = 1 if node.count is None else self.value(node.count)
        if isinstance(count, Distribution):
            if len(count) == 1:
                count = count.outcomes[0]
            else:
                count = count.map(int)
        lowest = count if isinstance(count, int) else count.outcomes[0]
        if lowest < 0:
            raise self.fail("the number of dice cannot be negative", node.position,
                            node.count.end)  # type: ignore[union-attr]
        return int(count) if isinstance(count, int) else count

    def faces(self, node: Dice) -> tuple[int, int, int, bool]:
        """Lowest and highest face, number of faces and denseness of the die as written."""
        sides = node.sides
        if isinstance(sides, tuple):
            low, high = min(sides), max(sides)
            return low, high, len(sides), high - low < 4 * len(set(sides)) + 64
        if sides == "F":
            return -1, 1, 3, True
        count = 100 if sides == "%" else sides
        if count < 1:
            raise self.fail("a die needs at least 1 side", node.sides_position,
                            node.sides_position + len(str(sides)))
        return 1, count, count, True

    def single_die(self, node: Dice, term: str) -> Distribution:
        sides = node.sides
        single = (fudge() if sides == "F" else die(100) if sides == "%" else die(sides))
        rerolls = [m for m in node.modifiers if isinstance(m, Reroll)]
        for once in (True, False):
            chosen = [m for m in rerolls if m.once == once]
            if chosen:
                if not once and any(m.once for m in rerolls):
                    raise self.fail("a dice term cannot mix r and ro", chosen[0].position,
                                    chosen[0].end)
                conditions = [m.condition for m in chosen]
                if all(any(c.matches(f) for c in conditions) for f in single.outcomes):
                    raise self.fail("every face is rerolled: the die would never stop rolling"
                                    if not once else "every face is rerolled",
                                    chosen[0].position, chosen[-1].end)
                single = reroll(single, lambda f, cs=conditions: any(c.matches(f) for c in cs),
                                once=once)
        explodes = [m for m in node.modifiers if isinstance(m, Explode)]
        if len(explodes) > 1:
            raise self.fail("only one ! per dice term (compounding !! is not supported)",
                            explodes[1].position, explodes[1].end)
        if explodes:
            condition = explodes[0].condition
            on = None if condition is None else condition.matches
            if all((f == single.outcomes[-1]) if on is None else on(f) for f in single.outcomes):
                raise self.fail("every face explodes: the die would never stop rolling",
                                explodes[0].position, explodes[0].end)
            exploding = 1 if on is None else sum(1 for f in single.outcomes if on(f))
            # each extra roll adds every outcome so far to every exploding face, in Fractions
            self.check_work(50 * DEFAULT_EXPLODE_DEPTH * max(exploding, 3) * len(single)
                            * (DEFAULT_EXPLODE_DEPTH + 1), f"exploding {term}")
            single = explode(single, on=on)
        return single

    def pool_sum(self, count: Value, single: Distribution, term: str) -> Value:
        span = single.outcomes[-1] - single.outcomes[0]
        bits = math.log2(single.total)
        if isinstance(count, int):
            if count <= 1:
                return count and single
            if single.is_dense():  # power recurrences: O(1) per count for a plain die, else
                uniform = len(single) == span + 1 and len(set(single.weights)) == 1
                terms = 1 if uniform else max(1, len(single) / 10)  # a term per face
                outcomes = count * span + 1
                work = outcomes * (1 + count * bits / 64) * terms
            else:  # repeated squaring with sums pair by pair
                outcomes = _distinct_sums(count, len(single), span)
                work = 20 * outcomes**2 * (1 + count * bits / 512)
            self.check_size(outcomes, count * bits, term, work=work)
            return count @ single
        # a mixture of n @ X for every n: Fractions of n * bits bits, added and reduced
        work = sum(500 + n * span * (1 + n * bits / 64) ** 2 for n in count.outcomes)
        self.check_work(2 * work, term)
        return count @ single


def dice(notation: str) -> Distribution:
    """The exact distribution of a roll written in dice notation (Roll20/AnyDice style).

    The notation is read by a grammar (see :data:`GRAMMAR` and ``docs/dice-notation.md``),
    never evaluated as Python. It supports ``NdX``, ``dX``, ``d%``, ``dF``, custom dice
    ``d{1,2,2,3}`` and ``(d4)d6``; keep and drop (``kh``, ``kl``, ``dh``, ``dl``, ``k``, ``d``);
    exploding (``!``, ``!6``, ``!>5``) and rerolls (``r1``, ``r<2``, ``ro1``); ``+ - *`` and ``/``
    (integer division rounding toward zero); unary minus; ``max(...)``, ``min(...)``; and the
    comparisons ``< <= > >= = !=``, which give a distribution over ``False``/``True``.

    Parameters
    ----------
    notation : str
        For example ``"2d6 + 1d8 + 3"``, ``"4d6dl1"``, ``"2d20kh1 + 5 >= 15"``.

    Returns
    -------
    Distribution

    Raises
    ------
    discreteconv.NotationError
        Text that does not parse, or cannot be rolled (``d0``, ``4d6kh5``): the message names
        the column (1-based), shows the text with a caret under the spot and, for syntax
        errors, says what was expected. ``.position`` is the 0-based offset.
    discreteconv.TooLargeError
        A request estimated (before any work) to need too much memory or time.
    discreteconv.InvalidEntryError
        ``notation`` is not a str.

    Examples
    --------
    >>> from fractions import Fraction
    >>> dice("3d6").probability(10)
    Fraction(1, 8)
    >>> dice("4d6dl1").mean()
    Fraction(15869, 1296)
    >>> dice("3d6 > 3d6").probability(True)
    Fraction(3527, 7776)
    >>> dice("2d20kh1 + 5 >= 15").probability(True)
    Fraction(319, 400)
    >>> try:
    ...     dice("3d")
    ... except ValueError as error:  # a NotationError
    ...     print(error)
    unexpected end of input at column 3: expected a number, '%', 'F' or '{'
      3d
        ^
    """
    tree = parse(notation)
    evaluator = _Evaluator(notation)
    try:
        return evaluator.distribution(evaluator.value(tree))
    except RecursionError:
        raise _fail("the expression is nested too deeply", notation, 0) from None
    except MemoryError:
        raise TooLargeError(f"ran out of memory evaluating {notation[:60]!r}") from None
