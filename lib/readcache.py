"""Figures over the whole record (counts, chart figures, the ids of a short list), cached.

At years of records a count of what a reader may see costs more than the rest of a page. The
cache key is the SQL of the queryset the figure is computed from (minutes.access builds the
visibility part, so two readers share a figure exactly when they would see the same rows), the
figure's name, and a generation token that every write to a record replaces (`forget`,
connected to the record models' signals in minutes.apps; writes go through minutes.services,
which save with the ORM, so each one sends them). A figure also expires after TTL seconds
whatever happens. The cache is Django's default one (settings.CACHES), shared by every worker.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import transaction

TTL = 300
GENERATION_KEY = "readcache:generation"


def generation() -> str:
    """The generation token now (a page that renders several cached pieces reads it once)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        token = cache.get(GENERATION_KEY, "")
    return token


def cached(name: str, queryset, build: Callable[[], Any], *extra: Any) -> Any:
    """`build()`'s answer for this queryset (and any `extra` parts of the key), from the cache
    while no record has changed since."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # known to match nothing: nothing to save
        return build()
    return _remembered(f"{generation()}|{name}|{sql}|{params!r}|{extra!r}", build)


def fragment(parts: tuple, render: Callable[[], str], *, token: str | None = None) -> str:
    """A rendered piece of a page for these key `parts`, from the cache while no record has
    changed since. `parts` must hold everything the piece depends on besides the record (the
    reader, the language, the day, the page's query); `token` is `generation()` read once by
    a page that renders several pieces."""
    token = generation() if token is None else token
    return _remembered(f"{token}|fragment|{parts!r}", render)


def _remembered(raw: str, build: Callable[[], Any]) -> Any:
    """The value kept under this key text, or `build()`'s, kept for TTL seconds."""
    key = "readcache:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TTL)
    return value


def count(queryset) -> int:
    return cached("count", queryset, queryset.count)


class CachedCountPaginator(Paginator):
    """A paginator whose total (the one costly query of a page of a long list) is cached."""

    @property
    def count(self) -> int:
        if not hasattr(self, "_cached_count"):
            self._cached_count = count(self.object_list)
        return self._cached_count


def forget(**kwargs) -> None:
    """A record changed: a new generation now (for the writer's own next read) and again once
    the transaction commits (for everyone else)."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, secrets.token_hex(8), None))
