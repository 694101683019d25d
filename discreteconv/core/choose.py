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

import functools
import math
import os

import numpy as np

from ..backends import direct, overlapadd, splitfft
from ..backends.fft import transform_points
from ._kinds import max_abs

#: Below this many products, schoolbook loops beat every transform (int64 entries) ...
DIRECT_INT64_PRODUCTS = 1_200_000
#: ... and so they do, at any length, for kernels up to this long.
DIRECT_INT64_KERNEL = 256
#: Below this many products, schoolbook loops on Python ints beat packing.
DIRECT_OBJECT_PRODUCTS = 2_000
#: Seconds per multiply-add of ``numpy.convolve`` (1-D, float64) ...
DIRECT_1D_SECONDS = 1.8e-10
#: ... plus this much per output once the shorter input is longer than ``SMALL_KERNEL``: numpy
#: unrolls kernels of up to 11 taps, and makes one dot-product call per output past that
#: (n = 10**6 here: 3.5 ms at m = 11, 10.9 ms at m = 16).
DIRECT_1D_OUTPUT_SECONDS = 8e-9
#: The longest kernel numpy's unrolled loop takes; those cost ``DIRECT_1D_SMALL_SECONDS`` per
#: multiply-add and nothing per output.
SMALL_KERNEL = 11
DIRECT_1D_SMALL_SECONDS = 3e-10
#: Seconds per multiply-add of the N-D shifted-copy loop (one numpy pass per kernel tap) ...
DIRECT_ND_SECONDS = 1.5e-9
#: ... plus this much per tap (one pass's call overhead).
DIRECT_TAP_SECONDS = 3e-6
#: Seconds per point per ``log2 N`` of each of the three transforms (two forward, one
#: inverse) of a whole-array FFT convolution of ``N`` points, per engine, work arrays reused
#: (complex inputs cost twice as much).
FFT_SECONDS = {"numpy": 9e-10, "scipy": 9e-10, "pyfftw": 4e-10, "cupy": 9e-10}
#: The same for transforms over two or more axes, where numpy's one-axis-at-a-time passes run
#: on short rows that stay in cache (measured: 4.7e-10 at 2048 x 2048, against 1.0e-9 to
#: 1.4e-9 for one axis of 2 * 10**6 points).
FFT_ND_SECONDS = {"numpy": 5e-10, "scipy": 5e-10, "pyfftw": 4e-10, "cupy": 5e-10}
#: Fixed seconds per FFT convolution call (Python, planning, small allocations), per engine,
#: measured on 4 x 4 inputs (numpy 90 us, pyFFTW 125 us) ...
FFT_CALL_SECONDS = {"numpy": 9e-5, "scipy": 9e-5, "pyfftw": 1.2e-4, "cupy": 9e-5}
#: ... and for two real 1-D inputs, which take shorter paths on numpy and pyFFTW (plans bound
#: to kept buffers, :mod:`discreteconv.backends._fftw1d`), measured on 8-point inputs (numpy
#: 40 us, pyFFTW 12 us).
FFT_1D_CALL_SECONDS = {"numpy": 4e-5, "scipy": 9e-5, "pyfftw": 1.2e-5, "cupy": 9e-5}
#: Seconds per unit of :func:`discreteconv.backends.overlapadd.plan_work` (block transforms
#: both ways, the product with the kernel's spectrum, the copies and the adds), per engine.
OVERLAP_ADD_SECONDS = {"numpy": 1e-9, "scipy": 1e-9, "pyfftw": 8.5e-10, "cupy": 1e-9}
#: Float inputs whose direct convolution is estimated to cost at most this much more than the
#: cheapest method go to ``direct``: its error is relative to each output's own terms, an FFT's
#: to the largest output, and a few tens of microseconds is not worth that accuracy.
DIRECT_SLACK_SECONDS = 5e-5
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

    The cheapest by :func:`float_costs`, except that a direct sum estimated within
    ``DIRECT_SLACK_SECONDS`` of the cheapest is taken: as fast as it matters, and more accurate
    than any FFT.

    Examples
    --------
    >>> choose_float((300,), (300,)), choose_float((1000,), (1000,))
    ('direct', 'fft')
    >>> choose_float((10**6,), (11,)), choose_float((10**7,), (1001,))
    ('direct', 'overlap-add')
    """
    # The environment variable picks the engines, so it is part of what is remembered.
    return _cheapest(tuple(a_shape), tuple(b_shape), complex_, engine,
                     os.environ.get("DISCRETECONV_FFT", ""))


@functools.lru_cache(maxsize=512)
def _cheapest(a_shape: tuple[int, ...], b_shape: tuple[int, ...], complex_: bool,
              engine: str | None, environment: str) -> str:
    """:func:`choose_float`, remembered (it runs on every float call)."""
    costs = float_costs(a_shape, b_shape, complex_=complex_, engine=engine)
    if costs["direct"] <= min(costs.values()) + DIRECT_SLACK_SECONDS:
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

    scale = 2.0 if complex_ else 1.0
    if len(a_shape) == 0 or 0 in a_shape or 0 in b_shape:
        return {"direct": 0.0}
    a_size, b_size = math.prod(a_shape), math.prod(b_shape)
    if len(a_shape) == 1:
        short = min(a_size, b_size)
        if short <= SMALL_KERNEL:
            direct_cost = DIRECT_1D_SMALL_SECONDS * a_size * b_size
        else:
            direct_cost = max(a_size, b_size) * (DIRECT_1D_OUTPUT_SECONDS
                                                 + DIRECT_1D_SECONDS * short)
    else:
        out = math.prod(n + m - 1 for n, m in zip(a_shape, b_shape, strict=True))
        direct_cost = min(a_size, b_size) * (DIRECT_TAP_SECONDS + DIRECT_ND_SECONDS * out)
    points = transform_points(tuple(a_shape), tuple(b_shape))
    real_1d = len(a_shape) == 1 and not complex_
    on = engine or _transforms.preferred("fft", points, real=not complex_, ndim=len(a_shape))
    table = FFT_SECONDS if len(a_shape) == 1 else FFT_ND_SECONDS
    per_point = table.get(on, table["numpy"]) * scale
    calls = FFT_1D_CALL_SECONDS if real_1d else FFT_CALL_SECONDS
    costs = {"direct": direct_cost,
             "fft": calls.get(on, calls["numpy"])
             + 3 * per_point * points * math.log2(max(points, 2))}
    long, short = (a_shape, b_shape) if a_size >= b_size else (b_shape, a_shape)
    plan = overlapadd.block_plan(long, short)
    if any(blocks > 1 for blocks, _, _ in plan):
        on = engine or _transforms.preferred("overlap-add", real=not complex_)
        per_unit = OVERLAP_ADD_SECONDS.get(on, OVERLAP_ADD_SECONDS["numpy"]) * scale
        costs["overlap-add"] = (FFT_CALL_SECONDS.get(on, FFT_CALL_SECONDS["numpy"])
                                + per_unit * overlapadd.plan_work(plan))
    return costs
