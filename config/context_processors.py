"""What every page's frame needs: which section of the navigation the page belongs to."""

from __future__ import annotations

from django.http import HttpRequest

# (namespace, URL-name prefix) -> navigation section; the first match wins.
SECTIONS = [
    (None, "dashboard", "dashboard"),
    ("minutes", "decision_", "decisions"),
    ("minutes", "topic_", "topics"),
    ("minutes", "my_comments", "comments"),
    ("minutes", "", "meetings"),
    ("summaries", "import_", "import"),
    ("summaries", "", "meetings"),
    ("actions", "follow_up", "meetings"),
    ("actions", "calendar", "calendar"),
    ("actions", "", "actions"),
    ("reports", "organization_", "organizations"),
    ("reports", "person_", "people"),
    ("search", "", "search"),
    ("outbox", "", "notifications"),
]


def section_of(namespace: str | None, url_name: str | None) -> str:
    for space, prefix, section in SECTIONS:
        if (namespace or None) == space and (url_name or "").startswith(prefix):
            return section
    return ""


def navigation(request: HttpRequest) -> dict:
    match = request.resolver_match
    if match is None:
        return {"nav_section": ""}
    return {"nav_section": section_of(match.namespace, match.url_name)}
