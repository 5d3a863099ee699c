"""Every page, in each state, for the secretariat and a principal: 0 axe-core violations
(WCAG 2.1 A/AA) and 0 errors from the W3C Nu HTML checker, with the CSP on.

Pages come from the URL configuration, filled with the same objects as the access matrix
(tests/security/urlwalk.py), so a new page is checked without editing this file. States:
the lists empty (before any meeting exists), full (a meeting in every status), and the forms
of FORM_ERROR_PAGES submitted empty so their errors show.
"""

from __future__ import annotations

import fnmatch
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e import a11y
from tests.security import urlwalk

pytestmark = pytest.mark.e2e

PASSWORD = "correct-horse-battery"

# Walked by test_every_admin_page_passes_axe_and_the_nu_checker as an admin login instead
# (the app's roles are not staff). Globs allowed.
SKIPPED = {"admin:*"}

# Pages whose form is submitted empty (or with what is given) to check the page with errors.
# Add a page here to check it with its errors shown, e.g. "minutes:meeting_create": {}.
FORM_ERROR_PAGES: dict[str, dict[str, str]] = {
    "login": {"id_username": "principal", "id_password": "wrong password"},
    "password_change": {},
    "password_reset": {"id_email": "not an email"},
    # The new meeting with its agenda titles and the attendance proposal.
    "minutes:meeting_create": {"id_agenda": "x" * 501},
}


def _skipped(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, glob) for glob in SKIPPED)


@pytest.fixture
def site(transactional_db, live_server, settings, tmp_path):
    from django.contrib.auth.models import Group

    from tests import factories as f

    # A transactional test before this one flushed the groups the migrations made.
    for name in (f.SECRETARIAT, f.PRINCIPALS):
        Group.objects.get_or_create(name=name)
    settings.MEDIA_ROOT = tmp_path / "uploads"
    member = f.make_organization(name="Office of the UN High Commissioner", acronym="UNHCR")
    other = f.make_organization(name="United Nations Children's Fund", acronym="UNICEF")
    users = {
        "secretariat": f.make_user("secretariat", group=f.SECRETARIAT),
        "principal": f.make_user(
            "principal", group=f.PRINCIPALS, person=f.make_person(organization=member)
        ),
        "other_principal": f.make_user(
            "principal2", group=f.PRINCIPALS, person=f.make_person(organization=other)
        ),
    }
    return SimpleNamespace(url=live_server.url, users=users)


class Checker:
    """Visits pages, runs axe on each, keeps each page's HTML for one Nu checker run, and checks
    that each page says the language it is in (`<html lang>`)."""

    def __init__(self, base: str, language: str = "en") -> None:
        self.base = base
        self.language = language
        self.html: dict[str, str] = {}
        self.problems: list[str] = []
        self.csp_errors: list[str] = []

    def watch(self, page) -> None:
        page.on(
            "console",
            lambda msg: (
                self.csp_errors.append(f"{page.url}: {msg.text}")
                if "Content Security Policy" in msg.text
                else None
            ),
        )

    def check(self, page, label: str, response) -> None:
        kind = response.headers.get("content-type", "") if response else ""
        if response is None or "text/html" not in kind:
            return
        self.html[label] = response.text()
        # The admin's <html> also says the direction of its language (dir="ltr").
        if not re.search(rf'<html lang="{self.language}"[ >]', self.html[label]):
            self.problems.append(f"{label} ({page.url}): <html lang> is not {self.language}")
        for violation in a11y.axe_violations(page):
            self.problems.append(f"axe {label} ({page.url}): {violation}")

    def visit(self, page, label: str, path: str) -> None:
        # Ask first: a browser cannot render an empty 405 or a download.
        probe = page.request.get(self.base + path, max_redirects=5)
        if probe.status >= 500:
            self.problems.append(f"{label} {path}: {probe.status}")
            return
        if "text/html" not in probe.headers.get("content-type", "") or probe.status == 405:
            return
        response = page.goto(self.base + path)
        if response is not None and response.status in (200, 403, 404):
            self.check(page, f"{label} [{response.status}]", response)
        elif response is not None and response.status >= 500:
            self.problems.append(f"{label} {path}: {response.status}")


def _login(context, base: str, username: str):
    """Signs in whatever the language of the browser (and so of the login page)."""
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"{base}/")
    return page


def _submit_with_errors(page, checker: Checker, label: str, values: dict[str, str]) -> None:
    form = page.locator("main form[method=post]").first
    for element_id, value in values.items():
        page.locator(f"#{element_id}").fill(value)
    with page.expect_navigation() as navigation:
        form.locator("[type=submit]").first.click()
    response = navigation.value
    assert response is not None
    body = response.text()
    assert "errorlist" in body or "form-errors" in body, f"{label}: no error shown"
    checker.check(page, f"{label} with errors", response)


# Every page in English and in French (the browser's language picks the interface's).
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_passes_axe_and_the_nu_checker(site, browser, language):
    a11y.require_tools()
    checker = Checker(site.url, language)
    routes = [r for r in urlwalk.discover() if not _skipped(r.name)]
    pages = {}
    for role in ("secretariat", "principal"):
        context = browser.new_context(locale=language)
        pages[role] = _login(context, site.url, site.users[role].username)
        checker.watch(pages[role])

    # Empty: no meeting, action or topic exists yet.
    for role, page in pages.items():
        for route in routes:
            if not route.params:
                checker.visit(page, f"{route.name} empty as {role}", reverse(route.name))

    # Full: a meeting in every status with everything hanging from it.
    world = urlwalk.build_world(site.users)
    for role, page in pages.items():
        for case in urlwalk.cases(world, routes):
            checker.visit(page, f"{case.label} as {role}", case.url)

    # With errors.
    anonymous = browser.new_context(locale=language).new_page()
    checker.watch(anonymous)
    for name, values in FORM_ERROR_PAGES.items():
        page = anonymous if name in ("login", "password_reset") else pages["secretariat"]
        page.goto(site.url + reverse(name))
        _submit_with_errors(page, checker, name, values)
    checker.visit(anonymous, "login as anonymous", reverse("login"))

    errors = a11y.html_errors(checker.html)
    for label, messages in errors.items():
        checker.problems += [f"vnu {label}: {m}" for m in messages]
    print(f"\naxe + vnu: {len(checker.html)} pages checked, {len(checker.problems)} problems")
    assert len(checker.html) >= 20
    assert not checker.csp_errors, "\n".join(checker.csp_errors)
    assert not checker.problems, "\n".join(checker.problems)


# The main pages in Spanish, for both roles.
MAIN_PAGES = [
    "dashboard",
    "minutes:meeting_list",
    "minutes:meeting_detail",
    "minutes:translation_detail",
    "actions:action_list",
    "minutes:decision_list",
    "minutes:topic_list",
    "reports:organization_list",
    "reports:person_list",
    "search:search",
    "outbox:notification_list",
    "outbox:preferences",
]


def test_the_main_pages_pass_axe_and_the_nu_checker_in_spanish(site, browser):
    a11y.require_tools()
    checker = Checker(site.url, "es")
    routes = [r for r in urlwalk.discover() if r.name in MAIN_PAGES]
    world = urlwalk.build_world(site.users)
    for role in ("secretariat", "principal"):
        page = _login(browser.new_context(locale="es"), site.url, site.users[role].username)
        checker.watch(page)
        for route in routes:
            if not route.params:
                checker.visit(page, f"{route.name} as {role}", reverse(route.name))
        for case in urlwalk.cases(world, [r for r in routes if r.params]):
            checker.visit(page, f"{case.label} as {role}", case.url)
    checker.visit(page, "search in Spanish", reverse("search:search") + "?q=migraci%C3%B3n")
    errors = a11y.html_errors(checker.html)
    for label, messages in errors.items():
        checker.problems += [f"vnu {label}: {m}" for m in messages]
    print(f"\naxe + vnu in Spanish: {len(checker.html)} pages checked")
    assert len(checker.html) >= 15
    assert not checker.csp_errors, "\n".join(checker.csp_errors)
    assert not checker.problems, "\n".join(checker.problems)


def admin_pages() -> list[tuple[str, str]]:
    """The list, add and change page (of one object, where there is one) of every model."""
    from django.contrib import admin

    pages = []
    for model in admin.site._registry:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append((f"{name}_changelist", reverse(f"{name}_changelist")))
        pages.append((f"{name}_add", reverse(f"{name}_add")))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            pages.append((f"{name}_change", reverse(f"{name}_change", args=[obj.pk])))
    return pages


def test_every_admin_page_passes_axe_and_the_nu_checker(site, browser):
    """The admin is a place to work too: every model's list, add and change page."""
    from django.contrib.auth.models import Group

    from tests import factories as f

    a11y.require_tools()
    admin_user = f.make_user("site-admin", is_staff=True, is_superuser=True)
    admin_user.groups.add(Group.objects.get(name=f.SECRETARIAT))
    urlwalk.build_world(site.users)
    checker = Checker(site.url)
    page = _login(browser.new_context(), site.url, "site-admin")
    checker.watch(page)
    pages = admin_pages()
    for label, path in pages:
        checker.visit(page, label, path)
    errors = a11y.html_errors(checker.html)
    for label, messages in errors.items():
        checker.problems += [f"vnu {label}: {m}" for m in messages]
    print(f"\nadmin axe + vnu: {len(checker.html)} pages checked, {len(checker.problems)} problems")
    print("\n".join(checker.problems + checker.csp_errors))
    assert len(checker.html) >= 40
    assert not checker.csp_errors, "\n".join(checker.csp_errors)
    assert not checker.problems, "\n".join(checker.problems)


def test_an_admin_autocomplete_box_is_named_and_the_meeting_page_fits_the_screen(site, browser):
    """The script-built parts have names too (an open autocomplete box's search field and
    results, not there when the page is checked), and the meeting page fits a laptop and a
    phone without scrolling sideways."""
    from django.contrib.auth.models import Group

    from minutes.models import Meeting
    from tests import factories as f

    admin_user = f.make_user("site-admin", is_staff=True, is_superuser=True)
    admin_user.groups.add(Group.objects.get(name=f.SECRETARIAT))
    urlwalk.build_world(site.users)
    context = browser.new_context()
    page = _login(context, site.url, "site-admin")
    checker = Checker(site.url)
    checker.watch(page)

    page.goto(site.url + reverse("admin:participants_position_add"))
    box = page.get_by_role("combobox", name="Person:")
    box.click()
    page.get_by_role("searchbox", name="Person:").fill("a")
    # A found person carries aria-selected; the "Searching…" line shown while the
    # answer is on its way does not, and choosing it would select nothing.
    found = page.get_by_role("listbox", name="Person:").locator("[role=option][aria-selected]")
    expect(found.first).to_be_visible()
    found.first.click()
    expect(box).to_have_accessible_name(re.compile(r"^Person: \S"))
    assert not checker.csp_errors, "\n".join(checker.csp_errors)

    meeting = Meeting.objects.order_by("pk").first()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(site.url + reverse("admin:minutes_meeting_change", args=[meeting.pk]))
        scroll, screen = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert scroll <= screen, f"the meeting page is {scroll} px wide on a {screen} px screen"


def test_the_checkers_catch_a_broken_page(site, page):
    """The two checkers really look: a page with known faults is reported by both."""
    a11y.require_tools()
    page.goto(site.url + "/accounts/login/")
    page.evaluate(
        """() => {
            const img = document.createElement('img'); img.src = '/x.png';
            document.querySelector('main').appendChild(img);
            document.querySelector('#id_username').removeAttribute('id');
        }"""
    )
    violations = "\n".join(a11y.axe_violations(page))
    assert "image-alt" in violations and "label" in violations
    errors = a11y.html_errors({"broken": "<!DOCTYPE html><html><body><p><div></p></html>"})
    assert errors["broken"], "the Nu checker reported nothing on a broken page"
