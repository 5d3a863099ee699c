"""Hostile input stays inert: XSS payloads in every free-text field of every model are shown
as text on every page, CSV cells never start a formula, iCal lines cannot be forged; security
headers; uploads served only to those who may see the meeting.

Generic on purpose: the fields come from the models (every CharField and TextField of every
project model) and the pages from the URL configuration (tests/security/urlwalk.py), so a new
model or a new page is attacked without editing this file.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape

from tests.security import urlwalk

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "'><iframe src=javascript:alert(1)></iframe>",
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "{{ 7|add:7 }} {% now 'Y' %}",
    '=HYPERLINK("http://evil.example","click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "line\r\nX-INJECTED:1",
]
# For fields too short for the payloads above.
SHORT_PAYLOADS = ["<b>x", "<i>", '"><', "=1+1", "@x"]

# Fields whose value the app parses rather than shows (an invalid one is refused by the form,
# not shown): "app_label.Model.field".
NOT_FREE_TEXT = {
    "participants.BodyTimeZone.zone",
}
PROJECT_APPS_EXCLUDED = {"admin", "auth", "contenttypes", "sessions", "axes", "simple_history"}


def free_text_fields() -> list[tuple[type[models.Model], models.Field]]:
    """Every CharField/TextField a person types into, in every project model."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS_EXCLUDED or model.__name__.startswith(
            "Historical"
        ):
            continue
        for field in model._meta.concrete_fields:
            label = f"{model._meta.label}.{field.name}"
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if isinstance(field, models.EmailField | models.URLField | models.SlugField):
                continue
            if field.choices or label in NOT_FREE_TEXT or field.name in ("token", "password"):
                continue
            found.append((model, field))
    return found


def _payload_for(field: models.Field, n: int) -> str:
    limit = field.max_length or 10_000
    payload = PAYLOADS[n % len(PAYLOADS)]
    suffix = f" #{n}"
    if field.unique or len(payload) + len(suffix) <= limit:
        payload = payload + suffix
    if len(payload) > limit:
        payload = (SHORT_PAYLOADS[n % len(SHORT_PAYLOADS)] + suffix)[-limit:]
    return payload


def poison(world: urlwalk.World) -> list[str]:
    """Write a payload in every free-text field of every row; returns the payloads written."""
    written = []
    n = 0
    for model, field in free_text_fields():
        for obj in model._default_manager.all():
            value = _payload_for(field, n)
            n += 1
            model._default_manager.filter(pk=obj.pk).update(**{field.attname: value})
            written.append(value)
    for user in world.users.values():
        user.first_name = "<script>alert(1)</script>"
        user.last_name = '"><img src=x onerror=alert(1)>'
        user.save(update_fields=["first_name", "last_name"])
    return written


def _is_script_url(value: str) -> bool:
    # Browsers ignore whitespace and control characters inside the scheme.
    bare = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    return bare.startswith(("javascript:", "vbscript:", "data:text/html"))


class _Inspector(HTMLParser):
    """Collects what would run in a browser: inline scripts, event handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler attribute")
            if name == "style":
                self.problems.append(f"<{tag} style=...> inline style (the CSP blocks it)")
            url_attribute = name in ("href", "src", "action", "formaction", "data", "srcdoc")
            if url_attribute and _is_script_url(value or ""):
                self.problems.append(f"<{tag} {name}={value!r}> script URL")
        if tag == "script":
            src = dict(attrs).get("src")
            if not src or not src.startswith(settings.STATIC_URL):
                self.problems.append(f"<script src={src!r}> not a static file")
            self._in_script = True
        if tag in ("iframe", "object", "embed", "frame"):
            self.problems.append(f"<{tag}> element")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("inline <script> content")


def inspect_html(body: str) -> list[str]:
    parser = _Inspector()
    parser.feed(body)
    parser.close()
    return parser.problems


def inspect_csv(body: str) -> list[str]:
    problems = []
    for row in csv.reader(io.StringIO(body)):
        for cell in row:
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and any(
                cell.startswith(p[:4]) for p in PAYLOADS
            ):
                problems.append(f"CSV cell {cell[:30]!r} would run as a formula (use safe_cell)")
    return problems


def inspect_ical(body: str) -> list[str]:
    lines = body.replace("\r\n", "\n").split("\n")
    return [f"forged iCal line {line!r}" for line in lines if line.startswith("X-INJECTED")]


def inspect(response) -> list[str]:
    if getattr(response, "streaming", False):
        return []
    kind = response.get("Content-Type", "")
    body = response.content.decode(errors="replace")
    if "text/html" in kind:
        return inspect_html(body)
    if "text/csv" in kind:
        return inspect_csv(body)
    if "text/calendar" in kind:
        return inspect_ical(body)
    return []


def test_the_inspector_catches_live_markup():
    assert inspect_html("<p><script>alert(1)</script></p>")
    assert inspect_html('<img src="x" onerror="alert(1)">')
    assert inspect_html('<a href=" JaVaScRiPt:alert(1)">x</a>')
    assert inspect_html('<p style="color:red">x</p>')
    assert not inspect_html(
        '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script src="/static/js/app.js"></script>'
    )
    assert inspect_csv('a,"=HYPERLINK(""http://evil.example"",""click"")"\r\n')
    assert not inspect_csv("a,'=HYPERLINK(1)\r\n")
    assert inspect_ical("BEGIN:VEVENT\r\nX-INJECTED:1\r\n")


@pytest.fixture
def poisoned(secretariat, principal, other_principal, admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    world = urlwalk.build_world(
        {
            "secretariat": secretariat,
            "principal": principal,
            "other_principal": other_principal,
            "admin": admin,
        }
    )
    world.written = poison(world)
    return world


def test_payloads_are_written_in_every_free_text_field(poisoned):
    fields = {f"{m._meta.label}.{f.name}" for m, f in free_text_fields()}
    # The foundation's free text at least; other apps' fields join automatically.
    assert {
        "minutes.Meeting.title",
        "minutes.AgendaItem.discussion",
        "minutes.Decision.text",
        "minutes.ActionPoint.text",
        "minutes.ActionUpdate.text",
        "participants.Organization.name",
        "participants.Person.name",
        "minutes.ReviewComment.text",
    } <= fields
    from minutes.models import Meeting

    assert (
        Meeting.objects.filter(title__startswith="<").exists()
        or Meeting.objects.filter(title__contains="alert").exists()
    )


def test_every_page_shows_hostile_text_as_inert_text(poisoned):
    problems = []
    pages = 0
    for role in ("secretariat", "principal"):
        client = Client()
        client.force_login(poisoned.users[role])
        for case in urlwalk.cases(poisoned):
            response = client.get(case.url)
            if response.status_code >= 500:
                problems.append(f"{case.label} as {role}: {response.status_code}")
                continue
            if response.status_code != 200:
                continue
            pages += 1
            problems += [f"{case.label} as {role}: {p}" for p in inspect(response)]
    assert pages >= 10
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_summary_shows_the_payloads_as_text(poisoned, client_for):
    meeting = poisoned.bundles["approved"].meeting
    meeting.refresh_from_db()
    response = client_for(poisoned.users["principal"]).get(meeting.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    # Plain fields are escaped: the reader sees exactly what was typed.
    assert "<" in meeting.title
    assert escape(meeting.title) in body
    assert "<script>alert(1)" not in body
    assert not re.search(r"<img[^>]*onerror", body)
    assert not inspect_html(body)


def test_markdown_links_to_javascript_are_dropped():
    from minutes.markup import render_markdown

    html = render_markdown(
        "[click me](javascript:alert(1)) <script>alert(1)</script> "
        '<img src=x onerror=alert(1)> <a href="vbscript:x">v</a> [ok](https://example.org)'
    )
    assert "javascript:" not in html
    assert "<script" not in html and "onerror" not in html and "vbscript" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in html
    assert not inspect_html(html)


# ---------------------------------------------------------------- headers and deployment


def test_security_headers_on_every_kind_of_page(client, principal):
    client.force_login(principal)
    for url in (reverse("login"), reverse("dashboard"), reverse("minutes:meeting_list")):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
        script_src = directives.get("script-src", directives.get("default-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert "'unsafe-inline'" not in directives.get("style-src", [])
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_check_deploy_is_clean():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "check-deploy-test-" + "x" * 50,
        "ALLOWED_HOSTS": "minutes.example.org",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # The browser tests' conftest sets this for Playwright; a real deployment never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_harden_cookies_and_https():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "y" * 60, "ALLOWED_HOSTS": "x.org"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django;django.setup();" + code],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "False"], result.stderr


# ---------------------------------------------------------------- uploads


def test_a_draft_document_is_served_to_the_secretariat_only(poisoned):
    draft_doc = poisoned.bundles["draft"].document
    url = reverse("minutes:document_download", args=[draft_doc.pk])
    for role in ("principal", "other_principal"):
        client = Client()
        client.force_login(poisoned.users[role])
        assert client.get(url).status_code == 404
    client = Client()
    client.force_login(poisoned.users["secretariat"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Document body DRAFT\n"
    assert "attachment" in response["Content-Disposition"]


def test_a_circulated_document_is_served_to_principals(poisoned):
    doc = poisoned.bundles["circulated"].document
    client = Client()
    client.force_login(poisoned.users["other_principal"])
    response = client.get(reverse("minutes:document_download", args=[doc.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Document body CIRCULATED\n"
    assert Client().get(reverse("minutes:document_download", args=[doc.pk])).status_code == 302


def test_uploads_live_outside_the_static_files_and_have_no_public_url(poisoned):
    media = Path(settings.MEDIA_ROOT).resolve()
    for static_dir in [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]:
        assert not media.is_relative_to(Path(static_dir).resolve())
    stored = poisoned.bundles["draft"].document.file.name
    with pytest.raises(Resolver404):
        resolve(settings.MEDIA_URL + stored)
    assert Client().get(settings.MEDIA_URL + stored).status_code in (302, 404)
