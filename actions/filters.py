"""The tracker's filters: every choice lives in the query string, so a view can be bookmarked."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from lib import dates
from minutes import access, lookups
from minutes.models import ActionPoint, Meeting, Topic
from participants import zones
from participants.models import Organization, Person

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
    # Owner person and meeting: years of records are too many to list in a select. A text
    # field matched on the server works without JavaScript; with it, static/js/lookup.js
    # suggests names as one types (its data-lookup-url) and a pick fills the hidden id.
    owner = django_filters.CharFilter(
        method="filter_owner",
        label=_("Owner person"),
        widget=forms.TextInput(
            attrs={
                "data-lookup-url": reverse_lazy("actions:owner_lookup"),
                "data-lookup-for": "id_person",
                "autocomplete": "off",
            }
        ),
    )
    person = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(),
        field_name="owner_people",
        label=_("Owner person (chosen)"),
        distinct=True,
        widget=forms.HiddenInput,
    )
    body = lookups.body_filter(field_name="agenda_item__meeting__body")
    meeting_text = django_filters.CharFilter(
        method="filter_meeting_text",
        label=_("Meeting"),
        widget=forms.TextInput(
            attrs={"data-lookup-url": reverse_lazy("actions:meeting_lookup"),
                   "data-lookup-for": "id_meeting", "autocomplete": "off",
                   "placeholder": _("Title words or a date, e.g. 2023-03-20")}
        ),
    )  # fmt: skip
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.none(),
        field_name="agenda_item__meeting",
        label=_("Meeting (chosen)"),
        widget=forms.HiddenInput,
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
        self.user = user

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

    def filter_owner(self, queryset, name, value):
        value = value.strip()
        if not value or self.form.cleaned_data.get("person"):
            return queryset  # a name picked from the suggestions is filtered by its id
        return queryset.filter(owner_people__name__icontains=value).distinct()

    def filter_meeting_text(self, queryset, name, value):
        value = value.strip()
        if not value or self.form.cleaned_data.get("meeting"):
            return queryset
        return queryset.filter(agenda_item__meeting__in=matching_meetings(self.user, value))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue(zones.today())

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["meeting"])[1])


def matching_meetings(user, text: str):
    """Meetings this user may see matched by typed text: a date (2023-03-20) as the meeting's
    body counts its days, else words of the title."""
    meetings = access.meetings_with_content_for(user)
    try:
        day = datetime.date.fromisoformat(text.strip())
    except ValueError:
        condition = Q()
        for word in text.split()[:8]:
            condition &= Q(title__icontains=word)
        return meetings.filter(condition)
    # Every zone's calendar day lies within a day either side of the same UTC date.
    near = meetings.filter(
        start__gte=datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time(), datetime.UTC),
        start__lt=datetime.datetime.combine(day + datetime.timedelta(days=2), datetime.time(), datetime.UTC),
    ).prefetch_related("body__time_zones")  # fmt: skip
    return meetings.filter(
        pk__in=[
            m.pk for m in near.select_related("body") if zones.local_date(m.start, m.body) == day
        ]
    )
