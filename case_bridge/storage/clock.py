"""Time in the case tracker: stored in UTC; times without a zone are the department's (Rome)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

DEPARTMENT_ZONE = ZoneInfo("Europe/Rome")

# The service window: every day and time the case tracker takes in (API, bridge events, import,
# query filters) falls on a calendar day from its start to before its end. The service began in
# 2011; the window keeps a margin both ways, and keeps conversions between zones (which fail
# outside years 1..9999) and the databases' own date ranges far away.
SERVICE_START = date(2000, 1, 1)
SERVICE_END = date(2100, 1, 1)  # excluded

# The same window as the OpenAPI document states it (a JSON Schema cannot compare dates): the
# calendar days of 2000-2099, each month with its own length, 29 February in leap years only
# (2000 is one: divisible by 400). tests/case_bridge/test_clock.py checks it day by day.
SERVICE_DAY_PATTERN = (
    "20[0-9]{2}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
    "|(?:0[13578]|1[02])-31)|20(?:[02468][048]|[13579][26])-02-29"
)
# RFC 3339's time of day and zone, as `format: date-time` has them (msgspec refuses second 60).
_TIME_OF_DAY = "[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?"
_ZONE = "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
SERVICE_DATE_PATTERN = f"^(?:{SERVICE_DAY_PATTERN})$"
SERVICE_DATE_TIME_PATTERN = f"^(?:{SERVICE_DAY_PATTERN}){_TIME_OF_DAY}{_ZONE}$"


def outside_service_window(moment: date | datetime) -> str | None:
    """Why `moment` is refused, or None when its calendar day (as written, in its own zone)
    is within the service window; checked before any conversion, which could overflow."""
    day = moment.date() if isinstance(moment, datetime) else moment
    if SERVICE_START <= day < SERVICE_END:
        return None
    return f"must fall within {SERVICE_START.isoformat()} and {SERVICE_END.year - 1}-12-31"


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
