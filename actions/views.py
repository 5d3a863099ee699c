"""Following up on action points: tracker, action page, follow-up at a meeting, dashboard, feeds."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actions import ical
from actions.filters import ActionPointFilter, matching_meetings
from actions.forms import ActionEditForm, BulkChangeForm, ProgressForm, ReviewFormSet
from actions.models import CalendarToken
from actions.services import calendar_token_for
from lib import readcache
from lib.csvsafe import safe_row
from minutes import access, lookups, services
from minutes.access import get_meeting_for_user, secretariat_required
from minutes.follow_up import follow_up_context
from minutes.models import ActionPoint, ActionUpdate, Meeting
from participants import roles, zones

PAGE_SIZE = 50


# Access helpers -------------------------------------------------------------------------------


def get_action_for_user(request: HttpRequest, pk: int, queryset=None) -> ActionPoint:
    """The action if this user may see it (minutes.access.actions_for); else 404."""
    return get_object_or_404(access.actions_for(request.user, queryset), pk=pk)


def can_update(user, action: ActionPoint) -> bool:
    """Secretariat, or a principal of an owning organisation, or the owner person themself,
    on an action whose meeting's record they may read.

    Reads `owner_organizations` and `owner_people` through `.all()` so a prefetch serves it.
    """
    if roles.is_secretariat(user):
        return True
    if not access.can_read_content(user, action.agenda_item.meeting):
        return False
    if any(p.user_id == user.pk for p in action.owner_people.all()):
        return True
    organization = roles.user_organization(user)
    return (
        roles.is_principal(user)
        and organization is not None
        and any(o.pk == organization.pk for o in action.owner_organizations.all())
    )


# The tracker ----------------------------------------------------------------------------------


def _tracker_filter(request: HttpRequest) -> ActionPointFilter:
    actions = (
        access.actions_for(request.user)
        .with_related()
        .with_updates(access.updates_for(request.user))
    )
    return ActionPointFilter(request.GET or None, queryset=actions, user=request.user)


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.copy()
    query.pop("page", None)
    # The filters, the count and the rows are built only when the cached count or rendering
    # (the template's `cachedfragment`) is missing: a page served from the cache builds none.
    action_filter = SimpleLazyObject(lambda: _tracker_filter(request))
    paginator = readcache.KeptCountPaginator(
        lambda: action_filter.qs,
        PAGE_SIZE,
        key=access.reader_parts(request.user, "tracker", query.urlencode()),
    )
    page = paginator.get_page(request.GET.get("page"))
    is_secretariat = roles.is_secretariat(request.user)
    bulk_form = None
    if is_secretariat:
        bulk_form = BulkChangeForm(choices=[])
    return render(
        request,
        "actions/action_list.html",
        {
            "filter": action_filter,
            "page": page,
            "actions": page.object_list,
            "query": query.urlencode(),
            "bulk_form": bulk_form,
            "today": zones.today(),
        },
    )


@login_required
def owner_lookup(request: HttpRequest) -> JsonResponse:
    """Suggestions for the tracker's owner field: people this user may see, by name."""

    def find(term: str):
        people = access.people_for(request.user).filter(name__icontains=term)
        return people.order_by("name", "pk").values_list("pk", "name")[: lookups.ROWS]

    return lookups.suggestions(request, "owner-lookup", find)


@login_required
def meeting_lookup(request: HttpRequest) -> JsonResponse:
    """Suggestions for the tracker's meeting field: meetings with records this user may read,
    by title words or a date (2023-03-20), newest first."""

    def find(term: str):
        meetings = (
            matching_meetings(request.user, term)
            .select_related("body")
            .prefetch_related("body__time_zones")
            .only("pk", "title", "start", "body__id", "body__short_name")
            .order_by("-start", "pk")[: lookups.ROWS]
        )
        return [
            (m.pk, f"{zones.local_date(m.start, m.body).isoformat()} {m.title}") for m in meetings
        ]

    return lookups.suggestions(request, "meeting-lookup", find, actions=False)


@login_required
def action_export(request: HttpRequest) -> HttpResponse:
    """Exactly the rows of the filtered tracker (all pages), for Excel: UTF-8 with BOM."""
    action_filter = _tracker_filter(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = zones.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="action-points-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Reference"),
            _("Action"),
            _("Meeting date"),
            _("Meeting"),
            _("Agenda item"),
            _("Owner organisations"),
            _("Owner people"),
            _("Owner note"),
            _("Due"),
            _("Due date"),
            _("Status"),
            _("Days overdue"),
            _("Closed at"),
            _("Latest progress"),
            _("Latest progress date"),
            _("URL"),
        ]
    )
    today = zones.today()
    for action in action_filter.qs:
        meeting = action.agenda_item.meeting
        latest = action.latest_update
        writer.writerow(
            safe_row(
                [
                    action.reference,
                    action.text,
                    zones.local_date(meeting.start, meeting.body).isoformat(),
                    meeting.title,
                    action.agenda_item.title,
                    "; ".join(o.label for o in action.owner_organizations.all()),
                    "; ".join(p.name for p in action.owner_people.all()),
                    action.owner_note,
                    action.due_display,
                    action.due_date.isoformat() if action.due_date else "",
                    action.get_status_display(),
                    action.days_overdue(today),
                    zones.local_date(action.closed_at, meeting.body).isoformat()
                    if action.closed_at
                    else "",
                    latest.text if latest else "",
                    zones.local_date(latest.created_at, meeting.body).isoformat() if latest else "",
                    request.build_absolute_uri(action.get_absolute_url()),
                ]
            )
        )
    return response


def _parse_rows(values: list[str]) -> dict[int, int]:
    """Checkbox values are "pk:version", so a bulk change refuses rows changed meanwhile."""
    rows = {}
    for value in values:
        pk, _sep, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            rows[int(pk)] = int(version)
    return rows


@require_POST
@secretariat_required
def action_bulk(request: HttpRequest) -> HttpResponse:
    rows = _parse_rows(request.POST.getlist("rows"))
    back = reverse("actions:action_list") + (
        "?" + request.POST["query"] if request.POST.get("query") else ""
    )
    actions = {a.pk: a for a in ActionPoint.objects.filter(pk__in=rows)}
    form = BulkChangeForm(request.POST, choices=[(v, v) for v in request.POST.getlist("rows")])
    if not rows or not form.is_valid():
        errors = "; ".join(e for errs in form.errors.values() for e in errs) if rows else ""
        messages.error(request, errors or _("Select at least one action point."))
        return redirect(back)
    data = form.cleaned_data
    try:
        count = services.actions_bulk_change(
            actions={actions[pk]: version for pk, version in rows.items() if pk in actions},
            by=request.user,
            status=data["status"] or None,
            organizations=data["organizations"] if data["set_owners"] else None,
            people=data["people"] if data["set_owners"] else None,
            note=data["note"],
        )
    except services.StaleEdit as error:
        messages.error(
            request,
            _("Nothing was changed: %(summary)s Check the list and try again.")
            % {"summary": error.summary},
        )
        return redirect(back)
    except services.ServiceError as error:
        messages.error(request, _("Nothing was changed: %(error)s") % {"error": error})
        return redirect(back)
    messages.success(
        request,
        ngettext("%(count)s action point updated.", "%(count)s action points updated.", count)
        % {"count": count},
    )
    return redirect(back)


# One action point -----------------------------------------------------------------------------


def _detail_queryset(user):
    return ActionPoint.objects.select_related(
        "agenda_item__meeting__body", "decision", "closed_at_meeting"
    ).prefetch_related(
        "agenda_item__meeting__body__time_zones",
        "owner_organizations",
        "owner_people",
        "topics",
        # The whole log, oldest first, with who wrote it and where it was reviewed.
        Prefetch(
            "updates",
            queryset=access.updates_for(user)
            .select_related("author", "reviewed_at_meeting")
            .order_by("created_at", "pk"),
            to_attr="log",
        ),
    )


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk, _detail_queryset(request.user))
    allowed = can_update(request.user, action)
    form = None
    if allowed:
        form = ProgressForm(action=action, can_review=roles.is_secretariat(request.user))
    return _render_detail(request, action, form, allowed)


def _render_detail(request, action, form, allowed, status=200):
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "meeting": action.agenda_item.meeting,
            "form": form,
            "can_update": allowed,
            "today": zones.today(),
        },
        status=status,
    )


@login_required
@require_POST
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk, _detail_queryset(request.user))
    if not can_update(request.user, action):
        raise PermissionDenied(_("Only the secretariat and the owners can log progress."))
    form = ProgressForm(request.POST, action=action, can_review=roles.is_secretariat(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_update_add(
                action=action,
                by=request.user,
                text=data["text"],
                status=data["status"] or None,
                due_date=data["due_date"],
                due_precision=data["due_precision"] or None,
                meeting=data.get("meeting"),
                expected_version=data["version"],
            )
        except services.StaleEdit as error:
            messages.error(request, str(error))
            fresh = get_action_for_user(request, pk, _detail_queryset(request.user))
            form = ProgressForm(
                _with_version(request.POST, fresh.version),
                action=fresh,
                can_review=roles.is_secretariat(request.user),
            )
            return _render_detail(request, fresh, form, True, status=409)
        except services.ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Progress on %(reference)s recorded.") % {"reference": action.reference}
            )
            return redirect(action)
    return _render_detail(request, action, form, True, status=400)


@secretariat_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Secretariat: correct text, owners, due date and topics, refusing a stale form."""
    action = get_action_for_user(request, pk, _detail_queryset(request.user))
    if request.method == "POST":
        form = ActionEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.action_point_update(
                    action=action,
                    by=request.user,
                    version=data["version"],
                    text=data["text"],
                    owner_organizations=data["organizations"],
                    owner_people=data["people"],
                    owner_note=data["owner_note"],
                    due_day=data["due_date"],
                    due_precision=data["due_precision"],
                    topics=data["topics"],
                )
            except services.StaleEdit as error:
                messages.error(request, str(error))
                saved = get_action_for_user(request, pk, _detail_queryset(request.user))
                form = ActionEditForm(_with_version(request.POST, saved.version))
                form.is_valid()
                return render(
                    request,
                    "actions/action_edit.html",
                    {"action": saved, "form": form, "current": saved},
                    status=409,
                )
            except services.ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("%(reference)s corrected.") % {"reference": action.reference}
                )
                return redirect(action)
        status = 400
    else:
        form = ActionEditForm(initial=ActionEditForm.initial_for(action))
        status = 200
    return render(
        request, "actions/action_edit.html", {"action": action, "form": form}, status=status
    )


# Carry-forward: the next meeting follows up -----------------------------------------------------


def _previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body_id=meeting.body_id, start__lt=meeting.start)
        .order_by("-start")
        .first()
    )


@secretariat_required
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Secretariat: review every open action of the body's earlier meetings, in one form."""
    meeting = get_meeting_for_user(
        request, pk, Meeting.objects.select_related("body").prefetch_related("body__time_zones")
    )
    to_review = list(
        ActionPoint.objects.for_follow_up(meeting)
        # Closed by a review here that waits for the circulation: reviewed, not offered again.
        .exclude(
            pk__in=ActionUpdate.objects.pending()
            .filter(reviewed_at_meeting=meeting)
            .exclude(status_to__in=["", *ActionPoint.OPEN_STATUSES])
            .values("action_id")
        )
        .with_related()
        .with_updates()
        .order_by("agenda_item__meeting__start", "agenda_item__position", "position", "pk")
    )
    by_pk = {a.pk: a for a in to_review}
    if request.method == "POST":
        formset = ReviewFormSet(request.POST)
        if formset.is_valid():
            reviews = []
            for data in formset.cleaned_data:
                if not data.get("outcome"):
                    continue
                action = by_pk.get(data["action"])
                if action is None:
                    messages.error(
                        request,
                        _(
                            "One of the actions was closed by someone else meanwhile; "
                            "nothing was recorded. Check the list and record again."
                        ),
                    )
                    return redirect("actions:follow_up", pk=meeting.pk)
                reviews.append(
                    services.Review(
                        action=action,
                        outcome=data["outcome"],
                        note=data["note"],
                        due_date=data.get("due_date"),
                        due_precision=data.get("due_precision") or None,
                        expected_version=data["version"],
                    )
                )
            if not reviews:
                messages.warning(request, _("No outcome was chosen, so nothing was recorded."))
                return redirect("actions:follow_up", pk=meeting.pk)
            try:
                services.follow_up_record(meeting=meeting, by=request.user, reviews=reviews)
            except services.StaleEdit as error:
                messages.error(
                    request,
                    _("Nothing was recorded: %(summary)s Check the list and record again.")
                    % {"summary": error.summary},
                )
            except services.ServiceError as error:
                messages.error(request, _("Nothing was recorded: %(error)s") % {"error": error})
            else:
                messages.success(
                    request,
                    ngettext(
                        "Review of %(count)s action point recorded; it is part of this "
                        "meeting's summary.",
                        "Review of %(count)s action points recorded; it is part of this "
                        "meeting's summary.",
                        len(reviews),
                    )
                    % {"count": len(reviews)},
                )
                return redirect("actions:follow_up", pk=meeting.pk)
        else:
            messages.error(request, _("Some reviews need a correction; nothing was recorded."))
    else:
        formset = ReviewFormSet(initial=[{"action": a.pk, "version": a.version} for a in to_review])
    context = follow_up_context(meeting, request.user)
    reviewed_here = {review.action_id: review for review in context["follow_up_reviews"]}
    rows = []
    for form in formset.forms:
        action = by_pk.get(_int(form["action"].value()))
        if action is not None:
            rows.append(ReviewRow(form=form, action=action, review=reviewed_here.get(action.pk)))
    previous = _previous_meeting(meeting)
    closed_since = []
    if previous is not None:
        closed_since = list(
            ActionPoint.objects.earlier_than(meeting)
            .closed()
            .filter(closed_at__gte=previous.start)
            .exclude(updates__reviewed_at_meeting=meeting)
            .with_related()
            .with_updates()
            .order_by("closed_at")
        )
    today = zones.today()
    context.update(
        {
            "overdue_count": sum(1 for row in rows if row.action.days_overdue(today)),
            "meeting": meeting,
            "formset": formset,
            "rows": rows,
            "previous_meeting": previous,
            "closed_since": closed_since,
        }
    )
    return render(request, "actions/follow_up.html", context)


@dataclass
class ReviewRow:
    """One action on the follow-up page: its form, and its review at this meeting if any."""

    form: forms.Form
    action: ActionPoint
    review: ActionUpdate | None

    @property
    def source_meeting(self) -> Meeting:
        return self.action.agenda_item.meeting


def _with_version(data, version: int):
    """The typed values against the saved version, so the next save, once merged, is theirs."""
    data = data.copy()
    data["version"] = str(version)
    return data


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# Calendar feeds -------------------------------------------------------------------------------


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The user's private feed URL, and a button to make it or regenerate it (revoking the old
    one). The address is made on POST only: opening the page writes nothing."""
    token = CalendarToken.objects.filter(user=request.user).first()
    if request.method == "POST":
        if token is None:
            calendar_token_for(request.user)
            messages.success(request, _("Your private calendar address was made."))
        else:
            token.regenerate()
            messages.success(
                request, _("A new calendar address was made; the old one no longer works.")
            )
        return redirect("actions:calendar_settings")
    feed_url = (
        request.build_absolute_uri(reverse("actions:calendar_feed", args=[token.token]))
        if token
        else ""
    )
    return render(request, "actions/calendar.html", {"token": token, "feed_url": feed_url})


@login_not_required
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: calendar programs cannot log in, so the secret URL is the credential."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    record = CalendarToken.objects.select_related("user").filter(token=token).first()
    if record is None or not record.user.is_active:
        raise Http404("Unknown calendar address.")
    response = HttpResponse(
        ical.build_feed(record.user, base_url=request.build_absolute_uri("/")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="minutes-tracker.ics"'
    # The URL is the credential: no cache on the way may keep the feed.
    response["Cache-Control"] = "private, no-store"
    return response
