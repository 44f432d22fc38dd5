"""What the report reads for one period: the cases as columns, the emergencies, the comments
and the referents' consultations. The database loader in `survey.report.loader` fills these;
the report and the dashboard only read them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from analysis.columns import FeedbackColumns
from analysis.consultations import ConsultationResults
from analysis.follow_ups import FollowUpRecord
from analysis.waves import ScaleChange
from case_bridge.service_hours import ORDINARY, ExtendedHours, OrdinaryHours
from case_bridge.storage.clock import DEPARTMENT_ZONE


@dataclass(frozen=True)
class Period:
    """Cases opened from `start` (included) to `end` (excluded), both dates in Europe/Rome."""

    start: date
    end: date

    def before(self) -> Period:
        """The period of the same length that ends where this one starts."""
        return Period(self.start - (self.end - self.start), self.start)

    def bounds(self) -> tuple[datetime, datetime]:
        """The period's ends as UTC instants (local midnights)."""
        return tuple(  # type: ignore[return-value]
            datetime.combine(day, time(), DEPARTMENT_ZONE).astimezone(UTC)
            for day in (self.start, self.end)
        )


@dataclass(frozen=True)
class Emergency:
    """An emergency period overlapping the report's period (local times); `ends_at` is the
    first instant after it, as stored."""

    name: str
    starts_at: datetime
    ends_at: datetime
    opening_hour: int = 0  # the line's hours on each day of the period (0-24: h24)
    closing_hour: int = 24

    @property
    def hours(self) -> ExtendedHours:
        return ExtendedHours(
            self.name, self.starts_at, self.ends_at, self.opening_hour, self.closing_hour
        )

    @property
    def last_day(self) -> date:
        """The last day the period covers: a period ending at midnight of the 25th ran
        through the 24th, and is written 22-24, not 22-25."""
        return (self.ends_at - timedelta(microseconds=1)).date()


@dataclass(frozen=True)
class Comment:
    """A citizen's free-text comment with the score it came with."""

    case_id: int
    satisfaction: float
    resolution_path: str
    text: str


@dataclass(frozen=True)
class WavesCompared:
    """A consultation against the wave it follows: each comparable scale's change (with the
    scale's title), and the titles of the scales not compared because their items changed."""

    follows_title: str
    changes: tuple[tuple[str, ScaleChange], ...]
    apart: tuple[str, ...]


@dataclass(frozen=True)
class ReferentConsultation:
    """A referents' consultation open during the period: how many were invited, its state
    (open or closed) and its results under its anonymity threshold."""

    invited: int
    state: str
    results: ConsultationResults
    waves: WavesCompared | None = None


@dataclass(frozen=True)
class ReportData:
    """Everything the report reads from the database for one period."""

    period: Period
    columns: FeedbackColumns
    emergencies: tuple[Emergency, ...]
    comments: tuple[Comment, ...]
    consultations: tuple[ReferentConsultation, ...] = ()
    office_names: Mapping[str, str] = field(default_factory=dict)  # office code -> its name
    # The period of the same length just before, for the changes on the first page; None
    # when not loaded, empty columns when it holds no cases.
    previous: FeedbackColumns | None = None
    targets: Mapping[str, float] = field(default_factory=dict)  # key figure -> target
    ordinary_hours: OrdinaryHours = ORDINARY  # the line's hours outside emergencies
    # The follow-ups of the period's cases, with their re-asks (counted apart from the main
    # figures: `analysis.follow_ups`).
    follow_ups: tuple[FollowUpRecord, ...] = ()
