"""python manage.py import_summary FILE_OR_FOLDER... [--dry-run] [--body SLUG]"""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from minutes.models import Meeting
from tests.summaries.conftest import SAMPLE


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_summary", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_dry_run_reports_each_file_and_saves_nothing(body, tmp_path):
    shutil.copy(SAMPLE, tmp_path / "a-excom.txt")
    (tmp_path / "b-notes.md").write_text(
        "# Sync 3 May 2024\n\n## Budget\n\nACTION: Ann to send it\n"
    )
    (tmp_path / "ignored.rtf").write_bytes(b"{\\rtf1}")
    out = run(str(tmp_path), "--dry-run", "--body", body.slug)
    lines = out.strip().splitlines()
    assert lines[0] == (
        f"{tmp_path / 'a-excom.txt'}: found 10 participants, 4 items, 9 decisions, 4 actions"
    )
    assert (
        lines[1]
        == f"{tmp_path / 'b-notes.md'}: found 0 participants, 1 items, 0 decisions, 1 actions "
        "(No start or end time found. flag participants: No participants found.; "
        "flag items: Only one agenda item found: the text may not have been divided.; "
        "flag modality: The summary does not say how the meeting was held.)"
    )
    assert lines[-1] == "2 of 2 files read (dry run: nothing saved)."
    assert Meeting.objects.count() == 0


def test_import_saves_drafts_and_reports_errors_per_file(body, tmp_path):
    shutil.copy(SAMPLE, tmp_path / "a-excom.txt")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    with pytest.raises(CommandError, match="1 of 2 files imported; 1 failed"):
        out = io.StringIO()
        call_command("import_summary", str(tmp_path), stdout=out, stderr=io.StringIO())
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.attendances.count() == 10
    assert meeting.agenda_items.count() == 4
    lines = out.getvalue().strip().splitlines()
    # The body fixture's registry has none of the sample's people: they are reported.
    assert lines[0].endswith(
        f"saved as draft meeting {meeting.pk} (new: 10 people, 8 organisations)"
    )
    assert lines[1] == f"{tmp_path / 'b-empty.txt'}: error: “b-empty.txt” is empty."


def test_the_body_must_be_named_when_there_are_several(body, tmp_path):
    from tests.factories import make_body

    make_body()
    with pytest.raises(CommandError, match="--body"):
        run(str(SAMPLE))


def test_the_corpus_imports_in_a_dry_run(corpus, body):
    out = run(str(corpus), "--dry-run", "--body", body.slug)
    assert (
        "04_un80-iahwg-session6-transcript-2025-11-14.txt: found 0 participants, 1 items, 0 decisions, 0 actions"
        in out
    )
    assert "7 of 7 files read" in out


def test_a_flagged_summary_is_refused_unless_partial_is_accepted(body, tmp_path):
    (tmp_path / "notes.md").write_text("# Sync 3 May 2024\n\n## Budget\n\nACTION: Ann to send it\n")
    with pytest.raises(CommandError, match="0 of 1 files imported; 1 failed"):
        out = io.StringIO()
        call_command("import_summary", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert "flag participants: No participants found." in out.getvalue()
    assert "--accept-partial" in out.getvalue()
    assert Meeting.objects.count() == 0
    run(str(tmp_path), "--accept-partial")
    meeting = Meeting.objects.get()
    assert meeting.modality == ""


def test_a_time_in_utc_is_read_as_utc_not_the_bodys_zone(body, tmp_path):
    (tmp_path / "board.txt").write_text(
        "Board meeting (virtual)\n\n3 May 2024, 12:00 – 13:30 UTC\n\nParticipants:\n\n"
        "Ann Lee, WHO\nBo Ruiz, ILO\n\nAgenda:\n\n- Budget\n- Plan\n\nBudget\n\n"
        "The budget was approved.\n\nPlan\n\nThe plan was noted.\n"
    )
    run(str(tmp_path))
    meeting = Meeting.objects.get()
    assert meeting.start.isoformat() == "2024-05-03T12:00:00+00:00"
    assert meeting.modality == "virtual"


def test_a_second_summary_of_the_same_day_is_refused_unless_duplicates_are_accepted(body, tmp_path):
    shutil.copy(SAMPLE, tmp_path / "excom.txt")
    run(str(tmp_path))
    assert Meeting.objects.count() == 1
    with pytest.raises(CommandError, match="0 of 1 files imported; 1 failed"):
        out = io.StringIO()
        call_command("import_summary", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert "already has a meeting on 20 March 2023; nothing saved" in out.getvalue()
    assert Meeting.objects.count() == 1
    run(str(tmp_path), "--accept-duplicate")
    assert Meeting.objects.count() == 2
