"""Floating-point convolution by FFT, N-D, at 5-smooth transform lengths.

``full`` runs on numpy (pocketfft); :func:`full_on` runs the same algorithm on any engine of
:mod:`discreteconv.backends._transforms` (scipy.fft, pyFFTW, CuPy).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from . import _fftw1d, _scratch, _transforms
from ._fastlen import next_fast_len
from ._nd import full_shape


def full_on(engine_name: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Full N-D convolution in float64 (complex128 if either input is complex) on one engine.

    Both spectra go into work arrays kept between calls (:mod:`._scratch`) on the engines that
    take them; the result is a new array. Two 1-D float64 inputs take shorter paths on numpy
    and on pyFFTW (:mod:`._fftw1d`: plans bound to kept buffers).
    """
    if a.ndim == 1 and a.dtype == np.float64 and b.dtype == np.float64:
        if engine_name == "numpy":
            return _full_1d_numpy(a, b)
        if engine_name == "pyfftw" and _fftw1d.takes(a, b):
            _transforms.engine("pyfftw")  # a clear error if pyFFTW is not installed
            return _fftw1d.full(a, b)
    engine = _transforms.engine(engine_name)
    shape = full_shape(a, b)
    lengths = [next_fast_len(n) for n in shape]
    axes = tuple(range(a.ndim))
    crop = tuple(slice(0, n) for n in shape)
    complex_ = a.dtype.kind == "c" or b.dtype.kind == "c"
    dtype = np.complex128 if complex_ else np.float64
    forward, inverse = (engine.fftn, engine.ifftn) if complex_ else (engine.rfftn, engine.irfftn)
    spectrum_shape = list(lengths)
    if not complex_:
        spectrum_shape[-1] = lengths[-1] // 2 + 1
    spectrum = forward(engine.to_device(np.asarray(a, dtype=dtype)), lengths, axes,
                       out=engine.work("fft.a", spectrum_shape, np.complex128))
    spectrum *= forward(engine.to_device(np.asarray(b, dtype=dtype)), lengths, axes,
                        out=engine.work("fft.b", spectrum_shape, np.complex128))
    return engine.to_host(inverse(spectrum, lengths, axes)[crop])


def _full_1d_numpy(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`full_on` for two 1-D float64 arrays on numpy, without the N-D bookkeeping (the
    common case, where a call's fixed cost matters at a few thousand points: at n = m = 1000
    the general path took 78 us at best and this one 64 us, interleaved, 40 rounds each)."""
    count = a.shape[0] + b.shape[0] - 1
    length = next_fast_len(count)
    spectrum = np.fft.rfft(a, length, out=_scratch.work_array("fft.a", (length // 2 + 1,),
                                                              np.complex128))
    spectrum *= np.fft.rfft(b, length, out=_scratch.work_array("fft.b", (length // 2 + 1,),
                                                               np.complex128))
    return np.fft.irfft(spectrum, length)[:count]


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
    """:func:`full` on the engine ``method="auto"`` prefers for its size
    (:func:`._transforms.preferred`: pyFFTW for large transforms when installed)."""
    real = a.dtype == np.float64 and b.dtype == np.float64
    return full_on(_transforms.preferred("fft", transform_points(a.shape, b.shape), real=real,
                                         ndim=a.ndim), a, b)


@functools.lru_cache(maxsize=512)
def transform_points(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> int:
    """The number of points of the transforms :func:`full_on` runs for these shapes."""
    return math.prod(next_fast_len(n + m - 1) for n, m in zip(a_shape, b_shape, strict=True))


def full_scipy(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`full` on :mod:`scipy.fft`."""
    return full_on("scipy", a, b)


def full_pyfftw(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`full` on FFTW through pyFFTW."""
    return full_on("pyfftw", a, b)


def full_cupy(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`full` on a GPU through CuPy (inputs and result in host memory)."""
    return full_on("cupy", a, b)
