"""Moving arrays between kinds: into the form a backend computes in, and out to what users get."""

from __future__ import annotations

import math
import sys
from fractions import Fraction
from typing import Any

import numpy as np


def sympy_module() -> Any:
    """SymPy, imported on first need (it is slow to import)."""
    import sympy

    return sympy


def to_sympy_number(value: Any) -> Any:
    """A Python/numpy number as the SymPy number of the same value (no parsing of text)."""
    sympy = sympy_module()
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, bool | int | np.integer):
        return sympy.Integer(int(value))
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float | np.floating):
        return sympy.Float(float(value))
    if isinstance(value, complex | np.complexfloating):
        return sympy.Float(value.real) + sympy.I * sympy.Float(value.imag)
    mpmath = sys.modules.get("mpmath")
    if mpmath is not None and isinstance(value, mpmath.mpf):
        return sympy.Float(value)
    raise TypeError(f"cannot turn {value!r} into a SymPy number")


def sympy_rational_to_fraction(value: Any) -> int | Fraction:
    """SymPy Integer/Rational (or a Python number) to int or Fraction."""
    if isinstance(value, int | Fraction):
        return value
    if isinstance(value, np.integer):
        return int(value)
    p, q = int(value.p), int(value.q)
    return p if q == 1 else Fraction(p, q)


def to_fraction_objects(array: np.ndarray) -> np.ndarray:
    """Object array of ints/Fractions from one of ints, Fractions and SymPy rationals."""
    if array.dtype != object:
        return array
    return np.frompyfunc(sympy_rational_to_fraction, 1, 1)(array)


def scale_to_integers(array: np.ndarray) -> tuple[np.ndarray, int]:
    """``(array * d, d)`` with ``d`` the least common denominator, the product as ints."""
    if array.dtype != object:
        return array, 1
    denominator = math.lcm(*(v.denominator for v in array.ravel() if type(v) is Fraction))
    if denominator == 1:
        return np.frompyfunc(int, 1, 1)(array), 1
    scaled = np.frompyfunc(lambda v: int(v * denominator), 1, 1)(array)
    return scaled, denominator


def to_float(array: np.ndarray, complex_: bool) -> np.ndarray:
    """Float64 (or complex128) copy of a numeric array."""
    dtype = np.complex128 if complex_ else np.float64
    if array.dtype == object:
        return np.array([complex(v) if complex_ else float(v) for v in array.ravel()],
                        dtype=dtype).reshape(array.shape)
    return array.astype(dtype, copy=False)


def conjugate(array: np.ndarray) -> np.ndarray:
    """Complex conjugate of every entry that is known not to be real."""
    if array.dtype.kind == "c":
        return np.conj(array)
    if array.dtype != object:
        return array

    def one(value: Any) -> Any:
        if isinstance(value, complex | np.complexfloating):
            return value.conjugate()
        if getattr(value, "is_extended_real", True) is False:
            return value.conjugate()  # SymPy expression known to be non-real
        if type(value).__name__ == "mpc":
            return value.conjugate()
        return value

    return np.frompyfunc(one, 1, 1)(array)


def finish(array: np.ndarray, kind: str, denominator: int = 1) -> Any:
    """The result as users get it: nested lists of exact values, or a numpy array of floats."""
    if kind in ("float", "complex"):
        if array.dtype == object:  # method="mpmath": numbers beyond float64 stay as they are
            return np.frompyfunc(to_mpmath_number, 1, 1)(array).tolist()
        return np.asarray(array, dtype=np.complex128 if kind == "complex" else np.float64)
    if kind == "int":
        return array.tolist()  # backends return int64 arrays or object arrays of Python ints
    if kind in ("rational", "sympy"):
        if denominator == 1:
            fractions = np.frompyfunc(Fraction, 1, 1)(array)
        else:
            fractions = np.frompyfunc(lambda v: Fraction(int(v), denominator), 1, 1)(array)
        if kind == "rational":
            return fractions.tolist()
        sympy = sympy_module()
        return np.frompyfunc(lambda f: sympy.Rational(f.numerator, f.denominator), 1, 1)(
            fractions
        ).tolist()
    if kind == "symbolic":
        sympy = sympy_module()
        return np.frompyfunc(lambda v: sympy.expand(to_sympy_number(v)), 1, 1)(array).tolist()
    return np.frompyfunc(to_mpmath_number, 1, 1)(array).tolist()


def to_mpmath_number(value: Any) -> Any:
    """A Python/numpy number as an mpmath number (at mpmath's working precision)."""
    import mpmath

    if isinstance(value, mpmath.mpf | mpmath.mpc):
        return value
    if isinstance(value, Fraction):
        return mpmath.mpf(value.numerator) / value.denominator
    if isinstance(value, complex | np.complexfloating):
        return mpmath.mpc(value.real, value.imag)
    return mpmath.mpf(int(value) if isinstance(value, np.integer) else value)


def max_abs(array: np.ndarray) -> int:
    """The largest absolute value in an integer array, as a Python int."""
    if array.dtype == object:
        values = array.ravel().tolist()
        return max(abs(max(values)), abs(min(values)))
    return max(abs(int(array.max())), abs(int(array.min())))
