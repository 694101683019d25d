"""Smoothing a long signal chunk by chunk with Dask, checked against the in-memory result.

A noisy sine of 400,000 samples is held as a dask array in 8 chunks and smoothed with a
201-tap Hann window by :func:`discreteconv.chunked.convolve_chunked`: every chunk is convolved
(by FFT) together with the 200 samples that follow it, on Dask's local scheduler. The result is
compared with :func:`discreteconv.convolve` on the whole signal in memory. Both are float64
FFT results, each within the a priori error bound of the exact convolution, so they agree
within twice that bound. An integer signal is then convolved exactly, chunked and in memory,
and compared with ``==``.

Needs the optional extra: ``pip install 'discreteconv[dask]'``.
Run it with ``python examples/chunked_signal.py``.
"""

from __future__ import annotations

import math

import dask.array as da
import numpy as np

import discreteconv as dc
from discreteconv.chunked import convolve_chunked

SAMPLES = 400_000
CHUNK = 50_000
TAPS = 201
UNIT_ROUNDOFF = 2.0**-53


def fft_error_bound(a: np.ndarray, kernel: np.ndarray) -> float:
    """The a priori bound on a float64 FFT convolution's error, as check_against_exact states it.

    ``e(N) * ||a||_2 * ||kernel||_2`` (Brent and Zimmermann, *Modern Computer Arithmetic*,
    Theorem 3.3.2, ``n = ceil(log2 N)`` for a transform of length ``N``), plus the rounding of a
    direct sum, ``(m + 2) u max(|a| * |kernel|)``, in case a chunk is convolved directly.
    """
    u = UNIT_ROUNDOFF
    n = math.ceil(math.log2(2 * (a.size + kernel.size)))
    factor = (1 + u) ** (3 * n) * (1 + u * math.sqrt(5)) ** (3 * n + 1) * (1 + 2 * u) ** (3 * n) - 1
    peak = float(np.abs(a).max()) * float(np.abs(kernel).sum())
    return factor * float(np.linalg.norm(a)) * float(np.linalg.norm(kernel)) \
        + (kernel.size + 2) * u * peak


def main() -> None:
    rng = np.random.default_rng(2024)
    t = np.arange(SAMPLES)
    signal = np.sin(2 * np.pi * t / 5_000) + 0.5 * rng.standard_normal(SAMPLES)
    window = np.hanning(TAPS)
    window /= window.sum()

    lazy = convolve_chunked(da.from_array(signal, chunks=CHUNK), window, mode="same")
    print(f"signal: {SAMPLES} samples in {lazy.numblocks[0]} chunks; kernel: {TAPS} taps")
    print(f"lazy result: {type(lazy).__module__}.{type(lazy).__name__}, shape {lazy.shape}")
    chunked = lazy.compute()
    in_memory = dc.convolve(signal, window, mode="same")
    difference = float(np.abs(chunked - in_memory).max())
    bound = 2 * fft_error_bound(signal, window)
    print(f"max |chunked - in memory| = {difference:.2e}, bound = {bound:.2e}")
    print(f"the chunked result equals the in-memory one within the bound: {difference <= bound}")

    counts = rng.integers(0, 1_000, size=100_000)
    weights = np.arange(1, 52)
    exact_chunked = convolve_chunked(counts, weights, chunks=9_000, compute=True)
    exact_in_memory = np.asarray(dc.convolve(counts, weights))
    equal = exact_chunked.dtype == np.int64 and np.array_equal(exact_chunked, exact_in_memory)
    print(f"int64 signal, {counts.size // 9_000 + 1} chunks: chunked == in memory: {equal}")
    if not (difference <= bound and equal):
        raise SystemExit("the chunked result differs from the in-memory one")


if __name__ == "__main__":
    main()
