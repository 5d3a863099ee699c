"""Outgoing mail and in-app notifications, knowing nothing of what they are about.

Messages are rows written in the same transaction as the change they announce, and sent after
it commits: a mail server that is down delays a message, it never loses one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now) -> OutboxMessageQuerySet:
        return self.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)


class OutboxMessage(models.Model):
    """One e-mail to one address, waiting to be sent, sent, or given up on."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Given up after repeated failures")

    recipient = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outboxmessage_sent_has_date",
            ),
        ]
        indexes = [
            # The drain: pending messages whose next attempt is due, oldest first.
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.recipient} ({self.get_status_display().lower()})"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> NotificationQuerySet:
        return self.filter(user=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def awaiting_digest(self) -> NotificationQuerySet:
        return self.filter(digest_pending=True)


class Notification(models.Model):
    """What a user is told in the app; the e-mail, immediate or in a digest, says the same."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True, help_text=_("A path inside the site."))
    # Where the e-mail goes (empty: in the app only); the digest uses the latest.
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # True while the user takes a daily digest and this has not gone out in one yet.
    digest_pending = models.BooleanField(default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The notifications page and the unread count in the navigation.
            models.Index(fields=["user", "read_at"], name="notification_user_read_idx"),
            # The digest run: notifications still waiting for their digest.
            models.Index(
                fields=["user", "created_at"],
                condition=Q(digest_pending=True),
                name="notification_digest_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.user})"

    def get_absolute_url(self) -> str:
        return self.link or reverse("outbox:notification_list")


class DeliveryPreference(models.Model):
    """How a user wants to be told things: their notifications by e-mail (without a row,
    immediately) and the language of the interface and of their e-mails (blank: the
    browser's)."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("An e-mail for each notification, as it happens")
        DAILY = "daily", _("One e-mail a day with everything since the last one")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_preference"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"


class OnceKey(models.Model):
    """A key recorded once: what must happen once only (a reminder) claims its key first."""

    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key
