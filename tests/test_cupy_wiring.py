"""The CuPy engine's glue code, run without a GPU against a stand-in ``cupy`` module.

The real CuPy tests (``tests/test_float_backends.py``) run only where a GPU is found. These run
everywhere: a fake ``cupy`` whose arrays are a marked numpy subclass ("on the device"), whose
transforms refuse host arrays and whose arithmetic refuses to mix host and device arrays, as
CuPy does. So a missing ``to_device`` before a transform, a host array multiplied into a device
spectrum, or a device array handed back to the caller without ``to_host`` fails here. It checks
our wiring, not CuPy itself.
"""

from __future__ import annotations

import importlib.machinery
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

import discreteconv as dc
from discreteconv.backends import _transforms
from discreteconv.core import choose


class _OnDevice(np.ndarray):
    """A numpy array standing in for a CuPy array."""

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, out: Any = None,
                        **kwargs: Any) -> Any:
        for x in (*inputs, *(out or ())):
            if isinstance(x, np.ndarray) and not isinstance(x, _OnDevice) and x.ndim > 0:
                raise TypeError("fake cupy: a host array in arithmetic with a device array")
        plain = tuple(x.view(np.ndarray) if isinstance(x, _OnDevice) else x for x in inputs)
        if out is not None:
            kwargs["out"] = tuple(o.view(np.ndarray) for o in out)
        result = getattr(ufunc, method)(*plain, **kwargs)
        if out is not None:
            return out[0] if len(out) == 1 else out
        return result.view(_OnDevice) if isinstance(result, np.ndarray) else result


def _to_device(x: Any) -> _OnDevice:
    return np.array(x, copy=True).view(_OnDevice)


def _to_host(x: Any) -> np.ndarray:
    return np.array(x.view(np.ndarray) if isinstance(x, _OnDevice) else x, copy=True)


#: How many transforms the fake GPU has run (so a test can tell the engine was used at all).
TRANSFORMS = [0]


def _on_device(transform: Callable[..., Any]) -> Callable[..., Any]:
    def run(x: Any, s: Any = None, axes: Any = None) -> _OnDevice:
        if not isinstance(x, _OnDevice):
            raise TypeError("fake cupy: a host array reached a GPU transform")
        TRANSFORMS[0] += 1
        return np.asarray(transform(x.view(np.ndarray), s, axes)).view(_OnDevice)

    return run


def _fake_cupy() -> types.ModuleType:
    module = types.ModuleType("cupy")
    module.__spec__ = importlib.machinery.ModuleSpec("cupy", None)
    module.fft = types.SimpleNamespace(
        rfftn=_on_device(np.fft.rfftn), irfftn=_on_device(np.fft.irfftn),
        fftn=_on_device(np.fft.fftn), ifftn=_on_device(np.fft.ifftn))
    module.asarray = _to_device
    module.asnumpy = _to_host
    module.cuda = types.SimpleNamespace(runtime=types.SimpleNamespace(getDeviceCount=lambda: 1))
    return module


@pytest.fixture
def fake_cupy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    real = _transforms._importable
    monkeypatch.setitem(sys.modules, "cupy", _fake_cupy())
    monkeypatch.setattr(_transforms, "_importable", lambda name: name == "cupy" or real(name))
    _transforms.engine.cache_clear()
    choose._cheapest.cache_clear()
    yield
    _transforms.engine.cache_clear()
    choose._cheapest.cache_clear()


def test_the_fake_refuses_what_cupy_refuses() -> None:
    """The stand-in must be able to fail, or the tests below prove nothing."""
    fake = _fake_cupy()
    with pytest.raises(TypeError, match="host array reached"):
        fake.fft.rfftn(np.ones(4), (4,), (0,))
    with pytest.raises(TypeError, match="host array in arithmetic"):
        fake.asarray(np.ones(3)) * np.ones(3)
    assert type(fake.asnumpy(fake.asarray([1.0]))) is np.ndarray


@pytest.mark.usefixtures("fake_cupy")
@pytest.mark.parametrize("mode", ["full", "same", "valid", "circular"])
@pytest.mark.parametrize("shapes", [((300,), (40,)), ((30, 20), (7, 5))], ids=str)
@pytest.mark.parametrize("complex_", [False, True], ids=["real", "complex"])
def test_method_cupy_matches_fft(mode: str, shapes: tuple, complex_: bool) -> None:
    assert "cupy" in dc.backends.available()
    rng = np.random.default_rng(len(mode) + sum(shapes[0]))
    a, b = rng.standard_normal(shapes[0]), rng.standard_normal(shapes[1])
    if complex_:
        a = a + 1j * rng.standard_normal(shapes[0])
    before = TRANSFORMS[0]
    got = dc.convolve(a, b, mode=mode, method="cupy")
    assert TRANSFORMS[0] > before
    want = dc.convolve(a, b, mode=mode, method="fft")
    assert type(got) is np.ndarray and got.dtype == want.dtype and got.shape == want.shape
    assert np.allclose(got, want, atol=1e-9)


@pytest.mark.usefixtures("fake_cupy")
@pytest.mark.parametrize("shapes", [((200_000,), (31,)), ((300, 200), (9, 9)), ((3000,), (2000,))],
                         ids=str)
def test_auto_and_overlap_add_on_the_cupy_engine(monkeypatch: pytest.MonkeyPatch,
                                                 shapes: tuple) -> None:
    """``DISCRETECONV_FFT=cupy`` sends auto's transforms, whole or overlap-add, to the GPU."""
    monkeypatch.setenv("DISCRETECONV_FFT", "cupy")
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal(shapes[0]), rng.standard_normal(shapes[1])
    want = dc.convolve(a, b, method="direct")
    assert choose.choose_float(a.shape, b.shape) != "direct"
    before = TRANSFORMS[0]
    got = dc.convolve(a, b, method="auto")
    assert TRANSFORMS[0] > before  # on the fake GPU
    assert type(got) is np.ndarray
    assert np.allclose(got, want, atol=1e-9)
