from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from outbox.models import Notification


def unread_notifications(request: HttpRequest) -> dict:
    """The unread count in the navigation: one COUNT, only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.for_user(user).unread().count()
        )
    }
