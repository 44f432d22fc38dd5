"""Domain exceptions. The app maps each family to one HTTP answer in one place."""

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


class CaseNotFound(NotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"no case with code {code!r}")


class CaseAlreadyClosed(Conflict):
    def __init__(self) -> None:
        super().__init__("a closed case cannot be closed again")


class EscalationNotAllowed(Conflict):
    def __init__(self) -> None:
        super().__init__("a case is escalated to Back Office only while open")


class BackOfficeNeedsEscalation(Conflict):
    def __init__(self) -> None:
        super().__init__("a case closed at Back Office must have been escalated")


class EscalatedCaseClosesAtBackOffice(Conflict):
    def __init__(self) -> None:
        super().__init__("a case escalated to Back Office is closed at Back Office")


class DuplicateCase(Conflict):
    def __init__(self, code: str) -> None:
        super().__init__(f"a case with code {code!r} already exists")
