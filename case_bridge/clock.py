"""Time in the case tracker: stored in UTC; times without a zone are the department's (Rome)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

DEPARTMENT_ZONE = ZoneInfo("Europe/Rome")


def now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(moment: datetime) -> datetime:
    """A time in UTC; one without a zone is read as the department's local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=DEPARTMENT_ZONE)
    return moment.astimezone(UTC)


def local_date(moment: datetime) -> str:
    """The calendar day of a moment at the department, as YYYY-MM-DD."""
    return as_utc(moment).astimezone(DEPARTMENT_ZONE).date().isoformat()
