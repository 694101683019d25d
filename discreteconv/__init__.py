"""discreteconv: exact and symbolic convolution.

``(f*g)[n] = sum_k f[k] g[n-k]``, computed exactly for ints, Fractions and SymPy values, and
fast for floats.

Examples
--------
>>> import discreteconv as dc
>>> dc.convolve([1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1])  # ways to roll 2..12 with two dice
[1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import errors
from .errors import (
    AssumptionNeededError,
    BackendUnavailableError,
    DiscreteconvError,
    DivergentIntegralError,
    EmptyInputError,
    InvalidEntryError,
    InvalidOptionError,
    NoClosedFormError,
    NonFiniteError,
    NotationError,
    ShapeError,
    TooLargeError,
    UnsupportedFunctionError,
)

__version__ = "0.1.0"

# Everything else is imported on first use, so that ``import discreteconv`` (and the dice
# command line, which never needs numpy) stays fast: name -> module that defines it.
_LAZY = {
    "available_methods": ("discreteconv.backends", "available"),
    "kernels": ("discreteconv.kernels", None),  # a module: the 2-D image kernels
    "convolve_chunked": ("discreteconv.chunked", "convolve_chunked"),  # needs the dask extra
    "float_sum": ("discreteconv.dist.floating", "float_sum"),
    "FloatDistribution": ("discreteconv.dist.floating", "FloatDistribution"),
    **{name: ("discreteconv.core", name) for name in (
        "AccuracyReport", "Explanation", "Signal", "check_against_exact", "convolve",
        "correlate", "explain", "output_size")},
    **{name: ("discreteconv.poly", name) for name in (
        "Polynomial", "ProductExplanation", "explain_product")},
    **{name: ("discreteconv.symbolic", name) for name in (
        "AnswerCheck", "Cauchy", "ContinuousDistribution", "Derivation", "Exponential", "Gamma",
        "Normal", "Triangular", "Uniform", "animate_convolution", "check_answer",
        "convolution_figure", "convolve_integral", "derive", "parse_function", "ramp", "rect",
        "save_convolution_figure", "tri")},
    **{name: ("discreteconv.dist", name) for name in (
        "Distribution", "bernoulli", "binomial", "coin", "dice", "dice_sum_derivation",
        "dice_sum_formula", "dice_sum_probability", "die", "drop_highest", "drop_lowest",
        "explode", "fudge", "keep_highest", "keep_lowest", "maximum", "minimum", "mixture",
        "reroll", "uniform")},
}


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'discreteconv' has no attribute {name!r}") from None
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:
    from . import kernels
    from .backends import available as available_methods
    from .chunked import convolve_chunked
    from .core import (
        AccuracyReport,
        Explanation,
        Signal,
        check_against_exact,
        convolve,
        correlate,
        explain,
        output_size,
    )
    from .dist import (
        Distribution,
        bernoulli,
        binomial,
        coin,
        dice,
        dice_sum_derivation,
        dice_sum_formula,
        dice_sum_probability,
        die,
        drop_highest,
        drop_lowest,
        explode,
        fudge,
        keep_highest,
        keep_lowest,
        maximum,
        minimum,
        mixture,
        reroll,
        uniform,
    )
    from .dist.floating import FloatDistribution, float_sum
    from .poly import Polynomial, ProductExplanation, explain_product
    from .symbolic import (
        AnswerCheck,
        Cauchy,
        ContinuousDistribution,
        Derivation,
        Exponential,
        Gamma,
        Normal,
        Triangular,
        Uniform,
        animate_convolution,
        check_answer,
        convolution_figure,
        convolve_integral,
        derive,
        parse_function,
        ramp,
        rect,
        save_convolution_figure,
        tri,
    )

__all__ = [
    "AccuracyReport",
    "AnswerCheck",
    "AssumptionNeededError",
    "BackendUnavailableError",
    "Cauchy",
    "ContinuousDistribution",
    "Derivation",
    "DiscreteconvError",
    "Distribution",
    "DivergentIntegralError",
    "EmptyInputError",
    "Explanation",
    "Exponential",
    "FloatDistribution",
    "Gamma",
    "InvalidEntryError",
    "InvalidOptionError",
    "NoClosedFormError",
    "NonFiniteError",
    "Normal",
    "NotationError",
    "Polynomial",
    "ProductExplanation",
    "ShapeError",
    "Signal",
    "TooLargeError",
    "Triangular",
    "Uniform",
    "UnsupportedFunctionError",
    "__version__",
    "animate_convolution",
    "available_methods",
    "bernoulli",
    "binomial",
    "check_against_exact",
    "check_answer",
    "coin",
    "convolution_figure",
    "convolve",
    "convolve_chunked",
    "convolve_integral",
    "correlate",
    "derive",
    "dice",
    "dice_sum_derivation",
    "dice_sum_formula",
    "dice_sum_probability",
    "die",
    "drop_highest",
    "drop_lowest",
    "errors",
    "explain",
    "explain_product",
    "explode",
    "float_sum",
    "fudge",
    "keep_highest",
    "keep_lowest",
    "kernels",
    "maximum",
    "minimum",
    "mixture",
    "output_size",
    "parse_function",
    "ramp",
    "rect",
    "reroll",
    "save_convolution_figure",
    "tri",
    "uniform",
]
