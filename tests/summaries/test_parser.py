"""The parser on its own: no database, no Django."""

from __future__ import annotations

import datetime

import pytest

from devtools.demo import sample
from lib import due
from summaries import parser
from tests.summaries.conftest import SAMPLE

KNOWN = [label for pair in sample.ORGANIZATIONS for label in pair if label]


@pytest.fixture(scope="module")
def parsed() -> parser.Summary:
    return parser.parse(SAMPLE.read_text(encoding="utf-8"), known_organizations=KNOWN)


def test_sample_title_modality_date_and_times(parsed):
    assert parsed.title == "Executive Committee Principals (Virtual) Meeting"
    assert parsed.modality == "virtual"
    assert parsed.date == datetime.date(2023, 3, 20)
    assert parsed.times == [
        parser.TimeSpan(start="10:00", end="11:30", label="NY time"),
        parser.TimeSpan(start="15:00", end="16:30", label="GVA time"),
    ]


def test_sample_participants_have_title_organisation_and_separate_role(parsed):
    # The demo registry keeps the unit inside the title; the parser keeps it apart.
    got = [
        (p.name, ", ".join(x for x in (p.title, p.unit) if x), p.organization, p.role)
        for p in parsed.participants
    ]
    assert got == [tuple(p) for p in sample.PARTICIPANTS]
    assert all(p.status == parser.PRESENT for p in parsed.participants)


def test_sample_agenda_and_opening_remarks(parsed):
    assert parsed.agenda == [item["agenda_title"] for item in sample.ITEMS]
    assert parsed.opening_remarks == sample.OPENING_REMARKS


def test_sample_has_three_items_and_aob_with_their_sections(parsed):
    assert [(i.title, i.kind) for i in parsed.items] == [
        *[(item["title"], "regular") for item in sample.ITEMS],
        ("AOB", "aob"),
    ]
    assert parsed.items[3].discussion == sample.AOB["discussion"]
    # The page break inside the first item's first paragraph is mended.
    assert "migration trends and characteristics, as well as" in parsed.items[0].discussion
    assert parsed.items[1].discussion == sample.ITEMS[1]["discussion"]
    assert parsed.items[2].discussion == sample.ITEMS[2]["discussion"]


def test_sample_decisions_and_their_kinds(parsed):
    kinds = [[d.kind for d in item.decisions] for item in parsed.items]
    assert kinds == [[kind for kind, _text in item["decisions"]] for item in sample.ITEMS] + [
        [kind for kind, _text in sample.AOB["decisions"]]
    ]
    first = parsed.items[0].decisions
    assert first[0].text.startswith("The framework on the preparation and organization")
    # "This was agreed." carries what was agreed with it.
    assert "the timeframe for the regional reviews should remain flexible" in first[1].text
    # "... were welcomed, and as were the recommendations ..." records two outcomes.
    welcomed = [d.text for d in parsed.items[2].decisions]
    assert welcomed[0].endswith("into the voluntary national reports for the HLPF were welcomed.")
    assert welcomed[1] == sample.ITEMS[2]["decisions"][1][1]
    assert welcomed[2] == "The set of key messages for the SDG Summit was well received by all."


def test_sample_action_points_sit_under_the_right_items(parsed):
    assert [[a.text for a in item.actions] for item in parsed.items] == [
        [text for text, _note in item["actions"]] for item in sample.ITEMS
    ] + [[]]
    assert all(a.owner == "" and a.due == "" for a in parsed.actions)


def test_sample_parses_without_a_registry_too():
    summary = parser.parse(SAMPLE.read_text(encoding="utf-8"))
    assert [p.organization for p in summary.participants] == [p[2] for p in sample.PARTICIPANTS]
    assert summary.participants[0].role == "Network Coordinator"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Jane Doe, Chief, Policy Unit, UNHCR",
            ("Jane Doe", "Chief", "UNHCR", "", "present", ""),
        ),
        ("Rami Akkad, SAP", ("Rami Akkad", "", "SAP", "", "present", "")),
        ("Ge Peng (Chair)", ("Ge Peng", "", "", "Chair", "present", "")),
        (
            "Jo Bloggs, Director, ILO (apologies)",
            ("Jo Bloggs", "Director", "ILO", "", "apologies", ""),
        ),
        (
            "Ann Lee, Director, WHO, represented by Tom Kay",
            ("Ann Lee", "Director", "WHO", "", "represented", "Tom Kay"),
        ),
    ],
)
def test_participant_lines(line, expected):
    p = parser.parse_participant(line, set())
    assert (p.name, p.title, p.organization, p.role, p.status, p.represented_by) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Doe, Chief, Policy Unit, UNHCR", ("Jane Doe", "Chief", "Policy Unit", "UNHCR")),
        ("Ana Diaz (ACME)", ("Ana Diaz", "", "", "ACME")),
        ("IBM: Bo Chen", ("Bo Chen", "", "", "IBM")),
        ("Lee Park @lpark (voting member)", ("Lee Park", "", "", "")),
        ("*Chair:* Ian Edwards", ("Ian Edwards", "", "", "")),
    ],
)
def test_participant_unit_labels_and_handles(line, expected):
    p = parser.parse_participant(line, set())
    assert (p.name, p.title, p.unit, p.organization) == expected


def test_representation_in_parentheses_and_on_whose_behalf():
    p = parser.parse_participant(
        "Al Bo, Deputy Director, ILO (representing the Director-General)", set()
    )
    assert (p.name, p.organization, p.representing, p.status) == (
        "Al Bo",
        "ILO",
        "Director-General",
        "present",
    )
    p = parser.parse_participant("Cy Do, UNODC (represented by Ed Fa)", set())
    assert (p.name, p.organization, p.status, p.represented_by) == (
        "Cy Do",
        "UNODC",
        "represented",
        "Ed Fa",
    )
    p = parser.parse_participant(
        "UNDP was represented by Gi Ha, Senior Adviser, Crisis Bureau", set()
    )
    assert (p.name, p.title, p.unit, p.organization) == (
        "Gi Ha",
        "Senior Adviser",
        "Crisis Bureau",
        "UNDP",
    )


def test_apologies_and_represented_by_in_a_plain_summary():
    text = """Board Meeting

12 May 2024

Participants:

Ann Lee, Director, WHO

Apologies:

Jo Bloggs, Director, ILO
Sam Roe, Chief, IOM, represented by Kim Poe

The agenda of the meeting included the following items:

- Budget

Budget

The budget was approved.
"""
    summary = parser.parse(text)
    assert [(p.name, p.status, p.represented_by) for p in summary.participants] == [
        ("Ann Lee", "present", ""),
        ("Jo Bloggs", "apologies", ""),
        ("Sam Roe", "represented", "Kim Poe"),
    ]
    assert summary.items[0].decisions == [parser.Decision("endorsed", "The budget was approved.")]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The workplan was endorsed.", "endorsed"),
        ("It was agreed to meet again in May.", "agreed"),
        ("The proposals were welcomed by all.", "welcomed"),
        ("The note was well received.", "welcomed"),
        ("The report was noted.", "noted"),
        ("The secretariat was requested to draft a note.", "requested"),
        ("RESOLVED: publish the finding.", "agreed"),
        ("Several participants welcomed the discussion.", None),
        ("Member States have requested to join.", None),
        ("All proposals so far have been adopted.", None),
    ],
)
def test_decision_sentences(sentence, kind):
    assert parser.decision_kind(sentence) == kind


@pytest.mark.parametrize(
    ("line", "text", "owner", "due"),
    [
        (
            "Catherine Holmes: Create monthly charts",
            "Catherine Holmes: Create monthly charts",
            "Catherine Holmes",
            "",
        ),
        (
            "Sangwhan to comb through the discussion.",
            "Sangwhan to comb through the discussion.",
            "Sangwhan",
            "",
        ),
        ("Bumped to next teleconference.", "Bumped to next teleconference.", "", ""),
        ("To implement the actions.", "To implement the actions.", "", ""),
        (
            "Develop a roadmap. (Owner: IOM, DESA; Due: Q3 2024)",
            "Develop a roadmap.",
            "IOM, DESA",
            "Q3 2024",
        ),
    ],
)
def test_action_lines(line, text, owner, due):
    action = parser.parse_action(line)
    assert (action.text, action.owner, action.due) == (text, owner, due)


def test_action_table_with_owner_and_due_columns():
    text = """# Sync

## Budget

We talked.

## Action items

| Action | Owner | Due |
|---|---|---|
| Send the figures | UNHCR | 30 June 2024 |
| Book a room | Ann Lee | TBD |
"""
    summary = parser.parse(text)
    assert [(a.text, a.owner, a.due) for a in summary.actions] == [
        ("Send the figures", "UNHCR", "30 June 2024"),
        ("Book a room", "Ann Lee", "TBD"),
    ]
    assert summary.items[-1].general


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by 30 June 2024", (datetime.date(2024, 6, 30), due.DAY)),
        ("June 2024", (datetime.date(2024, 6, 30), due.MONTH)),
        ("Q3 2024", (datetime.date(2024, 9, 30), due.QUARTER)),
        ("second half of 2024", (datetime.date(2024, 12, 31), due.HALF)),
        ("2024", (datetime.date(2024, 12, 31), due.YEAR)),
        ("2024-02-29", (datetime.date(2024, 2, 29), due.DAY)),
        ("Next week", (None, due.NONE)),
        ("", (None, due.NONE)),
    ],
)
def test_due_dates_read_back_what_format_due_writes(text, expected):
    assert parser.parse_due(text) == expected


def test_text_without_structure_is_flagged_and_kept_whole():
    text = "Just some words, nothing more.\n\nAnd more words without any shape."
    summary = parser.parse(text)
    assert summary.is_unstructured
    assert summary.fallback_item
    assert summary.items[0].discussion == text


def test_summary_survives_the_session_as_a_dict(parsed):
    assert parser.Summary.from_dict(parsed.to_dict()) == parsed
