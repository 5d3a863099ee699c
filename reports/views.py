"""Reports over the whole record: the dashboard, and people and organisations with where they
sat and what they owe."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from minutes import access
from minutes.models import ActionPoint, Attendance, Meeting, ReviewComment
from participants import roles, zones
from participants.models import Organization, Position
from reports import charts


def _visible_attendances(user):
    """Attendance at meetings whose record this user may read (minutes.access)."""
    return access.attendances_for(user).select_related("meeting__body", "person", "organization")


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    visible = access.actions_for(request.user).open().values("pk")
    organizations = (
        access.organizations_for(request.user)
        .select_related("parent")
        .annotate(
            open_actions=Count("owned_actions", filter=Q(owned_actions__in=visible), distinct=True)
        )
    )
    return render(request, "reports/organization_list.html", {"organizations": organizations})


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(
        access.organizations_for(
            request.user, Organization.objects.select_related("parent")
        ).prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.filter(person__in=access.people_for(request.user))
                .select_related("person")
                .order_by("-is_principal", "-start", "person__name"),
                to_attr="all_positions",
            )
        ),
        pk=pk,
    )
    today = zones.today()
    owed = list(
        access.actions_for(request.user)
        .filter(owner_organizations=organization)
        .with_related()
        .with_updates(access.updates_for(request.user))
        .order_by("due_date", "agenda_item__meeting__start", "pk")
    )
    open_actions = [a for a in owed if a.is_open]
    # Oldest overdue first, then the rest by due date, undated last: what to chase first.
    open_actions.sort(
        key=lambda a: (not a.days_overdue(today), a.due_date is None, a.due_date or today)
    )
    groups = [
        (label, [a for a in open_actions if a.status == status])
        for status, label in ActionPoint.Status.choices
        if status in ActionPoint.OPEN_STATUSES
    ]
    closed = [a for a in owed if not a.is_open]
    closed.sort(key=lambda a: a.closed_at, reverse=True)
    attendances = list(
        _visible_attendances(request.user)
        .filter(organization=organization)
        .order_by("-meeting__start", "position")
    )
    meetings_held = (
        access.meetings_with_content_for(request.user)
        .exclude(status=Meeting.Status.PLANNED)
        .filter(start__lte=timezone.now())
        .count()
    )
    attended = {a.meeting_id for a in attendances if a.status != Attendance.Status.APOLOGIES}
    return render(
        request,
        "reports/organization_detail.html",
        {
            "organization": organization,
            "groups": groups,
            "open_count": len(open_actions),
            "overdue_count": sum(1 for a in open_actions if a.days_overdue(today)),
            "closed": closed,
            "attendances": attendances,
            "meetings_held": meetings_held,
            "meetings_attended": len(attended),
            "positions": organization.all_positions,
            "today": today,
        },
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    people = access.people_for(request.user).with_current_position().order_by("name")
    return render(request, "reports/person_list.html", {"people": people})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        access.people_for(request.user).prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("organization").order_by("-start"),
                to_attr="all_positions",
            )
        ),
        pk=pk,
    )
    actions = list(
        access.actions_for(request.user)
        .filter(owner_people=person)
        .with_related()
        .order_by("-agenda_item__meeting__start", "pk")
    )
    attendances = list(
        _visible_attendances(request.user).filter(person=person).order_by("-meeting__start")
    )
    return render(
        request,
        "reports/person_detail.html",
        {
            "person": person,
            "positions": person.all_positions,
            "actions": actions,
            "attendances": attendances,
            "today": zones.today(),
        },
    )


DASHBOARD_OWED_ROWS = 25
DASHBOARD_REVIEW_ROWS = 20


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    now, today = timezone.now(), zones.today()
    meetings = access.meetings_for(user).select_related("body").prefetch_related("body__time_zones")
    actions = access.actions_for(user)
    is_secretariat = roles.is_secretariat(user)
    organization = roles.user_organization(user)
    context: dict = {
        "today": today,
        "now": now,
        "next_meeting": meetings.filter(start__gte=now).order_by("start").first(),
        "awaiting_review": list(
            meetings.in_effective_status(Meeting.Status.CIRCULATED, now).order_by("review_deadline")
        ),
        "organization": organization,
        "bar_chart": charts.open_actions_by_organization(actions),
        "line_chart": charts.opened_closed_by_quarter(actions, today=today),
    }
    if is_secretariat:
        overdue = actions.overdue(today).with_related().order_by("due_date", "pk")
        context.update(
            {
                # What waits for the secretariat's answer: objections first, then comments,
                # oldest first within each.
                "open_review_comments": list(
                    ReviewComment.objects.filter(status=ReviewComment.Status.OPEN)
                    .select_related("meeting", "agenda_item", "author__person", "organization")
                    .annotate(is_objection=Q(kind=ReviewComment.Kind.OBJECTION))
                    .order_by("-is_objection", "created_at", "pk")[:DASHBOARD_REVIEW_ROWS]
                ),
                "overdue_actions": list(overdue[:15]),
                "overdue_count": overdue.count(),
                "due_soon": list(
                    actions.due_within(30, today).with_related().order_by("due_date", "pk")[:15]
                ),
                "recent_decisions": list(
                    access.decisions_for(user)
                    .select_related("agenda_item__meeting__body")
                    .prefetch_related("agenda_item__meeting__body__time_zones")
                    .order_by("-agenda_item__meeting__start", "position")[:8]
                ),
            }
        )
    else:
        # Overdue first (oldest due first), then the rest by due date, undated last: all of it
        # is ascending due date with nulls last. The dashboard shows the most urgent; the
        # organisation page has the rest.
        owed = (
            actions.open()
            .owned_by_user(user)
            .order_by(F("due_date").asc(nulls_last=True), "-agenda_item__meeting__start", "pk")
        )
        context["owed_count"] = owed.count()
        context["owed"] = list(
            owed.with_related().with_updates(access.updates_for(user))[:DASHBOARD_OWED_ROWS]
        )
    return render(request, "reports/dashboard.html", context)
