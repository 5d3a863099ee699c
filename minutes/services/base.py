"""What every write of the record shares: its errors, the stale-edit check and who wrote it."""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minutes.models import Meeting


class ServiceError(Exception):
    """A write refused for a reason the user can act on; nothing was written."""


class StaleEdit(ServiceError):
    """Somebody else saved the same record since this form was opened."""

    def __init__(self, what: str, *, model=None, pk: int | None = None):
        super().__init__(STALE_MESSAGE.format(what=what))
        self.what, self.model, self.pk = what, model, pk

    @property
    def summary(self) -> str:
        """The first sentence alone, for pages that do not keep the form (bulk changes)."""
        return _("Somebody else saved %(what)s while you were editing it.") % {"what": self.what}


class MeetingLocked(ServiceError):
    """The summary is approved; it changes only through a correction."""


class InvalidChange(ServiceError):
    """A change that breaks a rule of the record (e.g. dropping an action without a reason)."""


STALE_MESSAGE = gettext_lazy(
    "Somebody else saved {what} while you were editing it. Your changes were not saved; "
    "they are still in the form below, with what is saved now beside them. Merge the two "
    "and save again: that save will replace their version."
)


def ensure_editable(meeting: Meeting) -> None:
    if meeting.is_locked:
        raise MeetingLocked(
            _("This summary is approved and locked. Reopen it for correction to change it.")
        )
    # Silence approves the text principals were sent: it changes only back in draft.
    if meeting.status == Meeting.Status.CIRCULATED:
        raise MeetingLocked(
            _(
                "This summary is circulated for review. Take it back to draft, with a reason, "
                "to edit it; then circulate it again."
            )
        )


def claim_version(model: type[models.Model], pk: int, version: int, what: str) -> int:
    """Compare-and-swap on `version`: succeed only if nobody saved since `version` was read.

    The conditional UPDATE claims the row: of two concurrent saves from the same version only
    one matches. Call it inside the transaction that then saves the fields through the model,
    so the change leaves a history record (a bare update() would not). Returns the new version.
    """
    claimed = model.objects.filter(pk=pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise StaleEdit(what, model=model, pk=pk)
    return version + 1


def written_by(instance: models.Model, by) -> models.Model:
    """Name `by` as the author of the history records the next save or delete leaves.

    Without it the history falls back to the request's user, and a command has none.
    """
    instance._history_user = by if getattr(by, "is_authenticated", False) else None
    return instance


def author(by):
    """`by` as a user to store on a row (None for a command or an anonymous caller)."""
    return by if getattr(by, "is_authenticated", False) else None
