"""What the accounts API reads and writes. No schema here ever holds a password hash."""

from __future__ import annotations

import enum
from datetime import datetime

import msgspec


class Role(enum.StrEnum):
    MANAGER = "manager"
    ADMIN = "admin"


class Credentials(msgspec.Struct, kw_only=True):
    """A login attempt through the JSON API."""

    name: str
    password: str

    def __repr__(self) -> str:
        # Keeps the password out of any traceback or log line that prints the struct.
        return f"{type(self).__name__}(name={self.name!r}, password=<hidden>)"


class LoginForm(Credentials, kw_only=True):
    """A login attempt through the form; empty fields are answered like wrong ones."""

    name: str = ""
    password: str = ""
    next: str = ""


class SignedInUser(msgspec.Struct, frozen=True, kw_only=True):
    """The user of a session: what guards and handlers need to know."""

    id: int
    name: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class UserOut(msgspec.Struct, frozen=True, kw_only=True):
    """A signed-in user as the API shows it."""

    name: str
    role: Role


class UserListItem(msgspec.Struct, frozen=True, kw_only=True):
    """A user in the administrator's list."""

    name: str
    role: Role
    active: bool
    locked_until: datetime | None
    created_at: datetime | None
