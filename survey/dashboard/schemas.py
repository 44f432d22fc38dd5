"""What the dashboard's JSON API answers: the numbers behind every figure of its pages.

Shares are in 0..1; every estimate carries its 95 % interval and n (`analysis.Estimate`).
Groups with fewer answers than the anonymity threshold are left out and only counted
(`hidden_groups`); below the threshold overall, `shown` is false and no satisfaction figure is
given at all.
"""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from analysis import Estimate, HypothesisTest
from analysis.consultations import ConsultationResults
from survey.consultations.schemas import ConsultationOut


class AppliedFilters(msgspec.Struct, kw_only=True):
    """The filters the figures are computed with; `to` is the day after the period."""

    from_: date = msgspec.field(name="from")
    to: date
    channel: str | None
    type: str | None
    path: str | None
    region: str | None
    requester: str | None = None
    bodies: str | None = None  # "with" or "without" other bodies (Back Office cases only)


class Basis(msgspec.Struct, kw_only=True):
    """What every figure of a page rests on."""

    filters: AppliedFilters
    cases: int
    answers: int
    threshold: int
    shown: bool


class Volume(msgspec.Struct, kw_only=True):
    level: str
    cases: int
    share: float


class Satisfaction(msgspec.Struct, kw_only=True):
    csat: Estimate
    mean: Estimate
    nps: Estimate
    effort: Estimate
    resolution_rate: Estimate


class Month(msgspec.Struct, kw_only=True):
    """A month (by closing date) of the p-chart: CSAT with its 3-sigma limits."""

    month: str
    answers: int
    csat: float | None
    lower_limit: float | None
    upper_limit: float | None


class Overview(msgspec.Struct, kw_only=True):
    basis: Basis
    by_channel: list[Volume]
    by_request_type: list[Volume]
    by_resolution_path: list[Volume]
    response_rate: Estimate | None
    satisfaction: Satisfaction | None
    monthly: list[Month]
    hidden_months: int
    open_follow_ups: int


class Group(msgspec.Struct, kw_only=True):
    group: str
    answers: int
    csat: Estimate
    mean: Estimate
    small_group: bool


class Pair(msgspec.Struct, kw_only=True):
    """Dunn's test of two shown groups, Holm-adjusted."""

    group_a: str
    group_b: str
    z: float
    p_holm: float


class Comparison(msgspec.Struct, kw_only=True):
    factor: str
    groups: list[Group]
    hidden_groups: int
    test: HypothesisTest
    pairs: list[Pair] = msgspec.field(default_factory=list)


class Term(msgspec.Struct, kw_only=True):
    """An odds ratio of the adjusted proportional-odds model (only estimable terms)."""

    term: str
    odds_ratio: float
    low: float
    high: float
    p_value: float


class Breakdown(msgspec.Struct, kw_only=True):
    """Satisfaction by one factor (path, channel, type, time band, emergency)."""

    basis: Basis
    comparison: Comparison | None
    model: list[Term] = msgspec.field(default_factory=list)


class EmergencyCases(msgspec.Struct, kw_only=True):
    name: str
    starts_at: datetime
    ends_at: datetime
    cases: int


class Emergencies(msgspec.Struct, kw_only=True):
    basis: Basis
    comparison: Comparison | None
    periods: list[EmergencyCases]


class TimeToClose(msgspec.Struct, kw_only=True):
    basis: Basis
    correlation: HypothesisTest | None
    bands: Comparison | None


class ChannelRate(msgspec.Struct, kw_only=True):
    """Response rate of a channel; `rate` null with fewer than 5 closed (invited) cases."""

    channel: str
    invited: int
    rate: Estimate | None


class Shares(msgspec.Struct, kw_only=True):
    """How respondents and non-respondents split over a factor's levels."""

    factor: str
    levels: list[str]
    respondents: list[float]
    nonrespondents: list[float]
    test: HypothesisTest


class NonResponse(msgspec.Struct, kw_only=True):
    basis: Basis
    response_rate: Estimate | None
    by_channel: list[ChannelRate]
    channel_test: HypothesisTest | None
    bias_warning: bool
    shares: list[Shares]
    weighted_csat: Estimate | None
    effective_n: float | None
    needed_for_5_points: int
    needed_for_3_points: int


class FollowUp(msgspec.Struct, kw_only=True):
    """A call-back to an unsatisfied citizen; `case` only for administrators."""

    case: str | None
    office: str | None
    reason: str
    status: str
    opened_at: datetime
    closed_at: datetime | None


class FollowUps(msgspec.Struct, kw_only=True):
    open: int
    closed: int
    by_office: dict[str, int]
    follow_ups: list[FollowUp]


class OfficeView(msgspec.Struct, kw_only=True):
    """An office's citizens' CSAT on its Back Office cases beside its referents' mean score.

    Either side is null with fewer answers than the consultation's threshold."""

    office: str
    citizens_answers: int
    citizens_csat: Estimate | None
    referents_shown: bool
    referents: int
    referents_mean: Estimate | None


class ConsultationView(msgspec.Struct, kw_only=True):
    consultation: ConsultationOut
    results: ConsultationResults
    scale: str | None
    offices: list[OfficeView]
    basis: Basis


class Consultations(msgspec.Struct, kw_only=True):
    consultations: list[ConsultationOut]


class ReasonOptionShare(msgspec.Struct, kw_only=True):
    """One option of a reason item in one group; count and share null where hidden."""

    option: str
    count: int | None
    share: Estimate | None


class ReasonGroupShares(msgspec.Struct, kw_only=True):
    """The options' shares among the group's citizens who answered the item."""

    group: str
    answered: int
    shares: list[ReasonOptionShare]


class ReasonTable(msgspec.Struct, kw_only=True):
    """A reason item (liked, difficulty) overall (`by` null) or by a case attribute."""

    item: str
    by: str | None
    threshold: int
    hidden_groups: int
    groups: list[ReasonGroupShares]


class Reasons(msgspec.Struct, kw_only=True):
    """Why citizens were (dis)satisfied: each reason item, overall and by path, channel,
    request type and office; groups under the threshold only counted."""

    basis: Basis | None
    breakdowns: list[ReasonTable]
