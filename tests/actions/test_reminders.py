from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from actions.models import ReminderLog
from participants.models import Position
from tests.factories import make_person


@pytest.fixture
def owners(world, member_org, principal):
    """A UNHCR principal with an address, and an owner person of the unowned action."""
    principal.person.email = "triggs@example.org"
    principal.person.save()
    focal = make_person(name="Focal Point", email="focal@example.org")
    world.unowned.owner_people.add(focal)
    # Due in 10 days, so within the default look-ahead of 14.
    world.future_unicef.owner_people.add(focal)
    # A non-principal at UNHCR gets nothing for the organisation's actions.
    staff = make_person(name="Staff Member", email="staff@example.org")
    Position.objects.create(person=staff, organization=member_org, title="Officer")
    return focal


def _run(*args) -> str:
    out = StringIO()
    call_command("send_action_reminders", *args, stdout=out)
    return out.getvalue()


def test_each_owner_gets_one_digest_of_due_and_overdue_actions(world, owners):
    _run("--days", "14")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"triggs@example.org", "focal@example.org"}
    triggs = by_address["triggs@example.org"].body
    assert "Develop a roadmap of the Regional Reviews process." in triggs
    assert "Implement the recommendations on complementarity" in triggs
    assert "days overdue" in triggs
    assert "Channel key messages" not in triggs  # done
    assert "A draft action" not in triggs  # a draft's actions are not yet agreed
    focal = by_address["focal@example.org"].body
    assert "Prepare a note on children on the move." in focal
    assert "The Network to map" not in focal  # undated: never due


def test_a_shorter_look_ahead_leaves_out_what_is_not_yet_due(world, owners):
    _run("--days", "3")
    assert [m.to[0] for m in mail.outbox] == ["triggs@example.org"]


def test_running_twice_on_the_same_day_sends_nothing_twice(world, owners):
    _run()
    assert len(mail.outbox) == 2
    output = _run()
    assert len(mail.outbox) == 2
    assert "Already reminded today: triggs@example.org" in output
    assert ReminderLog.objects.count() == 2


def test_dry_run_prints_and_sends_nothing(world, owners):
    output = _run("--dry-run")
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert "Would send to triggs@example.org" in output
    assert "Develop a roadmap" in output
    assert "2 digests would be sent." in output
