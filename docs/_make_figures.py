"""Regenerate the pictures in docs/images/ (run from anywhere: ``python docs/_make_figures.py``).

Every number drawn comes from discreteconv itself, for the social-media example of the docs:
posts per hour ``f = [3, 0, 5, 0, 2, 1]`` and likes per post by hours since posting
``g = [5, 4, 3, 2, 1]``. The PNGs are small (well under 100 KB each) and carry no timestamp, so
running the script again without changes gives the same files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

import discreteconv as dc

IMAGES = Path(__file__).resolve().parent / "images"
F = dc.Signal([3, 0, 5, 0, 2, 1])
G = dc.Signal([5, 4, 3, 2, 1])
N = 4  # the hour worked out in the docs
BLUE, ORANGE, GREEN, GREY = "#1f77b4", "#ff7f0e", "#2ca02c", "#9e9e9e"


def _save(figure: plt.Figure, name: str) -> None:
    path = IMAGES / name
    figure.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(figure)
    size = path.stat().st_size
    print(f"wrote {path.relative_to(IMAGES.parent.parent)} ({size // 1024} KB)")
    if size >= 100 * 1024:
        raise SystemExit(f"{name} is {size} bytes; keep every picture under 100 KB")


def _stems(axes: Axes, ks: range, values: list[object], color: str, label: str) -> None:
    marker, stems, _ = axes.stem(list(ks), [float(v) for v in values], basefmt=" ")
    marker.set_color(color)
    stems.set_color(color)
    axes.axhline(0, color=GREY, linewidth=0.8)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    axes.set_ylabel(label, rotation=0, ha="right", va="center")
    axes.spines[["top", "right"]].set_visible(False)


def flip_shift_multiply_sum() -> None:
    """f[k], g[k], g[-k], g[n-k] and the products f[k] g[n-k], one panel each, at n = 4."""
    ks = range(-5, 11)
    rows = [
        ("f[k]", [F.at(k) for k in ks], BLUE, "posts in hour k"),
        ("g[k]", [G.at(k) for k in ks], ORANGE, "likes per post, k hours after posting"),
        ("g[−k]", [G.at(-k) for k in ks], ORANGE, "1. flip g"),
        (f"g[{N}−k]", [G.at(N - k) for k in ks], ORANGE, f"2. shift by n = {N}"),
        (f"f[k]·g[{N}−k]", [F.at(k) * G.at(N - k) for k in ks], GREEN, "3. multiply"),
    ]
    figure, axes_list = plt.subplots(len(rows), 1, sharex=True, figsize=(7.5, 7.2))
    for axes, (label, values, color, title) in zip(axes_list, rows, strict=True):
        _stems(axes, ks, values, color, label)
        axes.set_title(title, loc="left", fontsize=10)
        axes.set_ylim(-0.5, max(5.5, max(values) + 1.5))
        for k, v in zip(ks, values, strict=True):
            if v:
                axes.annotate(str(v), (k, v), textcoords="offset points", xytext=(0, 4),
                              ha="center", fontsize=8)
    total = dc.explain(list(F), list(G), N).value
    axes_list[-1].set_title(f"3. multiply, 4. sum: (f*g)[{N}] = 3 + 0 + 15 + 0 + 10 = {total}",
                            loc="left", fontsize=10)
    axes_list[-1].set_xticks(list(ks))
    axes_list[-1].set_xlabel("k")
    figure.tight_layout()
    _save(figure, "flip_shift_multiply_sum.png")


def _cells(axes: Axes, y: float, first: int, values: list[object], color: str,
           dim: set[int] = frozenset()) -> None:
    for offset, value in enumerate(values):
        x = first + offset
        faded = x in dim
        axes.add_patch(Rectangle((x - 0.45, y - 0.35), 0.9, 0.7,
                                 facecolor="white" if faded else color,
                                 edgecolor=GREY if faded else color, alpha=1.0 if faded else 0.35))
        axes.text(x, y, str(value), ha="center", va="center", fontsize=9,
                  color=GREY if faded else "black")


def modes() -> None:
    """Which entries of the full result full, same and valid keep; how circular folds."""
    full = dc.convolve(list(F), list(G))
    same = dc.convolve(list(F), list(G), mode="same")
    valid = dc.convolve(list(F), list(G), mode="valid")
    circular = dc.convolve(list(F), list(G), mode="circular")
    n, m = len(F), len(G)
    same_first, valid_first = (m - 1) // 2, min(n, m) - 1
    figure, axes = plt.subplots(figsize=(8, 3.6))
    everything = set(range(len(full)))
    rows = [
        (4, "full", 0, full, set()),
        (3, "same", 0, full, everything - set(range(same_first, same_first + len(same)))),
        (2, "valid", 0, full, everything - set(range(valid_first, valid_first + len(valid)))),
    ]
    for y, label, first, values, dim in rows:
        _cells(axes, y, first, values, BLUE, dim)
        axes.text(-1.0, y, label, ha="right", va="center", fontsize=10)
    # circular: entries n.. of the full result wrap around and are added to 0..
    period = max(n, m)
    _cells(axes, 1, 0, full[:period], BLUE)
    _cells(axes, 1, period, full[period:], ORANGE)
    for x in range(period, len(full)):
        axes.annotate("", xy=(x - period, 0.35), xytext=(x, 0.65),
                      arrowprops={"arrowstyle": "->", "color": ORANGE, "linewidth": 0.8})
    _cells(axes, 0, 0, circular, GREEN)
    axes.text(-1.0, 1, "full", ha="right", va="center", fontsize=10)
    axes.text(-1.0, 0, f"circular\n(period {period})", ha="right", va="center", fontsize=10)
    axes.set_xlim(-3.2, len(full))
    axes.set_ylim(-0.6, 4.8)
    axes.set_xticks(range(len(full)))
    axes.set_xlabel("index n of the full result (f*g)[n]")
    axes.set_yticks([])
    axes.spines[["top", "right", "left"]].set_visible(False)
    axes.set_title("f = [3, 0, 5, 0, 2, 1],  g = [5, 4, 3, 2, 1]", fontsize=10)
    figure.tight_layout()
    _save(figure, "modes.png")


def convolution_versus_correlation() -> None:
    """convolve(f, g) over n = 0..9 next to correlate(f, g) over the lags -4..5."""
    conv = dc.convolve(F, G)
    corr = dc.correlate(F, G)
    ks = range(-4, 10)
    figure, axes_list = plt.subplots(2, 1, sharex=True, sharey=True, figsize=(7.5, 4))
    for axes, result, color, label, title in (
        (axes_list[0], conv, BLUE, "f*g", "convolve(f, g): g flipped, n = 0 .. 9"),
        (axes_list[1], corr, GREEN, "f⋆g", "correlate(f, g): g as it is, lags −4 .. 5"),
    ):
        values = [result.at(k) for k in ks]
        _stems(axes, ks, values, color, label)
        axes.set_title(title, loc="left", fontsize=10)
        for k, v in zip(ks, values, strict=True):
            if v:
                axes.annotate(str(v), (k, v), textcoords="offset points", xytext=(0, 4),
                              ha="center", fontsize=8)
    axes_list[-1].set_xticks(list(ks))
    axes_list[-1].set_ylim(-2, 42)
    axes_list[-1].set_xlabel("n (hour) / lag")
    figure.tight_layout()
    _save(figure, "convolution_vs_correlation.png")


def likes_per_hour() -> None:
    """Posts per hour, likes per post, and the likes per hour they make."""
    likes = dc.convolve(F, G)
    ks = range(0, 10)
    figure, axes_list = plt.subplots(1, 3, figsize=(9, 2.6), sharey=False)
    for axes, signal, color, title, xlabel in (
        (axes_list[0], F, BLUE, "f: posts per hour", "hour"),
        (axes_list[1], G, ORANGE, "g: likes per post", "hours since posting"),
        (axes_list[2], likes, GREEN, "f*g: likes per hour", "hour"),
    ):
        values = [signal.at(k) for k in ks]
        _stems(axes, ks, values, color, "")
        axes.set_title(title, fontsize=10)
        axes.set_xticks(list(ks))
        axes.set_xlabel(xlabel)
    figure.tight_layout()
    _save(figure, "likes_per_hour.png")


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    flip_shift_multiply_sum()
    modes()
    convolution_versus_correlation()
    likes_per_hour()


if __name__ == "__main__":
    main()
