"""convolve_chunked: the Dask path against the in-memory discreteconv.convolve.

Inputs span many chunks (including chunks shorter than the kernel, which are merged), every
mode and boundary rule is compared with the in-memory result (int64 and Fractions exactly,
floats within the a priori error bounds), the distributed path is shown to compute on the
cluster it is given, and the optional dependency stays optional.
"""

from __future__ import annotations

import math
import subprocess
import sys
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import discreteconv as dc
from discreteconv.backends.splitfft import error_factor
from discreteconv.chunked import CHUNKED_MODES, convolve_chunked
from discreteconv.errors import (
    BackendUnavailableError,
    EmptyInputError,
    InvalidEntryError,
    InvalidOptionError,
    ShapeError,
    TooLargeError,
)

da = pytest.importorskip("dask.array")

PADDING_MODES = ("zeros", "constant", "reflect", "wrap", "nearest")
#: Each (mode, padding_mode) that can differ: the boundary rule changes 'same' only.
CASES = [("full", "zeros"), ("valid", "zeros"), ("full", "reflect"), ("valid", "wrap")] + [
    ("same", rule) for rule in PADDING_MODES]
FILL = 1.5


def _float_bound(a: np.ndarray, kernel: np.ndarray) -> float:
    """Twice the larger of the FFT and direct a priori bounds (docs/backends.md), in memory.

    Both the chunked and the in-memory result lie within one bound of the exact convolution
    (a chunk's transform is shorter than the in-memory one, so its bound is smaller).
    """
    unit = 2.0**-53
    length = math.prod(n + m - 1 for n, m in zip(a.shape, kernel.shape, strict=True))
    peak = float(np.abs(a).max() + FILL) * float(np.abs(kernel).sum())
    fft = error_factor(2 * length) * float(np.linalg.norm(a) + FILL * math.sqrt(length)) \
        * float(np.linalg.norm(kernel))
    direct = (kernel.size + 2) * unit * peak
    return 2 * (fft + direct + unit * peak)


def _in_memory(a: np.ndarray, kernel: np.ndarray, mode: str, rule: str) -> np.ndarray:
    return np.asarray(dc.convolve(a, kernel, mode, padding_mode=rule, fill_value=FILL))


# -- against the in-memory result -----------------------------------------------------------------


@pytest.fixture(scope="module")
def signal() -> np.ndarray:
    return np.random.default_rng(6).standard_normal(10_000)


@pytest.mark.parametrize("taps", [1, 2, 3, 50, 301, 699, 700, 701])
@pytest.mark.parametrize(("mode", "rule"), CASES)
def test_long_float_signal_in_many_chunks(signal: np.ndarray, taps: int, mode: str,
                                          rule: str) -> None:
    kernel = np.random.default_rng(taps).standard_normal(taps)
    lazy = convolve_chunked(signal, kernel, mode, padding_mode=rule, fill_value=FILL, chunks=700)
    assert isinstance(lazy, da.Array)
    assert lazy.numblocks[0] >= 10
    expected = _in_memory(signal, kernel, mode, rule)
    got = lazy.compute()
    assert got.shape == expected.shape == lazy.shape
    assert got.dtype == np.float64
    assert np.abs(got - expected).max() <= _float_bound(signal, kernel)


@pytest.mark.parametrize("shape", [(5, 5), (9, 3), (1, 1), (4, 6), (37, 2)])
@pytest.mark.parametrize(("mode", "rule"), CASES)
def test_int64_image_exactly(shape: tuple[int, int], mode: str, rule: str) -> None:
    rng = np.random.default_rng(shape[0] * 100 + shape[1])
    image = rng.integers(-(2**20), 2**20, size=(200, 180))
    kernel = rng.integers(-9, 10, size=shape)
    got = convolve_chunked(image, kernel, mode, padding_mode=rule, fill_value=3,
                           chunks=(37, 41), compute=True)
    expected = np.asarray(dc.convolve(image, kernel, mode, padding_mode=rule, fill_value=3))
    assert got.dtype == np.int64
    assert got.shape == expected.shape
    assert np.array_equal(got, expected)


@pytest.mark.parametrize("shape", [(5, 5), (9, 3)])
@pytest.mark.parametrize("rule", PADDING_MODES)
def test_float_image_same_mode(shape: tuple[int, int], rule: str) -> None:
    rng = np.random.default_rng(7)
    image = rng.random((200, 180))
    kernel = rng.random(shape)
    got = convolve_chunked(da.from_array(image, chunks=(37, 41)), kernel, "same",
                           padding_mode=rule, fill_value=FILL, compute=True)
    expected = _in_memory(image, kernel, "same", rule)
    assert np.abs(got - expected).max() <= _float_bound(image, kernel)


def test_fractions_stay_exact() -> None:
    a = np.array([Fraction(i, 7) for i in range(60)], dtype=object)
    kernel = [Fraction(1, 3), 1, Fraction(-2, 5)]
    for mode in CHUNKED_MODES:
        got = convolve_chunked(a, kernel, mode, padding_mode="constant",
                               fill_value=Fraction(1, 2), chunks=7, compute=True)
        assert got.dtype == object
        assert list(got) == dc.convolve(a, kernel, mode, padding_mode="constant",
                                        fill_value=Fraction(1, 2))


def test_python_ints_past_int64_in_an_object_array() -> None:
    a = np.full(20, 2**62, dtype=np.int64)
    with pytest.raises(TooLargeError, match="object"):
        convolve_chunked(a, [4, 4], chunks=5, compute=True)
    got = convolve_chunked(a.astype(object), [4, 4], chunks=5, compute=True)
    assert list(got) == dc.convolve(a.tolist(), [4, 4])


def test_a_float_fill_value_makes_an_int_image_float() -> None:
    image = np.arange(30).reshape(5, 6)
    got = convolve_chunked(image, [[1, 1], [1, 1]], "same", padding_mode="constant",
                           fill_value=0.5, chunks=2, compute=True)
    expected = dc.convolve(image, [[1, 1], [1, 1]], "same", padding_mode="constant",
                           fill_value=0.5)
    assert got.dtype == np.float64
    assert np.array_equal(got, expected)


def test_a_named_method_runs_on_every_chunk() -> None:
    a = np.arange(40)
    got = convolve_chunked(a, [1, 2, 3], method="fft", chunks=6, compute=True)
    assert got.dtype == np.float64  # a float method was asked for by name, as in memory
    assert np.array_equal(np.rint(got).astype(np.int64), dc.convolve(a, [1, 2, 3]))


@st.composite
def _chunked_inputs(draw: Any) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
    n = draw(st.integers(1, 120))
    m = draw(st.integers(1, n))
    values = st.integers(-(2**20), 2**20)
    a = np.array(draw(st.lists(values, min_size=n, max_size=n)), dtype=np.int64)
    kernel = np.array(draw(st.lists(values, min_size=m, max_size=m)), dtype=np.int64)
    sizes = []
    while sum(sizes) < n:
        sizes.append(draw(st.integers(1, n - sum(sizes))))
    return a, kernel, tuple(sizes)


@given(_chunked_inputs(), st.sampled_from(CASES))
def test_any_chunking_gives_the_in_memory_result(inputs: Any, case: tuple[str, str]) -> None:
    a, kernel, sizes = inputs
    mode, rule = case
    if rule == "reflect" and a.size < 2:
        return  # reflect needs two entries; refused in memory and chunked alike
    got = convolve_chunked(da.from_array(a, chunks=(sizes,)), kernel, mode, padding_mode=rule,
                           fill_value=-3, compute=True)
    expected = dc.convolve(a, kernel, mode, padding_mode=rule, fill_value=-3)
    assert got.tolist() == expected


# -- lazy, local and distributed -------------------------------------------------------------------


def test_the_result_is_lazy_until_computed() -> None:
    a = da.arange(12, chunks=5)
    lazy = convolve_chunked(a, [1, 1, 1], "same")
    assert isinstance(lazy, da.Array)
    assert lazy.shape == (12,)
    assert isinstance(convolve_chunked(a, [1, 1, 1], compute=True), np.ndarray)


def test_a_client_computes_on_its_cluster() -> None:
    import dask
    from distributed import Client, get_task_stream

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the local scheduler was used")

    signal = np.random.default_rng(1).standard_normal(5_000)
    kernel = np.hanning(31)
    with Client(processes=False, n_workers=1, threads_per_worker=1,
                dashboard_address=None) as client:
        workers = set(client.scheduler_info()["workers"])
        with dask.config.set(scheduler=refuse), get_task_stream(client) as stream:
            got = convolve_chunked(signal, kernel, "same", chunks=600, client=client)
    assert isinstance(got, np.ndarray)
    assert len(stream.data) >= 9  # at least one task per chunk ran on the cluster's worker
    assert {task["worker"] for task in stream.data} == workers
    assert np.abs(got - _in_memory(signal, kernel, "same", "zeros")).max() \
        <= _float_bound(signal, kernel)


def test_importing_discreteconv_does_not_load_dask() -> None:
    code = (
        "import sys\n"
        "import discreteconv as dc\n"
        "import discreteconv.chunked\n"
        "dc.convolve([1.0, 2.0], [1.0, 1.0])\n"
        "print('dask' in sys.modules)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert completed.stdout.split() == ["False"]


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.array", None)
    with pytest.raises(BackendUnavailableError, match=r"pip install 'discreteconv\[dask\]'"):
        convolve_chunked(np.arange(5.0), [1.0])


# -- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"mode": "circular"}, InvalidOptionError, "mode must be one of 'full', 'same', 'valid'"),
    ({"method": "nope"}, InvalidOptionError, "method must be one of"),
    ({"padding_mode": "mirror"}, InvalidOptionError, "padding_mode must be one of"),
    ({"compute": 1}, InvalidOptionError, "compute must be True or False"),
    ({"client": 3}, InvalidOptionError, "client must be a distributed.Client"),
    ({"chunks": "bogus"}, InvalidOptionError, "chunks='bogus'"),
    ({"chunks": (3, 3)}, InvalidOptionError, r"chunks=\(3, 3\)"),
    ({"method": "kronecker"}, InvalidEntryError, "a has dtype float64"),
])
def test_bad_options_are_named(kwargs: dict[str, Any], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        convolve_chunked(np.arange(10.0), [1.0, 1.0], **kwargs)


@pytest.mark.parametrize(("a", "kernel", "error", "match"), [
    (5, [1], InvalidEntryError, "a must be a dask array or a numpy array; received a int"),
    ("abc", [1], InvalidEntryError, "received a str"),
    (np.zeros(0), [1], EmptyInputError, "a is empty"),
    (np.array(3.0), [1], ShapeError, "at least one dimension"),
    (np.array(["a", "b"]), [1], InvalidEntryError, "a has dtype <U1"),
    (np.arange(4.0), [[1]], ShapeError, "a has 1 dimension"),
    (np.arange(4.0), [1] * 5, ShapeError, "kernel has length 5 along axis 0, longer than a"),
    (np.arange(4.0), "ab", InvalidEntryError, "kernel is a string"),
    (np.arange(4.0), [], EmptyInputError, "kernel is empty"),
    (np.arange(4.0), [1, "x"], InvalidEntryError, r"kernel\[1\] = 'x'"),
    (np.arange(4), [0.5], None, "kernel has dtype float64"),
])
def test_bad_inputs_are_named(a: Any, kernel: Any, error: type | None, match: str) -> None:
    kwargs = {"method": "kronecker"} if error is None else {}
    with pytest.raises(error or InvalidEntryError, match=match):
        convolve_chunked(a, kernel, **kwargs)


def test_a_dask_kernel_is_refused() -> None:
    with pytest.raises(InvalidEntryError, match=r"kernel.compute\(\)"):
        convolve_chunked(np.arange(4.0), da.ones(2, chunks=1))


def test_unknown_chunk_sizes_are_refused() -> None:
    a = da.arange(10, chunks=3)
    unknown = a[a > 2]
    with pytest.raises(ShapeError, match="compute_chunk_sizes"):
        convolve_chunked(unknown, [1, 1])
