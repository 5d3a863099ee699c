"""The parser on the shapes other bodies write minutes in: no database, no Django."""

from __future__ import annotations

import datetime

import pytest

from summaries import parser


def _actions(text: str) -> list[tuple[str, str, str]]:
    return [(a.text, a.owner, a.due) for a in parser.parse(text).actions]


def test_tasks_listed_under_an_owner_heading_take_that_owner():
    text = """# Board call

## Budget

We talked about the budget.

## Action items

### Secretariat

- Send the figures by 30 June 2024
- Book a room

**Ann Lee:**

- Circulate the draft
"""
    assert _actions(text) == [
        ("Send the figures by 30 June 2024", "Secretariat", "by 30 June 2024"),
        ("Book a room", "Secretariat", ""),
        ("Circulate the draft", "Ann Lee", ""),
    ]


def test_an_action_table_numbered_in_its_first_column_reads_the_wordiest_column():
    text = """# Board call

## Budget

We talked about the budget.

| # | Action | Owner | Due |
|---|---|---|---|
| 41/1 | Send the revised figures to members | Ann Lee | 30 June 2024 |
| 42/1 | Book a room for the retreat | Secretariat | July 2024 |
"""
    assert _actions(text) == [
        ("Send the revised figures to members", "Ann Lee", "30 June 2024"),
        ("Book a room for the retreat", "Secretariat", "July 2024"),
    ]


def test_an_id_column_headed_action_is_not_taken_for_the_task():
    text = """# Board call

## Action items

| Action | Task | Who |
|---|---|---|
| A1 | Draft the terms of reference | Ann Lee |
"""
    assert _actions(text) == [("Draft the terms of reference", "Ann Lee", "")]


def test_marked_action_lines_and_checkboxes_are_actions_anywhere():
    text = """# Board call

## Budget

We talked about the budget.

**ACTION:** Ann Lee to send the figures.
Action item: Secretariat to book a room.
AI: Bo Chen to circulate the draft.

## Website

- [ ] Bo Chen to update the members page
- [x] Ann Lee to fix the broken link
- Plain bullet that is discussion
"""
    assert [(a.text, a.owner) for a in parser.parse(text).actions] == [
        ("Ann Lee to send the figures.", "Ann Lee"),
        ("Secretariat to book a room.", "Secretariat"),
        ("Bo Chen to circulate the draft.", "Bo Chen"),
        ("Bo Chen to update the members page", "Bo Chen"),
        ("Ann Lee to fix the broken link", "Ann Lee"),
    ]


def test_people_saying_what_they_will_do_in_discussion_is_not_an_action():
    text = """# Board call

## Budget

Ann Lee will send the figures. The Secretariat to book a room, someone said.
"""
    assert parser.parse(text).actions == []


def _titles(text: str) -> list[str]:
    return [i.title for i in parser.parse(text).business_items]


def test_setext_headings_divide_the_items_and_front_matter_gives_the_date():
    text = """---
title: Net meeting
date: 24 February 2013
---

# Net meeting

Budget
------

The budget was discussed.

Website
-------

The website was discussed.
"""
    summary = parser.parse(text)
    assert [i.title for i in summary.business_items] == ["Budget", "Website"]
    assert str(summary.date) == "2013-02-24"


def test_bold_numbered_lines_divide_a_text_without_headings():
    text = """Board meeting
12 March 2024

**1\\. Call to order**

The chair opened the meeting.

**2\\. Budget**

The budget was discussed.
"""
    assert _titles(text) == ["Call to order", "Budget"]


def test_bold_lines_repeated_as_speakers_do_not_divide_a_transcript():
    text = """Session 6
12 March 2024

**Chair**

Good morning.

**Delegate**

Thank you.

**Chair**

Next speaker.
"""
    assert len(parser.parse(text).business_items) == 1


def test_a_discussion_list_gives_one_item_per_topic_with_notes_below():
    text = """# Working group

## Attendees

- Ann Lee

## Discussion

 * Is there a better way to handle updates?
     * One option: merge them automatically
 * Docs are missing a page
     * File a bug for this
- General updates
  - Topic: Travel policy
    - Now published
  - Topic: Budget
    - Approved last week
"""
    assert _titles(text) == [
        "Is there a better way to handle updates?",
        "Docs are missing a page",
        "Travel policy",
        "Budget",
    ]


def test_days_and_updates_lend_their_sections_and_a_numbered_roll_call_is_an_item():
    text = """# Task force

## Day 1 Tuesday

### Session 1: Operators

Operators were discussed.

## Status Updates

### Updates from the editors

Two pull requests.

## 3. Roll Call

The roll call was taken.
"""
    assert _titles(text) == ["Session 1: Operators", "Updates from the editors", "Roll Call"]


def test_an_agenda_carrying_its_notes_gives_the_items():
    text = """Board meeting
12 March 2024

Agenda:

* Reminder on elections
    * Voting ends on 2 April
* Update from the working group
    * Work is going on in the background
* AOB
    * None
"""
    assert _titles(text) == ["Reminder on elections", "Update from the working group", "AOB"]


@pytest.mark.parametrize(
    ("text", "expected", "ambiguous"),
    [
        ("# Call, 13/03/2023\n\nNotes.", datetime.date(2023, 3, 13), False),
        ("# Call, 03/13/2023\n\nNotes.", datetime.date(2023, 3, 13), False),
        ("# Call, 01/03/2023\n\nNext call on 15/03/2023.", datetime.date(2023, 3, 1), False),
        ("# Call, 01/03/2023\n\nNext call on 03/15/2023.", datetime.date(2023, 1, 3), False),
        ("# Call, 01.03.2023\n\nNext call on 8 March 2023.", datetime.date(2023, 3, 1), False),
        ("# Call, 01-03-2023\n\nNext call on March 8, 2023.", datetime.date(2023, 1, 3), False),
        ("# Call, 01-03-2023\n\nNotes.", datetime.date(2023, 3, 1), True),
        ("# Call, 2023/03/01\n\nNotes.", datetime.date(2023, 3, 1), False),
    ],
)
def test_numeric_dates_are_settled_by_the_documents_other_dates(text, expected, ambiguous):
    summary = parser.parse(text)
    assert summary.date == expected
    assert summary.date_ambiguous is ambiguous
    assert any(f.field == "date" for f in parser.flags(summary)) is ambiguous


def test_a_reading_over_its_time_budget_is_refused_with_the_limit():
    text = "# Call\n\n## Budget\n\n" + "A line of discussion.\n" * 5000
    with pytest.raises(parser.ParseTimeout, match="limit of 1e-06 seconds"):
        parser.parse(text, budget=0.000001)
    assert parser.parse(text, budget=5).items


def _attendance(text: str) -> list[tuple[str, str, str]]:
    return [(p.name, p.role, p.status) for p in parser.parse(text).participants]


def test_attendance_written_in_a_paragraph_is_read_with_the_absences_beside_it():
    text = """Board meeting
12 March 2024

**1\\. Call to order**

The chair opened the meeting at 6 p.m. Present: Members Lee, Chen and Ruiz.
Member Dee was excused absent. Also present: Secretary Eng.

**2\\. Budget**

The budget was discussed.
"""
    assert _attendance(text) == [
        ("Lee", "Member", "present"),
        ("Chen", "Member", "present"),
        ("Ruiz", "Member", "present"),
        ("Dee", "Member", "apologies"),
        ("Eng", "Secretary", "present"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Attendees were Ann Lee (UNHCR), Bo Chen (IOM) and Cy Dee. Regrets: Di Eng.",
        "Members present: Ann Lee (UNHCR), Bo Chen (IOM), Cy Dee. Absent: Di Eng.",
    ],
)
def test_a_roll_sentence_in_a_paragraph_names_who_attended(sentence):
    text = f"# Board call\n\n## Opening\n\nThe meeting opened. {sentence}\n\n## Budget\n\nNotes.\n"
    assert [(p.name, p.organization, p.status) for p in parser.parse(text).participants] == [
        ("Ann Lee", "UNHCR", "present"),
        ("Bo Chen", "IOM", "present"),
        ("Cy Dee", "", "present"),
        ("Di Eng", "", "apologies"),
    ]


def test_participants_are_read_from_a_two_column_table_above_the_first_section():
    text = """# Net meeting 12

|||
|---|---|
| Date | 24 February 2013 |
| Participants | Ann Lee, Bo Chen (aka "Bob"), Cy Dee (chair). Apologies received from Di Eng. |

Budget
------

The budget was discussed.
"""
    assert _attendance(text) == [
        ("Ann Lee", "", "present"),
        ("Bo Chen", "", "present"),
        ("Cy Dee", "Chair", "present"),
        ("Di Eng", "", "apologies"),
    ]


def test_a_paragraph_saying_participants_were_divided_names_nobody():
    text = "# Board call\n\n## Budget\n\nParticipants were divided on the budget.\n"
    assert parser.parse(text).participants == []


def test_a_sentence_giving_someone_listed_a_task_is_an_action():
    text = """# Working group

## Attendees

- Ann Lee - Example Org (EX)
- Bo Chen - Other Org (OO)

## Numbering systems

AL: Can we add it to the next agenda? Bring this to the next plenary. AL to add it to the agenda.

## Fallbacks

- Chen and Secretariat to draft a note by March 2024.
- Lee will look into it.
- Someone to check the figures.
"""
    assert _actions(text) == [
        ("AL to add it to the agenda.", "AL", ""),
        (
            "Chen and Secretariat to draft a note by March 2024.",
            "Chen and Secretariat",
            "by March 2024",
        ),
    ]


def test_tasks_in_sentences_are_not_added_where_the_document_lists_its_actions():
    text = """# Working group

## Attendees

- Ann Lee

## Budget

- Ann to take point on the plan

## Action items

- Ann Lee: Take point on a plan for the budget
"""
    assert _actions(text) == [("Ann Lee: Take point on a plan for the budget", "Ann Lee", "")]


def _decisions(text: str) -> list[str]:
    return [d.text for d in parser.parse(text).decisions]


def test_a_conclusion_heading_records_its_paragraph_as_a_decision_and_its_task_as_an_action():
    text = """# Working group

## Attendees

- Ann Lee - Example Org (AL)

## Proposals

### Numbering systems
Is there anything else to discuss?

#### Conclusion

Bring this to the next plenary. AL to add it to the agenda.
"""
    summary = parser.parse(text)
    assert [d.text for d in summary.decisions] == ["Bring this to the next plenary."]
    assert [a.text for a in summary.actions] == ["AL to add it to the agenda."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Conclusion: use the short name for now on the public pages of the site.",
        "Agreed: the short name is kept on the public pages of the site.",
        "Resolution: the short name is kept on the public pages of the site.",
        "Approved: the short name on the public pages of the site.",
        "There was consensus to keep the short name on the public pages of the site.",
        "So it has been decided to keep the short name on the public pages of the site.",
    ],
)
def test_labelled_and_collective_outcomes_in_a_paragraph_are_decisions(sentence):
    text = f"# Working group\n\n## Names\n### Short name\nWe talked. {sentence}\n"
    assert _decisions(text) == [sentence]


def test_a_conclusion_saying_none_is_not_a_decision():
    text = "# Working group\n\n## Names\n\nWe talked. Conclusion: none yet.\n"
    assert _decisions(text) == []


SECRETARIAT_TASKS = """# Board call

## Attendees

- Ann Lee - Example Org (EX)

## Budget

We talked about the budget.

## Action items

| Action | Owner | Due |
|---|---|---|
| Book a room | Secretariat | July 2024 |
| Send the figures | the SECRETARIAT | |
| Draft a note | EX and Secretariat | |
"""


@pytest.mark.parametrize(
    ("registry", "owner"),
    [
        (["EX", "Board Secretariat"], "Board Secretariat"),
        (["Board Secretariat", "board  secretariat"], "Board Secretariat"),
        ([], None),
        (["Board Secretariat", "Other Secretariat"], None),
    ],
)
def test_the_secretariat_is_the_one_organisation_whose_name_ends_so(registry, owner):
    summary = parser.parse(SECRETARIAT_TASKS, known_organizations=registry)
    expected = ["Secretariat", "the SECRETARIAT", "EX and Secretariat"]
    if owner:
        expected = [owner, owner, f"EX and {owner}"]
    assert [a.owner for a in summary.actions] == expected


def test_a_participants_secretariat_counts_with_the_registrys():
    text = SECRETARIAT_TASKS.replace(
        "- Ann Lee - Example Org (EX)",
        "- Ann Lee - Example Org (EX)\n- Bo Chen - Board Secretariat",
    )
    assert parser.parse(text).actions[0].owner == "Board Secretariat"
    other = parser.parse(text, known_organizations=["Other Secretariat"])
    assert other.actions[0].owner == "Secretariat"
