"""The dashboard's filters: a period and optional channel, type, path and region, from the query.

Pages and API take the same GET parameters (`from`, `to`, `channel`, `type`, `path`, `region`),
so a page's address and its JSON twin differ only in their path. Without `from`/`to` the
period is the latest year of feedback: the twelve months up to the last case that a citizen
answered (or, before any answer, up to the last case opened).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Annotated, Literal
from urllib.parse import urlencode

import numpy as np
from litestar.params import QueryParameter

from analysis import FeedbackColumns
from analysis.report.data import Period
from case_bridge.storage.errors import Invalid
from case_bridge.vocabulary import Channel, Region, RequestType

PathCode = Literal["front_office", "back_office", "open"]
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

    def resolved(self, first: date | None, last: date | None) -> Filters:
        """The filters with the period filled in where not given: the year up to `last`."""
        for name, day in (("from", self.start), ("to", self.end)):
            if day is not None and not EARLIEST <= day <= LATEST:
                raise Invalid(name, f"a day from {EARLIEST} to {LATEST}")
        end = self.end or ((last or date.today()) + timedelta(days=1))
        start = self.start or max(first or end - DEFAULT_SPAN, end - DEFAULT_SPAN)
        if end <= start:
            raise Invalid("to", "the period ends after it starts (`to` is the day after it)")
        return replace(self, start=start, end=end)

    @property
    def period(self) -> Period:
        assert self.start is not None and self.end is not None, "resolve the filters first"
        return Period(self.start, self.end)

    @property
    def narrowed(self) -> bool:
        """True when some cases of the period are left out."""
        return any((self.channel, self.request_type, self.resolution_path, self.region))

    def mask(self, columns: FeedbackColumns) -> np.ndarray:
        """Rows of the period's columns that pass the filters."""
        keep = np.ones(len(columns), dtype=bool)
        for name, wanted in (
            ("channel", self.channel),
            ("request_type", self.request_type),
            ("resolution_path", self.resolution_path),
            ("region", self.region),
        ):
            if wanted:
                factor = getattr(columns, name)
                keep &= factor.codes == factor.code(wanted)
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
        } | extra
        return urlencode({key: value for key, value in pairs.items() if value})


def filters_from_query(
    start: Annotated[
        date | None, QueryParameter(name="from", description="First day (Europe/Rome), included")
    ] = None,
    end: Annotated[
        date | None, QueryParameter(name="to", description="Day after the period (excluded)")
    ] = None,
    channel: Annotated[Channel | None, QueryParameter(description="Channel of the request")] = None,
    request_type: Annotated[
        RequestType | None, QueryParameter(name="type", description="Type of request")
    ] = None,
    resolution_path: Annotated[
        PathCode | None, QueryParameter(name="path", description="How the case was resolved")
    ] = None,
    region: Annotated[Region | None, QueryParameter(description="Region of the requester")] = None,
) -> Filters:
    """The `filters` dependency: the query's filters, not yet resolved against the data."""
    return Filters(
        start=start,
        end=end,
        channel=str(channel) if channel else None,
        request_type=str(request_type) if request_type else None,
        resolution_path=resolution_path,
        region=str(region) if region else None,
    )
