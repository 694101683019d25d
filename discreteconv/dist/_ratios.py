"""Reducing ``weight / total`` fast when the total is huge but made of small primes.

The total of ``n`` dice is ``s**n``. Its common factor with a weight is found with a few
divisions by those primes, where ``math.gcd`` of two 26,000-bit numbers takes a millisecond:
that is what keeps ``(10000 @ die(6)).pmf()`` and its tables quick.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction


@functools.cache
def _small_primes(limit: int = 1000) -> tuple[int, ...]:
    sieve = bytearray([1]) * limit
    sieve[:2] = b"\0\0"
    for p in range(2, math.isqrt(limit) + 1):
        if sieve[p]:
            sieve[p * p::p] = bytes(len(range(p * p, limit, p)))
    return tuple(p for p in range(limit) if sieve[p])


class Ratios:
    """Reduces ``weight / total`` for one total without a big ``gcd`` per weight.

    A total such as ``6**10000`` has only small prime factors; the common factor of a weight
    and the total is then found with a few divisions by those primes, where ``math.gcd`` of two
    26,000-bit numbers takes milliseconds.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.factors: list[tuple[int, int]] = []  # (prime, exponent in total)
        rest = total
        for prime in _small_primes():
            if rest % prime == 0:
                exponent = 0
                while rest % prime == 0:
                    rest //= prime
                    exponent += 1
                self.factors.append((prime, exponent))
        self.factored = rest == 1
        # One remainder by a 64-bit-ish modulus replaces divisions of the huge weight:
        # the valuation of the weight at p is read off (weight mod p**cap) unless it reaches cap.
        self.caps = {p: 64 // p.bit_length() for p, _ in self.factors}
        self.modulus = math.prod(p**cap for p, cap in self.caps.items())
        self.reduced_totals: dict[int, int] = {}

    def common(self, weight: int, short_only: bool = False) -> int | None:
        """``math.gcd(weight, total)``; with ``short_only``, None as soon as it is sure that
        ``total / gcd`` has more than 70 bits (the fraction is then too long to show)."""
        if not self.factored or weight == 0:
            return math.gcd(weight, self.total)
        small = weight % self.modulus
        common, missing = 1, 0.0
        for prime, exponent in self.factors:
            if prime == 2:
                count = min((weight & -weight).bit_length() - 1, exponent)
            else:
                cap = self.caps[prime]
                count, rest = 0, small
                while count < min(exponent, cap) and rest % prime == 0:
                    rest //= prime
                    count += 1
                if count == cap < exponent:  # divisible past the cap: go on with the weight
                    rest = weight // prime**cap
                    while count < exponent and rest % prime == 0:
                        rest //= prime
                        count += 1
            common *= prime**count
            missing += (exponent - count) * math.log2(prime)
            if short_only and missing > 70:
                return None
        return common

    def reduced(self, weight: int) -> tuple[int, int]:
        """``(p, q)`` with ``p/q == weight/total`` in lowest terms."""
        common = self.common(weight) or 1
        if common not in self.reduced_totals:
            self.reduced_totals[common] = self.total // common
        return weight // common, self.reduced_totals[common]

    def fraction(self, weight: int) -> Fraction:
        """``Fraction(weight, total)``, built from the reduced pair without another gcd."""
        p, q = self.reduced(weight)
        make = getattr(Fraction, "_from_coprime_ints", None)  # Python 3.12+
        if make is not None:
            return make(p, q)
        return Fraction(p, q, _normalize=False)  # type: ignore[call-arg]
