"""How the demo year's cases were handled: Front or Back Office or still open, which office
and referent, and when each closed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from survey.demo import people
from survey.demo.shares import (
    BODIES_BY_TOPIC,
    OTHER_BODIES_BY_TYPE,
    OTHER_BODIES_IN_EMERGENCY,
    OTHER_BODIES_SHARE,
    PATH_SHARES,
    TWO_BODIES_SHARE,
    allot,
)

# Which requests go to Back Office (assumed): an intervention or a complaint usually needs an
# office; certificates of merit and tenders need the administration's records; a formal PEC
# or letter asks for a formal answer.
BACK_OFFICE_BY_TYPE = {
    "information": 0.8,
    "report": 2.0,
    "intervention": 3.0,
    "complaint": 2.5,
    "compliment": 0.2,
    "offer": 2.0,
    "other": 0.8,
}
BACK_OFFICE_BY_TOPIC = {"attestati_benemerenza": 2.0, "lavoro_e_bandi": 1.5, "volontariato": 1.2}
BACK_OFFICE_BY_CHANNEL = {"pec": 2.0, "letter": 1.8, "fax": 1.5, "email": 1.3, "web_form": 1.2}
# Cases still open a year on are mostly recent: their weight halves every ~4 weeks of age.
OPEN_AGE_SCALE_DAYS = 40.0

# The office that answers each topic at Back Office (offices of people.OFFICES).
OFFICE_BY_TOPIC = {
    "volontariato": {"volontariato": 1.0},
    "attestati_benemerenza": {"volontariato": 0.6, "amministrazione": 0.4},
    "emergenze_in_corso": {"emergenze": 1.0},
    "rischio_sismico": {"rischio_sismico": 0.8, "emergenze": 0.2},
    "allerte_meteo": {"rischio_idro": 0.7, "emergenze": 0.3},
    "rischio_idrogeologico": {"rischio_idro": 1.0},
    "piani_protezione_civile": {
        "emergenze": 0.5,
        "formazione": 0.3,
        "relazioni_istituzionali": 0.2,
    },
    "lavoro_e_bandi": {"amministrazione": 1.0},
    "stampa": {"comunicazione": 1.0},
    "altro": {"comunicazione": 0.4, "relazioni_istituzionali": 0.3, "formazione": 0.3},
}
# Median days a Back Office case takes, by office (assumed): records and other bodies slow the
# administration and the institutional relations; emergencies and the press answer fastest.
OFFICE_MEDIAN_DAYS = {
    "emergenze": 5.0,
    "volontariato": 7.0,
    "rischio_sismico": 10.0,
    "rischio_idro": 8.0,
    "comunicazione": 4.0,
    "formazione": 9.0,
    "relazioni_istituzionali": 14.0,
    "amministrazione": 18.0,
}
EMERGENCY_BACKLOG = 1.3  # Back Office answers take longer while an emergency lasts
OTHER_BODIES_DELAY = 1.6  # waiting on another body's answer makes a case take longer
# Front Office: a phone call is answered in the call (minutes), a written request within hours.
PHONE_MEDIAN_MINUTES, WRITTEN_MEDIAN_HOURS = 6.0, 5.0


# A case opened in the last days of the year may not yet be taken up by an office.
NOT_YET_ESCALATED_DAYS, NOT_YET_ESCALATED_SHARE = 4, 0.5


@dataclass(frozen=True)
class Requests:
    """What the handling depends on, one entry per case."""

    request_type: list[str]
    topic: list[str]
    channel: list[str]
    opened_at: list[datetime]  # UTC
    age_days: np.ndarray  # whole days from opening to the end of the year
    in_emergency: np.ndarray


@dataclass(frozen=True)
class Handling:
    path: list[str]
    status: list[str]
    office: list[str | None]
    referent: list[str | None]
    other_bodies: list[list[str]]
    closed_at: list[datetime | None]


def _pick(n: int, weights: np.ndarray, allowed: np.ndarray, rng: np.random.Generator):
    weights = np.where(allowed, weights, 0.0)
    return rng.choice(weights.size, size=n, replace=False, p=weights / weights.sum())


def resolution_paths(requests: Requests, rng: np.random.Generator) -> list[str]:
    """Each case's path, the dossier's shares exactly: open ones picked first, mostly recent."""
    n = len(requests.topic)
    counts = allot(n, PATH_SHARES)
    back_office_weight = np.array(
        [
            BACK_OFFICE_BY_TYPE[kind]
            * BACK_OFFICE_BY_TOPIC.get(topic, 1.0)
            * BACK_OFFICE_BY_CHANNEL.get(channel, 1.0)
            for kind, topic, channel in zip(
                requests.request_type, requests.topic, requests.channel, strict=True
            )
        ]
    )
    free = np.ones(n, dtype=bool)
    recent = np.exp(-requests.age_days / OPEN_AGE_SCALE_DAYS)
    paths = np.full(n, "front_office", dtype=object)
    for path, weights in (
        ("open", recent * back_office_weight),
        ("back_office", back_office_weight),
    ):
        chosen = _pick(counts[path], weights, free, rng)
        paths[chosen], free[chosen] = path, False
    return paths.tolist()


def _office_for(topic: str, request_type: str, rng: random.Random) -> str:
    if request_type == "offer":  # offers of goods go to the emergency and volunteering offices
        return rng.choices(("emergenze", "volontariato"), (0.6, 0.4))[0]
    options = OFFICE_BY_TOPIC[topic]
    return rng.choices(list(options), list(options.values()))[0]


def coordinated_bodies(
    requests: Requests, escalated: list[bool], pick: random.Random
) -> list[list[str]]:
    """The other bodies of each case: OTHER_BODIES_SHARE of the escalated ones exactly, leaning
    on type and emergencies, the bodies by topic; none for the rest."""
    weights = np.array(
        [
            float(up)
            * OTHER_BODIES_BY_TYPE.get(kind, 1.0)
            * (OTHER_BODIES_IN_EMERGENCY if emergency else 1.0)
            for up, kind, emergency in zip(
                escalated, requests.request_type, requests.in_emergency, strict=True
            )
        ]
    )
    count = round(OTHER_BODIES_SHARE * sum(escalated))
    rng = np.random.default_rng(pick.getrandbits(64))
    chosen = set(_pick(count, weights, weights > 0, rng).tolist()) if count else set()
    bodies: list[list[str]] = []
    for index, topic in enumerate(requests.topic):
        if index not in chosen:
            bodies.append([])
            continue
        options = BODIES_BY_TOPIC[topic]
        wanted = 2 if len(options) > 1 and pick.random() < TWO_BODIES_SHARE else 1
        found: set[str] = set()
        while len(found) < wanted:
            found.add(pick.choices(list(options), list(options.values()))[0])
        bodies.append(sorted(found))
    return bodies


def _closing(
    path: str, channel: str, office: str | None, emergency: bool, rng: np.random.Generator
) -> timedelta:
    if path == "front_office" and channel == "phone":
        return timedelta(minutes=float(rng.lognormal(np.log(PHONE_MEDIAN_MINUTES), 0.7)))
    if path == "front_office":
        hours = min(float(rng.lognormal(np.log(WRITTEN_MEDIAN_HOURS), 1.0)), 96.0)
        return timedelta(hours=hours)
    median = OFFICE_MEDIAN_DAYS[office or "emergenze"] * (EMERGENCY_BACKLOG if emergency else 1.0)
    return timedelta(days=float(np.clip(rng.lognormal(np.log(median), 0.8), 0.25, 180.0)))


def _escalated(path: str, age_days: float, pick: random.Random) -> bool:
    if path != "open":
        return path == "back_office"
    return not (age_days < NOT_YET_ESCALATED_DAYS and pick.random() < NOT_YET_ESCALATED_SHARE)


def handle(
    requests: Requests,
    *,
    referents: list[people.Referent],
    year_end: datetime,
    rng: np.random.Generator,
    pick: random.Random,
) -> Handling:
    """Paths, offices, referents, other bodies and closing times of the year's cases."""
    by_office: dict[str, list[str]] = {}
    for referent in referents:
        by_office.setdefault(referent.office, []).append(referent.email)
    paths = resolution_paths(requests, rng)
    escalated = [
        _escalated(path, float(age), pick)
        for path, age in zip(paths, requests.age_days, strict=True)
    ]
    offices = [
        _office_for(topic, kind, pick) if up else None
        for up, topic, kind in zip(escalated, requests.topic, requests.request_type, strict=True)
    ]
    bodies = coordinated_bodies(requests, escalated, pick)
    handling = Handling(paths, [], offices, [], bodies, [])
    for index, path in enumerate(paths):
        office, closed_at = offices[index], None
        if path != "open":
            opened, channel = requests.opened_at[index], requests.channel[index]
            delay = _closing(path, channel, office, bool(requests.in_emergency[index]), rng)
            if bodies[index]:
                delay *= OTHER_BODIES_DELAY
            latest = year_end - timedelta(minutes=1)
            closed_at = max(opened, min(opened + delay, latest).replace(microsecond=0))
        handling.status.append(
            "closed" if path != "open" else ("back_office" if escalated[index] else "open")
        )
        handling.referent.append(pick.choice(by_office[office]) if office else None)
        handling.closed_at.append(closed_at)
    return handling
