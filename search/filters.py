"""django-filter sets for the search page and the decision register."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from lib import dates
from minutes.models import ActionPoint, Decision, Topic
from participants.models import Body, Organization
from search.backend import KINDS, Filters

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


class SearchFilterSet(django_filters.FilterSet):
    """The search page's filters. They narrow every kind's query (see search.backend), so this
    set is used for its form and validation; as_filters() hands the clean values over."""

    q = django_filters.CharFilter(label="Search for", method="noop")
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=list(KINDS.items()), empty_label="All kinds", method="noop"
    )
    body = django_filters.ModelChoiceFilter(
        label="Body", queryset=Body.objects.all(), empty_label="All bodies", method="noop"
    )
    date_from = dates.DateFilter(label="From", widget=DATE_WIDGET, method="noop")
    date_to = dates.DateFilter(label="To", widget=DATE_WIDGET, method="noop")
    topic = django_filters.ModelChoiceFilter(
        label="Topic", queryset=Topic.objects.all(), empty_label="All topics", method="noop"
    )
    organization = django_filters.ModelChoiceFilter(
        label="Organisation",
        queryset=Organization.objects.all(),
        empty_label="All organisations",
        method="noop",
    )
    status = django_filters.ChoiceFilter(
        label="Action status",
        choices=ActionPoint.Status.choices,
        empty_label="Any status",
        method="noop",
    )

    def noop(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset

    def as_filters(self) -> Filters:
        data = self.form.cleaned_data
        return Filters(
            kind=data.get("kind") or "",
            body=data.get("body"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            topic=data.get("topic"),
            organization=data.get("organization"),
            status=data.get("status") or "",
        )


class DecisionFilterSet(django_filters.FilterSet):
    """The decision register's filters."""

    text = django_filters.CharFilter(label="Text or reference", method="filter_text")
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=Decision.Kind.choices, empty_label="All kinds"
    )
    body = django_filters.ModelChoiceFilter(
        label="Body",
        field_name="agenda_item__meeting__body",
        queryset=Body.objects.all(),
        empty_label="All bodies",
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic", field_name="topics", queryset=Topic.objects.all(), empty_label="All topics"
    )
    date_from = dates.DateFilter(
        label="From",
        field_name="agenda_item__meeting__start",
        lookup_expr="date__gte",
        widget=DATE_WIDGET,
    )
    date_to = dates.DateFilter(
        label="To",
        field_name="agenda_item__meeting__start",
        lookup_expr="date__lte",
        widget=DATE_WIDGET,
    )

    class Meta:
        model = Decision
        fields = ["text", "kind", "body", "topic", "date_from", "date_to"]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(Q(text__icontains=word) | Q(reference__icontains=word))
        return queryset
