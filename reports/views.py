"""Reports over the whole record: the dashboard, and people and organisations with where they
sat and what they owe."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from lib import readcache
from minutes import access
from minutes.models import ActionPoint, Attendance, Meeting, ReviewComment
from participants import roles, zones
from participants.models import Organization, Person, Position
from reports import charts


def _visible_attendances(user):
    """Attendance at meetings whose record this user may read (minutes.access)."""
    return access.attendances_for(user).select_related("meeting__body", "person", "organization")


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    visible = access.actions_for(request.user).open()

    def open_counts() -> dict[int, int]:
        owners = ActionPoint.owner_organizations.through.objects.filter(
            actionpoint__in=visible.values("pk")
        )
        return dict(
            owners.values("organization")
            .annotate(n=Count("actionpoint", distinct=True))
            .values_list("organization", "n")
        )

    def organizations() -> list[Organization]:
        counts = readcache.cached("open-by-organization", visible, open_counts)
        listed = list(access.organizations_for(request.user).select_related("parent"))
        for organization in listed:
            organization.open_actions = counts.get(organization.pk, 0)
        return listed

    # Read only when the template renders the table: a cached rendering needs none of it.
    return render(
        request,
        "reports/organization_list.html",
        {"organizations": SimpleLazyObject(organizations)},
    )


ROWS_PER_SECTION = 25


PEOPLE_PER_PAGE = 100


def _section_page(
    request: HttpRequest, rows: Callable[[], QuerySet], param: str, size: int = ROWS_PER_SECTION
):
    """One page of a section of a long page, its number in the query string under `param`, so
    each section of the page turns on its own and the others keep their place.

    `rows()` (an ordered queryset) is built, counted and read only when the template renders
    the section: a cached rendering (keyed by the page's whole query string) needs none of it."""

    def build():
        page = readcache.CachedCountPaginator(rows(), size).get_page(request.GET.get(param))
        query = request.GET.copy()
        query.pop(param, None)
        page.param = param
        page.query = query.urlencode()
        return page

    return SimpleLazyObject(build)


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    organization = access.listed_or_404(
        user,
        Organization.objects.select_related("parent"),
        pk,
        access.organizations_for,
    )
    today = zones.today()

    def owed():
        return access.actions_for(user).filter(owner_organizations=organization)

    # The figures and the rows shown are kept per reader and day until a record changes; the
    # sections are rendered once and then read from the cache (the template's
    # `cachedfragment`): a page served from the cache builds no query for them.
    tally = readcache.kept(
        "organization-tally",
        access.reader_parts(user, organization.pk),
        lambda: owed().aggregate(
            **{
                status: Count("pk", filter=Q(status=status)) for status in ActionPoint.OPEN_STATUSES
            },
            overdue=Count("pk", filter=Q(status__in=ActionPoint.OPEN_STATUSES, due_date__lt=today)),
            closed=Count("pk", filter=~Q(status__in=ActionPoint.OPEN_STATUSES)),
        ),
    )
    # Each open status: the most urgent first (oldest overdue, then by due date, undated last);
    # the tracker has them all. Closed ones: the most recently closed.
    urgent = [F("due_date").asc(nulls_last=True), "agenda_item__meeting__start", "pk"]

    def most_urgent() -> dict[str, list[int]]:
        shown = {
            status: list(
                owed()
                .filter(status=status)
                .order_by(*urgent)
                .values_list("pk", flat=True)[:ROWS_PER_SECTION]
            )
            for status in ActionPoint.OPEN_STATUSES
        }
        shown["closed"] = list(
            owed()
            .closed()
            .order_by("-closed_at", "-pk")
            .values_list("pk", flat=True)[:ROWS_PER_SECTION]
        )
        return shown

    def rows() -> dict[str, list[ActionPoint]]:
        shown = readcache.kept(
            "organization-shown", access.reader_parts(user, organization.pk), most_urgent
        )
        found = {
            a.pk: a
            for a in ActionPoint.objects.filter(pk__in=[pk for pks in shown.values() for pk in pks])
            .with_related()
            .with_updates(access.updates_for(user))
        }
        return {key: [found[pk] for pk in pks] for key, pks in shown.items()}

    shown_rows = SimpleLazyObject(rows)
    groups = SimpleLazyObject(
        lambda: [
            (status, label, shown_rows[status], tally[status])
            for status, label in ActionPoint.Status.choices
            if status in ActionPoint.OPEN_STATUSES
        ]
    )

    def attendances():
        return _visible_attendances(user).filter(organization=organization)

    attendance_page = _section_page(
        request,
        lambda: attendances().order_by("-meeting__start", "position", "pk"),
        "attendance",
    )

    # Numbers as callables (the template calls them), read only when their section renders.
    @functools.cache
    def meetings_held() -> int:
        return (
            access.meetings_with_content_for(user)
            .exclude(status=Meeting.Status.PLANNED)
            .filter(start__lte=timezone.now())
            .count()
        )

    @functools.cache
    def meetings_attended() -> int:
        return (
            attendances()
            .exclude(status=Attendance.Status.APOLOGIES)
            .aggregate(n=Count("meeting", distinct=True))["n"]
        )

    positions = _section_page(
        request,
        lambda: (
            Position.objects.filter(organization=organization, person__in=access.people_for(user))
            .select_related("person")
            .order_by("-is_principal", "-start", "person__name", "pk")
        ),
        "positions",
    )
    open_count = sum(tally[status] for status in ActionPoint.OPEN_STATUSES)
    return render(
        request,
        "reports/organization_detail.html",
        {
            "organization": organization,
            "groups": groups,
            "open_count": open_count,
            "overdue_count": tally["overdue"],
            "closed": SimpleLazyObject(lambda: shown_rows["closed"]),
            "closed_count": tally["closed"],
            "rows_per_section": ROWS_PER_SECTION,
            "attendances": attendance_page,
            "meetings_held": meetings_held,
            "meetings_attended": meetings_attended,
            "positions": positions,
            "today": today,
        },
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    people = _section_page(
        request,
        lambda: access.people_for(request.user).with_current_position().order_by("name", "pk"),
        "page",
        PEOPLE_PER_PAGE,
    )
    return render(request, "reports/person_list.html", {"people": people})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = access.listed_or_404(
        user,
        Person.objects.prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("organization").order_by("-start"),
                to_attr="all_positions",
            )
        ),
        pk,
        access.people_for,
    )
    actions = _section_page(
        request,
        lambda: (
            access.actions_for(user)
            .filter(owner_people=person)
            .with_related()
            .order_by("-agenda_item__meeting__start", "pk")
        ),
        "actions",
    )
    attendances = _section_page(
        request,
        lambda: _visible_attendances(user).filter(person=person).order_by("-meeting__start", "pk"),
        "attendance",
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
    is_secretariat = roles.is_secretariat(user)
    organization = roles.user_organization(user)
    # Every list and chart below is rendered once and then read from the cache until a record
    # changes (the template's `cachedfragment`; the meetings' part for the minute, as review
    # deadlines pass): nothing is built or read for them until the template renders them, so
    # each is lazy.

    def meetings():
        return access.meetings_for(user).select_related("body").prefetch_related("body__time_zones")

    actions = SimpleLazyObject(lambda: access.actions_for(user))
    context: dict = {
        "today": today,
        "now": now,
        "next_meeting": SimpleLazyObject(
            lambda: meetings().filter(start__gte=now).order_by("start").first()
        ),
        "awaiting_review": SimpleLazyObject(
            lambda: list(
                meetings()
                .in_effective_status(Meeting.Status.CIRCULATED, now)
                .order_by("review_deadline", "pk")[:DASHBOARD_REVIEW_ROWS]
            )
        ),
        "organization": organization,
    }
    # Both charts aggregate every visible action: their figures are cached too.
    figures = SimpleLazyObject(
        lambda: readcache.cached(
            "dashboard-charts",
            actions,
            lambda: (
                charts.open_actions_by_organization(actions),
                charts.opened_closed_by_quarter(actions, today=today),
            ),
            today,
        )
    )
    context["bar_chart"] = SimpleLazyObject(lambda: figures[0])
    context["line_chart"] = SimpleLazyObject(lambda: figures[1])
    if is_secretariat:
        overdue = SimpleLazyObject(
            lambda: actions.overdue(today).with_related().order_by("due_date", "pk")
        )
        context.update(
            {
                # What waits for the secretariat's answer: objections first, then comments,
                # oldest first within each.
                "open_review_comments": SimpleLazyObject(
                    lambda: (
                        ReviewComment.objects.filter(status=ReviewComment.Status.OPEN)
                        .select_related("meeting", "agenda_item", "author__person", "organization")
                        .annotate(is_objection=Q(kind=ReviewComment.Kind.OBJECTION))
                        .order_by("-is_objection", "created_at", "pk")[:DASHBOARD_REVIEW_ROWS]
                    )
                ),
                "overdue_actions": SimpleLazyObject(lambda: overdue[:15]),
                "overdue_count": functools.cache(lambda: overdue.count()),  # the template calls it
                "due_soon": SimpleLazyObject(
                    lambda: (
                        actions.due_within(30, today).with_related().order_by("due_date", "pk")[:15]
                    )
                ),
                "recent_decisions": SimpleLazyObject(
                    lambda: (
                        access.decisions_for(user)
                        .select_related("agenda_item__meeting__body")
                        .prefetch_related("agenda_item__meeting__body__time_zones")
                        .order_by("-agenda_item__meeting__start", "position")[:8]
                    )
                ),
            }
        )
    else:
        # Overdue first (oldest due first), then the rest by due date, undated last: all of it
        # is ascending due date with nulls last. The dashboard shows the most urgent; the
        # organisation page has the rest.

        def owed_parts() -> tuple[list[ActionPoint], int]:
            owed = (
                actions.open()
                .owned_by_user(user)
                .order_by(F("due_date").asc(nulls_last=True), "-agenda_item__meeting__start", "pk")
            )
            # Which actions and how many: cached (the OR over owners needs DISTINCT over every
            # open action); the rows themselves are read fresh, with their latest progress.
            ids, count = readcache.cached(
                "dashboard-owed",
                owed,
                lambda: (
                    list(owed.values_list("pk", flat=True)[:DASHBOARD_OWED_ROWS]),
                    owed.count(),
                ),
            )
            rows = ActionPoint.objects.filter(pk__in=ids).with_related()
            rows = {a.pk: a for a in rows.with_updates(access.updates_for(user))}
            return [rows[pk] for pk in ids if pk in rows], count

        parts = SimpleLazyObject(owed_parts)
        context["owed"] = SimpleLazyObject(lambda: parts[0])
        context["owed_count"] = lambda: parts[1]  # called by the template
    return render(request, "reports/dashboard.html", context)
