"""django-filter set for the decision register."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lib import dates
from minutes import access, lookups
from minutes.models import Decision, Topic

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


class DecisionFilterSet(django_filters.FilterSet):
    """The decision register's filters."""

    text = django_filters.CharFilter(label=_("Text or reference"), method="filter_text")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Decision.Kind.choices, empty_label=_("All kinds")
    )
    body = lookups.body_filter(field_name="agenda_item__meeting__body", empty_label=_("All bodies"))
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Topic.objects.all(),
        empty_label=_("All topics"),
    )
    date_from = dates.DateFilter(
        label=_("From"),
        field_name="agenda_item__meeting__start",
        lookup_expr="date__gte",
        widget=DATE_WIDGET,
    )
    date_to = dates.DateFilter(
        label=_("To"),
        field_name="agenda_item__meeting__start",
        lookup_expr="date__lte",
        widget=DATE_WIDGET,
    )

    class Meta:
        model = Decision
        fields = ["text", "kind", "body", "topic", "date_from", "date_to"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["body"].queryset = access.readable_bodies(user)

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(Q(text__icontains=word) | Q(reference__icontains=word))
        return queryset
