"""The syntax tree of dice notation: small frozen dataclasses, one per kind of term.

:func:`discreteconv.dist.notation.parse` builds these; ``str()`` of a node is its canonical
notation and ``.describe()`` says it in words. Every node keeps its ``position`` and ``end`` in
the text, and :func:`_fail` turns a problem at such a spot into a
:class:`~discreteconv.errors.NotationError` with a caret under it.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from ..errors import NotationError

_KEEP_WORDS = {"kh": "keep highest", "kl": "keep lowest", "dh": "drop highest",
               "dl": "drop lowest"}
_MATCHES = {"=": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le}


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


# -- pointing at a spot in the text ------------------------------------------------------------
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
