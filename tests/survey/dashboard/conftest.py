"""A real SMTP server for the referent consultation's invitations."""

import pytest

from tests.survey.outbox.conftest import inbox, smtp_server, smtp_settings

__all__ = ["inbox", "smtp_server", "smtp_settings"]


@pytest.fixture(autouse=True)
def empty_figure_cache(app_client):
    """Forget the figures of earlier tests: the test database is emptied and refilled between
    tests, and can come back with the very same counts and ids, which no real database does."""
    cache = app_client._transport.app.state.get("dashboard_cache")
    if cache is not None:
        cache.clear()
