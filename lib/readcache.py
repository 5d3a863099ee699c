"""Figures over the whole record (counts, chart figures, the ids of a short list), cached.

At years of records a count of what a reader may see costs more than the rest of a page. The
cache key is the SQL of the queryset the figure is computed from (minutes.access builds the
visibility part, so two readers share a figure exactly when they would see the same rows), or
the parts a caller names (`kept`: the reader, the day, the page's query), the figure's name,
and generation tokens that writes replace (`forget`, connected to the record models' signals in
minutes.apps; writes go through minutes.services, which save with the ORM, so each one sends
them). There are two tokens: one for the whole record, which any write replaces, and one that
only writes to action points and their progress replace (`forget_actions`). What does not read
action points (`actions=False`: the meeting list, the register, who may open a meeting) keeps
through the progress entries a follow-up writes all day. A figure also expires after TTL
seconds whatever happens. The cache is Django's default one (settings.CACHES), shared by every
worker.

What reads action points is read at the actions token as it settled: a new token is taken up
at most once every settings.READCACHE_SETTLE_SECONDS, so while a follow-up writes progress
several times a second each such list is built once in that time, not after every write, and
shows another person's write at most that many seconds late. A session that wrote within that
time reads the newest token (`reading`, set per request by config.middleware): everyone sees
their own writes at once. 0 takes up every new token at once.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import transaction
from django.utils.functional import SimpleLazyObject

TTL = 300
GENERATION_KEY = "readcache:generation"
ACTIONS_GENERATION_KEY = "readcache:generation:actions"
SETTLED_KEY = "readcache:generation:actions:settled"
# Whether this request may read the settled actions token (see above); outside a request it
# reads the newest, as a command or a test expects.
_settled: ContextVar[bool] = ContextVar("readcache_settled", default=False)
# Within a request, the tokens it has read (a page keeps many answers; each reads them once).
_read: ContextVar[dict | None] = ContextVar("readcache_read", default=None)


@contextmanager
def reading(*, settled: bool) -> Iterator[None]:
    """One request: what reads action points is read at the settled token or not, and each
    token is read from the cache once."""
    resets = (_settled.set(settled), _read.set({}))
    try:
        yield
    finally:
        _settled.reset(resets[0])
        _read.reset(resets[1])


def _token(key: str) -> str:
    token = cache.get(key)
    if token is None:
        cache.add(key, secrets.token_hex(8), None)
        token = cache.get(key, "")
    return token


def generation(*, actions: bool = True) -> str:
    """The generation token now, for an answer that reads action points (or, with
    `actions=False`, one that does not); within a request, as it was first read there."""
    read = _read.get()
    if read is None:
        return _generation(actions)
    if actions not in read:
        read[actions] = _generation(actions)
    return read[actions]


def _generation(actions: bool) -> str:
    token = _token(GENERATION_KEY)
    return f"{token}.{_actions_token()}" if actions else token


def _actions_token() -> str:
    newest = _token(ACTIONS_GENERATION_KEY)
    lag = settings.READCACHE_SETTLE_SECONDS
    if lag <= 0 or not _settled.get():
        return newest
    now = time.time()
    settled = cache.get(SETTLED_KEY)
    if settled is None or (settled[0] != newest and now - settled[1] >= lag):
        settled = (newest, now)
        cache.set(SETTLED_KEY, settled, None)
    return settled[0]


def cached(name: str, queryset, build: Callable[[], Any], *extra: Any) -> Any:
    """`build()`'s answer for this queryset (and any `extra` parts of the key), from the cache
    while no record has changed since."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # known to match nothing: nothing to save
        return build()
    return _remembered(f"{generation()}|{name}|{sql}|{params!r}|{extra!r}", build)


def kept(name: str, parts: tuple, build: Callable[[], Any], *, actions: bool = True) -> Any:
    """`build()`'s answer kept under a name and key `parts`, from the cache while no record it
    reads has changed since. `parts` must hold everything the answer depends on besides the
    record (the reader, the day, the page's query): unlike `cached`, nothing is compiled to
    make the key, so a page served from the cache builds no queryset at all. `actions=False`
    only for an answer that reads no action point and no progress entry."""
    return _remembered(f"{generation(actions=actions)}|{name}|{parts!r}", build)


def fragment(parts: tuple, render: Callable[[], str], *, actions: bool = True) -> str:
    """A rendered piece of a page for these key `parts` (with the language as well as what
    `kept` asks for)."""
    return kept("fragment", parts, render, actions=actions)


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


class KeptCountPaginator(Paginator):
    """A paginator over a list built only when a page's rows are read (`build()`, a queryset),
    its count kept under `key` (see `kept`: everything the list depends on besides the record).
    With the count and the rendered rows in the cache, a page of the list builds no query."""

    def __init__(
        self, build: Callable[[], Any], per_page: int, *, key: tuple, actions: bool = True
    ) -> None:
        self._key = key
        self._actions = actions
        super().__init__(SimpleLazyObject(build), per_page)

    def _check_object_list_is_ordered(self) -> None:
        """Not asked: that would build the list. Callers order what `build()` returns."""

    @property
    def count(self) -> int:
        if not hasattr(self, "_cached_count"):
            self._cached_count = kept(
                "count", self._key, lambda: self.object_list.count(), actions=self._actions
            )
        return self._cached_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = SimpleLazyObject(lambda: self.object_list[bottom:top])
        return self._get_page(rows, number, self)


def forget(**kwargs) -> None:
    """A record changed: a new generation now (for the writer's own next read) and again once
    the transaction commits (for everyone else)."""
    _renew(GENERATION_KEY)


def forget_actions(**kwargs) -> None:
    """An action point, its owners or topics, or a progress entry changed: what reads them
    starts again; the rest keeps."""
    _renew(ACTIONS_GENERATION_KEY)


def _renew(key: str) -> None:
    read = _read.get()
    if read is not None:
        read.clear()  # the writer's next read in this request sees the new token
    cache.set(key, secrets.token_hex(8), None)
    transaction.on_commit(lambda: cache.set(key, secrets.token_hex(8), None))
