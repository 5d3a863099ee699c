from __future__ import annotations

from django.urls import reverse

from participants.models import Organization
from tests.factories import make_organization


def test_admin_refuses_an_organisation_as_its_own_parent(client, admin):
    org = make_organization(name="Office of the UN High Commissioner for Refugees", acronym="UNHCR")
    client.force_login(admin)
    response = client.post(
        reverse("admin:participants_organization_change", args=[org.pk]),
        {"name": org.name, "acronym": org.acronym, "kind": org.kind, "parent": org.pk},
    )
    assert response.status_code == 200
    assert "An organisation cannot be its own parent." in response.content.decode()
    assert Organization.objects.get(pk=org.pk).parent_id is None
