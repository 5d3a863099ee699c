from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from outbox.services import unread_count


def unread_notifications(request: HttpRequest) -> dict:
    """The unread count in the navigation, only on pages that show it (kept between pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
