"""The import form and the preview's forms, in which the secretariat corrects what was found."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lib import dates
from minutes.models import AgendaItem, Attendance, Decision, Meeting
from participants.models import Body
from summaries import parser


class ImportForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.all(),
        empty_label=None,
        help_text=_("The committee that met."),
    )
    file = forms.FileField(
        required=False,
        label=_("Summary file"),
        help_text=_("A .docx, .odt, text PDF, .txt or .md file."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,.odt,.pdf,.txt,.md,.markdown,.adoc"}
        ),
    )
    text = forms.CharField(
        required=False,
        label=_("Or paste the text of the summary"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=settings.UPLOAD_MAX_BYTES,
    )

    def clean(self):
        data = super().clean()
        has_file, has_text = bool(data.get("file")), bool((data.get("text") or "").strip())
        if has_file == has_text:
            raise forms.ValidationError(
                _("Upload one file or paste the text, not both or neither.")
            )
        return data


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    level = forms.CharField(
        label=_("Level"), max_length=100, required=False, help_text=_("e.g. Principals.")
    )
    modality = forms.ChoiceField(
        label=_("Modality"),
        choices=[("", _("Not stated")), *Meeting.Modality.choices],
        required=False,
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    date = dates.DateField(
        label=_("Date"),
        help_text=_("Day of the meeting (YYYY-MM-DD)."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    end_time = forms.TimeField(
        label=_("End time"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    opening_remarks = forms.CharField(
        label=_("Opening remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown."),
    )
    create_new = forms.BooleanField(
        required=False, label=_("Create the new people and organisations listed above")
    )
    save_duplicate = forms.BooleanField(
        required=False, label=_("Save it although the body already has a meeting on that day")
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if end and not start:
            self.add_error("start_time", _("Give the start time too, or neither."))
        return data


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(
        label=pgettext_lazy("position held", "Title"), max_length=300, required=False
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=300, required=False, help_text=_("Division or office.")
    )
    organization = forms.CharField(
        label=_("Organization"),
        max_length=200,
        required=False,
        help_text=_("Acronym or name, as in the registry."),
    )
    role = forms.CharField(label=_("Role"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=Attendance.Status.choices, initial="present"
    )
    represented_by = forms.CharField(label=_("Represented by"), max_length=200, required=False)
    representing = forms.CharField(max_length=200, required=False, label=_("On behalf of"))
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=[("", _("Not stated")), ("in_person", _("In person")), ("online", _("Online"))],
        required=False,
    )
    also_present = forms.BooleanField(label=_("Also present"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("status") == Attendance.Status.REPRESENTED and not data.get("represented_by"):
            self.add_error("represented_by", _("Name who represented them."))
        return data


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaItem.Kind.choices, initial="regular")
    discussion = forms.CharField(
        label=_("Discussion"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class _UnderItemForm(forms.Form):
    item = forms.TypedChoiceField(coerce=int, label=_("Under item"))

    def __init__(self, *args, item_count: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty first choice, so a blank row left untouched is not a changed row.
        self.fields["item"].choices = [("", _("Choose an item"))] + [
            (n, f"Item {n}") for n in range(1, item_count + 1)
        ]


class DecisionForm(_UnderItemForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Decision.Kind.choices, initial="agreed")
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(_UnderItemForm):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(
        label=_("Owner"),
        max_length=300,
        required=False,
        help_text=_("Organisations or people, comma separated."),
    )
    due = forms.CharField(
        label=_("Due"),
        max_length=100,
        required=False,
        help_text=_("e.g. 30 June 2024, June 2024, Q3 2024."),
    )


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=1, can_delete=True)
ItemFormSet = forms.formset_factory(ItemForm, extra=1, can_delete=True)
DecisionFormSet = forms.formset_factory(DecisionForm, extra=1, can_delete=True)
ActionFormSet = forms.formset_factory(ActionForm, extra=1, can_delete=True)


def initial_data(summary: parser.Summary, zone, start, end) -> dict:
    """Initial values of every preview form, from what the parser found."""
    local_start = start.astimezone(zone) if start else None
    local_end = end.astimezone(zone) if end else None
    meeting = {
        "title": summary.title,
        "level": "Principals" if "principals" in summary.title.lower() else "",
        "modality": summary.modality,
        "location": summary.location,
        "date": local_start.date() if local_start else summary.date,
        "start_time": local_start.time() if local_start else None,
        "end_time": local_end.time() if local_end else None,
        "opening_remarks": summary.opening_remarks,
    }
    decisions, actions = [], []
    for number, item in enumerate(summary.items, start=1):
        decisions += [{"item": number, "kind": d.kind, "text": d.text} for d in item.decisions]
        actions += [
            {"item": number, "text": a.text, "owner": a.owner, "due": a.due} for a in item.actions
        ]
    return {
        "meeting": meeting,
        "participants": [
            {
                "name": p.name,
                "title": p.title,
                "unit": p.unit,
                "organization": p.organization,
                "role": p.role,
                "status": p.status,
                "represented_by": p.represented_by,
                "representing": p.representing,
                "mode": p.mode,
                "also_present": p.also_present,
            }
            for p in summary.participants
        ],
        "items": [
            {"title": i.title, "kind": i.kind, "discussion": i.discussion} for i in summary.items
        ],
        "decisions": decisions,
        "actions": actions,
    }


def summary_from_forms(meeting: dict, participants, items, decisions, actions) -> parser.Summary:
    """The corrected summary, from valid forms (deleted and untouched extra rows left out)."""

    def rows(formset):
        return [
            f.cleaned_data
            for f in formset.forms
            if f.has_changed() or f.initial
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]

    kept_items = []
    numbering: dict[int, int] = {}
    for number, form in enumerate(items.forms, start=1):
        data = form.cleaned_data
        if not data or data.get("DELETE") or not (form.has_changed() or form.initial):
            continue
        kept_items.append(
            parser.Item(title=data["title"], kind=data["kind"], discussion=data["discussion"])
        )
        numbering[number] = len(kept_items) - 1
    for data in rows(decisions):
        if data["item"] in numbering:
            kept_items[numbering[data["item"]]].decisions.append(
                parser.Decision(kind=data["kind"], text=data["text"])
            )
    for data in rows(actions):
        if data["item"] in numbering:
            kept_items[numbering[data["item"]]].actions.append(
                parser.Action(text=data["text"], owner=data["owner"], due=data["due"])
            )
    return parser.Summary(
        title=meeting["title"],
        modality=meeting["modality"],
        location=meeting["location"],
        date=meeting["date"],
        opening_remarks=meeting["opening_remarks"],
        participants=[
            parser.Participant(
                name=d["name"],
                title=d["title"],
                unit=d["unit"],
                organization=d["organization"],
                role=d["role"],
                representing=d["representing"],
                mode=d["mode"],
                also_present=d["also_present"],
                status=d["status"],
                represented_by=d["represented_by"]
                if d["status"] == Attendance.Status.REPRESENTED
                else "",
            )
            for d in rows(participants)
        ],
        items=kept_items,
    )


def orphans(items, decisions, actions) -> list[str]:
    """Decisions or actions left under an item that is deleted or was never filled in."""
    live = {
        n
        for n, f in enumerate(items.forms, start=1)
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and (f.has_changed() or f.initial)
    }
    problems = []
    for label, formset in ((_("decision"), decisions), (_("action point"), actions)):
        for form in formset.forms:
            data = form.cleaned_data
            kept = data and not data.get("DELETE") and (form.has_changed() or form.initial)
            if kept and data["item"] not in live:
                problems.append(
                    _("A %(what)s is under item %(item)s, which is not kept.")
                    % {"what": label, "item": data["item"]}
                )
    return problems


def combine(day: datetime.date, time: datetime.time | None, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, time or datetime.time(0, 0), tzinfo=zone)


class PreviewForms:
    """The preview's meeting form and its four formsets, bound or not, handled as one."""

    def __init__(self, data, initial: dict) -> None:
        item_count = len(initial["items"]) + 1
        under = {"item_count": item_count}
        self.meeting = MeetingForm(data, initial=initial["meeting"], prefix="meeting")
        self.formsets = {
            "participants": ParticipantFormSet(
                data, initial=initial["participants"], prefix="participants"
            ),
            "items": ItemFormSet(data, initial=initial["items"], prefix="items"),
            "decisions": DecisionFormSet(
                data, initial=initial["decisions"], prefix="decisions", form_kwargs=under
            ),
            "actions": ActionFormSet(
                data, initial=initial["actions"], prefix="actions", form_kwargs=under
            ),
        }

    def is_valid(self) -> bool:
        return all([self.meeting.is_valid(), *(f.is_valid() for f in self.formsets.values())])

    def summary(self) -> parser.Summary:
        f = self.formsets
        return summary_from_forms(
            self.meeting.cleaned_data, f["participants"], f["items"], f["decisions"], f["actions"]
        )

    def problems(self, summary: parser.Summary) -> list[str]:
        f = self.formsets
        found = orphans(f["items"], f["decisions"], f["actions"])
        if not summary.items:
            found.append(_("Keep at least one agenda item."))
        return found

    def typed_participants(self) -> list[parser.Participant]:
        """The names as typed, for the flags, when the forms do not validate."""
        return [
            parser.Participant(
                name=form["name"].value() or "",
                organization=form["organization"].value() or "",
                represented_by=form["represented_by"].value() or "",
            )
            for form in self.formsets["participants"].forms
        ]

    def times(self, zone) -> dict:
        data = self.meeting.cleaned_data
        end = data["end_time"]
        return {
            "start": combine(data["date"], data["start_time"], zone),
            "end": combine(data["date"], end, zone) if end else None,
            "has_times": data["start_time"] is not None,
        }
