"""A summary's version in a second language: read beside the original, written by the
secretariat."""

from __future__ import annotations

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minutes import access, services
from minutes.access import get_meeting_for_user, secretariat_required
from minutes.models import READ_IN, Meeting, SummaryTranslation


class TranslationForm(django_forms.Form):
    text = django_forms.CharField(
        label=gettext_lazy("Translated summary"),
        widget=django_forms.Textarea(attrs={"rows": 24}),
        help_text=gettext_lazy(
            "Markdown. The text of the summary only: attendance, decisions and action points "
            "stay recorded once, in the original."
        ),
    )
    version = django_forms.IntegerField(widget=django_forms.HiddenInput, required=False)


def _other_language(meeting: Meeting, language: str) -> str:
    if language not in dict(settings.LANGUAGES) or language == meeting.language:
        raise Http404("No such version of this summary.")
    return language


@login_required
def translation_detail(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """Visible exactly when the meeting's summary is (minutes.access.can_read_content)."""
    meeting = get_meeting_for_user(request, pk, Meeting.objects.select_related("body"))
    if not access.can_read_content(request.user, meeting):
        raise Http404("No such version of this summary.")
    translation = get_object_or_404(
        SummaryTranslation, meeting=meeting, language=_other_language(meeting, language)
    )
    return render(
        request,
        "minutes/translation_detail.html",
        {
            "meeting": meeting,
            "translation": translation,
            "read_original": READ_IN.get(meeting.language, meeting.get_language_display()),
        },
    )


@secretariat_required
def translation_edit(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    language = _other_language(meeting, language)
    current = SummaryTranslation.objects.filter(meeting=meeting, language=language).first()
    initial = {"text": current.text, "version": current.version} if current else {}
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            translation = services.summary_translation_save(
                meeting=meeting,
                language=language,
                text=form.cleaned_data["text"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except services.ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The translated summary is saved."))
            return redirect(translation)
    return render(
        request,
        "minutes/translation_form.html",
        {
            "meeting": meeting,
            "form": form,
            "language": language,
            "language_name": dict(settings.LANGUAGES)[language],
            "current": current,
        },
    )
