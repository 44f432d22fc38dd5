"""Domain exceptions of referent consultations, each in one family of
`case_bridge.storage.errors`."""

from __future__ import annotations

from case_bridge.storage.errors import Conflict, NotFound


class ConsultationNotFound(NotFound):
    def __init__(self, consultation_id: int) -> None:
        super().__init__(f"no consultation {consultation_id}")


class QuestionnaireNotFound(NotFound):
    """The body names a questionnaire version the service does not have."""

    def __init__(self, name: str, version: int) -> None:
        super().__init__(f"no questionnaire {name} v{version}")


class WrongState(Conflict):
    """The action does not fit the consultation's state."""


class LinkUnavailable(NotFound):
    """Unknown link: the same answer whatever the reason."""

    def __init__(self) -> None:
        super().__init__("this consultation link is not valid")


class NotOpen(Conflict):
    def __init__(self, state: str) -> None:
        super().__init__(f"this consultation is not open for answers (it is {state})")


class AlreadySubmitted(Conflict):
    def __init__(self) -> None:
        super().__init__("the answers of this link have already been sent")


class NotTallied(Conflict):
    """Results exist only after the close: before it, only response rates."""

    def __init__(self) -> None:
        super().__init__(
            "results are shown only after the consultation is closed and tallied; "
            "until then only the response rates are"
        )
