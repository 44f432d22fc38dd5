"""Sessions live in the database, expire after `session_minutes` unused, and renew on use."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from survey.accounts.store import DatabaseStore, purge_expired
from survey.accounts.tables import StoredValue
from tests.survey.accounts.helpers import api_login, make_user


async def test_session_is_renewed_on_use_and_expires_unused(client, cli, settings):
    await make_user(cli, "anna")
    await api_login(client, "anna")
    session_id = client.cookies["ascolto_session"]
    store = DatabaseStore("sessions")
    lifetime = settings.session_minutes * 60

    # Move the session to its last seconds: using it gives it the whole lifetime again.
    await store.set(session_id, await store.get(session_id), expires_in=5)
    assert (await client.get("/api/manage/me")).status_code == 200
    assert lifetime - 5 <= await store.expires_in(session_id) <= lifetime

    # Move it past its end, as if nobody had used it for `session_minutes`.
    await store.set(session_id, await store.get(session_id), expires_in=timedelta(seconds=-1))
    answer = await client.get("/api/manage/me")
    assert answer.status_code == 401
    assert "ascolto_session" not in client.cookies  # the stale cookie is cleared
    assert not await store.exists(session_id)
    page = await client.get("/manage", follow_redirects=False)
    assert page.status_code == 303


async def test_store_values_expire_and_are_purged(db):
    store = DatabaseStore("test-store")
    await store.set("short", b"value", expires_in=1)
    await store.set("lasting", "text")
    assert await store.get("short") == b"value"
    assert await store.expires_in("short") in (0, 1)
    assert await store.expires_in("lasting") is None
    await asyncio.sleep(1.1)
    assert await store.get("short") is None
    assert not await store.exists("short")
    assert await store.get("lasting") == b"text"
    assert await purge_expired() == 1
    assert await StoredValue.count().where(StoredValue.key == "test-store:short").run() == 0


async def test_store_set_replaces_and_namespaces_are_separate(db):
    parent = DatabaseStore("test-store")
    child = parent.with_namespace("child")
    other = DatabaseStore("other-store")
    await parent.set("key", b"one", expires_in=60)
    await parent.set("key", b"two")
    await child.set("key", b"child")
    await other.set("key", b"other")
    assert await parent.get("key") == b"two"
    assert await parent.expires_in("key") is None
    assert await child.get("key") == b"child"

    await child.delete("key")
    assert await parent.get("key") == b"two"
    await child.set("key", b"child")
    await parent.delete_all()
    assert await parent.get("key") is None and await child.get("key") is None
    assert await other.get("key") == b"other"


async def test_renew_for_only_extends_values_that_expire(db):
    store = DatabaseStore("test-store")
    await store.set("expiring", b"x", expires_in=10)
    await store.set("forever", b"y")
    assert await store.get("expiring", renew_for=600) == b"x"
    assert 590 <= await store.expires_in("expiring") <= 600
    assert await store.get("forever", renew_for=600) == b"y"
    assert await store.expires_in("forever") is None
