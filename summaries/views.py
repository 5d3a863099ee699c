"""Import a summary (upload or paste, preview, confirm) and export one as .docx or Markdown."""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.timefmt import format_date
from minutes import access
from minutes.access import get_meeting_for_user, secretariat_required
from minutes.follow_up import follow_up_context
from minutes.models import Meeting
from minutes.services import ServiceError
from participants import zones
from participants.models import Body
from summaries import forms as import_forms
from summaries import parser, services
from summaries.export_docx import meeting_docx
from summaries.export_markdown import meeting_markdown
from summaries.layout import filename
from summaries.readers import DocumentError, check_text, read_document

log = logging.getLogger(__name__)

SESSION_KEY = "documents_imports"
# Pending previews kept per session; older ones are dropped so the session stays small.
KEEP_PENDING = 3


def _pending(request: HttpRequest) -> dict:
    return request.session.get(SESSION_KEY, {})


def _store(request: HttpRequest, body: Body, summary: parser.Summary, source: str) -> str:
    token = secrets.token_urlsafe(12)
    pending = _pending(request)
    pending[token] = {
        "body": body.pk,
        "source": source,
        "created": timezone.now().isoformat(),
        "summary": summary.to_dict(),
    }
    for old in sorted(pending, key=lambda t: pending[t]["created"])[:-KEEP_PENDING]:
        del pending[old]
    request.session[SESSION_KEY] = pending
    return token


@secretariat_required
def import_start(request: HttpRequest) -> HttpResponse:
    form = import_forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        upload = form.cleaned_data["file"]
        try:
            if upload is not None:
                if upload.size > settings.UPLOAD_MAX_BYTES:
                    raise DocumentError(
                        _("“%(name)s” is %(size)s KB; the limit is %(limit)s KB.")
                        % {
                            "name": upload.name,
                            "size": f"{upload.size // 1024:,}",
                            "limit": f"{settings.UPLOAD_MAX_BYTES // 1024:,}",
                        }
                    )
                source = upload.name
                text = read_document(
                    upload.name, upload.read(), max_bytes=settings.UPLOAD_MAX_BYTES
                )
            else:
                source = "pasted text"
                text = check_text(form.cleaned_data["text"], max_bytes=settings.UPLOAD_MAX_BYTES)
            summary = parser.parse(
                text,
                known_organizations=services.known_organization_labels(),
                budget=settings.SUMMARY_PARSE_SECONDS,
            )
        except (DocumentError, parser.ParseTimeout) as error:
            form.add_error("file" if upload is not None else "text", str(error))
        else:
            token = _store(request, body, summary, source)
            if summary.is_unstructured:
                return render(
                    request,
                    "summaries/import_form.html",
                    {"form": form, "unstructured": token, "source": source},
                    status=422,
                )
            return redirect("summaries:import_preview", token=token)
    return render(request, "summaries/import_form.html", {"form": form})


@secretariat_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    entry = _pending(request).get(token)
    if entry is None:
        messages.warning(request, _("That import has expired or was already saved. Start again."))
        return redirect("summaries:import_start")
    body = get_object_or_404(Body.objects.prefetch_related("time_zones"), pk=entry["body"])
    summary = parser.Summary.from_dict(entry["summary"])
    zone = zones.entry_zone(body)[0]
    start, end, time_notes = services.meeting_times(summary, body)
    initial = import_forms.initial_data(summary, zone, start, end)
    forms = import_forms.PreviewForms(request.POST or None, initial)
    participants = summary.participants
    if request.method == "POST":
        if forms.is_valid():
            corrected = forms.summary()
            participants = corrected.participants
            meeting = _confirm(request, forms, corrected, body, zone, entry["source"])
            if meeting is not None:
                pending = _pending(request)
                pending.pop(token, None)
                request.session[SESSION_KEY] = pending
                return redirect(meeting.get_absolute_url())
        else:
            participants = forms.typed_participants()
    day = forms.meeting.cleaned_data.get("date") if forms.meeting.is_bound else summary.date
    same_day = list(Meeting.objects.same_day(body, day)) if day else []
    reading_flags = services.summary_flags(summary, body)
    if start is not None:
        reading_flags += [parser.Flag("times", note) for note in time_notes]
    flagged = {flag.field for flag in reading_flags}
    item_rows, unplaced = _item_rows(forms.formsets)
    registry = services.Registry([p.name for p in participants])
    flags = _participant_flags(forms.formsets["participants"], registry)
    return render(
        request,
        "summaries/import_preview.html",
        {
            "token": token,
            "source": entry["source"],
            "body": body,
            "summary": summary,
            "meeting_form": forms.meeting,
            "formsets": forms.formsets,
            "participant_rows": list(zip(forms.formsets["participants"].forms, flags, strict=True)),
            "item_rows": item_rows,
            "unplaced": unplaced,
            "time_notes": [] if start is not None else time_notes,
            "reading_flags": reading_flags,
            "flagged": flagged,
            "proposals": services.proposals_for(participants, registry),
            "zone_label": zones.entry_zone(body)[1],
            "same_day": same_day,
        },
        status=422 if request.method == "POST" else 200,
    )


def _confirm(request, forms, corrected, body, zone, source) -> Meeting | None:
    """Save the corrected summary, or say why not; None when nothing was saved."""
    registry = services.Registry([p.name for p in corrected.participants])
    if (
        services.proposals_for(corrected.participants, registry)
        and not forms.meeting.cleaned_data["create_new"]
    ):
        forms.meeting.add_error(
            "create_new",
            _(
                "Tick this box to create the new people and organisations, "
                "or correct the names to match the registry."
            ),
        )
        return None
    day = forms.meeting.cleaned_data["date"]
    if (
        Meeting.objects.same_day(body, day).exists()
        and not forms.meeting.cleaned_data["save_duplicate"]
    ):
        forms.meeting.add_error(
            "save_duplicate",
            _(
                "%(body)s already has a meeting on %(day)s. Open it to check that this is not the same meeting, or tick this box to save this one as well."
            )
            % {
                "body": body,
                "day": format_date(day),
            },
        )
        return None
    problems = forms.problems(corrected)
    for problem in problems:
        messages.error(request, problem)
    if problems:
        return None
    try:
        meeting = services.summary_import_save(
            parsed=corrected,
            body=body,
            by=request.user,
            level=forms.meeting.cleaned_data["level"],
            **forms.times(zone),
        )
    except (ValidationError, ServiceError) as refused:
        reasons = refused.messages if isinstance(refused, ValidationError) else [str(refused)]
        messages.error(request, _("The summary could not be saved; nothing was saved."))
        for reason in reasons:
            messages.error(request, reason)
        return None
    except DatabaseError:
        log.exception("Import of %s failed", source)
        messages.error(request, _("The summary could not be saved; nothing was saved."))
        return None
    messages.success(
        request,
        _("Imported “%(title)s” as a draft: %(count)s participants, %(items)s items.")
        % {
            "title": meeting.title,
            "count": len(corrected.participants),
            "items": len(corrected.items),
        },
    )
    return meeting


def _participant_flags(formset, registry: services.Registry) -> list[list[str]]:
    flags = []
    for form in formset.forms:
        name = (form["name"].value() or "").strip()
        organization = (form["organization"].value() or "").strip()
        row = []
        if name and registry.person(name) is None:
            row.append(_("New person"))
        if organization and registry.organization(organization) is None:
            row.append(_("Unknown organisation"))
        if name and not organization:
            row.append(_("No organisation"))
        flags.append(row)
    return flags


def _item_rows(formsets) -> list[dict]:
    """Each item form with the decision and action forms placed under it."""
    decisions, actions = formsets["decisions"], formsets["actions"]

    def under(formset, number):
        return [f for f in formset.forms if str(f["item"].value()) == str(number)]

    rows = []
    placed: set[int] = set()
    for number, form in enumerate(formsets["items"].forms, start=1):
        item_actions = under(actions, number)
        item_decisions = under(decisions, number)
        placed.update(id(f) for f in item_actions + item_decisions)
        rows.append(
            {
                "number": number,
                "form": form,
                "decisions": item_decisions,
                "actions": item_actions,
                "no_actions": bool(form.initial) and not item_actions,
            }
        )
    unplaced = {
        "decisions": [f for f in decisions.forms if id(f) not in placed],
        "actions": [f for f in actions.forms if id(f) not in placed],
    }
    return rows, unplaced


def _export_parts(request: HttpRequest, pk: int) -> tuple[Meeting, dict]:
    """The meeting and what its summary document needs, as the summary page reads them."""
    meeting = get_meeting_for_user(request, pk, Meeting.objects.with_summary())
    content = access.can_read_content(request.user, meeting)
    follow_up = follow_up_context(meeting, request.user) if content else {}
    return meeting, {"agenda_only": not content, "follow_up": follow_up}


@login_required
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, parts = _export_parts(request, pk)
    response = HttpResponse(
        meeting_docx(meeting, **parts),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(meeting, "docx")}"'
    return response


@login_required
def export_markdown(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, parts = _export_parts(request, pk)
    response = HttpResponse(
        meeting_markdown(meeting, **parts), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(meeting, "md")}"'
    return response
