"""Convolution backends behind one registry.

Every backend computes the *full* N-D convolution with the same signature,
``full(a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray``; modes, stride, padding and
correlation are applied once, by :mod:`discreteconv.core`, around whichever backend ran.

=================  =======  =============================  ======================================
name               exact    takes                          how
=================  =======  =============================  ======================================
direct             yes      anything with + and *          schoolbook sum of shifted copies
kronecker          yes      ints (rationals via core)      one big-integer product (gmpy2 / GMP)
kronecker-python   yes      ints (rationals via core)      the same with Python ints (the twin)
split-fft          yes      ints up to 62 bits             float FFT on small limbs, proven bound
flint              yes      ints (rationals via core)      python-flint ``fmpz_poly`` (optional)
fft                no       ints, floats, complex          numpy FFT, float64 / complex128
overlap-add        no       ints, floats, complex          numpy FFT in blocks (long * short)
scipy-fft          no       ints, floats, complex          the FFT on scipy.fft (optional)
pyfftw             no       ints, floats, complex          the FFT on FFTW via pyFFTW (optional)
cupy               no       ints, floats, complex          the FFT on a GPU via CuPy (optional)
mpmath             no       numbers                        exact sums rounded once, mp.dps digits
=================  =======  =============================  ======================================

Examples
--------
>>> from discreteconv.backends import available
>>> {"direct", "kronecker", "fft"} <= set(available())
True
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import _validate
from ..errors import BackendUnavailableError

__all__ = ["BACKENDS", "Backend", "available", "free_work_memory", "get"]

if TYPE_CHECKING:
    import numpy as np

    FullConvolution = Callable[[np.ndarray, np.ndarray], "np.ndarray | None"]
else:
    FullConvolution = Callable[[Any, Any], Any]  # numpy is imported by the backends themselves


@dataclass(frozen=True)
class Backend:
    """One way of computing a full convolution.

    Attributes
    ----------
    name : str
        The ``method=`` value that selects it.
    exact : bool
        True if it returns exact results for exact input.
    integer_only : bool
        True if it takes integer arrays only (the core scales rationals to integers first).
    summary : str
        One line for ``--help`` and the docs.
    module, function : str
        Where the ``full(a, b)`` function lives (imported on first use).
    package : str or None
        The optional distribution it needs, named in the error when it is missing.
    """

    name: str
    exact: bool
    integer_only: bool
    summary: str
    module: str
    function: str = "full"
    package: str | None = None
    import_name: str | None = None
    engine: str | None = None
    #: What ``method="auto"`` runs instead of ``function``: the same algorithm on the preferred
    #: FFT engine (pyFFTW when installed); None: ``function`` itself.
    auto_function: str | None = None

    def is_available(self) -> bool:
        """True if its optional package (if any) can be imported (and its FFT engine runs)."""
        if self.engine is not None:
            from . import _transforms

            return _transforms.is_available(self.engine)
        return self.import_name is None or importlib.util.find_spec(self.import_name) is not None

    def load(self, *, auto: bool = False) -> FullConvolution:
        """The ``full(a, b)`` function (``auto``: the one ``method="auto"`` runs); raises if
        the optional package is missing."""
        if not self.is_available():
            extra = self.engine or self.name  # the extras are named after the engines
            if self.import_name and importlib.util.find_spec(self.import_name) is not None:
                raise BackendUnavailableError(  # installed, but its probe failed
                    f"method {self.name!r}: {self.package!r} is installed but "
                    f"{'finds no CUDA GPU' if self.engine == 'cupy' else 'cannot run'} here"
                )
            raise BackendUnavailableError(
                f"method {self.name!r} needs the package {self.package!r}: "
                f"pip install {self.package}  (or pip install 'discreteconv[{extra}]')"
            )
        return _function(self.module, (auto and self.auto_function) or self.function)


@functools.cache
def _function(module: str, name: str) -> FullConvolution:
    """``name`` from the backend module ``module`` (imported on first use)."""
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


BACKENDS: dict[str, Backend] = {
    backend.name: backend
    for backend in (
        Backend("direct", True, False, "schoolbook sum over any ring; the reference", "direct"),
        Backend(
            "kronecker", True, True, "exact big-integer packing, GMP through gmpy2", "kronecker"
        ),
        Backend(
            "kronecker-python",
            True,
            True,
            "exact big-integer packing with Python ints (gmpy2's twin)",
            "kronecker",
            "full_python",
        ),
        Backend(
            "split-fft",
            True,
            True,
            "exact for ints up to 62 bits: float FFT on small limbs under a proven error bound",
            "splitfft",
        ),
        Backend(
            "flint",
            True,
            True,
            "exact polynomial product in python-flint (optional)",
            "flint",
            package="python-flint",
            import_name="flint",
        ),
        Backend("fft", False, False, "numpy float64/complex128 FFT (not exact)", "fft",
                auto_function="full_preferred"),
        Backend(
            "overlap-add",
            False,
            False,
            "numpy FFT in blocks: a long input with a short kernel (not exact)",
            "overlapadd",
            auto_function="full_preferred",
        ),
        Backend(
            "scipy-fft",
            False,
            False,
            "the FFT on scipy.fft, all CPUs for large transforms (not exact; optional)",
            "fft",
            "full_scipy",
            package="scipy",
            import_name="scipy",
            engine="scipy",
        ),
        Backend(
            "pyfftw",
            False,
            False,
            "the FFT on FFTW through pyFFTW, cached plans (not exact; optional)",
            "fft",
            "full_pyfftw",
            package="pyFFTW",
            import_name="pyfftw",
            engine="pyfftw",
        ),
        Backend(
            "cupy",
            False,
            False,
            "the FFT on a GPU through CuPy (not exact; optional, needs a GPU)",
            "fft",
            "full_cupy",
            package="cupy-cuda12x",
            import_name="cupy",
            engine="cupy",
        ),
        Backend(
            "mpmath",
            False,
            False,
            "reference values: each output the exact sum rounded once to mpmath.mp.dps digits",
            "mpmathdirect",
        ),
    )
}

METHODS = ("auto", *BACKENDS)


def get(name: object) -> Backend:
    """The backend called ``name``; a clear error for an unknown or unavailable one."""
    chosen = _validate.choice("method", name, tuple(BACKENDS))
    return BACKENDS[chosen]


def available() -> tuple[str, ...]:
    """Names of the backends that can run here (optional packages present)."""
    return tuple(name for name, backend in BACKENDS.items() if backend.is_available())


def free_work_memory() -> None:
    """Drop what this thread keeps between float convolutions to save time on the next one.

    The FFT backends keep work arrays for their spectra and blocks (at most 64 MiB each, a few
    per thread), and on pyFFTW the plans with their aligned buffers (a few per thread, the
    largest 64 MiB); later calls rebuild what they need. Results handed back are never kept.

    Examples
    --------
    >>> import discreteconv as dc
    >>> from discreteconv.backends import free_work_memory
    >>> _ = dc.convolve([1.5] * 5000, [2.5] * 4000)
    >>> free_work_memory()
    """
    from . import _fftw1d, _fftwblocks, _scratch, _transforms

    _scratch.release()
    _fftw1d.release()
    _fftwblocks.release()
    _transforms.release_plans()
