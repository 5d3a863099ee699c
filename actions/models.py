"""Action points agreed at meetings and the log of what was done about them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actions import due
from minutes.models import AgendaItem, Decision, Meeting, Topic
from participants import roles
from participants.models import Organization, Person


class ActionPointQuerySet(models.QuerySet):
    def visible_to(self, user) -> ActionPointQuerySet:
        if roles.is_secretariat(user):
            return self
        return self.filter(agenda_item__meeting__status__in=Meeting.PUBLIC_STATUSES)

    def open(self) -> ActionPointQuerySet:
        return self.filter(status__in=ActionPoint.OPEN_STATUSES)

    def closed(self) -> ActionPointQuerySet:
        return self.exclude(status__in=ActionPoint.OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> ActionPointQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def due_within(self, days: int, today: datetime.date | None = None) -> ActionPointQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(
            due_date__gte=today, due_date__lte=today + datetime.timedelta(days)
        )

    def for_organization(self, organization: Organization) -> ActionPointQuerySet:
        return self.filter(
            Q(owner_organizations=organization)
            | Q(owner_people__positions__organization=organization)
        ).distinct()

    def for_body(self, body) -> ActionPointQuerySet:
        return self.filter(agenda_item__meeting__body=body)

    def with_related(self) -> ActionPointQuerySet:
        """What a list row shows: source meeting and item, owners."""
        return self.select_related("agenda_item__meeting__body").prefetch_related(
            "owner_organizations", "owner_people"
        )

    def with_updates(self) -> ActionPointQuerySet:
        """Each action's log, newest first, in one query (read through `latest_update`)."""
        return self.prefetch_related(
            models.Prefetch(
                "updates",
                queryset=ActionUpdate.objects.select_related("author").order_by(
                    "-created_at", "-pk"
                ),
                to_attr="updates_newest_first",
            )
        )

    def earlier_than(self, meeting: Meeting) -> ActionPointQuerySet:
        """Actions agreed at meetings of the same body before `meeting`."""
        return self.filter(
            agenda_item__meeting__body_id=meeting.body_id,
            agenda_item__meeting__start__lt=meeting.start,
        )

    def for_follow_up(self, meeting: Meeting) -> ActionPointQuerySet:
        """What `meeting` must follow up: still open actions of the body's earlier meetings."""
        return self.earlier_than(meeting).open()

    def owned_by_user(self, user) -> ActionPointQuerySet:
        """Actions owned by the user's organisation or by the person linked to the login."""
        organization = roles.user_organization(user)
        condition = Q(owner_people__user=user) if user.is_authenticated else Q(pk__in=[])
        if organization is not None:
            condition |= Q(owner_organizations=organization)
        return self.filter(condition).distinct()


class ActionPoint(models.Model):
    """Something a meeting asked somebody to do, with an owner, a due date and a status."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    class Precision(models.TextChoices):
        DAY = due.DAY, "Day"
        MONTH = due.MONTH, "Month"
        QUARTER = due.QUARTER, "Quarter"
        HALF = due.HALF, "Half-year"
        YEAR = due.YEAR, "Year"
        NONE = due.NONE, "No date"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="action_points"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_points"
    )
    position = models.PositiveSmallIntegerField(default=0)
    reference = models.CharField(
        max_length=40, unique=True, help_text="Stable reference, e.g. EXCOM/2023/03/A1."
    )
    text = models.TextField()
    owner_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="owned_actions"
    )
    owner_people = models.ManyToManyField(Person, blank=True, related_name="owned_actions")
    owner_note = models.CharField(
        max_length=200, blank=True, help_text='Who, when no one is named: "the Network".'
    )
    due_date = models.DateField(null=True, blank=True, help_text="Last day of the due period.")
    due_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.NONE
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="closed_actions"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="action_points")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[owner_organizations, owner_people, topics])

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item__meeting", "agenda_item__position", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_precision="none", due_date__isnull=True)
                | (~Q(due_precision="none") & Q(due_date__isnull=False)),
                name="actionpoint_due_date_iff_precision",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "in_progress"], closed_at__isnull=True)
                | Q(status__in=["done", "dropped"], closed_at__isnull=False),
                name="actionpoint_closed_iff_closed_at",
            ),
        ]
        indexes = [
            # The tracker's default filters and the overdue list: status then due date.
            models.Index(fields=["status", "due_date"], name="actionpoint_status_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def due_display(self) -> str:
        return due.format_due(self.due_date, self.due_precision)

    def days_overdue(self, today: datetime.date | None = None) -> int:
        if not self.is_open:
            return 0
        return due.days_overdue(self.due_date, today or timezone.localdate())

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue() > 0

    @property
    def latest_update(self) -> ActionUpdate | None:
        """The newest log entry; only from `with_updates()`, so a list never queries per row."""
        updates = getattr(self, "updates_newest_first", None)
        if updates is None:
            raise AttributeError("latest_update needs ActionPoint.objects.with_updates()")
        return updates[0] if updates else None


class ActionUpdate(models.Model):
    """An entry in an action point's log: what was done, and any change of status or due date."""

    action = models.ForeignKey(ActionPoint, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_updates",
    )
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField()
    status_from = models.CharField(max_length=20, choices=ActionPoint.Status.choices, blank=True)
    status_to = models.CharField(max_length=20, choices=ActionPoint.Status.choices, blank=True)
    due_date_from = models.DateField(null=True, blank=True)
    due_date_to = models.DateField(null=True, blank=True)
    reviewed_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_reviews"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(status_to="") | ~Q(status_to=F("status_from")),
                name="actionupdate_status_change_is_a_change",
            ),
        ]
        indexes = [
            # "Latest progress entry" per action in the tracker.
            models.Index(fields=["action", "-created_at"], name="actionupdate_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"Update on {self.action.reference} at {self.created_at:%Y-%m-%d}"

    @property
    def outcome_label(self) -> str:
        """How a review reads in a summary: "Done", "Deferred to Q3 2024", "Progress noted"."""
        if self.status_to:
            return self.get_status_to_display()
        if self.due_date_to:
            action = self.action
            if action.due_date == self.due_date_to:
                return f"Deferred to {action.due_display}"
            return f"Deferred to {self.due_date_to:%d %B %Y}"
        return "Progress noted"

    @property
    def outcome_class(self) -> str:
        return self.status_to or ("deferred" if self.due_date_to else "noted")


class ReminderLog(models.Model):
    """One reminder digest sent to one address on one day, so a second run that day sends nothing."""

    email = models.EmailField()
    sent_on = models.DateField()
    action_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "email"]
        constraints = [
            models.UniqueConstraint(fields=["email", "sent_on"], name="reminderlog_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.email} on {self.sent_on}"


def _new_token() -> str:
    import secrets

    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a user's private calendar feed URL; regenerating it revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    def regenerate(self) -> None:
        self.token = _new_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])
