"""Domain exceptions: the families every rule a request can break belongs to.

Each family has one HTTP status, given in `error_answers.STATUS_OF`; services raise these and
never speak HTTP themselves."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every rule a request can break; `str()` is the message shown to the caller."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The thing asked for does not exist (or may not be revealed)."""


class Conflict(DomainError):
    """The request breaks a rule given the current state; nothing was changed."""


class Invalid(DomainError):
    """A value is acceptable in form but not in meaning; names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class Malformed(DomainError):
    """Values not acceptable in form (not a day, not one of the choices); names each field.

    `problems` maps each field to the message id that says what to write instead."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {why}" for field, why in problems.items()))
        self.problems = problems


class NotAuthenticated(DomainError):
    """No proof of who is asking where one is needed (a session, a key, a password)."""

    def __init__(self, message: str = "login required") -> None:
        super().__init__(message)


class Forbidden(DomainError):
    """The caller is known but not allowed to do this."""

    def __init__(self, message: str = "your role does not allow this") -> None:
        super().__init__(message)


class Locked(DomainError):
    """Refused for a while after repeated failures."""
