from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lib import dates, due
from minutes.models import ActionPoint, Meeting, Topic
from minutes.services import REVIEW_DEFERRED, REVIEW_DROPPED, REVIEW_OUTCOMES, REVIEW_PROGRESS
from participants.models import Organization, Person

KEEP = ""
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgressForm(forms.Form):
    """A new entry in an action's log, optionally changing its status or due date."""

    text = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("To drop the action, give the reason here."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(KEEP, _("Keep the current status")), *ActionPoint.Status.choices],
        required=False,
    )
    due_date = dates.DateField(
        label=_("New due date"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Any day in the period: the period's last day is stored."),
    )
    due_precision = forms.ChoiceField(
        label=_("Precision of the new due date"),
        choices=[(KEEP, _("Keep the current due date")), *ActionPoint.Precision.choices],
        required=False,
    )
    meeting = forms.ModelChoiceField(
        label=_("Reviewed at meeting"), queryset=Meeting.objects.none(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action: ActionPoint, can_review: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.initial.setdefault("version", action.version)
        if can_review:
            self.fields["meeting"].queryset = Meeting.objects.filter(
                body_id=action.agenda_item.meeting.body_id
            ).order_by("-start")
        else:
            del self.fields["meeting"]

    def clean(self):
        data = super().clean()
        precision = data.get("due_precision")
        if precision and precision != due.NONE and not data.get("due_date"):
            self.add_error("due_date", _("Give the new due date, or choose 'No date'."))
        if data.get("due_date") and not precision:
            self.add_error("due_precision", _("Say how precise the new due date is."))
        return data


class ActionEditForm(forms.Form):
    """Secretariat: correct what an action says, who owns it and when it is due."""

    text = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    organizations = forms.ModelMultipleChoiceField(
        label=_("Owner organisations"), queryset=Organization.objects.all(), required=False
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Owner people"), queryset=Person.objects.all(), required=False
    )
    owner_note = forms.CharField(
        label=_("Owner note"),
        required=False,
        max_length=200,
        help_text=_('When no one is named: "the Network", "at the working level".'),
    )
    due_date = dates.DateField(
        label=_("Due date"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Any day in the period: the period's last day is stored."),
    )
    due_precision = forms.ChoiceField(label=_("Precision"), choices=ActionPoint.Precision.choices)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, action: ActionPoint) -> dict:
        return {
            "text": action.text,
            "organizations": list(action.owner_organizations.all()),
            "people": list(action.owner_people.all()),
            "owner_note": action.owner_note,
            "due_date": action.due_date,
            "due_precision": action.due_precision,
            "topics": list(action.topics.all()),
            "version": action.version,
        }

    def clean(self):
        data = super().clean()
        if data.get("due_precision", due.NONE) != due.NONE and not data.get("due_date"):
            self.add_error("due_date", _("Give the due date, or choose 'No date'."))
        return data


class BulkChangeForm(forms.Form):
    """Secretariat: change status and/or owners of the selected rows of the tracker."""

    rows = forms.MultipleChoiceField(label=_("Selected action points"), choices=[])
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(KEEP, _("Keep")), *ActionPoint.Status.choices],
        required=False,
    )
    set_owners = forms.BooleanField(label=_("Replace owners"), required=False)
    organizations = forms.ModelMultipleChoiceField(
        label=_("Owner organisations"), queryset=Organization.objects.all(), required=False
    )
    # Names, not a select: a list of everyone who ever attended would outweigh the page.
    people = forms.CharField(
        label=_("Owner people"),
        required=False,
        max_length=2000,
        help_text=_("Full names, separated by semicolons."),
    )
    note = forms.CharField(label=_("Note for the log"), required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rows"].choices = choices

    def clean_people(self) -> list[Person]:
        names = [n.strip() for n in self.cleaned_data["people"].split(";") if n.strip()]
        found: dict[str, list[Person]] = {}
        for person in Person.objects.filter(name__in=names).order_by("pk"):
            found.setdefault(person.name, []).append(person)
        unknown = [n for n in names if n not in found]
        if unknown:
            raise forms.ValidationError(
                _("No person is named %(names)s.") % {"names": "; ".join(unknown)}
            )
        several = [n for n in names if len(found[n]) > 1]
        if several:
            raise forms.ValidationError(
                _("Several people are named %(names)s: set their owners on each action's page.")
                % {"names": "; ".join(several)}
            )
        return list(dict.fromkeys(found[n][0] for n in names))

    def clean(self):
        data = super().clean()
        if not data.get("status") and not data.get("set_owners"):
            raise forms.ValidationError(_("Choose a new status, or tick 'Replace owners'."))
        if data.get("status") == ActionPoint.Status.DROPPED and not data.get("note", "").strip():
            self.add_error("note", _("Dropping actions needs a reason."))
        return data


class ReviewForm(forms.Form):
    """One row of the follow-up formset: the outcome of one action reviewed at a meeting."""

    action = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Not reviewed")), *REVIEW_OUTCOMES.items()],
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the work stands; the reason when dropped."),
    )
    due_date = dates.DateField(label=_("New due date"), required=False, widget=DATE_INPUT)
    due_precision = forms.ChoiceField(
        label=_("Precision"),
        choices=[(p, label) for p, label in ActionPoint.Precision.choices if p != due.NONE],
        required=False,
        initial=due.DAY,
    )

    def clean(self):
        data = super().clean()
        outcome, note = data.get("outcome"), data.get("note", "").strip()
        if outcome == REVIEW_DROPPED and not note:
            self.add_error("note", _("Dropping needs a reason."))
        if outcome == REVIEW_PROGRESS and not note:
            self.add_error("note", _("Say where the work stands."))
        if outcome == REVIEW_DEFERRED and not data.get("due_date"):
            self.add_error("due_date", _("Give the new due date."))
        return data


ReviewFormSet = forms.formset_factory(ReviewForm, extra=0)
