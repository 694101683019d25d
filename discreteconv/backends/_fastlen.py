"""Transform lengths that pocketfft handles fastest."""

from __future__ import annotations

import bisect
import functools


@functools.cache
def _smooth_numbers(limit_bits: int) -> list[int]:
    """All 2**i * 3**j * 5**k below 2**limit_bits, sorted."""
    limit = 1 << limit_bits
    found = []
    p5 = 1
    while p5 < limit:
        p35 = p5
        while p35 < limit:
            value = p35
            while value < limit:
                found.append(value)
                value *= 2
            p35 *= 3
        p5 *= 5
    return sorted(found)


def next_fast_len(target: int) -> int:
    """The smallest 5-smooth integer (a product of 2s, 3s and 5s) that is >= ``target``.

    Examples
    --------
    >>> next_fast_len(1000), next_fast_len(1025), next_fast_len(7)
    (1000, 1080, 8)
    """
    if target <= 6:
        return max(target, 1)
    table = _smooth_numbers(max(target.bit_length() + 1, 16))
    return table[bisect.bisect_left(table, target)]
