"""The secretariat's editor forms and the principals' review forms."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.forms import formset_factory, modelformset_factory
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lib import dates, due, uploads
from lib.agenda import is_aob_title
from lib.timefmt import zone_label
from minutes import access, lookups
from minutes.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Meeting,
    ReviewComment,
    Topic,
)
from participants import zones
from participants.models import Body, Organization, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.Form):
    """Date and times are typed in the body's primary zone and stored as UTC instants."""

    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.all())
    level = forms.CharField(
        label=_("Level"), max_length=100, required=False, help_text=_("e.g. Principals.")
    )
    modality = forms.ChoiceField(label=_("Modality"), choices=Meeting.Modality.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_(
            "Leave empty for “Body Level (Modality) Meeting”, e.g. Executive Committee Principals (Virtual) Meeting."
        ),
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        initial="en",
        label=_("Language of the summary"),
        help_text=_("Its exports and printed copy use this language's headings and dates."),
    )
    date = dates.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=TIME,
        required=False,
        help_text=_("In the body's first time zone."),
    )
    end_time = forms.TimeField(label=_("End time"), widget=TIME, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(Meeting.Status.PLANNED, _("Planned")), (Meeting.Status.DRAFT, _("Draft"))],
        help_text=_("Planned meetings show their agenda to principals; drafts are hidden."),
    )
    opening_remarks = forms.CharField(
        label=_("Opening remarks"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Markdown."),
    )
    # Creation only: the agenda and the attendance come with the meeting, in one step.
    agenda = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        label=_("Agenda"),
        help_text=_(
            "One item title per line, in order. An item titled AOB or “Any other "
            "business” is recorded as that."
        ),
    )
    propose_attendance = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Propose the attendance: the principal of each member organisation"),
        help_text=_("You adjust who took part on the next page."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown only once a meeting of the same body on the same day is found.
    save_anyway = forms.BooleanField(
        required=False,
        widget=forms.HiddenInput,
        label=_("Save anyway: this is a different meeting on the same day"),
    )

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        self.meeting = meeting
        self.duplicates: list[Meeting] = []
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(meeting)
        super().__init__(*args, **kwargs)
        if meeting is not None:
            del self.fields["agenda"], self.fields["propose_attendance"]
        if meeting is not None and meeting.status not in (
            Meeting.Status.PLANNED,
            Meeting.Status.DRAFT,
        ):
            # Circulation and approval change the status; the editor only sets the first two.
            del self.fields["status"]

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        zone, _label = zones.entry_zone(meeting.body)
        start = meeting.start.astimezone(zone)
        end = meeting.end.astimezone(zone) if meeting.end else None
        return {
            "body": meeting.body_id,
            "level": meeting.level,
            "modality": meeting.modality,
            "title": meeting.title,
            "location": meeting.location,
            "language": meeting.language,
            "date": start.date(),
            "start_time": start.time() if meeting.has_times else None,
            "end_time": end.time() if end and meeting.has_times else None,
            "status": meeting.status,
            "opening_remarks": meeting.opening_remarks,
            "version": meeting.version,
        }

    def clean(self) -> dict:
        data = super().clean()
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if end_time and not start_time:
            self.add_error("start_time", _("Give the start time as well as the end time."))
        if start_time and end_time and end_time < start_time:
            self.add_error("end_time", _("The meeting cannot end before it starts."))
        if self.meeting is None and data.get("body") and data.get("date"):
            self._check_duplicates(data)
        return data

    def _check_duplicates(self, data: dict) -> None:
        """A second meeting of a body on one day is usually the same one typed twice."""
        self.duplicates = list(
            Meeting.objects.same_day(data["body"], data["date"]).order_by("start")
        )
        if not self.duplicates:
            return
        field = self.fields["save_anyway"]
        field.widget = forms.CheckboxInput()
        if not data.get("save_anyway"):
            self.add_error(
                "save_anyway",
                _(
                    "%(data)s already has a meeting on this day. Open it from the list above, or tick this box to create another one."
                )
                % {"data": data["body"]},
            )

    def clean_agenda(self) -> list[str]:
        titles = [line.strip() for line in self.cleaned_data["agenda"].splitlines()]
        titles = [title for title in titles if title]
        too_long = [t for t in titles if len(t) > AgendaItem._meta.get_field("title").max_length]
        if too_long:
            raise forms.ValidationError(
                _("An item title is at most 500 characters; put each title on its own line.")
            )
        return titles

    def model_data(self) -> dict:
        """Fields for Meeting, with times made aware in the primary zone (DST-correct)."""
        data = self.cleaned_data
        body = data["body"]
        zone, _label = zones.entry_zone(body)
        has_times = data.get("start_time") is not None
        start = datetime.datetime.combine(
            data["date"], data["start_time"] or datetime.time(0), tzinfo=zone
        )
        end = (
            datetime.datetime.combine(data["date"], data["end_time"], tzinfo=zone)
            if data.get("end_time")
            else None
        )
        from minutes.services import default_title

        fields = {
            "body": body,
            "level": data["level"],
            "modality": data["modality"],
            "title": data["title"]
            or default_title(body=body, level=data["level"], modality=data["modality"]),
            "language": data.get("language")
            or (self.meeting.language if self.meeting is not None else "en"),
            "location": data["location"],
            "start": start,
            "end": end,
            "has_times": has_times,
            "opening_remarks": data["opening_remarks"],
        }
        if "status" in data:
            fields["status"] = data["status"]
        return fields


class PersonSearchForm(forms.Form):
    # Not "q": the site-wide search box in the header reads that one.
    find = forms.CharField(label=_("Find a person by name or organisation"), required=False)


class NewPersonForm(forms.Form):
    """Somebody not yet in the register, added without leaving the attendance page."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    title = forms.CharField(
        label=pgettext_lazy("position held", "Title"), max_length=300, required=False
    )
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.all(), required=False, label=_("Organisation")
    )
    new_organization_name = forms.CharField(
        max_length=200,
        required=False,
        label=_("Or a new organisation: name"),
    )
    new_organization_acronym = forms.CharField(max_length=40, required=False, label=_("Acronym"))

    def clean(self) -> dict:
        data = super().clean()
        name = data.get("new_organization_name", "").strip()
        acronym = data.get("new_organization_acronym", "").strip()
        if data.get("organization") and name:
            self.add_error("new_organization_name", _("Pick an organisation or name a new one."))
        if name and Organization.objects.filter(name__iexact=name).exists():
            self.add_error("new_organization_name", _("This organisation exists: pick it above."))
        if acronym and Organization.objects.filter(acronym__iexact=acronym).exists():
            self.add_error("new_organization_acronym", _("Another organisation has this acronym."))
        return data


class AttendanceForm(forms.ModelForm):
    # The version of the row the form was opened on: a save refuses a row changed since.
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Attendance
        fields = ["position", "organization", "title", "role", "status", "represented_by"]
        labels = {
            "organization": _("Organisation"),
            "title": pgettext_lazy("position held", "Title"),
            "role": _("Role"),
            "status": _("Status"),
            "represented_by": _("Represented by"),
        }
        # The order is set with the move buttons (and, with JavaScript, by moving the rows).
        widgets = {"position": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version

    def model_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}

    def clean(self) -> dict:
        data = super().clean()
        status, represented_by = data.get("status"), data.get("represented_by")
        if status == Attendance.Status.REPRESENTED and not represented_by:
            self.add_error("represented_by", _("Say who represented them."))
        if status != Attendance.Status.REPRESENTED and represented_by:
            self.add_error("status", _("Choose “Represented” when somebody stood in."))
        # person_id, not person: a row whose id matches none of this meeting's has no person.
        if represented_by and represented_by.pk == self.instance.person_id:
            self.add_error("represented_by", _("Somebody cannot represent themselves."))
        return data


AttendanceFormSet = modelformset_factory(Attendance, form=AttendanceForm, extra=0, can_delete=True)


class AgendaItemAddForm(forms.Form):
    title = forms.CharField(max_length=500, label=_("New item title"))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=AgendaItem.Kind.choices, initial=AgendaItem.Kind.REGULAR
    )

    def clean(self):
        data = super().clean()
        # An item called "AOB" or "Any other business" is that item, whatever the menu says.
        if is_aob_title(data.get("title", "")):
            data["kind"] = AgendaItem.Kind.AOB
        return data


class AgendaItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AgendaItem
        # What was said comes first: the title and kind were given with the agenda.
        fields = ["discussion", "title", "kind", "topics"]
        labels = {
            "title": _("Title"),
            "kind": _("Kind"),
            "discussion": _("Discussion"),
            "topics": _("Topics"),
        }
        widgets = {
            "discussion": forms.Textarea(attrs={"rows": 12}),
            "topics": forms.CheckboxSelectMultiple,
        }
        help_texts = {"discussion": _("Markdown: *emphasis*, [a link](https://…), lists.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self):
        data = super().clean()
        if "title" in self.changed_data and is_aob_title(data.get("title", "")):
            data["kind"] = AgendaItem.Kind.AOB
        return data


class DecisionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Decision.Kind.choices, initial=Decision.Kind.AGREED
    )
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


# One blank row: "Add a decision" reveals more in the page, "Save and add more" without scripts.
DecisionFormSet = formset_factory(DecisionForm, extra=1, can_delete=True)


class ActionPointForm(forms.Form):
    field_order = ["id", "version", "text", "decision"]

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    owner_organizations = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.all(), required=False, label=_("Owner organisations")
    )
    owner_people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.all(), required=False, label=_("Owner people")
    )
    owner_note = forms.CharField(
        max_length=200, required=False, label=_("Owner note"), help_text=_("e.g. the Network.")
    )
    due_day = dates.DateField(
        widget=DATE, required=False, label=_("Due"), help_text=_("Any day in the due period.")
    )
    due_precision = forms.ChoiceField(
        choices=ActionPoint.Precision.choices, initial=due.NONE, label=_("Due precision")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionPoint.Status.choices, initial="open"
    )
    # "d<id>" for a saved decision of the item, "new-<row>" for one added in the same save.
    decision = forms.ChoiceField(required=False, label=_("Follows from decision"))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, decision_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [("", _("None")), *decision_choices]

    @staticmethod
    def decision_choices(decisions, new_rows: range) -> list[tuple[str, str]]:
        """The item's saved decisions, then each blank decision row of the form."""
        saved = [
            (
                f"d{d.pk}",
                _("Decision %(n)s: %(text)s") % {"n": n, "text": Truncator(d.text).chars(60)},
            )
            for n, d in enumerate(decisions, start=1)
        ]
        new = [
            (f"new-{row}", _("Decision %(n)s (new, written above)") % {"n": n})
            for n, row in enumerate(new_rows, start=len(saved) + 1)
        ]
        return saved + new

    def clean(self) -> dict:
        data = super().clean()
        if data.get("text") and data.get("due_precision") != due.NONE and not data.get("due_day"):
            self.add_error("due_day", _("Give a day in the due period, or choose “No date”."))
        return data

    @staticmethod
    def initial_for(action: ActionPoint) -> dict:
        return {
            "id": action.pk,
            "version": action.version,
            "text": action.text,
            "owner_organizations": [o.pk for o in action.owner_organizations.all()],
            "owner_people": [p.pk for p in action.owner_people.all()],
            "owner_note": action.owner_note,
            "due_day": action.due_date,
            "due_precision": action.due_precision,
            "status": action.status,
            "decision": f"d{action.decision_id}" if action.decision_id else "",
            "topics": [t.pk for t in action.topics.all()],
        }


ActionPointFormSet = formset_factory(ActionPointForm, extra=1, can_delete=True)


class DocumentForm(forms.ModelForm):
    url = forms.URLField(
        max_length=1000, required=False, assume_scheme="https", label=_("Link (URL)")
    )

    class Meta:
        model = Document
        fields = ["title", "url", "file"]
        labels = {"title": _("Title"), "url": _("Link (URL)"), "file": _("Or upload a file")}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # A file already stored (the form re-shown for an existing row) was checked on upload.
        if not upload or not hasattr(upload, "content_type"):
            return upload
        if upload.size > settings.UPLOAD_MAX_BYTES:
            limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                _("The file is larger than the %(limit)s MB limit.") % {"limit": limit}
            )
        claimed = uploads.extension(upload.name)
        if claimed not in uploads.ALLOWED:
            raise forms.ValidationError(_("Upload a %(label)s file.") % {"label": uploads.LABEL})
        if not uploads.detect(upload, claimed=claimed):
            raise forms.ValidationError(
                _(
                    "This file is not the .%(claimed)s file its name says it is. Upload a %(label)s file."
                )
                % {"claimed": claimed, "label": uploads.LABEL}
            )
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if not self.has_changed():
            return data
        has_url, has_file = bool(data.get("url")), bool(data.get("file"))
        if has_url == has_file and not self.cleaned_data.get("DELETE"):
            raise forms.ValidationError(_("Give a link or upload a file: one of the two."))
        return data


DocumentFormSet = modelformset_factory(Document, form=DocumentForm, extra=1, can_delete=True)


class CirculateForm(forms.Form):
    deadline_date = dates.DateField(widget=DATE, label=_("Deadline date"))
    deadline_time = forms.TimeField(widget=TIME, label=_("Deadline time"), initial="17:00")

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone, label = zones.entry_zone(meeting.body)
        self.fields["deadline_time"].label = _("Deadline time (%(zone)s)") % {
            "zone": zone_label(label)
        }

    def deadline(self) -> datetime.datetime:
        return datetime.datetime.combine(
            self.cleaned_data["deadline_date"], self.cleaned_data["deadline_time"], tzinfo=self.zone
        )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason for the correction")
    )


class ReviewCommentForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("The whole summary"),
        label=_("On"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ReviewComment.Kind.choices,
        widget=forms.RadioSelect,
        initial="comment",
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Your comment"))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        field.queryset = AgendaItem.objects.filter(pk__in=[i.pk for i in items])
        # The summary page already holds the items: no query to render the choices.
        field.choices = [("", field.empty_label)] + [
            (i.pk, f"{n}. {i.title}") for n, i in enumerate(items, start=1)
        ]


class ResolveForm(forms.Form):
    reply = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Reply (optional)")
    )


class MeetingFilterForm(forms.Form):
    body = lookups.body_field(empty_label=_("All"))
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, statuses, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = access.readable_bodies(user)
        self.fields["status"].choices = [("", _("All"))] + [
            (value, label) for value, label in Meeting.Status.choices if value in statuses
        ]
