"""Management users: creating, listing and disabling them, and checking a login."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import NoReturn

import msgspec

from case_bridge.storage import clock, writing
from case_bridge.storage.errors import Invalid
from survey.accounts import lockout
from survey.accounts.errors import (
    AccountLocked,
    DuplicateUser,
    InvalidCredentials,
    UserNotFound,
    WeakPassword,
)
from survey.accounts.passwords import (
    MINIMUM_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
    waste_a_verification,
)
from survey.accounts.schemas import Role, SignedInUser, UserListItem
from survey.accounts.tables import User

logger = logging.getLogger("ascolto.accounts")

# A fixed lock-out rather than a setting: 5 tries per 15 minutes caps an online guesser at 480
# guesses a day per account and client while a manager who mistyped waits a short break, and
# no deployment has a reason to loosen it (OWASP Authentication Cheat Sheet, "Account Lockout").
LOCK_THRESHOLD = lockout.PER_ACCOUNT_AND_CLIENT
LOCK_PERIOD = lockout.WINDOW
NAME_PATTERN = re.compile(r"[A-Za-z0-9._@-]{1,80}")


def _role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise Invalid("role", "must be manager or admin") from None


async def create_user(*, name: str, password: str, role: str) -> UserListItem:
    """Add a user with an argon2 hash of `password`."""
    if not NAME_PATTERN.fullmatch(name):
        raise Invalid("name", "1 to 80 letters, digits or . _ @ -")
    if len(password) < MINIMUM_LENGTH:
        raise WeakPassword(MINIMUM_LENGTH)
    checked_role = _role(role)
    password_hash = await hash_password(password)
    created_at = clock.now()
    async with writing():
        if await User.exists().where(User.name == name).run():
            raise DuplicateUser(name)
        await User.insert(
            User(name=name, password_hash=password_hash, role=checked_role, created_at=created_at)
        ).run()
    logger.info("user %r created with role %s", name, checked_role)
    return UserListItem(
        name=name, role=checked_role, active=True, locked_until=None, created_at=created_at
    )


async def list_users() -> list[UserListItem]:
    """Every user, by name, without password hashes."""
    rows = (
        await User.select(User.name, User.role, User.active, User.created_at)
        .order_by(User.name)
        .run()
    )
    locked = await lockout.locked_accounts([row["name"] for row in rows], at=clock.now())
    for row in rows:
        row["locked_until"] = locked.get(row["name"])
    return msgspec.convert(rows, list[UserListItem])


async def disable_user(*, name: str) -> None:
    """Refuse the user's logins and sessions from now on."""
    async with writing():
        rows = (
            await User.update({User.active: False})
            .where(User.name == name)
            .returning(User.id)
            .run()
        )
    if not rows:
        raise UserNotFound(name)
    logger.info("user %r disabled", name)


async def signed_in_user(*, user_id: int) -> SignedInUser | None:
    """The active user with this id, or None (disabled or deleted since the session began)."""
    row = (
        await User.select(User.id, User.name, User.role)
        .where((User.id == user_id) & (User.active == True))
        .first()
        .run()
    )
    return (
        None
        if row is None
        else SignedInUser(id=row["id"], name=row["name"], role=Role(row["role"]))
    )


async def authenticate(
    *, name: str, password: str, client: str = "", at: datetime | None = None
) -> SignedInUser:
    """The user whose name and password these are, tried from `client` (an address).

    The attempt is counted before any password is checked (`lockout`); past a limit it is
    refused unchecked, the right password too. An unknown or disabled name costs one check of
    a dummy hash and is counted and locked alike: answers and timing never tell names apart.
    `at` is the moment of the attempt (now, unless a test moves time).
    """
    at = at or clock.now()
    attempt = await lockout.count_attempt(name=name, client=client, at=at)
    if not attempt.allowed:
        logger.info("login refused for %r: locked until %s", name, attempt.until)
        raise AccountLocked(attempt.until)
    row = (
        await User.select(User.id, User.name, User.role, User.active, User.password_hash)
        .where(User.name == name)
        .first()
        .run()
    )
    if row is None or not row["active"]:
        await waste_a_verification()
        _refuse(name, attempt)
    if not await verify_password(row["password_hash"], password):
        _refuse(name, attempt)
    await lockout.count_success(name=name, client=client)
    await _record_success(user_id=row["id"], password_hash=row["password_hash"], password=password)
    logger.info("login of %r", name)
    return SignedInUser(id=row["id"], name=row["name"], role=Role(row["role"]))


def _refuse(name: str, attempt: lockout.Attempt) -> NoReturn:
    if attempt.last_allowed:
        logger.warning("logins of %r locked until %s after failed logins", name, attempt.until)
        raise AccountLocked(attempt.until)
    logger.info("login refused for %r: wrong name or password", name)
    raise InvalidCredentials()


async def _record_success(*, user_id: int, password_hash: str, password: str) -> None:
    updates: dict = {}
    if needs_rehash(password_hash):
        updates[User.password_hash] = await hash_password(password)
    if updates:
        async with writing():
            await User.update(updates).where(User.id == user_id).run()
