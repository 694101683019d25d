"""Blur, sharpen and edge-detect a real photograph with discreteconv's image kernels.

The photograph is the portrait of Grace Hopper that ships inside matplotlib as sample data
(``matplotlib.cbook.get_sample_data``), so the script needs nothing beyond the base install.
It is turned into a grayscale float image in [0, 1] (600 x 512 pixels, used at full size: every
filter below takes a few hundredths of a second) and filtered with the kernels of
:mod:`discreteconv.kernels` through ``dc.convolve(image, kernel, mode="same",
padding_mode=...)``. The script prints a few facts that can be checked, compares the four
boundary rules at the edges, and saves a side-by-side figure.

Run it with ``python examples/photo_filters.py [OUTPUT.png]`` (about 2 seconds); the figure goes
to ``photo_filters.png`` in the current directory unless a path is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cbook
from matplotlib import image as mpimg

import discreteconv as dc
from discreteconv import kernels

BOUNDARIES = ("zeros", "reflect", "wrap", "nearest")
SIGMA = 3.0  # the Gaussian blur's standard deviation, in pixels
#: ITU-R BT.601 luma weights: how much red, green and blue each add to perceived brightness.
LUMA = np.array([0.299, 0.587, 0.114])


def load_photo() -> np.ndarray:
    """Grace Hopper's portrait from matplotlib's sample data, grayscale float64 in [0, 1]."""
    sample = cbook.get_sample_data("grace_hopper.jpg")  # a path or an open file, by version
    if isinstance(sample, str | Path):
        rgb = mpimg.imread(sample)
    else:
        with sample:
            rgb = mpimg.imread(sample)
    rgb = np.asarray(rgb, dtype=np.float64)
    if rgb.max() > 1.0:  # 8-bit JPEG data
        rgb = rgb / 255.0
    return rgb[..., :3] @ LUMA


def filtered(image: np.ndarray, padding_mode: str = "reflect") -> dict[str, np.ndarray]:
    """The image through each kernel, same size as the image, with one boundary rule."""

    def apply(kernel: np.ndarray) -> np.ndarray:
        return dc.convolve(image, kernel, mode="same", padding_mode=padding_mode)

    gradient_x, gradient_y = apply(kernels.sobel("x")), apply(kernels.sobel("y"))
    return {
        f"Gaussian blur, sigma = {SIGMA:g}": apply(kernels.gaussian(SIGMA)),
        "box blur, 7 x 7": apply(kernels.box(7)),
        "Sobel gradient magnitude": np.hypot(gradient_x, gradient_y),
        "Laplacian": apply(kernels.laplacian()),
        "sharpen": apply(kernels.sharpen()),
        "emboss": apply(kernels.emboss()),
    }


def border_means(image: np.ndarray, sigma: float = SIGMA) -> dict[str, float]:
    """Mean brightness of the top row after a Gaussian blur, for each boundary rule."""
    kernel = kernels.gaussian(sigma)
    return {mode: float(dc.convolve(image, kernel, mode="same", padding_mode=mode)[0].mean())
            for mode in BOUNDARIES}


def blur_mean_change(image: np.ndarray, padding_mode: str, sigma: float = SIGMA) -> float:
    """Relative change of the image's mean brightness caused by a Gaussian blur."""
    blurred = dc.convolve(image, kernels.gaussian(sigma), mode="same", padding_mode=padding_mode)
    return float(abs(blurred.mean() - image.mean()) / image.mean())


def sobel_of_ramp_is_constant(rows: int = 40, columns: int = 50, slope: float = 0.02) -> bool:
    """Sobel x of ``slope * x`` is ``8 * slope`` everywhere away from the border."""
    ramp = slope * np.tile(np.arange(columns, dtype=np.float64), (rows, 1))
    response = dc.convolve(ramp, kernels.sobel("x"), mode="same", padding_mode="reflect")
    interior = response[1:-1, 1:-1]
    return bool(np.allclose(interior, 8 * slope, rtol=1e-12, atol=0))


def auto_versus_direct(image: np.ndarray) -> float:
    """Largest difference between ``method="auto"`` and the schoolbook ``method="direct"``."""
    kernel = kernels.gaussian(SIGMA)
    auto = dc.convolve(image, kernel, mode="same", padding_mode="reflect")
    direct = dc.convolve(image, kernel, mode="same", padding_mode="reflect", method="direct")
    return float(np.max(np.abs(auto - direct)))


def save_figure(image: np.ndarray, path: Path) -> Path:
    """Original, six filters and the zeros-versus-reflect blur, side by side."""
    panels = {"original": image, **filtered(image)}
    blur = kernels.gaussian(2 * SIGMA)
    for mode in ("zeros", "reflect"):
        panels[f"blur, sigma = {2 * SIGMA:g}, {mode} outside"] = dc.convolve(
            image, blur, mode="same", padding_mode=mode)
    figure, axes = plt.subplots(3, 3, figsize=(9, 10.5))
    for ax, (title, picture) in zip(axes.flat, panels.items(), strict=True):
        if title in ("Laplacian", "emboss"):  # centred on the flat-region value
            centre = 0.0 if title == "Laplacian" else float(np.median(picture))
            spread = float(np.percentile(np.abs(picture - centre), 98))
            ax.imshow(picture, cmap="gray", vmin=centre - spread, vmax=centre + spread)
        elif title == "Sobel gradient magnitude":
            ax.imshow(picture, cmap="gray", vmin=0, vmax=float(np.percentile(picture, 99.5)))
        else:
            ax.imshow(picture, cmap="gray", vmin=0, vmax=1)
        ax.set_title(title, fontsize=10)
        ax.set_axis_off()
    figure.tight_layout()
    figure.savefig(path, dpi=55, metadata={"Software": None})
    plt.close(figure)
    return path


def main(argv: list[str]) -> None:
    output = Path(argv[0]) if argv else Path("photo_filters.png")
    image = load_photo()
    rows, columns = image.shape
    print(f"photo: {rows} x {columns} pixels, grayscale in [{image.min():.3f}, {image.max():.3f}]")
    print(f"gaussian kernel sums to 1: {bool(np.isclose(kernels.gaussian(SIGMA).sum(), 1.0))}")
    print(f"sobel-x of a ramp is constant: {sobel_of_ramp_is_constant()}")

    print(f"\nmean brightness of the top row, original {image[0].mean():.4f}; "
          f"after a Gaussian blur (sigma = {SIGMA:g}):")
    for mode, mean in border_means(image).items():
        print(f"  {mode:8s} {mean:.4f}")
    changes = {mode: blur_mean_change(image, mode) for mode in BOUNDARIES}
    print("change of the whole image's mean brightness: "
          + ", ".join(f"{mode} {change:.3%}" for mode, change in changes.items()))
    print(f"blur with reflect keeps the mean within 0.1%: {changes['reflect'] < 0.001}")
    print(f"blur with zeros loses more than 0.5% of the mean: {changes['zeros'] > 0.005}")
    print(f"method='auto' matches method='direct': max abs difference "
          f"{auto_versus_direct(image):.1e}")

    path = save_figure(image, output)
    print(f"\nsaved the figure to {path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv[1:])
