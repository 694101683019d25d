"""Reading the command line's inputs: numbers written out, and .txt, .csv and .npy files.

Everything here reads exactly and without ``eval``: integers stay ``int``, anything else becomes
an exact ``Fraction``. Also here is :class:`_Parser`, the ArgumentParser every subcommand is built
with, which lets a value start with a minus sign (``-1,2``).
"""

from __future__ import annotations

import argparse
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import discreteconv

__all__ = ["parse_numbers", "read_input"]

FILE_SUFFIXES = (".txt", ".csv", ".npy")
EXPECTED = "expected a number like 3, -2, 1/3 or 0.25"
_TOKEN = re.compile(r'"[^"]*"|[^,\s]+')  # one entry: a bare word or a "quoted" csv cell
_EMPTY_ENTRY = re.compile(r"(?:^|,)\s*(,)", re.MULTILINE)  # a comma with nothing before it
_NEGATIVE = re.compile(r"-[\d.]")  # -1,2 or -.5: a value, never an option

INPUT_HELP = (
    "comma-separated numbers (1,2,3; 1/3,0.25,-2) or a .txt, .csv or .npy file; "
    "a value may start with a minus sign (-1,2), or put -- before the inputs"
)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reads ``-1,2`` and ``-1/2`` as values, not as unknown options.

    With ``minus_values`` set (``discreteconv poly``), any word that starts with one minus sign
    and is not one of its options is a value too: ``-x^2+1``.
    """

    minus_values = False

    def _parse_optional(self, arg_string: str) -> Any:
        if _NEGATIVE.match(arg_string):
            return None
        if (self.minus_values and arg_string[:1] == "-" and arg_string[1:2] not in ("", "-")
                and arg_string not in self._option_string_actions):
            return None
        return super()._parse_optional(arg_string)


# -- reading numbers ----------------------------------------------------------------------------
def _number(token: str) -> int | Fraction | None:
    """``token`` as an int or an exact Fraction, or None if it is not a number."""
    try:
        return int(token)
    except ValueError:
        pass
    try:
        value = Fraction(token)
    except (ValueError, ZeroDivisionError):
        return None
    return int(value) if value.denominator == 1 else value


def _where(text: str, position: int, source: str | None, name: str) -> str:
    """``at position 4 of '1,2,abc'``, or ``at line 2, column 3 of data.txt`` for a file."""
    if source is None:
        option = f"{name} " if name.startswith("--") else ""
        low, high = max(position - 30, 0), position + 30  # a long input is quoted in part
        shown = ("..." if low else "") + text[low:high] + ("..." if high < len(text) else "")
        return f"at position {position} of {option}{shown!r}"
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return f"at line {line}, column {column} of {source}"


def _parse_line(text: str, start: int, stop: int, source: str | None, name: str,
                integers: bool = False) -> list[Any]:
    """The numbers in ``text[start:stop]``, separated by commas and/or whitespace."""
    empty = _EMPTY_ENTRY.search(text, start, stop)
    if empty:
        position = empty.start(1)
        raise discreteconv.NotationError(
            f"empty entry {_where(text, position, source, name)}: remove the extra comma",
            text, position)
    values = []
    for match in _TOKEN.finditer(text, start, stop):
        token = match.group().strip('"')
        value = _number(token)
        if value is None or (integers and not isinstance(value, int)):
            expected = "expected an integer like 4 or -1" if integers else EXPECTED
            raise discreteconv.NotationError(
                f"could not read {token!r} {_where(text, match.start(), source, name)}: {expected}",
                text, match.start())
        values.append(value)
    return values


def parse_numbers(text: str, name: str = "input", source: str | None = None,
                  integers: bool = False) -> list[Any]:
    """Read comma- or whitespace-separated numbers exactly, without ``eval``.

    Parameters
    ----------
    text : str
        For example ``"1, -2, 1/3, 0.25"``.
    name : str
        What the numbers are, for the message when there are none.
    source : str, optional
        The file the text came from; messages then give a line and column.
    integers : bool, default False
        Accept integers only.

    Returns
    -------
    list of int or Fraction
        Integers as ``int``, anything else as an exact ``Fraction`` (``0.25`` is ``1/4``).

    Raises
    ------
    discreteconv.NotationError
        For a token that is not a number; the message names it and its position.
    discreteconv.EmptyInputError
        When there is no number at all.

    Examples
    --------
    >>> parse_numbers("1/2, 0.25, -3, 4/2")
    [Fraction(1, 2), Fraction(1, 4), -3, 2]
    """
    values = _parse_line(text, 0, len(text), source, name, integers)
    if not values:
        raise discreteconv.EmptyInputError(
            f"{name} is empty{f' ({source})' if source else ''}; give numbers such as 1,2,3")
    return values


def _read_csv(text: str, name: str, source: str) -> list[Any]:
    """One row or one column gives a sequence; several of each give a 2-D list."""
    rows, offset = [], 0
    for line in text.splitlines(keepends=True):
        row = _parse_line(text, offset, offset + len(line), source, name)
        offset += len(line)
        if row:
            rows.append(row)
    if not rows:
        raise discreteconv.EmptyInputError(f"{name} is empty ({source})")
    if len(rows) == 1 or all(len(row) == 1 for row in rows):
        return [value for row in rows for value in row]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            raise discreteconv.ShapeError(
                f"row {number} of {source} has {len(row)} value(s) and row 1 has {len(rows[0])}; "
                "every row needs the same number")
    return rows


def _read_npy(path: Path, name: str) -> list[Any]:
    import numpy as np  # only here: the dice command never needs numpy

    try:
        array = np.load(path, allow_pickle=False)
    except (ValueError, EOFError) as error:
        raise discreteconv.NotationError(
            f"could not read {path} as a .npy array: {error}", str(path)) from None
    if array.size == 0:
        raise discreteconv.EmptyInputError(f"{name} is empty ({path})")
    return array.reshape(-1).tolist() if array.ndim == 0 else array.tolist()


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a long list of numbers is too long to be a file name
        return False


def read_input(argument: str, name: str) -> list[Any]:
    """The numbers an input argument gives: a list of them, or the contents of a file.

    A name ending in ``.txt``, ``.csv`` or ``.npy``, or naming a file that exists, is read as a
    file; anything else is read by :func:`parse_numbers`.
    """
    path = Path(argument)
    suffix = path.suffix.lower()
    if suffix not in FILE_SUFFIXES and not _is_file(path):
        return parse_numbers(argument, name)
    if suffix == ".npy":
        return _read_npy(path, name)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise discreteconv.NotationError(f"{path} is not a text file", str(path)) from None
    if suffix == ".csv":
        return _read_csv(text, name, str(path))
    return parse_numbers(text, name, str(path))
