"""The user's notifications, and how they want them by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outbox import services
from outbox.forms import LanguageForm, PreferenceForm
from outbox.models import DeliveryPreference, Notification

NOTIFICATIONS_SHOWN = 100


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """Newest first; what was unread is marked new on this page and read from now on."""
    notifications = list(
        Notification.objects.for_user(request.user).order_by("-created_at", "-pk")[
            :NOTIFICATIONS_SHOWN
        ]
    )
    unread = [n.pk for n in notifications if n.read_at is None]
    if unread:
        services.notifications_mark_read(user=request.user, ids=unread)
    return render(
        request,
        "outbox/notification_list.html",
        {
            "notifications": notifications,
            "new_ids": set(unread),
            "shown": NOTIFICATIONS_SHOWN,
            # The navigation counts what is unread; on this page that is nothing any more.
            "unread_notifications": 0,
        },
    )


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    current = DeliveryPreference.objects.filter(user=request.user).values("delivery", "language")
    current = current.first() or {"delivery": DeliveryPreference.Delivery.IMMEDIATE, "language": ""}
    form = PreferenceForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        services.preference_set(user=request.user, delivery=form.cleaned_data["delivery"])
        language = form.cleaned_data["language"]
        services.language_set(user=request.user, language=language)
        _use_language(request, language)
        chosen = DeliveryPreference.Delivery(form.cleaned_data["delivery"])
        with translation.override(language or translation.get_language()):
            messages.success(
                request, _("Saved. You will get: %(choice)s.") % {"choice": chosen.label}
            )
        return redirect("outbox:preferences")
    return render(request, "outbox/preferences.html", {"form": form})


def _use_language(request: HttpRequest, language: str) -> None:
    """The session speaks `language` from the next request on (blank: the browser's)."""
    if language:
        request.session[services.SESSION_LANGUAGE_KEY] = language
    else:
        request.session.pop(services.SESSION_LANGUAGE_KEY, None)


@login_not_required
@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """The header's language switcher: for this browser, and for a signed-in user from now on
    (their e-mails included). Back to the page it was used on."""
    form = LanguageForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = redirect(back)
    if not form.is_valid():
        messages.error(request, _("Choose one of the languages offered."))
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.language_set(user=request.user, language=language)
    _use_language(request, language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response
