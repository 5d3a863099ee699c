"""Builds the demo: the sample meeting exactly as its summary reads, and a believable history."""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from devtools.demo import sample
from lib import due
from minutes.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Meeting,
    SummaryEvent,
    Topic,
)
from minutes.references import next_reference
from participants import roles
from participants.models import Body, BodyMembership, BodyTimeZone, Organization, Person, Position

NEW_YORK = ZoneInfo("America/New_York")
SAMPLE_START = datetime.datetime(2023, 3, 20, 10, 0, tzinfo=NEW_YORK)

# Believable follow-up business for the other meetings of the body.
HISTORY_ITEMS = [
    (
        "Update on the Migration MPTF",
        "The Coordinator presented the latest allocation round of "
        "the Migration Multi-Partner Trust Fund and the pipeline of joint programmes.",
        "noted",
        "The update on the Migration MPTF resource mobilization strategy was noted.",
        "Circulate the Migration MPTF resource mobilization strategy to Principals.",
        ["Migration MPTF"],
    ),
    (
        "Preparations for the International Migration Review Forum 2026",
        "Principals discussed the "
        "roadmap towards the 2026 IMRF and the role of the Regional Reviews outputs.",
        "agreed",
        "It was agreed that the Network would prepare a consolidated input to the "
        "Secretary-General's report ahead of the IMRF.",
        "Prepare a first draft of the Network's input to the Secretary-General's report.",
        ["IMRF 2026", "Regional Reviews"],
    ),
    (
        "Regional Reviews: progress across regions",
        "Regional Networks reported on the Regional "
        "Reviews held in the Arab region, Asia-Pacific and Latin America and the Caribbean.",
        "welcomed",
        "The progress reports of the Regional Networks on the Regional Reviews were welcomed.",
        "Compile the outcomes of the Regional Reviews into a synthesis note.",
        ["Regional Reviews"],
    ),
    (
        "Joint advocacy on regular pathways",
        "Several Principals underlined the importance of "
        "expanding regular pathways, including labour mobility and family reunification.",
        "endorsed",
        "The joint advocacy note on regular pathways for admission and stay was endorsed.",
        "Publish the joint advocacy note on regular pathways on the Network website.",
        ["Regular pathways", "Global Compact for Migration"],
    ),
    (
        "Climate change and human mobility",
        "Principals exchanged views on the Network's "
        "contribution to COP discussions on human mobility in the context of climate change.",
        "requested",
        "The secretariat was requested to draft key messages on human mobility for the next COP.",
        "Draft key messages on climate change and human mobility for COP.",
        ["Climate and mobility"],
    ),
    (
        "Network workplan 2024-2025",
        "The draft workplan was presented with its priority areas "
        "and the workstreams led by member entities.",
        "endorsed",
        "The Network workplan for 2024-2025 was endorsed.",
        "Circulate the final workplan to the Regional Networks.",
        ["Network workplan"],
    ),
    (
        "Follow-up to the Global Refugee Forum",
        "Principals reviewed the joint pledges on "
        "complementary implementation made at the Global Refugee Forum.",
        "welcomed",
        "The joint pledges on complementary implementation of both Global Compacts were welcomed.",
        "Report on the implementation of the joint GRF pledges.",
        ["Global Compact for Refugees"],
    ),
    (
        "Return, readmission and reintegration",
        "The working group presented its draft position paper on sustainable reintegration.",
        "agreed",
        "It was agreed to finalize the position "
        "paper on sustainable reintegration after consultation with Regional Networks.",
        "Consult the Regional Networks on the reintegration position paper.",
        ["Return and reintegration"],
    ),
]

# Meetings around the sample: weeks from the sample, status.
FIXED_HISTORY = [-18, -8, 12, 27, 38, 52, 65, 82, 99, 115]


def load_demo(*, password: str, log=print) -> bool:
    """Create the demo once. Returns False when it was already there (then only users are reset)."""
    with transaction.atomic():
        body, orgs, people = _registry()
        _users(password, people)
        if Meeting.objects.filter(body=body, start=SAMPLE_START).exists():
            log("Demo data already loaded; demo users reset.")
            return False
        topics = {}
        meeting = _sample_meeting(body, orgs, people, topics)
        _history(body, orgs, people, topics, meeting)
    log("Demo data loaded.")
    return True


def _registry():
    orgs = {}
    for acronym, name in sample.ORGANIZATIONS:
        org, _ = Organization.objects.get_or_create(
            name=name, defaults={"acronym": acronym, "kind": Organization.Kind.UN_ENTITY}
        )
        orgs[org.label] = org
    eclac, _ = Organization.objects.get_or_create(
        name="Economic Commission for Latin America and the Caribbean",
        defaults={"acronym": "ECLAC", "kind": Organization.Kind.REGIONAL_COMMISSION},
    )
    orgs["ECLAC"] = eclac
    body, created = Body.objects.get_or_create(
        short_name="EXCOM",
        defaults={
            "name": "Executive Committee",
            "slug": "executive-committee",
            "description": "Executive Committee of the UN Network on Migration.",
        },
    )
    if created:
        BodyTimeZone.objects.create(body=body, position=0, zone="America/New_York", label="NY time")
        BodyTimeZone.objects.create(body=body, position=1, zone="Europe/Zurich", label="GVA time")
        # The member entities and a rotating regional commission; the secretariat is no member.
        for acronym, name in sample.MEMBERS:
            BodyMembership.objects.create(
                body=body, organization=orgs[acronym or name], start=datetime.date(2018, 12, 19)
            )
        BodyMembership.objects.create(
            body=body,
            organization=eclac,
            start=datetime.date(2024, 1, 1),
            end=datetime.date(2025, 12, 31),
            is_rotating=True,
        )
    people = {}
    for name, title, org_label, _role in sample.PARTICIPANTS:
        person, created = Person.objects.get_or_create(name=name)
        if created:
            Position.objects.create(
                person=person,
                organization=orgs[org_label],
                title=title,
                is_principal=True,
                start=datetime.date(2021, 1, 1),
            )
        people[name] = person
    return body, orgs, people


def _users(password: str, people: dict[str, Person]) -> None:
    secretariat_group = Group.objects.get(name=roles.SECRETARIAT)
    principals_group = Group.objects.get(name=roles.PRINCIPALS)
    specs = [
        ("secretariat", "Secretariat", "Officer", secretariat_group, None, False),
        ("principal", "Gillian", "Triggs", principals_group, "Gillian Triggs", False),
        ("principal2", "Omar", "Abdi", principals_group, "Omar Abdi", False),
        ("admin", "Site", "Admin", secretariat_group, None, True),
    ]
    for username, first, last, group, person_name, superuser in specs:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@example.org"
        user.is_staff = user.is_superuser = superuser
        user.set_password(password)
        user.save()
        user.groups.add(group)
        if person_name:
            person = people[person_name]
            person.user = user
            person.email = person.email or user.email
            person.save()


def _topic(topics: dict[str, Topic], name: str) -> Topic:
    if name not in topics:
        topics[name], _ = Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return topics[name]


def _sample_meeting(body, orgs, people, topics) -> Meeting:
    meeting = Meeting.objects.create(
        body=body,
        title=sample.TITLE,
        level="Principals",
        modality=Meeting.Modality.VIRTUAL,
        start=SAMPLE_START,
        end=SAMPLE_START + datetime.timedelta(minutes=90),
        status=Meeting.Status.APPROVED,
        opening_remarks=sample.OPENING_REMARKS,
        circulated_at=SAMPLE_START + datetime.timedelta(days=3),
        review_deadline=SAMPLE_START + datetime.timedelta(days=10),
        approved_at=SAMPLE_START + datetime.timedelta(days=10),
        approval_method=Meeting.ApprovalMethod.SILENCE,
    )
    _events(meeting)
    for position, (name, title, org_label, role) in enumerate(sample.PARTICIPANTS):
        Attendance.objects.create(
            meeting=meeting,
            person=people[name],
            organization=orgs[org_label],
            title=title,
            role=role,
            position=position,
        )
    for position, spec in enumerate(sample.ITEMS, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting, position=position, title=spec["title"], discussion=spec["discussion"]
        )
        item.topics.set([_topic(topics, t) for t in spec["topics"]])
        decisions = _decisions(meeting, item, spec["decisions"], topics, spec["topics"])
        for doc_title, url in spec["documents"]:
            Document.objects.create(meeting=meeting, agenda_item=item, title=doc_title, url=url)
        for action_position, (text, owner_note) in enumerate(spec["actions"]):
            action = _action(
                meeting,
                item,
                text,
                position=action_position,
                owner_note=owner_note,
                decision=decisions[0],
            )
            action.topics.set(item.topics.all())
    aob = AgendaItem.objects.create(
        meeting=meeting,
        position=len(sample.ITEMS) + 1,
        title=sample.AOB["title"],
        kind=AgendaItem.Kind.AOB,
        discussion=sample.AOB["discussion"],
    )
    aob.topics.set([_topic(topics, t) for t in sample.AOB["topics"]])
    _decisions(meeting, aob, sample.AOB["decisions"], topics, sample.AOB["topics"])
    _sample_follow_up(meeting, orgs)
    return meeting


def _decisions(meeting, item, specs, topics, topic_names) -> list[Decision]:
    decisions = []
    for position, (kind, text) in enumerate(specs):
        decision = Decision.objects.create(
            agenda_item=item,
            position=position,
            kind=kind,
            text=text,
            reference=next_reference(Decision, meeting, "D"),
        )
        decision.topics.set([_topic(topics, t) for t in topic_names])
        decisions.append(decision)
    return decisions


def _action(
    meeting,
    item,
    text,
    *,
    position=0,
    owner_note="",
    decision=None,
    due_day=None,
    precision=due.NONE,
    status=ActionPoint.Status.OPEN,
) -> ActionPoint:
    return ActionPoint.objects.create(
        agenda_item=item,
        decision=decision,
        position=position,
        text=text,
        owner_note=owner_note,
        reference=next_reference(ActionPoint, meeting, "A"),
        due_date=due.period_end(due_day, precision) if due_day else None,
        due_precision=precision if due_day else due.NONE,
        status=status,
        closed_at=meeting.start + datetime.timedelta(days=60)
        if status not in ActionPoint.OPEN_STATUSES
        else None,
    )


def _sample_follow_up(meeting: Meeting, orgs) -> None:
    """Owners and due dates of the sample's actions, as the secretariat would have filled them."""
    actions = list(
        ActionPoint.objects.filter(agenda_item__meeting=meeting).order_by(
            "agenda_item__position", "position"
        )
    )
    commissions, roadmap, complementarity, messages = actions
    commissions.owner_organizations.set([orgs["IOM"], orgs["DESA"]])
    roadmap.owner_organizations.set([orgs["IOM"]])
    roadmap.due_date, roadmap.due_precision = datetime.date(2024, 12, 31), due.HALF
    roadmap.save()
    complementarity.owner_organizations.set([orgs["UNHCR"], orgs["IOM"]])
    complementarity.due_date, complementarity.due_precision = (
        datetime.date(2023, 12, 31),
        due.QUARTER,
    )
    complementarity.status = ActionPoint.Status.IN_PROGRESS
    complementarity.save()
    messages.owner_organizations.set([orgs["DESA"]])
    messages.due_date, messages.due_precision = datetime.date(2023, 6, 30), due.DAY
    messages.status = ActionPoint.Status.DONE
    messages.closed_at = datetime.datetime(2023, 6, 12, 15, 0, tzinfo=NEW_YORK)
    messages.save()
    ActionUpdate.objects.create(
        action=messages,
        text="Key messages channelled to the co-facilitators.",
        created_at=messages.closed_at,
        status_from="open",
        status_to="done",
    )
    ActionUpdate.objects.create(
        action=complementarity,
        created_at=datetime.datetime(2023, 9, 1, 12, tzinfo=NEW_YORK),
        text="Joint pledge on complementary implementation drafted for the Global Refugee Forum.",
        status_from="open",
        status_to="in_progress",
    )


def _events(meeting: Meeting) -> None:
    if meeting.circulated_at:
        SummaryEvent.objects.create(
            meeting=meeting,
            kind=SummaryEvent.Kind.CIRCULATED,
            at=meeting.circulated_at,
            note=f"Deadline {meeting.review_deadline:%d %B %Y %H:%M}",
        )
    if meeting.approved_at:
        SummaryEvent.objects.create(
            meeting=meeting,
            kind=SummaryEvent.Kind.APPROVED,
            at=meeting.approved_at,
            note="No objection before the deadline (silence procedure).",
        )


def _history(body, orgs, people, topics, sample_meeting) -> None:
    rng = random.Random(2023)
    now = timezone.now()
    starts = [SAMPLE_START + datetime.timedelta(weeks=w) for w in FIXED_HISTORY]
    starts = [s for s in starts if s < now - datetime.timedelta(days=150)]
    recent = [
        (-150, Meeting.Status.APPROVED),
        (-75, Meeting.Status.APPROVED),
        (-21, Meeting.Status.CIRCULATED),
        (-5, Meeting.Status.DRAFT),
        (35, Meeting.Status.PLANNED),
    ]
    plan = [(s, Meeting.Status.APPROVED) for s in starts]
    for days, status in recent:
        day = (now + datetime.timedelta(days=days)).astimezone(NEW_YORK).date()
        plan.append((datetime.datetime.combine(day, datetime.time(10), NEW_YORK), status))
    principals = list(people.values())
    org_labels = [label for label in orgs if label != "ECLAC"]
    for number, (start, status) in enumerate(plan):
        _history_meeting(body, orgs, org_labels, principals, topics, rng, number, start, status)
    _link_reviews(body)


def _link_reviews(body) -> None:
    """Each progress entry is reviewed at the body's first meeting after it: the follow-up."""
    meetings = list(
        Meeting.objects.filter(body=body)
        .exclude(status=Meeting.Status.PLANNED)
        .order_by("start")
        .values_list("pk", "start")
    )
    for update in ActionUpdate.objects.filter(action__agenda_item__meeting__body=body):
        later = [pk for pk, start in meetings if start >= update.created_at]
        if later:
            update.reviewed_at_meeting_id = later[0]
            update.save(update_fields=["reviewed_at_meeting"])


def _history_meeting(body, orgs, org_labels, principals, topics, rng, number, start, status):
    now = timezone.now()
    review = {}
    if status in (Meeting.Status.CIRCULATED, Meeting.Status.APPROVED):
        review["circulated_at"] = start + datetime.timedelta(days=3)
        review["review_deadline"] = (
            now + datetime.timedelta(days=5)
            if status == Meeting.Status.CIRCULATED
            else start + datetime.timedelta(days=10)
        )
    if status == Meeting.Status.APPROVED:
        review["approved_at"] = review["review_deadline"]
        review["approval_method"] = rng.choice(list(Meeting.ApprovalMethod.values))
    meeting = Meeting.objects.create(
        body=body,
        title=sample.TITLE,
        level="Principals",
        modality=Meeting.Modality.HYBRID if number % 4 == 3 else Meeting.Modality.VIRTUAL,
        location="Geneva and online" if number % 4 == 3 else "",
        start=start,
        end=start + datetime.timedelta(minutes=90),
        status=status,
        opening_remarks="The Coordinator welcomed Principals and recalled the outcomes of the "
        "previous meeting.",
        **review,
    )
    _events(meeting)
    if status != Meeting.Status.PLANNED:
        attendees = rng.sample(principals, 8)
        for position, person in enumerate(sorted(attendees, key=principals.index)):
            current = person.positions.first()
            Attendance.objects.create(
                meeting=meeting,
                person=person,
                organization=current.organization,
                title=current.title,
                position=position,
                role="Network Coordinator" if person.name == "António Vitorino" else "",
            )
        absent = [p for p in principals if p not in attendees]
        Attendance.objects.create(
            meeting=meeting,
            person=absent[0],
            organization=absent[0].positions.first().organization,
            title=absent[0].positions.first().title,
            status=Attendance.Status.APOLOGIES,
            position=len(attendees),
        )
    chosen = rng.sample(HISTORY_ITEMS, 2)
    for position, (title, discussion, kind, decision_text, action_text, topic_names) in enumerate(
        chosen, start=1
    ):
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            discussion="" if status == Meeting.Status.PLANNED else discussion,
        )
        item.topics.set([_topic(topics, t) for t in topic_names])
        if status == Meeting.Status.PLANNED:
            continue
        decision = _decisions(meeting, item, [(kind, decision_text)], topics, topic_names)[0]
        _history_action(meeting, item, decision, action_text, orgs, org_labels, rng, now)


def _history_action(meeting, item, decision, text, orgs, org_labels, rng, now):
    start_day = meeting.start.date()
    precision = rng.choice([due.DAY, due.MONTH, due.QUARTER, due.HALF, due.NONE])
    due_day = start_day + datetime.timedelta(days=rng.choice([30, 60, 120, 200]))
    age = (now.date() - start_day).days
    if age > 400:
        status = rng.choice(
            [
                ActionPoint.Status.DONE,
                ActionPoint.Status.DONE,
                ActionPoint.Status.DROPPED,
                ActionPoint.Status.IN_PROGRESS,
            ]
        )
    else:
        status = rng.choice(
            [ActionPoint.Status.OPEN, ActionPoint.Status.IN_PROGRESS, ActionPoint.Status.DONE]
        )
    action = _action(
        meeting, item, text, decision=decision, due_day=due_day, precision=precision, status=status
    )
    owners = rng.sample(org_labels, rng.choice([1, 1, 2]))
    action.owner_organizations.set([orgs[label] for label in owners])
    action.topics.set(item.topics.all())
    if status != ActionPoint.Status.OPEN:
        ActionUpdate.objects.create(
            action=action,
            created_at=meeting.start + datetime.timedelta(days=20),
            text="Work started; a first draft is being consulted with the focal points.",
            status_from="open",
            status_to="in_progress",
        )
    if status in (ActionPoint.Status.DONE, ActionPoint.Status.DROPPED):
        ActionUpdate.objects.create(
            action=action,
            created_at=action.closed_at,
            text="Completed and shared with Principals."
            if status == ActionPoint.Status.DONE
            else "Dropped: overtaken by the new workplan.",
            status_from="in_progress",
            status_to=status,
        )
