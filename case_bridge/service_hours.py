"""The hours the contact center's line is open: ordinary hours, and the extended hours of
emergency periods.

The note of 13 July 2011: "un servizio attivo dal lunedì al venerdì, dalle 9.00 alle 18.00";
the dossier: "in ordinario attivo dalle 9 alle 18, in situazioni di crisi o di emergenza può
essere esteso fino a una copertura totale nelle 24 ore". Ordinary hours are a setting
(`ASCOLTO_SERVICE_HOURS`, `mon-fri 9-18`), and the line is closed on Italy's national public
holidays; an emergency period keeps its own hours on every day it covers, weekends and holidays
included. The hours in force at a moment are the period's when one covers it, the ordinary ones
otherwise. Times are the department's wall-clock times (naive).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPEC = re.compile(r"^\s*([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2})-(\d{1,2})\s*$")


class HoursError(ValueError):
    """A written form of hours that cannot be read."""


@dataclass(frozen=True)
class OrdinaryHours:
    """Weekdays (0 = Monday) and the hours [opening, closing) the line is open on them."""

    weekdays: frozenset[int]
    opening_hour: int
    closing_hour: int

    @classmethod
    def parse(cls, text: str) -> OrdinaryHours:
        """`mon-fri 9-18` (days, then hours from opening to closing; 24 is midnight)."""
        found = _SPEC.match(text.lower())
        if not found:
            raise HoursError(f"write the days and hours as 'mon-fri 9-18', not {text!r}")
        first, last, opening, closing = found.groups()
        if first not in DAYS or (last or first) not in DAYS:
            raise HoursError(f"days are {', '.join(DAYS)}, not {text!r}")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            raise HoursError(f"the days run from the first to the last in a week: {text!r}")
        hours = cls(frozenset(range(start, end + 1)), int(opening), int(closing))
        if not 0 <= hours.opening_hour < hours.closing_hour <= 24:
            raise HoursError(f"the line opens before it closes, from 0 to 24: {text!r}")
        return hours

    def __str__(self) -> str:
        days = sorted(self.weekdays)
        span = DAYS[days[0]] if len(days) == 1 else f"{DAYS[days[0]]}-{DAYS[days[-1]]}"
        return f"{span} {self.opening_hour}-{self.closing_hour}"


ORDINARY = OrdinaryHours.parse("mon-fri 9-18")


@dataclass(frozen=True)
class ExtendedHours:
    """An emergency period [starts_at, ends_at) with the hours the line kept each day."""

    name: str
    starts_at: datetime
    ends_at: datetime
    opening_hour: int = 0
    closing_hour: int = 24

    @property
    def round_the_clock(self) -> bool:
        return self.opening_hour == 0 and self.closing_hour == 24


# Italy's national public holidays on fixed dates (law 260/1949 and its changes): New Year,
# Epiphany, Liberation, Labour Day, Republic Day, Assumption, All Saints, Immaculate
# Conception, Christmas, St Stephen; Easter Monday moves with Easter.
FIXED_HOLIDAYS = (
    (1, 1),
    (1, 6),
    (4, 25),
    (5, 1),
    (6, 2),
    (8, 15),
    (11, 1),
    (12, 8),
    (12, 25),
    (12, 26),
)


def easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous algorithm: Meeus, Jones, Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> list[date]:
    """The national public holidays of a year, Easter Monday included."""
    fixed = [date(year, month, day) for month, day in FIXED_HOLIDAYS]
    return sorted([*fixed, easter(year) + timedelta(days=1)])


def _holiday_days(days: np.ndarray) -> np.ndarray:
    """True for each day (datetime64[D]) that is a national public holiday."""
    known = days[~np.isnat(days)]
    if known.size == 0:
        return np.zeros(days.size, dtype=bool)
    years = range(int(str(known.min())[:4]), int(str(known.max())[:4]) + 1)
    holidays = np.array([d for year in years for d in public_holidays(year)], dtype="datetime64[D]")
    return np.isin(days, holidays)


def _clock(moments: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(weekday 0 = Monday, hour) of each wall-clock time."""
    seconds = moments.astype("datetime64[s]").astype(np.int64)
    days = np.floor_divide(seconds, 86_400)
    # 1 January 1970 was a Thursday (weekday 3).
    return (days + 3) % 7, np.floor_divide(seconds - days * 86_400, 3_600)


def period_of(moments: np.ndarray, periods: Sequence[ExtendedHours]) -> np.ndarray:
    """Index of the emergency period covering each moment, -1 for ordinary time."""
    moments = moments.astype("datetime64[s]")
    found = np.full(moments.size, -1, dtype=np.int64)
    for index, period in enumerate(periods):
        start, end = np.datetime64(period.starts_at, "s"), np.datetime64(period.ends_at, "s")
        found[(found < 0) & (moments >= start) & (moments < end)] = index
    return found


def inside_hours(
    moments: np.ndarray, ordinary: OrdinaryHours, periods: Sequence[ExtendedHours]
) -> np.ndarray:
    """True where a wall-clock time falls within the hours in force then (NaT: False)."""
    moments = moments.astype("datetime64[s]")
    weekday, hour = _clock(moments)
    period = period_of(moments, periods)
    inside = (
        np.isin(weekday, sorted(ordinary.weekdays))
        & ~_holiday_days(moments.astype("datetime64[D]"))
        & (hour >= ordinary.opening_hour)
        & (hour < ordinary.closing_hour)
    )
    for index, extended in enumerate(periods):
        here = period == index
        inside[here] = (hour[here] >= extended.opening_hour) & (hour[here] < extended.closing_hour)
    return inside & ~np.isnat(moments)
