"""Domain exceptions of management accounts; `survey.web.errors` maps them to HTTP answers."""

from __future__ import annotations

from datetime import datetime

from case_bridge.storage.errors import (
    Conflict,
    Invalid,
    Locked,
    NotAuthenticated,
    NotFound,
)


class LoginRequired(NotAuthenticated):
    """A guarded page or API was reached without a session: pages redirect to the login form."""


class InvalidCredentials(NotAuthenticated):
    """Wrong name or password; deliberately silent about which of the two."""

    def __init__(self) -> None:
        super().__init__("wrong name or password")


class AccountLocked(Locked):
    """Too many login attempts: refused until `until` (429, with Retry-After)."""

    def __init__(self, until: datetime) -> None:
        super().__init__("the account is temporarily locked after too many failed logins")
        self.until = until


class DuplicateUser(Conflict):
    def __init__(self, name: str) -> None:
        super().__init__(f"a user named {name!r} already exists")


class UserNotFound(NotFound):
    def __init__(self, name: str) -> None:
        super().__init__(f"no user named {name!r}")


class WeakPassword(Invalid):
    def __init__(self, minimum: int) -> None:
        super().__init__("password", f"must be at least {minimum} characters")
