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
from typing import Any

from .._grammar import Wording, check_size, syntax_error
from ..errors import InvalidEntryError, TooLargeError
from ._notation_eval import _Evaluator
from ._notation_tree import (
    Arithmetic,
    Call,
    Compare,
    Condition,
    Dice,
    Explode,
    Keep,
    Negate,
    Node,
    Number,
    Reroll,
    _fail,
)
from .distribution import Distribution

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
#: Estimated work (about 10**7 units a second) above which a request is refused at once;
#: read each time :func:`dice` runs and handed to the evaluator.
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
_WORDING = Wording(_WORDS, _OPERATORS, number="INT", subject="the dice notation")
_KEEP_KINDS = {"k": "kh", "kh": "kh", "kl": "kl", "d": "dl", "dl": "dl", "dh": "dh"}
_POINTS = {"": "=", "=": "=", "==": "=", "!=": "!=", ">": ">=", ">=": ">=", "<": "<=",
           "<=": "<="}


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


def _accepted(error: Any, text: str, stop: int, fallback: Any) -> set[str]:
    """The terminals the parser would have accepted where it stopped (at ``stop``)."""
    parser = getattr(error, "interactive_parser", None)
    return set(parser.accepts()) if parser is not None else set(fallback or ())


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise InvalidEntryError(f"dice notation must be a str; received {type(text).__name__}")
    if not text.strip():
        raise _fail("empty dice notation", text, 0, expected="an expression such as 3d6+2")
    check_size(text, "dice notation", MAX_LENGTH, MAX_NESTING)
    return text


@functools.lru_cache(maxsize=1024)
def _parse_checked(text: str) -> Node:
    import lark

    try:
        return _parser().parse(text)
    except _Problem as problem:
        raise _fail(str(problem), text, problem.position, problem.end) from None
    except lark.exceptions.LarkError as error:
        raise syntax_error(error, text, _WORDING, _accepted) from None


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


# -- rolling -----------------------------------------------------------------------------------
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
    evaluator = _Evaluator(notation, MAX_WORK)
    try:
        return evaluator.distribution(evaluator.value(tree))
    except RecursionError:
        raise _fail("the expression is nested too deeply", notation, 0) from None
    except MemoryError:
        raise TooLargeError(f"ran out of memory evaluating {notation[:60]!r}") from None
