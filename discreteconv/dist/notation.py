"""Dice notation (being written): ``dice("3d6+2")``."""

from __future__ import annotations

from .distribution import Distribution


def dice(notation: str) -> Distribution:
    """Parse dice notation into a Distribution."""
    raise NotImplementedError("dice notation is being written")
