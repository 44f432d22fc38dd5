"""Management users and their server-side sessions."""

from __future__ import annotations

from piccolo.columns import BigInt, Boolean, Bytea, Integer, Serial, Timestamptz, Varchar
from piccolo.table import Table


class User(Table, tablename="users"):
    """A manager or an administrator; the password is kept only as an argon2 hash."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    name = Varchar(length=80, unique=True)
    password_hash = Varchar(length=200)
    role = Varchar(length=20)  # manager, admin
    active = Boolean(default=True)
    # Failed logins are counted in `login_counters` (`survey.accounts.lockout`), not here.
    created_at = Timestamptz(default=None)


class StoredValue(Table, tablename="stored_values"):
    """Litestar's key-value store (server-side sessions) kept in the database, so that any app
    process behind the load balancer sees the same sessions."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    key = Varchar(length=200, unique=True)
    value = Bytea()
    expires_at = Timestamptz(null=True, default=None, index=True)


class LoginCounter(Table, tablename="login_counters"):
    """Login attempts counted per key (an account, an account from one client, one client) in
    a window that starts with the first attempt; `survey.accounts.lockout` counts them."""

    key = Varchar(length=400, unique=True)
    window_started = BigInt()  # seconds since the epoch: compared alike on both engines
    attempts = Integer(default=0)
