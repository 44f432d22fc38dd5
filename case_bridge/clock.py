"""Time in the case tracker: stored in UTC; times without a zone are the department's (Rome)."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

DEPARTMENT_ZONE = ZoneInfo("Europe/Rome")


def now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(moment: datetime) -> datetime:
    """A time in UTC; one without a zone is read as the department's local time."""
    if moment.tzinfo is None:
        return (moment - _local_offset(moment.year, moment.month, moment.day, moment.hour)).replace(
            tzinfo=UTC
        )
    return moment.astimezone(UTC)


@functools.lru_cache(maxsize=65_536)
def _local_offset(year: int, month: int, day: int, hour: int) -> timedelta:
    # Rome changes its offset only on the hour, so the offset of an hour holds for all of it;
    # caching it makes bulk imports of local times several times faster.
    offset = datetime(year, month, day, hour, tzinfo=DEPARTMENT_ZONE).utcoffset()
    assert offset is not None
    return offset


def local_date(moment: datetime) -> str:
    """The calendar day of a moment at the department, as YYYY-MM-DD."""
    return as_utc(moment).astimezone(DEPARTMENT_ZONE).date().isoformat()
