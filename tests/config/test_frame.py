"""The frame around every page: the current section, the product mark, branded error pages."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from config.context_processors import section_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("namespace", "url_name", "section"),
    [
        ("", "dashboard", "dashboard"),
        ("minutes", "meeting_detail", "meetings"),
        ("minutes", "item_edit", "meetings"),
        ("minutes", "decision_list", "decisions"),
        ("minutes", "topic_detail", "topics"),
        ("actions", "action_detail", "actions"),
        ("actions", "follow_up", "meetings"),
        ("reports", "organization_detail", "organizations"),
        ("reports", "person_list", "people"),
        ("summaries", "import_start", "import"),
        ("summaries", "export_docx", "meetings"),
        ("admin", "index", ""),
    ],
)
def test_each_page_belongs_to_one_section_of_the_navigation(namespace, url_name, section):
    assert section_of(namespace, url_name) == section


def test_the_current_section_is_marked_in_the_navigation(client_for, secretariat):
    html = client_for(secretariat).get("/decisions/").content.decode()
    assert '<a href="/decisions/" aria-current="page">Decisions</a>' in html
    assert '<a href="/meetings/" aria-current="page">' not in html
    assert 'href="/static/img/favicon.svg"' in html or "favicon" in html


def test_a_missing_page_is_branded_and_says_what_to_do(client_for, secretariat):
    response = client_for(secretariat).get("/meetings/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "This page does not exist" in html
    assert "Minutes Tracker" in html and "Back to the dashboard" in html


def test_a_forbidden_page_is_branded_and_gives_the_reason(client_for, principal):
    response = client_for(principal).get("/meetings/new/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You may not open this page" in html
    assert "Only the secretariat may do this." in html


@override_settings(DEBUG=False, ROOT_URLCONF="tests.config.failing_urls")
def test_a_server_error_is_branded_and_reveals_nothing():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Error 500" in html
    assert "must not reveal" not in html


def test_the_admin_carries_the_product_name_and_spells_organisations(client):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", "root@example.org", "pw-for-tests-only")
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert "Minutes Tracker administration" in html
    assert "Django administration" not in html
    assert "Organisations" in html and "Organizations" not in html
