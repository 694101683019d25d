"""A finite sequence that starts at an index other than 0."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import EmptyInputError, InvalidOptionError


@dataclass(frozen=True, init=False)
class Signal:
    """A finite 1-D sequence ``x[start], x[start + 1], ..., x[start + len - 1]``, zero elsewhere.

    Convolving two Signals adds their starts: the sum of 3d6 starts at 3, a causal signal at 0.
    Plain lists and arrays keep working everywhere a Signal does (they start at 0).

    Parameters
    ----------
    values : iterable
        The entries, first to last.
    start : int, default 0
        The index of the first entry.

    Examples
    --------
    >>> import discreteconv as dc
    >>> die = dc.Signal([1, 1, 1, 1, 1, 1], start=1)  # ways to roll 1..6
    >>> two = dc.convolve(die, die)
    >>> two.start, two.at(7), two.at(13)
    (2, 6, 0)
    >>> two
    Signal([1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1], start=2)
    """

    values: tuple[Any, ...]
    start: int

    def __init__(self, values: Iterable[Any], start: int = 0) -> None:
        items = tuple(values)
        if not items:
            raise EmptyInputError("a Signal needs at least one value")
        if isinstance(start, bool) or not hasattr(start, "__index__"):
            raise InvalidOptionError(f"start must be an integer; received {start!r}")
        object.__setattr__(self, "values", items)
        object.__setattr__(self, "start", start.__index__())

    @property
    def stop(self) -> int:
        """One past the index of the last entry."""
        return self.start + len(self.values)

    @property
    def indices(self) -> range:
        """The indices that carry an entry, ``range(start, stop)``."""
        return range(self.start, self.stop)

    def at(self, index: int) -> Any:
        """The value at ``index`` (0 outside the stored entries)."""
        if self.start <= index < self.stop:
            return self.values[index - self.start]
        return 0

    def items(self) -> Iterator[tuple[int, Any]]:
        """Pairs ``(index, value)``."""
        return zip(self.indices, self.values, strict=True)

    def to_dict(self) -> dict[int, Any]:
        """``{index: value}`` for every stored entry."""
        return dict(self.items())

    def trim(self) -> Signal:
        """The same signal without zero entries at either end (at least one entry is kept)."""
        values = list(self.values)
        first = next((i for i, v in enumerate(values) if v != 0), len(values) - 1)
        last = next((i for i in range(len(values) - 1, -1, -1) if values[i] != 0), first)
        return Signal(values[first : last + 1], self.start + first)

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.values)

    def __repr__(self) -> str:
        return f"Signal({list(self.values)!r}, start={self.start})"
