"""The demo year's cases: when each opened, how, about what, and how it was handled."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from case_bridge.schemas import IMPORT_COLUMNS
from case_bridge.storage import clock
from survey.demo import calendar, handling, people
from survey.demo.shares import (
    CHANNEL_SHARES,
    REGION_SHARES,
    REQUESTER_BY_TOPIC,
    REQUESTER_SHARES,
    TOPIC_SHARES,
    TYPE_SHARES,
    allot,
    deal,
)

# The year is over at the dossier's date: no case closes after it.
YEAR_END = clock.as_utc(
    datetime.combine(calendar.LAST_DAY + timedelta(days=1), datetime.min.time())
)
WRITTEN = ("web_form", "email", "pec", "fax", "letter")
NORTH = ("lombardia", "veneto", "piemonte", "emilia_romagna", "liguria", "trentino_alto_adige")

# What each emergency's requests were about and where they came from (assumed, from the events:
# UARS threatened the north; the autumn rain hit Liguria and northern Tuscany; the January and
# May earthquakes struck Emilia and its neighbours; the cold wave buried central Italy in snow).
EMERGENCY_TOPICS = (
    {"emergenze_in_corso": 8, "altro": 3, "stampa": 2},
    {"allerte_meteo": 6, "rischio_idrogeologico": 6, "emergenze_in_corso": 4},
    {"rischio_sismico": 8, "emergenze_in_corso": 4},
    {"allerte_meteo": 8, "emergenze_in_corso": 4},
    {"rischio_sismico": 6, "emergenze_in_corso": 6, "volontariato": 2},
)
EMERGENCY_REGIONS = (
    dict.fromkeys(NORTH, 3.0),
    {"liguria": 12.0, "toscana": 4.0, "piemonte": 3.0},
    {"emilia_romagna": 6.0, "lombardia": 3.0, "veneto": 3.0},
    {"lazio": 2.0, "marche": 3.0, "abruzzo": 2.0, "molise": 2.0, "emilia_romagna": 2.0},
    {"emilia_romagna": 12.0, "lombardia": 3.0, "veneto": 2.0},
)
EMILIA = 4  # index of the Emilia earthquake in calendar.EMERGENCIES
# The dossier: offers of goods and services grew "con l'emergenza terremoto in Emilia-Romagna".
OFFER_PREFERENCE_IN_EMILIA = 12.0


@dataclass
class DemoYear:
    """The cases of the year as columns (one entry per case, in order of opening)."""

    code: list[str]
    opened_at: list[datetime]  # UTC
    local_day: np.ndarray  # datetime64[D], the department's calendar day of opening
    emergency: np.ndarray  # index into calendar.EMERGENCIES, -1 outside them
    channel: list[str]
    request_type: list[str]
    topic: list[str]
    region: list[str | None]
    requester_kind: list[str]
    contact_email: list[str | None]
    contact_phone: list[str | None]
    path: list[str]  # front_office, back_office or open
    status: list[str]
    office: list[str | None]
    referent: list[str | None]
    other_bodies: list[list[str]]  # bodies the Back Office coordinated with
    closed_at: list[datetime | None]  # UTC

    def __len__(self) -> int:
        return len(self.code)

    @property
    def resolution_path(self) -> list[str | None]:
        """The path as the case import takes it: none for a case still open."""
        return [None if path == "open" else path for path in self.path]

    def days_to_close(self) -> np.ndarray:
        """Calendar days (UTC) from opening to closing, as the analysis counts them; NaN open."""
        return np.array(
            [
                np.nan if closed is None else float((closed.date() - opened.date()).days)
                for opened, closed in zip(self.opened_at, self.closed_at, strict=True)
            ]
        )


def _class_order(classes: list[int], rng: random.Random) -> list[int]:
    """Case indexes, the most particular class (lowest number) first, shuffled within each."""
    order = list(range(len(classes)))
    rng.shuffle(order)
    return sorted(order, key=classes.__getitem__)


def _channels(days: list, emergency: np.ndarray, rng: random.Random) -> list[str]:
    # On an ordinary weekend or holiday the line is closed: only written requests arrive.
    closed_line = [
        index
        for index, day in enumerate(days)
        if emergency[index] < 0 and not calendar.is_working_day(day)
    ]
    written_only = dict.fromkeys(WRITTEN, 1.0)
    preferences: list[dict[str, float] | None] = [None] * len(days)
    classes = [1] * len(days)
    for index in closed_line:
        preferences[index], classes[index] = written_only, 0
    quotas = allot(len(days), CHANNEL_SHARES)
    return deal(quotas=quotas, preferences=preferences, order=_class_order(classes, rng), rng=rng)


def _by_emergency(
    shares: dict[str, float],
    preferences: tuple[dict[str, float] | None, ...],
    emergency: np.ndarray,
    rng: random.Random,
) -> list[str]:
    """Labels dealt to the exact shares, emergency cases first with their period's leanings."""
    per_case = [preferences[e] if e >= 0 else None for e in emergency.tolist()]
    classes = [0 if e >= 0 else 1 for e in emergency.tolist()]
    order = _class_order(classes, rng)
    return deal(quotas=allot(len(per_case), shares), preferences=per_case, order=order, rng=rng)


def _request_types(emergency: np.ndarray, rng: random.Random) -> list[str]:
    offers = {label: 1.0 for label in TYPE_SHARES} | {"offer": OFFER_PREFERENCE_IN_EMILIA}
    leaning = tuple(
        offers if index == EMILIA else None for index in range(len(calendar.EMERGENCIES))
    )
    return _by_emergency(TYPE_SHARES, leaning, emergency, rng)


def _requester_kinds(topic: list[str], rng: random.Random) -> list[str]:
    """Kinds dealt to the exact shares, leaning on each case's topic."""
    preferences = [
        {kind: 1.0 for kind in REQUESTER_SHARES} | lean
        if (lean := REQUESTER_BY_TOPIC.get(label))
        else None
        for label in topic
    ]
    classes = [0 if preference else 1 for preference in preferences]
    quotas = allot(len(topic), REQUESTER_SHARES)
    return deal(quotas=quotas, preferences=preferences, order=_class_order(classes, rng), rng=rng)


def _leanings(named: tuple[dict, ...], shares: dict[str, float]) -> tuple[dict, ...]:
    return tuple({label: 1.0 for label in shares} | dict(lean) for lean in named)


def _opening(volumes: dict, rng: np.random.Generator) -> tuple[list, np.ndarray]:
    days = [day for day, count in volumes.items() for _ in range(count)]
    emergency = np.array(
        [
            -1
            if (found := calendar.emergency_of(day)) is None
            else calendar.EMERGENCIES.index(found)
            for day in days
        ]
    )
    return days, emergency


def _codes(opened_local: list[datetime]) -> list[str]:
    # The main platform numbers cases in order of arrival, prefixed with the year they opened.
    return [f"CC-{moment.year}-{number:06d}" for number, moment in enumerate(opened_local, start=1)]


def build_year(*, seed: int, referents: list[people.Referent]) -> DemoYear:
    """The year's cases, the same for the same seed."""
    rng, pick = np.random.default_rng(seed), random.Random(seed)
    days, emergency = _opening(calendar.daily_volumes(rng), rng)
    channel = _channels(days, emergency, pick)
    opened_local = calendar.opening_times(
        days=np.array(days, dtype=object),
        by_phone=np.array([c == "phone" for c in channel]),
        emergency=emergency,
        rng=rng,
    )
    order = sorted(range(len(days)), key=opened_local.__getitem__)
    opened_local = [opened_local[i] for i in order]
    channel, emergency = [channel[i] for i in order], emergency[order]
    opened_at = [clock.as_utc(moment) for moment in opened_local]
    topic = _by_emergency(TOPIC_SHARES, _leanings(EMERGENCY_TOPICS, TOPIC_SHARES), emergency, pick)
    region = _by_emergency(
        REGION_SHARES, _leanings(EMERGENCY_REGIONS, REGION_SHARES), emergency, pick
    )
    request_type = _request_types(emergency, pick)
    requester_kind = _requester_kinds(topic, pick)
    contacts = [people.contact(c, pick) for c in channel]
    requests = handling.Requests(
        request_type=request_type,
        topic=topic,
        channel=channel,
        opened_at=opened_at,
        age_days=np.array([(YEAR_END - moment).days for moment in opened_at], dtype=np.float64),
        in_emergency=emergency >= 0,
    )
    handled = handling.handle(requests, referents=referents, year_end=YEAR_END, rng=rng, pick=pick)
    return DemoYear(
        code=_codes(opened_local),
        opened_at=opened_at,
        local_day=np.array([m.date() for m in opened_local], dtype="datetime64[D]"),
        emergency=emergency,
        channel=channel,
        request_type=request_type,
        topic=topic,
        region=[None if r == "unknown" else r for r in region],
        requester_kind=requester_kind,
        contact_email=[email for email, _ in contacts],
        contact_phone=[phone for _, phone in contacts],
        path=handled.path,
        status=handled.status,
        office=handled.office,
        referent=handled.referent,
        other_bodies=handled.other_bodies,
        closed_at=handled.closed_at,
    )


def import_rows(year: DemoYear) -> Iterator[tuple[int, dict[str, Any]]]:
    """The year as rows of the case import (`case_bridge.importing.import_rows`)."""
    columns = [getattr(year, name) for name in IMPORT_COLUMNS]
    for number, values in enumerate(zip(*columns, strict=True), start=1):
        row = zip(IMPORT_COLUMNS, values, strict=True)
        yield number, {name: value for name, value in row if value is not None}
