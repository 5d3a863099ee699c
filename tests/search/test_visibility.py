"""Search hides exactly what the pages hide, for every role and every stage of a meeting.

On PostgreSQL the search reads copies of the meeting's status and body stored on its rows
(judged by minutes.access.content_condition); on SQLite it reads the records through the
access functions. Both must agree with the functions the pages use.
"""

from __future__ import annotations

import datetime

import pytest

from minutes.models import ActionPoint, ActionUpdate, AgendaItem, Decision, Meeting
from participants.roles import PRINCIPALS
from search import backend
from tests.factories import (
    make_action,
    make_body,
    make_decision,
    make_item,
    make_meeting,
    make_organization,
    make_person,
    make_update,
    make_user,
)

WORD = "zanzibar"
STATUSES = ["planned", "draft", "circulated", "approved"]


@pytest.fixture
def outsider(db):
    """A principal whose organisation sits on no body."""
    org = make_organization(name="World Food Programme", acronym="WFP")
    person = make_person(name="Cindy McCain", organization=org, title="Executive Director")
    return make_user("outsider", group=PRINCIPALS, person=person)


@pytest.fixture
def stages(member_org):
    """A meeting at each stage on a body only member_org sits on, each with every kind of part,
    and a progress entry on the approved meeting's action recorded at the draft meeting."""
    body = make_body(name="Working Group", short_name="WG", slug="wg", members=[member_org])
    meetings = {}
    for status in STATUSES:
        meeting = make_meeting(
            body=body, status=status, title=f"{status.title()} {WORD} meeting",
            opening_remarks=f"Remarks on {WORD}.",
        )  # fmt: skip
        item = make_item(meeting, title=f"{WORD} item", discussion=f"The {WORD} route.")
        decision = make_decision(item, text=f"The {WORD} plan was endorsed.")
        action = make_action(item, text=f"Map the {WORD} route.", decision=decision)
        make_update(action, text=f"The {WORD} map is drafted.")
        meetings[status] = meeting
    approved_action = ActionPoint.objects.get(agenda_item__meeting=meetings["approved"])
    make_update(approved_action, text=f"{WORD} figures checked.",
                reviewed_at_meeting=meetings["draft"])  # fmt: skip
    return meetings


def found(user) -> set[tuple[str, int]]:
    results = backend.search(user=user, query=WORD)
    return {(kind, pk) for kind, pk, _rank, _day in results.ranked}


def pages_show(user) -> set[tuple[str, int]]:
    """What the pages' own access functions let this user read, of what mentions the word."""
    shown = set()
    for kind, model, field in [
        ("meeting", Meeting, "title"), ("item", AgendaItem, "title"),
        ("decision", Decision, "text"), ("action", ActionPoint, "text"),
        ("update", ActionUpdate, "text"),
    ]:  # fmt: skip
        mentions = model.objects.filter(**{f"{field}__icontains": WORD})
        shown |= {(kind, pk) for pk in backend.READABLE[kind](user, mentions).values_list("pk", flat=True)}  # fmt: skip
    return shown


def kinds_of(hits: set, meeting: Meeting) -> set[str]:
    parts = {
        "meeting": {meeting.pk},
        "item": set(meeting.agenda_items.values_list("pk", flat=True)),
        "decision": set(Decision.objects.filter(agenda_item__meeting=meeting).values_list("pk", flat=True)),
        "action": set(ActionPoint.objects.filter(agenda_item__meeting=meeting).values_list("pk", flat=True)),
    }  # fmt: skip
    return {kind for kind, pk in hits if pk in parts.get(kind, set())}


@pytest.mark.parametrize("role", ["secretariat", "principal", "other_principal", "outsider"])
def test_search_finds_exactly_what_the_pages_show(request, stages, role):
    user = request.getfixturevalue(role)
    assert found(user) == pages_show(user)


def test_each_role_sees_the_stages_it_should(secretariat, principal, outsider, stages):
    everything = {"meeting", "item", "decision", "action"}
    by_secretariat = found(secretariat)
    by_principal = found(principal)
    for status in STATUSES:
        assert kinds_of(by_secretariat, stages[status]) == everything
    # A member's principal reads circulated and approved content only; a planned meeting's
    # agenda title is not searched, a draft not at all.
    assert kinds_of(by_principal, stages["planned"]) == set()
    assert kinds_of(by_principal, stages["draft"]) == set()
    assert kinds_of(by_principal, stages["circulated"]) == everything
    assert kinds_of(by_principal, stages["approved"]) == everything
    # The progress entry recorded at the draft waits for that draft's circulation.
    reviewed = ActionUpdate.objects.get(reviewed_at_meeting=stages["draft"])
    assert ("update", reviewed.pk) in by_secretariat and ("update", reviewed.pk) not in by_principal
    assert found(outsider) == set()


def test_a_circulated_draft_becomes_searchable_with_everything_in_it(
    secretariat, principal, stages
):
    draft = stages["draft"]
    reviewed = ActionUpdate.objects.get(reviewed_at_meeting=draft)
    deadline = draft.start + datetime.timedelta(days=10)
    Meeting.objects.filter(pk=draft.pk).update(status="circulated", review_deadline=deadline)
    hits = found(principal)
    assert kinds_of(hits, draft) == {"meeting", "item", "decision", "action"}
    assert ("update", reviewed.pk) in hits
    assert hits == pages_show(principal)
    # And back to draft (an objection): hidden again.
    Meeting.objects.filter(pk=draft.pk).update(status="draft")
    assert kinds_of(found(principal), draft) == set()
    assert found(principal) == pages_show(principal)


def test_a_seat_given_up_hides_the_bodys_meetings(principal, stages, member_org):
    member_org.memberships.all().delete()
    assert found(principal) == set() == pages_show(principal)
