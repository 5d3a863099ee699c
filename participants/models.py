"""Who takes part: organisations, people, their titles over time, and committees."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib.dates import validate_in_window, window_condition
from participants import zones


class OrganizationQuerySet(models.QuerySet):
    def members_of(self, body: Body, on: datetime.date | None = None) -> OrganizationQuerySet:
        on = on or zones.today(body)
        return self.filter(
            Q(memberships__body=body),
            Q(memberships__start__isnull=True) | Q(memberships__start__lte=on),
            Q(memberships__end__isnull=True) | Q(memberships__end__gte=on),
        ).distinct()


class Organization(models.Model):
    """An entity taking part in meetings: a UN entity, a member state, a division inside one."""

    class Kind(models.TextChoices):
        UN_ENTITY = "un_entity", _("UN entity")
        REGIONAL_COMMISSION = "regional_commission", _("Regional commission")
        MEMBER_STATE = "member_state", _("Member state")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.UN_ENTITY)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="divisions"
    )
    history = HistoricalRecords()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["acronym", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="organization_unique_name"),
            models.UniqueConstraint(
                fields=["acronym"], condition=~Q(acronym=""), name="organization_unique_acronym"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="organization_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:organization_detail", args=[self.pk])

    def clean(self) -> None:
        # The check constraint names the primary key, which model forms leave out of their
        # constraint validation: without this the admin would answer 500.
        if self.pk is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})

    @property
    def label(self) -> str:
        """The name a summary prints: the acronym where there is one."""
        return self.acronym or self.name


class PersonQuerySet(models.QuerySet):
    def with_current_position(self) -> PersonQuerySet:
        return self.prefetch_related(
            models.Prefetch(
                "positions",
                queryset=Position.objects.current().select_related("organization"),
                to_attr="current_positions",
            )
        )


class Person(models.Model):
    """Somebody who attends meetings or owns action points; may have a login."""

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("people")
        indexes = [
            # The attendance picker and the importer look people up by name.
            models.Index(fields=["name"], name="person_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:person_detail", args=[self.pk])

    def position_on(self, day: datetime.date) -> Position | None:
        return self.positions.on(day).select_related("organization").first()


class PositionQuerySet(models.QuerySet):
    def on(self, day: datetime.date) -> PositionQuerySet:
        return self.filter(
            Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day)
        ).order_by("-start")

    def current(self) -> PositionQuerySet:
        return self.on(zones.today())


class Position(models.Model):
    """A person's title at an organisation over a span of time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(max_length=300)
    is_principal = models.BooleanField(
        default=False, help_text=_("Heads the organisation's delegation to the committee.")
    )
    start = models.DateField(null=True, blank=True, validators=[validate_in_window])
    end = models.DateField(null=True, blank=True, validators=[validate_in_window])
    history = HistoricalRecords()

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["person__name", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=F("start")),
                name="position_ends_after_start",
            ),
            *(
                models.CheckConstraint(
                    condition=window_condition(field, instant=False),
                    name=f"position_{field}_in_window",
                )
                for field in ("start", "end")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.title}, {self.organization}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A position cannot end before it starts.")})


class Body(models.Model):
    """A committee or working group that meets: e.g. the Executive Committee."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=20, unique=True, help_text=_("Prefix of decision references, e.g. EXCOM.")
    )
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    open_to_all_principals = models.BooleanField(
        default=False,
        help_text=_(
            "Principals of every organisation read its circulated and approved summaries, "
            "not only those of its member organisations."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("minutes:meeting_list") + f"?body={self.pk}"


class BodyTimeZone(models.Model):
    """A time zone a body's summaries show times in; the first is the one times are entered in."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="time_zones")
    position = models.PositiveSmallIntegerField(default=0)
    zone = models.CharField(max_length=64, help_text=_("IANA name, e.g. America/New_York."))
    label = models.CharField(max_length=40, help_text=_('Shown after times, e.g. "NY time".'))

    class Meta:
        ordering = ["body", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "position"], name="bodytimezone_unique_position"
            ),
            models.UniqueConstraint(fields=["body", "zone"], name="bodytimezone_unique_zone"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.zone})"

    def clean(self) -> None:
        try:
            zoneinfo.ZoneInfo(self.zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"zone": f"Unknown time zone {self.zone!r}."}) from None

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.zone)


class BodyMembership(models.Model):
    """An organisation's seat on a body over a span of time; rotating seats come and go."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    start = models.DateField(null=True, blank=True, validators=[validate_in_window])
    end = models.DateField(null=True, blank=True, validators=[validate_in_window])
    is_rotating = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "organization__acronym"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=F("start")),
                name="bodymembership_ends_after_start",
            ),
            *(
                models.CheckConstraint(
                    condition=window_condition(field, instant=False),
                    name=f"bodymembership_{field}_in_window",
                )
                for field in ("start", "end")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} on {self.body}"


class PasswordResetRequest(models.Model):
    """A password-reset e-mail asked for: counted to rate-limit requests per address and e-mail."""

    address = models.GenericIPAddressField(null=True, blank=True)
    # A digest, not the e-mail typed: the table says how often, never who.
    email_digest = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        indexes = [
            # Requests from one address in the last hour.
            models.Index(fields=["address", "at"], name="pwreset_address_at_idx"),
            # Requests for one e-mail in the last hour.
            models.Index(fields=["email_digest", "at"], name="pwreset_email_at_idx"),
        ]

    def __str__(self) -> str:
        return f"Password reset from {self.address} at {self.at:%Y-%m-%d %H:%M}"
