"""The one secretariat gate (minutes.access.require_secretariat), the same in every app."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from minutes.access import require_secretariat


def test_require_secretariat_refuses_a_principal_and_lets_the_secretariat_through(
    principal, secretariat, anonymous
):
    require_secretariat(secretariat)
    for user in (principal, anonymous):
        with pytest.raises(PermissionDenied):
            require_secretariat(user)


@pytest.mark.parametrize(
    "url_name", ["summaries:import_start", "actions:action_bulk", "actions:action_edit"]
)
def test_every_app_gates_the_secretariat_the_same_way(client_for, principal, url_name):
    args = [1] if url_name == "actions:action_edit" else []
    response = client_for(principal).post(reverse(url_name, args=args))
    # Refused before anything is looked up: no 404 for a missing action, no 405.
    assert response.status_code == 403
