"""The summary's "Follow-up on action points" section: what a meeting reviewed, what is open.

The summary page, its exports and the follow-up page of the actions app all show it.
"""

from __future__ import annotations

from minutes import access
from minutes.models import ActionPoint, ActionUpdate, Meeting
from participants import zones


def follow_up_context(meeting: Meeting, user) -> dict:
    """The summary's "Follow-up on action points" section, in 7 queries whatever the size.

    - follow_up_reviews: each action reviewed at `meeting` with its latest review there
      (3 queries: the reviews with their actions, owner organisations, owner people);
    - follow_up_open: actions of the body's earlier meetings still open and not reviewed at
      `meeting` (4 queries: actions, owner organisations, owner people, their logs), left out
      of approved summaries.
    """
    reviews = access.updates_for(
        user, ActionUpdate.objects.filter(reviewed_at_meeting=meeting)
    ).select_related("action__agenda_item__meeting__body", "author", "reviewed_at_meeting")
    reviews = reviews.prefetch_related(
        "action__owner_organizations",
        "action__owner_people",
        "action__agenda_item__meeting__body__time_zones",
    ).order_by("action__agenda_item__meeting__start", "action__reference", "created_at", "pk")
    latest_by_action: dict[int, ActionUpdate] = {}
    for review in reviews:
        latest_by_action[review.action_id] = review  # ordered by time: the last one wins
    still_open = (
        access.actions_for(user, ActionPoint.objects.for_follow_up(meeting))
        .exclude(updates__reviewed_at_meeting=meeting)
        .with_related()
        .with_updates(access.updates_for(user))
        .order_by("agenda_item__meeting__start", "agenda_item__position", "position", "pk")
    )
    # An approved summary is a record of what the meeting reviewed; today's open list belongs
    # to summaries still being written or reviewed.
    open_now = [] if meeting.effective_status == Meeting.Status.APPROVED else list(still_open)
    return {
        "follow_up_meeting": meeting,
        "follow_up_reviews": list(latest_by_action.values()),
        "follow_up_open": open_now,
        "today": zones.today(meeting.body),
    }
