"""Floating-point convolution by overlap-add: a long input cut into blocks, one short kernel.

Along every axis where the kernel is much shorter than the input, the input is cut into blocks
of ``L`` entries. Each block is convolved with the kernel by an FFT of a small fast length
``N >= L + m - 1`` (the kernel's transform is computed once), and the ``m - 1`` entries each
block spills past its end are added onto the start of the next block. The work is about
``(n / L) * N log N`` instead of ``(n + m) log(n + m)``, and the transforms fit in cache. All
blocks of all axes are transformed in one batched call, as :func:`scipy.signal.oaconvolve` does.

The block lengths come from :func:`block_plan`, which minimises a cost ``blocks * N log2 N`` over
the fast lengths of at least ``max(128, 4 m)`` points (and leaves an axis whole when blocking it
would not pay).

References
----------
.. [1] A. V. Oppenheim and R. W. Schafer, *Discrete-Time Signal Processing*, 3rd ed., Section
   8.7.3, "Implementing linear time-invariant systems using the DFT" (overlap-add).
"""

from __future__ import annotations

import bisect
import functools
import math

import numpy as np

from . import _transforms
from ._fastlen import next_fast_len
from ._nd import full_shape

#: The smallest block transform: tiny transforms cost more per point than ``N log N`` says.
MIN_BLOCK = 128
#: Block transforms are at least this many kernel lengths long (so also ``>= 2m - 1``, which
#: keeps every block's spill within the next block).
MIN_BLOCK_RATIO = 4
#: Fast lengths (5-smooth) tried as block transform sizes, up to 2**22.
_FAST = sorted({2**i * 3**j * 5**k
                for i in range(23) for j in range(15) for k in range(10)
                if 2**i * 3**j * 5**k <= 2**22})


def _axis_plan(n: int, m: int) -> tuple[int, int, int]:
    """``(blocks, block_length, transform_length)`` for one axis: input ``n``, kernel ``m``."""
    whole = next_fast_len(n + m - 1)
    best = (whole * math.log2(max(whole, 2)), 1, n, whole)
    if m == 1 or n <= 2 * m:
        return best[1:]
    smallest = max(MIN_BLOCK, MIN_BLOCK_RATIO * m)
    for size in _FAST[bisect.bisect_left(_FAST, smallest): bisect.bisect_left(_FAST, whole)]:
        length = size - m + 1
        blocks = -(-n // length)
        cost = blocks * size * math.log2(size)
        if cost < best[0]:
            best = (cost, blocks, length, size)
    return best[1:]


@functools.lru_cache(maxsize=256)
def _plan(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> tuple[tuple[int, int, int], ...]:
    return tuple(_axis_plan(n, m) for n, m in zip(a_shape, b_shape, strict=True))


def block_plan(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """Per axis ``(blocks, block_length, transform_length)`` for input ``a`` and kernel ``b``.

    Examples
    --------
    >>> block_plan((10**6,), (101,))
    [(1590, 629, 729)]
    >>> block_plan((1000,), (1000,))  # equal lengths: one whole transform
    [(1, 1000, 2000)]
    """
    return list(_plan(tuple(a_shape), tuple(b_shape)))


def full_on(engine_name: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution by overlap-add on one FFT engine (float64 or complex128)."""
    engine = _transforms.engine(engine_name)
    if b.size > a.size:
        a, b = b, a
    shape = full_shape(a, b)
    complex_ = np.iscomplexobj(a) or np.iscomplexobj(b)
    dtype = np.complex128 if complex_ else np.float64
    a = np.asarray(a, dtype=dtype)
    b = np.asarray(b, dtype=dtype)
    plan = block_plan(a.shape, b.shape)
    lengths = [size for _, _, size in plan]
    forward, inverse = (engine.fftn, engine.ifftn) if complex_ else (engine.rfftn, engine.irfftn)
    kernel = forward(engine.to_device(b), lengths, tuple(range(b.ndim)))
    if a.ndim == 1:
        return _full_1d(engine, forward, inverse, a, kernel, plan[0])[: shape[0]]
    # Pad each axis to blocks * block_length, then view it as (blocks, block_length).
    padded = np.pad(a, [(0, blocks * length - n) for (blocks, length, _), n
                        in zip(plan, a.shape, strict=True)])
    ndim = a.ndim
    split = padded.reshape([d for blocks, length, _ in plan for d in (blocks, length)])
    # Block indices first, offsets within a block last: the transforms then run over the last
    # (contiguous) axes, which matters for the strided inverse transforms of numpy's pocketfft.
    split = np.ascontiguousarray(split.transpose([*range(0, 2 * ndim, 2),
                                                  *range(1, 2 * ndim, 2)]))
    axes = tuple(range(ndim, 2 * ndim))
    spectrum = forward(engine.to_device(split), lengths, axes)
    spectrum *= kernel
    blocks = engine.to_host(inverse(spectrum, lengths, axes))
    # Back to (blocks_0, size_0, blocks_1, size_1, ...) for the folds (a view).
    blocks = blocks.transpose([i for axis in range(ndim) for i in (axis, ndim + axis)])
    for count, length, size in plan:
        blocks = np.moveaxis(_fold(blocks, count, length, size), 0, -1)
    return blocks[tuple(slice(0, n) for n in shape)]


def _full_1d(engine: _transforms.Engine, forward: _transforms.Transform,
             inverse: _transforms.Transform, a: np.ndarray, kernel: np.ndarray,
             plan: tuple[int, int, int]) -> np.ndarray:
    """1-D overlap-add without copying the input: whole blocks are a view, the last is apart."""
    count, length, size = plan
    if count == 1:
        spectrum = forward(engine.to_device(a), (size,), (0,))
        spectrum *= kernel
        return engine.to_host(inverse(spectrum, (size,), (0,)))
    whole = a.shape[0] // length
    spill = size - length
    out = np.empty((count + 1) * length, dtype=a.dtype)
    # Whole blocks: a view of the input, one batched transform, written straight into ``out``.
    spectrum = forward(engine.to_device(a[: whole * length].reshape(whole, length)), (size,),
                       (1,))
    spectrum *= kernel
    blocks = engine.to_host(inverse(spectrum, (size,), (1,)))
    del spectrum
    out[: whole * length].reshape(whole, length)[...] = blocks[:, :length]
    out[whole * length:] = 0
    out[length: (whole + 1) * length].reshape(whole, length)[:, :spill] += blocks[:, length:]
    del blocks
    if whole < count:  # the last, partial block
        spectrum = forward(engine.to_device(a[whole * length:]), (size,), (0,))
        spectrum *= kernel
        out[whole * length: whole * length + size] += engine.to_host(
            inverse(spectrum, (size,), (0,)))
    return out


def _fold(blocks: np.ndarray, count: int, length: int, size: int) -> np.ndarray:
    """Add the leading ``(count, size)`` blocks into one axis of ``count * length + size - length``.

    Block ``i`` starts at ``i * length``; its last ``size - length`` entries (at most ``length``)
    overlap the next block's first ones.
    """
    if count == 1:
        return blocks[0]
    rest = blocks.shape[2:]
    out = np.empty(((count + 1) * length, *rest), dtype=blocks.dtype)
    out[: count * length].reshape(count, length, *rest)[...] = blocks[:, :length]
    out[count * length:] = 0
    spill = size - length
    tail = out[length:].reshape(count, length, *rest)
    tail[:, :spill] += blocks[:, length:]
    return out[: count * length + spill]


def full(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution by overlap-add on numpy's FFT.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(10.0)
    >>> np.allclose(full(x, np.array([1.0, -1.0])), np.convolve(x, [1.0, -1.0]))
    True
    """
    return full_on("numpy", a, b)


def full_preferred(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`full` on the engine ``method="auto"`` prefers (pyFFTW when installed)."""
    return full_on(_transforms.preferred(), a, b)
