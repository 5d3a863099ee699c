"""Hypothesis profiles: a small budget in the normal test run, a long one for `make fuzz`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
# The normal run draws the same examples every time, so a suite that passed here passes in CI;
# `make fuzz` explores at random, and what it finds becomes a plain regression test.
settings.register_profile("ci", max_examples=6, derandomize=True, database=None, **_COMMON)
settings.register_profile("long", max_examples=400, derandomize=False, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
