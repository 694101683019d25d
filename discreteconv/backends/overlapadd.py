"""Floating-point convolution by overlap-add: a long input cut into blocks, one short kernel.

Along every axis where the kernel is much shorter than the input, the input is cut into blocks
of ``L`` entries. Each block is convolved with the kernel by an FFT of a small fast length
``N >= L + m - 1`` (the kernel's transform is computed once), and the ``m - 1`` entries each
block spills past its end are added onto the start of the next block. The work is about
``(n / L) * N log N`` instead of ``(n + m) log(n + m)``, and the transforms fit in cache.

Blocks are transformed in batched calls of about :data:`BATCH_POINTS` points (a few rows of
blocks along the first axis at a time, every block of the other axes), into work arrays reused
from batch to batch and call to call (:mod:`._scratch`); each batch's blocks are then added
straight into the output, head and spill, one vectorised addition per combination of axes.
Only the output is fresh memory. The batches are of equal size (the last padded with zero
blocks), so each call transforms one shape. On pyFFTW, real inputs go through
:mod:`._fftwblocks` (plans bound to kept, zero-padded buffers; the kernel's spectrum divided by
the transform size in advance), 10 to 35 % faster than on numpy here.

The block lengths come from :func:`block_plan`, which minimises a cost
``blocks * (N log2 N + overhead)`` over fast lengths of at least ``max(128, 4 m)`` points (and
leaves an axis whole when blocking it would not pay); in 1-D the lengths tried are powers of two
times 1, 3 or 5, the ones pocketfft runs fastest.

References
----------
.. [1] A. V. Oppenheim and R. W. Schafer, *Discrete-Time Signal Processing*, 3rd ed., Section
   8.7.3, "Implementing linear time-invariant systems using the DFT" (overlap-add).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Sequence

import numpy as np

from . import _fftwblocks, _scratch, _transforms
from ._fastlen import next_fast_len

#: The smallest block transform: tiny transforms cost more per point than ``N log N`` says.
MIN_BLOCK = 128
#: Block transforms are at least this many kernel lengths long (so also ``>= 2m - 1``, which
#: keeps every block's spill within the next block).
MIN_BLOCK_RATIO = 4
#: In 1-D, each block costs about this many points' worth of ``N log2 N`` on top of its
#: transforms (starting a row's transform, copying its spill). Fitted to a sweep of block sizes
#: at n = 10**6 and m = 11, 101, 1001 here: without it the plan took the smallest blocks the
#: ratio allows, 1.4x slower than the best at m = 101.
BLOCK_OVERHEAD_POINTS = 512
#: Fast lengths (5-smooth) tried as block transform sizes, up to 2**22.
_FAST = sorted({2**i * 3**j * 5**k
                for i in range(23) for j in range(15) for k in range(10)
                if 2**i * 3**j * 5**k <= 2**22})
#: Block sizes tried in 1-D: a power of two times 1, 3 or 5. pocketfft's radix-3 and radix-5
#: passes are slower per point; at m = 101 blocks of 729 = 3**6 points took 1.4x as long as
#: blocks of 768 = 3 * 2**8.
_NICE = sorted({2**i * k for i in range(23) for k in (1, 3, 5) if 2**i * k <= 2**22})


def _axis_plan(n: int, m: int, per_block: int = 0,
               sizes: list[int] = _FAST) -> tuple[int, int, int]:
    """``(blocks, block_length, transform_length)`` for one axis: input ``n``, kernel ``m``;
    ``per_block`` is the overhead of a block in points of ``N log2 N``."""
    whole = next_fast_len(n + m - 1)
    best = (whole * math.log2(max(whole, 2)), 1, n, whole)
    if m == 1 or n <= 2 * m:
        return best[1:]
    smallest = max(MIN_BLOCK, MIN_BLOCK_RATIO * m)
    for size in sizes[bisect.bisect_left(sizes, smallest): bisect.bisect_left(sizes, whole)]:
        length = size - m + 1
        blocks = -(-n // length)
        cost = blocks * (size * math.log2(size) + per_block)
        if cost < best[0]:
            best = (cost, blocks, length, size)
    return best[1:]


@functools.lru_cache(maxsize=256)
def _plan(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> tuple[tuple[int, int, int], ...]:
    if len(a_shape) == 1:
        return (_axis_plan(a_shape[0], b_shape[0], BLOCK_OVERHEAD_POINTS, _NICE),)
    return tuple(_axis_plan(n, m) for n, m in zip(a_shape, b_shape, strict=True))


def plan_work(plan: Sequence[tuple[int, int, int]]) -> float:
    """The work of a plan in points of ``N log2 N``: all blocks' transforms and 1-D overheads.

    :func:`discreteconv.core.choose.float_costs` turns it into seconds.

    Examples
    --------
    >>> round(plan_work(block_plan((10**6,), (101,))))  # 848 blocks of 1280 points
    11638010
    """
    blocks = math.prod(count for count, _, _ in plan)
    points = math.prod(size for _, _, size in plan)
    per_block = BLOCK_OVERHEAD_POINTS if len(plan) == 1 else 0
    return blocks * (points * math.log2(max(points, 2)) + per_block)


def block_plan(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """Per axis ``(blocks, block_length, transform_length)`` for input ``a`` and kernel ``b``.

    Examples
    --------
    >>> block_plan((10**6,), (101,))
    [(848, 1180, 1280)]
    >>> block_plan((1000,), (1000,))  # equal lengths: one whole transform
    [(1, 1000, 2000)]
    """
    return list(_plan(tuple(a_shape), tuple(b_shape)))


#: Blocks are transformed in batches of about this many transform points (along the first
#: axis, whole rows of blocks of the others): a batch's work arrays then stay in cache and are
#: reused from batch to batch, and from call to call (:mod:`._scratch`).
BATCH_POINTS = 2**18


def full_on(engine_name: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution by overlap-add on one FFT engine (float64 or complex128)."""
    engine = _transforms.engine(engine_name)
    if b.size > a.size:
        a, b = b, a
    complex_ = np.iscomplexobj(a) or np.iscomplexobj(b)
    dtype = np.complex128 if complex_ else np.float64
    a = np.asarray(a, dtype=dtype)
    b = np.asarray(b, dtype=dtype)
    plan = block_plan(a.shape, b.shape)
    sizes = [size for _, _, size in plan]
    ndim = a.ndim
    forward, inverse = (engine.fftn, engine.ifftn) if complex_ else (engine.rfftn, engine.irfftn)
    transform_axes = tuple(range(ndim, 2 * ndim))
    kernel = forward(engine.to_device(b), sizes, tuple(range(ndim)))
    # The output, with room for every block's spill: (count + 1) * length along a blocked axis.
    out = np.zeros([(count + 1) * length if count > 1 else size
                    for count, length, size in plan], dtype=dtype)
    count0, _, size0 = plan[0]
    per_row = math.prod(count * size for count, _, size in plan[1:]) * size0
    group = max(1, min(count0, BATCH_POINTS // per_row))
    batches = -(-count0 // group)
    group = -(-count0 // batches)  # equal batches (the last padded with zero blocks): one
    # shape of transform per call, so an engine that plans per shape plans once (pyFFTW's
    # cache of 4 plans thrashed on 5 shapes: the kernel, two batch sizes, both directions)
    if engine_name == "pyfftw" and not complex_:  # plans bound to kept buffers
        kernel = kernel * (1.0 / math.prod(sizes))
        for first in range(0, count0, group):
            rows = min(group, count0 - first)
            blocks = _blocks_view(a, plan, first, rows)  # copied once, into FFTW's buffer
            result = _fftwblocks.convolve_batch(blocks, (group, *blocks.shape[1:ndim]), sizes,
                                                kernel)
            _add_blocks(out, result[:rows], plan, first)
        return _crop(out, a, b)
    for first in range(0, count0, group):
        rows = min(group, count0 - first)
        blocks = _split(a, plan, first, rows, group)
        spectrum_shape = [*blocks.shape[:ndim], *sizes]
        if not complex_:
            spectrum_shape[-1] = sizes[-1] // 2 + 1
        spectrum = forward(engine.to_device(blocks), sizes, transform_axes,
                           out=engine.work("oa.spectrum", spectrum_shape, np.complex128))
        spectrum *= kernel
        result = engine.to_host(inverse(spectrum, sizes, transform_axes,
                                        out=engine.work("oa.blocks",
                                                        [*blocks.shape[:ndim], *sizes], dtype)))
        _add_blocks(out, result[:rows], plan, first)
    return _crop(out, a, b)


def _crop(out: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The full convolution's part of ``out`` (which has room for every block's spill)."""
    return out[tuple(slice(0, n + m - 1) for n, m in zip(a.shape, b.shape, strict=True))]


def _split(a: np.ndarray, plan: list[tuple[int, int, int]], first: int, rows: int,
           group: int | None = None) -> np.ndarray:
    """Blocks ``first .. first + rows - 1`` along axis 0 (all blocks of the other axes) of ``a``,
    as a C-contiguous array ``(group, blocks_1, ..., length_0, length_1, ...)``: block indices
    first, offsets last, so the transforms run over the last (contiguous) axes; rows past
    ``rows`` (up to ``group``, default ``rows``) are zero blocks. A host work array (or, in 1-D
    with whole blocks, a view of ``a``): it is read before the next batch is split."""
    view = _blocks_view(a, plan, first, rows, group)
    if a.ndim == 1:
        return view  # (group, length): already blocks first (a view of the input if whole)
    blocks = _scratch.work_array("oa.split", view.shape, a.dtype)
    blocks[...] = view
    return blocks


def _blocks_view(a: np.ndarray, plan: list[tuple[int, int, int]], first: int, rows: int,
                 group: int | None = None) -> np.ndarray:
    """:func:`_split`'s blocks as a strided view (of ``a``, or of a zero-padded host work array
    where a block is partial), not copied into block order."""
    ndim = a.ndim
    group = rows if group is None else group
    _, length0, _ = plan[0]
    slab = a[first * length0: (first + rows) * length0]
    counts = [group] + [count for count, _, _ in plan[1:]]
    lengths = [length for _, length, _ in plan]
    padded_shape = [c * n for c, n in zip(counts, lengths, strict=True)]
    if list(slab.shape) != padded_shape:  # a partial block somewhere: copy with zeros
        padded = _scratch.work_array("oa.padded", tuple(padded_shape), a.dtype)
        _transforms.copy_padded(slab, padded)
        slab = padded
    split = slab.reshape([d for c, n in zip(counts, lengths, strict=True) for d in (c, n)])
    return split.transpose([*range(0, 2 * ndim, 2), *range(1, 2 * ndim, 2)])


def _add_blocks(out: np.ndarray, blocks: np.ndarray, plan: list[tuple[int, int, int]],
                first: int) -> None:
    """Add ``blocks`` (``(rows, blocks_1, ..., size_0, size_1, ...)``, from block ``first`` of
    axis 0) into ``out`` where each belongs.

    Along a blocked axis, block ``i`` starts at ``i * length``: its first ``length`` entries go
    to block ``i`` of ``out`` and its last ``size - length`` (the spill, at most ``length``) to
    the start of block ``i + 1``. Each of the ``2**ndim`` head/spill combinations is one
    vectorised addition over all blocks.
    """
    ndim = len(plan)
    rows = blocks.shape[0]
    _, length0, _ = plan[0]
    start = first * length0
    counts = [rows] + [count for count, _, _ in plan[1:]]
    target = out
    if plan[0][0] > 1:
        target = out[start: start + (rows + 1) * length0]
    # ``out`` as (blocks + 1, length) per blocked axis; (1, size) along an axis left whole.
    shape = []
    for axis, (count, length, size) in enumerate(plan):
        shape += [counts[axis] + 1, length] if count > 1 else [1, size]
    view = target.reshape(shape)
    pieces = []
    for count, length, size in plan:
        if count > 1:
            pieces.append([(slice(0, -1), slice(0, length), slice(0, length)),
                           (slice(1, None), slice(0, size - length), slice(length, size))])
        else:
            pieces.append([(slice(None), slice(None), slice(None))])
    for combination in itertools.product(*pieces):
        destination = view[tuple(s for block, offset, _ in combination for s in (block, offset))]
        source = blocks[(*(slice(None),) * ndim,
                         *(within for _, _, within in combination))]
        # source is (blocks..., offsets...); destination interleaves (block, offset) per axis.
        destination += source.transpose([i for axis in range(ndim) for i in (axis, ndim + axis)])


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
    """:func:`full` on the engine ``method="auto"`` prefers for overlap-add
    (:func:`._transforms.preferred`: pyFFTW for real inputs when installed)."""
    real = not (np.iscomplexobj(a) or np.iscomplexobj(b))
    return full_on(_transforms.preferred("overlap-add", real=real), a, b)
