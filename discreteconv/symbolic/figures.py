"""Pictures of a continuous convolution: "flip and shift", as a figure or an animated GIF.

At a time ``t`` the top panel shows ``f(τ)`` and ``g(t − τ)`` (g flipped, then shifted by t) on
the τ axis with their product shaded: the shaded area is ``(f*g)(t)``. The bottom panel traces
``(f*g)(t)`` up to ``t``, where a marker sits, the rest faint. A term ``w·δ(t − p)`` is an arrow
of height ``w`` at ``p``. matplotlib is imported inside the functions only; a figure joins pyplot
only when pyplot is in use and the figure is not just saved (as in :mod:`discreteconv.plot`).
See :func:`convolution_figure` for an example.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from ..errors import InvalidEntryError, InvalidOptionError
from ._expr import as_expr

__all__ = ["FIGURE_SUFFIXES", "MAX_FRAMES", "animate_convolution", "convolution_figure",
           "save_convolution_figure"]

#: The file types :func:`save_convolution_figure` writes.
FIGURE_SUFFIXES = (".png", ".svg")
#: The most frames :func:`animate_convolution` draws.
MAX_FRAMES = 300

_SAMPLES = 801  # across a panel, plus each breakpoint and a point just either side of it
_SEARCH = (50.0, 4001)  # half width and samples of the grid that finds where a function matters
_NEGLIGIBLE = 1e-3  # |f| below this fraction of its maximum is outside the automatic range
_REACH = 4.0  # how far past its breakpoints (or centre) a function that never decays is shown
_FIGSIZE, _GIF_DPI = (7.0, 6.0), 80
_Points = tuple[tuple[float, float], ...]  # (position, weight or height) of delta arrows

_NUMERIC_NAMES = {  # Heaviside(x, H0) is H0 (1/2 unless given) at 0; deltas are drawn apart
    "Heaviside": lambda x, middle=0.5: np.where(np.greater(x, 0), 1.0,
                                                np.where(np.less(x, 0), 0.0, float(middle))),
    "DiracDelta": lambda x, *order: np.zeros_like(np.asarray(x, dtype=float)),
    "erf": np.vectorize(math.erf, otypes=[float]),
    "erfc": np.vectorize(math.erfc, otypes=[float])}


@dataclass(frozen=True, eq=False)
class _Signal:
    """An input (or the result): its Dirac deltas apart, the rest evaluated with numpy. What
    numpy cannot compute (``0·∞`` far out on an exponential, √ of a negative) is drawn as 0."""

    deltas: _Points
    points: tuple[float, ...]  # where it jumps or bends
    function: Callable[..., Any]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """The values at ``x``, broadcast to its shape; NaN becomes 0, ±∞ NaN (a gap)."""
        with np.errstate(all="ignore"):
            values = np.asarray(self.function(x))
        if np.iscomplexobj(values):
            values = np.where(np.abs(values.imag) <= 1e-12, values.real, np.nan)
        values = np.array(np.broadcast_to(values.astype(float), np.shape(x)))
        values[np.isnan(values)] = 0.0
        values[np.isinf(values)] = np.nan
        return values

    def at(self, x: float) -> float:
        return float(np.nan_to_num(self(np.array([x]))[0]))  # a gap (±∞) counts as 0


def _signals(f: Any, g: Any, result: Any, t: Any) -> list[_Signal]:
    """Check the three expressions and turn each into a :class:`_Signal` of one symbol."""
    name = t.name if isinstance(t, sympy.Symbol) else t
    if not isinstance(name, str) or not name.isidentifier():
        raise InvalidOptionError(f"t must be a SymPy Symbol or a name; received {t!r}")
    symbol, found = sympy.Symbol(name, real=True), []
    for which, value in (("f", f), ("g", g), ("result", result)):
        try:
            expression = None if isinstance(value, str) else as_expr(value)
        except (sympy.SympifyError, InvalidEntryError):  # not one value: the message below
            expression = None
        if not isinstance(expression, sympy.Expr):
            hint = "; parse text with discreteconv.symbolic.parse.parse_function first" \
                if isinstance(value, str) else ""
            raise InvalidEntryError(
                f"{which} must be a SymPy expression; received {type(value).__name__}{hint}")
        if others := sorted({s.name for s in expression.free_symbols} - {name}):
            listed = ", ".join(others)
            raise InvalidEntryError(
                f"{which} depends on {listed} as well as {name}: substitute numbers for the "
                f"parameter{'s' if len(others) > 1 else ''} {listed} before drawing, "
                f"e.g. {which}.subs({others[0]}, 2)")
        expression = expression.subs({s: symbol for s in expression.free_symbols})
        smooth, deltas = _split_deltas(expression, symbol)
        try:
            function = sympy.lambdify(symbol, smooth, modules=[_NUMERIC_NAMES, "numpy"])
            signal = _Signal(deltas, tuple(sorted(_breakpoints(smooth, symbol))), function)
            signal(np.linspace(-1.0, 1.0, 5))
        except (NameError, TypeError, ValueError, AttributeError, ArithmeticError,
                NotImplementedError) as error:
            raise InvalidEntryError(
                f"cannot evaluate {which} = {smooth} numerically: {error}") from None
        found.append(signal)
    return found


def _linear_root(expression: sympy.Expr, t: sympy.Symbol) -> tuple[float, float] | None:
    """``(root, slope)`` when ``expression`` is ``slope·t + c`` with numbers, else None."""
    slope = sympy.diff(expression, t)
    if slope.free_symbols:
        return None
    try:
        slope_value = float(slope)
        root = -float(expression.subs(t, 0)) / slope_value
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return (root, slope_value) if math.isfinite(root) else None


def _split_deltas(expression: sympy.Expr, t: sympy.Symbol) -> tuple[sympy.Expr, _Points]:
    """Take the terms ``w·δ(a·t + b)`` out as (position, weight); other deltas count as 0."""
    smooth: list[sympy.Expr] = []
    weights: dict[float, float] = {}
    for term in sympy.Add.make_args(expression):
        has_delta = term.has(sympy.DiracDelta)
        for piece in sympy.Add.make_args(sympy.expand_mul(term)) if has_delta else (term,):
            found = _delta_term(piece, t) if has_delta else None
            if found is None:
                smooth.append(piece)
            else:
                weights[found[0]] = weights.get(found[0], 0.0) + found[1]
    return sympy.Add(*smooth), tuple(sorted(weights.items()))


def _delta_term(term: sympy.Expr, t: sympy.Symbol) -> tuple[float, float] | None:
    factors = sympy.Mul.make_args(term)
    deltas = [factor for factor in factors if isinstance(factor, sympy.DiracDelta)]
    if len(deltas) != 1 or (len(deltas[0].args) > 1 and deltas[0].args[1] != 0):
        return None  # none, a product of deltas, or a derivative
    rest = sympy.Mul(*(factor for factor in factors if factor is not deltas[0]))
    root = _linear_root(deltas[0].args[0], t)
    if root is None or rest.has(sympy.DiracDelta):
        return None
    try:  # δ(a·t + b) = δ(t − p) / |a|
        weight = complex(rest.subs(t, root[0])) / abs(root[1])
    except (TypeError, ValueError):
        return None
    return (root[0], weight.real) if abs(weight.imag) <= 1e-12 else None


def _breakpoints(expression: sympy.Expr, t: sympy.Symbol) -> set[float]:
    """Where steps, kinks and Piecewise conditions change, as far as linear roots tell."""
    arguments = [atom.args[0] for atom in expression.atoms(
        sympy.Heaviside, sympy.DiracDelta, sympy.Abs, sympy.sign)]
    for piecewise in expression.atoms(sympy.Piecewise):
        for _, condition in piecewise.args:
            arguments.extend(relation.lhs - relation.rhs for relation in
                             condition.atoms(sympy.core.relational.Relational))
    for extreme in expression.atoms(sympy.Min, sympy.Max):
        arguments.extend(a - b for i, a in enumerate(extreme.args) for b in extreme.args[i + 1:])
    roots = (_linear_root(argument, t) for argument in arguments)
    return {root[0] for root in roots if root is not None}


def _extent(signal: _Signal) -> tuple[float, float, float, float] | None:
    """``(low, high, pad_low, pad_high)``: the breakpoints and deltas, widened to where ``|f|``
    exceeds a thousandth of its maximum (or by 4 where it never decays), with a quarter of the
    width as padding at each end, but none at an end where such a tail goes on."""
    points = [*signal.points, *(position for position, _ in signal.deltas)]
    low, high = (min(points), max(points)) if points else (math.inf, -math.inf)
    centre = (low + high) / 2 if points else 0.0
    x = np.linspace(-1, 1, _SEARCH[1]) * max(_SEARCH[0], 2 * (high - low) if points else 0) + centre
    size = np.abs(signal(x))
    finite = np.isfinite(size)
    tails = [False, False]
    if finite.any() and np.max(size[finite]) > 0:
        (where,) = np.nonzero(finite & (size > _NEGLIGIBLE * np.max(size[finite])))
        first, last = float(x[where[0]]), float(x[where[-1]])
        tails = [first < low and np.any(size[:where[0]] != 0),
                 last > high and np.any(size[where[-1] + 1:] != 0)]
        edge = len(x) // 20  # still there this near the ends of the search: it never decays
        if where[0] <= edge:
            first, tails[0] = (low if points else centre) - _REACH, True
        if where[-1] >= len(x) - 1 - edge:
            last, tails[1] = (high if points else centre) + _REACH, True
        low, high = min(low, first), max(high, last)
    if low > high:
        return None
    pad = (high - low) / 4
    return low, high, 0.0 if tails[0] else pad, 0.0 if tails[1] else pad


def _padded(extent: tuple[float, float, float, float]) -> tuple[float, float]:
    """Add the padding, to a width of at least 2."""
    low, high = extent[0] - extent[2], extent[1] + extent[3]
    centre = (low + high) / 2
    return (float(low), float(high)) if high - low >= 2 else (centre - 1, centre + 1)


def _number(name: str, value: Any) -> float:
    try:
        number = math.nan if isinstance(value, (str, bool)) else float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise InvalidOptionError(f"{name} must be a finite real number; received {value!r}")
    return number


def _checked_range(name: str, value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise InvalidOptionError(f"{name} must be two numbers (low, high); received {value!r}")
    low, high = _number(name, value[0]), _number(name, value[1])
    if not low < high:
        raise InvalidOptionError(f"{name} must have low < high; received {value!r}")
    return low, high


class _Scene:
    """Everything that does not change with t: the signals, the ranges, the result curve."""

    def __init__(self, f: Any, g: Any, t: Any, result: Any, labels: Any, t_range: Any,
                 tau_range: Any, at: float | None = None) -> None:
        if (isinstance(labels, str) or not isinstance(labels, Sequence) or len(labels) != 2
                or not all(isinstance(label, str) for label in labels)):
            raise InvalidOptionError(
                f"labels must be two strings, for f and g; received {labels!r}")
        given_t = _checked_range("t_range", t_range)
        given_tau = _checked_range("tau_range", tau_range)
        self.f, self.g, self.result = _signals(f, g, result, t)
        f_extent = _extent(self.f) or (0.0, 0.0, 0.0, 0.0)
        g_extent = _extent(self.g) or (0.0, 0.0, 0.0, 0.0)
        if given_t is None:  # where the result matters, else where f and g meet at all
            both = tuple(a + b for a, b in zip(f_extent, g_extent, strict=True))
            given_t = _padded(_extent(self.result) or both)  # type: ignore[arg-type]
        if at is not None:
            given_t = (min(given_t[0], at), max(given_t[1], at))
        if given_tau is None:  # g(t − τ) matters for t − g_high ≤ τ ≤ t − g_low
            f_low, f_high = _padded(f_extent)
            given_tau = (min(f_low, given_t[0] - g_extent[1]),
                         max(f_high, given_t[1] - g_extent[0]))
        self.labels: tuple[str, str] = (labels[0], labels[1])
        self.t_range = (float(given_t[0]), float(given_t[1]))
        self.tau_range = (float(given_tau[0]), float(given_tau[1]))
        self.t_grid = _grid(self.t_range, self.result.points)
        self.result_values = self.result(self.t_grid)


def _grid(bounds: tuple[float, float], points: Iterable[float]) -> np.ndarray:
    """Even samples plus each breakpoint and a point just either side of it: jumps are drawn
    upright and integrated exactly by the trapezoid rule (``Heaviside(0) = 1/2`` helps)."""
    low, high = bounds
    side = 1e-9 * (high - low)
    extra = [p + d for p in points for d in (-side, 0.0, side) if low < p + d < high]
    return np.unique(np.concatenate([np.linspace(low, high, _SAMPLES), extra]))


class _Frame:
    """What changes with the time t: g(t − τ), the product, its area, the arrows."""

    def __init__(self, scene: _Scene, at: float) -> None:
        f, g = scene.f, scene.g
        self.at, self.value = at, scene.result.at(at)  # the result's deltas left out
        self.tau = _grid(scene.tau_range, [*f.points, *(at - q for q in g.points)])
        self.g_values = g(at - self.tau)
        self.product = np.nan_to_num(f(self.tau) * self.g_values, nan=0.0, posinf=0, neginf=0)
        self.g_arrows = tuple((at - q, w) for q, w in g.deltas)  # the deltas of g(t − τ)
        self.product_arrows = (  # w·g(t − p) for each w·δ(τ − p) of f, and the like for g
            *((p, w * g.at(at - p)) for p, w in f.deltas),
            *((x, w * f.at(x)) for x, w in self.g_arrows))
        trapezoids = np.diff(self.tau) * (self.product[1:] + self.product[:-1]) / 2
        self.area = float(np.sum(trapezoids)) + sum(h for _, h in self.product_arrows)


def _limits(*groups: Any) -> tuple[float, float]:
    """y limits showing 0 and every finite value of the groups, with a margin."""
    values = np.concatenate([[0.0], *(np.asarray(group, dtype=float) for group in groups)])
    low, high = np.min(values[np.isfinite(values)]), np.max(values[np.isfinite(values)])
    pad = 0.08 * (high - low)
    return (float(low - pad), float(high + pad)) if high > low else (-0.1, 1.0)


def _arrow(ax: Any, x: float, height: float, color: str, gid: str) -> Any:
    arrow = ax.annotate("", xy=(x, height), xytext=(x, 0.0), annotation_clip=False,
                        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 2,
                                    "shrinkA": 0, "shrinkB": 0, "mutation_scale": 14})
    arrow.set_gid(gid)
    arrow.set_visible(height != 0)
    return arrow


class _Picture:
    """The artists of the two panels, made once and moved for each time t (``moving``)."""

    def __init__(self, figure: Any, scene: _Scene, frames: Sequence[_Frame]) -> None:
        from matplotlib.collections import PolyCollection

        self.scene, (name_f, name_g) = scene, scene.labels
        self.convolution = f"({name_f}*{name_g})(t)"
        top, bottom = figure.subplots(2, 1)
        tau = _grid(scene.tau_range, scene.f.points)
        top.plot(tau, scene.f(tau), color="C0", lw=2, label=f"{name_f}(τ)")
        (self.g_line,) = top.plot([], [], color="C1", lw=2, label=f"{name_g}(t − τ)")
        self.shift_line = top.axvline(0.0, color="0.5", ls=":", lw=1)
        self.fill = PolyCollection([np.zeros((2, 2))], facecolors="C2", edgecolors="C2",
                                   alpha=0.35, label=f"{name_f}(τ){name_g}(t − τ)")
        top.add_collection(self.fill)
        for position, weight in scene.f.deltas:
            _arrow(top, position, weight, "C0", "delta f")
        self.g_arrows = [_arrow(top, 0.0, 0.0, "C1", "delta g") for _ in scene.g.deltas]
        self.product_arrows = [_arrow(top, 0.0, 0.0, "C2", "delta product")
                               for _ in (*scene.f.deltas, *scene.g.deltas)]
        heights = [w for _, w in (*scene.f.deltas, *scene.g.deltas)]
        heights += [h for frame in frames for _, h in frame.product_arrows]
        shown = [array for frame in frames for array in (frame.g_values, frame.product)]
        top.set(xlim=scene.tau_range, ylim=_limits(scene.f(tau), heights, *shown), xlabel="τ")
        top.legend(handles=[*top.lines[:2], self.fill], loc="upper right", fontsize="small")
        self.area = top.text(0.01, 0.97, "", transform=top.transAxes, va="top", color="C2",
                             fontsize="small", gid="area", bbox={"fc": "white", "ec": "none"})
        bottom.plot(scene.t_grid, scene.result_values, color="C2", alpha=0.3, lw=1.5)
        (self.trace,) = bottom.plot([], [], color="C2", lw=2)
        (self.marker,) = bottom.plot([], [], "o", color="C2", markersize=7)
        for position, weight in scene.result.deltas:
            _arrow(bottom, position, weight, "C2", "delta result").set_alpha(0.5)
        bottom.set(xlim=scene.t_range, xlabel="t", ylabel=self.convolution, ylim=_limits(
            scene.result_values, [w for _, w in scene.result.deltas]))
        top.grid(alpha=0.3)
        bottom.grid(alpha=0.3)
        self.title = top.title
        self.moving = [self.fill, self.g_line, self.shift_line, *self.g_arrows,
                       *self.product_arrows, self.trace, self.marker, self.area, self.title]

    def show(self, frame: _Frame) -> None:
        """Move the artists to the time ``frame.at``."""
        self.g_line.set_data(frame.tau, frame.g_values)
        self.shift_line.set_xdata([frame.at, frame.at])
        self.fill.set_verts([np.column_stack([np.r_[frame.tau[0], frame.tau, frame.tau[-1]],
                                              np.r_[0.0, frame.product, 0.0]])])
        self.area.set_text(f"shaded area {frame.area + 0.0:.3g}")
        low, high = self.scene.tau_range
        for arrows, places in ((self.g_arrows, frame.g_arrows),
                               (self.product_arrows, frame.product_arrows)):
            for arrow, (x, height) in zip(arrows, places, strict=True):
                arrow.xy = (x, height)
                arrow.set_position((x, 0.0))
                arrow.set_visible(height != 0 and low <= x <= high)
        before = self.scene.t_grid < frame.at
        self.trace.set_data(np.append(self.scene.t_grid[before], frame.at),
                            np.append(self.scene.result_values[before], frame.value))
        self.marker.set_data([frame.at], [frame.value])
        self.title.set_text(f"t = {frame.at:.2f}: {self.convolution} = {frame.value + 0.0:.3g}")


def _figure(f: Any, g: Any, t: Any, result: Any, at: Any, saved: bool, t_range: Any = None,
            tau_range: Any = None, labels: Any = ("f", "g")) -> Any:
    """The picture at ``at``, in pyplot when it is in use and the figure is not just saved."""
    when = _number("at", at)
    scene = _Scene(f, g, t, result, labels, t_range, tau_range, at=when)
    frame = _Frame(scene, when)
    from matplotlib.figure import Figure

    pyplot = None if saved else sys.modules.get("matplotlib.pyplot")  # if imported already
    figure = (pyplot.figure if pyplot else Figure)(figsize=_FIGSIZE, layout="constrained")
    _Picture(figure, scene, [frame]).show(frame)
    return figure


def convolution_figure(f: Any, g: Any, t: Any, result: Any, at: Any, *,
                       t_range: Any = None, tau_range: Any = None,
                       labels: Sequence[str] = ("f", "g")) -> Any:
    """Draw the "flip and shift" picture of ``(f*g)(t) = ∫ f(τ) g(t − τ) dτ`` at ``t = at``.

    Parameters
    ----------
    f, g, result : sympy.Expr
        The inputs and ``(f*g)(t)`` (e.g. from :func:`discreteconv.convolve_integral`), in the
        symbol ``t`` only: Heaviside (1/2 at 0), Piecewise, Abs, exp, sin, erf, Min, sqrt, ...
        Terms ``w·DiracDelta(t − p)`` are drawn as arrows of height ``w`` at ``p``.
    t : sympy.Symbol or str
        The variable; symbols of its name match whatever their assumptions.
    at : float
        The time shown.
    t_range, tau_range : (float, float), optional
        The t axis (widened to include ``at``) and the τ axis. By default: the breakpoints
        (steps, kinks, Piecewise conditions, deltas) padded by a quarter of their width, at
        least 2 wide; a function that goes on past them is followed while ``|f|`` exceeds a
        thousandth of its maximum, or for 4 where it never decays.
    labels : (str, str)
        The names of f and g.

    Returns
    -------
    matplotlib.figure.Figure
        Top axes: ``f(τ)``, ``g(t − τ)``, a dotted line at ``τ = t``, the product shaded (a
        ``PolyCollection``) and its area; bottom: the result faint, traced up to ``at``, a dot.

    Raises
    ------
    discreteconv.InvalidEntryError
        For an expression that is not SymPy, has parameters or cannot be evaluated.
    discreteconv.InvalidOptionError
        For a bad ``t``, ``at``, range or labels.

    Examples
    --------
    >>> import sympy
    >>> t = sympy.Symbol("t")
    >>> pulse = sympy.Heaviside(t + sympy.S.Half) - sympy.Heaviside(t - sympy.S.Half)
    >>> triangle = sympy.Piecewise((t + 1, (t >= -1) & (t < 0)), (1 - t, (t >= 0) & (t < 1)),
    ...                            (0, True))
    >>> figure = convolution_figure(pulse, pulse, t, triangle, at=0.5)
    >>> figure.axes[0].get_title()
    't = 0.50: (f*g)(t) = 0.5'
    >>> [len(ax.lines) for ax in figure.axes], [float(x) for x in figure.axes[0].get_xlim()]
    ([3, 3], [-2.0, 2.0])
    """
    return _figure(f, g, t, result, at, saved=False, t_range=t_range, tau_range=tau_range,
                   labels=labels)


def _checked_path(path: Any, ends: Sequence[str]) -> Path:
    found = Path(path)
    if found.suffix.lower() not in ends:
        raise InvalidOptionError(f"path must end in {' or '.join(ends)}; received {str(path)!r}")
    return found


def save_convolution_figure(f: Any, g: Any, t: Any, result: Any, at: Any, path: str | Path,
                            **options: Any) -> Path:
    """Save :func:`convolution_figure` (``options``: its keywords) as PNG or SVG, by the
    suffix of ``path``, and return the path. Another suffix or an unknown option raises
    :class:`discreteconv.InvalidOptionError` before anything is drawn."""
    found = _checked_path(path, FIGURE_SUFFIXES)
    if unknown := sorted(set(options) - {"t_range", "tau_range", "labels"}):
        raise InvalidOptionError(f"unknown option(s) {', '.join(unknown)}; accepted: "
                                 "t_range, tau_range, labels")
    _figure(f, g, t, result, at, saved=True, **options).savefig(found)
    return found


def animate_convolution(f: Any, g: Any, t: Any, result: Any, path: str | Path, *,
                        t_range: Any = None, tau_range: Any = None, frames: int = 60,
                        fps: float = 15, labels: Sequence[str] = ("f", "g")) -> Path:
    """Save the picture of :func:`convolution_figure` sweeping t across ``t_range`` as a GIF.

    ``frames`` times (1 to 300) evenly spaced over ``t_range`` are shown, ``fps`` a second,
    on fixed axes. The figure is laid out and drawn once; each frame redraws only what moves
    (blitting) and goes to matplotlib's ``PillowWriter``. Returns the path written, which
    must end in ``.gif``. The other arguments are those of :func:`convolution_figure`.
    """
    from matplotlib.animation import PillowWriter
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    class BlitPillowWriter(PillowWriter):  # takes each frame from the canvas, not a redraw
        def setup(self, fig: Any, outfile: Any, dpi: Any = None) -> None:
            super().setup(fig, outfile, dpi=dpi)
            self.images: list[Any] = []

        def grab_frame(self, **savefig_kwargs: Any) -> None:
            pixels = np.asarray(self.fig.canvas.buffer_rgba())[:, :, :3]
            self.images.append(Image.fromarray(pixels).quantize(method=2))  # fast octree

        def finish(self) -> None:
            self.images[0].save(self.outfile, save_all=True, append_images=self.images[1:],
                                duration=int(1000 / self.fps), loop=0)

    found = _checked_path(path, (".gif",))
    if isinstance(frames, bool) or not isinstance(frames, int) or not 1 <= frames <= MAX_FRAMES:
        raise InvalidOptionError(
            f"frames must be an integer from 1 to {MAX_FRAMES}; received {frames!r}")
    if _number("fps", fps) <= 0:
        raise InvalidOptionError(f"fps must be positive; received {fps!r}")
    scene = _Scene(f, g, t, result, labels, t_range, tau_range)
    shown = [_Frame(scene, float(at)) for at in np.linspace(*scene.t_range, frames)]
    figure = Figure(figsize=_FIGSIZE, dpi=_GIF_DPI, layout="constrained")
    canvas = FigureCanvasAgg(figure)
    picture = _Picture(figure, scene, shown)
    picture.show(shown[-1])
    figure.draw_without_rendering()
    figure.set_layout_engine(None)  # laid out once: the frames neither jitter nor lay out again
    for artist in picture.moving:
        artist.set_animated(True)
    canvas.draw()  # everything that stays
    background = canvas.copy_from_bbox(figure.bbox)
    writer = BlitPillowWriter(fps=fps)
    with writer.saving(figure, str(found), dpi=_GIF_DPI):
        for frame in shown:
            canvas.restore_region(background)
            picture.show(frame)
            for artist in picture.moving:
                figure.draw_artist(artist)
            writer.grab_frame()
    return found
