from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.forms import ModelChoiceField
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from lib import readcache
from minutes import access, forms, history, lookups, services, snapshot
from minutes import document as summary_doc
from minutes.access import get_meeting_for_user, secretariat_required
from minutes.follow_up import follow_up_context
from minutes.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    ReviewComment,
    SummaryEvent,
    summary_prefetch,
)
from participants import roles, zones
from participants.models import Person

MEETINGS_PER_PAGE = 25


def get_meeting_for_editing(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body"), pk=pk)


def _refuse_if_locked(request: HttpRequest, meeting: Meeting) -> HttpResponse | None:
    if meeting.is_locked:
        messages.error(
            request,
            _("This summary is approved and locked. Reopen it for correction to change it."),
        )
        return redirect(meeting)
    return None


# Reading ---------------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    is_secretariat = roles.is_secretariat(request.user)
    statuses = (
        [s for s, _ in Meeting.Status.choices] if is_secretariat else access.READABLE_STATUSES
    )
    filters = SimpleLazyObject(
        lambda: forms.MeetingFilterForm(request.GET or None, statuses=statuses, user=request.user)
    )

    def meetings():
        meetings = access.meetings_for(request.user).select_related("body").order_by("-start")
        if filters.is_valid():
            if filters.cleaned_data["body"]:
                meetings = meetings.filter(body=filters.cleaned_data["body"])
            if filters.cleaned_data["status"]:
                meetings = meetings.in_effective_status(filters.cleaned_data["status"])
        return meetings

    query = request.GET.copy()
    query.pop("page", None)
    # The filters, the count and the rows are built only when the cached count or rendering
    # is missing (the template's `cachedfragment`); the count is kept for the minute, as the
    # effective status a filter asks for changes when a review deadline passes.
    page = readcache.KeptCountPaginator(
        meetings,
        MEETINGS_PER_PAGE,
        key=access.reader_parts(request.user, "meetings", query.urlencode(), by_minute=True),
        actions=False,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "minutes/meeting_list.html",
        {"page": page, "filters": filters, "query": query.urlencode()},
    )


@login_required
@require_safe
def body_lookup(request: HttpRequest) -> HttpResponse:
    """Suggestions for a body filter: bodies this user may read, by name or short name."""
    return lookups.suggestions(
        request,
        "body-lookup",
        lambda term: lookups.find_bodies(request.user, term),
        actions=False,
    )


def _summary_html(request: HttpRequest, meeting: Meeting, **controls) -> str:
    """The document region of the summary page, rendered from `minutes.document`.

    An approved (locked) summary changes only through the services, which change its cache key
    (`minutes.document.cache_key`), so its rendering is cached per visibility class; a draft or a
    circulated one is rendered afresh, with its per-item links.
    """
    visibility = access.visibility_class(request.user, meeting)
    # The reader's language marks the summary when it is written in another one.
    page_language = translation.get_language()
    key = summary_doc.cache_key(meeting, visibility) if meeting.is_locked else None
    if key and (html := cache.get(key)) is not None:
        return html
    prefetch_related_objects([meeting], *summary_prefetch())
    show_content = visibility != "agenda"
    follow_up = follow_up_context(meeting, request.user) if show_content else {}
    with summary_doc.in_summary_language(meeting):
        summary = summary_doc.summary_document(
            meeting, content=show_content, **summary_doc.follow_up_parts(follow_up)
        )
        html = render_to_string(
            "minutes/_summary_document.html",
            {"document": summary, "meeting": meeting, "page_language": page_language, **controls},
            request=request,
        )
    if key:
        cache.set(key, html, summary_doc.CACHE_SECONDS)
    return html


def _readable_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting of the summary page (which writes nothing to it), with its body's zones."""
    return get_meeting_for_user(
        request,
        pk,
        Meeting.objects.select_related("body").prefetch_related("body__time_zones"),
        kept_as="summary-page",
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = _readable_meeting(request, pk)
    except Http404:
        if returned := access.returned_summary_for(request.user, pk):
            return _returned_summary(request, *returned)
        raise
    is_secretariat = roles.is_secretariat(request.user)
    reviewing = (
        meeting.effective_status == Meeting.Status.CIRCULATED
        and not is_secretariat
        and services.can_review(request.user, meeting)
    )
    # Read only where the template shows them uncached (a principal's own comments, once their
    # review is over, come from the cache with the piece that shows them: `cachedfragment`),
    # and kept per reader until a record changes: a comment or a review step is one.
    comments = SimpleLazyObject(
        lambda: readcache.kept(
            "summary-comments",
            access.reader_parts(request.user, meeting.pk),
            lambda: list(
                access.comments_for(request.user, meeting.review_comments.all()).select_related(
                    "author", "organization", "agenda_item", "resolved_by"
                )
            ),
            actions=False,
        )
    )
    # Principals reach this page only for a planned, circulated or approved meeting, whose
    # circulations they were sent: they see what changed between them too. The events and the
    # translations are read only when the pieces that show them are not cached.
    events = SimpleLazyObject(
        lambda: readcache.kept(
            "summary-events",
            (meeting.pk,),
            lambda: list(meeting.events.select_related("by")),
            actions=False,
        )
    )
    context = {
        "meeting": meeting,
        "summary_html": _summary_html(
            request,
            meeting,
            edit_items=is_secretariat and not meeting.is_locked,
            comment_items=reviewing,
        ),
        "comments": comments,
        "open_objections": SimpleLazyObject(
            lambda: [
                c for c in comments if c.kind == ReviewComment.Kind.OBJECTION and c.status == "open"
            ]
        ),
        # The summary in the other working languages: readable with the content, and only then.
        "translations": SimpleLazyObject(
            lambda: (
                list(meeting.translations.all())
                if access.can_read_content(request.user, meeting)
                else []
            )
        ),
        "events": events if is_secretariat else [],
        "changes": SimpleLazyObject(lambda: snapshot.changes_since_sent(events)),
        "comment_form": (
            forms.ReviewCommentForm(
                # Loaded with the summary above, in agenda order.
                items=sorted(meeting.agenda_items.all(), key=lambda i: i.position),
                initial={"agenda_item": request.GET.get("on")},
            )
            if reviewing
            else None
        ),
        "zone_label": zones.entry_zone(meeting.body)[1] if is_secretariat else "",
    }
    if is_secretariat:
        context["circulate_form"] = forms.CirculateForm(meeting=meeting)
        context["reopen_form"] = forms.ReopenForm()
    return render(request, "minutes/meeting_detail.html", context)


def _returned_summary(request: HttpRequest, meeting: Meeting, sent: SummaryEvent) -> HttpResponse:
    """A summary back with the secretariat, as a principal may still read it: the text last
    circulated, and their own comments (see `access.returned_summary_for`)."""
    comments = list(
        access.comments_for(request.user, meeting.review_comments.all()).select_related(
            "agenda_item", "resolved_by", "organization", "author"
        )
    )
    return render(
        request,
        "minutes/meeting_returned.html",
        {"meeting": meeting, "sent": sent, "comments": comments},
    )


@login_required
def meeting_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The summary alone, laid out for paper or PDF: the same document as the page."""
    meeting = _readable_meeting(request, pk)
    return render(
        request,
        "minutes/meeting_print.html",
        {"meeting": meeting, "summary_html": _summary_html(request, meeting)},
    )


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(access.documents_for(request.user), pk=pk)
    if not document.file:
        raise Http404("This document is a link, not a file.")
    return FileResponse(document.file.open("rb"), as_attachment=True)


@secretariat_required
def meeting_history(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    changes = history.meeting_changes(meeting)
    return render(request, "minutes/meeting_history.html", {"meeting": meeting, "changes": changes})


# Recording -------------------------------------------------------------------------------


@secretariat_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = forms.MeetingForm(request.POST or None, initial={"status": Meeting.Status.DRAFT})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                by=request.user,
                data=form.model_data(),
                agenda=form.cleaned_data["agenda"],
                propose_attendance=form.cleaned_data["propose_attendance"],
            )
        except (ValidationError, services.ServiceError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(
                request,
                _("Meeting “%(title)s” created. Now the attendance.") % {"title": meeting.title},
            )
            return redirect("minutes:meeting_attendance", pk=meeting.pk)
    return render(request, "minutes/meeting_form.html", {"form": form, "meeting": None})


@secretariat_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    if refused := _refuse_if_locked(request, meeting):
        return refused
    form = forms.MeetingForm(request.POST or None, meeting=meeting)
    current = None
    documents = forms.DocumentFormSet(
        request.POST or None,
        request.FILES or None,
        queryset=meeting.documents.filter(agenda_item__isnull=True),
        prefix="documents",
    )
    if request.method == "POST" and form.is_valid() and documents.is_valid():
        try:
            with transaction.atomic():
                services.meeting_update(
                    meeting=meeting,
                    by=request.user,
                    data=form.model_data(),
                    version=form.cleaned_data["version"] or 0,
                )
                _save_documents(documents, meeting=meeting, item=None)
        except services.StaleEdit as error:
            saved = Meeting.objects.select_related("body").get(pk=meeting.pk)
            # Keep what they typed, but against the saved version, so the next save is theirs.
            form = forms.MeetingForm(_with_version(request.POST, saved.version), meeting=saved)
            form.is_valid()
            form.add_error(None, str(error))
            current = forms.MeetingForm.initial_for(saved)
        except (ValidationError, services.ServiceError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("Meeting details saved."))
            return redirect(meeting)
    return render(
        request,
        "minutes/meeting_form.html",
        {
            "form": form,
            "meeting": meeting,
            "documents": documents,
            "max_mb": _max_mb(),
            "current": current,
        },
    )


@secretariat_required
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    if refused := _refuse_if_locked(request, meeting):
        return refused
    queryset = meeting.attendances.select_related("person", "organization", "represented_by")
    formset = forms.AttendanceFormSet(
        request.POST if request.method == "POST" else None, queryset=queryset, prefix="attendance"
    )
    stale = None
    if request.method == "POST" and formset.is_valid():
        moved = _put_in_order(formset, request.POST.get("move", ""))
        try:
            _save_attendance(request, formset)
        except services.StaleEdit as error:
            formset, stale = _attendance_after_stale(request, queryset, error)
        except (ValidationError, services.ServiceError) as error:
            messages.error(request, _message(error))
        else:
            return _after_attendance(request, meeting, moved)
    _share_choices(formset)
    search = forms.PersonSearchForm(request.GET or None)
    found = []
    if search.is_valid() and (q := search.cleaned_data["find"].strip()):
        found = list(
            Person.objects.filter(
                Q(name__icontains=q)
                | Q(positions__organization__acronym__icontains=q)
                | Q(positions__organization__name__icontains=q)
            )
            .exclude(attendances__meeting=meeting)
            .distinct()
            .with_current_position()[:20]
        )
    return render(
        request,
        "minutes/meeting_attendance.html",
        {
            "meeting": meeting,
            "formset": formset,
            "search": search,
            "found": found,
            "new_person": forms.NewPersonForm(prefix="new"),
            "stale": stale,
        },
        status=409 if stale else 200,
    )


def _put_in_order(formset, move: str) -> tuple[Attendance, str] | None:
    """Number the kept rows 0, 1, 2... in the order posted, after the move asked for, if any.

    The order is each row's posted place (scripts renumber the places as rows are moved);
    `move` is "<row>:up" or "<row>:down" from a move button, which works without scripts.
    Returns the row moved and the direction, or None.
    """
    rows = [
        form
        for form in formset.initial_forms
        if form.instance.pk is not None and form not in formset.deleted_forms
    ]
    rows.sort(key=lambda form: form.cleaned_data["position"])
    moved = None
    index, _, direction = move.partition(":")
    target = (
        formset.forms[int(index)] if index.isdigit() and int(index) < len(formset.forms) else None
    )
    if target in rows and direction in ("up", "down"):
        here = rows.index(target)
        there = here - 1 if direction == "up" else here + 1
        if 0 <= there < len(rows):
            rows[here], rows[there] = rows[there], rows[here]
            moved = (target.instance, direction)
    for place, form in enumerate(rows):
        form.cleaned_data["position"] = place
    return moved


def _after_attendance(request: HttpRequest, meeting: Meeting, moved) -> HttpResponse:
    if moved is not None:
        row, direction = moved
        said = _("Moved %(name)s up.") if direction == "up" else _("Moved %(name)s down.")
        messages.success(request, said % {"name": row.person.name})
        url = reverse("minutes:meeting_attendance", args=[meeting.pk])
        return redirect(f"{url}#attendance-{row.pk}")
    messages.success(request, _("Attendance saved."))
    if request.POST.get("then") == "items":
        first = meeting.agenda_items.order_by("position").first()
        if first is not None:
            return redirect("minutes:item_edit", pk=meeting.pk, item_pk=first.pk)
        return redirect("minutes:meeting_agenda", pk=meeting.pk)
    return redirect("minutes:meeting_attendance", pk=meeting.pk)


def _save_attendance(request: HttpRequest, formset) -> None:
    """Every changed or removed row, or, if any of them is stale, none."""
    with transaction.atomic():
        for form in formset.initial_forms:
            if form.instance.pk is None:
                continue  # a posted row that is not one of this meeting's: nothing to save
            if form in formset.deleted_forms:
                services.attendance_remove(
                    attendance=form.instance,
                    by=request.user,
                    version=form.cleaned_data.get("version") or 0,
                )
            elif form.has_changed() or form.cleaned_data["position"] != form.initial["position"]:
                services.attendance_update(
                    attendance=form.instance,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    data=form.model_data(),
                )


def _attendance_after_stale(request: HttpRequest, queryset, error: Exception):
    """What they typed, against the saved versions, with what is saved now in each changed row."""
    saved = {a.pk: a for a in queryset.all()}
    data = request.POST.copy()
    changed = []
    total = int(data.get("attendance-INITIAL_FORMS") or 0)
    for index in range(total):
        row = saved.get(_int(data.get(f"attendance-{index}-id")))
        if row is None:
            continue
        if str(row.version) != data.get(f"attendance-{index}-version"):
            changed.append(row)
            data[f"attendance-{index}-version"] = str(row.version)
    formset = forms.AttendanceFormSet(data, queryset=queryset.all(), prefix="attendance")
    formset.is_valid()
    return formset, {"message": str(error), "rows": changed}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _share_choices(*formsets) -> None:
    """Build each organisation / person / topic list once, not once per row and field.

    Validation still goes through each field's queryset; only the rendering shares the list.
    """
    for formset in formsets:
        if not formset.forms:
            continue
        first = formset.forms[0]
        for name, field in first.fields.items():
            if not isinstance(field, ModelChoiceField):
                continue
            choices = list(field.choices)
            for form in formset.forms:
                form.fields[name].choices = choices


@require_POST
@secretariat_required
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    if refused := _refuse_if_locked(request, meeting):
        return refused
    if request.POST.get("members"):
        added = services.attendance_add_members(meeting=meeting, by=request.user)
        messages.success(
            request,
            ngettext(
                "Added %(count)s principal of a member organisation.",
                "Added %(count)s principals of member organisations.",
                len(added),
            )
            % {"count": len(added)},
        )
    else:
        person = Person.objects.filter(pk=request.POST.get("person") or None).first()
        if person is None:
            messages.error(request, _("Pick somebody to add."))
            return redirect("minutes:meeting_attendance", pk=meeting.pk)
        try:
            services.attendance_add(meeting=meeting, person=person, by=request.user)
        except services.ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Added %(name)s.") % {"name": person.name})
    return redirect("minutes:meeting_attendance", pk=meeting.pk)


@require_POST
@secretariat_required
def attendance_new_person(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    if refused := _refuse_if_locked(request, meeting):
        return refused
    form = forms.NewPersonForm(request.POST, prefix="new")
    if form.is_valid():
        services.person_create_and_attend(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Added %(name)s to the register and here.") % {"name": form.cleaned_data["name"]},
        )
        return redirect("minutes:meeting_attendance", pk=meeting.pk)
    formset = forms.AttendanceFormSet(
        queryset=meeting.attendances.select_related("person"), prefix="attendance"
    )
    _share_choices(formset)
    return render(
        request,
        "minutes/meeting_attendance.html",
        {
            "meeting": meeting,
            "formset": formset,
            "search": forms.PersonSearchForm(),
            "found": [],
            "new_person": form,
        },
        status=400,
    )


@secretariat_required
def meeting_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    if refused := _refuse_if_locked(request, meeting):
        return refused
    form = forms.AgendaItemAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = services.agenda_item_add(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, _("Item %(position)s added.") % {"position": item.position})
        if request.POST.get("then") == "edit":
            return redirect("minutes:item_edit", pk=meeting.pk, item_pk=item.pk)
        return redirect("minutes:meeting_agenda", pk=meeting.pk)
    items = meeting.agenda_items.order_by("position")
    return render(
        request, "minutes/meeting_agenda.html", {"meeting": meeting, "items": items, "form": form}
    )


def _get_item(meeting: Meeting, item_pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting"), pk=item_pk, meeting=meeting
    )


@require_POST
@secretariat_required
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    if refused := _refuse_if_locked(request, meeting):
        return refused
    item = _get_item(meeting, item_pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    if services.agenda_item_move(item=item, by=request.user, direction=direction):
        messages.success(
            request,
            (_("Moved “%(title)s” up.") if direction == "up" else _("Moved “%(title)s” down."))
            % {"title": item.title},
        )
    else:
        messages.info(
            request,
            (
                _("“%(title)s” is already first.")
                if direction == "up"
                else _("“%(title)s” is already last.")
            )
            % {"title": item.title},
        )
    return redirect("minutes:meeting_agenda", pk=meeting.pk)


@require_POST
@secretariat_required
def item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    if refused := _refuse_if_locked(request, meeting):
        return refused
    item = _get_item(meeting, item_pk)
    try:
        services.agenda_item_remove(item=item, by=request.user)
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Removed “%(title)s”.") % {"title": item.title})
    return redirect("minutes:meeting_agenda", pk=meeting.pk)


@secretariat_required
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    if refused := _refuse_if_locked(request, meeting):
        return refused
    item = _get_item(meeting, item_pk)
    data = request.POST if request.method == "POST" else None
    form = forms.AgendaItemForm(data, instance=item)
    current = None
    decisions = list(item.decisions.prefetch_related("topics"))
    actions = list(
        item.action_points.prefetch_related("owner_organizations", "owner_people", "topics")
    )
    decision_set = forms.DecisionFormSet(
        data,
        prefix="decisions",
        initial=[
            {"id": d.pk, "kind": d.kind, "text": d.text, "topics": [t.pk for t in d.topics.all()]}
            for d in decisions
        ],
    )
    action_set = forms.ActionPointFormSet(
        data,
        prefix="actions",
        initial=[forms.ActionPointForm.initial_for(a) for a in actions],
        form_kwargs={
            "decision_choices": forms.ActionPointForm.decision_choices(
                decisions,
                range(decision_set.initial_form_count(), decision_set.total_form_count()),
            )
        },
    )
    documents = forms.DocumentFormSet(
        data,
        request.FILES or None,
        queryset=item.documents.all(),
        prefix="documents",
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and decision_set.is_valid()
        and action_set.is_valid()
        and documents.is_valid()
    ):
        try:
            with transaction.atomic():
                _save_item(request, item, form, decision_set, decisions, action_set, actions)
                _save_documents(documents, meeting=meeting, item=item)
        except services.StaleEdit as error:
            if error.model is AgendaItem:
                current = AgendaItem.objects.get(pk=item.pk)
                # A copy: validating the form writes the typed values onto its instance.
                form = forms.AgendaItemForm(
                    _with_version(request.POST, current.version), instance=copy.copy(current)
                )
                form.is_valid()
            form.add_error(None, str(error))
        except (ValidationError, services.ServiceError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("Item %(position)s saved.") % {"position": item.position})
            if request.POST.get("then") == "next" and (following := _next_item(item)):
                return redirect("minutes:item_edit", pk=meeting.pk, item_pk=following.pk)
            if request.POST.get("then") == "agenda":
                return redirect("minutes:meeting_agenda", pk=meeting.pk)
            if request.POST.get("then") == "more":
                return redirect("minutes:item_edit", pk=meeting.pk, item_pk=item.pk)
            return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
    _share_choices(decision_set, action_set)
    return render(
        request,
        "minutes/item_form.html",
        {
            "meeting": meeting,
            "item": item,
            "next_item": _next_item(item),
            "form": form,
            "decision_set": decision_set,
            "action_set": action_set,
            "documents": documents,
            "max_mb": _max_mb(),
            "current": current,
        },
    )


def _next_item(item: AgendaItem) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(meeting_id=item.meeting_id, position__gt=item.position)
        .order_by("position")
        .first()
    )


def _with_version(data, version: int):
    data = data.copy()
    data["version"] = str(version)
    return data


def _max_mb() -> int:
    return settings.UPLOAD_MAX_BYTES // (1024 * 1024)


def _save_item(request, item, form, decision_set, decisions, action_set, actions) -> None:
    """Item, decisions and action points in one go; any stale part refuses the whole save."""
    by = request.user
    if form.has_changed():
        services.agenda_item_update(
            item=item,
            by=by,
            data={f: form.cleaned_data[f] for f in ("title", "kind", "discussion")},
            topics=form.cleaned_data["topics"],
            version=form.cleaned_data["version"],
        )
    by_pk = {d.pk: d for d in decisions}
    # What an action's "follows from" choice names: "d<id>" or "new-<row>" (None: removed).
    linkable: dict[str, Decision | None] = {f"d{d.pk}": d for d in decisions}
    for row, sub in enumerate(decision_set.forms):
        data = sub.cleaned_data
        if not data or not sub.has_changed():
            continue
        existing = by_pk.get(data.get("id"))
        if existing is not None and data.get("DELETE"):
            services.decision_remove(decision=existing, by=by)
            linkable[f"d{existing.pk}"] = None
        elif existing is not None:
            services.decision_update(
                decision=existing,
                by=by,
                kind=data["kind"],
                text=data["text"],
                topics=data["topics"],
            )
        elif data.get("text") and not data.get("DELETE"):
            linkable[f"new-{row}"] = services.decision_add(
                item=item, by=by, kind=data["kind"], text=data["text"], topics=data["topics"]
            )
    actions_by_pk = {a.pk: a for a in actions}
    for number, sub in enumerate(action_set.forms, start=1):
        data = sub.cleaned_data
        if not data or not sub.has_changed():
            continue
        existing = actions_by_pk.get(data.get("id"))
        if data.get("text") and not data.get("DELETE"):
            data["decision"] = _linked_decision(linkable, data.get("decision", ""), number)
        fields = {
            k: data[k]
            for k in (
                "text",
                "owner_organizations",
                "owner_people",
                "owner_note",
                "due_day",
                "due_precision",
                "status",
                "topics",
                "decision",
            )
        }
        if existing is not None and data.get("DELETE"):
            services.action_point_remove(action=existing, by=by, version=data["version"] or 0)
        elif existing is not None:
            services.action_point_update(
                action=existing, by=by, version=data["version"] or 0, **fields
            )
        elif data.get("text") and not data.get("DELETE"):
            services.action_point_add(item=item, by=by, **fields)


def _linked_decision(linkable: dict, choice: str, number: int) -> Decision | None:
    if not choice:
        return None
    decision = linkable.get(choice)
    if decision is None:
        raise services.ServiceError(
            _(
                "Action point %(number)s follows from a decision that is empty or removed: "
                "write that decision, or choose another one."
            )
            % {"number": number}
        )
    return decision


def _save_documents(documents, *, meeting: Meeting, item: AgendaItem | None) -> None:
    for document in documents.save(commit=False):
        document.meeting = meeting
        document.agenda_item = item
        document.save()
    for document in documents.deleted_objects:
        document.delete()


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


# Review ----------------------------------------------------------------------------------


@require_POST
@secretariat_required
def meeting_circulate(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    form = forms.CirculateForm(request.POST, meeting=meeting)
    if not form.is_valid():
        problems = " ".join(dict.fromkeys(e for errors in form.errors.values() for e in errors))
        messages.error(
            request,
            _("Give a deadline date and time to circulate the summary. %(problems)s")
            % {"problems": problems},
        )
        return redirect(meeting)
    try:
        services.meeting_circulate(meeting=meeting, by=request.user, deadline=form.deadline())
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Circulated to the principals for review."))
    return redirect(meeting)


@require_POST
@secretariat_required
def meeting_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_with_reason(
        request,
        pk,
        services.meeting_withdraw,
        missing=_("Give the reason for taking the summary back to draft."),
        done=_("Back in draft. Circulate it again when the edits are done."),
    )


@require_POST
@secretariat_required
def meeting_approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_editing(request, pk)
    try:
        services.meeting_approve(meeting=meeting, by=request.user)
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Summary approved. It is now locked."))
    return redirect(meeting)


@require_POST
@secretariat_required
def meeting_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_with_reason(
        request,
        pk,
        services.meeting_reopen,
        missing=_("Give the reason for the correction."),
        done=_("Reopened for correction. Circulate it again when ready."),
    )


def _step_with_reason(request: HttpRequest, pk: int, step, *, missing: str, done: str):
    """A review step back to draft that needs the reason on record: take back, reopen."""
    meeting = get_meeting_for_editing(request, pk)
    form = forms.ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, missing)
        return redirect(meeting)
    try:
        step(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(meeting)


@require_POST
@login_required
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, Meeting.objects.select_related("body"))
    if not services.can_review(request.user, meeting):
        raise PermissionDenied(_("Only principals of member organisations review summaries."))
    items = list(meeting.agenda_items.order_by("position"))
    form = forms.ReviewCommentForm(request.POST, items=items)
    if not form.is_valid():
        messages.error(request, _("Write your comment, and say what it is about."))
        return redirect(meeting)
    objecting = form.cleaned_data["kind"] == ReviewComment.Kind.OBJECTION
    if meeting.effective_status != Meeting.Status.CIRCULATED:
        messages.error(request, _("This summary is no longer open for comments or objections."))
        return redirect(meeting)
    if objecting and request.POST.get("confirmed") != "yes":
        # An objection cannot be taken back: say what it does and ask once more.
        return render(
            request,
            "minutes/objection_confirm.html",
            {"meeting": meeting, "form": form, "item": form.cleaned_data["agenda_item"]},
        )
    try:
        comment = services.review_comment_add(meeting=meeting, by=request.user, **form.cleaned_data)
    except services.ServiceError as error:
        messages.error(request, str(error))
        return redirect(meeting)
    if objecting:
        messages.success(
            request,
            _(
                "Your objection was recorded. Silence is broken: the summary went back to the "
                "secretariat. You will be told when a revised summary is circulated."
            ),
        )
    else:
        messages.success(request, _("Your comment was sent to the secretariat."))
    return redirect(f"{meeting.get_absolute_url()}#comment-{comment.pk}")


@require_POST
@secretariat_required
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(ReviewComment.objects.select_related("meeting"), pk=pk)
    form = forms.ResolveForm(request.POST)
    form.is_valid()
    try:
        services.review_comment_resolve(
            comment=comment, by=request.user, reply=form.cleaned_data.get("reply", "")
        )
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Comment resolved."))
    return redirect(comment)


@login_required
def my_comments(request: HttpRequest) -> HttpResponse:
    """A principal's comments and objections with their status, even once the draft is hidden."""
    comments = (
        ReviewComment.objects.filter(author=request.user)
        .select_related("meeting", "agenda_item", "resolved_by")
        .order_by("-created_at")
    )
    return render(request, "minutes/my_comments.html", {"comments": comments})
