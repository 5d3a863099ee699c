"""Meetings and what their summaries hold: attendance, agenda, discussion, decisions, review."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from participants import roles
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
        return reverse("search:topic_detail", args=[self.slug])


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        """Secretariat sees everything; everyone else never sees a draft."""
        if roles.is_secretariat(user):
            return self
        return self.filter(status__in=Meeting.PUBLIC_STATUSES)

    def with_summary(self) -> MeetingQuerySet:
        """Everything the summary page shows, in a fixed number of queries."""
        from actions.models import ActionPoint

        return self.select_related("body").prefetch_related(
            "body__time_zones",
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related(
                    "person", "organization", "represented_by"
                ),
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("position").prefetch_related(
                    "topics",
                    "documents",
                    Prefetch("decisions", queryset=Decision.objects.prefetch_related("topics")),
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
        VIRTUAL = "virtual", "Virtual"
        IN_PERSON = "in_person", "In person"
        HYBRID = "hybrid", "Hybrid"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DRAFT = "draft", "Draft"
        CIRCULATED = "circulated", "Circulated for review"
        APPROVED = "approved", "Approved"

    class ApprovalMethod(models.TextChoices):
        EXPLICIT = "explicit", "Approved by the secretariat"
        SILENCE = "silence", "Approved by silence"

    # What principals may see: never a draft.
    PUBLIC_STATUSES = (Status.PLANNED, Status.CIRCULATED, Status.APPROVED)

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(
        max_length=300,
        help_text="As the summary heads it, e.g. Executive Committee Principals (Virtual) Meeting.",
    )
    level = models.CharField(max_length=100, blank=True, help_text="e.g. Principals.")
    modality = models.CharField(
        max_length=20, choices=Modality.choices, blank=True, help_text="Blank when not known."
    )
    location = models.CharField(max_length=200, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    has_times = models.BooleanField(
        default=True, help_text="Off when only the date of the meeting is known."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    opening_remarks = models.TextField(blank=True, help_text="Markdown.")
    review_deadline = models.DateTimeField(null=True, blank=True)
    circulated_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approval_method = models.CharField(max_length=20, choices=ApprovalMethod.choices, blank=True)
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
        ]
        indexes = [
            # The meeting list and carry-forward: a body's meetings by date.
            models.Index(fields=["body", "start"], name="meeting_body_start_idx"),
            # The deadline sweep: circulated meetings whose deadline has passed.
            models.Index(fields=["status", "review_deadline"], name="meeting_status_deadline_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.start:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("minutes:meeting_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The meeting cannot end before it starts."})

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class Attendance(models.Model):
    """A person at a meeting, with the organisation and title they had on that day."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        REPRESENTED = "represented", "Represented"

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="attendances"
    )
    title = models.CharField(max_length=300, blank=True)
    unit = models.CharField(
        max_length=300, blank=True, help_text="Division or office, e.g. Population Division."
    )
    role = models.CharField(
        max_length=100, blank=True, help_text="e.g. Network Coordinator, Chair."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRESENT)
    represented_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="representations"
    )
    representing = models.CharField(
        max_length=300, blank=True, help_text='On whose behalf, e.g. "the Director-General".'
    )
    mode = models.CharField(
        max_length=20,
        choices=Mode.choices,
        blank=True,
        help_text="How this person took part in a hybrid meeting.",
    )
    also_present = models.BooleanField(
        default=False, help_text='Listed under "Also present" rather than as a participant.'
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
        REGULAR = "regular", "Regular item"
        AOB = "aob", "Any other business"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    discussion = models.TextField(blank=True, help_text="Markdown.")
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
        ENDORSED = "endorsed", "Endorsed"
        AGREED = "agreed", "Agreed"
        WELCOMED = "welcomed", "Welcomed"
        NOTED = "noted", "Noted"
        REQUESTED = "requested", "Requested"
        OTHER = "other", "Other"

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.AGREED)
    text = models.TextField()
    reference = models.CharField(
        max_length=40, unique=True, help_text="Stable reference, e.g. EXCOM/2023/03/D1."
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="decisions")
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        ordering = ["agenda_item__meeting", "agenda_item__position", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("search:decision_detail", args=[self.pk])


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
        COMMENT = "comment", "Comment"
        OBJECTION = "objection", "Objection (breaks silence)"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

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
        CIRCULATED = "circulated", "Circulated for review"
        OBJECTED = "objected", "Silence broken by an objection"
        APPROVED = "approved", "Approved"
        REOPENED = "reopened", "Reopened for correction"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"
