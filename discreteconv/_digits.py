"""Writing integers of any size in decimal (CPython refuses ``str()`` past 4300 digits)."""

from __future__ import annotations

import math

_LOG10_2 = math.log10(2)
_SAFE_BITS = 12_000  # about 3600 digits: below CPython's int -> str limit, so str() is safe


def digits(value: int) -> str:
    """``str(value)`` for an int of any size, by splitting it in halves as needed.

    Examples
    --------
    >>> digits(-12345)
    '-12345'
    >>> len(digits(10**5000))
    5001
    """
    if value < 0:
        return "-" + digits(-value)
    if value.bit_length() < _SAFE_BITS:
        return str(value)
    half = int(value.bit_length() * _LOG10_2) // 2
    high, low = divmod(value, 10**half)
    return digits(high) + digits(low).zfill(half)
