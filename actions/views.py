from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from actions.models import ActionPoint
from minutes.models import Meeting


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    actions = ActionPoint.objects.visible_to(request.user).with_related()
    return render(
        request,
        "actions/dashboard.html",
        {
            "next_meeting": meetings.filter(start__gte=now).order_by("start").first(),
            "recent_meetings": meetings.filter(start__lt=now).order_by("-start")[:5],
            "overdue_actions": actions.overdue().order_by("due_date")[:10],
        },
    )
