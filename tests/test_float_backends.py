"""The float backends on every FFT engine, and mpmath reference values, against exact results.

Each FFT backend must stay within the a priori bound it states (Brent-Zimmermann Thm 3.3.2, as
in :mod:`discreteconv.core.accuracy`): ``e(N) * ||a||_2 * ||b||_2 + u * (|a| * |b|)``. The
mpmath backend rounds each output once, so at 50 digits it must agree with exact Fraction
arithmetic to a relative 1e-45 in every entry, however small.
"""

from __future__ import annotations

import concurrent.futures
import importlib.util
import math
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import discreteconv as dc
from discreteconv.backends import BACKENDS, _transforms, fft, mpmathdirect
from discreteconv.backends._fastlen import next_fast_len
from discreteconv.backends.splitfft import error_factor
from discreteconv.errors import BackendUnavailableError, InvalidOptionError, TooLargeError

UNIT = 2.0**-53
#: The FFT backends that can run here (cupy only with a GPU).
FFT_BACKENDS = [name for name in ("fft", "scipy-fft", "pyfftw", "cupy")
                if BACKENDS[name].is_available()]
ENGINES = [name for name in ("numpy", "scipy", "pyfftw", "cupy") if _transforms.is_available(name)]
MODES = ["full", "same", "valid", "circular"]
FLOATS = st.floats(-100, 100, allow_nan=False, allow_infinity=False, width=64)


# ----------------------------------------------------------------------------- exact references

def _fractions(x: np.ndarray) -> list:
    return np.vectorize(Fraction, otypes=[object])(x).tolist()


def _exact_real(a: np.ndarray, b: np.ndarray, mode: str) -> np.ndarray:
    return np.array(dc.convolve(_fractions(a), _fractions(b), mode=mode, method="direct"),
                    dtype=object)


def exact(a: np.ndarray, b: np.ndarray, mode: str = "full") -> tuple[np.ndarray, np.ndarray]:
    """The exact convolution of two float (or complex) arrays: (real, imaginary) Fractions."""
    ar, ai, br, bi = (np.real(a), np.imag(a), np.real(b), np.imag(b))
    real = _exact_real(ar, br, mode) - _exact_real(ai, bi, mode)
    imag = _exact_real(ar, bi, mode) + _exact_real(ai, br, mode)
    return real, imag


def max_error(computed: Any, reference: tuple[np.ndarray, np.ndarray]) -> float:
    """The largest |computed - exact| over the entries, measured exactly, as a float."""
    computed = np.asarray(computed)
    real, imag = reference
    assert computed.shape == real.shape
    worst = 0.0
    for value, re, im in zip(computed.ravel(), real.ravel(), imag.ravel(), strict=True):
        value = complex(value)
        error = math.hypot(float(Fraction(value.real) - re), float(Fraction(value.imag) - im))
        worst = max(worst, error)
    return worst


def _norm(x: np.ndarray) -> float:
    """Euclidean norm, scaled first so that the squares of tiny entries do not underflow."""
    largest = float(np.abs(x).max(initial=0.0))
    return 0.0 if largest == 0.0 else largest * float(np.linalg.norm((x / largest).ravel()))


def fft_bound(a: np.ndarray, b: np.ndarray, mode: str = "full", *, cheap: bool = False) -> float:
    """The stated a priori bound of an FFT convolution of ``a`` and ``b`` (all entries).

    ``cheap`` bounds ``max (|a| * |b|)`` by ``||a||_2 ||b||_2`` (Cauchy-Schwarz) for long inputs.
    """
    length = math.prod(next_fast_len(n + m - 1) for n, m in zip(a.shape, b.shape, strict=True))
    norms = _norm(a) * _norm(b)
    magnitude = norms if cheap else float(
        np.asarray(dc.convolve(np.abs(a), np.abs(b), method="direct")).max())
    # the last term: gradual underflow, 2**-1074 per operation, for all-tiny inputs
    bound = (error_factor(length) * norms + UNIT * magnitude
             + 2.0**-1074 * 8 * length * math.log2(length + 1))
    # circular mode adds up to 2**ndim entries of the full result (and rounds those sums)
    return bound * 2**a.ndim * (1 + 4 * UNIT) if mode == "circular" else bound


def random_pair(rng: np.random.Generator, a_shape: tuple[int, ...], b_shape: tuple[int, ...],
                complex_: bool) -> tuple[np.ndarray, np.ndarray]:
    def one(shape: tuple[int, ...]) -> np.ndarray:
        x = rng.standard_normal(shape) * 10.0 ** rng.integers(-3, 4, size=shape)
        return x + 1j * rng.standard_normal(shape) if complex_ else x

    return one(a_shape), one(b_shape)


# ------------------------------------------------------------------ every FFT backend vs exact

@pytest.mark.parametrize("complex_", [False, True], ids=["float", "complex"])
@pytest.mark.parametrize("shapes", [((50,), (13,)), ((7,), (40,)), ((9, 11), (4, 3)),
                                    ((5, 6), (8, 7))], ids=str)
@pytest.mark.parametrize("mode", MODES)
def test_fft_backends_are_within_their_bound(mode: str, shapes: tuple, complex_: bool) -> None:
    rng = np.random.default_rng(abs(hash((mode, shapes, complex_))) % 2**32)
    a, b = random_pair(rng, *shapes, complex_)
    reference = exact(a, b, mode)
    bound = fft_bound(a, b, mode)
    direct = dc.convolve(a, b, mode=mode, method="direct")
    for name in FFT_BACKENDS:
        computed = dc.convolve(a, b, mode=mode, method=name)
        assert computed.dtype == direct.dtype and computed.shape == direct.shape, name
        assert max_error(computed, reference) <= bound, name


@st.composite
def float_pairs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    ndim = draw(st.integers(1, 2))
    a_shape = tuple(draw(st.integers(1, 40 if ndim == 1 else 8)) for _ in range(ndim))
    b_shape = tuple(draw(st.integers(1, min(n, 12 if ndim == 1 else 5))) for n in a_shape)
    dtype = draw(st.sampled_from([np.float64, np.complex128]))
    elements = FLOATS if dtype is np.float64 else st.complex_numbers(
        max_magnitude=100, allow_nan=False, allow_infinity=False, width=128)
    a = draw(hnp.arrays(dtype, a_shape, elements=elements))
    b = draw(hnp.arrays(dtype, b_shape, elements=elements))
    return (a, b) if draw(st.booleans()) else (b, a)


@settings(max_examples=40)
@given(float_pairs(), st.sampled_from(MODES))
def test_fft_backends_within_bound_property(pair: tuple[np.ndarray, np.ndarray],
                                            mode: str) -> None:
    a, b = pair
    reference = exact(a, b, mode)
    bound = fft_bound(a, b, mode)
    for name in FFT_BACKENDS:
        assert max_error(dc.convolve(a, b, mode=mode, method=name), reference) <= bound, name


def test_fft_backends_take_ints_as_floats() -> None:
    for name in FFT_BACKENDS:
        result = dc.convolve([1, 2, 3], [4, 5], method=name)
        assert result.dtype == np.float64
        np.testing.assert_allclose(result, [4, 13, 22, 15], atol=1e-12)
        assert dc.convolve([1, 2j], [3, 4], method=name).dtype == np.complex128


# -------------------------------------------------------------------- the engines themselves

TRANSFORM_CASES = [((10,), (16,), (0,)), ((10,), (7,), (0,)), ((5, 7), (8, 9), (0, 1)),
                   ((4, 5, 6), (9,), (1,)), ((4, 5, 6), (9, 3), (2, 0)), ((3, 4), (6,), (-1,))]


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize(("shape", "lengths", "axes"), TRANSFORM_CASES, ids=str)
def test_engines_match_numpy_transforms(name: str, shape: tuple, lengths: tuple,
                                        axes: tuple) -> None:
    """numpy's semantics (zero-pad or crop to ``lengths`` along ``axes``), dtype and shape;
    forward transforms leave their input alone (inverse ones may overwrite it)."""
    engine = _transforms.engine(name)
    rng = np.random.default_rng(len(shape) + sum(lengths))
    x = rng.standard_normal(shape)
    z = x + 1j * rng.standard_normal(shape)
    spectra = {"rfftn": np.fft.rfftn(x, lengths, axes), "fftn": np.fft.fftn(z, lengths, axes)}
    calls = [("rfftn", x), ("fftn", z), ("irfftn", spectra["rfftn"]), ("ifftn", spectra["fftn"])]
    for transform, argument in calls:
        kept = argument.copy()
        expected = getattr(np.fft, transform)(kept, lengths, axes)
        got = engine.to_host(getattr(engine, transform)(engine.to_device(argument.copy()),
                                                          lengths, axes))
        assert got.shape == expected.shape and got.dtype == expected.dtype, transform
        scale = max(1.0, float(np.abs(expected).max()))
        assert np.abs(got - expected).max() <= 1e-12 * scale, transform
        if transform in ("rfftn", "fftn"):
            given = engine.to_device(argument)
            getattr(engine, transform)(given, lengths, axes)
            assert np.array_equal(engine.to_host(given), kept), f"{transform} changed its input"


@pytest.mark.parametrize("name", [n for n in ENGINES if _transforms.engine(n).takes_out])
def test_engines_write_into_out(name: str) -> None:
    """An engine that takes ``out`` returns that very array, holding the transform."""
    from discreteconv.backends import _scratch

    engine = _transforms.engine(name)
    x = np.random.default_rng(3).standard_normal((6, 10))
    for transform, shape, dtype in [("rfftn", (8, 7), np.complex128),
                                    ("fftn", (8, 12), np.complex128)]:
        out = _scratch.work_array(f"test.{transform}", shape, dtype)
        got = getattr(engine, transform)(x, (8, 12), (0, 1), out=out)
        assert got is out or np.shares_memory(got, out), transform
        assert np.allclose(got, getattr(np.fft, transform)(x, (8, 12), (0, 1))), transform
    spectrum = np.fft.rfftn(x, (8, 12), (0, 1))
    out = _scratch.work_array("test.irfftn", (8, 12), np.float64)
    got = engine.irfftn(spectrum.copy(), (8, 12), (0, 1), out=out)
    assert np.shares_memory(got, out)
    assert np.allclose(got, np.fft.irfftn(spectrum, (8, 12), (0, 1)))
    _scratch.release()


@pytest.mark.skipif(not _transforms.is_available("pyfftw"), reason="pyFFTW not installed")
def test_pyfftw_results_are_not_reused_buffers() -> None:
    """Cached plans write each result into fresh memory: an earlier result is never overwritten."""
    engine = _transforms.engine("pyfftw")
    first = engine.rfftn(np.arange(10.0), (16,), (0,))
    kept = first.copy()
    second = engine.rfftn(np.ones(10), (16,), (0,))
    assert np.array_equal(first, kept) and not np.shares_memory(first, second)
    np.testing.assert_allclose(second, np.fft.rfft(np.ones(10), 16), atol=1e-12)


@pytest.mark.skipif(not _transforms.is_available("pyfftw"), reason="pyFFTW not installed")
def test_pyfftw_plan_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _transforms.engine("pyfftw")
    for n in range(20, 40):
        engine.rfftn(np.ones(n), (n,), (0,))
    assert len(_transforms._PLANS.keys()) <= _transforms.PLAN_CACHE_SIZE
    monkeypatch.setattr(_transforms, "PLAN_CACHE_BYTES", 0)
    _transforms.release_plans()
    engine.rfftn(np.ones(50), (64,), (0,))
    assert not _transforms._PLANS.keys()  # too large to keep


@pytest.mark.skipif(not _transforms.is_available("pyfftw"), reason="pyFFTW not installed")
@pytest.mark.parametrize("shapes", [((5000,), (3000,)), ((120, 90), (17, 33))], ids=str)
def test_pyfftw_agrees_with_numpy_within_the_bound(shapes: tuple) -> None:
    rng = np.random.default_rng(5)
    for complex_ in (False, True):
        a, b = random_pair(rng, *shapes, complex_)
        ours, theirs = fft.full_on("pyfftw", a, b), fft.full_on("numpy", a, b)
        assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
        # both are within the bound of the exact result, so within twice it of each other
        assert float(np.abs(ours - theirs).max()) <= 2 * fft_bound(a, b, cheap=True)


@pytest.mark.skipif(not _transforms.is_available("pyfftw"), reason="pyFFTW not installed")
def test_pyfftw_from_several_threads_at_once() -> None:
    rng = np.random.default_rng(6)
    pairs = [random_pair(rng, (700,), (300,), False) for _ in range(8)]

    def run(pair: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        return fft.full_on("pyfftw", *pair)

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, pairs * 3))
    for (a, b), result in zip(pairs * 3, results, strict=True):
        assert np.abs(result - fft.full_on("numpy", a, b)).max() <= 2 * fft_bound(a, b)


@pytest.mark.skipif(not _transforms.is_available("pyfftw"), reason="pyFFTW not installed")
def test_pyfftw_1d_path_gives_fresh_results_and_keeps_few_bundles() -> None:
    """The 1-D short path (plans bound to kept buffers): each result is a new array that later
    calls leave alone, the bundles kept are bounded, and release drops them."""
    from discreteconv.backends import _fftw1d

    rng = np.random.default_rng(12)
    _fftw1d.release()
    a, b = rng.standard_normal(300), rng.standard_normal(200)
    assert _fftw1d.takes(a, b)
    first = fft.full_on("pyfftw", a, b)
    kept = first.copy()
    second = fft.full_on("pyfftw", b, a)  # same length: the same bundle
    assert np.array_equal(first, kept) and not np.shares_memory(first, second)
    assert np.abs(first - np.convolve(a, b)).max() <= fft_bound(a, b)
    for n in range(40, 40 + 3 * _fftw1d.CACHE_SIZE):
        fft.full_on("pyfftw", np.ones(n), np.ones(n + 1))
    assert len(_fftw1d.kept_lengths()) == _fftw1d.CACHE_SIZE
    _fftw1d.release()
    assert _fftw1d.kept_lengths() == []


@pytest.mark.skipif(not _transforms.is_available("pyfftw"), reason="pyFFTW not installed")
@pytest.mark.parametrize("sizes", [(1, 1), (1, 9), (2, 2), (17, 5), (4000, 4000)], ids=str)
def test_pyfftw_1d_path_against_direct(sizes: tuple[int, int]) -> None:
    rng = np.random.default_rng(sizes[0] * 7 + sizes[1])
    a, b = rng.standard_normal(sizes[0]), rng.standard_normal(sizes[1])
    got = fft.full_on("pyfftw", a, b)
    assert got.shape == (sum(sizes) - 1,) and got.dtype == np.float64
    assert np.abs(got - np.convolve(a, b)).max() <= fft_bound(a, b)


def test_pyfftw_1d_path_only_for_kept_lengths() -> None:
    from discreteconv.backends import _fftw1d

    short = np.ones(10)
    assert _fftw1d.takes(short, short)
    assert not _fftw1d.takes(np.ones(_fftw1d.MAX_POINTS), short)  # transform too long to keep
    assert not _fftw1d.takes(short.astype(np.complex128), short)
    assert not _fftw1d.takes(np.ones((3, 3)), np.ones((2, 2)))
    assert not _fftw1d.takes(np.ones(0), short)  # the general path's answer for empty input


def test_threads_only_for_large_transforms() -> None:
    assert _transforms.threads_for(1000) == 1
    assert _transforms.threads_for(_transforms.THREADED_FROM - 1) == 1
    assert _transforms.threads_for(_transforms.THREADED_FROM) >= 1


# ------------------------------------------------------------------------------- mpmath

def _fraction_of(value: Any) -> Fraction:
    man, exp = value.man_exp  # the mantissa's magnitude (mpmath keeps the sign apart)
    magnitude = Fraction(int(man)) * Fraction(2) ** int(exp)
    return -magnitude if value < 0 else magnitude


def _assert_relative(values: Any, reference: np.ndarray, rtol: float) -> None:
    for value, truth in zip(np.asarray(values, dtype=object).ravel(), reference.ravel(),
                            strict=True):
        assert isinstance(value, mpmath.mpf)
        error = abs(_fraction_of(value) - truth)
        assert error <= abs(truth) * Fraction(rtol), (value, truth)


WIDE = st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False, allow_subnormal=True)


@settings(max_examples=40)
@given(st.lists(WIDE, min_size=1, max_size=20), st.lists(WIDE, min_size=1, max_size=8),
       st.sampled_from(["full", "same", "valid"]))
def test_mpmath_is_exact_to_its_precision(a: list[float], b: list[float], mode: str) -> None:
    """At 50 digits, every output is within 1e-45 relative of the exact one (even tiny ones)."""
    with mpmath.workdps(50):
        result = dc.convolve(a, b, mode=mode, method="mpmath")
    real, _ = exact(np.array(a), np.array(b), mode)
    _assert_relative(result, real, 1e-45)


@pytest.mark.parametrize("mode", MODES)
def test_mpmath_in_two_dimensions_and_complex(mode: str) -> None:
    rng = np.random.default_rng(7)
    a, b = random_pair(rng, (4, 5), (3, 2), complex_=True)
    with mpmath.workdps(50):
        result = dc.convolve(a, b, mode=mode, method="mpmath")
    real, imag = exact(a, b, mode)
    values = np.asarray(result, dtype=object)
    assert values.shape == real.shape and all(isinstance(v, mpmath.mpc) for v in values.ravel())
    _assert_relative([v.real for v in values.ravel()], real, 1e-45)
    _assert_relative([v.imag for v in values.ravel()], imag, 1e-45)


def test_mpmath_result_is_lists_of_mpf_and_keeps_the_float_values_exact() -> None:
    with mpmath.workdps(40):
        result = dc.convolve([0.1, 0.2], [0.3], method="mpmath")
    assert isinstance(result, list) and all(isinstance(v, mpmath.mpf) for v in result)
    # the product of the doubles nearest 0.1 and 0.3 needs 106 bits: 40 digits hold it exactly
    assert _fraction_of(result[0]) == Fraction(0.1) * Fraction(0.3)
    assert Fraction(dc.convolve([0.1, 0.2], [0.3])[0]) != Fraction(0.1) * Fraction(0.3)


def test_mpmath_takes_mpmath_numbers_and_refuses_symbols() -> None:
    third = mpmath.mpf(1) / 3
    result = dc.convolve([third, 1], [3], method="mpmath")
    assert result == [third * 3, mpmath.mpf(3)]
    sympy = pytest.importorskip("sympy")
    with pytest.raises(dc.errors.InvalidEntryError, match="mpmath numbers"):
        dc.convolve([sympy.Symbol("x")], [1.0], method="mpmath")


def test_mpmath_backend_converts_exactly() -> None:
    assert mpmathdirect.to_mpmath(0.1) == mpmath.mpf(0.1)
    assert _fraction_of(mpmathdirect.to_mpmath(np.float64(0.1))) == Fraction(0.1)
    with mpmath.workdps(60):
        third = mpmathdirect.to_mpmath(Fraction(1, 3))
        assert abs(third - mpmath.mpf(1) / 3) == 0
    assert isinstance(mpmathdirect.to_mpmath(2, complex_=True), mpmath.mpc)
    assert mpmathdirect.to_mpmath(np.int64(7)) == 7


def test_mpmath_refuses_work_it_cannot_finish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mpmathdirect, "MAX_PRODUCTS", 100)
    with pytest.raises(TooLargeError, match="mpmath"):
        dc.convolve(np.ones(20), np.ones(20), method="mpmath")


def test_mpmath_registry_entry() -> None:
    backend = BACKENDS["mpmath"]
    assert backend.is_available() and not backend.exact and not backend.integer_only


# ---------------------------------------------------------- missing engines and DISCRETECONV_FFT

@pytest.fixture(autouse=True)
def _fresh_availability() -> Any:
    """Availability is cached per process; tests that fake a missing module start and end clean."""
    _transforms._importable.cache_clear()
    yield
    _transforms._importable.cache_clear()
    _transforms.engine.cache_clear()


def _hide(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``modules`` look uninstalled to the availability checks."""
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any, **kwargs: Any) -> Any:
        return None if name in modules else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    _transforms.engine.cache_clear()
    _transforms._importable.cache_clear()  # engines built before were cached


@pytest.mark.parametrize(("method", "module", "package", "extra"), [
    ("pyfftw", "pyfftw", "pyFFTW", "pyfftw"),
    ("scipy-fft", "scipy", "scipy", "scipy"),
    ("cupy", "cupy", "cupy-cuda12x", "cupy"),
])
def test_missing_engine_names_the_package(monkeypatch: pytest.MonkeyPatch, method: str,
                                          module: str, package: str, extra: str) -> None:
    _hide(monkeypatch, module)
    with pytest.raises(BackendUnavailableError, match=package) as caught:
        dc.convolve([1.0, 2.0], [3.0], method=method)
    assert f"discreteconv[{extra}]" in str(caught.value)
    assert isinstance(caught.value, ImportError)
    assert method not in dc.backends.available()
    with pytest.raises(BackendUnavailableError, match=package):
        _transforms.engine(BACKENDS[method].engine)
    _transforms.engine.cache_clear()
    _transforms._importable.cache_clear()


def test_cupy_without_a_gpu_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: object() if name == "cupy" else real(name, *args))
    monkeypatch.setitem(_transforms.PROBES, "cupy", lambda: False)
    _transforms._importable.cache_clear()
    with pytest.raises(BackendUnavailableError, match="no CUDA GPU"):
        dc.convolve([1.0], [1.0], method="cupy")
    with pytest.raises(BackendUnavailableError, match="no CUDA GPU"):
        _transforms.engine.__wrapped__("cupy")


def test_the_cupy_probe_never_raises() -> None:
    assert _transforms.PROBES["cupy"]() in (True, False)


def test_preferred_engine_and_its_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCRETECONV_FFT", raising=False)
    expected = "pyfftw" if _transforms.is_available("pyfftw") else "numpy"
    assert _transforms.preferred() == expected
    for name in ENGINES:
        monkeypatch.setenv("DISCRETECONV_FFT", f" {name.upper()} ")
        assert _transforms.preferred() == name
    monkeypatch.setenv("DISCRETECONV_FFT", "fftw3")
    with pytest.raises(InvalidOptionError, match="DISCRETECONV_FFT='fftw3'"):
        _transforms.preferred()
    monkeypatch.delenv("DISCRETECONV_FFT")
    _hide(monkeypatch, "pyfftw")
    assert _transforms.preferred() == "numpy"
    monkeypatch.setenv("DISCRETECONV_FFT", "pyfftw")
    with pytest.raises(BackendUnavailableError, match=r"DISCRETECONV_FFT='pyfftw'.*pyFFTW"):
        _transforms.preferred()
    _transforms.engine.cache_clear()
    _transforms._importable.cache_clear()


@pytest.mark.parametrize("name", ENGINES)
def test_auto_runs_on_the_engine_the_environment_names(monkeypatch: pytest.MonkeyPatch,
                                                       name: str) -> None:
    monkeypatch.setenv("DISCRETECONV_FFT", name)
    used = []
    real = fft.full_on
    monkeypatch.setattr(fft, "full_on", lambda engine, a, b: used.append(engine) or real(
        engine, a, b))
    rng = np.random.default_rng(8)
    a, b = rng.standard_normal(20_000), rng.standard_normal(20_000)
    result = dc.convolve(a, b)
    assert used == [name]
    assert np.abs(result - real("numpy", a, b)).max() <= 2 * fft_bound(a, b, cheap=True)
