"""Plots of distributions with matplotlib, which is imported here only, inside the functions.

``import discreteconv`` never imports matplotlib. A figure is drawn without pyplot (so no
window, no display and no global state are needed) unless pyplot is already in use and the
figure is not only saved to a file: it then joins pyplot's figures and ``plt.show()`` shows it.
Nothing here ever calls ``show``.

Examples
--------
>>> import discreteconv as dc
>>> figure = plot_distributions([3 @ dc.die(6), dc.keep_highest(dc.die(6), 4, 3)],
...                             labels=["3d6", "4d6 drop lowest"])
>>> [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
['3d6', '4d6 drop lowest']
"""

from __future__ import annotations

import io
import itertools
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _validate
from .errors import InvalidOptionError

if TYPE_CHECKING:
    from .dist import Distribution

__all__ = ["KINDS", "SUFFIXES", "plot_distributions", "png_bytes"]

#: What :func:`plot_distributions` can draw.
KINDS = ("pmf", "cdf", "at_least")
#: The file types it can save.
SUFFIXES = (".png", ".svg")

_TITLES = {"pmf": "probability of each outcome", "cdf": "at most: P(X ≤ x)",
           "at_least": "at least: P(X ≥ x)"}
_Y_LABELS = {"pmf": "P(X = x)", "cdf": "P(X ≤ x)", "at_least": "P(X ≥ x)"}
_MAX_BARS = 60  # more distinct outcomes than this are drawn as lines, not bars


def _new_figure(saved: bool) -> Any:
    """A figure in pyplot when the user works with pyplot and does not just want a file,
    else a free-standing one (which nothing keeps alive once it is dropped)."""
    if not saved and "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        return plt.figure(layout="constrained")
    from matplotlib.figure import Figure

    return Figure(layout="constrained")


def _position(outcome: Any) -> float:
    return float(Fraction(outcome))  # bools are 0 and 1


def _values(dist: Distribution, kind: str) -> list[float]:
    if kind == "pmf":
        table = dist.pmf()
    elif kind == "cdf":
        table = dist.cdf_table()
    else:
        table = dist.at_least_table()
    return [float(p) for p in table.values()]


def _check(dists: Any, labels: Sequence[str] | None, kind: str, path: Any
           ) -> tuple[list[Distribution], list[str] | None]:
    from .dist import Distribution

    _validate.choice("kind", kind, KINDS)
    if path is not None:
        suffix = Path(path).suffix.lower()
        if suffix not in SUFFIXES:
            raise InvalidOptionError(
                f"path must end in {' or '.join(SUFFIXES)}; received {str(path)!r}")
    found = [dists] if isinstance(dists, Distribution) else list(dists)
    if not found:
        raise InvalidOptionError("plot_distributions needs at least one distribution")
    for dist in found:
        if not isinstance(dist, Distribution):
            raise InvalidOptionError(
                f"plot_distributions takes Distributions; received {type(dist).__name__}")
    if labels is not None:
        labels = [str(label) for label in labels]
        if len(labels) != len(found):
            raise InvalidOptionError(
                f"{len(labels)} label(s) for {len(found)} distribution(s); give one each")
    return found, labels


def plot_distributions(dists: Distribution | Sequence[Distribution],
                       labels: Sequence[str] | None = None, kind: str = "pmf",
                       path: str | Path | None = None, ax: Any = None) -> Any:
    """Draw one or several distributions side by side.

    Parameters
    ----------
    dists : Distribution or sequence of Distribution
    labels : sequence of str, optional
        One per distribution; they make the legend (and the title, for a few).
    kind : {'pmf', 'cdf', 'at_least'}
        ``'pmf'``: grouped bars (lines past 60 outcomes) of ``P(X = x)``; ``'cdf'``: steps of
        ``P(X <= x)``; ``'at_least'``: steps of ``P(X >= x)``.
    path : str or Path, optional
        Save the figure there; the name must end in ``.png`` or ``.svg``.
    ax : matplotlib.axes.Axes, optional
        Draw into these axes instead of a new figure. A new figure is one of pyplot's when
        pyplot is imported and no ``path`` is given, else a free-standing ``Figure``.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (``ax.figure`` when ``ax`` was given).

    Raises
    ------
    discreteconv.InvalidOptionError
        For an unknown ``kind``, a ``path`` with another suffix, or labels that do not match.
    """
    found, labels = _check(dists, labels, kind, path)
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    if ax is None:
        figure = _new_figure(saved=path is not None)
        ax = figure.add_subplot()
    figure = ax.figure
    names = labels or [None] * len(found)
    everything = sorted({o for dist in found for o in dist.outcomes})
    if kind == "pmf" and len(everything) <= _MAX_BARS:
        _bars(ax, found, names, [_position(o) for o in everything])
    else:
        for dist, name in zip(found, names, strict=True):
            x, y = [_position(o) for o in dist.outcomes], _values(dist, kind)
            if kind == "pmf":
                ax.plot(x, y, drawstyle="steps-mid", label=name)
            else:
                where = "post" if kind == "cdf" else "pre"
                ax.step(x, y, where=where, label=name, marker="o" if len(x) <= 40 else None,
                        markersize=3)
    if all(isinstance(o, bool) for o in everything):
        ax.set_xticks([0, 1], ["False", "True"])
    elif all(isinstance(o, int) for o in everything):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax.set_ylim(bottom=0, top=1.04 if kind != "pmf" else None)
    ax.set_xlabel("outcome x")
    ax.set_ylabel(_Y_LABELS[kind])
    title = _TITLES[kind]
    if labels and len(labels) <= 3:
        title = f"{' vs '.join(labels)}: {title}"
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    if labels:
        ax.legend()
    if path is not None:
        figure.savefig(path)
    return figure


def _bars(ax: Any, found: list[Distribution], names: list[str | None],
          positions: list[float]) -> None:
    """Grouped bars: each distribution's bar offset within a slot around its outcome."""
    gaps = [b - a for a, b in itertools.pairwise(positions)]
    slot = 0.8 * (min(gaps) if gaps else 1.0)
    width = slot / len(found)
    for index, (dist, name) in enumerate(zip(found, names, strict=True)):
        offset = -slot / 2 + width * (index + 0.5)
        x = [_position(o) + offset for o in dist.outcomes]
        ax.bar(x, _values(dist, "pmf"), width=width, label=name)


def png_bytes(dist: Distribution) -> bytes:
    """The PMF of ``dist`` as PNG bytes (Jupyter's ``_repr_png_``), drawn without pyplot."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 3.2), layout="constrained")
    plot_distributions([dist], ax=figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
