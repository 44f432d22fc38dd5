"""Each test that reaches the app starts with the transparency page's cache empty."""

import pytest

from survey.transparency.controllers import CACHE_KEY


@pytest.fixture(autouse=True)
def empty_transparency_cache(request):
    """The test database is emptied and refilled between tests and can come back with the same
    counts and ids (the cache's data version), which no real database does."""
    if "client" not in request.fixturenames:
        return  # a pure test: no app, no database
    app_client = request.getfixturevalue("app_client")
    cache = app_client._transport.app.state.get(CACHE_KEY)
    if cache is not None:
        cache.clear()
