"""Image kernels: normalisation, symmetry, what each one computes on known images, errors."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import int_arrays_2d, small_ints

import discreteconv as dc
from discreteconv import kernels

EXACT_KERNELS: dict[str, Callable[..., Any]] = {
    "box(1)": lambda exact: kernels.box(1, exact=exact),
    "box(3)": lambda exact: kernels.box(3, exact=exact),
    "box(4)": lambda exact: kernels.box(4, exact=exact),
    "laplacian()": lambda exact: kernels.laplacian(exact=exact),
    "laplacian(diagonal=True)": lambda exact: kernels.laplacian(diagonal=True, exact=exact),
    "sobel('x')": lambda exact: kernels.sobel("x", exact=exact),
    "sobel('y')": lambda exact: kernels.sobel("y", exact=exact),
    "prewitt('x')": lambda exact: kernels.prewitt("x", exact=exact),
    "prewitt('y')": lambda exact: kernels.prewitt("y", exact=exact),
    "sharpen()": lambda exact: kernels.sharpen(exact=exact),
    "emboss()": lambda exact: kernels.emboss(exact=exact),
    "identity()": lambda exact: kernels.identity(exact=exact),
    "identity(5)": lambda exact: kernels.identity(5, exact=exact),
}

sigmas = st.floats(min_value=0.05, max_value=6.0)
truncates = st.floats(min_value=0.1, max_value=5.0)


def _image(function: Callable[[int, int], Any], rows: int, columns: int) -> list[list[Any]]:
    """``image[y][x] = function(x, y)``: x is the column index, y the row index."""
    return [[function(x, y) for x in range(columns)] for y in range(rows)]


def test_all_lists_the_public_kernels() -> None:
    namespace: dict[str, Any] = {}
    exec("from discreteconv.kernels import *", namespace)
    public = {name for name in namespace if not name.startswith("__")}
    assert public == set(kernels.__all__)
    assert set(kernels.__all__) == {
        "box", "emboss", "gaussian", "identity", "laplacian", "prewitt", "sharpen", "sobel"}


# -- gaussian --------------------------------------------------------------------------------------


@given(sigmas, truncates)
def test_gaussian_sums_to_one_and_is_symmetric(sigma: float, truncate: float) -> None:
    kernel = kernels.gaussian(sigma, truncate)
    radius = math.ceil(truncate * sigma)
    assert kernel.shape == (2 * radius + 1, 2 * radius + 1)
    assert kernel.dtype == np.float64
    assert math.isclose(kernel.sum(), 1.0, rel_tol=1e-12)
    np.testing.assert_array_equal(kernel, kernel.T)
    np.testing.assert_array_equal(kernel, kernel[::-1, :])
    np.testing.assert_array_equal(kernel, kernel[:, ::-1])
    assert kernel[radius, radius] == kernel.max()
    assert (kernel > 0).all()


def test_gaussian_matches_the_formula() -> None:
    sigma, truncate = 1.3, 2.5
    radius = math.ceil(truncate * sigma)  # 4
    weights = [[math.exp(-((i - radius) ** 2 + (j - radius) ** 2) / (2 * sigma**2))
                for j in range(2 * radius + 1)] for i in range(2 * radius + 1)]
    total = sum(map(sum, weights))
    expected = np.array(weights) / total
    np.testing.assert_allclose(kernels.gaussian(sigma, truncate), expected, rtol=1e-13)


def test_gaussian_default_truncate_is_four_sigmas() -> None:
    assert kernels.gaussian(1.0).shape == (9, 9)
    assert kernels.gaussian(0.3).shape == (5, 5)  # ceil(1.2) = 2
    assert kernels.gaussian(2, truncate=1).shape == (5, 5)
    assert kernels.gaussian(Fraction(1, 2), truncate=2).shape == (3, 3)


def test_gaussian_blur_keeps_a_constant_image_in_the_interior() -> None:
    image = np.full((12, 12), 3.0)
    blurred = dc.convolve(image, kernels.gaussian(1.0), mode="valid")
    np.testing.assert_allclose(blurred, np.full((4, 4), 3.0), rtol=1e-12)


# -- box -------------------------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=12))
def test_box_sums_to_one(size: int) -> None:
    kernel = kernels.box(size)
    assert kernel.shape == (size, size)
    assert math.isclose(kernel.sum(), 1.0, rel_tol=1e-12)
    assert np.unique(kernel).tolist() == [1.0 / size**2]
    exact = kernels.box(size, exact=True)
    assert sum(map(sum, exact)) == 1
    assert all(entry == Fraction(1, size * size) and type(entry) is Fraction
               for row in exact for entry in row)


@given(int_arrays_2d(max_rows=5, max_cols=5))
def test_box_exact_gives_the_exact_mean(image: list[list[int]]) -> None:
    rows, columns = len(image), len(image[0])
    size = min(rows, columns)
    result = dc.convolve(image, kernels.box(size, exact=True), mode="valid")
    expected = [[Fraction(sum(image[y + i][x + j] for i in range(size) for j in range(size)),
                          size * size)
                 for x in range(columns - size + 1)] for y in range(rows - size + 1)]
    assert result == expected


# -- derivatives: sobel and prewitt ----------------------------------------------------------------


@pytest.mark.parametrize(("kernel", "weight"), [(kernels.sobel, 8), (kernels.prewitt, 6)])
@given(a=small_ints, b=small_ints, c=small_ints,
       rows=st.integers(min_value=3, max_value=7), columns=st.integers(min_value=3, max_value=7))
def test_gradient_of_a_linear_ramp_is_constant(
    kernel: Callable[..., Any], weight: int, a: int, b: int, c: int, rows: int, columns: int
) -> None:
    image = _image(lambda x, y: a * x + b * y + c, rows, columns)
    shape = (rows - 2, columns - 2)
    for exact in (True, False):
        along_x = dc.convolve(image, kernel("x", exact=exact), mode="valid")
        along_y = dc.convolve(image, kernel("y", exact=exact), mode="valid")
        np.testing.assert_array_equal(np.asarray(along_x), np.full(shape, weight * a))
        np.testing.assert_array_equal(np.asarray(along_y), np.full(shape, weight * b))
    assert dc.convolve(image, kernel("x", exact=True), mode="valid")[0][0] == weight * a
    assert type(dc.convolve(image, kernel("x", exact=True), mode="valid")[0][0]) is int


@pytest.mark.parametrize("kernel", [kernels.sobel, kernels.prewitt])
def test_gradient_sign_follows_the_axis_name(kernel: Callable[..., Any]) -> None:
    rightwards = np.tile(np.arange(6.0), (5, 1))  # grows with x, the column index
    downwards = rightwards.T.copy()  # grows with y, the row index
    assert (dc.convolve(rightwards, kernel("x"), mode="valid") > 0).all()
    np.testing.assert_array_equal(dc.convolve(rightwards, kernel("y"), mode="valid"), 0)
    assert (dc.convolve(downwards, kernel("y"), mode="valid") > 0).all()
    np.testing.assert_array_equal(dc.convolve(downwards, kernel("x"), mode="valid"), 0)
    # correlation does not flip the kernel, so the sign reverses
    assert (dc.correlate(rightwards, kernel("x"), mode="valid") < 0).all()


def test_sobel_and_prewitt_default_to_x() -> None:
    np.testing.assert_array_equal(kernels.sobel(), kernels.sobel("x"))
    np.testing.assert_array_equal(kernels.prewitt(), kernels.prewitt("x"))
    assert kernels.sobel("x", exact=True) == [[1, 0, -1], [2, 0, -2], [1, 0, -1]]
    assert kernels.sobel("y", exact=True) == [[1, 2, 1], [0, 0, 0], [-1, -2, -1]]
    assert kernels.prewitt("y", exact=True) == [[1, 1, 1], [0, 0, 0], [-1, -1, -1]]


def test_sobel_with_edge_padding_keeps_the_image_size() -> None:
    image = np.tile(np.arange(5.0), (3, 1))
    result = dc.convolve(image, kernels.sobel("x"), mode="valid", padding=1,
                         padding_mode="nearest")
    np.testing.assert_array_equal(result, np.tile([4.0, 8.0, 8.0, 8.0, 4.0], (3, 1)))


# -- laplacian -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("diagonal", "value"), [(False, 4), (True, 12)])
@given(a=small_ints, b=small_ints, c=small_ints, d=small_ints,
       rows=st.integers(min_value=3, max_value=7), columns=st.integers(min_value=3, max_value=7))
def test_laplacian_of_a_quadratic_is_constant(
    diagonal: bool, value: int, a: int, b: int, c: int, d: int, rows: int, columns: int
) -> None:
    image = _image(lambda x, y: a * (x * x + y * y) + b * x + c * y + d, rows, columns)
    shape = (rows - 2, columns - 2)
    exact = dc.convolve(image, kernels.laplacian(diagonal, exact=True), mode="valid")
    assert exact == [[value * a] * shape[1] for _ in range(shape[0])]
    floats = dc.convolve(image, kernels.laplacian(diagonal=diagonal), mode="valid")
    np.testing.assert_array_equal(floats, np.full(shape, float(value * a)))


def test_laplacian_of_x_squared_plus_y_squared() -> None:
    image = _image(lambda x, y: x * x + y * y, 6, 7)
    assert dc.convolve(image, kernels.laplacian(exact=True), mode="valid") == [[4] * 5] * 4
    assert dc.convolve(image, kernels.laplacian(True, exact=True), mode="valid") == [[12] * 5] * 4


# -- sharpen, emboss, identity ---------------------------------------------------------------------


@pytest.mark.parametrize("kernel", [kernels.sharpen, kernels.emboss])
def test_sharpen_and_emboss_keep_a_flat_image(kernel: Callable[..., Any]) -> None:
    assert sum(map(sum, kernel(exact=True))) == 1
    image = [[7] * 5 for _ in range(4)]
    assert dc.convolve(image, kernel(exact=True), mode="valid") == [[7] * 3] * 2


def test_sharpen_is_identity_minus_laplacian() -> None:
    np.testing.assert_array_equal(kernels.sharpen(), kernels.identity() - kernels.laplacian())


def test_emboss_responds_to_a_rise_towards_the_bottom_right() -> None:
    rising = _image(lambda x, y: x + y, 3, 3)
    falling = _image(lambda x, y: -(x + y), 3, 3)
    centre = rising[1][1]
    assert dc.convolve(rising, kernels.emboss(exact=True), mode="valid")[0][0] > centre
    assert dc.convolve(falling, kernels.emboss(exact=True), mode="valid")[0][0] < -centre


@given(int_arrays_2d(max_rows=6, max_cols=6), st.sampled_from([1, 3, 5]))
def test_identity_leaves_an_image_unchanged(image: list[list[int]], size: int) -> None:
    assert dc.convolve(image, kernels.identity(size, exact=True), mode="same") == image
    floats = dc.convolve(np.array(image, dtype=float), kernels.identity(size), mode="same")
    np.testing.assert_array_equal(floats, np.array(image, dtype=float))


def test_identity_shape() -> None:
    assert kernels.identity(1, exact=True) == [[1]]
    kernel = kernels.identity(7)
    assert kernel.shape == (7, 7)
    assert kernel.sum() == 1.0
    assert kernel[3, 3] == 1.0


# -- exact versions --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXACT_KERNELS))
def test_exact_equals_float(name: str) -> None:
    make = EXACT_KERNELS[name]
    floats, exact = make(False), make(True)
    assert isinstance(floats, np.ndarray)
    assert floats.dtype == np.float64
    assert floats.ndim == 2
    assert isinstance(exact, list)
    assert all(isinstance(row, list) for row in exact)
    assert all(type(entry) in (int, Fraction) for row in exact for entry in row)
    assert np.array([[float(v) for v in row] for row in exact]).tolist() == floats.tolist()
    assert make(False) is not floats  # a new array each call
    saved_exact, saved_floats = [list(row) for row in exact], floats.copy()
    for row in exact:  # editing one result does not change the next
        row[:] = [100] * len(row)
    floats[:] = 100.0
    assert make(True) == saved_exact
    np.testing.assert_array_equal(make(False), saved_floats)


# -- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: kernels.gaussian(0), "sigma"),
        (lambda: kernels.gaussian(-1.0), "sigma"),
        (lambda: kernels.gaussian(float("nan")), "sigma"),
        (lambda: kernels.gaussian(float("inf")), "sigma"),
        (lambda: kernels.gaussian("1"), "sigma"),
        (lambda: kernels.gaussian(True), "sigma"),
        (lambda: kernels.gaussian(1.0, truncate=0), "truncate"),
        (lambda: kernels.gaussian(1.0, truncate=-2.0), "truncate"),
        (lambda: kernels.gaussian(1.0, truncate=None), "truncate"),
        (lambda: kernels.box(0), "size"),
        (lambda: kernels.box(2.5), "size"),
        (lambda: kernels.box("3"), "size"),
        (lambda: kernels.box(True), "size"),
        (lambda: kernels.box(3, exact="yes"), "exact"),
        (lambda: kernels.identity(0), "size"),
        (lambda: kernels.identity(4), "size"),
        (lambda: kernels.identity(3.0), "size"),
        (lambda: kernels.identity(exact=1), "exact"),
        (lambda: kernels.laplacian(diagonal="yes"), "diagonal"),
        (lambda: kernels.laplacian(exact=None), "exact"),
        (lambda: kernels.sobel("z"), "axis"),
        (lambda: kernels.sobel(0), "axis"),
        (lambda: kernels.sobel("X"), "axis"),
        (lambda: kernels.prewitt("xy"), "axis"),
        (lambda: kernels.sharpen(exact="no"), "exact"),
        (lambda: kernels.emboss(exact=0), "exact"),
    ],
)
def test_bad_arguments_raise_a_message_naming_them(call: Callable[[], Any], argument: str) -> None:
    with pytest.raises(dc.InvalidOptionError, match=rf"^{argument} must be") as info:
        call()
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, dc.DiscreteconvError)


def test_bad_axis_message_lists_the_accepted_values() -> None:
    with pytest.raises(dc.InvalidOptionError) as info:
        kernels.sobel("z")
    assert str(info.value) == "axis must be one of 'x', 'y'; received 'z'"


def test_huge_gaussian_is_refused_before_allocating(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCRETECONV_MEMORY_LIMIT", "1000")
    assert kernels.gaussian(1.0, truncate=2.0).shape == (5, 5)  # 200 bytes: allowed
    with pytest.raises(dc.TooLargeError, match="gaussian"):
        kernels.gaussian(10.0)
