"""Litestar's key-value `Store` over the `stored_values` table: every app process behind the
load balancer sees the same sessions, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

from litestar.stores.base import NamespacedStore

from survey.accounts.tables import StoredValue

# Expired rows are harmless (reads ignore them) but pile up; one process deletes them at most
# this often, piggybacking on a write it is doing anyway, so no scheduler is needed.
PURGE_INTERVAL_SECONDS = 60.0
# Letters, digits, hyphens and colons only: namespaces become LIKE prefixes in `delete_all`,
# where `_` and `%` would be wildcards.
NAMESPACE_PATTERN = re.compile(r"[a-z0-9-]+(:[a-z0-9-]+)*")


def _now() -> datetime:
    return datetime.now(UTC)


def _seconds(value: int | timedelta) -> timedelta:
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


class DatabaseStore(NamespacedStore):
    """Values kept as rows keyed `namespace:key`, with an optional expiry time."""

    __slots__ = ("_last_purge",)

    def __init__(self, namespace: str = "ascolto") -> None:
        if not NAMESPACE_PATTERN.fullmatch(namespace):
            raise ValueError(f"store namespace {namespace!r}: use a-z, 0-9, - and :")
        self.namespace = namespace
        self._last_purge = float("-inf")

    def with_namespace(self, namespace: str) -> DatabaseStore:
        """A store whose keys live under this one's namespace."""
        return DatabaseStore(f"{self.namespace}:{namespace}")

    def _key(self, key: str) -> str:
        return f"{self.namespace}:{key}"

    async def _live_row(self, key: str) -> dict | None:
        row = (
            await StoredValue.select(StoredValue.value, StoredValue.expires_at)
            .where(StoredValue.key == self._key(key))
            .first()
            .run()
        )
        if row is None or (row["expires_at"] is not None and row["expires_at"] <= _now()):
            return None
        return row

    async def set(
        self, key: str, value: str | bytes, expires_in: int | timedelta | None = None
    ) -> None:
        """Store `value` under `key`, replacing any value and expiry it had."""
        data = value.encode() if isinstance(value, str) else value
        expires_at = _now() + _seconds(expires_in) if expires_in else None
        await (
            StoredValue.insert(StoredValue(key=self._key(key), value=data, expires_at=expires_at))
            .on_conflict(
                target=StoredValue.key,
                action="DO UPDATE",
                values=[StoredValue.value, StoredValue.expires_at],
            )
            .run()
        )
        await self._purge_now_and_then()

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        """The value under `key` unless expired; `renew_for` pushes an expiry back."""
        row = await self._live_row(key)
        if row is None:
            return None
        if renew_for and row["expires_at"] is not None:
            await (
                StoredValue.update({StoredValue.expires_at: _now() + _seconds(renew_for)})
                .where(StoredValue.key == self._key(key))
                .run()
            )
        return bytes(row["value"])

    async def delete(self, key: str) -> None:
        """Forget `key` (nothing happens if it is unknown)."""
        await StoredValue.delete().where(StoredValue.key == self._key(key)).run()

    async def delete_all(self) -> None:
        """Forget every key of this namespace and of the namespaces under it."""
        await StoredValue.delete().where(StoredValue.key.like(f"{self.namespace}:%")).run()

    async def exists(self, key: str) -> bool:
        """Whether `key` holds a value that has not expired."""
        return await self._live_row(key) is not None

    async def expires_in(self, key: str) -> int | None:
        """Seconds until `key` expires; None if it is unknown, expired or never expires."""
        row = await self._live_row(key)
        if row is None or row["expires_at"] is None:
            return None
        return int((row["expires_at"] - _now()).total_seconds())

    async def _purge_now_and_then(self) -> None:
        if time.monotonic() - self._last_purge < PURGE_INTERVAL_SECONDS:
            return
        self._last_purge = time.monotonic()
        await purge_expired()


async def purge_expired() -> int:
    """Delete every expired row of every namespace; return how many went."""
    rows = (
        await StoredValue.delete()
        .where(StoredValue.expires_at <= _now())
        .returning(StoredValue.id)
        .run()
    )
    return len(rows)
