"""Domain exceptions of citizens' feedback, each in one family of `case_bridge.storage.errors`."""

from __future__ import annotations

from case_bridge.storage.errors import Conflict, NotFound


class FeedbackUnavailable(NotFound):
    """Unknown, expired or used link: one answer for all, revealing nothing of the case."""

    def __init__(self) -> None:
        super().__init__("this feedback link is not valid or no longer open")


class EditWindowClosed(Conflict):
    def __init__(self) -> None:
        super().__init__("the time to change this answer has ended")


class AlreadyAnswered(Conflict):
    def __init__(self) -> None:
        super().__init__("this case already has an answer")


class CaseNotClosed(Conflict):
    def __init__(self) -> None:
        super().__init__("only a closed case can be rated")


class InvitationNotFound(NotFound):
    def __init__(self, case_code: str) -> None:
        super().__init__(f"no feedback invitation for case {case_code!r}")


class ReAskUnavailable(Conflict):
    """The citizen cannot be asked again: no address to write to, or already asked again."""

    def __init__(self, why: str) -> None:
        super().__init__(f"re_ask: {why}")
