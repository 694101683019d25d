"""The exact convolution core: convolve/correlate, modes, geometry, Signals and ``explain``."""

from .convolve import convolve, correlate
from .explain import Explanation, explain
from .modes import output_size
from .signal import Signal

__all__ = ["Explanation", "Signal", "convolve", "correlate", "explain", "output_size"]
