"""The exact convolution core: convolve/correlate, modes, geometry, Signals, ``explain`` and
the accuracy of float methods against the exact result."""

from .accuracy import AccuracyReport, check_against_exact
from .convolve import convolve, correlate
from .explain import Explanation, explain
from .modes import output_size
from .signal import Signal

__all__ = ["AccuracyReport", "Explanation", "Signal", "check_against_exact", "convolve",
           "correlate", "explain", "output_size"]
