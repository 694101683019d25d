"""Test configuration: a deterministic, modest hypothesis profile for the whole suite.

Examples are derandomized (the same ones on every run, so a failure reproduces) and no example
database is written into the working tree. Set ``HYPOTHESIS_PROFILE=thorough`` to search harder.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "discreteconv",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "discreteconv"))
