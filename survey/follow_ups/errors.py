"""Domain exceptions of follow-ups, each in one family of `case_bridge.storage.errors`."""

from __future__ import annotations

from case_bridge.storage.errors import Conflict, Invalid, NotFound


class FollowUpNotFound(NotFound):
    def __init__(self, follow_up_id: int) -> None:
        super().__init__(f"no follow-up {follow_up_id}")


class FollowUpLinkUnavailable(NotFound):
    """Unknown link: one answer, revealing nothing."""

    def __init__(self) -> None:
        super().__init__("this follow-up link is not valid")


class FollowUpClosed(Conflict):
    def __init__(self) -> None:
        super().__init__("this follow-up is already closed")


class OutcomeRequired(Invalid):
    def __init__(self) -> None:
        super().__init__("outcome", "closing a follow-up needs its outcome")


class UnknownManager(Invalid):
    def __init__(self, name: str) -> None:
        super().__init__("manager", f"no active user named {name!r}")
