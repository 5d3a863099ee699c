"""A wall-clock limit on one reading, checked between sections and lines."""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager

_DEADLINE: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "parse_deadline", default=None
)


class ParseTimeout(ValueError):
    """The text took longer to read than the budget allows."""


@contextmanager
def budget(seconds: float | None) -> Iterator[None]:
    """Within the block, `check()` raises once `seconds` have passed (None: no limit)."""
    limit = None if seconds is None else (time.monotonic() + seconds, seconds)
    token = _DEADLINE.set(limit)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    limit = _DEADLINE.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise ParseTimeout(
            f"Reading the summary took longer than the limit of {limit[1]:g} seconds; "
            "split it into smaller files or simplify its layout."
        )
