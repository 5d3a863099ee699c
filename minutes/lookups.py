"""Search as you type in the filters: the JSON answer of a look-up, and the body filter.

A look-up answers what a reader may see, through `minutes.access`; its answer for a term is
kept per reader (`lib.readcache`), as the same term is typed by many readers letter by letter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.http import HttpRequest, JsonResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from lib import readcache
from lib.lookups import LookupChoiceField, LookupChoiceFilter, holding_every_word
from minutes import access
from participants.models import Body

ROWS = 10
TERM_LENGTH = 100
BODY_SEARCH_FIELDS = ("name", "short_name")
# What a body choice, as a form field or a filter, is made of besides the reader's bodies.
BODY_CHOICE = {
    "lookup_url": reverse_lazy("minutes:body_lookup"),
    "search_fields": BODY_SEARCH_FIELDS,
    "label": _("Body"),
}


def suggestions(
    request: HttpRequest,
    name: str,
    find: Callable[[str], Iterable[tuple[int, str]]],
    *,
    actions: bool = True,
) -> JsonResponse:
    """A look-up's answer for the typed term (`?q=`): `find(term)` gives its rows as (id, label).
    `actions=False` when the rows read no action point (lib.readcache)."""
    term = request.GET.get("q", "").strip()[:TERM_LENGTH]
    if len(term) < 2:
        return JsonResponse({"results": []})
    rows = readcache.kept(
        name,
        access.reader_parts(request.user, term.casefold()),
        lambda: list(find(term)),
        actions=actions,
    )
    return JsonResponse({"results": [{"id": pk, "label": label} for pk, label in rows]})


def find_bodies(user, term: str) -> Iterable[tuple[int, str]]:
    """Bodies this user may read whose name or short name holds every word of the term."""
    bodies = holding_every_word(access.readable_bodies(user), term, BODY_SEARCH_FIELDS)
    return bodies.order_by("name", "pk").values_list("pk", "name")[:ROWS]


def body_field(**kwargs) -> LookupChoiceField:
    """A form's choice of one body; the form gives it `access.readable_bodies(user)`."""
    return LookupChoiceField(Body.objects.none(), required=False, **{**BODY_CHOICE, **kwargs})


def body_filter(**kwargs) -> LookupChoiceFilter:
    """A filter set's choice of one body; the set gives it `access.readable_bodies(user)`."""
    return LookupChoiceFilter(queryset=Body.objects.none(), **{**BODY_CHOICE, **kwargs})
