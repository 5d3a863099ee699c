from __future__ import annotations

import pytest
from django.db import connection

from tests.factories import (
    PRINCIPALS,
    SECRETARIAT,
    make_body,
    make_organization,
    make_person,
    make_user,
)


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
def _role_groups_survive_flush(request):
    """A transactional test flushes the tables after itself, taking the role groups made by a
    data migration with it; recreate them so the next live-server journey can log in."""
    if "transactional_db" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.contrib.auth.models import Group

    for name in (SECRETARIAT, PRINCIPALS):
        Group.objects.get_or_create(name=name)
