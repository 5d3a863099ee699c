"""The admin's meeting page: its own fields, its long lists linked rather than inlined."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from minutes.models import ActionPoint, Meeting
from tests.factories import SECRETARIAT, make_user


@pytest.fixture
def admin_client(client, db):
    user = make_user("site-admin", is_staff=True, is_superuser=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    client.force_login(user)
    return client


def _meeting_change(admin_client, meeting):
    return admin_client.get(reverse("admin:minutes_meeting_change", args=[meeting.pk]))


def test_meeting_page_links_its_record_instead_of_inlining_it(admin_client, db):
    call_command("load_demo", "--force", verbosity=0)
    meeting = Meeting.objects.filter(title__startswith="Executive Committee").order_by("start")[0]
    page = _meeting_change(admin_client, meeting).content.decode()
    actions = ActionPoint.objects.filter(agenda_item__meeting=meeting).count()
    assert f"?agenda_item__meeting__id__exact={meeting.pk}" in page
    assert f"Action points ({actions})" in page
    assert f"?meeting__id__exact={meeting.pk}" in page
    # No attendance or item forms on the page itself.
    assert 'name="attendances-TOTAL_FORMS"' not in page
    assert 'name="agenda_items-TOTAL_FORMS"' not in page
    # The link opens the filtered list.
    listed = admin_client.get(
        reverse("admin:minutes_actionpoint_changelist"),
        {"agenda_item__meeting__id__exact": meeting.pk},
    )
    assert listed.status_code == 200
    assert f"{actions} action points" in listed.content.decode()


def test_meeting_page_queries_do_not_grow_with_the_archive(
    admin_client, db, django_assert_max_num_queries
):
    call_command("load_demo", "--force", verbosity=0)
    meeting = Meeting.objects.filter(title__startswith="Executive Committee").order_by("start")[0]
    _meeting_change(admin_client, meeting)  # warm the session
    started = time.perf_counter()
    with django_assert_max_num_queries(40) as small:
        _meeting_change(admin_client, meeting)
    small_seconds = time.perf_counter() - started
    call_command("generate_archive", scale=0.05, seed=7, verbosity=0)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = _meeting_change(admin_client, meeting)
    assert response.status_code == 200
    print(f"\nadmin meeting page: {small_seconds * 1000:.0f} ms on the sample data")
