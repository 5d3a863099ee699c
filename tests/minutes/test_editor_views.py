from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from minutes import services
from minutes.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Meeting,
    ReviewComment,
)
from participants.models import Organization, Person
from tests.factories import (
    make_action,
    make_attendance,
    make_body,
    make_decision,
    make_item,
    make_meeting,
    make_person,
)

PERSONAS = ["anonymous", "principal", "other_principal", "secretariat"]


@pytest.fixture
def draft(body):
    meeting = make_meeting(body=body)
    make_item(meeting, title="First")
    make_item(meeting, title="Second")
    return meeting


def _secretariat_urls(meeting, comment):
    item = meeting.agenda_items.order_by("position").first()
    m = meeting.pk
    gets = [
        reverse("minutes:meeting_create"),
        reverse("minutes:meeting_edit", args=[m]),
        reverse("minutes:meeting_attendance", args=[m]),
        reverse("minutes:meeting_agenda", args=[m]),
        reverse("minutes:item_edit", args=[m, item.pk]),
        reverse("minutes:meeting_history", args=[m]),
    ]
    posts = [
        reverse("minutes:attendance_add", args=[m]),
        reverse("minutes:attendance_new_person", args=[m]),
        reverse("minutes:item_move", args=[m, item.pk]),
        reverse("minutes:item_remove", args=[m, item.pk]),
        reverse("minutes:meeting_circulate", args=[m]),
        reverse("minutes:meeting_approve", args=[m]),
        reverse("minutes:meeting_reopen", args=[m]),
        reverse("minutes:comment_resolve", args=[comment.pk]),
    ]
    return gets, posts


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_editor_url_is_the_secretariats_alone(
    request, client_for, draft, secretariat, principal, persona
):
    comment = ReviewComment.objects.create(meeting=draft, author=principal, text="x")
    user = request.getfixturevalue(persona)
    client = client_for(user)
    gets, posts = _secretariat_urls(draft, comment)
    for url in gets:
        response = client.get(url)
        expected = {"anonymous": 302, "secretariat": 200}.get(persona, 403)
        assert response.status_code == expected, (persona, url)
        if persona == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
    for url in posts:
        # LoginRequiredMiddleware sends anonymous visitors to log in before anything else.
        assert client.get(url).status_code == (302 if persona == "anonymous" else 405), url
        response = client.post(url, {})
        if persona == "secretariat":
            assert response.status_code in (302, 400), url
        else:
            assert response.status_code == {"anonymous": 302}.get(persona, 403), (persona, url)
    # Nothing moved or got removed by somebody who may not.
    if persona != "secretariat":
        assert draft.agenda_items.count() == 2
        assert draft.status == Meeting.Status.DRAFT


@pytest.mark.parametrize("persona", PERSONAS)
def test_summary_and_review_urls_by_role(request, client_for, body, secretariat, persona):
    draft = make_meeting(body=body, title="Draft summary")
    circulated = make_meeting(
        body=body,
        title="Circulated summary",
        status=Meeting.Status.CIRCULATED,
        review_deadline=timezone.now() + datetime.timedelta(days=3),
    )
    make_item(circulated)
    planned = make_meeting(body=body, title="Planned meeting", status=Meeting.Status.PLANNED)
    make_item(planned, title="Agenda to come", discussion="Not for principals yet")
    client = client_for(request.getfixturevalue(persona))
    responses = {
        "draft": client.get(draft.get_absolute_url()),
        "circulated": client.get(circulated.get_absolute_url()),
        "planned": client.get(planned.get_absolute_url()),
        "comment": client.post(
            reverse("minutes:comment_add", args=[circulated.pk]), {"kind": "comment", "text": "Hi"}
        ),
        "mine": client.get(reverse("minutes:my_comments")),
    }
    codes = {k: r.status_code for k, r in responses.items()}
    if persona == "anonymous":
        assert set(codes.values()) == {302}
        return
    if persona == "secretariat":
        assert codes == {
            "draft": 200,
            "circulated": 200,
            "planned": 200,
            "comment": 403,
            "mine": 200,
        }
        assert "Circulate to the principals" in responses["draft"].content.decode()
        return
    assert codes == {"draft": 404, "circulated": 200, "planned": 200, "comment": 302, "mine": 200}
    html = responses["circulated"].content.decode()
    assert "Comment on the summary or object to it" in html
    assert "Circulate to the principals" not in html and "Edit item" not in html
    planned_html = responses["planned"].content.decode()
    assert "Agenda to come" in planned_html and "Not for principals yet" not in planned_html
    assert ReviewComment.objects.get(author__username=request.getfixturevalue(persona).username)


def test_secretariat_creates_a_meeting_in_the_primary_zone(client_for, body, secretariat):
    response = client_for(secretariat).post(
        reverse("minutes:meeting_create"),
        {
            "body": body.pk,
            "level": "Principals",
            "modality": "virtual",
            "title": "",
            "location": "",
            "date": "2023-03-27",
            "start_time": "10:00",
            "end_time": "11:30",
            "status": "draft",
            "opening_remarks": "In his opening remarks, the Coordinator ...",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:meeting_attendance", args=[meeting.pk])
    assert meeting.title == "Executive Committee Principals (Virtual) Meeting"
    html = client_for(secretariat).get(meeting.get_absolute_url()).content.decode()
    assert "Monday, 27 March 2023" in html
    assert "10.00 \u2013 11.30 (NY time)/16.00 \u2013 17.30 (GVA time)" in html


def test_meeting_form_rejects_an_end_before_the_start(client_for, body, secretariat):
    response = client_for(secretariat).post(
        reverse("minutes:meeting_create"),
        {
            "body": body.pk,
            "modality": "virtual",
            "date": "2023-03-27",
            "start_time": "10:00",
            "end_time": "09:00",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert not Meeting.objects.exists()


def test_stale_meeting_edit_is_refused_and_keeps_what_was_typed(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    client = client_for(secretariat)
    url = reverse("minutes:meeting_edit", args=[meeting.pk])
    form = {
        "body": body.pk,
        "modality": "virtual",
        "title": "My careful title",
        "date": "2023-03-20",
        "start_time": "10:00",
        "end_time": "11:30",
        "status": "draft",
        "opening_remarks": "What I typed",
        "version": meeting.version,
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    # Somebody else saves first.
    services.meeting_update(
        meeting=meeting, by=secretariat, data={"title": "Theirs"}, version=meeting.version
    )
    response = client.post(url, form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Somebody else saved this meeting" in html
    assert "My careful title" in html and "What I typed" in html
    assert "What is saved now" in html and "Theirs" in html
    meeting.refresh_from_db()
    assert meeting.title == "Theirs"
    assert client.post(url, {**form, "version": meeting.version}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "My careful title"


def test_stale_item_edit_is_refused_and_keeps_what_was_typed(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    item = make_item(meeting, discussion="Old")
    client = client_for(secretariat)
    url = reverse("minutes:item_edit", args=[meeting.pk, item.pk])
    services.agenda_item_update(
        item=item, by=secretariat, data={"discussion": "Theirs"}, topics=[], version=1
    )
    response = client.post(url, _item_post(item, discussion="Mine, carefully typed", version=1))
    html = response.content.decode()
    assert "Somebody else saved this agenda item" in html
    assert "Mine, carefully typed" in html
    assert "What is saved now" in html and "Theirs" in html
    item.refresh_from_db()
    assert item.discussion == "Theirs"
    assert not Decision.objects.exists()
    # The form now carries the saved version: having merged, the next save is theirs to make.
    assert 'name="version" value="2"' in html
    response = client.post(url, _item_post(item, discussion="Merged", version=2))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.discussion, item.version) == ("Merged", 3)


def _item_post(item, *, version, discussion="", decisions=(), actions=(), **extra):
    data = {
        "title": item.title,
        "kind": item.kind,
        "discussion": discussion,
        "version": version,
        "decisions-TOTAL_FORMS": str(len(decisions)),
        "decisions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": str(len(actions)),
        "actions-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    for n, (kind, text) in enumerate(decisions):
        data[f"decisions-{n}-kind"] = kind
        data[f"decisions-{n}-text"] = text
    for n, fields in enumerate(actions):
        for key, value in fields.items():
            data[f"actions-{n}-{key}"] = value
    data.update(extra)
    return data


def test_item_editor_saves_discussion_decision_and_action(
    client_for, body, secretariat, member_org
):
    meeting = make_meeting(body=body)
    item = make_item(meeting, title="Regional Reviews")
    response = client_for(secretariat).post(
        reverse("minutes:item_edit", args=[meeting.pk, item.pk]),
        _item_post(
            item,
            version=1,
            discussion="The [framework](https://example.org/f) was endorsed.",
            decisions=[("endorsed", "The framework was endorsed.")],
            actions=[
                {
                    "text": "Develop a roadmap.",
                    "owner_organizations": str(member_org.pk),
                    "owner_note": "",
                    "due_day": "2024-09-15",
                    "due_precision": "half",
                    "status": "open",
                }
            ],
        ),
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert item.version == 2 and "framework" in item.discussion
    decision = Decision.objects.get()
    assert decision.reference == "EXCOM/2023/03/D1"
    action = ActionPoint.objects.get()
    assert action.due_date == datetime.date(2024, 12, 31)
    assert list(action.owner_organizations.all()) == [member_org]
    html = client_for(secretariat).get(meeting.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/f" rel="noopener noreferrer">framework</a>' in html
    assert f'id="decision-{decision.pk}"' in html and f'id="action-{action.pk}"' in html
    assert "second half of 2024" in html


def test_item_editor_updates_and_deletes_existing_outcomes(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    decision = make_decision(item, text="Old decision")
    action = make_action(item, text="Old action")
    gone = make_decision(item, text="Withdrawn")
    data = _item_post(item, version=1)
    data.update(
        {
            "decisions-TOTAL_FORMS": "2",
            "decisions-INITIAL_FORMS": "2",
            "decisions-0-id": decision.pk,
            "decisions-0-kind": "agreed",
            "decisions-0-text": "New decision",
            "decisions-1-id": gone.pk,
            "decisions-1-kind": gone.kind,
            "decisions-1-text": gone.text,
            "decisions-1-DELETE": "on",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "1",
            "actions-0-id": action.pk,
            "actions-0-version": action.version,
            "actions-0-text": "New action",
            "actions-0-due_precision": "none",
            "actions-0-status": "in_progress",
        }
    )
    response = client_for(secretariat).post(
        reverse("minutes:item_edit", args=[meeting.pk, item.pk]), data
    )
    assert response.status_code == 302
    assert list(Decision.objects.values_list("text", "kind")) == [("New decision", "agreed")]
    action.refresh_from_db()
    assert (action.text, action.status, action.version) == ("New action", "in_progress", 2)


def test_attendance_search_add_and_edit(client_for, body, secretariat, member_org, other_org):
    meeting = make_meeting(body=body)
    person = make_person(name="Gillian Triggs", organization=member_org, title="AHC Protection")
    deputy = make_person(name="Deputy Person", organization=member_org)
    client = client_for(secretariat)
    url = reverse("minutes:meeting_attendance", args=[meeting.pk])
    found = client.get(url, {"find": "UNHCR"}).content.decode()
    assert "Add Gillian Triggs" in found
    response = client.post(
        reverse("minutes:attendance_add", args=[meeting.pk]), {"person": person.pk}
    )
    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert (attendance.title, attendance.organization) == ("AHC Protection", member_org)
    # Represented by somebody, title edited for the day.
    response = client.post(
        url,
        {
            "attendance-TOTAL_FORMS": "1",
            "attendance-INITIAL_FORMS": "1",
            "attendance-0-id": attendance.pk,
            "attendance-0-version": attendance.version,
            "attendance-0-position": "0",
            "attendance-0-organization": member_org.pk,
            "attendance-0-title": "Assistant High Commissioner",
            "attendance-0-role": "Chair",
            "attendance-0-status": "represented",
            "attendance-0-represented_by": deputy.pk,
        },
    )
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.status, attendance.represented_by, attendance.title) == (
        "represented",
        deputy,
        "Assistant High Commissioner",
    )
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert (
        "Gillian Triggs, Assistant High Commissioner, UNHCR, represented by Deputy Person" in html
    )


def test_attendance_refuses_represented_without_a_representative(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    attendance = make_attendance(meeting, make_person())
    response = client_for(secretariat).post(
        reverse("minutes:meeting_attendance", args=[meeting.pk]),
        {
            "attendance-TOTAL_FORMS": "1",
            "attendance-INITIAL_FORMS": "1",
            "attendance-0-id": attendance.pk,
            "attendance-0-version": attendance.version,
            "attendance-0-position": "0",
            "attendance-0-status": "represented",
        },
    )
    assert response.status_code == 200
    assert "Say who represented them." in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.status == "present"


def test_attendance_row_of_another_meeting_is_ignored_not_a_server_error(
    client_for, body, secretariat
):
    meeting = make_meeting(body=body)
    mine = make_attendance(meeting, make_person())
    theirs = make_attendance(make_meeting(body=body), make_person())
    response = client_for(secretariat).post(
        reverse("minutes:meeting_attendance", args=[meeting.pk]),
        {
            "attendance-TOTAL_FORMS": "1",
            "attendance-INITIAL_FORMS": "1",
            "attendance-0-id": theirs.pk,
            "attendance-0-version": "1",
            "attendance-0-position": "0",
            "attendance-0-title": "Taken over",
            "attendance-0-status": "represented",
            "attendance-0-represented_by": mine.person_id,
        },
    )
    # The formset skips a row it cannot find among this meeting's: nothing is written.
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert (theirs.title, theirs.status, theirs.represented_by_id) == ("", "present", None)
    assert Attendance.objects.count() == 2


def test_add_all_member_principals_in_one_click(
    client_for, body, secretariat, principal, other_principal
):
    meeting = make_meeting(body=body)
    client_for(secretariat).post(
        reverse("minutes:attendance_add", args=[meeting.pk]), {"members": "1"}
    )
    names = set(meeting.attendances.values_list("person__name", flat=True))
    assert names == {"Gillian Triggs", "Omar Abdi"}


def test_new_person_and_organisation_without_leaving_the_page(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    response = client_for(secretariat).post(
        reverse("minutes:attendance_new_person", args=[meeting.pk]),
        {
            "new-name": "Rola Dashti",
            "new-title": "Executive Secretary",
            "new-new_organization_name": "Economic and Social Commission for Western Asia",
            "new-new_organization_acronym": "ESCWA",
        },
    )
    assert response.status_code == 302
    org = Organization.objects.get(acronym="ESCWA")
    person = Person.objects.get(name="Rola Dashti")
    assert person.positions.get().organization == org
    assert meeting.attendances.get().organization == org


def test_new_person_form_errors_keep_the_page(client_for, body, secretariat, member_org):
    meeting = make_meeting(body=body)
    response = client_for(secretariat).post(
        reverse("minutes:attendance_new_person", args=[meeting.pk]),
        {"new-name": "X", "new-organization": member_org.pk, "new-new_organization_name": "Y"},
    )
    assert response.status_code == 400
    assert "Pick an organisation or name a new one." in response.content.decode()
    assert not Person.objects.filter(name="X").exists()


def test_agenda_add_move_remove(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    client = client_for(secretariat)
    url = reverse("minutes:meeting_agenda", args=[meeting.pk])
    client.post(url, {"title": "Framework", "kind": "regular", "then": "agenda"})
    client.post(url, {"title": "Complementarity", "kind": "regular", "then": "agenda"})
    response = client.post(url, {"title": "AOB", "kind": "aob", "then": "edit"})
    aob = AgendaItem.objects.get(kind="aob")
    assert response["Location"] == reverse("minutes:item_edit", args=[meeting.pk, aob.pk])
    second = AgendaItem.objects.get(title="Complementarity")
    client.post(reverse("minutes:item_move", args=[meeting.pk, second.pk]), {"direction": "up"})
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == [
        "Complementarity",
        "Framework",
        "AOB",
    ]
    client.post(reverse("minutes:item_remove", args=[meeting.pk, second.pk]))
    assert list(meeting.agenda_items.order_by("position").values_list("position", "title")) == [
        (1, "Framework"),
        (2, "AOB"),
    ]


def test_upload_is_limited_and_served_only_to_readers(
    client_for, body, secretariat, principal, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 100
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    client = client_for(secretariat)
    url = reverse("minutes:item_edit", args=[meeting.pk, item.pk])
    data = _item_post(item, version=1)
    data.update({"documents-TOTAL_FORMS": "1", "documents-0-title": "Framework"})
    too_big = client.post(
        url, {**data, "documents-0-file": SimpleUploadedFile("f.pdf", b"x" * 101)}
    )
    assert "larger than" in too_big.content.decode()
    assert not Document.objects.exists()
    client.post(url, {**data, "documents-0-file": SimpleUploadedFile("f.pdf", b"%PDF-1.7 small")})
    document = Document.objects.get()
    assert document.agenda_item == item and document.file
    assert b"".join(client.get(document.get_absolute_url()).streaming_content) == b"%PDF-1.7 small"
    # A principal may not fetch a draft's file.
    client.force_login(principal)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_approved_summary_refuses_edits(client_for, body, secretariat):
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    item = make_item(meeting, discussion="Final")
    client = client_for(secretariat)
    response = client.post(
        reverse("minutes:item_edit", args=[meeting.pk, item.pk]),
        _item_post(item, version=1, discussion="Changed"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.discussion == "Final"
    page = client.get(response["Location"]).content.decode()
    assert "approved and locked" in page
    assert "Reopen for correction" in page


def test_history_shows_who_changed_what(client_for, body, secretariat, django_assert_num_queries):
    secretariat.first_name, secretariat.last_name = "Sam", "Clerk"
    secretariat.save()
    meeting = make_meeting(body=body)
    items = [make_item(meeting), make_item(meeting)]
    client = client_for(secretariat)
    for item in items:
        make_decision(item)
        make_action(item)
        client.post(
            reverse("minutes:item_edit", args=[meeting.pk, item.pk]),
            _item_post(item, version=1, discussion="Discussed"),
        )
    url = reverse("minutes:meeting_history", args=[meeting.pk])
    # session, user, groups, meeting, one query per history table (6), one per topic-history
    # table (items, decisions, actions: 3), the user's organisation and the unread
    # notifications count in the navigation.
    with django_assert_num_queries(15):
        html = client.get(url).content.decode()
    assert "Changed by Sam Clerk" in html
    assert "agenda item 2 discussion" in html
    assert "Added by" in html and "decision EXCOM/2023/03/D1" in html


def test_meeting_list_filters_and_pages(client_for, body, secretariat, principal, settings):
    from minutes.views import meetings as views

    other = make_meeting(title="Working group meeting")
    for n in range(views.MEETINGS_PER_PAGE + 2):
        make_meeting(
            body=body,
            status=Meeting.Status.APPROVED,
            start=datetime.datetime(2023, 1, 1, 15, tzinfo=datetime.UTC)
            + datetime.timedelta(days=n),
        )
    make_meeting(body=body, title="Hidden draft", start=timezone.now())
    client = client_for(principal)
    first = client.get(reverse("minutes:meeting_list"), {"body": body.pk}).content.decode()
    assert "Page 1 of 2" in first and "Working group meeting" not in first
    assert "Hidden draft" not in first
    assert ">27 Jan 2023<" in first and ">1 Jan 2023<" not in first  # newest first
    assert (
        other.title
        not in client.get(
            reverse("minutes:meeting_list"), {"status": "approved", "body": body.pk, "page": 2}
        ).content.decode()
    )
    client.force_login(secretariat)
    drafts = client.get(reverse("minutes:meeting_list"), {"status": "draft"}).content.decode()
    assert "Hidden draft" in drafts and "Working group meeting" in drafts
    assert ">1 Jan 2023<" not in drafts


def test_meeting_list_query_count_is_pinned(client_for, body, principal, django_assert_num_queries):
    for _ in range(3):
        make_meeting(body=body, status=Meeting.Status.APPROVED)
    client = client_for(principal)
    url = reverse("minutes:meeting_list")
    # session, user, groups, bodies for the filter, count and page of meetings+body, the
    # user's organisation (header), the unread notifications count in the navigation.
    with django_assert_num_queries(8):
        client.get(url)
    # While no record changes, the filter form, the count, the table and the user's
    # organisation and the unread notifications count come from the cache: session, user,
    # groups; nothing is written.
    with django_assert_num_queries(3):
        client.get(url)
    for _ in range(5):
        # Other bodies, open to every principal: the readable-bodies rule is a subquery.
        make_meeting(
            body=make_body(open_to_all_principals=True),
            status=Meeting.Status.CIRCULATED,
            review_deadline=timezone.now() + datetime.timedelta(days=3),
        )
    with django_assert_num_queries(7):  # new meetings: everything is read again
        response = client.get(url)
    assert response.content.decode().count('class="badge badge--circulated"') == 5


def test_item_editor_query_count_does_not_grow_with_outcomes(
    client_for, body, secretariat, member_org, django_assert_num_queries
):
    meeting = make_meeting(body=body)
    item = make_item(meeting)

    def fill(n):
        for _ in range(n):
            make_decision(item)
            make_action(item, owners=[member_org], people=[make_person()])

    fill(2)
    client = client_for(secretariat)
    url = reverse("minutes:item_edit", args=[meeting.pk, item.pk])
    client.get(url)
    # session, user, groups, meeting, item, its topics; decisions + their topics; actions + owner
    # organisations, owner people, topics; documents; then each choice list once per form or
    # formset (topics, organisations, people), not per row; the next item (for "Save and next
    # item"). The user's organisation and the unread notifications count are kept from the
    # first request.
    with django_assert_num_queries(23) as ctx:
        client.get(url)
    counted = len(ctx.captured_queries)
    fill(3)
    client.get(url)  # the writes started lib.readcache's answers again: kept anew
    with django_assert_num_queries(counted):
        html = client.get(url).content.decode()
    assert html.count('name="actions-') > html.count('name="decisions-') > 0
    assert "Action point 5" in html and "Decision 5" in html


def test_an_action_point_with_progress_updates_is_not_deleted(client_for, body, secretariat):
    from tests.factories import make_update

    meeting = make_meeting(body=body)
    item = make_item(meeting)
    action = make_action(item)
    make_update(action)
    data = _item_post(item, version=1, discussion="Edited too")
    data.update(
        {
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "1",
            "actions-0-id": action.pk,
            "actions-0-version": action.version,
            "actions-0-text": action.text,
            "actions-0-due_precision": "none",
            "actions-0-status": "open",
            "actions-0-DELETE": "on",
        }
    )
    response = client_for(secretariat).post(
        reverse("minutes:item_edit", args=[meeting.pk, item.pk]), data
    )
    assert "set its status to Dropped" in response.content.decode()
    assert ActionPoint.objects.filter(pk=action.pk).exists()
    item.refresh_from_db()
    assert item.discussion == ""  # nothing partial: the item edit was rolled back too


def test_an_item_titled_any_other_business_is_added_as_aob(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    client = client_for(secretariat)
    url = reverse("minutes:meeting_agenda", args=[meeting.pk])
    client.post(url, {"title": "Framework", "kind": "regular", "then": "agenda"})
    client.post(url, {"title": "Any other business", "kind": "regular", "then": "agenda"})
    client.post(url, {"title": "AOB: SDG Summit side event", "kind": "regular", "then": "agenda"})
    kinds = dict(meeting.agenda_items.values_list("title", "kind"))
    assert kinds == {
        "Framework": "regular",
        "Any other business": "aob",
        "AOB: SDG Summit side event": "aob",
    }
