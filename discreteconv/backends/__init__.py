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
=================  =======  =============================  ======================================

Examples
--------
>>> from discreteconv.backends import available
>>> {"direct", "kronecker", "fft"} <= set(available())
True
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import _validate
from ..errors import BackendUnavailableError

__all__ = ["BACKENDS", "Backend", "available", "get"]

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

    def is_available(self) -> bool:
        """True if its optional package (if any) can be imported."""
        return self.import_name is None or importlib.util.find_spec(self.import_name) is not None

    def load(self) -> FullConvolution:
        """The ``full(a, b)`` function; raises if the optional package is missing."""
        if not self.is_available():
            raise BackendUnavailableError(
                f"method {self.name!r} needs the package {self.package!r}: "
                f"pip install {self.package}  (or pip install 'discreteconv[{self.name}]')"
            )
        module = importlib.import_module(f"{__name__}.{self.module}")
        return getattr(module, self.function)


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
        Backend("fft", False, False, "numpy float64/complex128 FFT (not exact)", "fft"),
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
