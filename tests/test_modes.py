"""Output geometry: modes against scipy, axes, stride/dilation/padding, padding modes, circular."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import scipy.signal
from strategies import reference_circular

import discreteconv as dc

LENGTHS = [1, 2, 3, 4, 5, 8]
SHAPES_2D = [(1, 1), (1, 3), (2, 2), (3, 2), (3, 5), (4, 4), (5, 3)]


def _ints(seed: int, shape: tuple[int, ...]) -> np.ndarray:
    return np.random.default_rng(seed).integers(-9, 10, size=shape)


def _scipy_or_error(
    function: Callable[..., np.ndarray], a: np.ndarray, b: np.ndarray, mode: str
) -> Any:
    try:
        return function(a, b, mode=mode, method="direct").tolist()
    except ValueError:
        return ValueError


# -- modes against scipy.signal -------------------------------------------------------------------


@pytest.mark.parametrize("n, m", list(itertools.product(LENGTHS, LENGTHS)))
def test_1d_modes_match_scipy(n: int, m: int) -> None:
    a, b = _ints(n * 10 + m, (n,)), _ints(m * 10 + n + 100, (m,))
    for mode in ("full", "same", "valid"):
        for ours, theirs in ((dc.convolve, scipy.signal.convolve),
                             (dc.correlate, scipy.signal.correlate)):
            expected = theirs(a, b, mode=mode, method="direct").tolist()
            assert ours(a.tolist(), b.tolist(), mode) == expected, (ours.__name__, mode)
            assert ours(a, b, mode) == expected  # numpy arrays in, lists out


@pytest.mark.parametrize("a_shape, b_shape", list(itertools.product(SHAPES_2D, SHAPES_2D)))
def test_2d_modes_match_scipy(a_shape: tuple, b_shape: tuple) -> None:
    a, b = _ints(sum(a_shape), a_shape), _ints(sum(b_shape) + 50, b_shape)
    for mode in ("full", "same", "valid"):
        for ours, theirs in ((dc.convolve, scipy.signal.convolve),
                             (dc.correlate, scipy.signal.correlate)):
            expected = _scipy_or_error(theirs, a, b, mode)
            if expected is ValueError:
                with pytest.raises(dc.ShapeError):
                    ours(a.tolist(), b.tolist(), mode)
            else:
                assert ours(a.tolist(), b.tolist(), mode) == expected, (ours.__name__, mode)


def test_3d_modes_match_scipy() -> None:
    a, b = _ints(1, (3, 4, 2)), _ints(2, (2, 2, 2))
    for mode in ("full", "same", "valid"):
        assert dc.convolve(a, b, mode) == scipy.signal.convolve(a, b, mode, "direct").tolist()
        assert dc.correlate(a, b, mode) == scipy.signal.correlate(a, b, mode, "direct").tolist()


def test_textbook_mode_values() -> None:
    a, b = [1, 2, 3, 4, 5], [1, 0, -1]
    assert dc.convolve(a, b, "full") == [1, 2, 2, 2, 2, -4, -5]
    assert dc.convolve(a, b, "same") == [2, 2, 2, 2, -4]
    assert dc.convolve(a, b, "valid") == [2, 2, 2]
    assert dc.convolve(b, a, "valid") == [2, 2, 2]  # symmetric, as scipy
    assert dc.convolve(b, a, "same") == [2, 2, 2]
    assert dc.correlate(a, b, "full") == [-1, -2, -2, -2, -2, 4, 5]
    assert dc.correlate(a, b, "valid") == [-2, -2, -2]
    assert dc.correlate(b, a, "valid") == [-2, -2, -2]  # scipy's answer too
    assert dc.correlate(b, a, "full") == [5, 4, -2, -2, -2, -2, -1]


def test_same_centres_like_scipy_for_even_kernels() -> None:
    assert dc.convolve([1, 2, 3, 4], [1, 1], "same") == [1, 3, 5, 7]
    assert dc.convolve([1, 2, 3, 4], [1, 1, 1, 1], "same") == [3, 6, 10, 9]
    assert dc.correlate([1, 2, 3, 4], [1, 2], "same") == [2, 5, 8, 11]
    assert dc.correlate([1, 2, 3], [1, 2, 3, 4], "same") == [11, 20, 14]


# -- axes -----------------------------------------------------------------------------------------


def _batched_reference(a: np.ndarray, b: np.ndarray, mode: str, axes: list[int]) -> list:
    """Convolve slice by slice over the non-convolved axes (length-1 axes broadcast)."""
    batch = [axis for axis in range(a.ndim) if axis not in axes]
    order = batch + axes
    am, bm = np.transpose(a, order), np.transpose(b, order)
    shape = np.broadcast_shapes(am.shape[: len(batch)], bm.shape[: len(batch)])
    am = np.broadcast_to(am, shape + am.shape[len(batch):])
    bm = np.broadcast_to(bm, shape + bm.shape[len(batch):])
    pieces = [scipy.signal.convolve(am[i], bm[i], mode=mode, method="direct")
              for i in np.ndindex(*shape)]
    stacked = np.array(pieces).reshape(shape + pieces[0].shape)
    return np.transpose(stacked, np.argsort(order)).tolist()


def test_axes_convolve_rows_separately() -> None:
    image = [[1, 2, 3], [4, 5, 6]]
    assert dc.convolve(image, [[1, 1]], axes=1) == [[1, 3, 5, 3], [4, 9, 11, 6]]
    assert dc.convolve(image, [[1], [-1]], axes=0) == [[1, 2, 3], [3, 3, 3], [-4, -5, -6]]
    assert dc.convolve(image, [[1, 1], [10, 10]], axes=1) == [[1, 3, 5, 3], [40, 90, 110, 60]]
    assert dc.convolve(image, [[1, 1]], axes=-1) == dc.convolve(image, [[1, 1]], axes=1)


@pytest.mark.parametrize("seed", range(12))
def test_axes_match_slice_by_slice(seed: int) -> None:
    generator = np.random.default_rng(seed)
    ndim = 2 + seed % 2
    axes = sorted(generator.choice(ndim, size=1 + seed % (ndim - 1), replace=False).tolist())
    a_shape = [int(v) for v in generator.integers(1, 5, size=ndim)]
    b_shape = [int(v) for v in generator.integers(1, 5, size=ndim)]
    for axis in range(ndim):
        if axis not in axes:
            b_shape[axis] = [a_shape[axis], 1][seed % 2]
            if seed % 3 == 0:
                a_shape[axis], b_shape[axis] = 1, a_shape[axis]
    a, b = _ints(seed, tuple(a_shape)), _ints(seed + 99, tuple(b_shape))
    for mode in ("full", "same", "valid"):
        try:
            expected = _batched_reference(a, b, mode, axes)
        except ValueError:
            with pytest.raises(dc.ShapeError):
                dc.convolve(a, b, mode, axes=axes)
            continue
        assert dc.convolve(a, b, mode, axes=axes) == expected
        negative = [axis - ndim for axis in axes]
        assert dc.convolve(a, b, mode, axes=negative) == expected


def test_axes_broadcast_length_one_batches() -> None:
    a = [[1, 2, 3]]
    b = [[1, 1], [1, -1], [0, 2]]
    assert dc.convolve(a, b, axes=1) == [[1, 3, 5, 3], [1, 1, 1, -3], [0, 2, 4, 6]]


def test_axes_on_all_axes_equals_default() -> None:
    a, b = _ints(3, (3, 4)), _ints(4, (2, 3))
    assert dc.convolve(a, b, axes=(0, 1)) == dc.convolve(a, b)
    assert dc.convolve(a, b, axes=[1, 0]) == dc.convolve(a, b)


# -- stride, dilation, padding --------------------------------------------------------------------


def _cnn_reference(x: list, w: list, stride: int, dilation: int, padding: int,
                   flip: bool) -> list:
    """A neural network's convolution layer by explicit loops (correlation unless ``flip``)."""
    padded = [0] * padding + list(x) + [0] * padding
    taps = w[::-1] if flip else w
    span = dilation * (len(w) - 1) + 1
    return [
        sum(padded[start + k * dilation] * taps[k] for k in range(len(w)))
        for start in range(0, len(padded) - span + 1, stride)
    ]


def test_output_size_formula_examples() -> None:
    assert dc.output_size(32, 3, padding=1, stride=2) == 16
    assert dc.output_size(7, 3, dilation=2) == 3
    assert dc.output_size(5, 3) == 3
    assert dc.output_size(224, 7, padding=3, stride=2) == 112
    assert dc.output_size(5, 3, mode="full") == 7
    assert dc.output_size(5, 3, mode="same") == 5
    assert dc.output_size(5, 3, mode="circular") == 5
    assert dc.output_size(5, 3, mode="circular", period=4) == 4
    assert dc.output_size(10, 3, mode="full", stride=3) == 4
    assert dc.output_size(5, 3, padding=(2, 0)) == 5


def test_valid_output_size_is_the_cnn_formula() -> None:
    checked = 0
    for n, k, s, d, p in itertools.product(range(1, 12), range(1, 6), range(1, 4), range(1, 4),
                                           range(4)):
        if n + 2 * p < d * (k - 1) + 1:
            continue  # the kernel does not fit: the formula does not apply
        expected = (n + 2 * p - d * (k - 1) - 1) // s + 1
        assert dc.output_size(n, k, padding=p, stride=s, dilation=d) == expected, (n, k, s, d, p)
        assert dc.output_size(n, k, padding=p, stride=s, dilation=d, mode="valid") == expected
        checked += 1
    assert checked > 1500


@pytest.mark.parametrize("seed", range(8))
def test_stride_dilation_padding_match_the_cnn_loops(seed: int) -> None:
    generator = np.random.default_rng(seed)
    for n, k, s, d, p in itertools.product(range(1, 9), range(1, 4), range(1, 4), range(1, 3),
                                           range(3)):
        if n + 2 * p < d * (k - 1) + 1 or (n * k + s + d + p + seed) % 8:
            continue  # the valid window must fit; sample 1/8 of the grid per seed
        a = generator.integers(-5, 6, n).tolist()
        b = generator.integers(-5, 6, k).tolist()
        kwargs = {"stride": s, "dilation": d, "padding": p}
        assert dc.correlate(a, b, "valid", **kwargs) == _cnn_reference(a, b, s, d, p, False)
        assert dc.convolve(a, b, "valid", **kwargs) == _cnn_reference(a, b, s, d, p, True)


@pytest.mark.parametrize("mode", ["full", "same", "valid", "circular"])
def test_result_length_equals_output_size(mode: str) -> None:
    for n, k, s, d, p in itertools.product(range(1, 7), range(1, 5), range(1, 4), range(1, 4),
                                           range(3)):
        a, b = list(range(1, n + 1)), [1] * k
        result = dc.convolve(a, b, mode, stride=s, dilation=d, padding=p)
        assert len(result) == dc.output_size(
            n, k, padding=p, stride=s, dilation=d, mode=mode
        ), (n, k, s, d, p)


def test_2d_stride_dilation_padding_per_axis() -> None:
    generator = np.random.default_rng(11)
    x = generator.integers(-4, 5, (6, 7))
    w = generator.integers(-4, 5, (2, 3))
    stride, dilation, padding = (2, 1), (1, 2), (1, 0)
    result = dc.correlate(x, w, "valid", stride=stride, dilation=dilation, padding=padding)
    padded = np.pad(x, ((1, 1), (0, 0)))
    rows = dc.output_size(6, 2, padding=1, stride=2, dilation=1)
    cols = dc.output_size(7, 3, padding=0, stride=1, dilation=2)
    expected = [
        [
            sum(
                int(padded[i * 2 + u, j + v * 2]) * int(w[u, v])
                for u in range(2)
                for v in range(3)
            )
            for j in range(cols)
        ]
        for i in range(rows)
    ]
    assert result == expected
    assert np.shape(result) == (rows, cols) == (4, 3)


def test_padding_pairs_are_before_and_after() -> None:
    assert dc.convolve([1, 2], [1], padding=[(2, 1)]) == [0, 0, 1, 2, 0]
    assert dc.convolve([[1]], [[1]], padding=[(1, 0), (0, 2)]) == [[0, 0, 0], [1, 0, 0]]
    assert dc.convolve([[1]], [[1]], padding=[1, 0]) == [[0], [1], [0]]


def test_stride_keeps_every_kth_entry_from_the_first() -> None:
    full = dc.convolve([1, 2, 3, 4, 5], [1, 1, 1])
    assert dc.convolve([1, 2, 3, 4, 5], [1, 1, 1], stride=2) == full[::2]
    assert dc.convolve([1, 2, 3, 4, 5], [1, 1, 1], stride=3) == full[::3] == [1, 9, 5]


def test_dilation_spreads_the_kernel() -> None:
    assert dc.convolve([1, 2, 3, 4, 5], [1, 1], dilation=3) == dc.convolve(
        [1, 2, 3, 4, 5], [1, 0, 0, 1]
    )
    assert dc.convolve([1, 2, 3, 4, 5], [1, 1], dilation=3) == [1, 2, 3, 5, 7, 3, 4, 5]


# -- padding modes --------------------------------------------------------------------------------

NUMPY_PAD = {"zeros": "constant", "constant": "constant", "reflect": "reflect", "wrap": "wrap",
             "nearest": "edge"}


@pytest.mark.parametrize("padding_mode", list(NUMPY_PAD))
@pytest.mark.parametrize("kind", ["int", "bigint", "fraction"])
def test_padding_modes_match_numpy_pad(padding_mode: str, kind: str) -> None:
    generator = np.random.default_rng(len(padding_mode))
    for trial in range(10):
        a_shape = tuple(int(v) for v in generator.integers(2, 6, size=2))
        a = generator.integers(-5, 6, size=a_shape).astype(object)
        if kind == "bigint":
            a = a * 2**70 + 1
        elif kind == "fraction":
            a = a * Fraction(1, 3)
        b = generator.integers(-5, 6, size=(2, 3)).tolist()
        pads = [(trial % 4, (trial + 1) % 3), ((trial * 2) % 5, trial % 2)]
        extra = {"constant_values": 7} if padding_mode == "constant" else {}
        if padding_mode == "zeros":
            extra = {"constant_values": 0}
        padded = np.pad(a, pads, mode=NUMPY_PAD[padding_mode], **extra).tolist()
        for mode in ("full", "same", "circular"):
            expected = dc.convolve(padded, b, mode, method="direct")
            got = dc.convolve(a.tolist(), b, mode, padding=pads, padding_mode=padding_mode,
                              fill_value=7)
            assert got == expected, (trial, mode)


@pytest.mark.parametrize("padding_mode", list(NUMPY_PAD))
def test_padding_modes_on_a_short_sequence(padding_mode: str) -> None:
    a = [1, 2, 3]
    extra = {"constant_values": -4} if padding_mode == "constant" else {}
    expected = np.pad(a, 5, mode=NUMPY_PAD[padding_mode], **extra).tolist()
    got = dc.convolve(a, [1], padding=5, padding_mode=padding_mode, fill_value=-4)
    assert got == expected


def test_padding_mode_values_spelled_out() -> None:
    a, one = [1, 2, 3], [1]
    assert dc.convolve(a, one, padding=2, padding_mode="reflect") == [3, 2, 1, 2, 3, 2, 1]
    assert dc.convolve(a, one, padding=2, padding_mode="wrap") == [2, 3, 1, 2, 3, 1, 2]
    assert dc.convolve(a, one, padding=2, padding_mode="nearest") == [1, 1, 1, 2, 3, 3, 3]
    assert dc.convolve(a, one, padding=1, padding_mode="constant", fill_value=9) == [9, 1, 2, 3, 9]
    assert dc.convolve(a, one, padding=1, padding_mode="zeros", fill_value=9) == [0, 1, 2, 3, 0]


def test_constant_fill_keeps_exactness() -> None:
    half = Fraction(1, 2)
    result = dc.convolve([3, 2], [1], padding=1, padding_mode="constant", fill_value=half)
    assert result == [half, 3, 2, half]
    assert all(type(v) is Fraction for v in result)
    big = dc.convolve([3, 2], [1], padding=1, padding_mode="constant", fill_value=2**80)
    assert big == [2**80, 3, 2, 2**80]
    floats = dc.convolve([3, 2], [1], padding=1, padding_mode="constant", fill_value=0.5)
    assert isinstance(floats, np.ndarray)
    assert floats.tolist() == [0.5, 3.0, 2.0, 0.5]


# -- circular -------------------------------------------------------------------------------------


def test_circular_examples() -> None:
    assert dc.convolve([1, 2, 3, 4], [0, 1], mode="circular") == [4, 1, 2, 3]
    assert dc.convolve([1, 2, 3], [1, 1], mode="circular", period=2) == [6, 6]
    assert dc.convolve([1, 2, 3], [1, 1], mode="circular", period=5) == [1, 3, 5, 3, 0]
    assert dc.convolve([1, 2, 3], [1, 1, 1, 1, 1], mode="circular") == [6, 6, 6, 6, 6]


@pytest.mark.parametrize("period", [1, 2, 3, 5, 7, 11, 20])
def test_circular_with_period_matches_the_definition(period: int) -> None:
    generator = np.random.default_rng(period)
    for n, m in [(1, 1), (4, 3), (7, 2), (3, 9), (10, 10)]:
        a = [int(v) * 2**65 + 3 for v in generator.integers(-9, 10, n)]
        b = generator.integers(-9, 10, m).tolist()
        assert dc.convolve(a, b, "circular", period=period) == reference_circular(a, b, period)


def test_circular_correlation_is_circular_convolution_with_reversed_kernel() -> None:
    a, b = [1, 2, 3, 4, 5], [1, 2, 3]
    assert dc.correlate(a, b, "circular", period=5) == dc.convolve(a, b[::-1], "circular",
                                                                   period=5)


def test_circular_2d_matches_fft_definition() -> None:
    generator = np.random.default_rng(21)
    a = generator.integers(-5, 6, (4, 5))
    b = generator.integers(-5, 6, (4, 5))
    expected = np.rint(np.real(np.fft.ifft2(np.fft.fft2(a) * np.fft.fft2(b)))).astype(int)
    assert dc.convolve(a, b, "circular") == expected.tolist()
    assert dc.convolve(a, b, "circular", period=(4, 5)) == expected.tolist()
    smaller = dc.convolve(a, b, "circular", period=[2, 3])
    assert np.shape(smaller) == (2, 3)
    assert sum(map(sum, smaller)) == int(a.sum()) * int(b.sum())
