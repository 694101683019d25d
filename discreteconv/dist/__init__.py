"""Probability: exact finite distributions, dice, and sums of independent random variables."""

from . import _arithmetic  # noqa: F401  (installs the operators on Distribution)
from ._arithmetic import maximum, minimum, mixture
from .closed_form import dice_sum_derivation, dice_sum_formula, dice_sum_probability
from .constructors import bernoulli, binomial, coin, die, fudge, uniform
from .distribution import Distribution
from .modifiers import explode, reroll
from .notation import dice
from .pools import drop_highest, drop_lowest, keep_highest, keep_lowest

__all__ = [
    "Distribution",
    "bernoulli",
    "binomial",
    "coin",
    "dice",
    "dice_sum_derivation",
    "dice_sum_formula",
    "dice_sum_probability",
    "die",
    "drop_highest",
    "drop_lowest",
    "explode",
    "fudge",
    "keep_highest",
    "keep_lowest",
    "maximum",
    "minimum",
    "mixture",
    "reroll",
    "uniform",
]
