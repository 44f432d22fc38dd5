"""How many logins an account and a client may try: counted atomically before any password is
checked, so that concurrent guesses cannot all pass a count read before any of them was added.

Three counts, each in a 15-minute window that starts with its first attempt:
- an account from one client: 5 (the lock a manager who mistyped meets; a good login resets it);
- an account from all clients: 50 (a guesser with many addresses);
- a client across accounts: 30 failed attempts (one password tried on many names).
The name is counted as typed, whether or not such an account exists: an unknown name is locked
like a known one, so that the answers never tell which names exist (OWASP Authentication
Cheat Sheet, "Account Lockout" and "Authentication and Error Messages")."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from case_bridge import storage

PER_ACCOUNT_AND_CLIENT = 5
PER_ACCOUNT = 50
PER_CLIENT = 30
WINDOW = timedelta(minutes=15)

# One statement per count: the row is created, or its window restarted when it has passed, or
# its count raised; the database's row lock (PostgreSQL) or single writer (SQLite) makes
# concurrent upserts of one key take turns, each reading the count the previous one left.
_COUNT = """
INSERT INTO "login_counters" ("key", "window_started", "attempts") VALUES (?, ?, 1)
ON CONFLICT ("key") DO UPDATE SET
    "attempts" = CASE WHEN "login_counters"."window_started" <= ? THEN 1
                      ELSE "login_counters"."attempts" + 1 END,
    "window_started" = CASE WHEN "login_counters"."window_started" <= ?
                            THEN excluded."window_started"
                            ELSE "login_counters"."window_started" END
RETURNING "attempts", "window_started"
"""
_UNCOUNT = 'UPDATE "login_counters" SET "attempts" = "attempts" - 1 WHERE "key" = ?'
_FORGET_PAIRS = 'DELETE FROM "login_counters" WHERE substr("key", 1, ?) = ?'


def _named(name: str) -> str:
    # A name as typed may be of any length and hold any character: its digest fits the key.
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()


def _account_key(name: str) -> str:
    return f"account\n{_named(name)}"


def _pair_key(name: str, client: str = "") -> str:
    return f"account-client\n{_named(name)}\n{client}"


def _client_key(client: str) -> str:
    return f"client\n{client}"


@dataclass(frozen=True)
class Attempt:
    """A login attempt counted: whether its password may be checked, whether a failure of it
    reaches a limit, and until when the limit it met holds."""

    allowed: bool
    last_allowed: bool
    until: datetime


async def count_attempt(*, name: str, client: str, at: datetime) -> Attempt:
    """Count an attempt on `name` from `client` before its password is checked."""
    now = int(at.timestamp())
    expired = now - int(WINDOW.total_seconds())
    counts = []
    async with storage.writing():
        for key, limit in (
            (_pair_key(name, client), PER_ACCOUNT_AND_CLIENT),
            (_account_key(name), PER_ACCOUNT),
            (_client_key(client), PER_CLIENT),
        ):
            row = (await storage.run_sql(_COUNT, [key, now, expired, expired]))[0]
            counts.append((row["attempts"], limit, row["window_started"]))
    over = [started for attempts, limit, started in counts if attempts > limit]
    reaching = [started for attempts, limit, started in counts if attempts == limit]
    started = max(over or reaching or [now])
    return Attempt(
        allowed=not over,
        last_allowed=bool(reaching),
        until=datetime.fromtimestamp(started, UTC) + WINDOW,
    )


async def count_success(*, name: str, client: str) -> None:
    """A good login: the account's counts from each client start again (its owner is back, as
    after a lock that ran out); a good login is no failure of the account or the client."""
    pairs = _pair_key(name)
    async with storage.writing():
        await storage.run_sql(_FORGET_PAIRS, [len(pairs), pairs])
        await storage.run_sql(_UNCOUNT, [_account_key(name)])
        await storage.run_sql(_UNCOUNT, [_client_key(client)])


async def locked_accounts(names: list[str], *, at: datetime) -> dict[str, datetime]:
    """The names among `names` locked for every client at `at`, and until when."""
    keys = {_account_key(name): name for name in names}
    if not keys:
        return {}
    marks = ", ".join("?" for _ in keys)
    sql = (
        f'SELECT "key", "window_started", "attempts" FROM "login_counters" WHERE "key" IN ({marks})'
    )
    rows = await storage.run_sql(sql, list(keys))
    locked = {}
    for row in rows:
        until = datetime.fromtimestamp(row["window_started"], UTC) + WINDOW
        if row["attempts"] >= PER_ACCOUNT and until > at:
            locked[keys[row["key"]]] = until
    return locked
