"""The secretariat records the sample summary (20 March 2023) end to end, against the clock:
meeting with its agenda, attendance in the summary's order, each item's discussion, decisions
and action points, then circulation. Page loads, fields filled and clicks are counted, with
JavaScript and without it, and the records written are checked."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from devtools.demo import sample
from minutes.models import ActionPoint, AgendaItem, Meeting
from tests.e2e import a11y
from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

# The journey's budgets: page loads (each form sent, each link followed) from the empty
# "New meeting" page to the circulated summary.
MAX_LOADS_WITH_JS = 8
MAX_LOADS_WITHOUT_JS = 12

AGENDA = [
    "Framework on the preparation and organization of the Regional Reviews of the Global "
    "Compact for Safe, Orderly and Regular Migration (GCM)",
    "Complementary implementation of the Global Compact for Safe, Orderly and Regular "
    "Migration (GCM) and the Global Compact for Refugees (GCR)",
    "Potential Network contributions to intergovernmental processes including the High-Level "
    "Political Forum in July 2023 and the SDG Summit in September 2023",
    "AOB",
]

# Per item: discussion, decisions (kind, text), action points (text, follows from decision
# row, owner organisation, owner note, due day, precision).
ITEMS = [
    (
        "The Regional Reviews will offer opportunities to identify and discuss regional and "
        "sub-regional migration trends.",
        [
            (
                "endorsed",
                "The framework on the preparation and organization of the Regional "
                "Reviews was endorsed.",
            ),
            (
                "agreed",
                "Continue discussions with the UN regional commissions on their "
                "contribution to the Regional Reviews.",
            ),
        ],
        [
            (
                "Continued discussions with the UN regional commissions at the working level.",
                1,
                "",
                "the working level",
                "2023-06-30",
                "quarter",
            ),
            (
                "Develop a roadmap of the Regional Reviews process.",
                None,
                "IOM",
                "",
                "2023-05-15",
                "month",
            ),
        ],
    ),
    (
        "Many participants welcomed the discussion on the complementary implementation of both "
        "Global Compacts.",
        [("endorsed", "The suggested actions in the discussion note were endorsed.")],
        [
            (
                "To implement the actions and recommendations for greater complementarity.",
                0,
                "UNHCR",
                "",
                "2023-12-31",
                "half",
            ),
        ],
    ),
    (
        "The set of key messages for the SDG Summit was well received by all.",
        [("welcomed", "The recommendations to develop guidance for the HLPF were welcomed.")],
        [
            (
                "Finalize the key messages for the SDG Summit.",
                0,
                "",
                "the Network Secretariat",
                "2023-07-10",
                "day",
            ),
        ],
    ),
    (
        "The regional economic commissions have requested to join the Network's Executive "
        "Committee on a rotational basis.",
        [
            (
                "agreed",
                "This is first discussed at the working level, with recommendations shared "
                "with the Principals.",
            )
        ],
        [],
    ),
]


@dataclass
class Journey:
    """Drives the page and counts what a person does: page loads, fields filled, clicks."""

    page: object
    js: bool
    loads: int = 0
    fields: int = 0
    clicks: int = 0
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("load", lambda _page: self._loaded())

    def _loaded(self) -> None:
        self.loads += 1

    def fill(self, locator, value: str) -> None:
        locator.fill(value)
        self.fields += 1

    def choose(self, locator, **option) -> None:
        locator.select_option(**option)
        self.fields += 1

    def click(self, locator) -> None:
        locator.click()
        self.clicks += 1

    def submit(self, locator) -> None:
        with self.page.expect_navigation():
            locator.click()
        self.clicks += 1

    def check_axe(self, state: str) -> None:
        self.problems += [f"{state}: {v}" for v in a11y.axe_violations(self.page)]


def _login(browser, base: str, *, js: bool):
    context = browser.new_context(java_script_enabled=js)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    return context, page


def _record_the_sample(journey: Journey, base: str) -> None:
    page, js = journey.page, journey.js
    page.goto(f"{base}/meetings/new/")

    # 1. The meeting, its agenda titles and the proposed attendance in one form.
    journey.choose(page.get_by_label("Body"), label="Executive Committee")
    journey.fill(page.get_by_label("Level"), "Principals")
    journey.choose(page.get_by_label("Modality"), value="virtual")
    journey.fill(page.get_by_label("Date"), "2023-03-20")
    journey.fill(page.get_by_label("Start time"), "10:00")
    journey.fill(page.get_by_label("End time"), "11:30")
    journey.fill(page.get_by_label("Opening remarks"), sample.OPENING_REMARKS)
    journey.fill(page.get_by_label("Agenda:", exact=True), "\n".join(AGENDA))
    expect(page.get_by_label("Propose the attendance")).to_be_checked()
    journey.submit(page.get_by_role("button", name="Create meeting"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance")

    # 2. The principals are proposed in the summary's order: the Coordinator (with the role
    # he held at the body's previous meeting), then the organisations.
    rows = page.locator(".attendance-row legend")
    expect(rows).to_have_count(len(sample.PARTICIPANTS))
    expect(rows.first).to_have_text("António Vitorino")
    expect(page.get_by_label("Role for António Vitorino")).to_have_value("Network Coordinator")
    expect(rows.last).to_have_text("Sonia Plaza")
    journey.submit(page.get_by_role("button", name="Save and write up the items"))

    # 3. Each item: discussion, decisions and action points, then the next item.
    for number, (discussion, decisions, actions) in enumerate(ITEMS, start=1):
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Item {number}:")
        journey.fill(page.get_by_label("Discussion"), discussion)
        _outcomes(journey, decisions, actions)
        if js and number == 1:
            journey.check_axe("item editor with rows added")
        last = number == len(ITEMS)
        button = "Save item" if last else "Save and next item"
        journey.submit(page.get_by_role("button", name=button, exact=last))
    expect(page.get_by_role("heading", level=1)).to_have_text(sample.TITLE)

    # 4. Circulate with a deadline a week ahead (the time is proposed: 17:00).
    deadline = datetime.date.today() + datetime.timedelta(days=7)
    field = page.get_by_label("Deadline date")
    if not field.is_visible():
        # Without scripts the secretariat's tools menu beside the summary starts closed.
        journey.click(page.locator(".tools-menu > summary"))
    journey.fill(field, deadline.isoformat())
    journey.submit(page.get_by_role("button", name="Circulate", exact=True))
    expect(page.get_by_text("Circulated to the principals for review.")).to_be_visible()


def _outcomes(journey: Journey, decisions, actions) -> None:
    """Fill the decision and action rows: with JavaScript each is revealed in the page as it
    is added; without, there is one blank row of each and "Save and add more" brings the next.
    An action is written once the decision it follows from is."""
    page, js = journey.page, journey.js
    if js:
        for row, decision in enumerate(decisions):
            journey.click(page.get_by_role("button", name="Add a decision"))
            _decision(journey, row, decision)
        for row, action in enumerate(actions):
            journey.click(page.get_by_role("button", name="Add an action point"))
            _action(journey, row, action)
        return
    written, acted = 0, 0
    while True:
        if written < len(decisions):
            _decision(journey, written, decisions[written])
            written += 1
        if acted < len(actions) and (actions[acted][1] or 0) < written:
            _action(journey, acted, actions[acted])
            acted += 1
        if written == len(decisions) and acted == len(actions):
            return
        journey.submit(page.get_by_role("button", name="Save and add more"))


def _decision(journey: Journey, row: int, decision) -> None:
    kind, text = decision
    if kind != "agreed":  # the kind a new row proposes
        journey.choose(journey.page.locator(f'[name="decisions-{row}-kind"]'), value=kind)
    journey.fill(journey.page.locator(f'[name="decisions-{row}-text"]'), text)


def _action(journey: Journey, row: int, action) -> None:
    text, follows, owner, note, due_day, precision = action
    page, prefix = journey.page, f"actions-{row}"
    journey.fill(page.locator(f'[name="{prefix}-text"]'), text)
    if follows is not None:
        # Saved decisions and those written in the page alike are offered as "Decision N".
        select = page.locator(f'[name="{prefix}-decision"]')
        option = select.locator("option", has_text=f"Decision {follows + 1}")
        journey.choose(select, value=option.get_attribute("value"))
    if owner:
        journey.choose(page.locator(f'[name="{prefix}-owner_organizations"]'), label=owner)
    if note:
        journey.fill(page.locator(f'[name="{prefix}-owner_note"]'), note)
    journey.fill(page.locator(f'[name="{prefix}-due_day"]'), due_day)
    journey.choose(page.locator(f'[name="{prefix}-due_precision"]'), value=precision)


def _assert_recorded() -> None:
    meeting = Meeting.objects.get(start__date=datetime.date(2023, 3, 20))
    assert meeting.status == Meeting.Status.CIRCULATED
    assert meeting.opening_remarks == sample.OPENING_REMARKS
    attendance = list(
        meeting.attendances.order_by("position").values_list(
            "person__name", "organization__name", "organization__acronym", "role"
        )
    )
    # As the sample lists them: the Coordinator, then the organisations in order.
    assert [(name, role) for name, *_org, role in attendance] == [
        (name, role) for name, _title, _org, role in sample.PARTICIPANTS
    ]
    items = list(meeting.agenda_items.order_by("position"))
    assert [(i.title, i.kind) for i in items] == [
        *[(title, AgendaItem.Kind.REGULAR) for title in AGENDA[:3]],
        ("AOB", AgendaItem.Kind.AOB),
    ]
    for item, (discussion, decisions, actions) in zip(items, ITEMS, strict=True):
        assert item.discussion == discussion
        saved = list(item.decisions.order_by("position"))
        assert [(d.kind, d.text) for d in saved] == decisions
        recorded = list(
            item.action_points.order_by("position").prefetch_related("owner_organizations")
        )
        assert len(recorded) == len(actions)
        for action, (text, follows, owner, note, due_day, precision) in zip(
            recorded, actions, strict=True
        ):
            assert action.text == text
            assert action.decision == (saved[follows] if follows is not None else None)
            assert [o.label for o in action.owner_organizations.all()] == ([owner] if owner else [])
            assert action.owner_note == note
            assert action.due_precision == precision
            assert action.due_date >= datetime.date.fromisoformat(due_day)
    roadmap = ActionPoint.objects.get(text__startswith="Develop a roadmap")
    assert (roadmap.due_date, roadmap.status) == (datetime.date(2023, 5, 31), "open")


@pytest.mark.parametrize("js", [True, False], ids=["with-javascript", "without-javascript"])
def test_recording_the_sample_meeting_takes_few_page_loads(browser, demo_site, js):
    # The demo holds this summary already: the journey records it afresh.
    Meeting.objects.filter(start__date=datetime.date(2023, 3, 20)).delete()
    context, page = _login(browser, demo_site, js=js)
    journey = Journey(page, js=js)

    _record_the_sample(journey, demo_site)

    print(
        f"\nrecording the sample {'with' if js else 'without'} JavaScript: "
        f"{journey.loads} page loads, {journey.fields} fields, {journey.clicks} clicks"
    )
    assert journey.loads <= (MAX_LOADS_WITH_JS if js else MAX_LOADS_WITHOUT_JS)
    assert not journey.problems, "\n".join(journey.problems)
    _assert_recorded()
    # The summary shows each action's link to the decision it follows from.
    expect(page.locator("#summary li", has_text="follows from decision 2").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("js", [True, False], ids=["with-javascript", "without-javascript"])
def test_attendance_rows_move_with_buttons(browser, demo_site, js):
    """With scripts a move is instant and the save keeps the order; without, each move saves."""
    from minutes import services
    from participants.models import Body

    # Before any meeting of the body: no earlier roles, so the proposal is by organisation.
    start = datetime.datetime(
        2022, 1, 10, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))
    )
    meeting = services.meeting_create(
        by=None,
        data={"body": Body.objects.get(short_name="EXCOM"), "title": sample.TITLE, "start": start},
        propose_attendance=True,
    )
    context, page = _login(browser, demo_site, js=js)
    page.set_viewport_size({"width": 390, "height": 844})
    journey = Journey(page, js=js)
    page.goto(f"{demo_site}/meetings/{meeting.pk}/attendance/")
    rows = page.locator(".attendance-row legend")
    # Nothing earlier to take roles from: by organisation, the Coordinator third.
    expect(rows.nth(2)).to_have_text("António Vitorino")
    journey.fill(page.get_by_label("Role for António Vitorino"), "Network Coordinator")
    for _ in range(2):
        move = page.get_by_role("button", name="Move up António Vitorino")
        if js:
            journey.click(move)
        else:
            journey.submit(move)
    expect(rows.first).to_have_text("António Vitorino")
    # A phone shows the rows without scrolling sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    if js:
        expect(page.get_by_role("status").last).to_contain_text(
            "António Vitorino moved to place 1 of 10"
        )
        # At the top "Move up" is disabled: the keyboard stays on the row, on "Move down".
        expect(page.get_by_role("button", name="Move down António Vitorino")).to_be_focused()
        journey.check_axe("attendance after moving rows")
        assert not journey.problems, "\n".join(journey.problems)
        journey.submit(page.get_by_role("button", name="Save attendance", exact=True))
    expect(page.get_by_role("status").first).to_contain_text(
        "Attendance saved." if js else "Moved António Vitorino up."
    )
    assert journey.loads == (2 if js else 3)
    names = list(meeting.attendances.order_by("position").values_list("person__name", "role"))
    assert names[:3] == [
        ("António Vitorino", "Network Coordinator"),
        ("John Wilmoth", ""),
        ("Sukti Dasgupta", ""),
    ]
    context.close()
