"""python manage.py benchmark: page timings and query counts on the current database.

Run it against a generated archive (generate_archive) on PostgreSQL, once per scale, and
compare: p50/p95 per page through the full Django stack (test Client, logged in), queries per
page, the search's own SQL timed raw, and the EXPLAIN of the main search query.
Pages that do not exist in this build (404 or no URL) are reported as missing, not failed,
so the same command can be rerun after the other features are merged.
"""

from __future__ import annotations

import statistics
import time

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, reverse

from minutes.models import Meeting, Topic
from participants import roles
from participants.models import Organization, Person, Position
from search import backend
from search.backend import Filters

SEARCHES = [
    ("search: common word", {"q": "migration"}),
    ("search: rare word", {"q": "Darien"}),
    ("search: phrase", {"q": '"regular pathways"'}),
    ("search: with filters", {"q": "pathways", "kind": "action", "status": "open"}),
]


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


class Command(BaseCommand):
    help = "Time pages, count their queries, and EXPLAIN the main search query."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--as", dest="role", choices=["principal", "secretariat"],
                            default="principal")  # fmt: skip

    def handle(self, *args, runs: int, warmup: int, role: str, **options) -> None:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        user = self._user(role)
        client = Client()
        client.force_login(user)
        self.stdout.write(
            f"Database: {connection.vendor} {connection.settings_dict.get('NAME')}; "
            f"{Meeting.objects.count():,} meetings; runs={runs}, as {role}\n"
        )
        self.stdout.write("| Page | p50 ms | p95 ms | queries | rows |")
        self.stdout.write("|---|---:|---:|---:|---|")
        for name, url in self._pages():
            if url is None:
                self.stdout.write(f"| {name} | missing | | | no URL in this build |")
                continue
            self._time_page(client, name, url, runs, warmup)
        if connection.vendor == "postgresql":
            self._raw_sql(user, runs, warmup)
            self._explain(user)

    def _user(self, role: str) -> User:
        user, _ = User.objects.get_or_create(username=f"bench-{role}")
        group = Group.objects.get(
            name=roles.SECRETARIAT if role == "secretariat" else roles.PRINCIPALS
        )
        user.groups.add(group)
        if role == "principal" and not Person.objects.filter(user=user).exists():
            person = Person.objects.create(name="Benchmark Principal", user=user)
            org = (
                Organization.objects.filter(acronym="UNHCR").first() or Organization.objects.first()
            )
            if org:
                Position.objects.create(person=person, organization=org, title="Director")
        return user

    def _pages(self) -> list[tuple[str, str | None]]:
        pages = [(name, reverse("search:search") + "?" + _qs(params)) for name, params in SEARCHES]
        meeting = Meeting.objects.filter(status=Meeting.Status.APPROVED).order_by("start", "pk")
        middle = meeting[meeting.count() // 2] if meeting.exists() else None
        topic = Topic.objects.filter(slug="regional-reviews").first() or Topic.objects.first()
        pages += [
            ("dashboard", _url("dashboard")),
            ("meeting list", _url("minutes:meeting_list")),
            ("summary page", middle.get_absolute_url() if middle else None),
            ("action tracker", _url("actions:action_list") or _url("actions:tracker")),
            ("decision register", _url("minutes:decision_list")),
            ("topic page", topic.get_absolute_url() if topic else None),
        ]
        return pages

    def _time_page(self, client: Client, name: str, url: str, runs: int, warmup: int) -> None:
        for _ in range(warmup):
            response = client.get(url)
        if response.status_code != 200:
            self.stdout.write(f"| {name} | missing | | | HTTP {response.status_code} |")
            return
        # Counted with an execute wrapper: request_started resets connection.queries_log.
        counter = _Counter()
        with connection.execute_wrapper(counter):
            client.get(url)
        samples = []
        for _ in range(runs):
            began = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - began) * 1000)
        self.stdout.write(
            f"| {name} | {statistics.median(samples):.0f} | {percentile(samples, 95):.0f} "
            f"| {counter.count} | `{url}` |"
        )

    def _raw_sql(self, user: User, runs: int, warmup: int) -> None:
        """The SQL the search page runs (capped count, then one page), without Django around."""
        self.stdout.write("\n| Search SQL alone (count + first page) | p50 ms | p95 ms |")
        self.stdout.write("|---|---:|---:|")
        for name, params in SEARCHES:
            results = self._results(user, params)
            count_sql, count_args = _sql(results.countable[: backend.COUNT_CAP])
            count_sql = f"SELECT COUNT(*) FROM ({count_sql}) AS hits"  # noqa: S608 - ORM-built
            page_sql, page_args = _sql(results.ranked[:20])
            samples = []
            with connection.cursor() as cursor:
                for i in range(warmup + runs):
                    began = time.perf_counter()
                    cursor.execute(count_sql, count_args)
                    cursor.fetchall()
                    cursor.execute(page_sql, page_args)
                    cursor.fetchall()
                    if i >= warmup:
                        samples.append((time.perf_counter() - began) * 1000)
            self.stdout.write(
                f"| {name} | {statistics.median(samples):.0f} | {percentile(samples, 95):.0f} |"
            )

    def _results(self, user: User, params: dict) -> backend.Results:
        filters = Filters(kind=params.get("kind", ""), status=params.get("status", ""))
        return backend.search(user=user, query=params["q"], filters=filters)

    def _explain(self, user: User) -> None:
        sql, args = _sql(self._results(user, SEARCHES[2][1]).ranked[:20])
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", args)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        seq = [line.strip() for line in plan.splitlines() if "Seq Scan" in line]
        self.stdout.write(f"\nEXPLAIN of the main search query ({SEARCHES[2][1]['q']}):\n")
        self.stdout.write("```\n" + plan + "\n```")
        self.stdout.write("Sequential scans: " + ("; ".join(seq) if seq else "none") + "\n")


def _sql(queryset) -> tuple[str, tuple]:
    return queryset.query.get_compiler(connection=connection).as_sql()


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _qs(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)
