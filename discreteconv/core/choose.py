"""How ``method="auto"`` picks a backend.

Exactness is settled first, cost second: integer, rational and SymPy-rational inputs only ever go
to exact backends; symbolic and mpmath entries only to ``direct``; floats to ``direct`` or ``fft``.
Among the exact integer backends the choice follows the sizes and bit lengths, with crossovers
measured on a 2-core x86-64 machine (``benchmarks/exact.py`` re-measures them):

* ``direct`` (numpy int64 loops) while the number of products ``n*m`` is at most 1 200 000 or the
  shorter input has at most 256 entries, provided every partial sum provably fits in 64 bits;
* ``split-fft`` when every output entry fits in 62 bits and a limb plan with at most 4 limbs
  per input meets its error bound for any input of those sizes;
* ``kronecker`` (one GMP product) otherwise.
"""

from __future__ import annotations

import numpy as np

from ..backends import direct, splitfft
from ._kinds import max_abs

#: Below this many products, schoolbook loops beat every transform (int64 entries) ...
DIRECT_INT64_PRODUCTS = 1_200_000
#: ... and so they do, at any length, for kernels up to this long.
DIRECT_INT64_KERNEL = 256
#: Below this many products, schoolbook loops on Python ints beat packing.
DIRECT_OBJECT_PRODUCTS = 2_000
#: Below this many products, float schoolbook loops beat the FFT.
DIRECT_FLOAT_PRODUCTS = 50_000
#: The largest number of limbs per input for which split-fft beats Kronecker packing.
SPLIT_FFT_MAX_LIMBS = 4


def choose(kind: str, a: np.ndarray, b: np.ndarray, sizes: tuple[int, int] | None = None) -> str:
    """The backend name ``method="auto"`` uses for arrays ``a``, ``b`` of the given kind.

    ``a`` and ``b`` are what the backend will receive: integer arrays for exact numeric kinds;
    ``sizes`` their largest absolute values, if already known.

    Examples
    --------
    >>> import numpy as np
    >>> choose("int", np.arange(10), np.arange(10))
    'direct'
    >>> choose("int", np.arange(10**5), np.arange(10**5))
    'split-fft'
    >>> choose("int", np.array([2**100] * 5000, dtype=object), np.array([3] * 5000, dtype=object))
    'kronecker'
    >>> choose("symbolic", np.arange(3), np.arange(3))
    'direct'
    """
    products = a.size * b.size
    if kind in ("symbolic", "mpmath"):
        return "direct"
    if kind in ("float", "complex"):
        return "direct" if products <= DIRECT_FLOAT_PRODUCTS or min(a.size, b.size) <= 8 else "fft"
    both_int64 = a.dtype == np.int64 and b.dtype == np.int64
    if both_int64:
        small = products <= DIRECT_INT64_PRODUCTS or min(a.size, b.size) <= DIRECT_INT64_KERNEL
        if small and direct.int64_fits(a, b):
            return "direct"
        n = a.shape[0] if a.ndim == 1 else a.size
        m = b.shape[0] if b.ndim == 1 else b.size
        a_max, b_max = sizes or (max_abs(a), max_abs(b))
        chosen = splitfft.plan(a_max.bit_length(), b_max.bit_length(), n, m)
        # split-fft reassembles in int64 when every output fits (Python ints are slower there).
        if (chosen is not None and max(chosen[1:]) <= SPLIT_FFT_MAX_LIMBS
                and a_max * b_max * min(n, m) < splitfft.INT64_SAFE):
            return "split-fft"
        return "kronecker"
    if products <= DIRECT_OBJECT_PRODUCTS or min(a.size, b.size) <= 2:
        return "direct"
    return "kronecker"
