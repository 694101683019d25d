"""Plots of distributions (discreteconv.plot): files, kinds, several distributions, errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
pytest.importorskip("matplotlib")

import discreteconv as dc
from discreteconv.plot import plot_distributions, png_bytes

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
THREE_D6 = 3 @ dc.die(6)
FOUR_D6_DROP_LOWEST = dc.keep_highest(dc.die(6), 4, 3)


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    """Figures drawn while pyplot is in use are pyplot's: close them after each test."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def test_png_and_svg_files(tmp_path) -> None:
    png, svg = tmp_path / "rolls.png", tmp_path / "rolls.SVG"
    plot_distributions([THREE_D6, FOUR_D6_DROP_LOWEST], labels=["3d6", "4d6dl1"], path=png)
    plot_distributions([THREE_D6], kind="cdf", path=str(svg))
    assert png.read_bytes().startswith(PNG_SIGNATURE) and png.stat().st_size > 5000
    text = svg.read_text()
    assert text.startswith("<?xml") and "<svg" in text


def test_several_distributions_side_by_side() -> None:
    figure = plot_distributions([THREE_D6, FOUR_D6_DROP_LOWEST], labels=["3d6", "4d6dl1"])
    (ax,) = figure.axes
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["3d6", "4d6dl1"]
    assert ax.get_title() == "3d6 vs 4d6dl1: probability of each outcome"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("outcome x", "P(X = x)")
    first, second = ax.containers  # one group of bars each, offset around each outcome
    assert len(first) == len(second) == 16
    assert first[0].get_x() + first[0].get_width() == pytest.approx(second[0].get_x())
    assert first[7].get_height() == pytest.approx(1 / 8)  # P(3d6 = 10)
    assert second[0].get_height() == pytest.approx(1 / 1296)  # P(4d6dl1 = 3)


@pytest.mark.parametrize(("kind", "label"), [("cdf", "P(X ≤ x)"), ("at_least", "P(X ≥ x)")])
def test_step_lines_for_cdf_and_at_least(kind: str, label: str) -> None:
    figure = plot_distributions([THREE_D6, FOUR_D6_DROP_LOWEST], kind=kind)
    (ax,) = figure.axes
    assert ax.get_ylabel() == label and ax.get_legend() is None
    assert len(ax.lines) == 2
    y = list(ax.lines[0].get_ydata())
    if kind == "cdf":
        assert y[0] == pytest.approx(1 / 216) and y[-1] == 1
    else:
        assert y[0] == 1 and y[-1] == pytest.approx(1 / 216)


def test_many_outcomes_are_drawn_as_lines() -> None:
    figure = plot_distributions([100 @ dc.die(6), 110 @ dc.die(6)], labels=["100d6", "110d6"])
    (ax,) = figure.axes
    assert not ax.containers and len(ax.lines) == 2
    assert len(ax.lines[0].get_xdata()) == 501


def test_booleans_are_labelled() -> None:
    (ax,) = plot_distributions(THREE_D6 >= 10).axes
    assert [t.get_text() for t in ax.get_xticklabels()] == ["False", "True"]
    assert [bar.get_height() for bar in ax.containers[0]] == pytest.approx([3 / 8, 5 / 8])


def test_drawing_into_given_axes_and_distribution_plot(tmp_path) -> None:
    from matplotlib.figure import Figure

    figure = Figure()
    left, right = figure.subplots(1, 2)
    assert plot_distributions([THREE_D6], ax=right) is figure
    assert not left.containers and len(right.containers) == 1
    drawn = dc.die(6).plot(kind="at_least", label="d6", path=tmp_path / "d6.png")
    assert drawn.axes[0].get_legend().get_texts()[0].get_text() == "d6"
    assert (tmp_path / "d6.png").read_bytes().startswith(PNG_SIGNATURE)


def test_repr_png_bytes() -> None:
    data = dc.die(6)._repr_png_()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000
    assert png_bytes(THREE_D6).startswith(PNG_SIGNATURE)


def test_figures_join_pyplot_only_when_it_is_in_use(tmp_path) -> None:
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    figure = plot_distributions([THREE_D6])
    assert figure.number in plt.get_fignums() and len(plt.get_fignums()) == before + 1
    png_bytes(THREE_D6)  # Jupyter's picture never becomes a pyplot figure,
    plot_distributions([THREE_D6], path=tmp_path / "saved.svg")  # nor does a saved file
    assert len(plt.get_fignums()) == before + 1


def test_bad_kind_names_the_valid_ones() -> None:
    with pytest.raises(dc.InvalidOptionError,
                       match="kind must be one of 'pmf', 'cdf', 'at_least'; received 'pdf'"):
        plot_distributions([THREE_D6], kind="pdf")
    with pytest.raises(ValueError, match="kind must be one of"):
        dc.die(6).plot(kind="histogram")


def test_bad_suffix_names_the_accepted_ones(tmp_path) -> None:
    for name in ("rolls.pdf", "rolls", "rolls.png.txt"):
        with pytest.raises(dc.InvalidOptionError,
                           match=r"path must end in \.png or \.svg; received '.*rolls"):
            plot_distributions([THREE_D6], path=tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_other_bad_arguments() -> None:
    with pytest.raises(dc.InvalidOptionError, match="1 label"):
        plot_distributions([THREE_D6, THREE_D6], labels=["3d6"])
    with pytest.raises(dc.InvalidOptionError, match="at least one distribution"):
        plot_distributions([])
    with pytest.raises(dc.InvalidOptionError, match="received list"):
        plot_distributions([[1, 2, 3]])


def test_import_does_not_load_matplotlib() -> None:
    code = ("import sys, discreteconv as dc; d = 3 @ dc.die(6); d.to_text(); d._repr_html_(); "
            "import discreteconv.plot; print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
