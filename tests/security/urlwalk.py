"""Every URL the project serves, filled with real objects: shared by the access matrix and the
accessibility pass, so a URL added anywhere is covered by both without editing either test.

How a URL is filled:
1. ``discover()`` walks ``get_resolver()`` through every ``include()`` and returns each named
   pattern with its parameters (admin internals are skipped: only ``admin:index`` stays).
2. ``build_world()`` creates a body, two member organisations, people, a topic, and one meeting
   in every status (planned, draft, circulated, approved), each with an agenda item, a decision,
   an action point with an update, an attendance, an uploaded document and a review comment.
3. ``cases()`` gives each parameter a value: first ``PARAM_OVERRIDES[(url name, parameter)]``,
   then by the parameter's name (``meeting_pk`` -> the meeting, ``slug`` on ``minutes:topic_detail``
   -> the topic's slug: ``pk``/``id``/``slug`` take the object named by the first word of the URL
   name that is in ``OBJECT_KEYS``). A URL whose parameters reach a meeting is visited once per
   meeting status; the others once.

A parameter nothing can fill raises ``UnknownParameter``: the tests then FAIL and say which line
to add here, so a new URL is never silently left out.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

# Namespaces whose URLs are not ours to test one by one (Django's admin has hundreds).
SKIPPED_NAMESPACES = {"admin", "djdt"}
# ...except these, which people do open.
KEPT_IN_SKIPPED = {"admin:index"}

# Meeting statuses every meeting-scoped URL is visited in, in this order.
STATUSES = ("planned", "draft", "circulated", "approved")

# Words that name an object in URL names and parameter names, and where the world keeps it.
# "bundle" objects belong to one meeting (so the URL is visited once per meeting status);
# "global" objects do not.
BUNDLE_KEYS = {
    "meeting": "meeting",
    "summary": "meeting",
    "minutes": "meeting",
    "item": "item",
    "agendaitem": "item",
    "agenda": "item",
    "decision": "decision",
    "action": "action",
    "actionpoint": "action",
    "update": "update",
    "progress": "update",
    "document": "document",
    "doc": "document",
    "upload": "document",
    "comment": "comment",
    "review": "comment",
    "reviewcomment": "comment",
    "attendance": "attendance",
    "event": "event",
}
GLOBAL_KEYS = {
    "person": "person",
    "people": "person",
    "participant": "person",
    "organization": "organization",
    "organisation": "organization",
    "org": "organization",
    "entity": "organization",
    "body": "body",
    "committee": "body",
    "topic": "topic",
    "user": "user",
}
OBJECT_KEYS = {**BUNDLE_KEYS, **GLOBAL_KEYS}


def _password_reset_uid(world: World, bundle: Bundle | None) -> str:
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return urlsafe_base64_encode(force_bytes(world.users["principal"].pk))


def _password_reset_token(world: World, bundle: Bundle | None) -> str:
    from django.contrib.auth.tokens import default_token_generator

    return default_token_generator.make_token(world.users["principal"])


def _ical_token(world: World, bundle: Bundle | None) -> str:
    return find_token(world)


# (URL name, parameter) -> value maker. Add a line here when a URL's parameter is not named
# after its object (the failure message of the access matrix tells you which).
PARAM_OVERRIDES: dict[tuple[str, str], Callable[[World, Bundle | None], Any]] = {
    ("password_reset_confirm", "uidb64"): _password_reset_uid,
    ("password_reset_confirm", "token"): _password_reset_token,
    # An import waiting in the session: an unknown one sends the
    # secretariat back to the start (302) and principals get 403.
    ("summaries:import_preview", "token"): lambda world, bundle: "no-such-import",
}
# Parameter name -> value maker, whatever the URL.
PARAM_BY_NAME: dict[str, Callable[[World, Bundle | None], Any]] = {
    "token": _ical_token,
    "year": lambda w, b: b.meeting.start.year if b else 2023,
    "month": lambda w, b: b.meeting.start.month if b else 3,
    "day": lambda w, b: b.meeting.start.day if b else 20,
    # The world's meetings are written in English with a French version.
    "language": lambda w, b: "fr",
}


class UnknownParameter(LookupError):
    """A URL parameter no rule fills: add it to PARAM_OVERRIDES or PARAM_BY_NAME."""


@dataclass(frozen=True)
class Route:
    name: str  # "minutes:meeting_detail"
    route: str  # "meetings/<int:pk>/", for messages
    params: dict[str, str]  # parameter -> converter name ("int", "slug", "str", "path", "uuid")
    callback: Callable

    @property
    def login_required(self) -> bool:
        # LoginRequiredMiddleware's rule: @login_not_required sets login_required = False.
        return getattr(self.callback, "login_required", True)

    @property
    def csrf_exempt(self) -> bool:
        return getattr(self.callback, "csrf_exempt", False)


@dataclass
class Bundle:
    """One meeting and one of each thing hanging from it."""

    status: str
    meeting: Any
    item: Any
    decision: Any
    action: Any
    update: Any
    document: Any
    link_document: Any
    comment: Any
    attendance: Any
    event: Any
    # Strings only this meeting's pages contain, by kind: principals must never see a draft's.
    secrets: dict[str, str] = field(default_factory=dict)


@dataclass
class World:
    users: dict[str, User]
    body: Any
    member_org: Any
    other_org: Any
    person: Any
    topic: Any
    bundles: dict[str, Bundle]
    # Text principals must not see although the meeting they hang from is readable: a planned
    # meeting's recorded content, a progress note recorded at the draft on an approved meeting's
    # action, and the newcomer (with their new organisation) typed in on the draft's attendance.
    hidden_from_principals: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, bundle: Bundle | None) -> Any:
        if key in GLOBAL_KEYS.values():
            if key == "user":
                return self.users["principal"]
            if key == "organization":
                return self.member_org
            return getattr(self, key)
        assert bundle is not None
        return getattr(bundle, key)


@dataclass(frozen=True)
class Case:
    """One URL filled with objects: what the matrix and the accessibility pass visit."""

    route: Route
    url: str
    status: str | None  # the meeting status the objects come from; None when no meeting

    @property
    def name(self) -> str:
        return self.route.name

    @property
    def label(self) -> str:
        return f"{self.name} [{self.status}]" if self.status else self.name


# ---------------------------------------------------------------- discovery


def _converter_name(converter: Any) -> str:
    return type(converter).__name__.removesuffix("Converter").lower() or "str"


def _pattern_params(pattern: Any) -> dict[str, str]:
    converters = getattr(pattern, "converters", None)
    regex = pattern.regex
    names = list(regex.groupindex)
    return {
        n: _converter_name(converters[n]) if converters and n in converters else "str"
        for n in names
    }


def discover(resolver: URLResolver | None = None) -> list[Route]:
    """Every named URL pattern, through every include, admin internals left out."""
    routes: list[Route] = []
    unnamed: list[str] = []

    def walk(patterns, namespace: str, prefix: str, params: dict[str, str]) -> None:
        for entry in patterns:
            here = prefix + str(entry.pattern)
            entry_params = {**params, **_pattern_params(entry.pattern)}
            if isinstance(entry, URLResolver):
                ns = entry.namespace
                full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                walk(entry.url_patterns, full_ns, here, entry_params)
                continue
            assert isinstance(entry, URLPattern)
            top_ns = namespace.split(":", 1)[0] if namespace else ""
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            if top_ns in SKIPPED_NAMESPACES and name not in KEPT_IN_SKIPPED:
                continue
            if not entry.name:
                if not re.match(r"\^?(static|media|uploads)/", here):
                    unnamed.append(here)
                continue
            routes.append(Route(name, here, entry_params, entry.callback))

    resolver = resolver or get_resolver()
    walk(resolver.url_patterns, "", "/", {})
    if unnamed:
        raise AssertionError(
            "These URL patterns have no name, so no test can reverse them: "
            + ", ".join(unnamed)
            + ". Give each a name=..."
        )
    # One route per name (a name reused by several patterns reverses to the last one).
    by_name: dict[str, Route] = {}
    for route in routes:
        by_name.setdefault(route.name, route)
    return list(by_name.values())


# ---------------------------------------------------------------- filling


def _words(route_name: str) -> list[str]:
    return re.split(r"[_\-]+", route_name.rsplit(":", 1)[-1].lower())


def _object_word(word: str) -> str | None:
    word = word.lower().replace("-", "").replace("_", "")
    for candidate in (word, word[:-1] if word.endswith("s") else word):
        if candidate in OBJECT_KEYS:
            return OBJECT_KEYS[candidate]
    return None


def _key_for(route: Route, param: str) -> str | None:
    """Which world object a parameter names, or None.

    A bare ``pk`` (or ``id``/``slug``) belongs to the path segment before it
    (``meetings/<int:pk>/items/<int:item_pk>/``: pk is the meeting, item_pk the item); failing
    that, to the first word of the URL name that names an object (``minutes:topic_detail``).
    """
    p = param.lower()
    if p in ("pk", "id", "slug", "uuid"):
        before = re.search(
            r"([A-Za-z][\w\-]*)/(?:\^)?<(?:\w+:)?" + re.escape(param) + ">", route.route
        )
        if before and (key := _object_word(before.group(1))):
            return key
        for word in _words(route.name):
            if key := _object_word(word):
                return key
        return None
    stem = re.sub(r"_?(pk|id|slug|uuid)$", "", p)
    for candidate in (stem, stem.replace("_", ""), stem.rsplit("_", 1)[-1]):
        if candidate in OBJECT_KEYS:
            return OBJECT_KEYS[candidate]
    return None


def _value_for(obj: Any, param: str, converter: str) -> Any:
    if converter == "int":
        return obj.pk
    if param.endswith("slug") or converter == "slug":
        return obj.slug
    if converter == "uuid" or param.endswith("uuid"):
        return obj.uuid
    return getattr(obj, "slug", None) or str(obj.pk)


def _resolvers(route: Route) -> dict[str, Callable[[World, Bundle | None], Any]]:
    """One value maker per parameter, or UnknownParameter naming what to add."""
    makers: dict[str, Callable[[World, Bundle | None], Any]] = {}
    for param, converter in route.params.items():
        bare = route.name.rsplit(":", 1)[-1]
        override = PARAM_OVERRIDES.get((route.name, param)) or PARAM_OVERRIDES.get((bare, param))
        if override:
            makers[param] = override
            continue
        key = _key_for(route, param)
        if key is not None:
            makers[param] = lambda w, b, key=key, p=param, c=converter: _value_for(
                w.get(key, b), p, c
            )
            continue
        if param in PARAM_BY_NAME:
            makers[param] = PARAM_BY_NAME[param]
            continue
        raise UnknownParameter(
            f"URL {route.name!r} ({route.route}) has a parameter {param!r} that "
            "tests/security/urlwalk.py cannot fill with a real object. Add "
            f"PARAM_OVERRIDES[({route.name!r}, {param!r})] = lambda world, bundle: ... "
            "(or name the parameter after its object, e.g. meeting_pk)."
        )
    return makers


def _is_bundle_scoped(route: Route) -> bool:
    for param in route.params:
        if (route.name, param) in PARAM_OVERRIDES:
            continue
        key = _key_for(route, param)
        if key in BUNDLE_KEYS.values() or param in ("year", "month", "day"):
            return True
    return False


def cases(world: World, routes: list[Route] | None = None) -> Iterator[Case]:
    """Every URL, filled: once per meeting status when it reaches a meeting, once otherwise."""
    from django.urls import reverse

    for route in routes if routes is not None else discover():
        makers = _resolvers(route)
        if not makers:
            yield Case(route, reverse(route.name), None)
            continue
        statuses = STATUSES if _is_bundle_scoped(route) else (None,)
        for status in statuses:
            bundle = world.bundles[status] if status else world.bundles["approved"]
            kwargs = {p: make(world, bundle) for p, make in makers.items()}
            yield Case(route, reverse(route.name, kwargs=kwargs), status)


def find_token(world: World) -> str:
    """A calendar-feed token for the principal, from whichever model keeps tokens.

    Found by shape, so a feed keeps its coverage if tokens move to another model: it looks for a
    model with a ``token`` field, tied to a user or a person, and makes one for the principal.
    """
    from django.apps import apps
    from django.db import models

    user = world.users["principal"]
    person = getattr(user, "person", None)
    for model in apps.get_models():
        if model._meta.app_label in ("auth", "admin", "sessions", "axes", "contenttypes"):
            continue
        names = {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
        token_field = next((n for n in names if n == "token" or n.endswith("_token")), None)
        if token_field is None or model.__name__.startswith("Historical"):
            continue
        if model is type(person) and getattr(person, token_field, None):
            return str(getattr(person, token_field))
        owner = {}
        for name, f in names.items():
            if isinstance(f, models.ForeignKey | models.OneToOneField):
                if f.related_model is User:
                    owner[name] = user
                elif person is not None and f.related_model is type(person):
                    owner[name] = person
        if not owner:
            continue
        existing = model.objects.filter(**owner).first()
        obj = existing or model.objects.create(**owner)
        return str(getattr(obj, token_field))
    raise UnknownParameter(
        "A URL takes a 'token' but no model with a token field tied to a user or a person was "
        "found: add PARAM_BY_NAME['token'] (or a PARAM_OVERRIDES line) in tests/security/urlwalk.py."
    )


# ---------------------------------------------------------------- the world


def build_world(users: dict[str, User] | None = None, *, marker: str = "") -> World:
    """Objects for every status; ``users`` maps persona -> User (made here when missing)."""
    from minutes.models import (
        ActionPoint,
        Document,
        Meeting,
        ReviewComment,
        SummaryEvent,
        SummaryTranslation,
    )
    from tests import factories as f

    users = dict(users or {})
    member_org = _org_for(users.get("principal")) or f.make_organization(
        name="Office of the UN High Commissioner for Refugees", acronym="UNHCR"
    )
    other_org = _org_for(users.get("other_principal")) or f.make_organization(
        name="United Nations Children's Fund", acronym="UNICEF"
    )
    if "principal" not in users:
        person = f.make_person(name="Gillian Triggs", organization=member_org)
        users["principal"] = f.make_user("principal", group=f.PRINCIPALS, person=person)
    if "other_principal" not in users:
        person = f.make_person(name="Omar Abdi", organization=other_org)
        users["other_principal"] = f.make_user("principal2", group=f.PRINCIPALS, person=person)
    if "secretariat" not in users:
        users["secretariat"] = f.make_user("secretariat", group=f.SECRETARIAT)
    if "admin" not in users:
        users["admin"] = User.objects.create_superuser(
            "admin", "admin@example.org", "correct-horse-battery"
        )
    if "outsider" not in users:
        # A principal whose organisation has no seat on the body.
        outsider_org = f.make_organization(name="World Food Programme", acronym="WFP")
        person = f.make_person(name="Cindy McCain", organization=outsider_org)
        users["outsider"] = f.make_user("outsider", group=f.PRINCIPALS, person=person)
    if "no_role" not in users:
        users["no_role"] = f.make_user("norole")
    body = f.make_body(
        name="Executive Committee",
        short_name="EXCOM",
        slug="executive-committee",
        members=[member_org, other_org],
    )
    person = users["principal"].person
    topic = f.make_topic(name="Regional Reviews", slug="regional-reviews")
    # Whole minutes, as times typed in a form are (|date:"c" would print microseconds).
    now = timezone.now().replace(second=0, microsecond=0)
    when = {
        "planned": now + datetime.timedelta(days=20),
        "draft": now - datetime.timedelta(days=3),
        "circulated": now - datetime.timedelta(days=20),
        "approved": now - datetime.timedelta(days=60),
    }
    bundles: dict[str, Bundle] = {}
    for status in STATUSES:
        tag = f"{status.upper()}{marker}"
        meeting = f.make_meeting(
            body=body,
            title=f"Principals meeting {tag}",
            status=status,
            start=when[status],
            opening_remarks=f"Opening remarks {tag}.",
            location=f"Room {tag}",
        )
        if status == "circulated":
            meeting.review_deadline = now + datetime.timedelta(days=5)
            meeting.save(update_fields=["review_deadline"])
        f.make_attendance(meeting, person)
        f.make_attendance(meeting, users["other_principal"].person)
        item = f.make_item(meeting, title=f"Agenda item {tag}", discussion=f"Discussion {tag}.")
        item.topics.add(topic)
        f.make_item(meeting, title=f"Second item {tag}", kind="aob")
        decision = f.make_decision(item, text=f"Decision text {tag}.")
        decision.topics.add(topic)
        action = f.make_action(
            item,
            text=f"Action text {tag}.",
            owners=[member_org],
            people=[person],
            due_day=(now - datetime.timedelta(days=1)).date(),
            status=ActionPoint.Status.OPEN,
        )
        update = f.make_update(action, text=f"Progress update {tag}.")
        document = Document(meeting=meeting, agenda_item=item, title=f"Background note {tag}")
        document.file.save(f"note-{status}.txt", ContentFile(f"Document body {tag}\n"), save=True)
        link = Document.objects.create(
            meeting=meeting, title=f"Linked report {tag}", url=f"https://example.org/{status}"
        )
        comment = ReviewComment.objects.create(
            meeting=meeting,
            agenda_item=item,
            author=users["principal"],
            organization=member_org,
            text=f"Review comment {tag}.",
        )
        # The draft stands for one never circulated: a draft returned after circulation shows
        # principals its last circulated text (minutes.access, "Returned summaries").
        event = SummaryEvent.objects.create(
            meeting=meeting,
            kind=(
                SummaryEvent.Kind.WITHDRAWN
                if status == Meeting.Status.DRAFT
                else SummaryEvent.Kind.CIRCULATED
            ),
            at=meeting.start,
        )
        SummaryTranslation.objects.create(
            meeting=meeting, language="fr", text=f"Résumé traduit {tag}."
        )
        bundles[status] = Bundle(
            status=status,
            meeting=meeting,
            item=item,
            decision=decision,
            action=action,
            update=update,
            document=document,
            link_document=link,
            comment=comment,
            attendance=meeting.attendances.first(),
            event=event,
            secrets={
                "meeting": f"Principals meeting {tag}",
                "item": f"Agenda item {tag}",
                "decision": f"Decision text {tag}",
                "action": f"Action text {tag}",
                "update": f"Progress update {tag}",
                "comment": f"Review comment {tag}",
                "document": f"Background note {tag}",
                "discussion": f"Discussion {tag}",
                "decision_reference": decision.reference,
                "action_reference": action.reference,
                "opening": f"Opening remarks {tag}",
                "link_document": f"Linked report {tag}",
            },
        )
    assert Meeting.objects.filter(body=body).count() == len(STATUSES)
    planned = bundles["planned"].secrets
    hidden = {
        f"planned {kind}": planned[kind]
        for kind in (
            "decision",
            "action",
            "update",
            "document",
            "discussion",
            "decision_reference",
            "action_reference",
            "opening",
            "link_document",
        )
    }
    # The draft reviews the approved meeting's action: its note waits for the draft's circulation.
    draft_note = f"Follow-up note at the draft{marker}"
    f.make_update(
        bundles["approved"].action,
        text=draft_note,
        reviewed_at_meeting=bundles["draft"].meeting,
    )
    hidden["draft follow-up note"] = draft_note
    # A newcomer and their new organisation, typed in on the draft's attendance page.
    from minutes import services

    newcomer = services.person_create_and_attend(
        meeting=bundles["draft"].meeting,
        by=users["secretariat"],
        name=f"Newcomer Person{marker}",
        title="Special Envoy",
        new_organization_name=f"Newcomer Agency{marker}",
        new_organization_acronym=f"NEWAG{marker}"[:40],
    )
    hidden["newcomer"] = newcomer.person.name
    hidden["newcomer organisation"] = newcomer.organization.name
    hidden["newcomer organisation acronym"] = newcomer.organization.acronym
    return World(
        users=users,
        body=body,
        member_org=member_org,
        other_org=other_org,
        person=person,
        topic=topic,
        bundles=bundles,
        hidden_from_principals=hidden,
    )


def _org_for(user: User | None):
    if user is None:
        return None
    from participants.roles import user_organization

    return user_organization(user)
