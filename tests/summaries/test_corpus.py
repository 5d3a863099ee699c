"""Real minutes of other bodies, read in place from ../shared/corpus (never copied here).

The expected counts were determined by reading each document:
- participants: people listed as present (apologies counted apart);
- items: the sections of business, AOB included; a heading that only groups others
  ("Proceedings", "New business", "Agenda:") lends its children; a repeated heading (an
  agenda with notes, then the minutes) is one item; empty headings are not items;
- decisions: outcomes the text records (explicit "Decisions" lists when there are some,
  otherwise sentences such as "Outcome: Adopted", "Motion ... passed", "X was approved");
- actions: explicitly marked action points only ("ACTION:", "Action:", action lists/tables).
"""

from __future__ import annotations

import pytest

from summaries import parser

EXPECTED = {
    # file: (present, apologies, items, decisions, actions)
    # Attendees 6+2; 5 discussion sections (5 = Other Business) + Next Meeting; 5 listed
    # decisions; 7 rows in the action table.
    "02_wmo-et-im-sg1-2026-01-15.txt": (8, 0, 6, 5, 7),
    # A transcript of statements by delegations: no attendance list, no agenda, no outcome.
    "04_un80-iahwg-session6-transcript-2025-11-14.txt": (0, 0, 1, 0, 0),
    # 3+9+4 present, 1 apology; Reports, Proposals, Other business, Closing remarks;
    # two "Outcome: Adopted", two consensus statements, one "general agreement".
    "05_scala-center-advisory-board-2016-q3.txt": (16, 1, 4, 5, 0),
    # "Present:" 5, "Regrets:" 2; 12 agenda + 9 backlog (4 of them as bullets) + 1 triage;
    # 16 "ACTION:" lines; nothing resolved.
    "08_w3c-tag-telcon-2018-03-20.txt": (5, 2, 22, 0, 16),
    # 7 board members + 1 also present; 13 business sections; grants, individual and
    # corporate members approved; 11 action items with owners.
    "10_django-dsf-board-2025-01-09.txt": (8, 0, 13, 3, 11),
    # 7 attending, 1 apology; 12 sections with content (agenda notes merged with minutes);
    # 6 motions passed; 3 "Action:" lines.
    "12_software-carpentry-steering-committee-2015-03-26.txt": (7, 1, 12, 6, 3),
    # The 13 December participant table (15; the 17 November one is another meeting);
    # 3 API sections + AoB; 4 numbered APs.
    "14_camara-identity-apis-sync-2022-week50.txt": (15, 0, 4, 0, 4),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_imports_with_the_counts_found_by_reading_it(corpus, name):
    summary = parser.parse((corpus / name).read_text(encoding="utf-8"))
    found = (
        len(summary.present),
        len(summary.absent),
        len(summary.business_items),
        len(summary.decisions),
        len(summary.actions),
    )
    assert found == EXPECTED[name]


def test_every_corpus_file_has_expectations(corpus):
    assert sorted(p.name for p in corpus.iterdir() if p.suffix == ".txt") == sorted(EXPECTED)


def test_the_transcript_yields_no_action_points_and_no_decisions(corpus):
    summary = parser.parse(
        (corpus / "04_un80-iahwg-session6-transcript-2025-11-14.txt").read_text(encoding="utf-8")
    )
    assert summary.actions == []
    assert summary.decisions == []
    assert summary.date is not None and summary.date.isoformat() == "2025-11-14"
    assert not summary.is_unstructured


def test_owners_and_due_dates_come_from_the_action_table(corpus):
    summary = parser.parse((corpus / "02_wmo-et-im-sg1-2026-01-15.txt").read_text(encoding="utf-8"))
    first = summary.actions[0]
    assert first.owner == "William Wright"
    assert first.due == "Next subgroup meeting"
    assert summary.participants[0].role == "Chair"


def test_action_owners_from_name_to_task_lines(corpus):
    summary = parser.parse(
        (corpus / "08_w3c-tag-telcon-2018-03-20.txt").read_text(encoding="utf-8")
    )
    owners = [a.owner for a in summary.actions if a.owner]
    assert "Travis and Sangwhan" in owners
    assert "Dan, Travis, Sangwhan" in owners
    assert summary.actions[0].owner == ""  # "Bumped to next teleconference."


def test_participant_table_keeps_organisations_and_the_meetings_own_list(corpus):
    summary = parser.parse(
        (corpus / "14_camara-identity-apis-sync-2022-week50.txt").read_text(encoding="utf-8")
    )
    first = summary.participants[0]
    assert (first.name, first.organization, first.role) == ("Dawid Wróblewski", "DT", "Organizer")
    assert all(p.name != "Toshi Wakayama" for p in summary.participants)
