"""Every new URL, for every role."""

from __future__ import annotations

import pytest

from minutes.models import Decision

PAGES = {
    "/search/?q=roadmap": "Circulate the <mark>roadmap</mark>",
    "/decisions/": "Decision register",
    "/decisions/?format=csv": "Reference,Kind,Decision",
    "/topics/": "Regional Reviews",
    "/topics/regional-reviews/": "Roadmap for the Regional Reviews",
    "decision": "The roadmap of the Regional Reviews was endorsed.",
}


def _url(key: str) -> str:
    if key == "decision":
        return Decision.objects.filter(text__startswith="The roadmap").first().get_absolute_url()
    return key


@pytest.mark.parametrize("key", PAGES)
def test_anonymous_is_sent_to_login(client, archive, key):
    response = client.get(_url(key))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["secretariat", "principal", "other_principal", "admin"])
@pytest.mark.parametrize("key", PAGES)
def test_every_role_reads_every_page(client_for, archive, request, role, key):
    response = client_for(request.getfixturevalue(role)).get(_url(key))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert PAGES[key] in content.decode()


@pytest.mark.parametrize("method", ["post", "put", "delete"])
@pytest.mark.parametrize("key", PAGES)
def test_pages_only_answer_reads(client_for, principal, archive, method, key):
    assert getattr(client_for(principal), method)(_url(key)).status_code == 405
