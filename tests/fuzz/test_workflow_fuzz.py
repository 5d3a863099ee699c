"""Random rows, ids and text through the attendance register, the agenda, the action tracker,
the follow-up review and the review workflow: never a 500, and a refused request writes nothing.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from minutes import services
from minutes.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Meeting,
    ReviewComment,
    SummaryEvent,
)
from tests.factories import (
    make_action,
    make_attendance,
    make_item,
    make_meeting,
    make_person,
)
from tests.fuzz.strategies import DATES, IDS, PRECISIONS, TEXT, errors, rows, stripped

pytestmark = pytest.mark.fuzz

STATUSES = st.sampled_from(["present", "apologies", "represented", "", "bogus"])
ACTION_FIELDS = ("text", "status", "owner_note", "due_date", "due_precision", "version")


@pytest.fixture
def editor(client_for, secretariat):
    client = client_for(secretariat)
    client.raise_request_exception = False
    return client


def _pick(real: list) -> st.SearchStrategy:
    """A real id most of the time, else anything an id field might receive."""
    return st.one_of(st.sampled_from([str(pk) for pk in real]), IDS)


@given(data=st.data())
def test_attendance_formset(editor, body, member_org, data):
    meeting = make_meeting(body=body)
    people = [make_person(organization=member_org) for _ in range(3)]
    attendances = [make_attendance(meeting, person) for person in people[:2]]
    elsewhere = make_attendance(make_meeting(body=body), people[2])
    post = {
        "attendance-TOTAL_FORMS": data.draw(st.sampled_from(["2", "1", "3", "x", ""])),
        "attendance-INITIAL_FORMS": "2",
    }
    for n, attendance in enumerate(attendances):
        prefix = f"attendance-{n}-"
        post |= {
            # Another meeting's row, or a row edited meanwhile, must not be written over.
            prefix + "id": data.draw(_pick([attendance.pk, elsewhere.pk])),
            prefix + "version": data.draw(st.sampled_from(["1", "0", "7", "x"])),
            prefix + "position": data.draw(st.one_of(st.sampled_from(["0", "1"]), IDS)),
            prefix + "organization": data.draw(_pick([member_org.pk, ""])),
            prefix + "title": data.draw(TEXT),
            prefix + "role": data.draw(TEXT),
            prefix + "status": data.draw(STATUSES),
            prefix + "represented_by": data.draw(_pick([p.pk for p in people] + [""])),
        }
        if data.draw(st.booleans()):
            post[prefix + "DELETE"] = "on"
    fields = ("person_id", "title", "role", "status", "represented_by_id", "position")
    before = rows(Attendance.objects.all(), *fields)
    response = editor.post(reverse("minutes:meeting_attendance", args=[meeting.pk]), post)
    assert response.status_code < 500, response.status_code
    if response.status_code != 302:
        assert rows(Attendance.objects.all(), *fields) == before
        return
    for n, attendance in enumerate(attendances):
        prefix = f"attendance-{n}-"
        if post[prefix + "id"] != str(attendance.pk) or n >= int(post["attendance-TOTAL_FORMS"]):
            continue
        saved = Attendance.objects.filter(pk=attendance.pk).first()
        if post.get(prefix + "DELETE"):
            assert saved is None
            continue
        assert (saved.title, saved.role, saved.status) == (
            stripped(post[prefix + "title"]),
            stripped(post[prefix + "role"]),
            post[prefix + "status"],
        )
    # The other meeting's row is never touched from this one's page.
    elsewhere_after = Attendance.objects.get(pk=elsewhere.pk)
    assert (elsewhere_after.meeting_id, elsewhere_after.title) == (
        elsewhere.meeting_id,
        elsewhere.title,
    )


@given(title=TEXT, kind=st.sampled_from(["regular", "aob", "", "bogus"]), then=TEXT)
def test_agenda_item_add(editor, body, title, kind, then):
    meeting = make_meeting(body=body)
    make_item(meeting)
    before = rows(AgendaItem.objects.all(), "title", "position")
    response = editor.post(
        reverse("minutes:meeting_agenda", args=[meeting.pk]),
        {"title": title, "kind": kind, "then": then},
    )
    assert response.status_code < 500, response.status_code
    after = rows(AgendaItem.objects.all(), "title", "position")
    if response.status_code != 302:
        assert after == before
        return
    added = meeting.agenda_items.order_by("-position").first()
    assert (added.title, added.kind, added.position) == (stripped(title), kind, 2)
    assert len(after) == len(before) + 1


@given(
    action=st.sampled_from(["move", "remove"]),
    which=st.one_of(st.sampled_from(["mine", "theirs", "with decision"]), IDS),
    direction=st.one_of(st.sampled_from(["up", "down"]), TEXT),
)
def test_move_and_remove_items(editor, body, action, which, direction):
    meeting = make_meeting(body=body)
    items = [make_item(meeting) for _ in range(3)]
    make_action(items[2])
    theirs = make_item(make_meeting(body=body))
    target = {"mine": items[0].pk, "theirs": theirs.pk, "with decision": items[2].pk}.get(which)
    before = rows(AgendaItem.objects.all(), "meeting_id", "position")
    try:
        url = reverse(f"minutes:item_{action}", args=[meeting.pk, target or which])
    except Exception:
        # Not an id the URL accepts: the router answers 404 before any view runs.
        return
    response = editor.post(url, {"direction": direction})
    assert response.status_code in (302, 400, 404), response.status_code
    after = rows(AgendaItem.objects.all(), "meeting_id", "position")
    if response.status_code != 302 or errors(response) or target in (None, theirs.pk):
        assert after == before
    positions = sorted(p for _pk, m, p in after if m == meeting.pk)
    # Moving swaps, removing closes the gap: the agenda stays numbered 1..n either way.
    assert positions == list(range(1, len(positions) + 1))
    assert AgendaItem.objects.get(pk=theirs.pk).position == theirs.position


@given(
    text=TEXT,
    owner_note=TEXT,
    due_date=DATES,
    precision=PRECISIONS,
    version=st.sampled_from(["1", "0", "2", "", "x", "-1"]),
    organizations=st.lists(IDS, max_size=2),
)
def test_action_edit_form(
    editor, body, member_org, text, owner_note, due_date, precision, version, organizations
):
    action = make_action(make_item(make_meeting(body=body)), owners=[member_org])
    before = rows(ActionPoint.objects.all(), *ACTION_FIELDS)
    logged = ActionUpdate.objects.count()
    response = editor.post(
        reverse("actions:action_edit", args=[action.pk]),
        {
            "text": text,
            "owner_note": owner_note,
            "due_date": due_date,
            "due_precision": precision,
            "version": version,
            "organizations": organizations + [str(member_org.pk)],
        },
    )
    assert response.status_code < 500, response.status_code
    if response.status_code != 302:
        assert response.status_code in (400, 409)
        assert rows(ActionPoint.objects.all(), *ACTION_FIELDS) == before
        assert ActionUpdate.objects.count() == logged
        return
    action.refresh_from_db()
    assert (action.text, action.owner_note, action.due_precision) == (
        stripped(text),
        stripped(owner_note),
        precision,
    )
    assert action.version == int(version) + 1
    assert (action.due_date is None) == (precision == "none")


@given(
    picked=st.lists(st.one_of(st.sampled_from(["fresh", "stale", "gone"]), TEXT), max_size=4),
    status=st.sampled_from(["", "open", "in_progress", "done", "dropped", "bogus"]),
    set_owners=st.sampled_from(["", "on", "x"]),
    organizations=st.lists(IDS, max_size=2),
    note=TEXT,
)
def test_bulk_change_form(
    editor, body, member_org, picked, status, set_owners, organizations, note
):
    item = make_item(make_meeting(body=body))
    actions = [make_action(item) for _ in range(2)]
    values = {
        "fresh": f"{actions[0].pk}:{actions[0].version}",
        "stale": f"{actions[1].pk}:{actions[1].version + 5}",
        "gone": "999999999:1",
    }
    sent = [values.get(p, p) for p in picked]
    before = rows(ActionPoint.objects.all(), *ACTION_FIELDS)
    logged = ActionUpdate.objects.count()
    response = editor.post(
        reverse("actions:action_bulk"),
        {
            "rows": sent,
            "status": status,
            "set_owners": set_owners,
            "organizations": organizations,
            "note": note,
            "query": "status=open",
        },
    )
    # 400: a NUL or malformed field, refused before the view.
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400 or errors(response):
        assert rows(ActionPoint.objects.all(), *ACTION_FIELDS) == before
        assert ActionUpdate.objects.count() == logged
        return
    # A stale row refuses the whole change, so a success never includes one.
    assert values["stale"] not in sent
    if status and values["fresh"] in sent:
        actions[0].refresh_from_db()
        assert actions[0].status == status


REVIEW_ROW = st.fixed_dictionaries(
    {
        "action": st.one_of(st.sampled_from(["open", "other"]), IDS),
        "version": st.sampled_from(["current", "5", "", "x"]),
        "outcome": st.sampled_from(["", "done", "in_progress", "dropped", "deferred", "bogus"]),
        "note": TEXT,
        "due_date": DATES,
        "due_precision": PRECISIONS,
    }
)


@given(review=st.lists(REVIEW_ROW, min_size=1, max_size=3), total=st.sampled_from(["", "x", "n"]))
def test_follow_up_review_formset(editor, body, review, total):
    earlier = make_meeting(body=body, status=Meeting.Status.APPROVED)
    meeting = make_meeting(body=body, start=earlier.start + datetime.timedelta(days=30))
    open_action = make_action(make_item(earlier))
    other = make_action(make_item(make_meeting(body=body, start=meeting.start)))
    post = {"form-TOTAL_FORMS": str(len(review)) if total == "n" else total}
    post["form-INITIAL_FORMS"] = post["form-TOTAL_FORMS"]
    for n, row in enumerate(review):
        ids = {"open": open_action.pk, "other": other.pk}
        row = row | {
            "action": ids.get(row["action"], row["action"]),
            "version": open_action.version if row["version"] == "current" else row["version"],
        }
        post |= {f"form-{n}-{key}": value for key, value in row.items()}
    before = rows(ActionPoint.objects.all(), *ACTION_FIELDS)
    logged = ActionUpdate.objects.count()
    response = editor.post(reverse("actions:follow_up", args=[meeting.pk]), post)
    assert response.status_code < 500, response.status_code
    written = ActionUpdate.objects.count() - logged
    if response.status_code != 302 or errors(response):
        assert rows(ActionPoint.objects.all(), *ACTION_FIELDS) == before
        assert written == 0
    else:
        # Every reviewed row, and only those, is in the log.
        assert written == sum(1 for row in review if row["outcome"]) or written == 0


@given(reason=TEXT, step=st.sampled_from(["reopen", "withdraw"]))
def test_reopen_and_take_back_forms(editor, body, secretariat, reason, step):
    if step == "reopen":
        meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    else:
        meeting = make_meeting(body=body)
        make_item(meeting)
        deadline = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)
        services.meeting_circulate(meeting=meeting, by=secretariat, deadline=deadline)
    meeting.refresh_from_db()
    status, events = meeting.status, SummaryEvent.objects.count()
    response = editor.post(
        reverse(f"minutes:meeting_{step}", args=[meeting.pk]), {"reason": reason}
    )
    assert response.status_code in (302, 400), response.status_code
    meeting.refresh_from_db()
    if response.status_code == 400 or errors(response):
        assert response.status_code == 400 or not stripped(reason)
        assert (meeting.status, SummaryEvent.objects.count()) == (status, events)
        return
    assert meeting.status == Meeting.Status.DRAFT
    event = SummaryEvent.objects.filter(meeting=meeting).latest("pk")
    assert event.note == stripped(reason)


@given(reply=TEXT, which=st.one_of(st.just("open"), IDS))
def test_resolve_form(editor, body, principal, member_org, reply, which):
    meeting = make_meeting(body=body, status=Meeting.Status.CIRCULATED)
    comment = ReviewComment.objects.create(
        meeting=meeting, author=principal, organization=member_org, text="A comment."
    )
    pk = comment.pk if which == "open" else which
    try:
        url = reverse("minutes:comment_resolve", args=[pk])
    except Exception:
        return
    before = rows(ReviewComment.objects.all(), "reply", "status")
    response = editor.post(url, {"reply": reply})
    assert response.status_code in (302, 400, 404), response.status_code
    if response.status_code != 302 or errors(response):
        assert rows(ReviewComment.objects.all(), "reply", "status") == before
        return
    # The comment resolved is the one the URL named, which may be an earlier example's.
    resolved = ReviewComment.objects.get(pk=pk)
    assert (resolved.status, resolved.reply) == ("resolved", stripped(reply))
