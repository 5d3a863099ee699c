"""The dashboard's chart figures, cached: they aggregate every action point a reader may see,
which at years of records costs more than the rest of the page.

The cache key is the SQL of the reader's visible actions (minutes.access builds it, so two
readers share figures exactly when they see the same rows), the day, and a generation token
that every write to an action point, its owners, an agenda item or a meeting replaces (the
receivers below, connected in reports.apps). Writes go through minutes.services, which save
with the ORM, so each one sends these signals. The figures also expire after FIGURES_TTL
seconds whatever happens.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.cache import cache
from django.db import transaction

from reports import charts

FIGURES_TTL = 300
GENERATION_KEY = "reports:figures:generation"


def dashboard_charts(actions, *, today: datetime.date) -> tuple[charts.BarChart, charts.LineChart]:
    """(bar chart, line chart) for these visible actions, from the cache when still fresh."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = secrets.token_hex(8)
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    sql, params = actions.query.sql_with_params()
    digest = hashlib.sha256(f"{generation}|{today}|{sql}|{params!r}".encode()).hexdigest()
    key = f"reports:figures:{digest}"
    figures = cache.get(key)
    if figures is None:
        figures = (
            charts.open_actions_by_organization(actions),
            charts.opened_closed_by_quarter(actions, today=today),
        )
        cache.set(key, figures, FIGURES_TTL)
    return figures


def forget(**kwargs) -> None:
    """A record the figures count changed: start a new generation now (for the writer's own
    next read) and again once the transaction commits (for everyone else)."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, secrets.token_hex(8), None))
