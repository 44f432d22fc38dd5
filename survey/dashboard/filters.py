"""The dashboard's filters: a period and optional channel, type, path, region, requester kind
and other bodies (Back Office cases with or without them), from the query.

Pages and API take the same GET parameters (`from`, `to`, `channel`, `type`, `path`, `region`,
`requester`, `bodies`),
so a page's address and its JSON twin differ only in their path. An empty value means "all":
it is what an HTML form sends for "Tutti" or an empty date, so it must never be an error.
Without `from`/`to` the period is the latest year of feedback: the twelve months up to the last
case that a citizen answered (or, before any answer, up to the last case opened), and the page
says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Annotated
from urllib.parse import urlencode

import numpy as np
from litestar.params import QueryParameter

from analysis import FeedbackColumns
from analysis.report.data import Period
from case_bridge.storage import clock
from case_bridge.storage.errors import Invalid, Malformed
from case_bridge.vocabulary import Channel, Region, RequesterKind, RequestType
from survey.web.i18n import N_

PATHS = ("front_office", "back_office", "open")
# Back Office cases coordinated with other bodies, or handled by the office alone.
BODIES = ("with", "without")
# The choices of each field that has choices, by its query name.
CHOICES: dict[str, tuple[str, ...]] = {
    "channel": tuple(Channel),
    "type": tuple(RequestType),
    "path": PATHS,
    "region": tuple(Region),
    "requester": tuple(RequesterKind),
    "bodies": BODIES,
}
DEFAULT_SPAN = timedelta(days=366)
# Days far outside the service's life are typing mistakes; they would also overflow the
# arithmetic of dates and epochs near year 1 or 9999.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


@dataclass(frozen=True)
class Filters:
    """What the caller asked to see; `start`/`end` None until resolved against the data."""

    start: date | None = None
    end: date | None = None
    channel: str | None = None
    request_type: str | None = None
    resolution_path: str | None = None
    region: str | None = None
    requester_kind: str | None = None
    other_bodies: str | None = None  # "with" or "without": Back Office cases only
    # True when the period was not asked for but taken from the data (the latest year).
    default_period: bool = False

    def resolved(self, first: date | None, last: date | None) -> Filters:
        """The filters with the period filled in where not given: the year up to `last`."""
        for name, day in (("from", self.start), ("to", self.end)):
            if day is not None and not EARLIEST <= day <= LATEST:
                raise Invalid(name, f"a day from {EARLIEST} to {LATEST}")
        end = self.end or ((last or date.today()) + timedelta(days=1))
        if self.end is None and self.start is not None and end <= self.start:
            end = self.start + timedelta(days=1)  # a start after the data: an empty period
        start = self.start or max(first or end - DEFAULT_SPAN, end - DEFAULT_SPAN)
        if self.start is None and start >= end:
            start = end - DEFAULT_SPAN  # an end before the data: an empty period
        if end <= start:
            raise Invalid("to", "the period ends after it starts (`to` is the day after it)")
        default = self.start is None and self.end is None
        return replace(self, start=start, end=end, default_period=default)

    @property
    def period(self) -> Period:
        assert self.start is not None and self.end is not None, "resolve the filters first"
        return Period(self.start, self.end)

    @property
    def narrowed(self) -> bool:
        """True when some cases of the period are left out."""
        return any(
            (
                self.channel,
                self.request_type,
                self.resolution_path,
                self.region,
                self.requester_kind,
                self.other_bodies,
            )
        )

    def mask(self, columns: FeedbackColumns) -> np.ndarray:
        """Rows of the period's columns that pass the filters."""
        keep = np.ones(len(columns), dtype=bool)
        for name, wanted in (
            ("channel", self.channel),
            ("request_type", self.request_type),
            ("resolution_path", self.resolution_path),
            ("region", self.region),
            ("requester_kind", self.requester_kind),
        ):
            if wanted:
                factor = getattr(columns, name)
                keep &= factor.codes == factor.code(wanted)
        if self.other_bodies:
            path = columns.resolution_path
            keep &= path.codes == path.code("back_office")
            keep &= columns.other_bodies == (self.other_bodies == "with")
        return keep

    def query(self, **extra: str) -> str:
        """The filters as a query string (`from=…&to=…`), for links between pages."""
        pairs = {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "channel": self.channel,
            "type": self.request_type,
            "path": self.resolution_path,
            "region": self.region,
            "requester": self.requester_kind,
            "bodies": self.other_bodies,
        } | extra
        return urlencode({key: value for key, value in pairs.items() if value})


def _day(problems: dict[str, str], name: str, text: str | None) -> date | None:
    if not text:
        return None
    # `date.fromisoformat` also reads ISO weeks and dates without dashes: the form and the
    # document ask for YYYY-MM-DD, and that alone is taken.
    if not _ISO_DAY.fullmatch(text):
        problems[name] = N_("filter_bad_date")
        return None
    day = date.fromisoformat(text)
    if clock.outside_service_window(day):
        problems[name] = N_("filter_date_outside")
        return None
    return day


_ISO_DAY = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])", re.ASCII)


def _choice(problems: dict[str, str], name: str, text: str | None) -> str | None:
    if not text:
        return None
    if text not in CHOICES[name]:
        problems[name] = N_("filter_bad_choice")
        return None
    return text


def read_filters(values: Mapping[str, str | None]) -> Filters:
    """The filters typed into the form or the query; empty means all.

    Raises `Malformed` naming every field whose value is not a day or not one of its choices."""
    problems: dict[str, str] = {}
    filters = Filters(
        start=_day(problems, "from", values.get("from")),
        end=_day(problems, "to", values.get("to")),
        channel=_choice(problems, "channel", values.get("channel")),
        request_type=_choice(problems, "type", values.get("type")),
        resolution_path=_choice(problems, "path", values.get("path")),
        region=_choice(problems, "region", values.get("region")),
        requester_kind=_choice(problems, "requester", values.get("requester")),
        other_bodies=_choice(problems, "bodies", values.get("bodies")),
    )
    if problems:
        raise Malformed(problems)
    return filters


# Plain text rather than the enums: the form's empty "all" must reach `read_filters`, which
# names the field of a wrong value; the schema still lists each field's choices, and the empty
# value a form's "all" sends (it means every choice).
# A day of the service window, or empty (no limit). Stated in the document only (schema_extra):
# `read_filters` checks it, naming the field as the form and the query do, in the page's words.
_DAY_OR_EMPTY = {"pattern": f"^(?:|{clock.SERVICE_DAY_PATTERN})$"}
From = Annotated[
    str | None,
    QueryParameter(
        name="from", description="First day (Europe/Rome), included", schema_extra=_DAY_OR_EMPTY
    ),
]
To = Annotated[
    str | None,
    QueryParameter(
        name="to",
        description="Day after the period (excluded), after `from` (422 otherwise)",
        schema_extra=_DAY_OR_EMPTY,
    ),
]
ChannelChoice = Annotated[
    str | None, QueryParameter(description="Channel of the request", enum=["", *CHOICES["channel"]])
]
TypeChoice = Annotated[
    str | None,
    QueryParameter(name="type", description="Type of request", enum=["", *CHOICES["type"]]),
]
PathChoice = Annotated[
    str | None,
    QueryParameter(name="path", description="How the case was resolved", enum=["", *PATHS]),
]
RegionChoice = Annotated[
    str | None,
    QueryParameter(description="Region of the requester", enum=["", *CHOICES["region"]]),
]
RequesterChoice = Annotated[
    str | None,
    QueryParameter(
        name="requester", description="Kind of requester", enum=["", *CHOICES["requester"]]
    ),
]
BodiesChoice = Annotated[
    str | None,
    QueryParameter(
        name="bodies",
        description="Back Office cases coordinated with other bodies, or without",
        enum=["", *BODIES],
    ),
]


def filters_from_query(
    start: From = None,
    end: To = None,
    channel: ChannelChoice = None,
    request_type: TypeChoice = None,
    resolution_path: PathChoice = None,
    region: RegionChoice = None,
    requester_kind: RequesterChoice = None,
    other_bodies: BodiesChoice = None,
) -> Filters:
    """The `filters` dependency: the query's filters, not yet resolved against the data."""
    return read_filters(
        {
            "from": start,
            "to": end,
            "channel": channel,
            "type": request_type,
            "path": resolution_path,
            "region": region,
            "requester": requester_kind,
            "bodies": other_bodies,
        }
    )


class FilterForm:
    """The filter form as it was sent: its filters, or a message id for each wrong field.

    A plain class, not a dataclass: Litestar validates a dependency that is a dataclass, and
    cannot validate a union of two."""

    __slots__ = ("filters", "problems", "values")

    def __init__(
        self,
        values: Mapping[str, str],
        problems: Mapping[str, str],
        filters: Filters | None = None,
    ) -> None:
        self.values, self.problems, self.filters = values, problems, filters


def page_filters(
    start: From = None,
    end: To = None,
    channel: ChannelChoice = None,
    request_type: TypeChoice = None,
    resolution_path: PathChoice = None,
    region: RegionChoice = None,
    requester_kind: RequesterChoice = None,
    other_bodies: BodiesChoice = None,
) -> FilterForm:
    """The pages' `filters`: a form to show again, with its problems, when a value is wrong."""
    values = {
        "from": start,
        "to": end,
        "channel": channel,
        "type": request_type,
        "path": resolution_path,
        "region": region,
        "requester": requester_kind,
        "bodies": other_bodies,
    }
    kept = {name: value for name, value in values.items() if value}
    try:
        return FilterForm(kept, {}, read_filters(values))
    except Malformed as error:
        return FilterForm(kept, dict(error.problems))
