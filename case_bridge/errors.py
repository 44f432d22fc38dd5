"""The case tracker's domain exceptions, each in one family of `case_bridge.storage.errors`."""

from __future__ import annotations

from case_bridge.storage.errors import Conflict, NotFound


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


class DuplicateOffice(Conflict):
    def __init__(self, code: str) -> None:
        super().__init__(f"an office with code {code!r} already exists")


class DuplicateReferent(Conflict):
    def __init__(self, email: str) -> None:
        super().__init__(f"a referent with email {email!r} already exists")
