"""Sessions as served: kept in the database, read through the cache."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache


@pytest.fixture
def served_sessions(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_a_page_reads_its_session_from_the_cache(
    served_sessions, client_for, secretariat, django_assert_num_queries
):
    client = client_for(secretariat)
    client.get("/meetings/")
    # The user and their groups; the session, the list and the unread count come from the cache.
    with django_assert_num_queries(2):
        response = client.get("/meetings/")
    assert response.status_code == 200
    assert Session.objects.filter(session_key=client.session.session_key).exists()


def test_a_session_the_cache_let_go_is_read_from_the_database(
    served_sessions, client_for, secretariat
):
    client = client_for(secretariat)
    cache.clear()
    response = client.get("/meetings/")
    assert response.status_code == 200
    assert response.wsgi_request.user == secretariat


def test_logging_out_ends_the_session_in_both(served_sessions, client_for, secretariat):
    client = client_for(secretariat)
    key = client.session.session_key
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    response = client.get("/meetings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
