"""Login throttling that stops attackers without locking principals out.

Two limits, both counted in the database (so every app server sees the same numbers):
- a username from one address: `AXES_FAILURE_LIMIT` failures lock that pair only, so an
  attacker elsewhere cannot lock the principal out;
- one address across all usernames: `LOGIN_ADDRESS_FAILURE_LIMIT` failures lock the address,
  so trying a few passwords on many usernames is throttled too.
Both last `AXES_COOLOFF_TIME`. Password-reset requests are limited per address and per e-mail.
"""

from __future__ import annotations

import datetime
import hashlib

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from config.client_ip import client_ip


def address_failures(address: str, *, now: datetime.datetime | None = None) -> int:
    """Failed logins from `address` for any username within the cool-off period."""
    since = (now or timezone.now()) - get_cool_off()
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


# Axes keeps the username typed at a failed login in a column of this width.
USERNAME_KEPT = 255


def client_username(request, credentials: dict | None = None) -> str:
    """The username a login attempt is counted under, cut to what the attempt log can hold:
    a name of any length typed into the login form is a failed login, never a server error."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = request.POST.get("username")
    return (name or "")[:USERNAME_KEPT]


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, plus the limit per address across usernames."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        pair = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if pair >= limit:
            return pair
        address = getattr(request, "axes_ip_address", None) or client_ip(request)
        if address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return limit
        return pair


def email_digest(email: str) -> str:
    """Reset requests are counted per address without keeping the address typed."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def password_reset_allowed(*, address: str, email: str) -> tuple[bool, bool]:
    """Record a reset request; return (answer it, send the e-mail).

    Over the limit per address the request is refused outright. Over the limit per e-mail it is
    answered like any other but no e-mail goes out, so the answer never tells whether the
    account exists nor lets anyone fill a principal's inbox.
    """
    from participants.models import PasswordResetRequest

    now = timezone.now()
    window = now - datetime.timedelta(seconds=settings.PASSWORD_RESET_WINDOW_SECONDS)
    PasswordResetRequest.objects.filter(at__lt=now - datetime.timedelta(days=1)).delete()
    recent = PasswordResetRequest.objects.filter(at__gte=window)
    address = address or None
    if recent.filter(address=address).count() >= settings.PASSWORD_RESET_ADDRESS_LIMIT:
        return False, False
    digest = email_digest(email)
    sent_before = recent.filter(email_digest=digest).count()
    PasswordResetRequest.objects.create(address=address, email_digest=digest, at=now)
    return True, sent_before < settings.PASSWORD_RESET_EMAIL_LIMIT
