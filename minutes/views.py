from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from minutes.models import Document, Meeting


def get_meeting_for_user(request: HttpRequest, pk: int, queryset=None) -> Meeting:
    """The meeting if this user may read it; 404 otherwise, so drafts do not even exist."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.visible_to(request.user).select_related("body").order_by("-start")
    return render(request, "minutes/meeting_list.html", {"meetings": meetings})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, Meeting.objects.with_summary())
    attendances = list(meeting.attendances.all())
    items = list(meeting.agenda_items.all())
    return render(
        request,
        "minutes/meeting_detail.html",
        {
            "meeting": meeting,
            "participants": [a for a in attendances if a.status == "present"],
            "apologies": [a for a in attendances if a.status != "present"],
            "regular_items": [i for i in items if i.kind == "regular"],
            "aob_items": [i for i in items if i.kind == "aob"],
        },
    )


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(Document.objects.select_related("meeting"), pk=pk)
    get_meeting_for_user(request, document.meeting_id)
    if not document.file:
        raise Http404("This document is a link, not a file.")
    return FileResponse(document.file.open("rb"), as_attachment=True)
