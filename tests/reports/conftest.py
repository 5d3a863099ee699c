"""The reports read the same small world of meetings and actions as the follow-up tests."""

from tests.actions.conftest import world  # noqa: F401  (a fixture)
