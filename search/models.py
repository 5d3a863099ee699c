"""The stored search rows: one per searchable record, kept up to date by the database."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from minutes.models import ActionPoint, ActionUpdate, AgendaItem, Decision, Meeting
from participants.models import Body, Organization, Person


def _link(model: type[models.Model], related_name: str = "search_entry", **kwargs):
    # No database constraint and DO_NOTHING: PostgreSQL triggers on the records' tables
    # insert, update and delete these rows (see search/fts.py), so Django never has to
    # collect them when a record is deleted, and other apps' query counts do not change.
    field = models.OneToOneField if related_name == "search_entry" else models.ForeignKey
    return field(
        model,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name=related_name,
        **kwargs,
    )


class SearchEntry(models.Model):
    """A record's weighted tsvector, with copies of what filtering and visibility read.

    Only PostgreSQL fills this table (by triggers); on SQLite search reads the records directly.
    The copies (the meeting's date, body and status, the action's status, the status of the
    meeting a progress entry was reviewed at) let one query over this table filter and rank;
    who may see which copy is decided by minutes.access.content_condition.
    """

    kind = models.CharField(max_length=20)
    vector = SearchVectorField()
    # The text-search configuration the vector was built with: its meeting's language.
    config = models.CharField(max_length=32, default="")
    day = models.DateTimeField(null=True)
    body = _link(Body, "+", db_index=False)
    meeting_status = models.CharField(max_length=20, null=True)
    # The meeting a part belongs to (null on the meeting's own row), for the filters.
    of_meeting = _link(Meeting, "+")
    action_status = models.CharField(max_length=20, null=True)
    reviewed_meeting = _link(Meeting, "+")
    reviewed_status = models.CharField(max_length=20, null=True)
    meeting = _link(Meeting)
    item = _link(AgendaItem)
    decision = _link(Decision)
    action = _link(ActionPoint)
    update = _link(ActionUpdate)
    person = _link(Person)
    organization = _link(Organization)

    class Meta:
        verbose_name_plural = _("search entries")
        indexes = [
            # The candidates of a common word: its most recent matches, walked in date order
            # (people and organisations, without a date, come first: there are few of them).
            models.Index(fields=["-day"], name="search_entry_day_idx"),
            # The same walk within one kind (the kind filter).
            models.Index(fields=["kind", "-day"], name="search_entry_kind_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} search entry"


class SearchWord(models.Model):
    """A word found in the indexed text: the vocabulary "did you mean" corrects against.

    Filled by the same triggers (PostgreSQL only); words are never removed, so a suggestion is
    only offered once the corrected search finds something the reader may see.
    """

    word = models.CharField(max_length=40, primary_key=True)

    def __str__(self) -> str:
        return self.word
