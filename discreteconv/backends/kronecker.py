"""Exact integer convolution by Kronecker substitution (packing into one big integer).

A sequence ``x`` becomes the integer ``X = sum_i x_i 2**(k i)``; then ``X * Y`` holds the
convolution in its ``k``-bit slots, provided every output entry fits in a slot. Signed entries
are handled by adding ``2**(k-1)`` to every slot of the product before unpacking, so each slot
holds ``c_j + 2**(k-1)`` in ``[0, 2**k)``. The big multiplication is GMP's (through gmpy2) when
gmpy2 is importable, else Python's own; both paths give the same Python ints.

References
----------
.. [1] D. Harvey, "Faster polynomial multiplication via multipoint Kronecker substitution",
   *Journal of Symbolic Computation* 44 (2009), 1502-1510.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence

import numpy as np

from ._nd import through_1d

HAVE_GMPY2 = importlib.util.find_spec("gmpy2") is not None


def slot_bits(a: Sequence[int], b: Sequence[int], whole_bytes: bool = True) -> int:
    """Bits per slot: enough for any output entry and its sign (rounded up to whole bytes)."""
    a_bits = max(abs(max(a)), abs(min(a))).bit_length()
    b_bits = max(abs(max(b)), abs(min(b))).bit_length()
    bits = a_bits + b_bits + min(len(a), len(b)).bit_length() + 1
    return 8 * ((bits + 7) // 8) if whole_bytes else bits


def _pack_python(values: Sequence[int], bits: int) -> int:
    width = bits // 8
    half = 1 << (bits - 1)
    # Offset every slot to make it non-negative, then remove the offsets in one subtraction.
    offsets = int.from_bytes(half.to_bytes(width, "little") * len(values), "little")
    packed = b"".join((v + half).to_bytes(width, "little") for v in values)
    return int.from_bytes(packed, "little") - offsets


def _unpack_python(number: int, bits: int, count: int) -> list[int]:
    width = bits // 8
    half = 1 << (bits - 1)
    offsets = int.from_bytes(half.to_bytes(width, "little") * count, "little")
    data = (number + offsets).to_bytes(width * count + 1, "little")
    from_bytes = int.from_bytes
    return [
        from_bytes(data[i : i + width], "little") - half for i in range(0, width * count, width)
    ]


def full_1d_python(a: Sequence[int], b: Sequence[int]) -> list[int]:
    """Full convolution of two int sequences with Python's own big integers.

    Examples
    --------
    >>> full_1d_python([1, -2, 3], [4, 5])
    [4, -3, 2, 15]
    """
    bits = slot_bits(a, b)
    product = _pack_python(a, bits) * _pack_python(b, bits)
    return _unpack_python(product, bits, len(a) + len(b) - 1)


def full_1d_gmpy2(a: Sequence[int], b: Sequence[int]) -> list[int]:
    """Full convolution of two int sequences with GMP multiplication (gmpy2).

    Slots are whole bytes. After adding ``half = 2**(k-1)`` to every slot of the product, each
    slot holds ``c + half``; flipping its top bit (one XOR with the same offsets) leaves ``c``
    in two's complement, which ``int.from_bytes(..., signed=True)`` reads directly.

    Examples
    --------
    >>> full_1d_gmpy2([1, -2, 3], [4, 5])
    [4, -3, 2, 15]
    """
    import gmpy2

    bits = slot_bits(a, b)
    width = bits // 8
    count = len(a) + len(b) - 1
    if min(a) >= 0 and min(b) >= 0:  # counts, weights: no signs to handle
        data = (gmpy2.pack(list(a), bits) * gmpy2.pack(list(b), bits)).to_bytes(
            width * count, "little"
        )
        return _read_slots(data, width, signed=False)
    half = 1 << (bits - 1)
    slot = half.to_bytes(width, "little")
    made: dict[int, object] = {}

    def offsets(length: int) -> object:  # half in each of ``length`` slots
        if length not in made:
            made[length] = gmpy2.mpz.from_bytes(slot * length, "little")
        return made[length]

    def pack(values: Sequence[int]) -> object:
        # gmpy2.pack takes non-negative slots: shift every entry up by half, then subtract.
        return gmpy2.pack([v + half for v in values], bits) - offsets(len(values))

    product = pack(a) * pack(b)
    shifted = offsets(count)
    data = ((product + shifted) ^ shifted).to_bytes(width * count, "little")
    return _read_slots(data, width, signed=True)


def _read_slots(data: bytes, width: int, signed: bool) -> list[int]:
    """The integers stored little-endian in consecutive ``width``-byte slots of ``data``."""
    from_bytes = int.from_bytes
    return [
        from_bytes(data[i : i + width], "little", signed=signed)
        for i in range(0, len(data), width)
    ]


def _as_int_list(x: np.ndarray) -> list[int]:
    return x.tolist()  # int64 -> Python ints; object arrays already hold Python ints


def full(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Exact N-D full convolution of integer arrays (gmpy2 when present, else Python ints)."""
    one_d = full_1d_gmpy2 if HAVE_GMPY2 else full_1d_python
    return through_1d(
        lambda x, y: _to_array(one_d(_as_int_list(x), _as_int_list(y))), a, b
    )


def full_python(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Like :func:`full`, always with Python ints (the twin tests compare against)."""
    return through_1d(
        lambda x, y: _to_array(full_1d_python(_as_int_list(x), _as_int_list(y))), a, b
    )


def _to_array(values: list[int]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out
