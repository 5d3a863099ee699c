"""django-filter sets for the search page and the decision register."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lib import dates
from minutes import access, lookups
from minutes.filters import DATE_WIDGET
from minutes.models import ActionPoint, Topic
from participants.models import Organization
from search.backend import KINDS, Filters


class SearchFilterSet(django_filters.FilterSet):
    """The search page's filters. They narrow every kind's query (see search.backend), so this
    set is used for its form and validation; as_filters() hands the clean values over."""

    q = django_filters.CharFilter(label=_("Search for"), method="noop")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=list(KINDS.items()), empty_label=_("All kinds"), method="noop"
    )
    body = lookups.body_filter(empty_label=_("All bodies"), method="noop")
    date_from = dates.DateFilter(label=_("From"), widget=DATE_WIDGET, method="noop")
    date_to = dates.DateFilter(label=_("To"), widget=DATE_WIDGET, method="noop")
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), empty_label=_("All topics"), method="noop"
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organization.objects.all(),
        empty_label=_("All organisations"),
        method="noop",
    )
    status = django_filters.ChoiceFilter(
        label=_("Action status"),
        choices=ActionPoint.Status.choices,
        empty_label=_("Any status"),
        method="noop",
    )

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is not None:
            # Only organisations and bodies this reader may see are offered.
            self.filters["organization"].queryset = access.organizations_for(user)
            self.filters["body"].queryset = access.readable_bodies(user)

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
