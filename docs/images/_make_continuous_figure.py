"""Draw docs/images/continuous_flip_and_shift.png (run from anywhere:
``python docs/images/_make_continuous_figure.py``).

The running example of docs/continuous.md: ``f(t) = exp(-t) u(t)`` and the box
``g(t) = u(t) - u(t-1)``, drawn at ``t = 1.5`` by :func:`discreteconv.convolution_figure`. The PNG
is small (under 100 KB) and carries no timestamp or version, so running the script again without
changes gives the same file.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import discreteconv as dc

IMAGE = Path(__file__).resolve().parent / "continuous_flip_and_shift.png"


def main() -> None:
    f = dc.parse_function("exp(-t) u(t)")
    g = dc.parse_function("u(t) - u(t-1)")
    result = dc.convolve_integral(f, g)
    figure = dc.convolution_figure(f, g, "t", result, at=1.5)
    figure.savefig(IMAGE, dpi=80, metadata={"Software": None})
    size = IMAGE.stat().st_size
    print(f"wrote {IMAGE.relative_to(IMAGE.parent.parent.parent)} ({size // 1024} KB)")
    if size >= 100 * 1024:
        raise SystemExit(f"{IMAGE.name} is {size} bytes; keep every picture under 100 KB")


if __name__ == "__main__":
    main()
