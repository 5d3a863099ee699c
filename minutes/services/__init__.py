"""The record's writes: every change to a meeting and its parts goes through these functions.

Each one is keyword-only, runs inside one transaction, records `by` as the author (in the
history, and on the row where it has one), and raises a ServiceError with a message fit for the
person who asked, so a view can show it and keep what they typed. A stale save raises StaleEdit
(the one compare-and-swap is `base.claim_version`) and writes nothing.

    from minutes import services
    services.meeting_circulate(meeting=meeting, by=request.user, deadline=deadline)
"""

from __future__ import annotations

from minutes.services.actions import (
    REVIEW_DEFERRED,
    REVIEW_DONE,
    REVIEW_DROPPED,
    REVIEW_OUTCOMES,
    REVIEW_PROGRESS,
    Review,
    action_point_add,
    action_point_close,
    action_point_remove,
    action_point_update,
    action_update_add,
    actions_bulk_change,
    follow_up_record,
)
from minutes.services.agenda import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
)
from minutes.services.attendance import (
    attendance_add,
    attendance_add_members,
    attendance_record,
    attendance_remove,
    attendance_update,
    person_create_and_attend,
)
from minutes.services.base import (
    STALE_MESSAGE,
    InvalidChange,
    MeetingLocked,
    ServiceError,
    StaleEdit,
    claim_version,
    ensure_editable,
)
from minutes.services.meetings import default_title, meeting_create, meeting_update
from minutes.services.outcomes import decision_add, decision_remove, decision_update
from minutes.services.review import (
    apply_review_deadlines,
    can_review,
    meeting_approve,
    meeting_circulate,
    meeting_object,
    meeting_reopen,
    meeting_withdraw,
    review_comment_add,
    review_comment_resolve,
)
from minutes.services.translations import summary_translation_save

__all__ = [
    "REVIEW_DEFERRED",
    "REVIEW_DONE",
    "REVIEW_DROPPED",
    "REVIEW_OUTCOMES",
    "REVIEW_PROGRESS",
    "STALE_MESSAGE",
    "summary_translation_save",
    "InvalidChange",
    "MeetingLocked",
    "Review",
    "ServiceError",
    "StaleEdit",
    "action_point_add",
    "action_point_close",
    "action_point_remove",
    "action_point_update",
    "action_update_add",
    "actions_bulk_change",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_update",
    "apply_review_deadlines",
    "attendance_add",
    "attendance_add_members",
    "attendance_record",
    "attendance_remove",
    "attendance_update",
    "can_review",
    "claim_version",
    "decision_add",
    "decision_remove",
    "decision_update",
    "default_title",
    "ensure_editable",
    "follow_up_record",
    "meeting_approve",
    "meeting_circulate",
    "meeting_create",
    "meeting_object",
    "meeting_reopen",
    "meeting_withdraw",
    "meeting_update",
    "person_create_and_attend",
    "review_comment_add",
    "review_comment_resolve",
]
