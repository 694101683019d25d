"""Floating-point convolution by numpy's FFT (pocketfft), N-D, at 5-smooth transform lengths."""

from __future__ import annotations

import numpy as np

from ._fastlen import next_fast_len
from ._nd import full_shape


def full(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution in float64 (or complex128 if either input is complex).

    Examples
    --------
    >>> import numpy as np
    >>> np.round(full(np.array([1.0, 2.0]), np.array([3.0, 4.0])), 12)
    array([ 3., 10.,  8.])
    """
    shape = full_shape(a, b)
    lengths = [next_fast_len(n) for n in shape]
    axes = tuple(range(a.ndim))
    crop = tuple(slice(0, n) for n in shape)
    if np.iscomplexobj(a) or np.iscomplexobj(b):
        a = np.asarray(a, dtype=np.complex128)
        b = np.asarray(b, dtype=np.complex128)
        spectrum = np.fft.fftn(a, lengths, axes) * np.fft.fftn(b, lengths, axes)
        return np.fft.ifftn(spectrum, lengths, axes)[crop]
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    spectrum = np.fft.rfftn(a, lengths, axes) * np.fft.rfftn(b, lengths, axes)
    return np.fft.irfftn(spectrum, lengths, axes)[crop]
