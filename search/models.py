"""The stored search vectors: one row per searchable record, kept up to date by the database."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from minutes.models import ActionPoint, ActionUpdate, AgendaItem, Decision, Meeting
from participants.models import Organization, Person


def _link(model: type[models.Model]) -> models.OneToOneField:
    # No database constraint and DO_NOTHING: PostgreSQL triggers on the record's own table
    # insert, update and delete these rows (see migrations/0001), so Django never has to
    # collect them when a record is deleted, and other apps' query counts do not change.
    return models.OneToOneField(
        model,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_entry",
    )


class SearchEntry(models.Model):
    """A record's weighted tsvector, stored so ranking does not re-parse the text of every match.

    Only PostgreSQL fills this table (by triggers); on SQLite search reads the records directly.
    """

    kind = models.CharField(max_length=20)
    vector = SearchVectorField()
    meeting = _link(Meeting)
    item = _link(AgendaItem)
    decision = _link(Decision)
    action = _link(ActionPoint)
    update = _link(ActionUpdate)
    person = _link(Person)
    organization = _link(Organization)

    class Meta:
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"{self.kind} search entry"
