"""The meeting record: meetings, attendance, agenda, discussion, decisions, action points and
their log, linked documents and the review of the summary."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib import due
from lib.dates import validate_in_window, window_condition
from lib.timefmt import format_date
from participants import roles, zones
from participants.models import Body, Organization, Person


class Topic(models.Model):
    """A cross-cutting theme (GCM, Regional Reviews, SDG Summit) linking outcomes across meetings."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("minutes:topic_detail", args=[self.slug])


class MeetingQuerySet(models.QuerySet):
    def in_effective_status(
        self, status: str, now: datetime.datetime | None = None
    ) -> MeetingQuerySet:
        """Meetings whose effective status is `status` (see `Meeting.effective_status`)."""
        now = now or timezone.now()
        silent = Q(status=Meeting.Status.CIRCULATED, review_deadline__lte=now)
        if status == Meeting.Status.APPROVED:
            return self.filter(Q(status=status) | silent)
        if status == Meeting.Status.CIRCULATED:
            return self.filter(status=status).exclude(silent)
        return self.filter(status=status)

    def same_day(self, body: Body, day: datetime.date) -> MeetingQuerySet:
        """The body's meetings on `day` in its first time zone: a new one there may be a duplicate.

        The editor and the importer both ask this before saving a meeting.
        """
        tz = zones.entry_zone(body)[0]
        start = datetime.datetime.combine(day, datetime.time(0), tzinfo=tz)
        end = datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time(0), tzinfo=tz
        )
        return self.filter(body=body, start__gte=start, start__lt=end)

    def with_summary(self) -> MeetingQuerySet:
        """Everything the summary shows (`minutes.document`), in a fixed number of queries."""
        return self.select_related("body").prefetch_related(*summary_prefetch())


def summary_prefetch() -> tuple:
    """What the summary reads of a meeting: for a queryset (`with_summary`) or for a meeting
    already fetched (`prefetch_related_objects`)."""
    return (
        "body__time_zones",
        Prefetch(
            "attendances",
            queryset=Attendance.objects.select_related("person", "organization", "represented_by"),
        ),
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.order_by("position").prefetch_related(
                "documents",
                "decisions",
                Prefetch(
                    "action_points",
                    queryset=ActionPoint.objects.prefetch_related(
                        "owner_organizations", "owner_people"
                    ),
                ),
            ),
        ),
        Prefetch(
            "documents",
            queryset=Document.objects.filter(agenda_item__isnull=True),
            to_attr="meeting_documents",
        ),
    )


class Meeting(models.Model):
    """One meeting of a body and its summary."""

    class Modality(models.TextChoices):
        VIRTUAL = "virtual", _("Virtual")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated for review")
        APPROVED = "approved", _("Approved")

    # A summary whose content principals cannot read yet.
    UNRELEASED_STATUSES = (Status.PLANNED, Status.DRAFT)

    class ApprovalMethod(models.TextChoices):
        EXPLICIT = "explicit", _("Approved by the secretariat")
        SILENCE = "silence", _("Approved by silence")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(
        max_length=300,
        help_text=_(
            "As the summary heads it, e.g. Executive Committee Principals (Virtual) Meeting."
        ),
    )
    level = models.CharField(max_length=100, blank=True, help_text=_("e.g. Principals."))
    modality = models.CharField(
        max_length=20, choices=Modality.choices, blank=True, help_text=_("Blank when not known.")
    )
    location = models.CharField(max_length=200, blank=True)
    start = models.DateTimeField(validators=[validate_in_window])
    end = models.DateTimeField(null=True, blank=True, validators=[validate_in_window])
    has_times = models.BooleanField(
        default=True, help_text=_("Off when only the date of the meeting is known.")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    opening_remarks = models.TextField(blank=True, help_text=_("Markdown."))
    review_deadline = models.DateTimeField(null=True, blank=True, validators=[validate_in_window])
    circulated_at = models.DateTimeField(null=True, blank=True, validators=[validate_in_window])
    approved_at = models.DateTimeField(null=True, blank=True, validators=[validate_in_window])
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approval_method = models.CharField(max_length=20, choices=ApprovalMethod.choices, blank=True)
    # The language the summary is written in: its exports use that language's fixed text and
    # the search stems it with that language's configuration.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    # Bumped on every save through a form, so a stale edit can be refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="circulated") | Q(review_deadline__isnull=False),
                name="meeting_circulated_has_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="meeting_approved_has_date",
            ),
            *(
                models.CheckConstraint(
                    condition=window_condition(field, instant=True),
                    name=f"meeting_{field}_in_window",
                )
                for field in ("start", "end", "review_deadline", "circulated_at", "approved_at")
            ),
        ]
        indexes = [
            # The meeting list and carry-forward: a body's meetings by date.
            models.Index(fields=["body", "start"], name="meeting_body_start_idx"),
            # Every list newest first across bodies (meetings, decisions, the tracker): read in
            # date order and stopped after a page, instead of sorting the whole archive.
            models.Index(fields=["-start", "id"], name="meeting_start_idx"),
            # The deadline sweep: circulated meetings whose deadline has passed.
            models.Index(fields=["status", "review_deadline"], name="meeting_status_deadline_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.start:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("minutes:meeting_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The meeting cannot end before it starts.")})

    # The silence procedure takes effect at the deadline; the scheduled command
    # `apply_review_deadlines` records it later. Until then every page reads the effective
    # state from these properties, so no request has to write to show the truth.

    @property
    def silence_took_effect(self) -> bool:
        """Circulated, and the deadline passed with no objection: approved by silence."""
        return (
            self.status == self.Status.CIRCULATED
            and self.review_deadline is not None
            and self.review_deadline <= timezone.now()
        )

    @property
    def effective_status(self) -> str:
        return self.Status.APPROVED if self.silence_took_effect else self.status

    def get_effective_status_display(self) -> str:
        return self.Status(self.effective_status).label

    @property
    def effective_approved_at(self) -> datetime.datetime | None:
        return self.review_deadline if self.silence_took_effect else self.approved_at

    def get_effective_approval_method_display(self) -> str:
        if self.silence_took_effect:
            return self.ApprovalMethod.SILENCE.label
        return self.get_approval_method_display()

    @property
    def is_locked(self) -> bool:
        return self.effective_status == self.Status.APPROVED


class Attendance(models.Model):
    """A person at a meeting, with the organisation and title they had on that day."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Apologies")
        REPRESENTED = "represented", _("Represented")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="attendances"
    )
    title = models.CharField(max_length=300, blank=True)
    unit = models.CharField(
        max_length=300, blank=True, help_text=_("Division or office, e.g. Population Division.")
    )
    role = models.CharField(
        max_length=100, blank=True, help_text=_("e.g. Network Coordinator, Chair.")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRESENT)
    represented_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="representations"
    )
    representing = models.CharField(
        max_length=300, blank=True, help_text=_('On whose behalf, e.g. "the Director-General".')
    )
    mode = models.CharField(
        max_length=20,
        choices=Mode.choices,
        blank=True,
        help_text=_("How this person took part in a hybrid meeting."),
    )
    also_present = models.BooleanField(
        default=False, help_text=_('Listed under "Also present" rather than as a participant.')
    )
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person"),
            models.CheckConstraint(
                condition=Q(status="represented", represented_by__isnull=False)
                | (~Q(status="represented") & Q(represented_by__isnull=True)),
                name="attendance_represented_by_iff_represented",
            ),
            models.CheckConstraint(
                condition=Q(represented_by__isnull=True) | ~Q(represented_by=F("person")),
                name="attendance_not_represented_by_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"


class AgendaItem(models.Model):
    """An item on a meeting's agenda with its discussion."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular item")
        AOB = "aob", _("Any other business")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    discussion = models.TextField(blank=True, help_text=_("Markdown."))
    topics = models.ManyToManyField(Topic, blank=True, related_name="agenda_items")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agendaitem_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#item-{self.pk}"


class Decision(models.Model):
    """What the meeting endorsed, agreed, welcomed, noted or requested under an item."""

    class Kind(models.TextChoices):
        ENDORSED = "endorsed", _("Endorsed")
        AGREED = "agreed", _("Agreed")
        WELCOMED = "welcomed", _("Welcomed")
        NOTED = "noted", _("Noted")
        REQUESTED = "requested", _("Requested")
        OTHER = "other", _("Other")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.AGREED)
    text = models.TextField()
    reference = models.CharField(
        max_length=40, unique=True, help_text=_("Stable reference, e.g. EXCOM/2023/03/D1.")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="decisions")
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        ordering = ["agenda_item__meeting", "agenda_item__position", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("minutes:decision_detail", args=[self.pk])


class Document(models.Model):
    """A linked document on a meeting or one of its agenda items: a URL or an uploaded file."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=1000, blank=True)
    file = models.FileField(upload_to="documents/%Y/%m/", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(url="") & Q(file="")) | (Q(url="") & ~Q(file="")),
                name="document_url_xor_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.url:
            return self.url
        return reverse("minutes:document_download", args=[self.pk])


class ReviewComment(models.Model):
    """A principal's comment on a circulated summary, on the whole or on one item."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        OBJECTION = "objection", _("Objection (breaks silence)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="review_comments")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="review_comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_comments"
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_comments",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    reply = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", resolved_at__isnull=True)
                | Q(status="resolved", resolved_at__isnull=False),
                name="reviewcomment_resolved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author} on {self.meeting}"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#comment-{self.pk}"


class SummaryEvent(models.Model):
    """A step of the review workflow: circulated, objected, approved, reopened for correction."""

    class Kind(models.TextChoices):
        CIRCULATED = "circulated", _("Circulated for review")
        OBJECTED = "objected", _("Silence broken by an objection")
        APPROVED = "approved", _("Approved")
        REOPENED = "reopened", _("Reopened for correction")
        WITHDRAWN = "withdrawn", _("Taken back to draft to be edited")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(validators=[validate_in_window])
    note = models.TextField(blank=True)
    # On a circulation: the text sent, so a later circulation can show what changed.
    snapshot = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=window_condition("at", instant=True), name="summaryevent_at_in_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class ActionPointQuerySet(models.QuerySet):
    def open(self) -> ActionPointQuerySet:
        return self.filter(status__in=ActionPoint.OPEN_STATUSES)

    def closed(self) -> ActionPointQuerySet:
        return self.exclude(status__in=ActionPoint.OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> ActionPointQuerySet:
        today = today or zones.today()
        return self.open().filter(due_date__lt=today)

    def due_within(self, days: int, today: datetime.date | None = None) -> ActionPointQuerySet:
        today = today or zones.today()
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
        """What a list row shows: source meeting and item, owners, the body's zones for dates."""
        return self.select_related("agenda_item__meeting__body").prefetch_related(
            "owner_organizations", "owner_people", "agenda_item__meeting__body__time_zones"
        )

    def with_updates(self, updates: models.QuerySet | None = None) -> ActionPointQuerySet:
        """Each action's log, newest first, in one query (read through `latest_update`).

        `updates` narrows the log to the entries the reader may see (minutes.access.updates_for).
        """
        updates = ActionUpdate.objects.all() if updates is None else updates
        return self.prefetch_related(
            models.Prefetch(
                "updates",
                queryset=updates.select_related("author").order_by("-created_at", "-pk"),
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
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    class Precision(models.TextChoices):
        DAY = due.DAY, _("Day")
        MONTH = due.MONTH, _("Month")
        QUARTER = due.QUARTER, _("Quarter")
        HALF = due.HALF, _("Half-year")
        YEAR = due.YEAR, _("Year")
        NONE = due.NONE, _("No date")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="action_points"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_points"
    )
    position = models.PositiveSmallIntegerField(default=0)
    reference = models.CharField(
        max_length=40, unique=True, help_text=_("Stable reference, e.g. EXCOM/2023/03/A1.")
    )
    text = models.TextField()
    owner_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="owned_actions"
    )
    owner_people = models.ManyToManyField(Person, blank=True, related_name="owned_actions")
    owner_note = models.CharField(
        max_length=200, blank=True, help_text=_('Who, when no one is named: "the Network".')
    )
    due_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("Last day of the due period."),
        validators=[validate_in_window],
    )
    due_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.NONE
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True, validators=[validate_in_window])
    closed_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="closed_actions"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="action_points")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        m2m_fields=[owner_organizations, owner_people, topics],
        table_name="actions_historicalactionpoint",
    )

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        db_table = "actions_actionpoint"
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
            models.CheckConstraint(
                condition=window_condition("due_date", instant=False),
                name="actionpoint_due_date_in_window",
            ),
            models.CheckConstraint(
                condition=window_condition("closed_at", instant=True),
                name="actionpoint_closed_at_in_window",
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
        return due.days_overdue(self.due_date, today or zones.today())

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


class ActionUpdateQuerySet(models.QuerySet):
    def pending(self) -> ActionUpdateQuerySet:
        """Reviews whose change waits for their meeting's summary to be circulated."""
        return self.filter(
            applied_at__isnull=True, reviewed_at_meeting__status__in=Meeting.UNRELEASED_STATUSES
        )


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
    created_at = models.DateTimeField(default=timezone.now, validators=[validate_in_window])
    text = models.TextField()
    status_from = models.CharField(max_length=20, choices=ActionPoint.Status.choices, blank=True)
    status_to = models.CharField(max_length=20, choices=ActionPoint.Status.choices, blank=True)
    due_date_from = models.DateField(null=True, blank=True, validators=[validate_in_window])
    due_date_to = models.DateField(null=True, blank=True, validators=[validate_in_window])
    # The precision of `due_date_to`, so that a pending deferral is applied as it was recorded.
    due_precision_to = models.CharField(
        max_length=10, choices=ActionPoint.Precision.choices, blank=True
    )
    reviewed_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_reviews"
    )
    # When the entry's change reached the action: at once, or for a review at a meeting whose
    # summary is not circulated yet, at the circulation. Empty while pending, and for a pending
    # change that no longer applied when the summary was circulated.
    applied_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(table_name="actions_historicalactionupdate")

    objects = ActionUpdateQuerySet.as_manager()

    class Meta:
        db_table = "actions_actionupdate"
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(status_to="") | ~Q(status_to=F("status_from")),
                name="actionupdate_status_change_is_a_change",
            ),
            models.CheckConstraint(
                condition=window_condition("created_at", instant=True),
                name="actionupdate_created_at_in_window",
            ),
            *(
                models.CheckConstraint(
                    condition=window_condition(field, instant=False),
                    name=f"actionupdate_{field}_in_window",
                )
                for field in ("due_date_from", "due_date_to")
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
        if self.due_precision_to:
            shown = due.format_due(self.due_date_to, self.due_precision_to)
            return _("Deferred to %(due)s") % {"due": shown}
        if self.due_date_to:
            action = self.action
            if action.due_date == self.due_date_to:
                return _("Deferred to %(due)s") % {"due": action.due_display}
            return _("Deferred to %(due)s") % {"due": format_date(self.due_date_to)}
        return str(_("Progress noted"))

    @property
    def is_pending(self) -> bool:
        """Reviewed at a meeting not yet circulated: the action does not show the change yet.

        Reads `reviewed_at_meeting`; select it with the entry.
        """
        return (
            self.applied_at is None
            and self.reviewed_at_meeting_id is not None
            and self.reviewed_at_meeting.status in Meeting.UNRELEASED_STATUSES
        )

    @property
    def outcome_class(self) -> str:
        return self.status_to or ("deferred" if self.due_date_to else "noted")


# How the link to a summary in another language reads: in that language, whatever the page's.
READ_IN = {"en": "Read in English", "fr": "Lire en français", "es": "Leer en español"}


class SummaryTranslation(models.Model):
    """The meeting's summary written in a second language, as Markdown.

    The record (attendance, decisions, action points) stays single: a translation is text only,
    so nothing is counted twice. Readable exactly when the meeting's content is
    (minutes.access.can_read_content); written through minutes.services.translations.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("Language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("Translated summary"), help_text=_("Markdown."))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "language"], name="summary_translation_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse("minutes:translation_detail", args=[self.meeting_id, self.language])

    @property
    def read_in(self) -> str:
        return READ_IN.get(self.language, self.get_language_display())
