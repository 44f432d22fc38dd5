"""Domain exceptions of management accounts; `survey.errors` maps them to HTTP answers."""

from __future__ import annotations

from datetime import datetime

from case_bridge.errors import Conflict, DomainError, Invalid, NotFound


class NotAuthenticated(DomainError):
    """No signed-in user where one is needed (401)."""

    def __init__(self, message: str = "login required") -> None:
        super().__init__(message)


class LoginRequired(NotAuthenticated):
    """A guarded page or API was reached without a session: pages redirect to the login form."""


class InvalidCredentials(NotAuthenticated):
    """Wrong name or password; deliberately silent about which of the two."""

    def __init__(self) -> None:
        super().__init__("wrong name or password")


class AccountLocked(DomainError):
    """Too many failed logins: the account is refused until `until` (423)."""

    def __init__(self, until: datetime) -> None:
        super().__init__("the account is temporarily locked after too many failed logins")
        self.until = until


class Forbidden(DomainError):
    """The signed-in user's role does not allow this (403)."""

    def __init__(self, message: str = "your role does not allow this") -> None:
        super().__init__(message)


class DuplicateUser(Conflict):
    def __init__(self, name: str) -> None:
        super().__init__(f"a user named {name!r} already exists")


class UserNotFound(NotFound):
    def __init__(self, name: str) -> None:
        super().__init__(f"no user named {name!r}")


class WeakPassword(Invalid):
    def __init__(self, minimum: int) -> None:
        super().__init__("password", f"must be at least {minimum} characters")
