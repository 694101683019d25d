"""Assumptions about parameters written as text: ``parse_assumptions("a>0, n integer")``.

Read by a small LALR(1) grammar (:data:`ASSUMPTIONS_GRAMMAR`) into SymPy assumption flags for
each name; nothing is evaluated. Only signs and properties can be stated: an order between two
parameters is refused here, with the substitution that expresses it (the public functions'
``assume=`` handles orders such as ``"T1 < T2"`` that way themselves).

Examples
--------
>>> parse_assumptions("a>0, n positive integer")
{'a': {'positive': True}, 'n': {'positive': True, 'integer': True}}
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .._grammar import Wording, check_size, syntax_error
from ..dist._notation_tree import _fail
from ..errors import InvalidOptionError
from ..poly.parse import _Number, _number
from .parse import _NAME, _RESERVED, MAX_LENGTH, MAX_NESTING, _accepting

__all__ = ["ASSUMPTIONS_GRAMMAR", "PROPERTIES", "parse_assumptions"]

#: The grammar of :func:`parse_assumptions`: comparisons or a name with properties.
ASSUMPTIONS_GRAMMAR = r"""
start: clause ((COMMA | AND) clause)*
?clause: side RELATION side                    -> relation
    | NAME NAME+                               -> described
?side: NAME                                    -> name
    | [PLUS | MINUS] NUMBER                    -> number

NUMBER: /([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?/
NAME: /[A-Za-z][A-Za-z0-9_]*/
RELATION: /[<>!=]=|[<>=]|[≤≥≠]/
AND: "and"
PLUS: "+"
MINUS: "-"
COMMA: ","
%ignore /\s+/
"""

_ASSUMPTION_WORDING = Wording(
    {"NAME": "a name", "NUMBER": "a number", "RELATION": "a comparison (> >= < <= !=)",
     "COMMA": "','", "AND": "'and'", "$END": "end of input"},
    {}, number="NUMBER", subject="the assumptions")
#: Properties that may follow a name (``n positive integer``): word -> SymPy assumption.
PROPERTIES = ("real", "integer", "rational", "positive", "negative", "nonnegative",
              "nonpositive", "nonzero", "even", "odd")
_SIGNS = {">": "positive", ">=": "nonnegative", "<": "negative", "<=": "nonpositive",
          "!=": "nonzero"}
_FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "!=": "!=", "=": "="}
_SPELLINGS = {"≥": ">=", "≤": "<=", "≠": "!=", "==": "="}
#: The assumption flags of SymPy symbols that a mapping of assumptions may set.
_FLAGS = frozenset({
    "algebraic", "antihermitian", "commutative", "complex", "composite", "even",
    "extended_negative", "extended_nonnegative", "extended_nonpositive", "extended_nonzero",
    "extended_positive", "extended_real", "finite", "hermitian", "imaginary", "infinite",
    "integer", "irrational", "negative", "noninteger", "nonnegative", "nonpositive", "nonzero",
    "odd", "positive", "prime", "rational", "real", "transcendental", "zero"})

Flags = dict[str, dict[str, bool]]


@functools.cache
def _assumptions_parser() -> Any:
    import lark

    return lark.Lark(ASSUMPTIONS_GRAMMAR, parser="lalr", lexer="contextual")


# -- assumptions -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Side:
    """A name, or a number (``value``) as written (``text``): one side of a comparison."""

    text: str
    value: Any
    position: int
    end: int


def _side(node: Any, text: str) -> _Side:
    tokens = [token for token in node.children if token is not None]
    start, end = tokens[0].start_pos, tokens[-1].end_pos
    if node.data == "name":
        return _Side(str(tokens[0]), None, start, end)
    value = _number(_Number(str(tokens[-1]), tokens[-1].start_pos, end), text)
    return _Side(text[start:end], -value if tokens[0] == "-" else value, start, end)


def _relation(left: _Side, operator: str, right: _Side, text: str) -> tuple[_Side, str]:
    """The parameter and the flag of ``a > 0`` or ``0 < a``; any other relation is refused."""
    operator = _SPELLINGS.get(operator, operator)
    written, position, end = f"{left.text} {operator} {right.text}", left.position, right.end
    if left.value is not None and right.value is not None:
        raise _fail(f"{written} compares two numbers", text, position, end,
                    expected="a parameter compared with 0, such as a > 0")
    if left.value is not None:  # 0 < a is a > 0
        left, operator, right = right, _FLIPPED[operator], left
    if right.value == 0 and operator != "=":
        return left, _SIGNS[operator]
    hint = " (for a known value, substitute it)" if operator == "=" else ""
    if operator in (">", ">=", "<", "<="):
        larger, smaller = (left, right) if operator in (">", ">=") else (right, left)
        solved = (f"{larger.text} = {smaller.text} + d" if larger.value is None
                  else f"{smaller.text} = {larger.text} - d")
        hint = (f" (for {written}, substitute {solved} with a new parameter d "
                f"{'>' if operator in ('>', '<') else '>='} 0)")
    raise _fail(f"cannot assume {written}", text, position, end,
                expected="only signs, such as a > 0, a >= 0, a < 0, a <= 0 or a != 0" + hint)


def _read_assumptions(text: str, flags: Flags) -> None:
    """Merge the clauses of ``text`` into ``flags``, refusing a contradiction."""
    import lark
    import sympy

    if not text.strip():
        return
    check_size(text, "assumptions", MAX_LENGTH, MAX_NESTING)
    try:
        tree = _assumptions_parser().parse(text)
    except lark.exceptions.LarkError as error:
        raise syntax_error(error, text, _ASSUMPTION_WORDING,
                           _accepting(_assumptions_parser)) from None
    for clause in (child for child in tree.children if isinstance(child, lark.Tree)):
        if clause.data == "described":
            name, *words = clause.children
            for word in words:
                if word not in PROPERTIES:
                    raise _fail(f"unknown property {str(word)!r}", text, word.start_pos,
                                word.end_pos, expected=f"one of {', '.join(PROPERTIES)}")
            parameter = _Side(str(name), None, name.start_pos, name.end_pos)
            new, end = dict.fromkeys(map(str, words), True), words[-1].end_pos
        else:
            left, operator, right = clause.children
            left, right = _side(left, text), _side(right, text)
            parameter, flag = _relation(left, str(operator), right, text)
            new, end = {flag: True}, right.end
        start = next(clause.scan_values(lambda v: isinstance(v, lark.Token))).start_pos
        if parameter.text in _RESERVED:
            raise _fail(f"{parameter.text!r} is {_RESERVED[parameter.text]}, not a parameter",
                        text, parameter.position, parameter.end, expected="a parameter's name")
        merged = {**flags.get(parameter.text, {}), **new}
        try:
            sympy.Symbol(parameter.text, **{"real": True, **merged})
        except ValueError:  # InconsistentAssumptions
            raise _fail(f"{text[start:end]!r} contradicts the other assumptions about "
                        f"{parameter.text!r}", text, start, end) from None
        flags[parameter.text] = merged


def _check_mapping(assumptions: Mapping[Any, Any]) -> Flags:
    import sympy

    flags: Flags = {}
    for name, given in assumptions.items():
        if not isinstance(name, str) or not _NAME.fullmatch(name) or name in _RESERVED:
            raise InvalidOptionError(f"assumptions are keyed by parameter names such as 'a'; "
                                     f"received {name!r}")
        if not isinstance(given, Mapping) or not all(
                flag in _FLAGS and isinstance(value, bool) for flag, value in given.items()):
            raise InvalidOptionError(f"the assumptions about {name!r} must map SymPy "
                                     f"assumptions such as 'positive' to True or False; "
                                     f"received {given!r}")
        try:
            if given.get("real") is False:
                raise ValueError
            sympy.Symbol(name, **{"real": True, **given})
        except ValueError:  # InconsistentAssumptions
            raise InvalidOptionError(f"the assumptions about {name!r} contradict each other or "
                                     f"its being real: {dict(given)!r}") from None
        flags[name] = dict(given)
    return flags


def parse_assumptions(text_or_iterable: Any) -> Flags:
    """What is assumed about the parameters: ``"a>0, n integer"`` -> SymPy assumption flags.

    Parameters
    ----------
    text_or_iterable : str, iterable of str, mapping or None
        Clauses separated by ``,`` or ``and`` (or given as a list of strings), each either

        * the sign of a parameter: ``a > 0`` (positive), ``a >= 0`` (nonnegative), ``a < 0``
          (negative), ``a <= 0`` (nonpositive), ``a != 0`` (nonzero), or the same reversed
          (``0 < a``); ``≥``, ``≤`` and ``≠`` may be used. Only signs can be assumed: ``a > 1``
          and ``a > b`` are refused, with the substitution to make instead (``a = b + d``
          with a new parameter ``d > 0``);
        * a name followed by properties, from :data:`PROPERTIES`: ``a real``, ``n integer``,
          ``n positive integer``.

        A mapping of names to SymPy assumption flags (``{"a": {"positive": True}}``) is
        checked and returned as a new dict; None and ``""`` assume nothing.

    Returns
    -------
    dict of str to dict of str to bool
        For each parameter, the flags to give ``sympy.Symbol(name, real=True, **flags)``; the
        clauses about one parameter are merged.

    Raises
    ------
    discreteconv.NotationError
        Text that does not parse, a relation other than a sign, an unknown property, a
        function or constant as a parameter, clauses that contradict each other; with the
        column and a caret, as :func:`parse_function` does.
    discreteconv.InvalidOptionError
        Anything else than the above, or a mapping with other names or flags.

    Examples
    --------
    >>> parse_assumptions("a > 0 and 0 >= b, w != 0")
    {'a': {'positive': True}, 'b': {'nonpositive': True}, 'w': {'nonzero': True}}
    >>> parse_assumptions(["T >= 0", "n positive integer", "c real"])
    {'T': {'nonnegative': True}, 'n': {'positive': True, 'integer': True}, 'c': {'real': True}}
    >>> try:
    ...     parse_assumptions("a > b")
    ... except ValueError as error:  # a NotationError
    ...     print(error)
    cannot assume a > b at column 1: expected only signs, such as a > 0, a >= 0, a < 0, a <= 0
      or a != 0 (for a > b, substitute a = b + d with a new parameter d > 0)
      a > b
      ^^^^^
    """
    if text_or_iterable is None:
        return {}
    if isinstance(text_or_iterable, Mapping):
        return _check_mapping(text_or_iterable)
    flags: Flags = {}
    if isinstance(text_or_iterable, str):
        _read_assumptions(text_or_iterable, flags)
        return flags
    items = list(text_or_iterable) if isinstance(text_or_iterable, Iterable) else None
    if items is None or not all(isinstance(item, str) for item in items):
        raise InvalidOptionError(f"assumptions must be text such as 'a > 0, b > 0', a list of "
                                 f"such texts or a mapping of names to SymPy assumptions; "
                                 f"received {text_or_iterable!r}")
    for item in items:
        _read_assumptions(item, flags)
    return flags
