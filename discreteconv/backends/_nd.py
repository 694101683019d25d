"""N-D convolution through a 1-D one (Kronecker substitution for index vectors).

Pad every trailing axis of both inputs to the length of the full output along that axis and
flatten: the 1-D full convolution of the two flat arrays, reshaped, is the N-D full convolution,
because no sum of indices along a padded axis can reach the next row. Every 1-D exact backend
serves N-D this way.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def full_shape(a: np.ndarray, b: np.ndarray) -> tuple[int, ...]:
    """Shape of the full convolution of ``a`` and ``b``."""
    return tuple(n + m - 1 for n, m in zip(a.shape, b.shape, strict=True))


def through_1d(
    full_1d: Callable[[np.ndarray, np.ndarray], np.ndarray], a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """Compute the N-D full convolution with a 1-D ``full_1d``."""
    if a.ndim == 1:
        return full_1d(a, b)
    shape = full_shape(a, b)
    row = shape[1:]

    def flat(x: np.ndarray) -> np.ndarray:
        widths = [(0, 0)] + [(0, r - n) for r, n in zip(row, x.shape[1:], strict=True)]
        padded = np.pad(x, widths) if x.dtype != object else _pad_objects(x, widths)
        return padded.ravel()

    result = full_1d(flat(a), flat(b))
    total = int(np.prod(shape))
    if result.shape[0] < total:
        tail = np.zeros(total - result.shape[0], dtype=result.dtype)
        result = np.concatenate([result, tail])
    return result[:total].reshape(shape)


def _pad_objects(x: np.ndarray, widths: list[tuple[int, int]]) -> np.ndarray:
    out = np.zeros(tuple(n + w[1] for n, w in zip(x.shape, widths, strict=True)), dtype=object)
    out[tuple(slice(0, n) for n in x.shape)] = x
    return out
