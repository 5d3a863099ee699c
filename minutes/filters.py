"""django-filter set for the decision register."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from lib import dates
from minutes.models import Decision, Topic
from participants.models import Body

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


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
