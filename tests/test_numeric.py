"""Overlap-add, the float cost model of ``method="auto"``, and boundary rules with mode='same'."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import discreteconv as dc
from discreteconv.backends import _transforms, overlapadd
from discreteconv.backends.splitfft import error_factor
from discreteconv.core import choose

FLOATS = st.floats(-100, 100, allow_nan=False, allow_infinity=False)


@st.composite
def pairs(draw: st.DrawFn, max_dims: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Two float arrays with the same number of dimensions, the second usually shorter."""
    ndim = draw(st.integers(1, max_dims))
    long_side = {1: 400, 2: 40, 3: 12}[ndim]
    a_shape = tuple(draw(st.integers(1, long_side)) for _ in range(ndim))
    b_shape = tuple(draw(st.integers(1, max(1, n // 3 + 2))) for n in a_shape)
    a = draw(hnp.arrays(np.float64, a_shape, elements=FLOATS))
    b = draw(hnp.arrays(np.float64, b_shape, elements=FLOATS))
    return (a, b) if draw(st.booleans()) else (b, a)


def _bound(a: np.ndarray, b: np.ndarray) -> float:
    """2^d blocks, each within Brent-Zimmermann's FFT bound (see core/accuracy.py)."""
    long, short = (a, b) if a.size >= b.size else (b, a)
    length = int(np.prod([size for _, _, size in overlapadd.block_plan(long.shape, short.shape)]))
    magnitudes = np.abs(a).sum() * np.abs(b).max()
    points = length * max(a.size, b.size)
    return (2**a.ndim * error_factor(length) * np.linalg.norm(a) * np.linalg.norm(b)
            + 4 * 2.0**-53 * magnitudes
            + 2.0**-1074 * 8 * points)  # subnormal results are rounded to absolute 2**-1074


@settings(max_examples=80)
@given(pairs())
def test_overlap_add_equals_direct_within_its_bound(pair: tuple[np.ndarray, np.ndarray]) -> None:
    a, b = pair
    computed = overlapadd.full(a, b)
    expected = dc.convolve(a, b, method="direct")
    assert computed.shape == expected.shape
    assert np.max(np.abs(computed - expected), initial=0.0) <= _bound(a, b)


@pytest.mark.skipif(not _transforms.is_available("pyfftw"), reason="pyFFTW not installed")
@settings(max_examples=60)
@given(pairs(), st.sampled_from([2**18, 64, 700]))
def test_overlap_add_on_pyfftw_equals_direct_within_its_bound(
        pair: tuple[np.ndarray, np.ndarray], batch_points: int) -> None:
    """The pyFFTW path (batches on plans bound to kept buffers, the kernel's spectrum scaled in
    advance), with batches small enough that most inputs take several, the last one partial."""
    a, b = pair
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(overlapadd, "BATCH_POINTS", batch_points)
        computed = overlapadd.full_on("pyfftw", a, b)
        again = overlapadd.full_on("pyfftw", a, b)  # the kept buffers reused: same result
    expected = dc.convolve(a, b, method="direct")
    assert computed.shape == expected.shape and np.array_equal(computed, again)
    assert np.max(np.abs(computed - expected), initial=0.0) <= _bound(a, b)


@pytest.mark.skipif(not _transforms.is_available("pyfftw"), reason="pyFFTW not installed")
def test_pyfftw_overlap_add_keeps_few_bundles() -> None:
    from discreteconv.backends import _fftwblocks

    _fftwblocks.release()
    rng = np.random.default_rng(8)
    for n in (5000, 6000, 7000, 8000):
        a, b = rng.standard_normal(n), rng.standard_normal(31)
        assert np.allclose(overlapadd.full_on("pyfftw", a, b), np.convolve(a, b), atol=1e-9)
    assert len(_fftwblocks.kept_shapes()) == _fftwblocks.CACHE_SIZE
    _fftwblocks.release()
    assert _fftwblocks.kept_shapes() == []


@given(pairs(max_dims=2))
def test_overlap_add_agrees_with_fft(pair: tuple[np.ndarray, np.ndarray]) -> None:
    a, b = pair
    assert np.allclose(dc.convolve(a, b, method="overlap-add"), dc.convolve(a, b, method="fft"),
                       rtol=0, atol=2 * _bound(a, b))


def test_overlap_add_complex_and_integer_inputs() -> None:
    rng = np.random.default_rng(3)
    a = rng.standard_normal(5000) + 1j * rng.standard_normal(5000)
    b = rng.standard_normal(37) - 2j * rng.standard_normal(37)
    result = dc.convolve(a, b, method="overlap-add")
    assert result.dtype == np.complex128
    assert np.max(np.abs(result - np.convolve(a, b))) < 1e-10
    ints = dc.convolve(list(range(3000)), [1, -1], method="overlap-add")
    assert isinstance(ints, np.ndarray) and ints.dtype == np.float64
    assert np.allclose(ints, [0, *([1] * 2999), -2999], atol=1e-8)


def test_overlap_add_blocks_a_long_input_and_leaves_equal_lengths_whole() -> None:
    (blocks, length, size), = overlapadd.block_plan((10**6,), (101,))
    assert blocks > 1 and size >= length + 100 and blocks * length >= 10**6
    assert size >= 2 * 101 - 1  # every block's spill fits in the next block
    assert overlapadd.block_plan((1000,), (1000,)) == [(1, 1000, 2000)]
    # a blocked axis beside a whole one
    plan = overlapadd.block_plan((20000, 3), (51, 3))
    assert plan[0][0] > 1 and plan[1][0] == 1


@given(st.integers(1, 5000), st.integers(1, 400))
def test_block_plans_cover_the_input(n: int, m: int) -> None:
    (blocks, length, size), = overlapadd.block_plan((n,), (m,))
    assert blocks * length >= n
    assert size >= length + m - 1
    if blocks > 1:
        assert size - length <= length


# -- method="auto" for floats ------------------------------------------------------------------
@pytest.mark.parametrize(("a_shape", "b_shape", "expected"), [
    ((10**5,), (10**5,), "fft"),
    ((10**6,), (10**6,), "fft"),
    ((10**7,), (1001,), "overlap-add"),
    ((2048, 2048), (31, 31), "overlap-add"),
    ((2048, 2048), (255, 255), "fft"),
    ((1000,), (3,), "direct"),
    ((64, 64), (3, 3), "direct"),
])
def test_the_cost_model_picks(a_shape: tuple[int, ...], b_shape: tuple[int, ...],
                              expected: str) -> None:
    for engine in ("numpy", "pyfftw"):
        costs = choose.float_costs(a_shape, b_shape, engine=engine)
        assert min(costs, key=costs.__getitem__) == expected, (engine, costs)


def test_auto_runs_what_the_cost_model_picks(monkeypatch: pytest.MonkeyPatch) -> None:
    from discreteconv.backends import Backend

    seen = []
    original = Backend.load

    def spy(self: Backend, *, auto: bool = False):  # type: ignore[no-untyped-def]
        seen.append((self.name, auto))
        return original(self, auto=auto)

    monkeypatch.setattr(Backend, "load", spy)
    rng = np.random.default_rng(0)
    dc.convolve(rng.standard_normal(200_000), rng.standard_normal(301))
    dc.convolve(rng.standard_normal(20_000), rng.standard_normal(20_000))
    dc.convolve(rng.standard_normal(500), rng.standard_normal(3))
    assert seen == [("overlap-add", True), ("fft", True), ("direct", True)]


def test_the_fft_engine_can_be_chosen_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from discreteconv.backends import _transforms

    monkeypatch.setenv("DISCRETECONV_FFT", "numpy")
    assert _transforms.preferred() == "numpy"
    monkeypatch.setenv("DISCRETECONV_FFT", "nonsense")
    with pytest.raises(dc.errors.InvalidOptionError, match="'nonsense'"):
        _transforms.preferred()
    with pytest.raises(dc.errors.InvalidOptionError, match="'nonsense'"):
        dc.convolve(np.ones(100_000), np.ones(100_000))


@given(pairs(max_dims=2), st.sampled_from(["full", "same", "valid"]))
def test_auto_is_within_the_bound_it_reports(pair: tuple[np.ndarray, np.ndarray],
                                             mode: str) -> None:
    a, b = pair
    report = dc.check_against_exact(a.tolist(), b.tolist(), method="auto", mode=mode)
    assert report.bound_holds, (report.max_abs_error, report.bound, report.bound_formula)


@pytest.mark.parametrize("method", ["overlap-add", "fft", "direct"])
def test_check_against_exact_bounds_each_float_method(method: str) -> None:
    rng = np.random.default_rng(5)
    a, b = rng.standard_normal((30, 40)), rng.standard_normal((5, 7))
    report = dc.check_against_exact(a.tolist(), b.tolist(), method=method)
    assert report.bound_holds and report.max_abs_error > 0
    assert report.bound < 1e-10


# -- boundary rules with mode="same" -----------------------------------------------------------
@pytest.mark.parametrize(("padding_mode", "expected"), [
    ("zeros", [3, 6, 9, 7]),
    ("constant", [13, 6, 9, 17]),      # fill_value=10
    ("reflect", [5, 6, 9, 10]),        # 2 1 2 3 4 3
    ("wrap", [7, 6, 9, 8]),            # 4 1 2 3 4 1
    ("nearest", [4, 6, 9, 11]),        # 1 1 2 3 4 4
])
def test_same_mode_extends_the_input_by_the_boundary_rule(padding_mode: str,
                                                          expected: list[int]) -> None:
    result = dc.convolve([1, 2, 3, 4], [1, 1, 1], mode="same", padding_mode=padding_mode,
                         fill_value=10)
    assert result == expected


@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=9),
                  elements=FLOATS),
       st.sampled_from([(1, 1), (3, 3), (1, 5), (5, 3)]),
       st.sampled_from([("reflect", "mirror"), ("wrap", "wrap"), ("nearest", "nearest"),
                        ("constant", "constant")]))
def test_same_mode_with_a_boundary_matches_scipy_ndimage(image: np.ndarray,
                                                         kernel_shape: tuple[int, int],
                                                         modes: tuple[str, str]) -> None:
    ndimage = pytest.importorskip("scipy.ndimage")
    ours, theirs = modes
    kernel = np.arange(1.0, 1.0 + kernel_shape[0] * kernel_shape[1]).reshape(kernel_shape)
    if ours == "reflect" and min(image.shape) == 1:
        return  # a mirror of one entry is that entry: ndimage and numpy.pad agree only from 2
    expected = ndimage.convolve(image, kernel, mode=theirs, cval=0.0)
    result = dc.convolve(image, kernel, mode="same", padding_mode=ours)
    assert np.allclose(result, expected, rtol=1e-12, atol=1e-9)


def test_same_mode_boundary_keeps_a_signal_start() -> None:
    signal = dc.convolve(dc.Signal([1, 2, 3, 4], start=5), dc.Signal([1, 1, 1], start=-1),
                         mode="same", padding_mode="nearest")
    plain = dc.convolve(dc.Signal([1, 2, 3, 4], start=5), dc.Signal([1, 1, 1], start=-1),
                        mode="same")
    assert signal.start == plain.start
    assert list(signal.values) == [4, 6, 9, 11]


# -- the float fast path and the reused work arrays ----------------------------------------------


@settings(max_examples=60, deadline=None)
@given(pairs(), st.sampled_from(["full", "same", "valid"]), st.booleans())
def test_float_arrays_take_the_same_result_through_the_short_path(
        pair: tuple[np.ndarray, np.ndarray], mode: str, correlate: bool) -> None:
    """Two float64 arrays with default options skip the general bookkeeping; naming the axes
    sends them through the general path, which must give the very same numbers."""
    a, b = pair
    function = dc.correlate if correlate else dc.convolve
    every_axis = tuple(range(a.ndim))
    try:
        expected = function(a, b, mode, axes=every_axis)
    except dc.errors.ShapeError:
        with pytest.raises(dc.errors.ShapeError):
            function(a, b, mode)
        return
    got = function(a, b, mode)
    assert isinstance(got, np.ndarray) and got.dtype == np.float64
    assert np.array_equal(got, expected)


def test_the_short_path_keeps_its_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCRETECONV_MEMORY_LIMIT", "10000")
    with pytest.raises(dc.errors.TooLargeError):
        dc.convolve(np.ones(1000), np.ones(1000))  # refused before computing
    monkeypatch.delenv("DISCRETECONV_MEMORY_LIMIT")
    with pytest.raises(dc.errors.InvalidOptionError, match="mode"):
        dc.convolve(np.ones(3), np.ones(3), "biggest")
    assert dc.convolve(np.ones(3, dtype=np.float32), np.ones(2)).dtype == np.float64


@pytest.mark.parametrize(("a_shape", "b_shape", "method"), [
    ((5000,), (4000,), "fft"), ((30_000,), (101,), "overlap-add"),
    ((300, 200), (9, 7), "overlap-add"), ((120, 90), (100, 80), "fft")])
def test_results_never_share_the_reused_work_arrays(a_shape: tuple, b_shape: tuple,
                                                      method: str) -> None:
    """A result must not change when a later call reuses the backend's work arrays."""
    rng = np.random.default_rng(len(a_shape) + b_shape[0])
    a, b = rng.standard_normal(a_shape), rng.standard_normal(b_shape)
    first = dc.convolve(a, b, method=method)
    kept = first.copy()
    for _ in range(2):
        dc.convolve(rng.standard_normal(a_shape), rng.standard_normal(b_shape), method=method)
    assert np.array_equal(first, kept)
    assert np.allclose(first, dc.convolve(a, b, method="direct"), atol=1e-9)


def test_threads_keep_separate_work_arrays() -> None:
    """Work arrays are per thread: convolutions running at once in threads stay correct."""
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(11)
    inputs = [(rng.standard_normal(20_000), rng.standard_normal(k)) for k in (31, 101, 20_000, 7)]
    expected = [np.convolve(a, b) for a, b in inputs]
    with ThreadPoolExecutor(4) as pool:
        for _ in range(3):
            results = list(pool.map(lambda pair: dc.convolve(*pair), inputs))
            for got, want in zip(results, expected, strict=True):
                assert np.allclose(got, want, atol=1e-9)


def test_work_arrays_are_bounded_and_can_be_released(monkeypatch: pytest.MonkeyPatch) -> None:
    from discreteconv.backends import _scratch

    monkeypatch.setenv("DISCRETECONV_FFT", "numpy")  # pyFFTW's 1-D path keeps its own buffers
    _scratch.release()
    dc.convolve(np.ones(50_000), np.ones(40_000))
    held = _scratch.kept_bytes()
    assert 0 < held <= 8 * _scratch.MAX_KEPT_BYTES
    dc.convolve(np.ones(50_000), np.ones(40_000))
    assert _scratch.kept_bytes() == held  # reused, not grown
    big = _scratch.work_array("test.big", (_scratch.MAX_KEPT_BYTES // 8 + 1,), np.float64)
    assert big.size and _scratch.kept_bytes() == held  # too large to keep
    _scratch.release()
    assert _scratch.kept_bytes() == 0


def test_free_work_memory_drops_everything_kept() -> None:
    from discreteconv.backends import _fftw1d, _fftwblocks, _scratch, _transforms

    rng = np.random.default_rng(4)
    for a_shape, b_shape in [((5000,), (4000,)), ((30_000,), (31,)), ((300, 200), (9, 7)),
                             ((120, 90), (100, 80))]:
        for engine in ("numpy", "pyfftw"):
            if _transforms.is_available(engine):
                with pytest.MonkeyPatch.context() as patch:
                    patch.setenv("DISCRETECONV_FFT", engine)
                    dc.convolve(rng.standard_normal(a_shape), rng.standard_normal(b_shape))
    assert _scratch.kept_bytes() > 0
    dc.backends.free_work_memory()
    assert _scratch.kept_bytes() == 0
    assert _fftw1d.kept_lengths() == [] and _fftwblocks.kept_shapes() == []
    assert not _transforms._PLANS.keys()


def test_auto_takes_the_transform_once_it_is_cheaper() -> None:
    """The measured crossovers (docs/numeric.md): equal lengths go to the FFT from about 700,
    and numpy's dot-per-output loop loses to overlap-add past its unrolled 11-tap kernels."""
    assert choose.choose_float((300,), (300,), engine="numpy") == "direct"
    assert choose.choose_float((1000,), (1000,), engine="numpy") == "fft"
    assert choose.choose_float((10**6,), (11,), engine="numpy") == "direct"
    assert choose.choose_float((10**6,), (101,), engine="numpy") == "overlap-add"
    assert choose.choose_float((2048, 2048), (5, 5), engine="numpy") == "overlap-add"
