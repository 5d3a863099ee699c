from __future__ import annotations

import datetime
import os

import pytest
import time_machine
from django.db import connection

from tests.factories import (
    PRINCIPALS,
    SECRETARIAT,
    make_body,
    make_organization,
    make_person,
    make_user,
)


def pytest_sessionstart(session):
    """The translation catalogues compiled as `make setup` compiles them, for a run of pytest
    without make: a stale .mo would test yesterday's translations."""
    from scripts.compile_messages import ROOT, compile_catalogue

    for po_path in ROOT.glob("locale/*/LC_MESSAGES/django.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            compile_catalogue(po_path)


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _sessions_in_the_database(settings):
    """Pinned query counts name every read, the session's included: tests read it from the
    database. Served, it is read through the cache (tests/config/test_sessions.py)."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture(autouse=True)
def _fresh_cache(settings, tmp_path):
    """Each test with a cache of its own (the dashboard's figures live there), where every
    write shows to every reader on the next request (tests/actions/test_tracker_cache.py
    checks the settled reading of lists apart)."""
    settings.READCACHE_SETTLE_SECONDS = 0
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": str(tmp_path)}
    }  # fmt: skip
    yield
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in French (Accept-Language) leaves
    its language active in the thread, and a test calling code directly would read French."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def member_org(db):
    return make_organization(
        name="Office of the UN High Commissioner for Refugees", acronym="UNHCR"
    )


@pytest.fixture
def other_org(db):
    return make_organization(name="United Nations Children's Fund", acronym="UNICEF")


@pytest.fixture
def body(member_org, other_org):
    return make_body(
        name="Executive Committee",
        short_name="EXCOM",
        slug="executive-committee",
        members=[member_org, other_org],
    )


@pytest.fixture
def secretariat(db):
    return make_user("secretariat", group=SECRETARIAT)


@pytest.fixture
def principal(member_org):
    person = make_person(
        name="Gillian Triggs",
        organization=member_org,
        title="Assistant High Commissioner for Protection",
    )
    return make_user("principal", group=PRINCIPALS, person=person)


@pytest.fixture
def other_principal(other_org):
    person = make_person(
        name="Omar Abdi", organization=other_org, title="Deputy Executive Director"
    )
    return make_user("principal2", group=PRINCIPALS, person=person)


@pytest.fixture
def admin(db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("admin", "admin@example.org", "correct-horse-battery")


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def client_for(client):
    """Log a persona in on the test client: client_for(principal)."""

    def login(user):
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture(autouse=True)
def _role_groups_survive_flushes(request):
    """Transactional tests (the browser journeys) flush the tables after each test, taking the
    groups the data migration made with them; put them back so every journey can log in."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.contrib.auth.models import Group

    for name in (SECRETARIAT, PRINCIPALS):
        Group.objects.get_or_create(name=name)


# Tests marked `clock` run at a pinned UTC time of day, on a fixed date unless the marker names
# one (`@pytest.mark.clock(day=datetime.date(2024, 3, 1))`). MINUTES_TEST_CLOCK picks the time
# of day ("02:30", when New York is still on the previous day; "14:00" when both agree), so CI
# runs these tests under both clocks and a date computed in the wrong zone fails every time.
CLOCK_ENV = "MINUTES_TEST_CLOCK"
CLOCK_DEFAULT_TIME = "14:00"
CLOCK_DEFAULT_DAY = datetime.date(2026, 11, 30)


def pytest_collection_modifyitems(config, items):
    """The actions' `world` is built around today: every test using it runs on a pinned clock."""
    for item in items:
        if "world" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("clock"):
            item.add_marker(pytest.mark.clock)


def pinned_moment(day: datetime.date | None = None) -> datetime.datetime:
    raw = os.environ.get(CLOCK_ENV) or CLOCK_DEFAULT_TIME
    try:
        time_of_day = datetime.time.fromisoformat(raw)
    except ValueError:
        raise pytest.UsageError(
            f"{CLOCK_ENV} must be a time of day such as 02:30, not {raw!r}"
        ) from None
    return datetime.datetime.combine(day or CLOCK_DEFAULT_DAY, time_of_day, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _pinned_clock(request):
    marker = request.node.get_closest_marker("clock")
    if marker is None:
        yield None
        return
    moment = pinned_moment(marker.kwargs.get("day"))
    with time_machine.travel(moment, tick=True):
        yield moment
