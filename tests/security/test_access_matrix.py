"""Every URL x every role: login redirect, 403/404, 200, never a 500, never a draft shown.

The URLs come from the URL configuration (tests/security/urlwalk.py), so a page added on any
branch is in this matrix without editing it. What differs per URL lives in the small tables
below: add a URL name there when a page is secretariat-only, public, or a principal may not open
another organisation's copy.
"""

from __future__ import annotations

import fnmatch
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.security import urlwalk

# Pages anyone may open without logging in. A view marked @login_not_required that is not
# listed here fails the matrix: opening a page to the world must be a decision made here.
PUBLIC_URL_NAMES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "admin:index",  # answers with its own login redirect
    # Calendar feeds authenticate by the token in their URL.
    "*ical*",
    "*:*feed*",
    # The header's language switcher (POST only): the login page offers it too.
    "outbox:language",
}

# Django's admin: for superusers only; everyone else is sent to the admin's login page.
ADMIN_ONLY = {"admin:index"}

# Pages only the secretariat may open: principals get 403 (or 404). Globs allowed.
SECRETARIAT_ONLY = {
    # The recording editor and review workflow.
    "minutes:meeting_create",
    "minutes:meeting_edit",
    "minutes:meeting_attendance",
    "minutes:attendance_add",
    "minutes:attendance_new_person",
    "minutes:meeting_agenda",
    "minutes:item_edit",
    "minutes:item_move",
    "minutes:item_remove",
    "minutes:meeting_history",
    "minutes:meeting_circulate",
    "minutes:meeting_approve",
    "minutes:meeting_reopen",
    "minutes:comment_resolve",
    "minutes:translation_edit",
    # Import of summaries writes meetings.
    "summaries:import_start",
    "summaries:import_preview",
    # Bulk changes on the tracker and the follow-up review of a meeting.
    "actions:action_bulk",
    "actions:action_edit",
    "actions:follow_up",
}

# Pages a principal may open only for their own organisation's objects: the other principal
# gets 403 or 404 on them.
OWN_ORGANIZATION_ONLY: set[str] = set()

# (URL name, role) -> statuses allowed instead of the defaults, for the odd page (e.g. a
# GET that redirects by design). Keep it short: every line is an exception to explain.
EXPECTED_OVERRIDES: dict[tuple[str, str], set[int]] = {
    # A valid reset link redirects to its set-password form; a used one says it is invalid.
    ("password_reset_confirm", "anonymous"): {200, 302},
}

# Draft text a page shows a principal on purpose: URL name -> kinds of urlwalk's
# Bundle.secrets ("meeting", "item", "comment", ...). Every line needs a reason.
# A principal keeps sight of the text of their own comment (and its status) after an
# objection returns the summary to draft; the draft's own titles stay hidden.
DRAFT_TEXT_SHOWN_BY_DESIGN: dict[str, set[str]] = {"minutes:my_comments": {"comment"}}

# Views allowed to skip CSRF (none: even the calendar feeds only GET).
CSRF_EXEMPT: set[str] = set()

# Channels a URL name alone does not reach: a query string turns a page into another channel
# (the decisions CSV) or fills it (search). Each is visited by every role as a case of its own.
EXTRA_QUERIES: dict[str, list[str]] = {
    "minutes:decision_list": ["format=csv"],
    "actions:action_list": ["status=open&status=in_progress&status=done&status=dropped"],
    "actions:action_export": ["status=open&status=in_progress&status=done&status=dropped"],
    # The filters' suggestions: only what the reader may see, like the pages themselves.
    "actions:meeting_lookup": ["q=DRAFT", "q=PLANNED", "q=CIRCULATED", "q=APPROVED"],
    "actions:owner_lookup": ["q=Newcomer", "q=DRAFT"],
    "minutes:body_lookup": ["q=EXCOM", "q=Executive Committee"],
    "search:search": [
        "q=DRAFT",
        "q=PLANNED",
        "q=CIRCULATED",
        "q=APPROVED",
        "q=Follow-up note",
        "q=Newcomer",
    ],
}

# URL parameters naming recorded content: on a planned meeting, principals get 404 for them
# (its header and agenda are readable, what was recorded is not).
CONTENT_KEYS = {"decision", "action", "update", "document", "event"}
# Pages that are the recorded content themselves (the summary in a second language).
CONTENT_PAGES = {"minutes:translation_detail"}

# Account pages a login with no role still opens (and the admin, which has its own door).
NO_ROLE_OPEN = {
    "logout",
    "password_change",
    "password_change_done",
    "admin:index",
}
NO_ROLE_TEXT = "Your account has no role yet"

ROLES = (
    "anonymous",
    "principal",
    "other_principal",
    "outsider",
    "no_role",
    "secretariat",
    "admin",
)
# Roles that read nothing of the body: a principal of an organisation without a seat, and a
# login with no role.
OUTSIDERS = ("outsider", "no_role")
PAGE_OK = {200, 204, 301, 302, 303, 405}


def _matches(name: str, table: set[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, glob) for glob in table)


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303):
        return False
    path = urlsplit(response["Location"]).path
    return path in (settings.LOGIN_URL, reverse("admin:login"))


@pytest.fixture
def world(secretariat, principal, other_principal, admin, settings, tmp_path):
    # The outsider (a principal of an organisation without a seat) and the login with no role
    # are made by build_world.
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return urlwalk.build_world(
        {
            "secretariat": secretariat,
            "principal": principal,
            "other_principal": other_principal,
            "admin": admin,
        }
    )


def _clients(world: urlwalk.World) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(world.users[role])
    return clients


def _check(case: urlwalk.Case, role: str, response, secretariat_status: int) -> str | None:
    """What is wrong with this answer, or None."""
    code = response.status_code
    name = case.name
    if code >= 500:
        return f"{code} server error"
    if (name, role) in EXPECTED_OVERRIDES or (name.rsplit(":", 1)[-1], role) in EXPECTED_OVERRIDES:
        allowed = (
            EXPECTED_OVERRIDES.get((name, role))
            or EXPECTED_OVERRIDES[(name.rsplit(":", 1)[-1], role)]
        )
        return None if code in allowed else f"{code}, expected one of {sorted(allowed)}"
    if _matches(name, ADMIN_ONLY) and role != "admin":
        refused = _is_login_redirect(response) or code in (403, 404)
        return None if refused else f"{code}: only superusers may open the admin"
    if role == "anonymous":
        if case.route.login_required:
            return None if _is_login_redirect(response) else f"{code}, expected a login redirect"
        return None if code in PAGE_OK | {404} else f"{code} on a public URL"
    if role == "no_role":
        if not case.route.login_required or _matches(name, NO_ROLE_OPEN):
            return None if code in PAGE_OK | {403, 404} else f"{code} on an account page"
        if code != 403:
            return f"{code}: a login with no role must get the 403 no-role page"
        if NO_ROLE_TEXT not in response.content.decode():
            return "403 without saying the account has no role yet"
        return None
    if role in ("secretariat", "admin"):
        if _is_login_redirect(response):
            return "sent to the login page"
        if code in PAGE_OK:
            return None
        return (
            f"{code}: the secretariat should get 200 (or 405 on a POST-only URL). If the "
            "object filled in is the wrong kind, add a PARAM_OVERRIDES line in urlwalk.py"
        )
    # Principals.
    if code == 405 and secretariat_status == 405:
        return None  # POST-only: refuses the method before looking anything up
    if _matches(name, SECRETARIAT_ONLY):
        return None if code in (403, 404) else f"{code} on a secretariat-only page"
    if case.status == "draft":
        return None if code == 404 else f"{code} on a draft meeting's page, expected 404"
    if role == "outsider" and case.status is not None:
        return None if code in (403, 404) else f"{code} on a meeting of a body without a seat"
    if case.status == "planned" and (
        _content_keys(case) & CONTENT_KEYS or _matches(name, CONTENT_PAGES)
    ):
        return None if code == 404 else f"{code} on a planned meeting's content, expected 404"
    if role == "other_principal" and _matches(name, OWN_ORGANIZATION_ONLY):
        return None if code in (403, 404) else f"{code} on another organisation's page"
    if _is_login_redirect(response):
        return "sent to the login page"
    if code in PAGE_OK:
        return None
    return (
        f"{code}: principals should be able to open this page; if it is secretariat-only, "
        "add its URL name to SECRETARIAT_ONLY in tests/security/test_access_matrix.py"
    )


def _content_keys(case: urlwalk.Case) -> set[str]:
    return {urlwalk._key_for(case.route, p) for p in case.route.params}


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _with_extra_queries(cases: list[urlwalk.Case]) -> list[urlwalk.Case]:
    extra = []
    for case in cases:
        for query in EXTRA_QUERIES.get(case.name, []):
            extra.append(urlwalk.Case(case.route, f"{case.url}?{query}", case.status))
    return cases + extra


def _leaks(world: urlwalk.World, case: urlwalk.Case, role: str, body: str) -> list[str]:
    """Text this role must not read on this page."""
    if role in ("secretariat", "admin"):
        return []
    if not case.route.login_required and role in OUTSIDERS:
        # A calendar feed's URL carries the principal's token: it is the principal's feed.
        role = "principal"
    allowed = DRAFT_TEXT_SHOWN_BY_DESIGN.get(case.name, set()) if role == "principal" else set()
    secrets = {
        f"draft {k}": v for k, v in world.bundles["draft"].secrets.items() if k not in allowed
    }
    secrets.update(world.hidden_from_principals)
    if role in OUTSIDERS:
        for status in ("planned", "circulated", "approved"):
            secrets.update({f"{status} {k}": v for k, v in world.bundles[status].secrets.items()})
    return [f"{k}: {v!r}" for k, v in secrets.items() if v in body]


def test_every_url_and_role_answers_as_expected(world, capsys):
    cases = _with_extra_queries(list(urlwalk.cases(world)))
    clients = _clients(world)
    problems: list[str] = []
    requests = 0
    for case in cases:
        responses = {}
        for role in ROLES:
            responses[role] = clients[role].get(case.url)
            requests += 1
        secretariat_status = responses["secretariat"].status_code
        for role, response in responses.items():
            body = _body(response)
            problem = _check(case, role, response, secretariat_status)
            if problem:
                problems.append(f"{case.label} {case.url} as {role}: {problem}")
            leaked = _leaks(world, case, role, body)
            if leaked:
                problems.append(f"{case.label} {case.url} as {role}: shows hidden text: {leaked}")
    with capsys.disabled():
        print(
            f"\naccess matrix: {len(cases)} URL cases ({len({c.name for c in cases})} URL names)"
            f" x {len(ROLES)} roles = {requests} requests, {len(problems)} problems"
        )
    assert not problems, "\n".join(problems)
    # The matrix covers at least the foundation's pages in every status.
    names = {c.name for c in cases}
    assert {"dashboard", "minutes:meeting_list", "minutes:meeting_detail", "healthz"} <= names
    statuses = {c.status for c in cases if c.name == "minutes:meeting_detail"}
    assert statuses == set(urlwalk.STATUSES)


def test_every_post_without_a_csrf_token_is_refused(world):
    from django.apps import apps

    def row_counts() -> dict[str, int]:
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}

    # Filling the URLs may create rows (a calendar token): fill them before counting.
    cases = list(urlwalk.cases(world))
    before = row_counts()
    clients = {}
    for role in ("anonymous", "principal", "secretariat"):
        clients[role] = Client(enforce_csrf_checks=True)
        if role != "anonymous":
            clients[role].force_login(world.users[role])
    problems = []
    posts = 0
    for case in cases:
        if case.name in CSRF_EXEMPT:
            continue
        for role, client in clients.items():
            response = client.post(case.url, {"title": "x", "text": "x"})
            posts += 1
            if response.status_code != 403:
                problems.append(f"POST {case.url} ({case.label}) as {role}: {response.status_code}")
    assert posts > 0
    assert not problems, "POSTs without a CSRF token that were not refused:\n" + "\n".join(problems)
    after = row_counts()
    # force_login writes a session and an axes access log line; nothing else may change.
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    changed = {k: v for k, v in changed.items() if not k.startswith(("sessions.", "axes."))}
    assert not changed, f"rows written by refused POSTs: {changed}"


def test_only_listed_urls_are_open_to_anonymous_visitors():
    public = [r.name for r in urlwalk.discover() if not r.login_required]
    unlisted = [n for n in public if not _matches(n, PUBLIC_URL_NAMES)]
    assert not unlisted, (
        f"{unlisted} are @login_not_required but not in PUBLIC_URL_NAMES: anyone on the "
        "internet can open them. Add them to tests/security/test_access_matrix.py if that is meant."
    )
    assert "healthz" in public and "login" in public


def test_a_parameter_nothing_can_fill_fails_with_a_helpful_message():
    route = urlwalk.Route("minutes:widget_detail", "/widgets/<int:gizmo>/", {"gizmo": "int"}, print)
    with pytest.raises(urlwalk.UnknownParameter, match=r"PARAM_OVERRIDES\[\('minutes:widget"):
        urlwalk._resolvers(route)


def test_parameters_are_filled_with_the_object_their_name_says(world):
    route = urlwalk.Route(
        "minutes:item_edit",
        "/meetings/<int:meeting_pk>/items/<int:pk>/edit/",
        {"meeting_pk": "int", "pk": "int"},
        print,
    )
    draft = world.bundles["draft"]
    makers = urlwalk._resolvers(route)
    assert makers["meeting_pk"](world, draft) == draft.meeting.pk
    assert makers["pk"](world, draft) == draft.item.pk
    topic = urlwalk.Route("minutes:topic_detail", "/topics/<slug:slug>/", {"slug": "slug"}, print)
    assert urlwalk._resolvers(topic)["slug"](world, None) == "regional-reviews"
    # A bare pk belongs to the segment before it, whatever the URL name says.
    nested = urlwalk.Route(
        "minutes:item_edit",
        "/meetings/<int:pk>/items/<int:item_pk>/",
        {"pk": "int", "item_pk": "int"},
        print,
    )
    makers = urlwalk._resolvers(nested)
    assert makers["pk"](world, draft) == draft.meeting.pk
    assert makers["item_pk"](world, draft) == draft.item.pk
    people = urlwalk.Route("reports:person_detail", "/people/<int:pk>/", {"pk": "int"}, print)
    assert urlwalk._resolvers(people)["pk"](world, None) == world.person.pk


# ---------------------------------------------------------------- logins and sessions


def test_five_bad_passwords_lock_the_login(principal, settings):
    settings.AXES_ENABLED = True
    client = Client()
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "principal", "password": "wrong"})
        assert response.status_code == 200
        assert b"Please enter a correct username and password" in response.content
    # The fifth failure locks the login...
    response = client.post(url, {"username": "principal", "password": "wrong"})
    assert response.status_code == 429
    # ...so that even the right password is refused, and no session is opened.
    response = client.post(url, {"username": "principal", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.get(username="principal").failures_since_start >= 5


def test_a_good_password_before_the_limit_logs_in(principal):
    client = Client()
    for _ in range(3):
        client.post(reverse("login"), {"username": "principal", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "principal", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(principal.pk)


def test_sessions_expire(principal, client):
    assert 0 < settings.SESSION_COOKIE_AGE <= 60 * 60 * 24
    client.post(reverse("login"), {"username": "principal", "password": "correct-horse-battery"})
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    # An expired session is a logged-out visitor.
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.update(expire_date=timezone.now())
    response = client.get(reverse("dashboard"))
    assert _is_login_redirect(response)


def test_weak_passwords_are_refused(principal):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password", "12345678", "short", "principal1"):
        with pytest.raises(ValidationError):
            validate_password(weak, user=principal)
    validate_password("correct-horse-battery-staple", user=principal)
