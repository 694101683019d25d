"""Syntax errors of the lark grammars (dice notation, polynomials) in words, with a caret.

:func:`syntax_error` turns what lark raises into a :class:`~discreteconv.errors.NotationError`
naming the column, showing a caret under the spot and saying what was expected there, in the
words of the grammar's :class:`Wording`. lark (and the caret helper of
:mod:`discreteconv.dist`, which imports this module) are imported only when an error is
translated, never by importing this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import NotationError

#: Arithmetic in lark's EBNF, shared by the polynomial grammar (as it is) and the function
#: grammar (which adds calls with ``%extend group``). A ``factor`` (a name or a parenthesis,
#: with an optional power) right after a product multiplies it (``2x``, ``x y``, ``2(x+1)``); a
#: number cannot be a later factor. Powers bind tightest and group to the right; an exponent
#: may carry a sign.
ARITHMETIC = r"""
?start: sum
?sum: product
    | sum (PLUS | MINUS) product               -> chain
?product: unary
    | product (STAR | SLASH) unary             -> chain
    | product factor                           -> implicit
?unary: power
    | (PLUS | MINUS) unary                     -> sign
?power: atom
    | atom POW exponent                        -> power
?exponent: power
    | (PLUS | MINUS) exponent                  -> sign
?atom: NUMBER                                  -> number
    | group
?factor: group
    | group POW exponent                       -> power
?group: NAME                                   -> name
    | LPAR sum RPAR                            -> parenthesis

NUMBER: /([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?/
NAME: /[A-Za-z][A-Za-z0-9_]*/
POW: "^" | "**"
PLUS: "+"
MINUS: "-"
STAR: "*"
SLASH: "/"
LPAR: "("
RPAR: ")"
%ignore /\s+/
"""

#: ``accepted(error, text, stop, fallback)``: the terminals the parser accepts at
#: ``text[stop]`` (``fallback``, the terminals lark's error lists, where that cannot be found).
Accepted = Callable[[Any, str, int, Any], set[str]]


@dataclass(frozen=True)
class Wording:
    """How one grammar's terminals are said in "expected ..." messages.

    Attributes
    ----------
    words : mapping of str to str
        Terminal -> words, in the order they are listed; the entry ``'OPERATOR'`` stands for
        all of ``operators`` together (its own words are not used).
    operators : mapping of str to str
        Operator terminal -> its symbol.
    number : str
        The number terminal: where it is expected, a sign (``PLUS``, ``MINUS``) is not listed.
    subject : str
        What the text is, for errors lark raises without a position: ``'the polynomial'``.
    """

    words: Mapping[str, str]
    operators: Mapping[str, str]
    number: str
    subject: str

    def expected(self, names: set[str]) -> str:
        """``'a number, '%' or '{'``: the terminals of ``names`` in words, each said once."""
        if self.number in names:  # a sign in front of a number: listed as "a number"
            names = names - {"PLUS", "MINUS"}
        symbols = [symbol for name, symbol in self.operators.items() if name in names]
        words = list(dict.fromkeys(
            f"an operator ({' '.join(symbols)})" if name == "OPERATOR" else self.words[name]
            for name in self.words if name in names or (name == "OPERATOR" and symbols)))
        if not words:
            return "something else"
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def check_size(text: str, what: str, max_length: int, max_nesting: int) -> None:
    """Refuse ``text`` (``what``: ``'polynomial'``) longer than ``max_length`` characters or
    with parentheses nested deeper than ``max_nesting``, before the parser sees it."""
    from .dist._notation_tree import _fail

    if len(text) > max_length:
        raise _fail(f"{what} too long ({len(text):,} characters; at most {max_length:,})",
                    text, max_length)
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth > max_nesting:
            raise _fail(f"parentheses nested too deeply (more than {max_nesting})", text, index)


def syntax_error(error: Any, text: str, wording: Wording, accepted: Accepted) -> NotationError:
    """The :class:`NotationError` for a ``lark.exceptions.LarkError`` raised parsing ``text``."""
    import lark

    from .dist._notation_tree import _fail

    if isinstance(error, lark.exceptions.UnexpectedToken):
        token = error.token
        if token.type == "$END":
            return _fail("unexpected end of input", text, len(text.rstrip()),
                         expected=wording.expected(accepted(error, text, len(text),
                                                                  error.expected)))
        return _fail(f"unexpected {str(token)!r}", text, token.start_pos, token.end_pos,
                     expected=wording.expected(accepted(error, text, token.start_pos,
                                                        error.expected)))
    if isinstance(error, lark.exceptions.UnexpectedCharacters):
        position = error.pos_in_stream
        return _fail(f"unexpected character {text[position]!r}", text, position,
                     expected=wording.expected(accepted(error, text, position, error.allowed)))
    position = getattr(error, "pos_in_stream", None) or len(text)
    return _fail(f"could not read {wording.subject}: {error}", text, min(position, len(text)))
