"""Floating-point convolution by FFT, N-D, at 5-smooth transform lengths.

``full`` runs on numpy (pocketfft); :func:`full_on` runs the same algorithm on any engine of
:mod:`discreteconv.backends._transforms` (scipy.fft, pyFFTW, CuPy).
"""

from __future__ import annotations

import numpy as np

from . import _transforms
from ._fastlen import next_fast_len
from ._nd import full_shape


def full_on(engine_name: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution in float64 (complex128 if either input is complex) on one engine."""
    engine = _transforms.engine(engine_name)
    shape = full_shape(a, b)
    lengths = [next_fast_len(n) for n in shape]
    axes = tuple(range(a.ndim))
    crop = tuple(slice(0, n) for n in shape)
    if np.iscomplexobj(a) or np.iscomplexobj(b):
        a = engine.to_device(np.asarray(a, dtype=np.complex128))
        b = engine.to_device(np.asarray(b, dtype=np.complex128))
        spectrum = engine.fftn(a, lengths, axes) * engine.fftn(b, lengths, axes)
        return engine.to_host(engine.ifftn(spectrum, lengths, axes)[crop])
    a = engine.to_device(np.asarray(a, dtype=np.float64))
    b = engine.to_device(np.asarray(b, dtype=np.float64))
    spectrum = engine.rfftn(a, lengths, axes) * engine.rfftn(b, lengths, axes)
    return engine.to_host(engine.irfftn(spectrum, lengths, axes)[crop])


def full(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution in float64 (or complex128 if either input is complex), numpy FFT.

    Examples
    --------
    >>> import numpy as np
    >>> np.round(full(np.array([1.0, 2.0]), np.array([3.0, 4.0])), 12)
    array([ 3., 10.,  8.])
    """
    return full_on("numpy", a, b)


def full_preferred(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`full` on the engine ``method="auto"`` prefers (pyFFTW when installed)."""
    return full_on(_transforms.preferred(), a, b)


def full_scipy(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`full` on :mod:`scipy.fft`."""
    return full_on("scipy", a, b)


def full_pyfftw(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`full` on FFTW through pyFFTW."""
    return full_on("pyfftw", a, b)


def full_cupy(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`full` on a GPU through CuPy (inputs and result in host memory)."""
    return full_on("cupy", a, b)
