"""What the citizen's page shows, and what the feedback API, the IVR and the main platform
read and write."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec


class CollectionChannel(enum.StrEnum):
    """How an answer reached us: ratings differ by channel, so each answer keeps it."""

    EMAIL_LINK = "email_link"
    WEB_LINK = "web_link"
    IVR = "ivr"
    OPERATOR = "operator"


class FeedbackState(msgspec.Struct, kw_only=True):
    """What the citizen's page shows."""

    case_code: str
    request_type: str
    closed_on: str
    questionnaire: str
    questionnaire_version: int
    answers: dict[str, object] | None
    first_submitted_at: datetime | None
    editable_until: datetime | None
    emailed: bool
    re_ask: bool = False  # asked again after the follow-up of a low rating was closed
    # The office the case was passed to, in Italian and English (empty: none; None: the
    # Contact Center answered it itself).
    office_name: str | None = None
    office_name_en: str = ""

    def office_in(self, lang: str) -> str | None:
        """The name of the office that handled the case in `lang`; None for the Contact
        Center itself."""
        if not self.office_name:
            return None
        return self.office_name_en if lang == "en" and self.office_name_en else self.office_name


class FeedbackOut(msgspec.Struct, kw_only=True):
    case_code: str
    request_type: str
    closed_on: str
    questionnaire: dict[str, Any]
    answers: dict[str, Any] | None
    editable_until: str | None


class FeedbackSaved(msgspec.Struct, kw_only=True):
    """The answer as stored, without the questionnaire the citizen already has."""

    case_code: str
    questionnaire: str
    questionnaire_version: int
    answers: dict[str, Any]
    editable_until: str


class FeedbackIn(msgspec.Struct, forbid_unknown_fields=True):
    answers: dict[str, Any]
    via: Literal["email_link", "web_link", "operator"] | None = None


class IvrRating(msgspec.Struct, forbid_unknown_fields=True):
    case_code: Annotated[str, msgspec.Meta(pattern=r"^CC-\d{4}-\d{6}$")]
    satisfaction: Annotated[int, msgspec.Meta(ge=1, le=5)]
    resolved: Literal[1, 2]


class IvrStored(msgspec.Struct):
    case_code: str
    stored: bool = True


class FeedbackLink(msgspec.Struct):
    case_code: str
    link: str
