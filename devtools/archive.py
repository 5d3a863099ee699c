"""A synthetic archive for benchmarks: years of summaries written in the sample's vocabulary.

Deterministic for a seed (one random.Random, fixed dates, no clock), inserted with bulk_create
in batches: simple_history is not involved (bulk_create sends no post_save), so generated data
has no history rows. Scale 1 is about 240 meetings and 3,000 action points.
"""

from __future__ import annotations

import datetime
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from devtools.demo import sample
from lib import due
from minutes.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Topic,
)
from participants.models import Body, BodyMembership, BodyTimeZone, Organization, Person, Position
from search import fts

NEW_YORK = ZoneInfo("America/New_York")
FIRST_DAY = datetime.date(2016, 1, 1)
MEETINGS_PER_BODY = 60  # five years of monthly meetings
BODY_PREFIX = "gen-"  # slugs of generated bodies, so a rerun can find and replace them

TOPICS = [
    ("Regional Reviews", "the Regional Reviews of the Global Compact for Migration"),
    ("Global Compact for Migration", "the implementation of the Global Compact for Migration"),
    (
        "Global Compact for Refugees",
        "complementary implementation with the Global Compact for Refugees",
    ),
    ("SDG Summit 2023", "the SDG Summit and the integration of migration into the SDGs"),
    (
        "High-Level Political Forum",
        "the voluntary national reports for the High-Level Political Forum",
    ),
    ("IMRF 2026", "the preparations for the International Migration Review Forum in 2026"),
    ("Migration MPTF", "the Migration Multi-Partner Trust Fund and its joint programmes"),
    ("Regular pathways", "regular pathways for admission and stay, including labour mobility"),
    ("Climate and mobility", "human mobility in the context of climate change and disasters"),
    ("Return and reintegration", "return, readmission and sustainable reintegration"),
    (
        "Alternatives to detention",
        "alternatives to immigration detention for children and families",
    ),
    ("Missing migrants", "missing migrants and humanitarian assistance at borders"),
    ("Trafficking in persons", "trafficking in persons and smuggling of migrants"),
    ("Migration data", "data and evidence on migration for policy making"),
    ("Labour migration", "fair recruitment, decent work and skills recognition"),
    ("Health of migrants", "access to health services for migrants"),
    ("Xenophobia", "countering xenophobia, discrimination and hate speech against migrants"),
    ("Mixed movements", "the response to mixed movements of refugees and migrants"),
    ("Diaspora and remittances", "the contribution of diaspora and the cost of remittances"),
    ("Network workplan", "the Network workplan and its workstreams"),
    ("Global Refugee Forum", "the joint pledges made at the Global Refugee Forum"),
    ("Child rights", "the rights of migrant children and unaccompanied minors"),
]

BODIES = [
    ("Executive Committee", "EXCOM"),
    ("Working Group on Regular Pathways", "WGRP"),
    ("Working Group on Return and Reintegration", "WGRR"),
    ("Working Group on Migration Data", "WGMD"),
    ("Regional Network for Asia and the Pacific", "RNAP"),
    ("Regional Network for Latin America and the Caribbean", "RNLAC"),
    ("Regional Network for the Arab Region", "RNAR"),
    ("Regional Network for Africa", "RNAF"),
]

EXTRA_ORGANIZATIONS = [
    ("ECLAC", "Economic Commission for Latin America and the Caribbean"),
    ("ESCAP", "Economic and Social Commission for Asia and the Pacific"),
    ("ESCWA", "Economic and Social Commission for Western Asia"),
    ("ECA", "Economic Commission for Africa"),
    ("UNFPA", "United Nations Population Fund"),
    ("UN Women", "United Nations Entity for Gender Equality and the Empowerment of Women"),
    ("UNEP", "United Nations Environment Programme"),
    ("UN-Habitat", "United Nations Human Settlements Programme"),
    ("FAO", "Food and Agriculture Organization of the United Nations"),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
    ("UNITAR", "United Nations Institute for Training and Research"),
    ("OCHA", "Office for the Coordination of Humanitarian Affairs"),
    ("DCO", "Development Coordination Office"),
    ("UNCTAD", "United Nations Conference on Trade and Development"),
]

FIRST_NAMES = ["Amina", "Carlos", "Mei", "Olumide", "Ingrid", "Rahul", "Fatima", "João",
               "Elena", "Kwame", "Sofía", "Hiroshi", "Leila", "Tomás", "Aisha", "Pierre",
               "Nadia", "Andrés", "Yuki", "Zeynep", "Mariam", "Łukasz", "Chloé", "Ibrahim"]  # fmt: skip
LAST_NAMES = ["Okafor", "Silva", "Chen", "Haddad", "Johansson", "Mehta", "Diallo", "Müller",
              "García", "Nakamura", "Mensah", "Rossi", "Kowalski", "Abebe", "Núñez", "Dubois",
              "Karimi", "Santos", "Öztürk", "Mwangi", "Fernández", "Lindqvist", "Ahmed"]  # fmt: skip

ACTORS = ["The Coordinator", "Several Principals", "Many participants", "The Chair",
          "Regional Networks", "The secretariat", "Member entities", "One Principal"]  # fmt: skip
VERBS = ["provided an update on", "underlined the importance of", "welcomed progress on",
         "called for stronger coordination on", "recalled the mandate concerning",
         "noted the remaining challenges in", "proposed a joint approach to",
         "stressed the need for sustained funding for", "shared lessons learnt from"]  # fmt: skip
CLAUSES = ["including at country level", "in close cooperation with the UN regional commissions",
           "ahead of the next IMRF in 2026", "with the inclusion of migrants, diaspora and youth",
           "building on the outcomes of the previous meeting", "within the mandated timeframe",
           "to alleviate reporting burdens of Member States", "through the Network's workstreams",
           "with the support of the Migration MPTF", "so that the Network speaks with one voice"]  # fmt: skip
DELIVERABLES = ["a synthesis note", "a roadmap", "key messages", "a discussion note",
                "a joint advocacy plan", "a position paper", "guidance", "a mapping of pledges",
                "a briefing for Member States", "terms of reference"]  # fmt: skip
ACTION_VERBS = ["Prepare", "Circulate", "Develop", "Finalize", "Consult the Regional Networks on",
                "Publish", "Present", "Update"]  # fmt: skip
DECISION_FORMS = {
    "endorsed": "The {deliverable} on {topic} was endorsed.",
    "agreed": "It was agreed to continue discussions on {topic}, {clause}.",
    "welcomed": "The progress reports on {topic} were welcomed.",
    "noted": "The update on {topic} was noted.",
    "requested": "The secretariat was requested to prepare {deliverable} on {topic}, {clause}.",
}
PROGRESS = ["A first draft was shared with the focal points.", "Consultations with the Regional "
            "Networks are under way.", "Completed and shared with Principals.",
            "Delayed: awaiting inputs from member entities.", "Presented to the working group; "
            "comments are being integrated."]  # fmt: skip
# A word so rare the benchmark can look for it: about one agenda item in 2,000 mentions it.
RARE_SENTENCE = "A briefing on the situation of migrants crossing the Darién was requested."


def _sample_sentences() -> list[str]:
    texts = [item["discussion"] for item in sample.ITEMS] + [sample.OPENING_REMARKS]
    sentences = []
    for text in texts:
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 40]
    return sentences


@dataclass
class Plan:
    scale: float
    seed: int

    @property
    def meetings(self) -> int:
        return max(1, round(240 * self.scale))

    @property
    def bodies(self) -> int:
        return max(1, -(-self.meetings // MEETINGS_PER_BODY))


class Writer:
    """Sentences for discussions, decisions, actions and updates from one random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.sentences = _sample_sentences()

    def sentence(self, topic: str) -> str:
        r = self.rng
        if r.random() < 0.35:
            return r.choice(self.sentences)
        return f"{r.choice(ACTORS)} {r.choice(VERBS)} {topic}, {r.choice(CLAUSES)}."

    def discussion(self, topic: str) -> str:
        paragraphs = []
        for _ in range(self.rng.randint(2, 4)):
            paragraphs.append(" ".join(self.sentence(topic) for _ in range(self.rng.randint(2, 4))))
        if self.rng.random() < 0.0005:
            paragraphs.append(RARE_SENTENCE)
        return "\n\n".join(paragraphs)

    def decision(self, kind: str, topic: str) -> str:
        r = self.rng
        return DECISION_FORMS[kind].format(
            deliverable=r.choice(DELIVERABLES), topic=topic, clause=r.choice(CLAUSES)
        )

    def action(self, topic: str) -> str:
        r = self.rng
        return f"{r.choice(ACTION_VERBS)} {r.choice(DELIVERABLES)} on {topic}, {r.choice(CLAUSES)}."


def generate(
    *, scale: float, seed: int, batch_size: int = 2000, progress: Callable | None = None
) -> dict[str, int]:
    """Create the archive; returns row counts. Replaces an earlier generated archive."""
    plan = Plan(scale, seed)
    rng = random.Random(seed)
    writer = Writer(rng)
    counts: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        delete_generated()
        topics = _topics()
        orgs = _organizations()
        people = _people(rng, orgs, plan)
        bodies = _bodies(plan, orgs)
    meeting_specs = list(_meeting_specs(plan, rng, bodies))
    copies = _copies(plan)
    if copies > 1:
        # Write scale 1 once, then copy it in SQL onto the other bodies (see _replicate).
        base_bodies = bodies[: Plan(1, seed).bodies]
        meeting_specs = [spec for spec in meeting_specs if spec[0] in base_bodies]
    deferred = _drop_search_indexes()
    try:
        for start in range(0, len(meeting_specs), batch_size // 10 or 1):
            chunk = meeting_specs[start : start + (batch_size // 10 or 1)]
            with transaction.atomic():
                _write_chunk(chunk, rng, writer, topics, orgs, people, counts, batch_size)
            if progress:
                progress(len(chunk))
        if copies > 1:
            with transaction.atomic():
                _replicate(base_bodies, bodies, copies)
            counts = defaultdict(int, {name: n * copies for name, n in counts.items()})
            if progress:
                progress(plan.meetings - len(meeting_specs))
    finally:
        _create_search_indexes(deferred)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return dict(counts)


def delete_generated() -> None:
    bodies = Body.objects.filter(slug__startswith=BODY_PREFIX)
    meetings = Meeting.objects.filter(body__in=bodies)
    ActionPoint.objects.filter(agenda_item__meeting__in=meetings).delete()
    meetings.delete()
    BodyMembership.objects.filter(body__in=bodies).delete()
    bodies.delete()


def _topics() -> list[tuple[Topic, str]]:
    result = []
    for name, phrase in TOPICS:
        topic, _ = Topic.objects.get_or_create(
            name=name, defaults={"slug": re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")}
        )
        result.append((topic, phrase))
    return result


def _organizations() -> list[Organization]:
    orgs = []
    for acronym, name in [*sample.MEMBERS, *EXTRA_ORGANIZATIONS]:
        org, _ = Organization.objects.get_or_create(name=name, defaults={"acronym": acronym})
        orgs.append(org)
    return orgs


def _people(rng: random.Random, orgs: list[Organization], plan: Plan) -> list[tuple]:
    """(person, organization, title) for everyone who attends generated meetings."""
    names = [p[0] for p in sample.PARTICIPANTS]
    wanted = 40 + 20 * plan.bodies
    while len(names) < wanted:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name in names:
            name = f"{name} {len(names)}"
        names.append(name)
    people = []
    for index, name in enumerate(names):
        person, created = Person.objects.get_or_create(name=name)
        org = orgs[index % len(orgs)]
        title = rng.choice(["Director", "Deputy Director", "Senior Adviser", "Chief of Section"])
        if created:
            Position.objects.create(person=person, organization=org, title=title)
        people.append((person, org, title))
    return people


def _bodies(plan: Plan, orgs: list[Organization]) -> list[Body]:
    bodies = []
    for n in range(plan.bodies):
        name, short = BODIES[n % len(BODIES)]
        if n >= len(BODIES):
            name, short = f"{name} ({n // len(BODIES) + 1})", f"{short}{n // len(BODIES) + 1}"
        body = Body.objects.create(name=f"{name} [generated]", short_name=f"G-{short}"[:20],
                                   slug=f"{BODY_PREFIX}{n}")  # fmt: skip
        BodyTimeZone.objects.create(body=body, position=0, zone="America/New_York", label="NY time")
        BodyTimeZone.objects.create(body=body, position=1, zone="Europe/Zurich", label="GVA time")
        BodyMembership.objects.bulk_create(
            BodyMembership(body=body, organization=o, start=FIRST_DAY) for o in orgs[:12]
        )
        bodies.append(body)
    return bodies


def _meeting_specs(plan: Plan, rng: random.Random, bodies: list[Body]) -> Iterator[tuple]:
    for n in range(plan.meetings):
        body = bodies[n // MEETINGS_PER_BODY]
        month = n % MEETINGS_PER_BODY
        day = datetime.date(FIRST_DAY.year + month // 12, month % 12 + 1, 1 + (n * 7) % 27)
        start = datetime.datetime.combine(day, datetime.time(10 if n % 2 else 9), NEW_YORK)
        roll = rng.random()
        status = (
            Meeting.Status.DRAFT if roll < 0.04
            else Meeting.Status.CIRCULATED if roll < 0.08
            else Meeting.Status.APPROVED
        )  # fmt: skip
        yield body, start, status


def _write_chunk(chunk, rng, writer, topics, orgs, people, counts, batch_size) -> None:
    meetings = []
    for body, start, status in chunk:
        review = {}
        if status != Meeting.Status.DRAFT:
            review = {"circulated_at": start + datetime.timedelta(days=3),
                      "review_deadline": start + datetime.timedelta(days=10)}  # fmt: skip
        if status == Meeting.Status.APPROVED:
            review |= {"approved_at": start + datetime.timedelta(days=10),
                       "approval_method": Meeting.ApprovalMethod.SILENCE}  # fmt: skip
        topic, phrase = rng.choice(topics)
        meetings.append(
            Meeting(
                body=body,
                title=f"{body.name.removesuffix(' [generated]')} Principals Meeting",
                level="Principals",
                start=start,
                end=start + datetime.timedelta(minutes=90),
                status=status,
                opening_remarks=f"In his opening remarks, the Coordinator provided an update on "
                f"{phrase}. {writer.sentence(phrase)}",
                **review,
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=batch_size)
    counts["meetings"] += len(meetings)

    attendances, items, item_topics = [], [], []
    for meeting in meetings:
        for position, (person, org, title) in enumerate(rng.sample(people, 9)):
            attendances.append(Attendance(meeting=meeting, person=person, organization=org,
                                          title=title, position=position))  # fmt: skip
        for position in range(1, rng.randint(4, 6) + 1):
            chosen = rng.sample(topics, rng.choice([1, 1, 2]))
            item = AgendaItem(
                meeting=meeting,
                position=position,
                title=f"Update on {chosen[0][1]}",
                discussion=writer.discussion(chosen[0][1]),
            )
            item.chosen = chosen
            items.append(item)
    Attendance.objects.bulk_create(attendances, batch_size=batch_size)
    AgendaItem.objects.bulk_create(items, batch_size=batch_size)
    counts["attendances"] += len(attendances)
    counts["items"] += len(items)
    for item in items:
        item_topics += [AgendaItem.topics.through(agendaitem=item, topic=t) for t, _ in item.chosen]
    AgendaItem.topics.through.objects.bulk_create(item_topics, batch_size=batch_size)

    numbers: dict[str, int] = defaultdict(int)
    decisions = []
    for item in items:
        meeting = item.meeting
        for position in range(rng.choice([1, 1, 2, 2])):
            prefix = f"{meeting.body.short_name}/{meeting.start:%Y/%m}/D"
            numbers[prefix] += 1
            kind = rng.choice(list(DECISION_FORMS))
            decision = Decision(agenda_item=item, position=position, kind=kind,
                                text=writer.decision(kind, item.chosen[0][1]),
                                reference=f"{prefix}{numbers[prefix]}")  # fmt: skip
            decisions.append(decision)
    Decision.objects.bulk_create(decisions, batch_size=batch_size)
    counts["decisions"] += len(decisions)
    Decision.topics.through.objects.bulk_create(
        [Decision.topics.through(decision=d, topic=t) for d in decisions
         for t, _ in d.agenda_item.chosen],
        batch_size=batch_size,
    )  # fmt: skip

    by_item = defaultdict(list)
    for decision in decisions:
        by_item[decision.agenda_item_id].append(decision)
    actions = []
    for item in items:
        meeting = item.meeting
        for position in range(rng.choice([1, 2, 2, 3, 3, 4])):
            prefix = f"{meeting.body.short_name}/{meeting.start:%Y/%m}/A"
            numbers[prefix] += 1
            status = rng.choice(["open", "in_progress", "done", "done", "dropped"])
            precision = rng.choice(["day", "month", "quarter", "none"])
            due_day = meeting.start.date() + datetime.timedelta(days=rng.choice([30, 90, 180]))
            actions.append(
                ActionPoint(
                    agenda_item=item,
                    decision=rng.choice(by_item[item.pk]) if by_item[item.pk] else None,
                    position=position,
                    reference=f"{prefix}{numbers[prefix]}",
                    text=writer.action(item.chosen[0][1]),
                    due_date=due.period_end(due_day, precision),
                    due_precision=precision,
                    status=status,
                    closed_at=None
                    if status in ("open", "in_progress")
                    else meeting.start + datetime.timedelta(days=120),
                )
            )
    ActionPoint.objects.bulk_create(actions, batch_size=batch_size)
    counts["actions"] += len(actions)
    ActionPoint.topics.through.objects.bulk_create(
        [ActionPoint.topics.through(actionpoint=a, topic=t) for a in actions
         for t, _ in a.agenda_item.chosen],
        batch_size=batch_size,
    )  # fmt: skip
    ActionPoint.owner_organizations.through.objects.bulk_create(
        [ActionPoint.owner_organizations.through(actionpoint=a, organization=o)
         for a in actions for o in rng.sample(orgs, rng.choice([1, 1, 2]))],
        batch_size=batch_size,
    )  # fmt: skip
    updates = []
    for action in actions:
        for n in range(rng.choice([0, 1, 1, 2])):
            updates.append(
                ActionUpdate(
                    action=action,
                    created_at=action.agenda_item.meeting.start + datetime.timedelta(days=20 * (n + 1)),
                    text=f"{rng.choice(PROGRESS)} ({action.text.split(',')[0].lower()})",
                )
            )  # fmt: skip
    ActionUpdate.objects.bulk_create(updates, batch_size=batch_size)
    counts["updates"] += len(updates)


def _copies(plan: Plan) -> int:
    """How many copies of the scale-1 archive make this one: on PostgreSQL a whole scale of 2 or
    more is written as scale 1 once and copied in SQL (a minute instead of an hour at scale
    100); elsewhere, or for a fractional scale, every meeting is written from Python."""
    whole = plan.scale == int(plan.scale) and plan.scale >= 2
    return int(plan.scale) if whole and connection.vendor == "postgresql" else 1


# Copied with new primary keys (id + copy x span), so the rows that point at them follow.
_RENUMBERED = (Meeting, AgendaItem, Decision, ActionPoint)


def _replicate(base_bodies: list[Body], bodies: list[Body], copies: int) -> None:
    """Copy every record of the meetings of `base_bodies` onto the next bodies, `copies - 1`
    times, with INSERT ... SELECT: copy k of base body i belongs to body k x len(base) + i,
    its references carry that body's prefix, and whatever it points at outside the archive
    (people, organisations, topics) is shared."""
    per_copy = len(base_bodies)
    links = [
        (k, body.pk, bodies[k * per_copy + i].pk, body.short_name, bodies[k * per_copy + i].short_name)
        for k in range(1, copies)
        for i, body in enumerate(base_bodies)
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE gen_copy (k int, old_body bigint, new_body bigint, "
            "old_prefix text, new_prefix text) ON COMMIT DROP"
        )
        cursor.executemany("INSERT INTO gen_copy VALUES (%s, %s, %s, %s, %s)", links)
        spans = {}
        for model in _RENUMBERED:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608
            spans[model] = cursor.fetchone()[0]
        # Each table: its rows under the base meetings, through the path to the meeting.
        item, decision, action = (m._meta.db_table for m in (AgendaItem, Decision, ActionPoint))
        via_item = f"JOIN {item} i ON i.id = t.agenda_item_id"
        via_action = f"JOIN {action} a ON a.id = t.{{}} JOIN {item} i ON i.id = a.agenda_item_id"
        tables = [
            (Meeting, "", "m.id = t.id"),
            (Attendance, "", "m.id = t.meeting_id"),
            (AgendaItem, "", "m.id = t.meeting_id"),
            (AgendaItem.topics.through, f"JOIN {item} i ON i.id = t.agendaitem_id", "m.id = i.meeting_id"),
            (Decision, via_item, "m.id = i.meeting_id"),
            (Decision.topics.through, f"JOIN {decision} d ON d.id = t.decision_id "
             f"JOIN {item} i ON i.id = d.agenda_item_id", "m.id = i.meeting_id"),
            (ActionPoint, via_item, "m.id = i.meeting_id"),
            *((through, via_action.format("actionpoint_id"), "m.id = i.meeting_id")
              for through in (ActionPoint.topics.through, ActionPoint.owner_organizations.through,
                              ActionPoint.owner_people.through)),
            (ActionUpdate, via_action.format("action_id"), "m.id = i.meeting_id"),
        ]  # fmt: skip
        for model, joins, to_meeting in tables:
            columns, values = [], []
            for field in model._meta.concrete_fields:
                column = "t." + connection.ops.quote_name(field.column)
                target = field.related_model if field.is_relation else None
                if field.primary_key and model not in _RENUMBERED:
                    continue  # a fresh id from the sequence
                columns.append(connection.ops.quote_name(field.column))
                if field.primary_key:
                    values.append(f"{column} + c.k * {spans[model]}")
                elif target in _RENUMBERED:
                    values.append(f"{column} + c.k * {spans[target]}")
                elif target is Body:
                    values.append("c.new_body")
                elif field.name == "reference":
                    values.append("c.new_prefix || substr(t.reference, length(c.old_prefix) + 1)")
                else:
                    values.append(column)
            table = model._meta.db_table
            first = f"JOIN {Meeting._meta.db_table} m ON {to_meeting}"
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - names from _meta
                f"SELECT {', '.join(values)} FROM {table} t {joins} {first} "
                "JOIN gen_copy c ON c.old_body = m.body_id"
            )
        for model in _RENUMBERED:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608
            )


GENERATED_KINDS = ("meeting", "item", "decision", "action", "update")


def _drop_search_indexes() -> list[str]:
    """Row triggers and GIN upkeep cost more than one backfill and one index build afterwards."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        # Not ALTER TABLE ... DISABLE TRIGGER: that fails inside a transaction with deferred
        # foreign-key checks pending (as in tests); the triggers read this setting instead.
        cursor.execute(f"SET {fts.DEFER_SETTING} = 'on'")
        for kind in GENERATED_KINDS:
            cursor.execute("DROP INDEX IF EXISTS " + fts.index_name(kind))
    return list(GENERATED_KINDS)


def _create_search_indexes(kinds: list[str]) -> None:
    with connection.cursor() as cursor:
        if not kinds:
            return
        cursor.execute(f"RESET {fts.DEFER_SETTING}")
        for kind in kinds:
            cursor.execute(fts.backfill_sql(kind))
            cursor.execute(fts.create_index_sql(kind))


def fingerprint() -> list[tuple]:
    """What a generated archive says, to compare two runs."""
    generated = Meeting.objects.filter(body__slug__startswith=BODY_PREFIX)
    return [
        *generated.order_by("start", "body__slug").values_list("body__slug", "start", "status",
                                                                "opening_remarks"),
        *AgendaItem.objects.filter(meeting__in=generated)
        .order_by("meeting__start", "meeting__body__slug", "position")
        .values_list("title", "discussion"),
        *Decision.objects.filter(agenda_item__meeting__in=generated)
        .order_by("reference").values_list("reference", "kind", "text"),
        *ActionPoint.objects.filter(agenda_item__meeting__in=generated)
        .order_by("reference").values_list("reference", "status", "text", "due_date"),
        *ActionUpdate.objects.filter(action__agenda_item__meeting__in=generated)
        .order_by("action__reference", "created_at").values_list("action__reference", "text"),
    ]  # fmt: skip
