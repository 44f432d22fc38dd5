"""Shapes of consultations as management creates and reads them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

import msgspec

from case_bridge.schemas import InServiceWindow, OfficeCode

State = Literal["draft", "open", "closed"]


# Offices named for a consultation: at least one (to mean every office, name none at all), and
# no more than a department has.
OfficeList = Annotated[list[OfficeCode], msgspec.Meta(min_length=1, max_length=500)]


class ConsultationIn(InServiceWindow, forbid_unknown_fields=True, kw_only=True):
    _TIMES: ClassVar[tuple[str, ...]] = ("opens_on", "closes_on")

    title: Annotated[str, msgspec.Meta(min_length=3, max_length=200)]
    questionnaire: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
    questionnaire_version: Annotated[int, msgspec.Meta(ge=1)]
    opens_on: date
    closes_on: date
    offices: OfficeList | None = None  # None: every active referent
    threshold: Annotated[int, msgspec.Meta(ge=3, le=50)] = 5
    # Write-only: the tally key is derived from it, and only its salt and public key are kept.
    # Whoever holds it (the guardians) can tally the answers; if it is lost, nobody can.
    tally_passphrase: str
    guardians: Annotated[str, msgspec.Meta(min_length=2, max_length=500)]


class CloseIn(msgspec.Struct, forbid_unknown_fields=True):
    """The guardians' passphrase, typed again to tally the answers at close."""

    tally_passphrase: str = ""


class InviteesIn(msgspec.Struct, forbid_unknown_fields=True):
    offices: OfficeList


class ConsultationOut(msgspec.Struct, kw_only=True):
    id: int
    title: str
    questionnaire: str
    questionnaire_version: int
    opens_on: date
    closes_on: date
    state: State
    threshold: int
    guardians: str
    invited: int
    answered: int


class RateRow(msgspec.Struct, kw_only=True):
    """A response rate; `rate` None when the group has too few invited to show it."""

    group: str
    invited: int
    answered: int | None
    rate: float | None
    note: str | None = None


class ResponseRates(msgspec.Struct, kw_only=True):
    overall: RateRow
    by_office: list[RateRow]


class ReminderReport(msgspec.Struct):
    reminded: int
