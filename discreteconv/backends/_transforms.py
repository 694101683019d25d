"""The FFT libraries the float backends can run on, behind one small interface.

An *engine* provides four functions with numpy's signatures restricted to what the backends use:
``rfftn(x, s, axes, out=None)``, ``irfftn(X, s, axes, out=None)``, ``fftn(x, s, axes, out=None)``
and ``ifftn(X, s, axes, out=None)``. The lengths ``s`` are never shorter than the input along
``axes`` (zero padding only). An inverse transform may overwrite its input ``X``. An engine whose
``takes_out`` is true writes into ``out`` when given one (numpy and pyFFTW: the backends then
reuse work arrays, see :mod:`._scratch`); the others ignore it and return a new array, so callers
always use the returned array.
``numpy`` is always present; ``scipy`` (:mod:`scipy.fft`), ``pyfftw`` (FFTW through pyFFTW,
plans cached per thread) and ``cupy`` (a GPU) are used when installed. :func:`preferred` names
the one ``method="auto"`` runs on: pyFFTW when it is installed (for complex inputs only for
large whole-array transforms), else numpy, unless the environment variable
``DISCRETECONV_FFT`` names another.

Examples
--------
>>> import numpy as np
>>> numpy_engine = engine("numpy")
>>> np.round(numpy_engine.irfftn(numpy_engine.rfftn(np.array([1.0, 2.0]), (4,), (0,)),
...                              (4,), (0,)), 12)
array([1., 2., 0., 0.])
"""

from __future__ import annotations

import functools
import importlib.util
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import BackendUnavailableError, InvalidOptionError
from . import _scratch

Transform = Callable[..., Any]

#: Engine name -> (module that must be importable, the pip package that provides it).
REQUIREMENTS: dict[str, tuple[str, str]] = {
    "numpy": ("numpy", "numpy"),
    "scipy": ("scipy", "scipy"),
    "pyfftw": ("pyfftw", "pyFFTW"),
    "cupy": ("cupy", "cupy-cuda12x"),
}


@dataclass(frozen=True)
class Engine:
    """Four transforms of one FFT library (numpy's argument order: array, lengths, axes)."""

    name: str
    rfftn: Transform
    irfftn: Transform
    fftn: Transform
    ifftn: Transform
    #: Moves a result back to host memory as a numpy array (identity except on a GPU).
    to_host: Callable[[Any], Any] = lambda x: x
    #: Moves an input to where the engine computes (identity except on a GPU).
    to_device: Callable[[Any], Any] = lambda x: x
    #: Whether the transforms write into the ``out`` array they are given.
    takes_out: bool = False

    def work(self, slot: str, shape: Sequence[int], dtype: Any) -> Any:
        """A reusable work array for ``out`` (see :mod:`._scratch`), or None if not taken."""
        if not self.takes_out:
            return None
        return _scratch.work_array(slot, tuple(shape), dtype)


def _numpy() -> Engine:
    return Engine("numpy", functools.partial(_numpy_forward, real=True),
                  functools.partial(_numpy_inverse, real=True),
                  functools.partial(_numpy_forward, real=False),
                  functools.partial(_numpy_inverse, real=False), takes_out=True)


def _numpy_forward(x: Any, s: Sequence[int], axes: Sequence[int], out: Any = None, *,
                   real: bool) -> Any:
    """numpy's ``rfftn``/``fftn`` (zero padding to ``s``), writing into ``out`` if given.

    One 1-D pass per axis, the last axis first (into the corner of ``out``, the rest zeroed),
    then the others in place: no intermediate arrays, unlike ``numpy.fft.rfftn``.
    """
    import numpy as np

    transform = np.fft.rfft if real else np.fft.fft
    if len(axes) == 1:
        return transform(x, s[0], axis=axes[0], out=out)
    x = np.asarray(x)
    axes = [axis % x.ndim for axis in axes]
    crop = [slice(None)] * x.ndim
    for axis, n in zip(axes[:-1], s[:-1], strict=True):
        crop[axis] = slice(0, n)  # numpy crops an input longer than its transform
    x = x[tuple(crop)]
    shape = list(x.shape)
    for axis, n in zip(axes, s, strict=True):
        shape[axis] = n
    last = axes[-1]
    if real:
        shape[last] = s[-1] // 2 + 1
    if out is None:
        out = np.empty(shape, dtype=np.complex128)
    corner = tuple(slice(0, x.shape[axis]) if axis in axes[:-1] else slice(None)
                   for axis in range(x.ndim))
    transform(x, s[-1], axis=last, out=out[corner])
    for axis in axes[:-1]:
        if x.shape[axis] < shape[axis]:
            out[(slice(None),) * axis + (slice(x.shape[axis], None),)] = 0
    for axis, n in zip(axes[:-1], s[:-1], strict=True):
        np.fft.fft(out, n, axis=axis, out=out)
    return out


def _numpy_inverse(spectrum: Any, s: Sequence[int], axes: Sequence[int], out: Any = None, *,
                   real: bool) -> Any:
    """numpy's ``irfftn``/``ifftn``: the leading axes in place (``spectrum`` is overwritten),
    then the last axis into ``out`` (a new array if None)."""
    import numpy as np

    axes = [axis % spectrum.ndim for axis in axes] if len(axes) > 1 else axes
    for axis, n in zip(axes[:-1], s[:-1], strict=True):
        if spectrum.shape[axis] == n:
            np.fft.ifft(spectrum, n, axis=axis, out=spectrum)
        else:
            spectrum = np.fft.ifft(spectrum, n, axis=axis)
    return (np.fft.irfft if real else np.fft.ifft)(spectrum, s[-1], axis=axes[-1], out=out)


#: Transforms with at least this many points (input or output) run on every CPU in the engines
#: that can (pyfftw, scipy); smaller ones on one thread. Measured on 2 shared cores with pyfftw
#: (full convolutions, best of several): 2 threads cost a ~20 ms wake-up floor when the other
#: core is busy, so 2**12..2**17-point transforms ran 2.5x to 160x slower on 2 threads; from
#: 2**20 points 2 threads ranged from 0.6x (idle core) to 1.25x (busy core) of 1 thread.
THREADED_FROM = 2**20


def threads_for(points: int) -> int:
    """How many threads a transform of ``points`` points runs on: all CPUs if large, else 1."""
    if points < THREADED_FROM:
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _scipy() -> Engine:
    import numpy as np
    import scipy.fft

    def wrap(transform: Callable[..., Any]) -> Transform:
        def run(x: Any, s: Sequence[int], axes: Sequence[int], out: Any = None) -> Any:
            points = max(int(np.size(x)), math.prod(s))
            return transform(x, s, axes, workers=threads_for(points))

        return run

    return Engine("scipy", wrap(scipy.fft.rfftn), wrap(scipy.fft.irfftn), wrap(scipy.fft.fftn),
                  wrap(scipy.fft.ifftn))


def _pyfftw() -> Engine:
    import numpy as np

    def transform(x: Any, s: Sequence[int], axes: Sequence[int], out: Any = None, *,
                  inverse: bool, real: bool) -> Any:
        """numpy's (i)(r)fftn on FFTW: copy into an aligned buffer, run a plan, normalise.

        The result goes into ``out`` when it is given with FFTW's alignment (work arrays are).
        """
        x = np.asarray(x)
        axes = tuple(axis % x.ndim for axis in axes)
        out_shape = list(x.shape)
        for axis, n in zip(axes, s, strict=True):
            out_shape[axis] = n
        in_shape = list(out_shape)
        if real:  # the half spectrum: the last axis holds n // 2 + 1 frequencies
            (in_shape if inverse else out_shape)[axes[-1]] = s[-1] // 2 + 1
        in_dtype = np.float64 if real and not inverse else np.complex128
        out_dtype = np.float64 if real and inverse else np.complex128
        plan, result = _fftw_plan(tuple(in_shape), in_dtype, tuple(out_shape), out_dtype, axes,
                                  inverse, out)
        # numpy's inverse divides by the transform length: scale while copying, saving a pass
        copy_padded(x, plan.input_array, 1.0 / math.prod(s) if inverse else None)
        plan.execute()
        return result

    return Engine(
        "pyfftw",
        functools.partial(transform, inverse=False, real=True),
        functools.partial(transform, inverse=True, real=True),
        functools.partial(transform, inverse=False, real=False),
        functools.partial(transform, inverse=True, real=False),
        takes_out=True,
    )


#: The FFTW planner effort of the pyfftw engine. ``FFTW_ESTIMATE`` plans in under a millisecond
#: once a length has been seen (~20 ms the first time); ``FFTW_MEASURE`` finds plans up to 2x
#: faster for some lengths but took 190 s to plan one transform of 2,000,000 points here (5 s
#: for 2304 x 2304), which no single call recovers.
PYFFTW_PLANNER = "FFTW_ESTIMATE"
#: FFTW plans kept per thread (with their aligned input buffers), least recently used dropped.
#: Reusing a buffer saves the page faults of fresh memory: at 10**6 * 10**6 a convolution went
#: from 0.84x to 0.47x of scipy.signal.fftconvolve's time here. A kept plan also holds on to the
#: last result it wrote (memory the caller usually still holds).
PLAN_CACHE_SIZE = 4
#: Plans whose input buffer is larger than this are built for one call and not kept.
PLAN_CACHE_BYTES = 64 * 2**20
_PLANS = _scratch.ThreadCache(PLAN_CACHE_SIZE)


def _fftw_plan(in_shape: tuple[int, ...], in_dtype: Any, out_shape: tuple[int, ...],
               out_dtype: Any, axes: tuple[int, ...], inverse: bool,
               out: Any = None) -> tuple[Any, Any]:
    """An FFTW plan writing into ``out`` (or a fresh aligned array), and that array.

    Plans are cached per thread (a plan's input buffer is not shared between threads), keyed by
    everything FFTW planned for.
    """
    import pyfftw

    threads = threads_for(max(math.prod(in_shape), math.prod(out_shape)))
    key = (in_shape, in_dtype, out_shape, out_dtype, axes, inverse, threads, PYFFTW_PLANNER)
    usable = (out is not None and out.shape == tuple(out_shape) and out.dtype == out_dtype
              and out.flags.c_contiguous and out.ctypes.data % pyfftw.simd_alignment == 0)
    result = out if usable else pyfftw.empty_aligned(out_shape, dtype=out_dtype)
    plan = _PLANS.find(key)
    if plan is not None:
        plan.update_arrays(plan.input_array, result)
        return plan, result
    source = pyfftw.empty_aligned(in_shape, dtype=in_dtype)
    plan = pyfftw.FFTW(source, result, axes=axes,
                       direction="FFTW_BACKWARD" if inverse else "FFTW_FORWARD",
                       flags=(PYFFTW_PLANNER, "FFTW_DESTROY_INPUT"), threads=threads)
    if source.nbytes <= PLAN_CACHE_BYTES:
        _PLANS.add(key, plan)
    return plan, result


def release_plans() -> None:
    """Drop this thread's cached FFTW plans (and their input buffers)."""
    _PLANS.clear()


def copy_padded(x: Any, target: Any, scale: float | None = None) -> None:
    """Copy ``x`` (times ``scale``) into the corner of ``target``, zero-filling the rest.

    ``x`` is cropped where it is longer than ``target``.
    """
    import numpy as np

    corner = tuple(slice(0, min(n, m)) for n, m in zip(x.shape, target.shape, strict=True))
    if scale is None:
        target[corner] = x[corner]
    else:
        np.multiply(x[corner], scale, out=target[corner])
    for axis, (n, m) in enumerate(zip(x.shape, target.shape, strict=True)):
        if n < m:  # the slab past the data along this axis (earlier axes: the data's rows only)
            target[(*corner[:axis], slice(n, m))] = 0


def _cupy() -> Engine:
    import cupy

    def wrap(transform: Callable[..., Any]) -> Transform:
        def run(x: Any, s: Sequence[int], axes: Sequence[int], out: Any = None) -> Any:
            return transform(x, s, axes)

        return run

    return Engine("cupy", wrap(cupy.fft.rfftn), wrap(cupy.fft.irfftn), wrap(cupy.fft.fftn),
                  wrap(cupy.fft.ifftn), to_host=cupy.asnumpy, to_device=cupy.asarray)


def _cupy_finds_a_gpu() -> bool:
    """True if CuPy imports and the CUDA runtime reports at least one device."""
    try:
        import cupy

        return int(cupy.cuda.runtime.getDeviceCount()) > 0
    except Exception:  # no driver, no device, a broken CUDA install: all mean "no GPU here"
        return False


#: Engine name -> a function building it (imports happen on first use).
BUILDERS: dict[str, Callable[[], Engine]] = {
    "numpy": _numpy,
    "scipy": _scipy,
    "pyfftw": _pyfftw,
    "cupy": _cupy,
}


@functools.cache
def _importable(module: str) -> bool:
    """Whether ``module`` can be imported; looked up once per process (it is on the hot path of
    every float ``method="auto"`` call, and a failed lookup searches ``sys.path``)."""
    return importlib.util.find_spec(module) is not None


def is_available(name: str) -> bool:
    """True if the engine's library can be imported here (and, for cupy, finds a GPU)."""
    if name not in BUILDERS:
        return False
    if not _importable(REQUIREMENTS[name][0]):
        return False
    probe = PROBES.get(name)
    return probe is None or probe()


#: Engine name -> an extra check beyond importability (e.g. that a GPU is present).
PROBES: dict[str, Callable[[], bool]] = {"cupy": _cupy_finds_a_gpu}


@functools.cache
def engine(name: str) -> Engine:
    """The engine called ``name``; a clear error if it is unknown or not installed."""
    if name not in REQUIREMENTS:
        raise InvalidOptionError(
            f"unknown FFT engine {name!r}; choose one of {', '.join(sorted(REQUIREMENTS))}"
        )
    if not is_available(name):
        module, package = REQUIREMENTS[name]
        if importlib.util.find_spec(module) is not None:  # installed, but its probe failed
            raise BackendUnavailableError(
                f"the FFT engine {name!r}: {package!r} is installed but finds no CUDA GPU here"
            )
        raise BackendUnavailableError(
            f"the FFT engine {name!r} needs the package {package!r} (pip install {package})"
        )
    return BUILDERS[name]()


#: Whole-array FFT convolutions of at least this many transform points run on pyFFTW when it is
#: installed; smaller ones on numpy, whose lower cost per call through the general engine
#: interface wins there (measured here: equal lengths n = 1000, numpy 81 us, pyFFTW 101 us;
#: n = 4000, 194 us and 148 us). Two real 1-D inputs run on pyFFTW at any size: their short
#: path (:mod:`._fftw1d`) took 17 us at n = 1000.
PYFFTW_FROM_POINTS = 4096


def preferred(backend: str = "fft", points: int | None = None, *, real: bool = False,
              ndim: int | None = None) -> str:
    """The engine ``method="auto"`` runs ``backend`` on, for a transform of ``points`` points
    of ``ndim`` axes over ``real`` (float64) or complex inputs.

    ``$DISCRETECONV_FFT`` when set; else pyFFTW if it is installed and

    * for ``"fft"``: the inputs are real and 1-D (plans bound to kept buffers,
      :mod:`._fftw1d`), or the transform has at least :data:`PYFFTW_FROM_POINTS` points (or
      ``points`` is None);
    * for ``"overlap-add"``: the inputs are real (batches of blocks on plans bound to kept
      buffers, :mod:`._fftwblocks`; measured here 10 to 35 % faster than on numpy);

    else numpy. CuPy is never preferred automatically: moving data to a GPU and back costs more
    than it saves for most sizes; ask for it with ``method="cupy"``.
    """
    chosen = os.environ.get("DISCRETECONV_FFT", "").strip().lower()
    if chosen:
        try:
            engine(chosen)  # a clear error if it cannot run here
        except (InvalidOptionError, BackendUnavailableError) as error:
            raise type(error)(f"DISCRETECONV_FFT={chosen!r}: {error}") from None
        return chosen
    if backend == "overlap-add":
        if not real:
            return "numpy"
    elif not (real and ndim == 1) and points is not None and points < PYFFTW_FROM_POINTS:
        return "numpy"
    return "pyfftw" if is_available("pyfftw") else "numpy"
