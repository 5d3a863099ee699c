"""Topic pages: a topic's history across meetings, in date order."""

from __future__ import annotations

from tests.factories import make_action, make_decision, make_item, make_topic


def test_topic_page_shows_history_in_date_order_with_status(client_for, principal, archive):
    html = client_for(principal).get("/topics/regional-reviews/").content.decode()
    assert html.index("20 March 2023") < html.index("12 June 2023")
    assert "Roadmap for the Regional Reviews" in html
    assert "The roadmap of the Regional Reviews was endorsed." in html
    assert '<span class="badge badge--open">Open</span>' in html
    assert "Confidential" not in html and "secret" not in html


def test_secretariat_sees_drafts_on_topic_page(client_for, secretariat, archive):
    html = client_for(secretariat).get("/topics/regional-reviews/").content.decode()
    assert "Confidential roadmap" in html and html.index("12 June 2023") < html.index(
        "Confidential"
    )


def test_topic_page_query_count_is_pinned(
    client_for, principal, archive, django_assert_num_queries
):
    topic = archive["topic"]
    for meeting in (archive["march"], archive["june"]):
        item = make_item(meeting, title="Second item on reviews")
        item.topics.set([topic])
        make_decision(item, text="Another decision.").topics.set([topic])
        make_action(item, text="Another action.").topics.set([topic])
    client = client_for(principal)
    # session, user, groups; the topic; count and page of meetings; their tagged items,
    # decisions, actions (with item and meeting) and the actions' owners; user's organisation.
    # and the unread notifications count in the navigation.
    with django_assert_num_queries(12):
        html = client.get(topic.get_absolute_url()).content.decode()
    assert html.count("Second item on reviews") == 2
    # Then the history and its count come from the cache until a record changes, the user's
    # organisation and the unread count kept: session, user, groups, the topic.
    with django_assert_num_queries(4):
        again = client.get(topic.get_absolute_url()).content.decode()
    assert again.count("Second item on reviews") == 2
    assert again.count("Another decision.") == html.count("Another decision.") == 2


def test_topic_index_counts_only_what_the_user_may_see(client_for, principal, secretariat, archive):
    make_topic(name="Unused topic", slug="unused")
    principal_html = client_for(principal).get("/topics/").content.decode()
    assert "Unused topic" in principal_html
    row = principal_html[principal_html.index("/topics/regional-reviews/") :]
    assert "<td>2</td>\n    <td>2</td>\n    <td>2</td>" in row
    secretariat_html = client_for(secretariat).get("/topics/").content.decode()
    row = secretariat_html[secretariat_html.index("/topics/regional-reviews/") :]
    assert "<td>3</td>\n    <td>3</td>\n    <td>3</td>" in row


def test_unknown_topic_is_404(client_for, principal, db):
    assert client_for(principal).get("/topics/nothing-here/").status_code == 404
