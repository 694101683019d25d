"""The CT ramp filter two ways: by the convolution theorem and by direct convolution.

A CT scanner measures *projections*: line integrals of the body's density along parallel rays,
one row of detector readings per angle, stacked into a *sinogram*. Filtered backprojection
rebuilds the image by filtering every row with the *ramp* filter ``|f|`` and smearing the rows
back across the image. The filter can be applied

(a) in the frequency domain: zero-pad each row, FFT it, multiply by the filter's frequency
    response, inverse FFT (the convolution theorem), or
(b) in the spatial domain: convolve each row with the discrete ramp kernel

        h[0] = 1/4,   h[n] = 0 for even n != 0,   h[n] = -1 / (n² π²) for odd n,

    the samples of the inverse Fourier transform of the ramp band-limited to half the sampling
    rate (A. C. Kak and M. Slaney, *Principles of Computerized Tomographic Imaging*, IEEE Press
    1988, chapter 3, eq. (61); with detector spacing tau every entry is divided by tau²).

The script builds the sinogram of a small phantom of ellipses analytically (numpy only), filters
it both ways with ``discreteconv.convolve(..., method="direct")`` for (b), shows that they agree
to rounding, shows how far the naive ``|f|`` sampled on the FFT grid is from both, and
backprojects to an image.

Why (a) must not simply multiply by ``|f_k|``: sampling a frequency response at the ``L`` points
of an FFT grid makes its spatial kernel periodic: it becomes the sum of ``h[n + m L]`` over all
``m`` (time-domain aliasing). The ramp's kernel never ends (its odd taps fall off only as
``1 / n²``), so the naive filter is a circular convolution whose kernel (i) wraps around the
padded row and (ii) has a zero sum (``|0| = 0``), while the band-limited kernel cut to the width
a row can reach, ``|n| <= N - 1``, sums to ``1/4 - (2/π²) sum over odd n <= N-1 of 1/n²``, about
``1 / (π² N) > 0``. Kak & Slaney trace the dc shift and "dishing" of naive reconstructions to
exactly this. Taking the FFT of the zero-padded, truncated kernel as the frequency response
instead makes (a) a linear convolution with ``h``, identical to (b) up to rounding.

Run it with ``python examples/ct_ramp_filter.py [OUTPUT.png]`` (about 3 seconds); the figure
goes to ``ct_ramp.png`` in the current directory unless a path is given.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

import discreteconv as dc

DETECTORS = 256  # readings per projection
ANGLES = 180  # projections over half a turn
SPACING = 2.0 / DETECTORS  # detector spacing tau: the detector covers [-1, 1)
IMAGE_SIZE = 256  # pixels per side of the reconstruction of [-1, 1]²


class Ellipse(NamedTuple):
    """An ellipse of constant density added to the phantom."""

    x: float  # centre
    y: float
    a: float  # semi-axis along the ellipse's own x-axis
    b: float  # semi-axis along its y-axis
    degrees: float  # rotation of that x-axis, counter-clockwise
    density: float  # added to whatever lies below


#: A head-like phantom: a skull of density 1, soft tissue 0.2 inside, and three features.
PHANTOM = (
    Ellipse(0.0, 0.0, 0.72, 0.92, 0.0, 1.0),
    Ellipse(0.0, -0.02, 0.66, 0.86, 0.0, -0.8),
    Ellipse(0.25, 0.2, 0.12, 0.28, -20.0, 0.3),
    Ellipse(-0.25, 0.1, 0.16, 0.22, 15.0, -0.1),
    Ellipse(0.0, -0.5, 0.08, 0.08, 0.0, 0.4),
)


def positions(count: int = DETECTORS, spacing: float = SPACING) -> np.ndarray:
    """Detector (or pixel) centres ``(j - count / 2) * spacing`` for ``j = 0 .. count - 1``."""
    return (np.arange(count) - count // 2) * spacing


def projection_angles(count: int = ANGLES) -> np.ndarray:
    """``count`` equally spaced angles in ``[0, π)``."""
    return np.arange(count) * (np.pi / count)


def phantom_image(size: int = IMAGE_SIZE, phantom: tuple[Ellipse, ...] = PHANTOM) -> np.ndarray:
    """The phantom's density on a ``size`` x ``size`` grid; row ``i`` has ``y = positions[i]``."""
    y, x = np.meshgrid(positions(size, 2.0 / size), positions(size, 2.0 / size), indexing="ij")
    image = np.zeros((size, size))
    for e in phantom:
        c, s = np.cos(np.radians(e.degrees)), np.sin(np.radians(e.degrees))
        u = (x - e.x) * c + (y - e.y) * s  # coordinates along the ellipse's own axes
        v = -(x - e.x) * s + (y - e.y) * c
        image += e.density * ((u / e.a) ** 2 + (v / e.b) ** 2 <= 1.0)
    return image


def sinogram(angles: np.ndarray, detectors: np.ndarray,
             phantom: tuple[Ellipse, ...] = PHANTOM) -> np.ndarray:
    """Exact line integrals of the phantom: row ``k`` is the projection at ``angles[k]``.

    The ray at angle ``theta`` and offset ``t`` is the line ``x cos(theta) + y sin(theta) = t``.
    Its chord through an ellipse with semi-axes ``a``, ``b`` rotated by ``alpha`` and centred at
    the origin has length ``2 a b sqrt(r² - t²) / r²`` for ``|t| <= r``, where
    ``r² = a² cos²(theta - alpha) + b² sin²(theta - alpha)``; a centre ``(x0, y0)`` shifts ``t``
    by ``x0 cos(theta) + y0 sin(theta)``.
    """
    theta = angles[:, np.newaxis]
    result = np.zeros((angles.size, detectors.size))
    for e in phantom:
        relative = theta - np.radians(e.degrees)
        r2 = (e.a * np.cos(relative)) ** 2 + (e.b * np.sin(relative)) ** 2
        t = detectors[np.newaxis, :] - (e.x * np.cos(theta) + e.y * np.sin(theta))
        inside = np.clip(r2 - t * t, 0.0, None)
        result += e.density * 2.0 * e.a * e.b * np.sqrt(inside) / r2
    return result


def ramp_kernel(half_width: int) -> np.ndarray:
    """The band-limited ramp's taps ``h[n]`` for ``n = -half_width .. half_width`` (spacing 1).

    ``h[0] = 1/4``, ``h[n] = 0`` for even ``n != 0`` and ``h[n] = -1 / (n² π²)`` for odd ``n``
    (Kak and Slaney, chapter 3, eq. (61)); the kernel is even, so the flip of convolution does
    not change it.
    """
    n = np.arange(-half_width, half_width + 1)
    kernel = np.zeros(n.size)
    odd = n % 2 == 1
    kernel[odd] = -1.0 / (np.pi * n[odd]) ** 2
    kernel[half_width] = 0.25
    return kernel


def _fft_length(detectors: int) -> int:
    """The smallest power of 2 with room for a linear convolution of a row with ``h``."""
    return 1 << (2 * detectors - 2).bit_length()  # >= 2 * detectors - 1


def ramp_response(detectors: int) -> np.ndarray:
    """The frequency response of (a): the real FFT of ``h`` cut to ``|n| <= detectors - 1``.

    The kernel is placed circularly (``h[n]`` at index ``n mod L``) in a zero row of length
    ``L >= 2 * detectors - 1``, so no product of the FFTs wraps around. Being even, ``h`` has a
    real response, close to ``|f|`` away from ``f = 0`` (see the module docstring).
    """
    length = _fft_length(detectors)
    kernel = ramp_kernel(detectors - 1)
    circular = np.zeros(length)
    circular[:detectors] = kernel[detectors - 1:]  # n = 0 .. N - 1
    circular[length - detectors + 1:] = kernel[:detectors - 1]  # n = -(N - 1) .. -1
    return np.fft.rfft(circular).real


def filter_fft(rows: np.ndarray) -> np.ndarray:
    """(a) Each row zero-padded, FFT, times :func:`ramp_response`, inverse FFT, cut to size."""
    detectors = rows.shape[-1]
    length = _fft_length(detectors)
    spectrum = np.fft.rfft(rows, length, axis=-1) * ramp_response(detectors)
    return np.fft.irfft(spectrum, length, axis=-1)[..., :detectors]


def filter_naive(rows: np.ndarray) -> np.ndarray:
    """Like (a) but with the sampled ramp ``|f_k|`` (cycles per sample) as the response."""
    detectors = rows.shape[-1]
    length = _fft_length(detectors)
    spectrum = np.fft.rfft(rows, length, axis=-1) * np.abs(np.fft.rfftfreq(length))
    return np.fft.irfft(spectrum, length, axis=-1)[..., :detectors]


def filter_direct(rows: np.ndarray) -> np.ndarray:
    """(b) Each row convolved with the ramp kernel by the schoolbook sum (``method="direct"``).

    ``mode="same"`` keeps the entries ``n = 0 .. N - 1`` of the full convolution with the
    kernel of ``2 N - 1`` taps centred on ``h[0]``: every tap a row can reach.
    """
    detectors = rows.shape[-1]
    kernel = ramp_kernel(detectors - 1)
    if rows.ndim == 1:
        return dc.convolve(rows, kernel, mode="same", method="direct")
    return dc.convolve(rows, kernel[np.newaxis, :], mode="same", method="direct", axes=-1)


def backproject(filtered: np.ndarray, angles: np.ndarray, detectors: np.ndarray,
                size: int = IMAGE_SIZE) -> np.ndarray:
    """Smear each filtered projection back along its rays and add: ``(π / K) sum_k q_k(t)``.

    ``filtered`` must already carry the detector spacing (the ramp kernel divided by tau² and
    the convolution sum times tau: the rows of :func:`filter_fft` divided by tau).
    """
    y, x = np.meshgrid(positions(size, 2.0 / size), positions(size, 2.0 / size), indexing="ij")
    image = np.zeros((size, size))
    for theta, row in zip(angles, filtered, strict=True):
        t = x * np.cos(theta) + y * np.sin(theta)
        image += np.interp(t.ravel(), detectors, row, left=0.0, right=0.0).reshape(size, size)
    return image * (np.pi / angles.size)


def relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    """``max |a - b| / max |b|``."""
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def reconstruction_errors(image: np.ndarray, phantom: np.ndarray) -> tuple[float, float]:
    """Mean of a 16 x 16 patch at the centre, and the mean absolute error where ``r < 1``.

    Outside the unit disk no ray reaches the detector (which covers ``[-1, 1)``).
    """
    size = image.shape[0]
    centre = size // 2
    patch = image[centre - 8:centre + 8, centre - 8:centre + 8]
    y, x = np.meshgrid(positions(size, 2.0 / size), positions(size, 2.0 / size), indexing="ij")
    scanned = x * x + y * y < 1.0
    return float(patch.mean()), float(np.mean(np.abs(image - phantom)[scanned]))


def save_figure(phantom: np.ndarray, projections: np.ndarray, filtered: np.ndarray,
                image: np.ndarray, path: Path) -> Path:
    """Phantom, sinogram, filtered sinogram, reconstruction, the kernel and its response."""
    figure, axes = plt.subplots(2, 3, figsize=(11, 7))
    extent_image = (-1.0, 1.0, -1.0, 1.0)
    extent_sinogram = (-1.0, 1.0, 180.0, 0.0)
    panels = [
        ("phantom", phantom, extent_image, "lower"),
        ("sinogram (angle in degrees, detector t)", projections, extent_sinogram, "upper"),
        ("ramp-filtered sinogram", filtered, extent_sinogram, "upper"),
        ("filtered backprojection", image, extent_image, "lower"),
    ]
    for ax, (title, picture, extent, origin) in zip(axes.flat, panels, strict=False):
        low, high = (-0.1, 1.1) if picture is phantom or picture is image else (None, None)
        ax.imshow(picture, cmap="gray", extent=extent, origin=origin, aspect="auto",
                  vmin=low, vmax=high)
        ax.set_title(title, fontsize=10)
    taps = ramp_kernel(8)
    ax = axes[1, 1]
    ax.stem(np.arange(-8, 9), taps, basefmt=" ")
    ax.axhline(0.0, color="#9e9e9e", linewidth=0.8)
    ax.set_title("ramp kernel h[n]: 1/4, 0 (even n), -1/(n²π²) (odd n)", fontsize=10)
    ax = axes[1, 2]
    length = _fft_length(DETECTORS)
    frequencies = np.fft.rfftfreq(length)[:6]  # the first FFT bins, where the two differ most
    ax.plot(frequencies, np.abs(frequencies), "o-", label="|f| sampled (naive)", color="#ff7f0e")
    ax.plot(frequencies, ramp_response(DETECTORS)[:6], "x--", label="FFT of the kernel h",
            color="#1f77b4")
    ax.set_xlabel("frequency (cycles per sample)")
    ax.set_title(f"responses on the first FFT bins (L = {length})", fontsize=10)
    ax.legend(fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=70, metadata={"Software": None})
    plt.close(figure)
    return path


def main(argv: list[str]) -> None:
    output = Path(argv[0]) if argv else Path("ct_ramp.png")
    angles, detectors = projection_angles(), positions()
    projections = sinogram(angles, detectors)
    print(f"sinogram: {ANGLES} angles x {DETECTORS} detectors, spacing tau = {SPACING:g}")

    kernel = ramp_kernel(DETECTORS - 1)
    print(f"ramp kernel h[0..5] = {np.round(kernel[DETECTORS - 1:DETECTORS + 5], 6).tolist()}")
    print(f"ramp kernel sums to {kernel.sum():.3e} (1/(pi^2 N) = {1 / (np.pi**2 * DETECTORS):.3e})")

    by_fft, by_direct = filter_fft(projections), filter_direct(projections)
    difference = relative_difference(by_fft, by_direct)
    agree = difference < 1e-12
    print(f"FFT ramp filter matches direct convolution with the ramp kernel: {agree} "
          f"(max difference {np.max(np.abs(by_fft - by_direct)):.1e}, "
          f"relative {difference:.1e})")
    naive = relative_difference(filter_naive(projections), by_direct)
    print(f"the naive |f| on the FFT grid differs from both by {naive:.1e} of the largest value")

    filtered = by_fft / SPACING
    image = backproject(filtered, angles, detectors)
    phantom = phantom_image()
    for name, reconstruction in (("ramp kernel", image), ("naive |f|", backproject(
            filter_naive(projections) / SPACING, angles, detectors))):
        centre, error = reconstruction_errors(reconstruction, phantom)
        print(f"reconstruction with the {name}: centre {centre:.3f} (phantom 0.200), "
              f"mean absolute error inside the scanned disk {error:.3f}")

    path = save_figure(phantom, projections, filtered, image, output)
    print(f"saved the figure to {path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv[1:])
