"""The decision register, its CSV export and a decision's page."""

from __future__ import annotations

import csv
import io

import pytest

from lib.csvsafe import safe_cell as csv_cell
from minutes.models import Decision
from tests.factories import make_action, make_decision


def register(client, **params) -> str:
    response = client.get("/decisions/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_register_lists_visible_decisions_with_reference_meeting_and_topic(
    client_for, principal, archive
):
    html = register(client_for(principal))
    for meeting in (archive["march"], archive["june"]):
        decision = Decision.objects.get(agenda_item__meeting=meeting)
        assert decision.reference in html
        assert f'href="{meeting.get_absolute_url()}"' in html
    assert "Roadmap for the Regional Reviews" in html
    assert 'href="/topics/regional-reviews/">Regional Reviews</a>' in html
    assert archive["secret_decision"].reference not in html
    assert "2 decisions." in html


def test_secretariat_sees_draft_decisions(client_for, secretariat, archive):
    assert archive["secret_decision"].reference in register(client_for(secretariat))


def test_register_filters(client_for, principal, archive):
    client = client_for(principal)
    march = Decision.objects.get(agenda_item__meeting=archive["march"])
    june = Decision.objects.get(agenda_item__meeting=archive["june"])
    Decision.objects.filter(pk=june.pk).update(kind="noted", text="Migration data noted.")
    html = register(client, kind="endorsed")
    assert march.reference in html and june.reference not in html
    html = register(client, text="migration data")
    assert june.reference in html and march.reference not in html
    html = register(client, date_from="2023-06-01", date_to="2023-06-30")
    assert june.reference in html and march.reference not in html
    html = register(client, topic=archive["other_topic"].pk)
    assert "No decision matches these filters." in html


def test_csv_export_has_a_bom_and_neutralises_formulas(client_for, principal, archive):
    decision = Decision.objects.get(agenda_item__meeting=archive["march"])
    Decision.objects.filter(pk=decision.pk).update(text='=HYPERLINK("http://evil","António")')
    response = client_for(principal).get("/decisions/", {"format": "csv", "kind": "endorsed"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[0][:3] == ["Reference", "Kind", "Decision"]
    by_reference = {row[0]: row for row in rows[1:]}
    assert by_reference[decision.reference][2] == '\'=HYPERLINK("http://evil","António")'
    assert by_reference[decision.reference][7] == "Regional Reviews"
    assert archive["secret_decision"].reference not in by_reference


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(value):
    assert csv_cell(value) == "'" + value


def test_register_query_count_is_pinned(client_for, principal, archive, django_assert_num_queries):
    for meeting in (archive["march"], archive["june"]):
        make_decision(meeting.agenda_items.get(position=2), text="Key messages were agreed.")
    client = client_for(principal)
    # session, user, groups; the count and the page of decisions (with meeting, item and
    # body); their topics; the user's organisation; body and topic options of the filter
    # form; and the unread notifications count in the navigation.
    with django_assert_num_queries(10):
        html = register(client)
    assert "4 decisions." in html
    # Then the table, the filter form, the count and the organisation come from the cache
    # until a record changes, and so does the unread count: session, user, groups.
    with django_assert_num_queries(3):
        again = register(client)
    assert "4 decisions." in again
    assert again.count("Key messages were agreed.") == html.count("Key messages were agreed.") == 2


def test_decision_page_shows_the_actions_that_followed(
    client_for, principal, archive, other_org, django_assert_num_queries
):
    decision = Decision.objects.get(agenda_item__meeting=archive["march"])
    make_action(decision.agenda_item, text="Brief Member States.", decision=decision,
                owners=[other_org], status="done")  # fmt: skip
    client = client_for(principal)
    client.get(decision.get_absolute_url())
    # session, user, groups; the decision with its item, meeting and body; its topics; its
    # actions with their meetings; their owner organisations; their owner people (the user's
    # organisation and the unread notifications count are kept from the first request).
    with django_assert_num_queries(8):
        html = client.get(decision.get_absolute_url()).content.decode()
    assert decision.reference in html and "Circulate the roadmap to the Regional Networks." in html
    assert "Brief Member States." in html and "UNICEF" in html and "UNHCR" in html
    assert f'href="{archive["march"].get_absolute_url()}#decision-{decision.pk}"' in html


def test_principal_gets_404_for_a_draft_decision(client_for, principal, secretariat, archive):
    url = archive["secret_decision"].get_absolute_url()
    assert client_for(principal).get(url).status_code == 404
    assert client_for(secretariat).get(url).status_code == 200
