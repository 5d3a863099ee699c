"""Search across meetings, agenda items, decisions, action points, their progress and people.

On PostgreSQL one query over the stored search rows (search.models.SearchEntry) matches,
filters and ranks every kind together: each row carries copies of what the filters and the
visibility policy read, and the configuration of its meeting's language. On SQLite a UNION of
one SELECT per kind reads the records themselves. Either way the paginator slices the ranked
rows, and only the page's rows are then fetched with their highlighted excerpts: ts_headline
is costly, so it never runs on rows nobody sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from minutes import access
from minutes.markup import plain_text
from minutes.models import ActionPoint, ActionUpdate, AgendaItem, Attendance, Decision, Meeting
from participants.models import Organization, Person, Position
from search import fts
from search.models import SearchEntry

KINDS = {
    "decision": _("Decision"),
    "action": _("Action point"),
    "update": _("Action progress"),
    "item": _("Agenda item"),
    "meeting": _("Meeting"),
    "person": _("Person"),
    "organization": _("Organisation"),
}

MODELS = {
    "meeting": Meeting,
    "item": AgendaItem,
    "decision": Decision,
    "action": ActionPoint,
    "update": ActionUpdate,
    "person": Person,
    "organization": Organization,
}

# The path from each kind to its meeting (None: people and organisations have no meeting).
MEETING_PATH = {
    "meeting": "",
    "item": "meeting__",
    "decision": "agenda_item__meeting__",
    "action": "agenda_item__meeting__",
    "update": "action__agenda_item__meeting__",
    "person": None,
    "organization": None,
}

# What each kind shows a reader, from the visibility policy: only recorded content principals may
# read (so a planned meeting's agenda is not searched, and a progress entry recorded at a draft
# stays out until that summary is circulated), and people and organisations they may see.
READABLE = {
    "meeting": access.meetings_with_content_for,
    "item": access.items_with_content_for,
    "decision": access.decisions_for,
    "action": access.actions_for,
    "update": access.updates_for,
    "person": access.people_for,
    "organization": access.organizations_for,
}

# Each kind's headline fields: (title, excerpt); None when the kind has no such text.
TEXT_FIELDS = {
    "meeting": ("title", "opening_remarks"),
    "item": ("title", "discussion"),
    "decision": ("reference", "text"),
    "action": ("reference", "text"),
    "update": (None, "text"),
    "person": ("name", None),
    "organization": ("name", None),
}

WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}

# Sentinels ts_headline puts around matches; the text is HTML-escaped before they become <mark>.
START, STOP = "\x02", "\x03"


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    body: Any = None
    date_from: Any = None
    date_to: Any = None
    topic: Any = None
    organization: Any = None
    status: str = ""

    @property
    def needs_meeting(self) -> bool:
        return bool(self.body or self.date_from or self.date_to or self.topic)


@dataclass
class Hit:
    kind: str
    pk: int
    rank: float
    obj: Any = None
    title: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308
    excerpt: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308
    url: str = ""
    meeting: Meeting | None = None
    place_url: str = ""

    @property
    def label(self) -> str:
        return KINDS[self.kind]


# --- Query parsing (shared by the SQLite path; PostgreSQL parses with websearch_to_tsquery) ---


@dataclass(frozen=True)
class Term:
    text: str
    negated: bool = False


def parse(query: str) -> list[list[Term]]:
    """Web-search syntax: "quoted phrase", OR between alternatives, -word to exclude."""
    clauses: list[list[Term]] = [[]]
    for match in re.finditer(r'(-?)"([^"]*)"|(\S+)', query):
        if match.group(3) == "OR":
            clauses.append([])
            continue
        if match.group(3) is not None:
            raw = match.group(3)
            negated = raw.startswith("-") and len(raw) > 1
            words = re.findall(r"\w+", raw, flags=re.UNICODE)
            clauses[-1].extend(Term(_stem(fts.fold(w)), negated) for w in words)
        else:
            phrase = " ".join(re.findall(r"\w+", match.group(2), flags=re.UNICODE))
            if phrase:
                clauses[-1].append(Term(fts.fold(phrase), bool(match.group(1))))
    return [c for c in clauses if any(not t.negated for t in c)]


def _stem(word: str) -> str:
    # A light English plural strip so "reviews" also finds "review"; substring matching
    # then covers "review", "reviews" and "reviewed".
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def positive_terms(query: str) -> list[str]:
    return [t.text for clause in parse(query) for t in clause if not t.negated]


# --- Ranked, filtered union of every kind ---


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def ts_query(query: str, config: str = fts.CONFIG) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=config)


# Ranking reads every match's vector. A common word matches a good part of the archive, so
# PostgreSQL ranks only its most recent matches, at most this many, and the page says so; the
# count stops at the same number ("more than ...").
COUNT_CAP = 1_000


class Results:
    """Ranked hits for the paginator: slices come from the ranked query, the count from a
    lighter one (no rank), capped at COUNT_CAP, or from the candidates already fetched."""

    def __init__(self, ranked: QuerySet, countable: QuerySet | None = None,
                 found: int | None = None):  # fmt: skip
        self.ranked = ranked
        self.countable = countable
        self._count: int | None = found

    def count(self) -> int:
        if self._count is None:
            self._count = self.countable[: COUNT_CAP + 1].count()
        return min(self._count, COUNT_CAP)

    @property
    def capped(self) -> bool:
        """More matches than COUNT_CAP: only the most recent were ranked and are shown."""
        return self.count() == COUNT_CAP and self._count > COUNT_CAP

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        return self.ranked[key]

    def __iter__(self):
        return iter(self.ranked)


def search(*, user, query: str, filters: Filters | None = None) -> Results | None:
    """(kind, pk, rank, day) rows, best first; None when nothing can match."""
    filters = filters or Filters()
    if is_postgres():
        return _search_postgres(user, query, filters)
    ranked, countable = [], []
    for kind in KINDS:
        qs = _kind_queryset(kind, user, filters)
        if qs is None:
            continue
        matched = _match_sqlite(kind, qs, query)
        if matched is None:
            continue
        qs, rank = matched
        path = MEETING_PATH[kind]
        day = F(f"{path}start") if path is not None else Value(None, DateTimeField())
        ranked.append(
            qs.annotate(hit_kind=Value(kind, TextField()), hit_pk=F("pk"), hit_rank=rank,
                        hit_day=day)
            .order_by()
            .values_list("hit_kind", "hit_pk", "hit_rank", "hit_day")
        )  # fmt: skip
        countable.append(qs.order_by().values_list("pk"))
    if not ranked:
        return None
    return Results(
        _union(ranked).order_by(
            F("hit_rank").desc(), F("hit_day").desc(nulls_last=True), "hit_kind", "hit_pk"
        ),
        _union(countable),
    )


# --- PostgreSQL: one table, filtered and ranked on the copies stored with each vector ---

MEETING_KINDS = ("meeting", "item", "decision", "action", "update")
OTHER_CONFIGS = [config for config in dict.fromkeys(fts.CONFIGS.values()) if config != fts.CONFIG]

# The most recent rows (by date) looked at first. A word or phrase found in many records has
# COUNT_CAP matches among them, and the database then reads this many rows at most instead of
# every match of the archive; a rarer one is looked up in the whole archive afterwards.
RECENT_ROWS = 30_000


def _search_postgres(user, query: str, f: Filters) -> Results | None:
    if not parse(query):
        return None
    configs, recent_since = _prepare(query)
    visible = Q(_entry_visible(user), _entry_filters(f))
    # The candidates: the most recent matches, at most COUNT_CAP of them, ranked afterwards.
    # Their number is the page's count (capped, so "more than ..." when one more was found).
    candidates: list[int] = []
    if recent_since is not None:
        candidates = _recent_matches(query, configs, visible, recent_since)
    if len(candidates) <= COUNT_CAP:
        matches = SearchEntry.objects.filter(_entry_match(query, configs), visible)
        candidates = list(matches.order_by("-day").values_list("pk", flat=True)[: COUNT_CAP + 1])
    links = [F(f"{kind}_id") for kind in KINDS]
    ranked = (
        SearchEntry.objects.filter(pk__in=candidates[:COUNT_CAP])
        .annotate(hit_kind=F("kind"), hit_pk=Coalesce(*links), hit_rank=_entry_rank(query, configs),
                  hit_day=F("day"))
        .order_by(F("hit_rank").desc(), F("hit_day").desc(nulls_last=True), "hit_kind", "hit_pk")
        .values_list("hit_kind", "hit_pk", "hit_rank", "hit_day")
    )  # fmt: skip
    return Results(ranked, found=len(candidates))


def _recent_matches(query: str, configs: list[str], visible: Q, since) -> list[int]:
    """Up to COUNT_CAP + 1 matches among the rows without a date (people, organisations) and
    the RECENT_ROWS most recent ones, in the order of search_entry_day_idx (undated first).

    The words are matched row by row here (ts_match_vq is the @@ operator as a function, which
    no index serves), so the database reads the recent rows through the date index and stops
    at COUNT_CAP + 1 matches, instead of collecting every match of a common word from the
    text index and sorting them all."""
    rows = SearchEntry.objects.filter(_entry_match(query, configs, indexed=False), visible)
    undated = rows.filter(day__isnull=True).order_by().values_list("pk", "day")
    recent = rows.filter(day__gte=since).order_by("-day").values_list("pk", "day")
    both = undated[: COUNT_CAP + 1].union(recent[: COUNT_CAP + 1], all=True).order_by("-day")
    return [pk for pk, _day in both[: COUNT_CAP + 1]]


def _prepare(query: str) -> tuple[list[str], Any]:
    """One round trip before the search: the other configurations whose parse of the query
    differs from the English one (an identical parse adds nothing to the English match, only
    another index scan), and the date from which the RECENT_ROWS most recent rows start (None
    when the archive is smaller)."""
    parses = ", ".join(f"websearch_to_tsquery('{config}', %s)::text" for config in OTHER_CONFIGS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT websearch_to_tsquery('{fts.CONFIG}', %s)::text, {parses}, "  # noqa: S608 - constants
            f"(SELECT day FROM {SearchEntry._meta.db_table} WHERE day IS NOT NULL "
            "ORDER BY day DESC OFFSET %s LIMIT 1)",
            [query, *(query for _ in OTHER_CONFIGS), RECENT_ROWS],
        )
        english, *others, recent_since = cursor.fetchone()
    configs = [
        config
        for config, parsed in zip(OTHER_CONFIGS, others, strict=True)
        if parsed and parsed != english
    ]
    return configs, recent_since


def _entry_match(query: str, configs: list[str], *, indexed: bool = True) -> Q:
    """Each row matches the query parsed with its own language's configuration, and any row
    matches it parsed in English, the language most queries are typed in ("migrants" finds the
    Spanish "migrantes"). One GIN scan per configuration, OR-ed in a bitmap (indexed), or the
    same test row by row."""

    def matches(config: str) -> Q:
        if indexed:
            return Q(vector=ts_query(query, config))
        test = Func(F("vector"), ts_query(query, config), function="ts_match_vq",
                    output_field=BooleanField())  # fmt: skip
        return Q(test)

    match = matches(fts.CONFIG)
    for config in configs:
        match |= Q(matches(config), config=config)
    return match


def _entry_rank(query: str, configs: list[str]) -> Func:
    english = SearchRank(F("vector"), ts_query(query), cover_density=True)
    if not configs:
        return english
    own = Case(
        *(
            When(config=config, then=SearchRank(F("vector"), ts_query(query, config),
                                                cover_density=True))
            for config in configs
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )  # fmt: skip
    return Func(english, own, function="GREATEST", output_field=FloatField())


def _entry_visible(user) -> Q:
    """The visibility policy over the stored copies; people and organisations by their own rule."""
    content = access.content_condition(
        user, status="meeting_status", body="body", reviewed_status="reviewed_status"
    )
    return (
        Q(content, kind__in=MEETING_KINDS)
        | Q(kind="person", person__in=access.people_for(user).values("pk"))
        | Q(kind="organization", organization__in=access.organizations_for(user).values("pk"))
    )


def _entry_filters(f: Filters) -> Q:
    q = Q()
    if f.kind:
        q &= Q(kind=f.kind)
    if f.status:
        q &= Q(kind__in=["action", "update"], action_status=f.status)
    if f.body:
        q &= Q(body=f.body)
    if f.date_from:
        q &= Q(day__date__gte=f.date_from)
    if f.date_to:
        q &= Q(day__date__lte=f.date_to)
    for value, condition in (
        (f.topic, _topic_condition),
        (f.organization, _organization_condition),
    ):
        if not value:
            continue
        kinds = Q()
        for kind in KINDS:
            if kind in ("person", "organization") and condition is _topic_condition:
                continue
            own = MODELS[kind].objects.filter(condition(kind, value), pk=OuterRef(f"{kind}_id"))
            kinds |= Q(Exists(own), kind=kind)
        q &= kinds
    return q


def _union(parts: list[QuerySet]) -> QuerySet:
    first, *rest = parts
    return first.union(*rest, all=True) if rest else first


def _kind_queryset(kind: str, user, f: Filters) -> QuerySet | None:
    """Who may see what, and the filters, for one kind; None when the filters rule it out."""
    if f.kind and f.kind != kind:
        return None
    if f.status and kind not in ("action", "update"):
        return None
    path = MEETING_PATH[kind]
    if path is None and f.needs_meeting:
        return None
    qs = READABLE[kind](user)
    if path is not None:
        if f.body:
            qs = qs.filter(**{f"{path}body": f.body})
        if f.date_from:
            qs = qs.filter(**{f"{path}start__date__gte": f.date_from})
        if f.date_to:
            qs = qs.filter(**{f"{path}start__date__lte": f.date_to})
    if f.topic:
        qs = qs.filter(_topic_condition(kind, f.topic))
    if f.organization:
        qs = qs.filter(_organization_condition(kind, f.organization))
    if f.status:
        qs = qs.filter(**{"status" if kind == "action" else "action__status": f.status})
    return qs


def _topic_condition(kind: str, topic) -> Q:
    if kind == "meeting":
        return Q(Exists(AgendaItem.objects.filter(meeting=OuterRef("pk"), topics=topic)))
    if kind == "update":
        return Q(action__topics=topic)
    return Q(topics=topic)


def _organization_condition(kind: str, org) -> Q:
    """Actions the organisation owns; meetings it attended, with their items and decisions."""
    if kind == "organization":
        return Q(pk=org.pk)
    if kind == "person":
        return Q(Exists(Position.objects.filter(person=OuterRef("pk"), organization=org)))
    if kind in ("action", "update"):
        owners = ActionPoint.owner_organizations.through.objects.filter(
            actionpoint=OuterRef("pk" if kind == "action" else "action_id"), organization=org
        )
        return Q(Exists(owners))
    meeting_ref = {"meeting": "pk", "item": "meeting_id", "decision": "agenda_item__meeting_id"}
    return Q(
        Exists(Attendance.objects.filter(meeting=OuterRef(meeting_ref[kind]), organization=org))
    )


def _match_sqlite(kind: str, qs: QuerySet, query: str) -> tuple[QuerySet, Any] | None:
    clauses = parse(query)
    if not clauses:
        return None
    _table, columns = fts.DOCUMENTS[kind]
    folded = {column: f"fold_{column}" for column, _ in columns}
    qs = qs.alias(
        **{name: Func(F(column), function="search_fold") for column, name in folded.items()}
    )

    def contains(term: str) -> Q:
        q = Q()
        for name in folded.values():
            q |= Q(**{f"{name}__contains": term})
        return q

    where = Q()
    for clause in clauses:
        condition = Q()
        for term in clause:
            condition &= ~contains(term.text) if term.negated else contains(term.text)
        where |= condition
    # Rank: each matched term by the weight of the field it is in, plus a bonus when the
    # words stand together as typed, so the exact phrase comes first.
    terms = [t.text for clause in clauses for t in clause if not t.negated]
    phrase = " ".join(terms)
    scores = []
    for column, weight in columns:
        for text in [*terms, phrase] if len(terms) > 1 else terms:
            scores.append(
                Case(
                    When(**{f"{folded[column]}__contains": text}, then=Value(WEIGHTS[weight])),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            )
    rank = scores[0]
    for score in scores[1:]:
        rank = rank + score
    return qs.filter(where), rank


# --- "Did you mean" (PostgreSQL: pg_trgm similarity against the vocabulary of indexed words) ---

# A query that finds fewer results than this may get a suggestion.
SUGGEST_BELOW = 3


def suggest(*, user, query: str, filters: Filters | None = None) -> str | None:
    """The query with its unknown words replaced by the closest indexed words, if that corrected
    query finds something this user may see; None otherwise, and always on SQLite (which keeps
    no vocabulary)."""
    if not is_postgres():
        return None
    words = list(dict.fromkeys(w.lower() for w in re.findall(r"\w+", query) if w != "OR"))
    if not words:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT w, (SELECT word FROM {fts.WORD_TABLE} WHERE word %% w "  # noqa: S608
            "ORDER BY similarity(word, w) DESC, word LIMIT 1) "
            f"FROM unnest(%s::text[]) AS w WHERE NOT EXISTS "
            f"(SELECT 1 FROM {fts.WORD_TABLE} WHERE word = w)",
            [words],
        )
        fixes = {word: fix for word, fix in cursor.fetchall() if fix}
    if not fixes:
        return None
    corrected = re.sub(r"\w+", lambda m: fixes.get(m.group(0).lower(), m.group(0)), query)
    results = search(user=user, query=corrected, filters=filters)
    if results is None or not results.count():
        return None
    return corrected


# --- Hydrating a page of hits ---

SELECT_RELATED = {
    "meeting": ["body"],
    "item": ["meeting__body"],
    "decision": ["agenda_item__meeting__body"],
    "action": ["agenda_item__meeting__body"],
    "update": ["action__agenda_item__meeting__body"],
    "person": [],
    "organization": [],
}


def hydrate(rows, query: str) -> list[Hit]:
    """The page's hits with their records, links and excerpts: one query per kind on the page,
    and on PostgreSQL one more for every headline of the page."""
    hits = [Hit(kind=kind, pk=pk, rank=rank) for kind, pk, rank, _day in rows]
    by_kind: dict[str, list[int]] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit.pk)
    loaded: dict[tuple[str, int], Any] = {}
    for kind, pks in by_kind.items():
        qs = MODELS[kind].objects.filter(pk__in=pks).select_related(*SELECT_RELATED[kind])
        for obj in qs:
            loaded[(kind, obj.pk)] = obj
    hits = [hit for hit in hits if (hit.kind, hit.pk) in loaded]
    texts = []
    for hit in hits:
        hit.obj = loaded[(hit.kind, hit.pk)]
        hit.meeting, hit.url, hit.place_url = _links(hit.kind, hit.obj)
        title_field, excerpt_field = TEXT_FIELDS[hit.kind]
        # Excerpts come from the text a reader sees, not from its Markdown source.
        texts.append(
            (
                getattr(hit.obj, title_field) if title_field else None,
                plain_text(getattr(hit.obj, excerpt_field)) if excerpt_field else None,
            )
        )
    if is_postgres():
        headlines = _headlines(hits, texts, query)
    else:
        terms = positive_terms(query)
        headlines = [
            (
                highlight(title, terms) if title is not None else None,
                excerpt(text, terms) if text is not None else None,
            )
            for title, text in texts
        ]
    for hit, (title, text) in zip(hits, headlines, strict=True):
        hit.title = title if title is not None else _title(hit)
        hit.excerpt = text or ""
    return hits


TITLE_OPTIONS = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
EXCERPT_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def _headlines(hits: list[Hit], texts: list, query: str) -> list[tuple]:
    """ts_headline of every title and excerpt on the page, each with its row's configuration."""
    configs, values, options = [], [], []
    for hit, (title, text) in zip(hits, texts, strict=True):
        config = fts.config_for(hit.meeting.language) if hit.meeting else fts.CONFIG
        for value, option in ((title, TITLE_OPTIONS), (text, EXCERPT_OPTIONS)):
            configs.append(config)
            values.append(value or "")
            options.append(option)
    if not values:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            # The row's own parse of the query, and the English one (see _entry_match).
            "SELECT ts_headline(c::regconfig, v, websearch_to_tsquery(c::regconfig, %s) "  # noqa: S608 - a constant
            f"|| websearch_to_tsquery('{fts.CONFIG}', %s), o) "
            "FROM unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY AS x(c, v, o, n) "
            "ORDER BY n",
            [query, query, configs, values, options],
        )
        marked = [_marked(row[0]) for row in cursor.fetchall()]
    return [
        (marked[2 * i] if title is not None else None, marked[2 * i + 1] if text else None)
        for i, (title, text) in enumerate(texts)
    ]


def _marked(text: str) -> SafeString:
    """Escape everything ts_headline returned, then turn only our sentinels into <mark>."""
    safe = escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # noqa: S308 - escaped above; only our own tags added


def _title(hit: Hit) -> SafeString:
    if hit.kind == "update":
        return escape(_("Progress on %(reference)s") % {"reference": hit.obj.action.reference})
    return escape(str(hit.obj))


def highlight(text: str | None, terms: list[str]) -> SafeString:
    """The whole text, HTML-escaped, with every occurrence of a term marked."""
    text = text or ""
    spans = _spans(text, terms)
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped


def excerpt(text: str | None, terms: list[str], width: int = 240) -> SafeString:
    """A window of the text around the first match, escaped and marked (the SQLite headline)."""
    text = text or ""
    spans = _spans(text, terms)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(text), start + width)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    window = highlight(text[start:end], terms)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{window}{suffix}")  # noqa: S308 - window escaped


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    folded = fts.fold(text)
    spans = []
    for term in terms:
        if not term:
            continue
        # Mark whole words: the stem "review" marks all of "reviews".
        for m in re.finditer(re.escape(term) + r"\w*", folded):
            spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _links(kind: str, obj) -> tuple[Meeting | None, str, str]:
    """(meeting, the record's own page, its place in the summary)."""
    if kind == "meeting":
        return obj, obj.get_absolute_url(), obj.get_absolute_url()
    if kind == "item":
        return obj.meeting, obj.get_absolute_url(), obj.get_absolute_url()
    if kind == "decision":
        meeting = obj.agenda_item.meeting
        return meeting, obj.get_absolute_url(), f"{meeting.get_absolute_url()}#decision-{obj.pk}"
    if kind in ("action", "update"):
        action = obj if kind == "action" else obj.action
        meeting = action.agenda_item.meeting
        place = f"{meeting.get_absolute_url()}#action-{action.pk}"
        return meeting, _action_url(action) or place, place
    return None, _own_url(obj), ""


def _action_url(action: ActionPoint) -> str:
    # The action pages come with the action tracker; until then the summary anchor serves.
    try:
        return reverse("actions:action_detail", args=[action.pk])
    except NoReverseMatch:
        return ""


def _own_url(obj) -> str:
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
