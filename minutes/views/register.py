"""The record's own reading pages: the decision register, a decision, topics and their history."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lib import readcache
from lib.csvsafe import safe_row
from lib.querystring import query_without_page
from minutes import access
from minutes.filters import DecisionFilterSet
from minutes.models import ActionPoint, AgendaItem, Decision, Meeting, Topic

DECISIONS_PER_PAGE = 50
MEETINGS_PER_TOPIC_PAGE = 20


@login_required
@require_safe
def decision_list(request: HttpRequest) -> HttpResponse:
    def filtered() -> DecisionFilterSet:
        decisions = (
            access.decisions_for(request.user)
            .select_related("agenda_item__meeting__body")
            .prefetch_related("topics")
            .order_by("-agenda_item__meeting__start", "agenda_item__position", "position", "pk")
        )
        return DecisionFilterSet(request.GET or None, queryset=decisions, user=request.user)

    if request.GET.get("format") == "csv":
        return _decisions_csv(filtered().qs)
    # The filters, the count and the rows are built only when the cached count or rendering
    # is missing (the template's `cachedfragment`): a page served from the cache builds none.
    querystring = query_without_page(request)
    filterset = SimpleLazyObject(filtered)
    page = readcache.KeptCountPaginator(
        lambda: filterset.qs,
        DECISIONS_PER_PAGE,
        key=access.reader_parts(request.user, "register", querystring),
        actions=False,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "minutes/decision_list.html",
        {"filterset": filterset, "page": page, "querystring": querystring},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _decisions_csv(decisions) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        # The BOM makes Excel read UTF-8 (António, not AntÃ³nio).
        yield "\ufeff" + writer.writerow(
            [
                _("Reference"),
                _("Kind"),
                _("Decision"),
                _("Date"),
                _("Body"),
                _("Meeting"),
                _("Agenda item"),
                _("Topics"),
            ]
        )
        for d in decisions.iterator(chunk_size=2000):
            meeting = d.agenda_item.meeting
            yield writer.writerow(
                safe_row(
                    [
                        d.reference,
                        d.get_kind_display(),
                        d.text,
                        meeting.start.date().isoformat(),
                        meeting.body.name,
                        meeting.title,
                        d.agenda_item.title,
                        "; ".join(t.name for t in d.topics.all()),
                    ]
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    return response


@login_required
@require_safe
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(
        access.decisions_for(request.user)
        .select_related("agenda_item__meeting__body")
        .prefetch_related(
            "topics",
            Prefetch(
                "action_points",
                queryset=ActionPoint.objects.order_by("reference")
                .select_related("agenda_item__meeting")
                .prefetch_related("owner_organizations", "owner_people"),
            ),
        ),
        pk=pk,
    )
    return render(request, "minutes/decision_detail.html", {"decision": decision})


def _count(rows, topic_field: str) -> Subquery:
    rows = rows.filter(**{topic_field: OuterRef("pk")})
    counted = rows.order_by().values(topic_field).annotate(n=Count("pk")).values("n")
    return Subquery(counted, output_field=IntegerField())


@login_required
@require_safe
def topic_list(request: HttpRequest) -> HttpResponse:
    # Counts as subqueries: three COUNT joins on one row would multiply each other.
    topics = Topic.objects.annotate(
        item_count=_count(access.items_with_content_for(request.user), "topics"),
        decision_count=_count(access.decisions_for(request.user), "topics"),
        action_count=_count(access.actions_for(request.user), "topics"),
    ).order_by("name")
    return render(request, "minutes/topic_list.html", {"topics": topics})


@login_required
@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)

    def meetings():
        # IN (subquery) under OR becomes three hashed lookups computed once; EXISTS under OR
        # would run three correlated subqueries for every meeting of the archive.
        tagged = (
            Q(pk__in=AgendaItem.objects.filter(topics=topic).values("meeting_id"))
            | Q(pk__in=Decision.objects.filter(topics=topic).values("agenda_item__meeting_id"))
            | Q(pk__in=ActionPoint.objects.filter(topics=topic).values("agenda_item__meeting_id"))
        )
        return (
            access.meetings_with_content_for(request.user)
            .filter(tagged)
            .select_related("body")
            .order_by("start", "pk")
        )

    page = readcache.KeptCountPaginator(
        meetings,
        MEETINGS_PER_TOPIC_PAGE,
        key=access.reader_parts(request.user, "topic", topic.pk),
    ).get_page(request.GET.get("page"))
    # Read only when the template renders it: a cached rendering needs none of it.
    history = SimpleLazyObject(lambda: _topic_history(topic, list(page.object_list)))
    return render(
        request,
        "minutes/topic_detail.html",
        {"topic": topic, "page": page, "history": history},
    )


def _topic_history(topic: Topic, meetings: list[Meeting]) -> list[dict]:
    """Per meeting, in date order: its items, decisions and actions tagged with the topic."""
    ids = [m.pk for m in meetings]
    items = (
        AgendaItem.objects.filter(meeting__in=ids, topics=topic)
        .select_related("meeting")
        .order_by("position")
    )
    decisions = Decision.objects.filter(agenda_item__meeting__in=ids, topics=topic).select_related(
        "agenda_item"
    )
    actions = (
        ActionPoint.objects.filter(agenda_item__meeting__in=ids, topics=topic)
        .select_related("agenda_item__meeting")
        .prefetch_related("owner_organizations")
    )
    history = {m.pk: {"meeting": m, "items": [], "decisions": [], "actions": []} for m in meetings}
    for item in items:
        history[item.meeting_id]["items"].append(item)
    for decision in decisions:
        history[decision.agenda_item.meeting_id]["decisions"].append(decision)
    for action in actions:
        history[action.agenda_item.meeting_id]["actions"].append(action)
    return [history[m.pk] for m in meetings]
