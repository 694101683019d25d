"""Flip-and-shift pictures of continuous convolution (discreteconv.symbolic.figures).

The results are written by hand here: the shaded area, computed from the vertices matplotlib
holds, must equal the value of the result at the time shown.
"""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import sys

import numpy as np
import pytest
import sympy
from sympy import DiracDelta, E, Piecewise, exp, sqrt
from sympy import Heaviside as u

os.environ.setdefault("MPLBACKEND", "Agg")

from discreteconv.errors import InvalidEntryError, InvalidOptionError
from discreteconv.symbolic.figures import (
    MAX_FRAMES,
    animate_convolution,
    convolution_figure,
    save_convolution_figure,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
t = sympy.Symbol("t", real=True)
HALF = sympy.S.Half
RECT = u(t + HALF) - u(t - HALF)
GATE = u(t) - u(t - 1)  # 1 on [0, 1)
TRIANGLE = Piecewise((t + 1, (t >= -1) & (t < 0)), (1 - t, (t >= 0) & (t < 1)), (0, True))
DECAY = exp(-t) * u(t)
DECAY_GATE = Piecewise((1 - exp(-t), (t >= 0) & (t < 1)), ((E - 1) * exp(-t), t >= 1), (0, True))
ROOT_GATE = Piecewise((sympy.Rational(2, 3) * t ** sympy.Rational(3, 2), (t >= 0) & (t < 1)),
                      (sympy.Rational(2, 3) * (t ** sympy.Rational(3, 2)
                                               - (t - 1) ** sympy.Rational(3, 2)), t >= 1),
                      (0, True))
SINE_ARCH = sympy.sin(t) * (u(t) - u(t - sympy.pi))
SINE_GATE = Piecewise((1 - sympy.cos(t), (t >= 0) & (t < 1)),
                      (sympy.cos(t - 1) - sympy.cos(t), (t >= 1) & (t < sympy.pi)),
                      (sympy.cos(t - 1) + 1, (t >= sympy.pi) & (t < sympy.pi + 1)), (0, True))

# name: (f, g, result, at, (f*g)(at) worked out by hand)
CASES = {
    "rect-rect": (RECT, RECT, TRIANGLE, 0.5, 0.5),
    "rect-rect-left": (RECT, RECT, TRIANGLE, -0.25, 0.75),
    "rect-rect-min-max": (RECT, RECT, sympy.Max(0, 1 - sympy.Abs(t)), 0.3, 0.7),
    "decay-gate-rising": (DECAY, GATE, DECAY_GATE, 0.5, 1 - math.exp(-0.5)),
    "decay-gate-falling": (DECAY, GATE, DECAY_GATE, 1.5, (math.e - 1) * math.exp(-1.5)),
    "gaussians": (exp(-t**2), exp(-t**2), sqrt(sympy.pi / 2) * exp(-t**2 / 2), 1.0,
                  math.sqrt(math.pi / 2) * math.exp(-0.5)),
    "gaussian-step-erf": (exp(-t**2), u(t), sqrt(sympy.pi) / 2 * (1 + sympy.erf(t)), 0.5,
                          math.sqrt(math.pi) / 2 * (1 + math.erf(0.5))),
    "root-gate": (sqrt(t) * u(t), GATE, ROOT_GATE, 1.5, 2 / 3 * (1.5**1.5 - 0.5**1.5)),
    "sine-gate": (SINE_ARCH, GATE, SINE_GATE, 2.0, math.cos(1) - math.cos(2)),
}


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    """Figures drawn while pyplot is in use are pyplot's: close them after each test."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def shaded_area(ax) -> float:
    """The signed area under the shaded polygon, from its vertices (trapezoids along its edge;
    the edges back along the τ axis add nothing)."""
    (fill,) = ax.collections
    (path,) = fill.get_paths()
    x, y = path.vertices[:, 0], path.vertices[:, 1]
    return float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1])) / 2)


def area_text(ax) -> str:
    (text,) = [text for text in ax.texts if text.get_gid() == "area"]
    return text.get_text()


def arrows(ax, gid: str) -> list[tuple[float, float]]:
    """The visible delta arrows of one kind, as (position, height)."""
    return sorted((float(a.xy[0]), float(a.xy[1])) for a in ax.texts
                  if a.get_gid() == gid and a.get_visible())


@pytest.mark.parametrize("name", list(CASES))
def test_shaded_area_title_and_marker_show_the_value(name: str) -> None:
    f, g, result, at, value = CASES[name]
    figure = convolution_figure(f, g, t, result, at)
    top, bottom = figure.axes
    assert shaded_area(top) == pytest.approx(value, rel=2e-3, abs=1e-4)
    assert top.get_title() == f"t = {at:.2f}: (f*g)(t) = {value:.3g}"
    legend = [text.get_text() for text in top.get_legend().get_texts()]
    assert legend == ["f(τ)", "g(t − τ)", "f(τ)g(t − τ)"]
    assert area_text(top) == f"shaded area {value:.3g}"
    assert (len(top.lines), len(bottom.lines)) == (3, 3)
    faint, traced, marker = bottom.lines
    assert list(marker.get_xdata()) == [at]
    assert marker.get_ydata()[0] == pytest.approx(value, rel=1e-9)
    assert max(traced.get_xdata()) == at and traced.get_ydata()[-1] == marker.get_ydata()[0]
    assert faint.get_alpha() < 1 and traced.get_alpha() is None  # the whole curve is faint
    assert faint.get_xdata()[0] == bottom.get_xlim()[0]
    assert faint.get_xdata()[-1] == bottom.get_xlim()[1]
    assert top.get_xlabel() == "τ" and bottom.get_xlabel() == "t"


def test_lines_are_f_and_g_flipped_and_shifted() -> None:
    figure = convolution_figure(DECAY, GATE, t, DECAY_GATE, 1.5, labels=("x", "h"))
    top, bottom = figure.axes
    f_line, g_line, shift = top.lines
    tau = np.asarray(f_line.get_xdata())
    inside = (tau > 0.01) & (tau < 1.49)
    assert np.allclose(np.asarray(f_line.get_ydata())[inside], np.exp(-tau[inside]))
    assert np.all(np.asarray(f_line.get_ydata())[tau < 0] == 0)
    tau, g_values = np.asarray(g_line.get_xdata()), np.asarray(g_line.get_ydata())
    assert np.all(g_values[(tau > 0.51) & (tau < 1.49)] == 1)  # g(1.5 − τ) is 1 on (0.5, 1.5)
    assert np.all(g_values[(tau < 0.49) | (tau > 1.51)] == 0)
    assert list(shift.get_xdata()) == [1.5, 1.5]
    assert top.get_title().startswith("t = 1.50: (x*h)(t) = 0.383")
    legend = [text.get_text() for text in top.get_legend().get_texts()]
    assert legend == ["x(τ)", "h(t − τ)", "x(τ)h(t − τ)"]
    assert bottom.get_ylabel() == "(x*h)(t)"


def test_jumps_are_upright_with_heaviside_one_half_at_zero() -> None:
    figure = convolution_figure(RECT, RECT, t, TRIANGLE, 0.0)
    f_line = figure.axes[0].lines[0]
    x, y = np.asarray(f_line.get_xdata()), np.asarray(f_line.get_ydata())
    (at_jump,) = np.nonzero(x == 0.5)[0]
    assert y[at_jump] == 0.5  # Heaviside(0) = 1/2
    assert (y[at_jump - 1], y[at_jump + 1]) == (1.0, 0.0)
    assert x[at_jump + 1] - x[at_jump - 1] < 1e-6


def test_automatic_ranges() -> None:
    top, bottom = convolution_figure(RECT, RECT, t, TRIANGLE, 0.5).axes
    assert bottom.get_xlim() == pytest.approx((-1.5, 1.5))  # [-1, 1] padded by a quarter
    assert top.get_xlim() == pytest.approx((-2.0, 2.0))  # g(t − τ) seen whole at either end
    top, bottom = convolution_figure(DECAY, GATE, t, DECAY_GATE, 0.5).axes
    low, high = bottom.get_xlim()
    assert low < -1 and 7 < high < 8.5  # the tail reaches (e − 1)e^(−t) < 1e-3 max near 7.9
    f, g, result, at, _ = CASES["gaussians"]
    bottom = convolution_figure(f, g, t, result, at).axes[1]
    assert bottom.get_xlim() == pytest.approx((-3.72, 3.72), abs=0.03)  # no breakpoints
    small = convolution_figure(RECT / 10, DiracDelta(t), t, RECT / 10, 0.0).axes[1]
    assert small.get_xlim() == pytest.approx((-1.0, 1.0))  # at least 2 wide


def test_given_ranges_are_kept_and_widened_to_the_time_shown() -> None:
    top, bottom = convolution_figure(RECT, RECT, t, TRIANGLE, 0.5, t_range=(-3, 3),
                                     tau_range=(-5, 5)).axes
    assert (bottom.get_xlim(), top.get_xlim()) == ((-3, 3), (-5, 5))
    bottom = convolution_figure(RECT, RECT, t, TRIANGLE, 2.5, t_range=(-1, 1)).axes[1]
    assert bottom.get_xlim() == (-1, 2.5)


def test_delta_in_f_is_an_arrow_and_its_product() -> None:
    result = 2 * (u(t - HALF) - u(t - 3 * HALF))
    top = convolution_figure(2 * DiracDelta(t - 1), RECT, t, result, 1.2).axes[0]
    assert arrows(top, "delta f") == [(1.0, 2.0)]
    assert arrows(top, "delta product") == [(1.0, 2.0)]  # 2·g(1.2 − 1)
    assert shaded_area(top) == 0
    assert top.get_title() == "t = 1.20: (f*g)(t) = 2"
    assert area_text(top) == "shaded area 2"  # the arrow's height
    away = convolution_figure(2 * DiracDelta(t - 1), RECT, t, result, 0.0).axes[0]
    assert arrows(away, "delta product") == []  # g(−1) = 0: nothing to add


def test_delta_in_g_moves_with_t() -> None:
    result = 3 * (u(t + 3 * HALF) - u(t + HALF))  # 3·rect(t + 1)
    top = convolution_figure(RECT, 3 * DiracDelta(t + 1), t, result, -0.8).axes[0]
    assert np.allclose(arrows(top, "delta g"), [(0.2, 3.0)])  # at τ = t + 1
    assert np.allclose(arrows(top, "delta product"), [(0.2, 3.0)])  # 3·f(0.2)
    assert top.get_title() == "t = -0.80: (f*g)(t) = 3"


def test_deltas_on_both_sides_and_in_the_result() -> None:
    f = 2 * (DiracDelta(t) + DiracDelta(t - 1)) + exp(-t) * DiracDelta(t + 1)
    g = DiracDelta(2 * t - 4)  # δ(t − 2)/2
    result = DiracDelta(t - 2) + DiracDelta(t - 3) + exp(1) / 2 * DiracDelta(t - 1)
    top, bottom = convolution_figure(f, g, t, result, 2.5).axes
    assert np.allclose(arrows(top, "delta f"), [(-1.0, math.e), (0.0, 2.0), (1.0, 2.0)])
    assert arrows(top, "delta g") == [(0.5, 0.5)]
    assert arrows(top, "delta product") == []  # δ·δ only at t = 1, 2, 3
    assert np.allclose(arrows(bottom, "delta result"), [(1, math.e / 2), (2, 1), (3, 1)])
    assert top.get_title() == "t = 2.50: (f*g)(t) = 0"
    assert bottom.get_xlim()[0] < 1 and bottom.get_xlim()[1] > 3


def test_time_symbol_matched_by_name() -> None:
    x = sympy.Symbol("t")  # no assumptions
    rect = u(x + HALF) - u(x - HALF)
    result = sympy.Max(0, 1 - sympy.Abs(x))
    for variable in (x, "t", t):
        top = convolution_figure(rect, rect, variable, result, 0.5).axes[0]
        assert shaded_area(top) == pytest.approx(0.5, rel=1e-6)
    constant = convolution_figure(RECT, RECT, t, sympy.Integer(1), 0.2).axes[1].lines[0]
    assert set(constant.get_ydata()) == {1.0}  # a constant is drawn across the whole range


def test_png_and_svg_files(tmp_path) -> None:
    png = save_convolution_figure(DECAY, GATE, t, DECAY_GATE, 1.5, tmp_path / "flip.png")
    assert png == tmp_path / "flip.png"
    assert png.read_bytes().startswith(PNG_SIGNATURE) and png.stat().st_size > 10_000
    svg = save_convolution_figure(RECT, RECT, t, TRIANGLE, 0.5, str(tmp_path / "flip.SVG"),
                                  labels=("x", "y"), t_range=(-2, 2))
    text = svg.read_text()
    assert text.startswith("<?xml") and "<svg" in text


def test_bad_suffix_and_options_draw_nothing(tmp_path) -> None:
    for name in ("flip.pdf", "flip", "flip.png.txt", "flip.gif"):
        with pytest.raises(InvalidOptionError,
                           match=r"path must end in \.png or \.svg; received '.*flip"):
            save_convolution_figure(RECT, RECT, t, TRIANGLE, 0.5, tmp_path / name)
    with pytest.raises(InvalidOptionError, match=r"path must end in \.gif; received"):
        animate_convolution(RECT, RECT, t, TRIANGLE, tmp_path / "sweep.png", frames=2)
    with pytest.raises(InvalidOptionError, match=r"unknown option\(s\) frames; accepted: t_range"):
        save_convolution_figure(RECT, RECT, t, TRIANGLE, 0.5, tmp_path / "a.png", frames=3)
    assert list(tmp_path.iterdir()) == []


def test_gif_is_written(tmp_path) -> None:
    from PIL import Image

    path = animate_convolution(DECAY, GATE, t, DECAY_GATE, tmp_path / "sweep.gif", frames=4,
                               fps=5)
    assert path == tmp_path / "sweep.gif"
    assert path.read_bytes().startswith(b"GIF8")
    with Image.open(path) as image:
        assert image.n_frames == 4
        assert image.info["duration"] == 200  # 5 frames a second
        pictures = []
        for index in range(4):
            image.seek(index)
            pictures.append(np.asarray(image.convert("RGB"), dtype=int))
    orange, jumps = np.array([255, 127, 14]), []  # g(t − τ) is orange, redrawn on each frame
    for picture in pictures:
        orange_pixels = np.abs(picture - orange).sum(axis=2) < 40
        (columns,) = np.nonzero(orange_pixels.sum(axis=0) > 30)  # its upright jumps
        jumps.append(columns.mean())
    assert all(a < b for a, b in itertools.pairwise(jumps))  # sliding right as t grows


def test_gif_with_deltas(tmp_path) -> None:
    result = 3 * (u(t + 3 * HALF) - u(t + HALF))
    path = animate_convolution(RECT, 3 * DiracDelta(t + 1), "t", result,
                               str(tmp_path / "delta.GIF"), frames=3, t_range=(-2, 0))
    assert path.read_bytes().startswith(b"GIF8")


@pytest.mark.parametrize("frames", [MAX_FRAMES + 1, 0, 2.5, True, "10"])
def test_frame_count_is_bounded(tmp_path, frames) -> None:
    with pytest.raises(InvalidOptionError,
                       match=rf"frames must be an integer from 1 to 300; received {frames!r}"):
        animate_convolution(RECT, RECT, t, TRIANGLE, tmp_path / "a.gif", frames=frames)
    with pytest.raises(InvalidOptionError, match="fps must be positive"):
        animate_convolution(RECT, RECT, t, TRIANGLE, tmp_path / "a.gif", frames=2, fps=0)
    assert list(tmp_path.iterdir()) == []


def test_free_parameters_are_named() -> None:
    a, b = sympy.symbols("a b", positive=True)
    with pytest.raises(InvalidEntryError,
                       match=r"f depends on a as well as t: substitute numbers for the "
                             r"parameter a before drawing, e\.g\. f\.subs\(a, 2\)"):
        convolution_figure(exp(-a * t) * u(t), RECT, t, TRIANGLE, 0.5)
    with pytest.raises(TypeError, match=r"result depends on a, b as well as t: .*parameters"):
        convolution_figure(RECT, RECT, t, a * b * TRIANGLE, 0.5)


def test_bad_entries() -> None:
    with pytest.raises(InvalidEntryError, match=r"received str; parse text with .*_function first"):
        convolution_figure("exp(-t)*u(t)", RECT, t, TRIANGLE, 0.5)
    with pytest.raises(InvalidEntryError, match="must be a SymPy expression; received list"):
        convolution_figure(RECT, [1, 2], t, TRIANGLE, 0.5)
    with pytest.raises(InvalidEntryError, match="cannot evaluate f = h"):
        convolution_figure(sympy.Function("h")(t), RECT, t, TRIANGLE, 0.5)


@pytest.mark.parametrize(("options", "message"), [
    ({"at": "1"}, "at must be a finite real number; received '1'"),
    ({"at": math.nan}, "at must be a finite real number; received nan"),
    ({"at": sympy.Symbol("s")}, "at must be a finite real number; received s"),
    ({"t_range": (2, 1)}, r"t_range must have low < high; received \(2, 1\)"),
    ({"tau_range": 3}, "tau_range must be two numbers"),
    ({"labels": "fg"}, "labels must be two strings"),
    ({"labels": ("f", "g", "h")}, "labels must be two strings"),
    ({"t": 3}, "t must be a SymPy Symbol or a name; received 3"),
])
def test_bad_options(options: dict, message: str) -> None:
    arguments = {"f": RECT, "g": RECT, "t": t, "result": TRIANGLE, "at": 0.5, **options}
    with pytest.raises(InvalidOptionError, match=message):
        convolution_figure(**arguments)


def test_figures_join_pyplot_only_when_it_is_in_use(tmp_path) -> None:
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    figure = convolution_figure(RECT, RECT, t, TRIANGLE, 0.5)
    assert figure.number in plt.get_fignums() and len(plt.get_fignums()) == before + 1
    save_convolution_figure(RECT, RECT, t, TRIANGLE, 0.5, tmp_path / "saved.png")
    animate_convolution(RECT, RECT, t, TRIANGLE, tmp_path / "saved.gif", frames=1)
    assert len(plt.get_fignums()) == before + 1


def test_import_does_not_load_matplotlib() -> None:
    code = "import sys, discreteconv.symbolic.figures; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
