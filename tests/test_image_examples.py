"""The facts the image examples print: photo filters, boundary rules and the CT ramp filter.

The scripts in examples/ are loaded as modules (they are not part of the package), so each
fact is checked on the function that computes it; tests/test_examples.py only runs them.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import small_ints

import discreteconv as dc
from discreteconv import kernels

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _load(name: str) -> ModuleType:
    """Import ``examples/<name>.py`` under a private module name."""
    module_name = f"_example_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


photo = _load("photo_filters")
ct = _load("ct_ramp_filter")


@pytest.fixture(scope="module")
def image() -> np.ndarray:
    return photo.load_photo()


@pytest.fixture(scope="module")
def projections() -> np.ndarray:
    return ct.sinogram(ct.projection_angles(), ct.positions())


# -- the photograph --------------------------------------------------------------------------------


def test_photo_is_a_grayscale_image_in_the_unit_interval(image: np.ndarray) -> None:
    assert image.shape == (600, 512)
    assert image.dtype == np.float64
    assert 0.0 <= image.min() < 0.05
    assert 0.95 < image.max() <= 1.0
    assert image.std() > 0.1  # a picture, not a flat field


def test_every_filter_keeps_the_image_size(image: np.ndarray) -> None:
    panels = photo.filtered(image[:64, :48])
    assert len(panels) == 6
    for picture in panels.values():
        assert picture.shape == (64, 48)
        assert np.isfinite(picture).all()


def test_blur_keeps_the_mean_with_reflect_and_wrap_but_not_zeros(image: np.ndarray) -> None:
    assert photo.blur_mean_change(image, "reflect") < 1e-3
    assert photo.blur_mean_change(image, "nearest") < 1e-3
    # periodic extension and a kernel summing to 1: the total is kept exactly (up to rounding)
    assert photo.blur_mean_change(image, "wrap") < 1e-12
    assert photo.blur_mean_change(image, "zeros") > 5e-3


def test_zeros_darken_the_border_row_and_reflect_does_not(image: np.ndarray) -> None:
    means = photo.border_means(image)
    assert set(means) == {"zeros", "reflect", "wrap", "nearest"}
    original = image[0].mean()
    assert means["zeros"] < 0.7 * original
    assert abs(means["reflect"] - original) < 0.02 * original
    assert abs(means["nearest"] - original) < 0.02 * original


def test_auto_matches_direct_on_the_photo(image: np.ndarray) -> None:
    assert photo.auto_versus_direct(image) < 1e-12


@pytest.mark.parametrize(("rows", "columns", "slope"), [(40, 50, 0.02), (5, 3, -3.0), (9, 9, 1.0)])
def test_sobel_of_a_ramp_is_constant(rows: int, columns: int, slope: float) -> None:
    assert photo.sobel_of_ramp_is_constant(rows, columns, slope)


# -- kernels against definitions test_kernels.py does not state ------------------------------------


@given(a=small_ints, b=small_ints, c=small_ints)
def test_emboss_of_a_ramp_is_the_ramp_plus_six_times_its_diagonal_slope(
    a: int, b: int, c: int
) -> None:
    # emboss = identity + D, D a derivative towards the bottom right: D * (a x + b y) = 6 (a + b)
    image = [[a * x + b * y + c for x in range(5)] for y in range(4)]
    result = dc.convolve(image, kernels.emboss(exact=True), mode="valid")
    assert result == [[image[y][x] + 6 * (a + b) for x in range(1, 4)] for y in range(1, 3)]


@pytest.mark.parametrize("sigma", [1.0, 1.7, 3.0])
def test_gaussian_has_variance_sigma_squared_along_each_axis(sigma: float) -> None:
    # sampling changes the variance by a term of order exp(-2 pi^2 sigma^2): 2e-7 at sigma = 1
    kernel = kernels.gaussian(sigma, truncate=8.0)
    radius = kernel.shape[0] // 2
    offsets = np.arange(-radius, radius + 1, dtype=np.float64)
    rows, columns = kernel.sum(axis=1), kernel.sum(axis=0)
    assert math.isclose(float(rows @ offsets**2), sigma**2, rel_tol=1e-6)
    assert math.isclose(float(columns @ offsets**2), sigma**2, rel_tol=1e-6)
    assert abs(float(rows @ offsets)) < 1e-15
    # separable: the outer product of its row and column sums
    np.testing.assert_allclose(kernel, np.outer(rows, columns), rtol=1e-12, atol=0)


# -- the ramp kernel -------------------------------------------------------------------------------


def test_ramp_kernel_values() -> None:
    kernel = ct.ramp_kernel(6)
    assert kernel.shape == (13,)
    expected = {0: 0.25, 1: -1 / math.pi**2, 2: 0.0, 3: -1 / (9 * math.pi**2), 4: 0.0,
                5: -1 / (25 * math.pi**2), 6: 0.0}
    for n, value in expected.items():
        assert kernel[6 + n] == pytest.approx(value, rel=1e-15, abs=0)
        assert kernel[6 - n] == kernel[6 + n]  # even
    assert ct.ramp_kernel(0).tolist() == [0.25]


@pytest.mark.parametrize("half_width", [5, 50, 255])
def test_ramp_kernel_transform_is_the_band_limited_ramp(half_width: int) -> None:
    # H(f) = sum_n h[n] cos(2 pi n f) = |f| on [-1/2, 1/2] once all taps are in; the taps left
    # out, |n| > M = half_width, change it by at most (2 / pi^2) sum_{odd n > M} 1/n^2, which
    # is at most 1 / (pi^2 (M - 1)).
    kernel = ct.ramp_kernel(half_width)
    n = np.arange(-half_width, half_width + 1)
    f = np.linspace(-0.5, 0.5, 401)
    response = np.cos(2 * np.pi * np.outer(f, n)) @ kernel
    bound = 1 / (math.pi**2 * (half_width - 1))
    assert np.max(np.abs(response - np.abs(f))) <= bound
    # the gap is largest at f = 0, where it is the kernel's sum
    assert response[200] == pytest.approx(kernel.sum(), rel=1e-12)
    assert kernel.sum() > 0.5 * bound


def test_fft_response_is_the_dft_of_the_zero_padded_kernel() -> None:
    detectors = 7
    length = 16  # smallest power of 2 >= 2 * 7 - 1
    kernel = ct.ramp_kernel(detectors - 1)
    k = np.arange(length // 2 + 1)
    n = np.arange(-(detectors - 1), detectors)
    dft = np.exp(-2j * np.pi * np.outer(k, n) / length) @ kernel
    np.testing.assert_allclose(ct.ramp_response(detectors), dft.real, rtol=0, atol=1e-15)
    np.testing.assert_allclose(dft.imag, 0, atol=1e-15)


# -- (a) FFT against (b) direct convolution --------------------------------------------------------


def test_fft_filter_matches_direct_on_the_sinogram(projections: np.ndarray) -> None:
    by_fft, by_direct = ct.filter_fft(projections), ct.filter_direct(projections)
    assert by_fft.shape == by_direct.shape == projections.shape
    assert ct.relative_difference(by_fft, by_direct) < 1e-12


rows_of_floats = hnp.arrays(
    np.float64, st.tuples(st.integers(1, 4), st.integers(1, 70)),
    elements=st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False))


@given(rows_of_floats)
def test_fft_filter_matches_direct_convolution_with_the_kernel(rows: np.ndarray) -> None:
    detectors = rows.shape[1]
    kernel = ct.ramp_kernel(detectors - 1)
    # the definition, written out: q[k] = sum_j p[j] h[k - j]
    expected = np.array([[sum(row[j] * kernel[detectors - 1 + k - j] for j in range(detectors))
                          for k in range(detectors)] for row in rows])
    scale = max(float(np.max(np.abs(rows))), 1.0) * detectors
    for result in (ct.filter_fft(rows), ct.filter_direct(rows)):
        np.testing.assert_allclose(result, expected, rtol=0, atol=1e-13 * scale)
    np.testing.assert_allclose(ct.filter_direct(rows[0]), expected[0], rtol=0, atol=1e-13 * scale)


def test_naive_ramp_on_the_fft_grid_is_not_the_kernel(projections: np.ndarray) -> None:
    naive = ct.filter_naive(projections)
    by_direct = ct.filter_direct(projections)
    assert ct.relative_difference(naive, by_direct) > 1e-4


# -- the sinogram and the reconstruction -----------------------------------------------------------


def test_sinogram_of_a_disk_is_its_chord_length() -> None:
    disk = (ct.Ellipse(0.1, -0.2, 0.5, 0.5, 30.0, 2.0),)
    angles = np.array([0.0, 0.7, np.pi / 2])
    t = np.linspace(-1, 1, 101)
    result = ct.sinogram(angles, t, disk)
    for row, theta in zip(result, angles, strict=True):
        offset = t - (0.1 * np.cos(theta) - 0.2 * np.sin(theta))
        expected = 2.0 * 2 * np.sqrt(np.clip(0.25 - offset**2, 0, None))
        np.testing.assert_allclose(row, expected, rtol=1e-12, atol=1e-15)


def test_every_projection_carries_the_phantom_mass(projections: np.ndarray) -> None:
    mass = sum(e.density * math.pi * e.a * e.b for e in ct.PHANTOM)
    np.testing.assert_allclose(projections.sum(axis=1) * ct.SPACING, mass, rtol=2e-3)


@pytest.mark.parametrize(("angle", "axis"), [(0.0, 0), (np.pi / 2, 1)])
def test_sinogram_agrees_with_summing_the_phantom_image(angle: float, axis: int) -> None:
    # theta = 0 integrates along y (down the columns), theta = pi/2 along x (across a row)
    size = 512
    picture = ct.phantom_image(size)
    summed = picture.sum(axis=axis) * (2.0 / size)
    exact = ct.sinogram(np.array([angle]), ct.positions(size, 2.0 / size))[0]
    assert np.mean(np.abs(summed - exact)) < 0.01
    assert np.max(np.abs(summed - exact)) < 0.15  # a pixel's worth at the steep rims


def test_reconstruction_recovers_the_phantom(projections: np.ndarray) -> None:
    angles, detectors = ct.projection_angles(), ct.positions()
    phantom = ct.phantom_image()
    image = ct.backproject(ct.filter_fft(projections) / ct.SPACING, angles, detectors)
    centre, error = ct.reconstruction_errors(image, phantom)
    assert centre == pytest.approx(0.2, abs=0.005)
    assert error < 0.025
    naive = ct.backproject(ct.filter_naive(projections) / ct.SPACING, angles, detectors)
    naive_centre, naive_error = ct.reconstruction_errors(naive, phantom)
    assert naive_centre < centre - 0.01  # the dc shift of the naive filter
    assert naive_error > error


# -- the scripts write their figure where they are told --------------------------------------------


@pytest.mark.parametrize("module", [photo, ct], ids=["photo_filters", "ct_ramp_filter"])
def test_main_saves_the_figure_to_the_path_given(
    module: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "figure.png"
    module.main([str(output)])
    assert output.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert output.stat().st_size < 300 * 1024
    printed = capsys.readouterr().out
    assert f"saved the figure to {output}" in printed
    assert ": False" not in printed
