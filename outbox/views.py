"""The user's notifications, and how they want them by e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from outbox import services
from outbox.forms import PreferenceForm
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
    current = (
        DeliveryPreference.objects.filter(user=request.user)
        .values_list("delivery", flat=True)
        .first()
    ) or DeliveryPreference.Delivery.IMMEDIATE
    form = PreferenceForm(request.POST or None, initial={"delivery": current})
    if request.method == "POST" and form.is_valid():
        services.preference_set(user=request.user, delivery=form.cleaned_data["delivery"])
        chosen = DeliveryPreference.Delivery(form.cleaned_data["delivery"])
        messages.success(
            request, f"Saved. You will get {chosen.label[0].lower()}{chosen.label[1:]}."
        )
        return redirect("outbox:preferences")
    return render(request, "outbox/preferences.html", {"form": form})
