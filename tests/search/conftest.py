from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from minutes.models import Meeting
from tests.factories import (
    make_action,
    make_decision,
    make_item,
    make_meeting,
    make_topic,
    make_update,
)

NY = ZoneInfo("America/New_York")


@pytest.fixture
def archive(body, member_org, other_org):
    """Two approved meetings and one draft, each with items, decisions, actions and updates."""
    topic = make_topic(name="Regional Reviews", slug="regional-reviews")
    other_topic = make_topic(name="Climate and mobility", slug="climate-and-mobility")
    march = make_meeting(
        body=body, status=Meeting.Status.APPROVED,
        start=datetime.datetime(2023, 3, 20, 10, tzinfo=NY),
    )  # fmt: skip
    june = make_meeting(
        body=body, status=Meeting.Status.APPROVED,
        start=datetime.datetime(2023, 6, 12, 10, tzinfo=NY),
    )  # fmt: skip
    draft = make_meeting(
        body=body, status=Meeting.Status.DRAFT,
        start=datetime.datetime(2023, 9, 4, 10, tzinfo=NY),
        title="Executive Committee draft meeting",
    )  # fmt: skip
    data = {"topic": topic, "other_topic": other_topic, "march": march, "june": june,
            "draft": draft}  # fmt: skip
    for meeting in (march, june):
        item = make_item(meeting, title="Roadmap for the Regional Reviews",
                         discussion="Principals discussed the roadmap of the Regional Reviews.")  # fmt: skip
        item.topics.set([topic])
        decision = make_decision(item, text="The roadmap of the Regional Reviews was endorsed.")
        decision.topics.set([topic])
        action = make_action(item, text="Circulate the roadmap to the Regional Networks.",
                             decision=decision, owners=[member_org])  # fmt: skip
        action.topics.set([topic])
        make_update(action, text="The roadmap was circulated to focal points.")
        other = make_item(meeting, title="Climate change and human mobility",
                          discussion="Key messages for the COP were discussed.")  # fmt: skip
        other.topics.set([other_topic])
        closed = make_action(other, text="Draft key messages on the roadmap for COP.",
                             status="done", owners=[other_org])  # fmt: skip
        closed.topics.set([other_topic])
        data[meeting.start.strftime("%B").lower()] = meeting
    secret = make_item(draft, title="Confidential roadmap", discussion="The secret roadmap.")
    secret.topics.set([topic])
    secret_decision = make_decision(secret, text="The secret roadmap was agreed.")
    secret_decision.topics.set([topic])
    make_action(secret, text="Keep the secret roadmap.", decision=secret_decision).topics.set(
        [topic]
    )
    data["secret_decision"] = secret_decision
    return data
