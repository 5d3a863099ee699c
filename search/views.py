from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from lib.querystring import query_without_page
from minutes.models import Meeting
from search import backend
from search.filters import SearchFilterSet

RESULTS_PER_PAGE = 20
DECISIONS_PER_PAGE = 50
MEETINGS_PER_TOPIC_PAGE = 20


@login_required
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    # The filters (their choices are the reader's), the search and its results are built only
    # when the template renders a piece that is not cached (`cachedfragment`, keyed by the
    # query string): the same search by the same reader again builds none of them.
    filterset = SimpleLazyObject(
        lambda: SearchFilterSet(
            request.GET or None, queryset=Meeting.objects.none(), user=request.user
        )
    )
    query = request.GET.get("q", "").strip()

    def found() -> dict:
        if not filterset.is_valid():
            return {}
        page = hits = None
        filters = filterset.as_filters()
        results = backend.search(user=request.user, query=query, filters=filters)
        if results is not None:
            page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
            hits = backend.hydrate(page.object_list, query)
        suggestion = None
        if results is None or results.count() < backend.SUGGEST_BELOW:
            suggestion = backend.suggest(user=request.user, query=query, filters=filters)
        return {
            "page": page,
            "hits": hits,
            "suggestion": suggestion,
            "suggestion_querystring": _with_query(request, suggestion),
        }

    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "filterset": filterset,
            "found": SimpleLazyObject(found) if query else {},
            "querystring": query_without_page(request),
            "count_cap": backend.COUNT_CAP,
        },
    )


def _with_query(request: HttpRequest, query: str | None) -> str:
    """The search's query string (filters kept, first page) with another query."""
    if not query:
        return ""
    params = request.GET.copy()
    params.pop("page", None)
    params["q"] = query
    return params.urlencode()
