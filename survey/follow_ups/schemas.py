"""What the follow-ups' API takes and gives (msgspec Structs, written by hand)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

Sort = Literal["opened", "-opened", "office", "state"]
ReasonKind = Literal["low_rating", "not_resolved"]
# What a person may record on closing; `rating_improved` is only ever the citizen's doing.
ChosenOutcome = Literal[
    "recontacted_solved", "recontacted_nothing_more", "unreachable", "not_a_service_problem"
]


class FollowUpRow(msgspec.Struct, kw_only=True):
    id: int
    case: str
    office: str | None  # None: the Front Office
    office_name: str | None
    office_name_en: str | None  # empty: the Italian name serves
    reason: str
    state: str
    manager: str | None
    outcome: str | None
    opened_at: datetime
    due_at: datetime
    overdue: bool
    closed_at: datetime | None


class FollowUpPage(msgspec.Struct, kw_only=True):
    total: int
    page: int
    pages: int
    per_page: int
    follow_ups: list[FollowUpRow]


class Change(msgspec.Struct, kw_only=True):
    actor: str
    at: datetime
    action: str
    from_state: str
    to_state: str
    note: str


class CaseFacts(msgspec.Struct, kw_only=True):
    code: str
    channel: str
    request_type: str
    topic: str
    opened_at: datetime
    closed_at: datetime | None


class ReAsk(msgspec.Struct, kw_only=True):
    """The citizen asked again when the follow-up closed, and their answer if they gave one."""

    asked_at: datetime
    questionnaire: str | None
    questionnaire_version: int | None
    answers: dict[str, object] | None  # None: not answered (yet)


class FollowUpDetail(msgspec.Struct, kw_only=True):
    follow_up: FollowUpRow
    case: CaseFacts
    questionnaire: str | None  # the questionnaire and version the answers are to
    questionnaire_version: int | None
    answers: dict[str, object]
    comment: str
    note: str
    history: list[Change]
    can_re_ask: bool  # an address to write to, and not asked again yet
    re_ask: ReAsk | None


class Assign(msgspec.Struct, kw_only=True):
    manager: str


class TakeInCharge(msgspec.Struct, kw_only=True):
    note: str = ""


class Close(msgspec.Struct, kw_only=True):
    outcome: ChosenOutcome
    note: str = ""
    # Ask the citizen again: a second invitation by email, answered and counted apart.
    re_ask: bool = False


class StateAnswer(msgspec.Struct, kw_only=True):
    state: str
