"""Follow-up bookkeeping: reminders sent and private calendar feed tokens."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


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
