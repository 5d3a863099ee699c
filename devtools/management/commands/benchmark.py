"""python manage.py benchmark: page timings and query counts on the current database.

With ``--plan FILE`` it times nothing: it writes what ``scripts/bench.py`` (``make bench``)
needs to drive wrk against gunicorn: the pages (URL and role), a logged-in session cookie per
role, each page's query count, the archive's row counts, and the EXPLAIN of every search.

Run it against a generated archive (generate_archive) on PostgreSQL, once per scale, and
compare: p50/p95 per page through the full Django stack (test Client, logged in), queries per
page, the search's own SQL timed raw, and the EXPLAIN of the main search query.
Pages that do not exist in a build (404 or no URL) are reported as missing, not failed.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import NoReverseMatch, reverse

from minutes.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Topic,
)
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
        parser.add_argument("--plan", type=Path, help="Write the wrk plan (JSON) and stop.")

    def handle(self, *args, runs: int, warmup: int, role: str, plan: Path | None, **options):
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        if plan:
            plan.write_text(json.dumps(self._plan(), indent=1))
            self.stdout.write(f"Plan written to {plan}.")
            return
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
        if role == "admin":
            User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
            user.refresh_from_db()
            return user
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

    def _plan(self) -> dict:
        """Pages to drive with wrk (name, role, URL, queries), cookies, row counts, plans."""
        users = {role: self._user(role) for role in ("principal", "secretariat", "admin")}
        clients = {}
        for role, user in users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        pages = []
        for name, role, url in self._wrk_pages(users["principal"]):
            if url is None:
                continue
            clients[role].get(url)  # the session and the worker warm
            # Cold: the first reader after a write (every cached count, figure and rendered
            # list gone), with the queries that request makes.
            cache.clear()
            counter = _Counter()
            began = time.perf_counter()
            with connection.execute_wrapper(counter):
                response = clients[role].get(url)
            cold_ms = (time.perf_counter() - began) * 1000
            pages.append(
                {"name": name, "role": role, "url": url, "status": response.status_code,
                 "queries": counter.count, "bytes": len(response.content),
                 "cold_ms": round(cold_ms, 1)}
            )  # fmt: skip
        counts = {
            "meetings": Meeting.objects.count(),
            "agenda items": AgendaItem.objects.count(),
            "decisions": Decision.objects.count(),
            "action points": ActionPoint.objects.count(),
            "progress entries": ActionUpdate.objects.count(),
            "attendances": Attendance.objects.count(),
            "people": Person.objects.count(),
        }
        explains = []
        if connection.vendor == "postgresql":
            for name, params in SEARCHES:
                plan = self._explain_plan(users["principal"], params)
                seq = [line.strip() for line in plan.splitlines() if "Seq Scan" in line]
                explains.append({"name": name, "query": params, "plan": plan, "seq_scans": seq})
        return {
            "pages": pages,
            "cookies": {role: _session_cookie(user) for role, user in users.items()},
            "counts": counts,
            "explains": explains,
        }

    def _wrk_pages(self, principal: User) -> list[tuple[str, str, str | None]]:
        """Every page a reader opens, with the role that opens it, and the admin's peers."""
        own = Organization.objects.filter(positions__person__user=principal).first()
        org = Organization.objects.filter(acronym="UNHCR").first() or own
        # The person who attended most: their page is the one that would grow.
        person = (
            Person.objects.filter(attendances__isnull=False)
            .annotate(n=Count("attendances"))
            .order_by("-n", "pk")
            .first()
        )
        meetings = Meeting.objects.filter(status=Meeting.Status.APPROVED).order_by("start", "pk")
        middle = meetings[meetings.count() // 2] if meetings.exists() else None
        topic = Topic.objects.filter(slug="regional-reviews").first() or Topic.objects.first()
        search = reverse("search:search")
        pages = [
            ("floor (hello)", "principal", _url("devtools:hello")),
            ("dashboard, secretariat", "secretariat", _url("dashboard")),
            ("dashboard, principal", "principal", _url("dashboard")),
            ("meeting list", "principal", _url("minutes:meeting_list")),
            ("decision register", "principal", _url("minutes:decision_list")),
            ("action tracker, secretariat", "secretariat", _url("actions:action_list")),
            ("action tracker, principal", "principal", _url("actions:action_list")),
            ("owner look-up (JSON)", "secretariat", _lookup_url("actions:owner_lookup", "ok")),
            ("meeting look-up (JSON)", "secretariat", _lookup_url("actions:meeting_lookup", "20")),
            ("organisation list", "principal", _url("reports:organization_list")),
            ("organisation page", "principal", org.get_absolute_url() if org else None),
            ("people list", "principal", _url("reports:person_list")),
            ("person page", "principal", person.get_absolute_url() if person else None),
            ("summary page", "principal", middle.get_absolute_url() if middle else None),
            ("topic page", "principal", topic.get_absolute_url() if topic else None),
            *((name, "principal", search + "?" + _qs(params)) for name, params in SEARCHES),
            ("admin: action points (peer)", "admin", _url("admin:minutes_actionpoint_changelist")),
            ("admin: meetings (peer)", "admin", _url("admin:minutes_meeting_changelist")),
        ]
        return pages

    def _explain_plan(self, user: User, params: dict) -> str:
        try:
            sql, args = _sql(self._results(user, params).ranked[:20])
        except EmptyResultSet:
            return "(no query: no search row can match, so the page runs none)"
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", args)
            return "\n".join(row[0] for row in cursor.fetchall())

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
        """The SQL the search page runs (the candidates and their count, then one page), without
        the page around it."""
        self.stdout.write("\n| Search SQL alone (count + first page) | p50 ms | p95 ms |")
        self.stdout.write("|---|---:|---:|")
        for name, params in SEARCHES:
            samples = []
            for i in range(warmup + runs):
                began = time.perf_counter()
                results = self._results(user, params)
                results.count()
                list(results.ranked[:20])
                if i >= warmup:
                    samples.append((time.perf_counter() - began) * 1000)
            self.stdout.write(
                f"| {name} | {statistics.median(samples):.0f} | {percentile(samples, 95):.0f} |"
            )

    def _results(self, user: User, params: dict) -> backend.Results:
        filters = Filters(kind=params.get("kind", ""), status=params.get("status", ""))
        return backend.search(user=user, query=params["q"], filters=filters)

    def _explain(self, user: User) -> None:
        try:
            sql, args = _sql(self._results(user, SEARCHES[2][1]).ranked[:20])
        except EmptyResultSet:
            self.stdout.write("\nNo search row can match the main search query: no SQL to explain.")
            return
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


def _session_cookie(user: User) -> str:
    """A logged-in session made directly in the session store, as the browser would hold it."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _lookup_url(name: str, term: str) -> str | None:
    url = _url(name)
    return f"{url}?q={term}" if url else None


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _qs(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)
