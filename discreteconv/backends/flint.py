"""Exact integer convolution with python-flint's ``fmpz_poly``.

Optional: ``pip install python-flint`` (or the ``flint`` extra).
"""

from __future__ import annotations

import importlib.util

import numpy as np

from ._nd import through_1d

PACKAGE = "python-flint"


def is_available() -> bool:
    """True if python-flint can be imported."""
    return importlib.util.find_spec("flint") is not None


def full(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Exact N-D full convolution of integer arrays by FLINT polynomial multiplication."""
    import flint

    def one_d(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        product = flint.fmpz_poly(x.tolist()) * flint.fmpz_poly(y.tolist())
        coefficients = [int(c) for c in product.coeffs()]
        coefficients.extend([0] * (x.size + y.size - 1 - len(coefficients)))
        out = np.empty(len(coefficients), dtype=object)
        out[:] = coefficients
        return out

    return through_1d(one_d, a, b)
