"""Exact integer convolution with a float FFT, by splitting entries into small limbs.

Each int64 entry is cut into balanced limbs of ``L`` bits, ``x = sum_i x_i 2**(i L)``. The
limb sequences are transformed once each; for every ``s`` the products of limb pairs with
``i + j = s`` are summed in the frequency domain and transformed back, giving
``c_s = sum_{i+j=s} a_i * b_j`` in floating point. ``L`` is chosen so that a proven bound on the
floating-point error of each ``c_s`` stays below 1/4: rounding to the nearest integer then gives
``c_s`` exactly, and the result is ``sum_s c_s 2**(s L)``.

The bound is Theorem 3.3.2 of Brent and Zimmermann, with the Euclidean norms of the limb
sequences measured on the actual input, and twice the unit roundoff allowed for the twiddle
factors. numpy's pocketfft is not the radix-2 transform the theorem analyses, so two checks
follow every product: the largest distance of any float from its rounded value must be under
1/4, and the exact result is verified at a random point modulo the prime ``p = 2**31 - 1``,
``a(r) b(r) = c(r) (mod p)``, which a wrong ``c`` passes with probability at most
``len(c) / p`` (Schwartz-Zippel). A result that fails any check is recomputed by Kronecker
packing, so what is returned is exact.

References
----------
.. [1] R. P. Brent and P. Zimmermann, *Modern Computer Arithmetic*, Cambridge University Press,
   2010, Section 3.3.2, Theorem 3.3.2.
.. [2] C. Percival, "Rapid multiplication modulo the sum and difference of highly composite
   numbers", *Mathematics of Computation* 72 (2003), 387-395.
"""

from __future__ import annotations

import math
import random

import numpy as np

from ._fastlen import next_fast_len
from ._nd import through_1d

UNIT_ROUNDOFF = 2.0**-53
#: The largest error bound accepted for one limb product (rounding needs < 1/2).
ERROR_BUDGET = 0.25
#: Entries must fit in int64 (with a bit to spare for balanced splitting).
MAX_INPUT_BITS = 62
#: Outputs bounded by this are reassembled in int64 (a bit to spare for Horner's partial sums).
INT64_SAFE = 2**61


def error_factor(length: int, unit: float = UNIT_ROUNDOFF) -> float:
    """Relative error factor of an FFT convolution of transform length ``length``.

    ``||computed - exact||_inf <= error_factor(N) * ||x||_2 * ||y||_2`` for the convolution of
    ``x`` and ``y`` through transforms of length ``N`` ([1]_, Theorem 3.3.2, with
    ``beta = 2 * eps`` for the twiddle factors and ``n = ceil(log2 N)``), at unit roundoff
    ``unit`` (float64's by default; :mod:`discreteconv.dist._tilted` uses longdouble's).

    Examples
    --------
    >>> n = 20  # a transform of 2**20 points: about (3n + (3n + 1) sqrt(5) + 6n) * 2**-53
    >>> round(error_factor(2**n) / 2**-53, 1)
    316.4
    """
    eps = unit
    n = max(1, math.ceil(math.log2(length)))
    beta = 2 * eps
    # In logs: 1 + 2**-53 rounds to 1.0 in float64, which would drop the first factor.
    return math.expm1(3 * n * math.log1p(eps) + (3 * n + 1) * math.log1p(eps * math.sqrt(5))
                      + 3 * n * math.log1p(beta))


def _split(x: np.ndarray, bits: int, count: int) -> list[np.ndarray]:
    """Balanced limbs: ``x == sum(limb << (bits * i))``.

    Every limb but the top one lies in ``[-2**(bits-1), 2**(bits-1))``.
    """
    half = 1 << (bits - 1)
    mask = (1 << bits) - 1
    limbs = []
    rest = x
    for _ in range(count - 1):
        low = ((rest + half) & mask) - half
        limbs.append(low)
        rest = (rest - low) >> bits
    limbs.append(rest)
    return limbs


def _max_abs(x: np.ndarray) -> int:
    return max(abs(int(x.max())), abs(int(x.min())))


def _bit_length(x: np.ndarray) -> int:
    return _max_abs(x).bit_length()


def _candidates(a_bits: int, b_bits: int, max_total: int = 16) -> list[tuple[int, int, int]]:
    """Limb plans ``(limb_bits, limbs_a, limbs_b)``, cheapest (fewest transforms) first."""
    found = []
    for total in range(2, max_total + 1):
        for limbs_a in range(1, total):
            limbs_b = total - limbs_a
            bits = max(math.ceil(a_bits / limbs_a), math.ceil(b_bits / limbs_b), 1) + 1
            found.append((bits, limbs_a, limbs_b))
    return found


def plan(a_bits: int, b_bits: int, n: int, m: int) -> tuple[int, int, int] | None:
    """A limb plan that is safe for *any* inputs of these bit lengths and sizes, or None.

    Assumes every limb as large as it can be; :func:`full_1d` then looks for a cheaper plan
    using the norms of the actual limbs.
    """
    factor = error_factor(next_fast_len(n + m - 1))
    root = math.sqrt(n * m)
    for bits, limbs_a, limbs_b in _candidates(a_bits, b_bits):
        pairs = min(limbs_a, limbs_b)
        # Every limb below 2**(bits-1) in size, the top limb up to twice that.
        if factor * pairs * (2.0 ** (bits - 1)) ** 2 * 4 * root < ERROR_BUDGET:
            return bits, limbs_a, limbs_b
    return None


def _norms(limbs: list[np.ndarray]) -> list[float]:
    # Not np.dot: a BLAS call that can stall on a busy machine for no gain here.
    return [math.sqrt(float(np.square(v.astype(np.float64)).sum())) for v in limbs]


def _bound(factor: float, a_norms: list[float], b_norms: list[float]) -> float:
    """The largest error bound over the limb sums ``c_s``."""
    worst = 0.0
    for s in range(len(a_norms) + len(b_norms) - 1):
        total = sum(a_norms[i] * b_norms[s - i] for i in range(len(a_norms))
                    if 0 <= s - i < len(b_norms))
        worst = max(worst, factor * total)
    return worst


def full_1d(a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Exact 1-D full convolution of int64 arrays, or None when no limb plan is safe."""
    n, m = a.size, b.size
    a_bits, b_bits = _bit_length(a), _bit_length(b)
    if a_bits == 0 or b_bits == 0:
        return np.zeros(n + m - 1, dtype=np.int64)
    if max(a_bits, b_bits) > MAX_INPUT_BITS:
        return None  # balanced splitting could overflow int64
    safe = plan(a_bits, b_bits, n, m)
    if safe is None:
        return None
    length = next_fast_len(n + m - 1)
    factor = error_factor(length)
    # The worst-case plan is safe for any input; a cheaper one may be safe for this input.
    for bits, limbs_a, limbs_b in _candidates(a_bits, b_bits):
        a_limbs, b_limbs = _split(a, bits, limbs_a), _split(b, bits, limbs_b)
        if _bound(factor, _norms(a_limbs), _norms(b_limbs)) < ERROR_BUDGET:
            break
        if (bits, limbs_a, limbs_b) == safe:
            return None  # unreachable in theory: the safe plan always meets the bound
    a_hat = [np.fft.rfft(x.astype(np.float64), length) for x in a_limbs]
    b_hat = [np.fft.rfft(y.astype(np.float64), length) for y in b_limbs]
    parts = []
    worst = 0.0
    for s in range(limbs_a + limbs_b - 1):
        pairs = [(i, s - i) for i in range(limbs_a) if 0 <= s - i < limbs_b]
        spectrum = a_hat[pairs[0][0]] * b_hat[pairs[0][1]]
        for i, j in pairs[1:]:
            spectrum += a_hat[i] * b_hat[j]
        values = np.fft.irfft(spectrum, length)[: n + m - 1]
        rounded = np.rint(values)
        worst = max(worst, float(np.max(np.abs(values - rounded))))
        parts.append(rounded.astype(np.int64))
    if worst >= ERROR_BUDGET:
        return None
    largest = _max_abs(a) * _max_abs(b) * min(n, m)  # bounds every output entry
    result = _combine(parts, bits, fits_int64=largest < INT64_SAFE)
    return result if verify(a, b, result) else None


PRIME = 2**31 - 1  # a Mersenne prime: reduction is two shifts and masks, no division


def _reduce(x: np.ndarray) -> np.ndarray:
    """``x mod PRIME`` for non-negative int64 ``x`` below 2**62 (in place)."""
    x = (x & PRIME) + (x >> 31)
    x = (x & PRIME) + (x >> 31)
    np.subtract(x, PRIME, out=x, where=x >= PRIME)
    return x


def _powers(base: int, count: int) -> np.ndarray:
    """``[1, base, base**2, ...] (mod PRIME)``, ``count`` of them."""
    values = [1] * count
    for i in range(1, count):
        values[i] = values[i - 1] * base % PRIME
    return np.array(values, dtype=np.int64)


def _weights(point: int, size: int) -> np.ndarray:
    """``point**j (mod PRIME)`` for ``j < size``, from two small tables of powers."""
    block = math.isqrt(size) + 1
    low = _powers(point, block)
    high = _powers(pow(point, block, PRIME), size // block + 1)
    return _reduce(np.outer(high, low).ravel()[:size])


def _evaluate(x: np.ndarray, weights: np.ndarray) -> int:
    """``sum_j x[j] * weights[j] (mod PRIME)``."""
    residues = (x % PRIME) if x.dtype != object else np.array(
        [int(v) % PRIME for v in x], dtype=np.int64
    )
    return int(_reduce(residues * weights[: x.size]).sum()) % PRIME


def verify(a: np.ndarray, b: np.ndarray, c: np.ndarray, rounds: int = 1) -> bool:
    """True if ``c`` passes ``rounds`` random-point checks of ``c == a * b`` modulo ``PRIME``.

    Examples
    --------
    >>> import numpy as np
    >>> verify(np.array([1, 2]), np.array([3, 4]), np.array([3, 10, 8]))
    True
    >>> verify(np.array([1, 2]), np.array([3, 4]), np.array([3, 11, 8]))
    False
    """
    for _ in range(rounds):
        weights = _weights(random.randrange(2, PRIME - 1), c.size)
        if _evaluate(a, weights) * _evaluate(b, weights) % PRIME != _evaluate(c, weights):
            return False
    return True


def _combine(parts: list[np.ndarray], bits: int, fits_int64: bool) -> np.ndarray:
    """``sum(parts[s] << (s * bits))``, in int64 when it provably fits, else in Python ints.

    Horner's rule: every partial sum is the result shifted right, plus less than one limb, so
    int64 is safe whenever the result is (with a bit to spare).
    """
    if fits_int64:
        total = parts[-1].copy()
        for part in reversed(parts[:-1]):
            total <<= bits
            total += part
        return total
    total = parts[-1].astype(object)
    for part in reversed(parts[:-1]):
        total = (total << bits) + part.astype(object)
    return total


def full(a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Exact N-D full convolution of int64 arrays, or None when the limb plan is not safe."""
    failed = False

    def one_d(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        nonlocal failed
        result = full_1d(x, y)
        if result is None:
            failed = True
            return np.zeros(x.size + y.size - 1, dtype=np.int64)
        return result

    out = through_1d(one_d, a, b)
    return None if failed else out
