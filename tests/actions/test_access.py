"""Every role on every URL of the follow-up feature."""

from __future__ import annotations

import pytest

PERSONAS = ["anonymous", "principal", "other_principal", "secretariat", "admin"]

# (method, url template, expected status per persona, in the order of PERSONAS)
MATRIX = [
    ("get", "/", [302, 200, 200, 200, 200]),
    ("get", "/actions/", [302, 200, 200, 200, 200]),
    ("get", "/actions/export.csv", [302, 200, 200, 200, 200]),
    ("get", "/actions/{overdue_unhcr}/", [302, 200, 200, 200, 200]),
    ("get", "/actions/{draft_action}/", [302, 404, 404, 200, 200]),
    ("post", "/actions/{overdue_unhcr}/progress/", [302, 302, 403, 302, 302]),
    ("post", "/actions/{draft_action}/progress/", [302, 404, 404, 302, 302]),
    ("get", "/actions/{overdue_unhcr}/progress/", [302, 405, 405, 405, 405]),
    ("post", "/actions/bulk/", [302, 403, 403, 302, 302]),
    ("get", "/actions/{overdue_unhcr}/edit/", [302, 403, 403, 200, 200]),
    ("post", "/actions/{overdue_unhcr}/edit/", [302, 403, 403, 302, 302]),
    # Secretariat-only pages refuse principals before looking anything up: 403, even for a
    # draft's objects, so the answer says nothing about what exists.
    ("get", "/actions/{draft_action}/edit/", [302, 403, 403, 200, 200]),
    ("get", "/meetings/{next}/follow-up/", [302, 403, 403, 200, 200]),
    ("get", "/meetings/{draft}/follow-up/", [302, 403, 403, 200, 200]),
    ("get", "/calendar/", [302, 200, 200, 200, 200]),
    ("get", "/organizations/", [302, 200, 200, 200, 200]),
    ("get", "/organizations/{member_org}/", [302, 200, 200, 200, 200]),
    ("get", "/organizations/999999/", [302, 404, 404, 404, 404]),
    ("get", "/people/", [302, 200, 200, 200, 200]),
    ("get", "/people/{person}/", [302, 200, 200, 200, 200]),
    ("get", "/people/999999/", [302, 404, 404, 404, 404]),
]


@pytest.mark.parametrize(("method", "template", "expected"), MATRIX)
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_every_role_on_every_url(
    client_for, request, world, member_org, principal, method, template, expected, persona_index
):
    persona = PERSONAS[persona_index]
    user = request.getfixturevalue(persona)
    url = template.format(
        overdue_unhcr=world.overdue_unhcr.pk,
        draft_action=world.draft_action.pk,
        next=world.next.pk,
        draft=world.draft.pk,
        member_org=member_org.pk,
        person=principal.person.pk,
    )
    data = {}
    if url.endswith("/progress/"):
        action = world.overdue_unhcr if "overdue" in template else world.draft_action
        data = {"text": "Checked.", "version": action.version}
    if url.endswith("/edit/"):
        a = world.overdue_unhcr
        data = {
            "text": a.text,
            "due_date": "2031-01-01",
            "due_precision": "year",
            "version": a.version,
        }
    if url.endswith("/bulk/"):
        a = world.overdue_unhcr
        data = {"rows": [f"{a.pk}:{a.version}"], "status": "in_progress", "note": "Started."}
    response = getattr(client_for(user), method)(url, data)
    assert response.status_code == expected[persona_index]
    if response.status_code == 302 and persona == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
