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

Float and complex inputs go to whichever of ``direct``, ``fft`` and ``overlap-add`` a cost model
expects to be fastest (:func:`float_costs`): seconds per multiply-add of numpy's loops, seconds per
``N log2 N`` of a transform of ``N`` points, and a fixed cost per call, measured on the same
machine (``python benchmarks/numeric.py --calibrate`` measures them again). The FFT backends run
on the preferred engine (:func:`discreteconv.backends._transforms.preferred`).
"""

from __future__ import annotations

import math

import numpy as np

from ..backends import direct, overlapadd, splitfft
from ..backends._fastlen import next_fast_len
from ._kinds import max_abs

#: Below this many products, schoolbook loops beat every transform (int64 entries) ...
DIRECT_INT64_PRODUCTS = 1_200_000
#: ... and so they do, at any length, for kernels up to this long.
DIRECT_INT64_KERNEL = 256
#: Below this many products, schoolbook loops on Python ints beat packing.
DIRECT_OBJECT_PRODUCTS = 2_000
#: Seconds per multiply-add of ``numpy.convolve`` (1-D, float64; vectorised C loop).
DIRECT_1D_SECONDS = 1.8e-10
#: Seconds per multiply-add of the N-D shifted-copy loop (one numpy pass per kernel tap) ...
DIRECT_ND_SECONDS = 2.1e-9
#: ... plus this much per tap (one pass's call overhead).
DIRECT_TAP_SECONDS = 3e-6
#: Seconds per point per ``log2 N`` of one real transform of ``N`` points, on each engine
#: (a complex transform costs twice as much).
FFT_SECONDS = {"numpy": 1.9e-9, "scipy": 1.9e-9, "pyfftw": 7.3e-10, "cupy": 1.9e-9}
#: Seconds per float64 entry copied (padding the blocks, adding the overlaps back).
COPY_SECONDS = 1.5e-9
#: Float inputs whose direct convolution is estimated below this go to ``direct``: its error is
#: relative to each output's own terms, an FFT's to the largest output.
DIRECT_PREFERRED_SECONDS = 3e-4
#: Fixed seconds per call of an FFT backend (planning, allocation, Python overhead).
FFT_CALL_SECONDS = 3e-5
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
        return choose_float(a.shape, b.shape, complex_=kind == "complex")
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


def choose_float(a_shape: tuple[int, ...], b_shape: tuple[int, ...], *, complex_: bool = False,
                 engine: str | None = None) -> str:
    """The float backend ``method="auto"`` runs for inputs of these shapes.

    The cheapest by :func:`float_costs`, except that a direct sum estimated under
    ``DIRECT_PREFERRED_SECONDS`` is always taken: as fast as it matters, and more accurate than
    any FFT.

    Examples
    --------
    >>> choose_float((1000,), (1000,)), choose_float((10**7,), (1001,))
    ('direct', 'overlap-add')
    """
    costs = float_costs(a_shape, b_shape, complex_=complex_, engine=engine)
    if costs["direct"] <= DIRECT_PREFERRED_SECONDS:
        return "direct"
    return min(costs, key=costs.__getitem__)


def float_costs(a_shape: tuple[int, ...], b_shape: tuple[int, ...], *, complex_: bool = False,
                engine: str | None = None) -> dict[str, float]:
    """Estimated seconds of ``direct``, ``fft`` and ``overlap-add`` for float inputs.

    The estimates use the constants above; they rank the backends and are not promises.

    Examples
    --------
    >>> costs = float_costs((10**7,), (1001,))
    >>> min(costs, key=costs.get)
    'overlap-add'
    >>> costs = float_costs((10**5,), (10**5,))
    >>> min(costs, key=costs.get)
    'fft'
    >>> costs = float_costs((1000,), (5,))
    >>> min(costs, key=costs.get)
    'direct'
    """
    from ..backends import _transforms

    per_point = FFT_SECONDS.get(engine or _transforms.preferred(), FFT_SECONDS["numpy"])
    if complex_:
        per_point *= 2
    if len(a_shape) == 0 or 0 in a_shape or 0 in b_shape:
        return {"direct": 0.0}
    a_size, b_size = math.prod(a_shape), math.prod(b_shape)
    if len(a_shape) == 1:
        direct_cost = DIRECT_1D_SECONDS * a_size * b_size
    else:
        out = math.prod(n + m - 1 for n, m in zip(a_shape, b_shape, strict=True))
        direct_cost = min(a_size, b_size) * (DIRECT_TAP_SECONDS + DIRECT_ND_SECONDS * out)
    lengths = [next_fast_len(n + m - 1) for n, m in zip(a_shape, b_shape, strict=True)]
    points = math.prod(lengths)
    # Two forward transforms and one inverse, each ~ N log2 N.
    fft_cost = FFT_CALL_SECONDS + 3 * per_point * points * math.log2(max(points, 2))
    costs = {"direct": direct_cost, "fft": fft_cost}
    long, short = (a_shape, b_shape) if a_size >= b_size else (b_shape, a_shape)
    plan = overlapadd.block_plan(long, short)
    if any(blocks > 1 for blocks, _, _ in plan):
        block_points = math.prod(size for _, _, size in plan)
        work = math.prod(blocks * size for blocks, _, size in plan)
        # One forward and one inverse transform of every block, then a copy per fold.
        costs["overlap-add"] = (2 * FFT_CALL_SECONDS
                                + 2 * per_point * work * math.log2(max(block_points, 2))
                                + COPY_SECONDS * work * (len(plan) + 1))
    return costs
