"""Malformed requests answer 400 (or a form error), never 500, and write nothing; signed-in
responses are never cached; bidi controls are stripped; URL secrets stay out of the logs."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from actions.models import CalendarToken
from config import logredact
from minutes.models import AgendaItem, Meeting
from participants.models import Organization, Person
from tests.factories import make_item, make_meeting


@pytest.fixture
def meeting(body):
    return make_meeting(body=body)


def _meeting_form(body, **extra):
    return {
        "body": body.pk,
        "modality": "virtual",
        "date": "2023-03-27",
        "status": "draft",
        **extra,
    }


# (what, method, url, data or raw body, expected status)
def _cases(meeting):
    create = reverse("minutes:meeting_create")
    return [
        ("NUL in a calendar-feed URL (no login)", "get", "/calendar/%00abc.ics", None, 400),
        ("NUL in the query string", "get", "/search/?q=a%00b", None, 400),
        ("invalid UTF-8 in the query string", "get", "/search/?q=%ff%fe", None, 400),
        # Django keeps undecodable bytes of a path percent-encoded: no page has such a path.
        ("invalid UTF-8 in the path", "get", "/meetings/%ff/", None, 404),
        ("query string over 8 KB", "get", "/search/?q=" + "a" * 9000, None, 400),
        ("NUL in a form field", "post", create, {"title": "A\x00B"}, 400),
        ("invalid UTF-8 in a form body", "raw", create, b"title=%ff%fe&date=2023-03-27", 400),
        ("more than 1000 fields", "post", create, {f"f{n}": "x" for n in range(1200)}, 400),
        ("a field over the body limit", "post", create, {"opening_remarks": "x" * 12_000_000}, 400),
        ("a title over its 300 characters", "post", create, {"title": "x" * 100_000}, 200),
    ]


def test_malformed_requests_answer_400_and_write_nothing(client_for, body, secretariat, meeting):
    client = client_for(secretariat)
    client.raise_request_exception = False
    before = (Meeting.objects.count(), AgendaItem.objects.count())
    answers = {}
    for what, method, url, data, expected in _cases(meeting):
        if method == "get":
            response = client.get(url)
        elif method == "raw":
            response = client.generic(
                "POST", url, data, content_type="application/x-www-form-urlencoded"
            )
        else:
            response = client.post(url, _meeting_form(body, **data))
        answers[what] = response.status_code
        assert response.status_code == expected, what
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == before
    assert 500 not in answers.values()
    assert sum(code == 400 for code in answers.values()) == 8


def test_nul_in_the_login_form_is_a_400_not_a_lockout_entry(db):
    client = Client(raise_request_exception=False)
    response = client.post(reverse("login"), {"username": "x\x00y", "password": "p"})
    assert response.status_code == 400
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.exists()


def test_an_unknown_calendar_token_is_a_404(db):
    assert Client().get("/calendar/" + "A" * 43 + ".ics").status_code == 404


def test_bidi_overrides_are_stripped_from_names_and_titles(client_for, body, secretariat, meeting):
    client = client_for(secretariat)
    client.post(
        reverse("minutes:attendance_new_person", args=[meeting.pk]),
        {
            "new-name": "Rola\u202e Dashti\u202c",
            "new-new_organization_name": "Evil \u2066Org\u2069",
            "new-new_organization_acronym": "EV\u202dL",
        },
    )
    assert Person.objects.filter(name="Rola Dashti").exists()
    assert Organization.objects.filter(name="Evil Org", acronym="EVL").exists()
    response = client.post(
        reverse("minutes:meeting_create"),
        _meeting_form(body, title="Principals \u202egnitee\u202c M\u200feeting"),
    )
    assert response.status_code == 302
    # The plain right-to-left mark that Arabic text needs is kept.
    assert Meeting.objects.filter(title="Principals gnitee M\u200feeting").exists()


def test_signed_in_pages_and_exports_are_no_store(client_for, body, secretariat, meeting):
    make_item(meeting)
    client = client_for(secretariat)
    for url in [
        reverse("dashboard"),
        meeting.get_absolute_url(),
        reverse("actions:action_export"),
        reverse("summaries:export_docx", args=[meeting.pk]),
        reverse("summaries:export_markdown", args=[meeting.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_admin_is_no_store(client_for, admin):
    response = client_for(admin).get(reverse("admin:index"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_calendar_feed_is_no_store(secretariat):
    token = CalendarToken.objects.create(user=secretariat)
    response = Client().get(reverse("actions:calendar_feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_static_files_and_anonymous_pages_keep_their_own_caching(db):
    login = Client().get(reverse("login"))
    assert "no-store" in login["Cache-Control"]  # Django's login view is never_cache itself
    assert not User.objects.exists()


def test_secrets_in_urls_are_redacted_in_logs():
    line = 'GET /calendar/Zx9-Ab_cd.ics HTTP/1.1" 200 "https://x/accounts/reset/MQ/c4k-9a8b/"'
    cleaned = logredact.redact(line)
    assert "Zx9-Ab_cd" not in cleaned and "c4k-9a8b" not in cleaned
    assert "/calendar/[token].ics" in cleaned
    assert "/accounts/reset/[uid]/[token]" in cleaned


def test_django_log_records_are_redacted(db, caplog):
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/calendar/s3cret.ics",),
        None,
    )
    logredact.RedactSecretsFilter().filter(record)
    assert record.getMessage() == "Not Found: /calendar/[token].ics"


def test_gunicorn_access_log_line_has_no_token():
    from types import SimpleNamespace

    from gunicorn.config import Config

    logger = logredact.RedactingGunicornLogger(Config())
    request = SimpleNamespace(
        method="GET", path="/calendar/s3cret.ics", query="", version=(1, 1), headers=[]
    )
    response = SimpleNamespace(status="200 OK", response_length=10, headers=[], sent=10)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/calendar/s3cret.ics",
        "PATH_INFO": "/calendar/s3cret.ics",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    import datetime

    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0.01))
    assert "s3cret" not in atoms["r"] and "s3cret" not in atoms["U"]
