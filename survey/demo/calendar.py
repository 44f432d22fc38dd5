"""The demo year's calendar: how many cases each day brings, and at what hours.

Figures from the department's dossier "4 luglio 2012 - Un anno di Contact Center" (the dossier)
and its note of 13 July 2011 on the first week (the note), both in DESIGN.md's `seeds/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

# The dossier: the service started on 4 July 2011 and reports a year later, on 4 July 2012.
FIRST_DAY = date(2011, 7, 4)
LAST_DAY = date(2012, 7, 3)
# The dossier: "quasi 14.000 le richieste" in the year. Fixed, so every seed gives the same total.
TOTAL_CASES = 13_950
# The note: "circa 30 al giorno, per un servizio attivo dal lunedì al venerdì, dalle 9.00 alle
# 18.00"; ordinary phone contacts fall in those hours.
OPENING_HOUR, CLOSING_HOUR = 9, 18
# Emails, forms, PEC and faxes keep arriving when the phone line is closed; on an ordinary
# weekend or holiday the platform registers a few of them a day (an assumption).
WRITTEN_PER_CLOSED_DAY = 3.0
# Italian public holidays within the year: the service keeps ordinary working days only.
HOLIDAYS = frozenset(
    {
        date(2011, 8, 15),
        date(2011, 11, 1),
        date(2011, 12, 8),
        date(2011, 12, 26),
        date(2012, 1, 6),
        date(2012, 4, 9),
        date(2012, 4, 25),
        date(2012, 5, 1),
        date(2012, 6, 2),
    }
)
# Relative weight of ordinary working days: Monday catches up on the weekend, August is quiet.
WEEKDAY_WEIGHT = (1.2, 1.0, 1.0, 1.0, 0.85)
AUGUST_WEIGHT = 0.7


@dataclass(frozen=True)
class Surge:
    """Extra contacts from one event: `contacts` on `day`, shrinking by `decay` each day after."""

    day: date
    contacts: int
    decay: float


@dataclass(frozen=True)
class Emergency:
    """A period the contact center ran beyond ordinary hours, with its busiest day exact."""

    name: str
    first_day: date
    last_day: date
    peak_day: date | None
    peak_contacts: int | None
    surges: tuple[Surge, ...]
    # The line's hours on each day of the period [opening, closing): 0-24 is round the clock.
    hours: tuple[int, int] = (0, 24)

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


# The dossier's four emergencies, each with its daily peak on its date exactly. The shape
# around the peaks (the surges) is an assumption: a jump on the day of the event, then a decay.
EMERGENCIES = (
    Emergency(
        "Rientro del satellite UARS",  # dossier: "dal 22 al 24 settembre 2011"
        date(2011, 9, 22),
        date(2011, 9, 24),
        date(2011, 9, 23),
        780,  # dossier: "il 23 settembre ... 780 contatti, il picco massimo giornaliero"
        (Surge(date(2011, 9, 22), 240, 0.5),),
        (0, 24),  # assumed: the re-entry was expected at night, so the line stayed open
    ),
    Emergency(
        "Maltempo nel nord-ovest e alluvione di Genova",  # dossier: "tra ottobre e novembre"
        date(2011, 10, 25),
        date(2011, 11, 11),
        date(2011, 11, 5),
        256,  # dossier: "il picco di contatti con 256 chiamate è stato il 5 novembre"
        (Surge(date(2011, 10, 25), 100, 0.65), Surge(date(2011, 11, 4), 150, 0.6)),
        (8, 22),  # assumed: "aperto oltre l'orario ordinario", not said how far
    ),
    Emergency(
        "Terremoto del 25 gennaio 2012 nel nord Italia",  # dossier: "scossa ... del 25 gennaio"
        date(2012, 1, 25),
        date(2012, 1, 29),
        date(2012, 1, 27),
        536,  # dossier: "un massimo di 536 contatti il 27 gennaio 2012"
        (Surge(date(2012, 1, 25), 260, 0.55), Surge(date(2012, 1, 27), 400, 0.45)),
        (8, 22),  # assumed, as above
    ),
    Emergency(
        "Ondata di freddo e neve",  # dossier: "dal 30 gennaio al 12 febbraio"
        date(2012, 1, 30),
        date(2012, 2, 12),
        None,
        None,
        (
            Surge(date(2012, 1, 31), 70, 0.75),
            Surge(date(2012, 2, 3), 140, 0.65),  # snow on Rome, 3-4 February 2012
            Surge(date(2012, 2, 10), 70, 0.6),
        ),
        (8, 20),  # assumed, as above
    ),
    Emergency(
        "Terremoto in Emilia-Romagna",  # dossier: "la scossa del 20 maggio", "attivo h24"
        date(2012, 5, 20),
        date(2012, 6, 10),
        date(2012, 5, 29),
        585,  # dossier: "il numero massimo di contatti il 29 maggio con 585 richieste"
        (Surge(date(2012, 5, 20), 300, 0.64), Surge(date(2012, 5, 29), 420, 0.6)),
        (0, 24),  # the dossier: "attivo h24 numerosi giorni"
    ),
)


def year_days() -> list[date]:
    """Every day of the demo year, first to last."""
    return [FIRST_DAY + timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS


def emergency_of(day: date) -> Emergency | None:
    """The emergency period covering a day, if any."""
    return next((emergency for emergency in EMERGENCIES if emergency.covers(day)), None)


def _surge_contacts(emergency: Emergency, day: date) -> float:
    total = 0.0
    for surge in emergency.surges:
        if day >= surge.day:
            total += surge.contacts * surge.decay ** (day - surge.day).days
    return total


def _emergency_volume(emergency: Emergency, day: date, rng: np.random.Generator) -> int:
    if day == emergency.peak_day:
        return int(emergency.peak_contacts or 0)
    ordinary = 30.0 if is_working_day(day) else WRITTEN_PER_CLOSED_DAY
    volume = int(rng.poisson(ordinary + _surge_contacts(emergency, day)))
    if emergency.peak_contacts is not None:
        volume = min(volume, emergency.peak_contacts - 1)  # the peak stays the busiest day
    return volume


def _ordinary_weight(day: date) -> float:
    return WEEKDAY_WEIGHT[day.weekday()] * (AUGUST_WEIGHT if day.month == 8 else 1.0)


def daily_volumes(rng: np.random.Generator) -> dict[date, int]:
    """Cases opened on each local day; the total is TOTAL_CASES and the peaks are exact."""
    volumes: dict[date, int] = {}
    ordinary_days: list[date] = []
    for day in year_days():
        emergency = emergency_of(day)
        if emergency is not None:
            volumes[day] = _emergency_volume(emergency, day, rng)
        elif is_working_day(day):
            ordinary_days.append(day)
        else:
            volumes[day] = int(rng.poisson(WRITTEN_PER_CLOSED_DAY))
    remaining = TOTAL_CASES - sum(volumes.values())
    weights = np.array([_ordinary_weight(day) for day in ordinary_days])
    counts = rng.multinomial(remaining, weights / weights.sum())
    volumes.update(zip(ordinary_days, (int(count) for count in counts), strict=True))
    return dict(sorted(volumes.items()))


# Phone requests registered from a voicemail left in the hour before the line opens or after it
# closes, stamped with the time it was left (assumed): what the hours' coverage finds.
VOICEMAIL_SHARE = 0.02

# Share of a day's contacts by hour when the service runs h24 (an assumption: quiet at night,
# busiest from late morning to evening).
EMERGENCY_HOURS = np.array(
    [3, 2, 2, 2, 2, 3, 5, 8, 10, 12, 12, 11, 10, 10, 11, 11, 11, 10, 9, 8, 7, 6, 5, 4],
    dtype=np.float64,
)
# Ordinary phone hours 9-18, busiest in the morning; written requests arrive at any hour.
PHONE_HOURS = np.zeros(24)
PHONE_HOURS[OPENING_HOUR:CLOSING_HOUR] = [10, 13, 13, 11, 8, 9, 10, 9, 7]
WRITTEN_HOURS = np.array(
    [1, 1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 8, 8, 8, 8, 8, 7, 6, 5, 4, 3, 2],
    dtype=np.float64,
)


def phone_hours(opening: int, closing: int, profile: np.ndarray) -> np.ndarray:
    """`profile` within the hours [opening, closing), plus voicemails just outside them."""
    inside = np.zeros(24)
    inside[opening:closing] = profile[opening:closing]
    edges = [hour for hour in (opening - 1, closing) if 0 <= hour < 24]
    for hour in edges:
        inside[hour] += VOICEMAIL_SHARE * inside.sum() / len(edges)
    return inside


def opening_times(
    *, days: np.ndarray, by_phone: np.ndarray, emergency: np.ndarray, rng: np.random.Generator
) -> list[datetime]:
    """Local opening times (no zone: the department's) for cases on the given days;
    `emergency` is each case's index into EMERGENCIES (-1 outside them)."""
    n = days.size
    hours = np.empty(n, dtype=np.int64)
    profiles = [
        (EMERGENCY_HOURS, (emergency >= 0) & ~by_phone),
        (WRITTEN_HOURS, (emergency < 0) & ~by_phone),
        (phone_hours(OPENING_HOUR, CLOSING_HOUR, PHONE_HOURS), (emergency < 0) & by_phone),
    ]
    profiles += [
        (phone_hours(*period.hours, EMERGENCY_HOURS), (emergency == index) & by_phone)
        for index, period in enumerate(EMERGENCIES)
    ]
    for profile, mask in profiles:
        hours[mask] = rng.choice(24, size=int(mask.sum()), p=profile / profile.sum())
    seconds = hours * 3600 + rng.integers(0, 3600, n)
    return [
        datetime.combine(day, time()) + timedelta(seconds=int(offset))
        for day, offset in zip(days.tolist(), seconds.tolist(), strict=True)
    ]
