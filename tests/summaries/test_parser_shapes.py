"""The parser on the shapes other bodies write minutes in: no database, no Django."""

from __future__ import annotations

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
