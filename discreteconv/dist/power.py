"""Sums of ``n`` independent copies of one integer distribution, as exact counts.

``n @ X`` is the ``n``-th power of X's generating polynomial. Repeated convolution would
multiply ever longer sequences of ever larger integers; these recurrences instead produce each
coefficient of ``P(x)**n`` from the few before it, with small-integer multiplications and one
exact division each:

* J. C. P. Miller's recurrence for a general ``P(x) = sum_i a_i x**i`` with ``a_0 != 0``:
  ``q_0 = a_0**n`` and ``k a_0 q_k = sum_{i=1}^{min(k, d)} ((n + 1) i - k) a_i q_{k-i}``,
  ``O(N d)`` operations for ``N = n d`` coefficients;
* for a die (``a_i = 1`` for ``i < s``) the two window sums in Miller's recurrence slide in
  ``O(1)`` per step, so ``n`` dice of any size cost ``O(N)``.

Palindromic weights give a palindromic result, so only half of it is computed.

References
----------
.. [1] D. E. Knuth, *The Art of Computer Programming*, vol. 2, 3rd ed., Section 4.7
   (powers of power series, credited to J. C. P. Miller).
.. [2] P. Henrici, *Applied and Computational Complex Analysis*, vol. 1, Wiley, 1974,
   Section 1.6 (the J. C. P. Miller formula).
"""

from __future__ import annotations

from collections.abc import Sequence


def _mirror(q: list[int], half: int) -> list[int]:
    last = len(q) - 1
    for k in range(half + 1, last + 1):
        q[k] = q[last - k]
    return q


def uniform_power(sides: int, n: int) -> list[int]:
    """Coefficients of ``(1 + x + ... + x**(sides-1))**n``: the ways to roll each total.

    Examples
    --------
    >>> uniform_power(6, 2)  # two dice: totals 2..12 counted from 0
    [1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1]
    """
    last = n * (sides - 1)
    q = [0] * (last + 1)
    q[0] = 1
    window = 0  # S0 = sum_{i=1}^{s-1} q[k-i]
    moment = 0  # S1 = sum_{i=1}^{s-1} i q[k-i]
    n1 = n + 1
    half = last // 2
    for k in range(half):
        leaving = q[k - sides + 1] if k >= sides - 1 else 0
        moment += window + q[k] - sides * leaving
        window += q[k] - leaving
        q[k + 1] = (n1 * moment - (k + 1) * window) // (k + 1)
    return _mirror(q, half)


def miller_power(weights: Sequence[int], n: int) -> list[int]:
    """Coefficients of ``(sum_i weights[i] x**i)**n`` by Miller's recurrence (``weights[0] != 0``).

    Examples
    --------
    >>> miller_power([1, 2], 3)  # (1 + 2x)**3
    [1, 6, 12, 8]
    """
    a = list(weights)
    degree = len(a) - 1
    last = n * degree
    first = a[0]
    q = [0] * (last + 1)
    q[0] = first**n
    palindrome = a == a[::-1]
    stop = last // 2 if palindrome else last
    terms = [(i, a[i]) for i in range(1, degree + 1) if a[i]]
    n1 = n + 1
    for k in range(1, stop + 1):
        total = 0
        for i, weight in terms:
            if i > k:
                break
            total += (n1 * i - k) * weight * q[k - i]
        q[k] = total // (k * first)
    return _mirror(q, stop) if palindrome else q


def power(weights: Sequence[int], n: int) -> list[int]:
    """``n``-th power of a weight sequence with ``weights[0] != 0`` (trailing entry nonzero).

    Dice (all weights equal) use the sliding recurrence; short sequences Miller's; long
    sequences with few copies repeated squaring through the exact convolution core.
    """
    if n == 0:
        return [1]
    if n == 1 or len(weights) == 1:
        return [w**n for w in weights] if len(weights) == 1 else list(weights)
    if all(w == weights[0] for w in weights):
        scale = weights[0] ** n
        counts = uniform_power(len(weights), n)
        return counts if scale == 1 else [scale * c for c in counts]
    degree = len(weights) - 1
    # Miller costs about N * terms small-by-big products; squaring about log2(n) big products.
    terms = sum(1 for w in weights[1:] if w)
    if terms <= 48 or n * terms <= 4096:
        return miller_power(weights, n)
    return _square_and_multiply(list(weights), n, degree)


def _square_and_multiply(weights: list[int], n: int, degree: int) -> list[int]:
    from ..core import convolve

    result: list[int] | None = None
    base = weights
    while n:
        if n & 1:
            result = base if result is None else convolve(result, base)
        n >>= 1
        if n:
            base = convolve(base, base)
    assert result is not None
    return result
