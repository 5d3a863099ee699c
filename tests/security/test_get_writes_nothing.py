"""No page writes on GET: every URL of the access matrix, opened by every role, leaves every
table's row count as it was, even with a summary whose silence deadline has passed."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from minutes.models import Meeting, SummaryEvent
from tests.security import urlwalk
from tests.security.test_access_matrix import ROLES

# Django's own bookkeeping, not the application's records.
NOT_RECORDS = {"sessions", "axes", "admin", "contenttypes"}


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in NOT_RECORDS
    }


@pytest.fixture
def world(secretariat, principal, other_principal, admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return urlwalk.build_world(
        {
            "secretariat": secretariat,
            "principal": principal,
            "other_principal": other_principal,
            "admin": admin,
        }
    )


def test_no_get_request_writes_a_row(world):
    circulated = world.bundles["circulated"].meeting
    # Silence took effect an hour ago; only the scheduled command may record it.
    Meeting.objects.filter(pk=circulated.pk).update(
        review_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    clients = {"anonymous": Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(world.users[role])
    cases = list(urlwalk.cases(world))
    before = _row_counts()
    for case in cases:
        for role in ROLES:
            clients[role].get(case.url)
    after = _row_counts()
    changed = {
        label: (before[label], after[label]) for label in before if before[label] != after[label]
    }
    assert changed == {}
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.CIRCULATED
    assert not SummaryEvent.objects.filter(
        meeting=circulated, kind=SummaryEvent.Kind.APPROVED
    ).exists()
