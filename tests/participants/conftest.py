from tests.actions.conftest import world  # noqa: F401 - the follow-up world, shared
