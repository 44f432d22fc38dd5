"""Shapes of consultations as management creates and reads them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

import msgspec

from analysis.drivers import DriverAnalysis
from analysis.heatmap import Heatmap
from analysis.offices import GroupBeside
from analysis.waves import ScaleChange, WaveFigures
from case_bridge.schemas import OFFICE_CODE_PATTERN, InServiceWindow, OfficeCode, ServiceDay
from questionnaires import Questionnaire

State = Literal["draft", "open", "closed"]
# Why a wave comparison shows nothing: no earlier wave, the earlier one not tallied, or a wave
# under the anonymity threshold.
ComparisonNote = Literal["follows_nothing", "earlier_not_tallied", "below_threshold"]


# Offices named for a consultation: at least one (to mean every office, name none at all), and
# no more than a department has.
# Litestar leaves the items' pattern out of the document: it is stated again for it.
_OFFICE_CODE_SCHEMA = {"type": "string", "pattern": OFFICE_CODE_PATTERN}
OfficeList = Annotated[
    list[OfficeCode],
    msgspec.Meta(
        min_length=1,
        max_length=500,
        extra_json_schema={"extra": {"items": _OFFICE_CODE_SCHEMA}},
    ),
]


class ConsultationIn(InServiceWindow, forbid_unknown_fields=True, kw_only=True):
    _TIMES: ClassVar[tuple[str, ...]] = ("opens_on", "closes_on")

    title: Annotated[str, msgspec.Meta(min_length=3, max_length=200)]
    questionnaire: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
    questionnaire_version: Annotated[int, msgspec.Meta(ge=1)]
    opens_on: ServiceDay
    closes_on: ServiceDay
    offices: OfficeList | None = None  # None: every active referent
    threshold: Annotated[int, msgspec.Meta(ge=3, le=50)] = 5
    # Write-only: the tally key is derived from it, and only its salt and public key are kept.
    # Whoever holds it (the guardians) can tally the answers; if it is lost, nobody can.
    tally_passphrase: str
    guardians: Annotated[str, msgspec.Meta(min_length=2, max_length=500)]
    # The earlier wave this one follows (a closed consultation): their scales are compared.
    follows: Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)] | None = None


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
    follows: int | None = None


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


class TalliedWave(msgspec.Struct, kw_only=True):
    """A closed consultation's tallied answers, each with the group the tally recoded it to."""

    consultation: ConsultationOut
    questionnaire: Questionnaire
    answers: list[dict]
    groups: list[str]


class ComparedScale(msgspec.Struct, kw_only=True):
    scale: str
    title: str
    change: ScaleChange


class ApartScale(msgspec.Struct, kw_only=True):
    """A scale not compared (its items changed, or it is in one wave only): each wave alone."""

    scale: str
    title: str
    earlier: WaveFigures | None
    later: WaveFigures | None


class ChangedItem(msgspec.Struct, kw_only=True):
    """An item whose code stayed but whose wording or form changed: never compared."""

    code: str
    earlier_text: str
    later_text: str


class WaveComparisonOut(msgspec.Struct, kw_only=True):
    """This wave against the one it follows; `shown` False with a `note` when there is none
    to show (follows nothing, the earlier wave not tallied, a wave under the threshold)."""

    consultation_id: int
    title: str
    follows: int | None
    follows_title: str | None
    shown: bool
    note: ComparisonNote | None
    confidence: float
    scales: list[ComparedScale]
    apart: list[ApartScale]
    changed_items: list[ChangedItem]


class HeatmapOut(msgspec.Struct, kw_only=True):
    consultation_id: int
    heatmap: Heatmap
    scale_titles: dict[str, str]
    group_labels: dict[str, str]


class DriversOut(msgspec.Struct, kw_only=True):
    """Relative importance of the scales for the overall satisfaction item (None when the
    questionnaire has no such item or the wave is under the threshold)."""

    consultation_id: int
    outcome: str | None
    analysis: DriverAnalysis | None
    titles: dict[str, str]


ActionState = Literal["planned", "in_progress", "done", "dropped"]


class ActionIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """An action decided after a wave: what, on which of its scales, by which office, by when."""

    what: Annotated[str, msgspec.Meta(min_length=3, max_length=300)]
    scale: Annotated[str, msgspec.Meta(min_length=1, max_length=60)]
    owner_office: OfficeCode
    due_on: date
    state: ActionState = "planned"


class ActionStateIn(msgspec.Struct, forbid_unknown_fields=True):
    state: ActionState


class SeenCount(msgspec.Struct, kw_only=True):
    value: str
    label: str
    count: int


class ActionOut(msgspec.Struct, kw_only=True):
    """An action, and what the next wave's referents said of it once that wave is tallied
    (`seen`: None until then, or when that wave is under the threshold)."""

    id: int
    consultation: int
    what: str
    scale: str
    scale_title: str
    owner_office: str
    owner_office_name: str
    due_on: date
    state: ActionState
    asked_in: int | None  # the later wave whose questionnaire asks about it
    item: str
    seen: list[SeenCount] | None


class CitizensBesideOut(msgspec.Struct, kw_only=True):
    """The referents' satisfaction per group of the tally beside the citizens' CSAT of the Back
    Office cases that group's offices closed in the year before the consultation closed."""

    consultation_id: int
    scale: str | None
    scale_title: str | None
    rows: list[GroupBeside]
    labels: dict[str, str]
