"""The tracker's filters: every choice lives in the query string, so a view can be bookmarked."""

from __future__ import annotations

import functools

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from lib import dates
from minutes import access
from minutes.models import ActionPoint, Meeting, Topic
from participants import zones
from participants.models import Body, Organization, Person

# Open work first, in the order a follow-up reads; undated actions last whatever the database.
STATUS_ORDER = Case(
    *(When(status=s, then=Value(i)) for i, s in enumerate(ActionPoint.Status.values)),
    output_field=IntegerField(),
)
MEETING_ORDER = ["-agenda_item__meeting__start", "agenda_item__position", "position", "pk"]
SORTS = {
    "meeting": (_("Newest meeting first"), MEETING_ORDER),
    "due": (_("Due date, earliest first"), [F("due_date").asc(nulls_last=True), *MEETING_ORDER]),
    "-due": (_("Due date, latest first"), [F("due_date").desc(nulls_last=True), *MEETING_ORDER]),
    "status": (_("Status"), [STATUS_ORDER, F("due_date").asc(nulls_last=True), *MEETING_ORDER]),
}


MEETING_CHOICES = 200


class ActionPointFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Text"))
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ActionPoint.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label=_("Overdue only"),
        widget=forms.CheckboxInput,
    )
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(),
        field_name="owner_organizations",
        label=_("Owner organisation"),
        distinct=True,
    )
    person = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(),
        field_name="owner_people",
        label=_("Owner person"),
        distinct=True,
    )
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.all(), field_name="agenda_item__meeting__body", label=_("Body")
    )
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.none(), field_name="agenda_item__meeting", label=_("Meeting")
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(), field_name="topics", label=_("Topic"), distinct=True
    )
    due_after = dates.DateFilter(
        field_name="due_date",
        lookup_expr="gte",
        label=_("Due from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_before = dates.DateFilter(
        field_name="due_date",
        lookup_expr="lte",
        label=_("Due until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        empty_label=None,
    )

    class Meta:
        model = ActionPoint
        fields: list[str] = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Only meetings whose action points this user may see are offered.
        meetings = access.meetings_with_content_for(user).select_related("body")
        self.filters["meeting"].queryset = meetings
        self.filters["organization"].queryset = access.organizations_for(user)
        self.filters["person"].queryset = access.people_for(user)
        self.filters["body"].queryset = access.readable_bodies(user)
        # Any visible meeting is accepted, but a select of years of meetings would weigh more
        # than the page: offer the most recent ones, and the chosen one wherever it is.
        field = self.form.fields["meeting"]
        chosen = str(self.form.data.get("meeting", "")) if self.form.data else ""

        @functools.cache
        def choices():  # evaluated when the form is rendered, never for the CSV export
            offered = list(meetings.order_by("-start")[:MEETING_CHOICES])
            if chosen.isdigit() and all(str(m.pk) != chosen for m in offered):
                offered += list(meetings.filter(pk=int(chosen)))
            return [("", field.empty_label), *((m.pk, str(m)) for m in offered)]

        field.widget.choices = choices

    @property
    def qs(self):
        queryset = super().qs
        # The default sort applies when none is chosen, so the CSV and the page agree.
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            queryset = queryset.order_by(*SORTS["meeting"][1])
        return queryset

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(text__icontains=value)
            | Q(reference__icontains=value)
            | Q(owner_note__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue(zones.today())

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["meeting"])[1])
