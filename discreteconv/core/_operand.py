"""Turning what a user passes (lists, arrays, Signals, scalars) into arrays of one known kind.

The kind decides everything downstream: which backends may run, and what the result is made of.

========  =====================================  ==========================================
kind      entries                                result entries
========  =====================================  ==========================================
int       Python/numpy ints, bools               Python ints
rational  ints, Fractions, Decimals              Fractions
sympy     SymPy Integer / Rational only          SymPy Integer / Rational
symbolic  any SymPy expression                   expanded SymPy expressions
float     floats (and exact numbers mixed in)    numpy float64 array
complex   complex numbers                        numpy complex128 array
mpmath    mpmath mpf / mpc                       mpmath numbers
========  =====================================  ==========================================
"""

from __future__ import annotations

import math
import numbers
import sys
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import EmptyInputError, InvalidEntryError, NonFiniteError, ShapeError

EXACT_KINDS = frozenset({"int", "rational", "sympy", "symbolic"})
NUMERIC_FLOAT_KINDS = frozenset({"float", "complex"})

# Order in which kinds absorb each other when two inputs meet.
_RANK = {"int": 0, "rational": 1, "float": 2, "complex": 3, "sympy": 4, "symbolic": 5, "mpmath": 6}


@dataclass(frozen=True)
class Operand:
    """An input as a numpy array plus its kind (see the module docstring)."""

    array: np.ndarray
    kind: str
    name: str


def _is_sympy(value: object) -> bool:
    sympy = sys.modules.get("sympy")
    return sympy is not None and isinstance(value, sympy.Basic)


def _is_mpmath(value: object) -> bool:
    mpmath = sys.modules.get("mpmath")
    return mpmath is not None and isinstance(value, mpmath.mpf | mpmath.mpc)


def _entry_kind(value: Any) -> str | None:
    """The kind of one entry, or None if it is not a usable number."""
    if isinstance(value, bool | int | np.integer | np.bool_):
        return "int"
    if isinstance(value, Fraction | Decimal):
        return "rational"
    if isinstance(value, float | np.floating):
        return "float"
    if isinstance(value, complex | np.complexfloating):
        return "complex"
    if _is_sympy(value):
        if value.is_Rational:
            return "sympy"
        return "symbolic" if isinstance(value, sys.modules["sympy"].Expr) else None
    if _is_mpmath(value):
        return "mpmath"
    if isinstance(value, numbers.Rational):
        return "rational"
    return None


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _position(shape: tuple[int, ...], flat_index: int) -> tuple[int, ...]:
    return tuple(int(i) for i in np.unravel_index(flat_index, shape)) if shape else ()


def _where(name: str, position: tuple[int, ...]) -> str:
    return f"{name}[{', '.join(str(i) for i in position)}]"


def _bad_entry(name: str, array: np.ndarray, flat_index: int) -> InvalidEntryError:
    position = _position(array.shape, flat_index)
    value = array.flat[flat_index]
    return InvalidEntryError(
        f"{_where(name, position)} = {_describe(value)} is not a number "
        "(expected int, Fraction, float, complex, SymPy or mpmath number)",
        position,
    )


def _object_kind(name: str, array: np.ndarray) -> str:
    """Classify an object array by the kinds of its entries (one pass over distinct types)."""
    flat = array.ravel()
    kinds: set[str] = set()
    for entry_type in set(map(type, flat)):
        # Most arrays hold one or two types; classify each distinct type by a sample entry.
        sample = next(v for v in flat if type(v) is entry_type)
        kind = _entry_kind(sample)
        if kind in (None, "sympy", "symbolic"):
            # SymPy types are not uniform (Integer vs Symbol share no type), check each entry.
            for index, value in enumerate(flat):
                if type(value) is entry_type:
                    kind_here = _entry_kind(value)
                    if kind_here is None:
                        raise _bad_entry(name, array, index)
                    kinds.add(kind_here)
            continue
        kinds.add(kind)
    return max(kinds, key=_RANK.__getitem__)


def as_operand(value: Any, name: str) -> Operand:
    """Convert one input to an :class:`Operand`.

    Parameters
    ----------
    value : array_like
        A (nested) sequence or array of numbers, or a scalar.
    name : str
        How messages refer to this input (``'a'``, ``'b'``).
    """
    if isinstance(value, str | bytes):
        raise InvalidEntryError(
            f"{name} is a string ({_describe(value)}); pass a sequence of numbers "
            "(the command line parses text, the Python API does not)"
        )
    if isinstance(value, dict | set | frozenset):
        raise InvalidEntryError(f"{name} must be a sequence or array, not a {type(value).__name__}")
    try:
        if type(value) in (list, tuple) and value and type(value[0]) is int \
                and value[0].bit_length() > 62:
            array = np.array(value, dtype=object)  # big ints: skip numpy's failed int64 attempt
        else:
            array = np.asarray(value)
    except (ValueError, OverflowError):
        try:
            array = np.array(value, dtype=object)
        except ValueError as error:
            raise ShapeError(
                f"{name} is ragged: its rows have different lengths ({error})"
            ) from None
    if array.ndim == 0:
        array = array.reshape(1)
    if array.size == 0:
        raise EmptyInputError(f"{name} is empty; convolution needs at least one entry")
    if array.dtype == object and any(isinstance(v, list | tuple) for v in array.ravel()[:64]):
        raise ShapeError(f"{name} is ragged: its rows have different lengths")

    dtype_kind = array.dtype.kind
    if dtype_kind == "b":
        return Operand(array.astype(np.int64), "int", name)
    if dtype_kind in "iu":
        if array.dtype == np.uint64 and array.size and int(array.max()) > np.iinfo(np.int64).max:
            return Operand(array.astype(object), "int", name)
        return Operand(array.astype(np.int64, copy=False), "int", name)
    if dtype_kind in "fc":
        if not isinstance(value, np.ndarray):
            # numpy turns [-1, 2**63] into floats: keep such lists exact.
            as_objects = np.array(value, dtype=object)
            if as_objects.shape == array.shape:
                types = set(map(type, as_objects.ravel()))
                if all(issubclass(t, int) for t in types):
                    return Operand(as_objects, "int", name)
        if dtype_kind == "f" and array.dtype != np.float64:
            array = array.astype(np.float64)
        if dtype_kind == "c" and array.dtype != np.complex128:
            array = array.astype(np.complex128)
        return Operand(array, "float" if dtype_kind == "f" else "complex", name)
    if dtype_kind != "O":
        # numpy turned every entry into text: find the first one that was not a number.
        original = np.array(value, dtype=object)
        flat = original.ravel() if original.shape == array.shape else array.ravel()
        bad = next((i for i, v in enumerate(flat) if _entry_kind(v) is None), 0)
        raise _bad_entry(name, flat.reshape(array.shape), bad)

    kind = _object_kind(name, array)
    if kind == "int" and set(map(type, array.ravel())) != {int}:
        array = np.frompyfunc(int, 1, 1)(array)  # numpy ints and bools -> Python ints
    if kind == "rational" and any(isinstance(v, Decimal) for v in array.ravel()):
        array = _decimals_to_fractions(name, array)
    return Operand(array, kind, name)


def _decimals_to_fractions(name: str, array: np.ndarray) -> np.ndarray:
    out = array.copy()
    flat = out.ravel()
    for index, value in enumerate(flat):
        if isinstance(value, Decimal):
            if not value.is_finite():
                position = _position(array.shape, index)
                raise NonFiniteError(f"{_where(name, position)} = {value} is not finite")
            flat[index] = Fraction(value)
    return flat.reshape(array.shape)


def common_kind(*operands: Operand) -> str:
    """The kind all operands are computed in."""
    kinds = {operand.kind for operand in operands}
    kind = max(kinds, key=_RANK.__getitem__)
    if kinds & {"float", "complex"} and kind == "sympy":
        return "symbolic"  # SymPy numbers mixed with floats: let SymPy carry the floats
    return kind


def check_finite(operand: Operand, method: str) -> None:
    """Raise :class:`NonFiniteError` if an exact method would meet NaN or infinity."""
    array = operand.array
    if array.dtype.kind in "fc":
        bad = np.flatnonzero(~np.isfinite(array.ravel()))
    elif array.dtype == object:
        bad = [
            i
            for i, v in enumerate(array.ravel())
            if isinstance(v, float | complex | np.floating | np.complexfloating)
            and not (math.isfinite(abs(v)))
        ]
    else:
        return
    if len(bad):
        position = _position(array.shape, int(bad[0]))
        value = array.ravel()[int(bad[0])]
        value = value.item() if isinstance(value, np.generic) else value
        raise NonFiniteError(
            f"{_where(operand.name, position)} = {value!r} is not finite; "
            f"method {method!r} computes exactly and cannot take NaN or infinity"
        )


def first_entry_of_kind(operand: Operand, kinds: set[str]) -> tuple[tuple[int, ...], Any] | None:
    """Position and value of the first entry whose kind is in ``kinds`` (for messages)."""
    flat = operand.array.ravel()
    if operand.array.dtype.kind in "fc":
        if not {"float", "complex"} & kinds:
            return None
        # Point at the first entry that is not a whole number, if any: that one is the culprit.
        whole = np.isfinite(flat) & (flat == np.round(flat.real))
        index = int(np.argmin(whole)) if not whole.all() else 0
        return _position(operand.array.shape, index), flat[index].item()
    if operand.array.dtype != object:
        return None
    for index, value in enumerate(flat):
        if _entry_kind(value) in kinds:
            return _position(operand.array.shape, index), value
    return None


def where(name: str, position: tuple[int, ...]) -> str:
    """``where('a', (2,))`` -> ``'a[2]'``."""
    return _where(name, position)
