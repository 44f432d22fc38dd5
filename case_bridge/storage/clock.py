"""Time in the case tracker: stored in UTC; times without a zone are the department's (Rome)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

DEPARTMENT_ZONE = ZoneInfo("Europe/Rome")


def now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(moment: datetime) -> datetime:
    """A time in UTC; one without a zone is read as the department's local time."""
    if moment.tzinfo is None:
        return utc_wall_time(moment).replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def utc_wall_time(moment: datetime) -> datetime:
    """What a UTC clock shows at a moment, without a zone: `as_utc` for bulk writes, which
    spare the cost of attaching the zone to each of many values. One without a zone is read
    as the department's local time."""
    if moment.tzinfo is None:
        hour = moment.toordinal() * 24 + moment.hour
        return moment - (_OFFSETS.get(hour) or _local_offset(moment))
    return moment.astimezone(UTC).replace(tzinfo=None)


# Rome changes its offset only on the hour, so the offset of an hour holds for all of it;
# remembering it per hour makes bulk imports of local times several times faster.
_OFFSETS: dict[int, timedelta] = {}


def _local_offset(moment: datetime) -> timedelta:
    offset = moment.replace(minute=0, second=0, microsecond=0, tzinfo=DEPARTMENT_ZONE).utcoffset()
    assert offset is not None
    if len(_OFFSETS) < 200_000:
        _OFFSETS[moment.toordinal() * 24 + moment.hour] = offset
    return offset


def local_date(moment: datetime) -> str:
    """The calendar day of a moment at the department, as YYYY-MM-DD."""
    return as_utc(moment).astimezone(DEPARTMENT_ZONE).date().isoformat()
