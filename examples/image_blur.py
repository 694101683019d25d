"""Blurring a tiny image exactly: 2-D convolution, padding modes, and a separable kernel.

The image is a 5 x 5 grid of brightness values. A blur replaces every pixel by a weighted
average of its neighbourhood, which is a 2-D convolution with a small kernel. With Fraction
weights the averages are exact, so the "blur rows, then blur columns" shortcut can be checked
with ``==`` rather than with a tolerance.

Run it with ``python examples/image_blur.py``.
"""

from __future__ import annotations

from fractions import Fraction

import discreteconv as dc

IMAGE = [
    [0, 0, 0, 0, 0],
    [0, 0, 8, 0, 0],
    [0, 8, 8, 8, 0],
    [0, 0, 8, 0, 0],
    [0, 0, 0, 0, 1],
]
ROW = [Fraction(1, 4), Fraction(1, 2), Fraction(1, 4)]  # the 1-2-1 smoothing weights
KERNEL = dc.convolve([ROW], [[w] for w in ROW])  # 3 x 3 outer product, weights sum to 1


def show(title: str, grid: list[list[object]]) -> None:
    """Print a grid of numbers with aligned columns."""
    cells = [[str(v) for v in row] for row in grid]
    width = max(len(c) for row in cells for c in row)
    print(title)
    for row in cells:
        print("  " + " ".join(c.rjust(width) for c in row))
    print()


def blur(padding_mode: str) -> list[list[Fraction]]:
    """The image blurred with KERNEL; one pixel of padding keeps the 5 x 5 size."""
    return dc.convolve(IMAGE, KERNEL, mode="valid", padding=1, padding_mode=padding_mode)


def main() -> None:
    show("image", IMAGE)
    show("kernel (1-2-1 in both directions, divided by 16)", KERNEL)
    zeros = blur("zeros")
    show("blurred, zeros outside the image", zeros)
    show("blurred, edge pixels repeated outside (padding_mode='nearest')", blur("nearest"))
    # Separable: blur along the rows (axis 1), then along the columns (axis 0).
    # With axes=, only the named axis is convolved and every row (or column) is done separately.
    rows_first = dc.convolve(IMAGE, [ROW], mode="valid", padding=1, axes=1)
    both = dc.convolve(rows_first, [[w] for w in ROW], mode="valid", padding=1, axes=0)
    print(f"rows then columns gives exactly the 2-D blur: {both == zeros}")
    total = sum(sum(row) for row in zeros)
    print(f"total brightness before {sum(map(sum, IMAGE))}, after (zeros padding) {total}")


if __name__ == "__main__":
    main()
