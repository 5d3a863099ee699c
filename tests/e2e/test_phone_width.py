"""Every page, for the secretariat and a principal, fits a 390-pixel phone screen: nothing makes
the page itself scroll sideways (a wide table may scroll inside its own box)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.e2e.test_accessibility import _login, _skipped, site  # noqa: F401  (a fixture)
from tests.security import urlwalk

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _too_wide(page) -> int:
    """How many pixels the page is wider than the screen (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def test_no_page_is_wider_than_a_phone(site, browser):  # noqa: F811
    routes = [r for r in urlwalk.discover() if not _skipped(r.name)]
    world = urlwalk.build_world(site.users)
    checked, problems = 0, []
    for role in ("secretariat", "principal"):
        context = browser.new_context(viewport=PHONE)
        page = _login(context, site.url, site.users[role].username)
        paths = [(r.name, reverse(r.name)) for r in routes if not r.params]
        paths += [(case.label, case.url) for case in urlwalk.cases(world, routes)]
        for label, path in paths:
            probe = page.request.get(site.url + path, max_redirects=5)
            kind = probe.headers.get("content-type", "")
            if probe.status not in (200, 403, 404) or "text/html" not in kind:
                continue
            page.goto(site.url + path)
            checked += 1
            overflow = _too_wide(page)
            if overflow > 0:
                problems.append(f"{label} as {role} ({path}): {overflow} px too wide")
        context.close()
    print(f"\nphone width: {checked} pages checked at {PHONE['width']} px")
    assert checked >= 20
    assert not problems, "\n".join(problems)
