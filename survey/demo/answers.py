"""Citizens' answers to the demo year's closed cases, drawn from the latent model of
`survey.demo.effects`."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from questionnaires import Questionnaire, validate_answers
from survey.demo import effects
from survey.demo.cases import DemoYear

LINKS = ("email_link", "web_link")
# Optional items answered through a link (assumed): most people answer the short ones.
ANSWERED_SHARE = {"reason": 0.7, "resolved": 0.95, "effort": 0.85, "recommend": 0.8}
COMMENT_SHARE = 0.09
# Written comments (made up, in Italian, with nothing personal), by how the case went.
COMMENTS = {
    "high": (
        "Operatore gentile e preparato, risposta chiara in pochi minuti.",
        "Servizio utile, finalmente un numero a cui rispondono subito.",
        "Informazioni precise sul volontariato, grazie.",
        "Grazie per la pazienza e la disponibilità durante l'emergenza.",
        "Risposta completa e cortese, ho capito cosa fare.",
    ),
    "middle": (
        "Risposta corretta, ma ho dovuto richiamare due volte.",
        "Utile, però l'orario del numero verde è limitato.",
        "Sarebbe utile ricevere aggiornamenti sullo stato della pratica.",
        "Gentili, ma la risposta è arrivata dopo diversi giorni.",
    ),
    "low": (
        "Ho atteso settimane senza notizie sull'attestato di benemerenza.",
        "La risposta non ha risolto il mio problema.",
        "Durante il terremoto la linea era sempre occupata.",
        "Mi hanno rimandato a un altro ente senza indicazioni precise.",
        "Tempi troppo lunghi per una semplice informazione.",
    ),
}


@dataclass(frozen=True)
class Answer:
    """A case's answer: every revision in order (submitted at, answers); the last is current."""

    case: int  # index into the DemoYear
    collection_channel: str
    revisions: tuple[tuple[datetime, dict[str, object]], ...]


def collection_channels(year: DemoYear, rng: np.random.Generator) -> list[str | None]:
    """How each closed case's answer reached us, None when the citizen did not answer."""
    draws = rng.random(len(year))
    chosen: list[str | None] = []
    for index, channel in enumerate(year.channel):
        found, cumulative = None, 0.0
        if year.closed_at[index] is not None:
            for collection, rate in effects.RESPONSE_RATES[channel].items():
                cumulative += rate
                if draws[index] < cumulative:
                    found = collection
                    break
        chosen.append(found)
    return chosen


def latent_satisfaction(year: DemoYear, cases: list[int], rng: np.random.Generator) -> np.ndarray:
    """y* of the given cases: the stated effects plus logistic noise."""
    days = year.days_to_close()
    systematic = np.array(
        [
            effects.linear_predictor(
                back_office=year.path[i] == "back_office",
                log_days=math.log1p(days[i]),
                emergency=bool(year.emergency[i] >= 0),
                request_type=year.request_type[i],
                channel=year.channel[i],
                other_bodies=bool(year.other_bodies[i]),
                requester_kind=year.requester_kind[i],
            )
            for i in cases
        ]
    )
    return systematic + rng.logistic(size=len(cases))


def _score(latent: float) -> int:
    return 1 + sum(latent > cut for cut in effects.THRESHOLDS)


def _resolved(latent: float, back_office: bool, rng: np.random.Generator) -> str:
    z = latent + effects.RESOLVED_BACK_OFFICE * back_office + rng.normal(0, effects.RESOLVED_NOISE)
    no, partly = effects.RESOLVED_CUTS
    return "no" if z < no else "partly" if z < partly else "yes"


def _on_scale(centre: float, slope: float, noise: float, latent: float, top: int, rng) -> int:
    value = round(centre + slope * latent + rng.normal(0, noise))
    return int(min(max(value, 0 if top == 10 else 1), top))


def _reason(satisfaction: int, resolved: str, days: float, emergency: bool, pick) -> dict:
    """What was liked (score 4-5) or where it got hard (1-3), leaning on how the case went."""
    if satisfaction >= 4:
        liked = {"clarity": 3, "speed": 3 if days == 0 else 1, "courtesy": 3, "completeness": 2}
        return {"liked": pick.choices([*liked, "other"], [*liked.values(), 0.5])[0]}
    hard = {
        "unclear_answer": 2,
        "long_wait": 4 if days >= 3 else 1,
        "hard_to_reach": 3 if emergency else 1,
        "incomplete_answer": 4 if resolved != "yes" else 1,
    }
    return {"difficulty": pick.choices([*hard, "other"], [*hard.values(), 0.5])[0]}


def _comment(satisfaction: int, pick: random.Random) -> str:
    band = "high" if satisfaction >= 4 else "middle" if satisfaction == 3 else "low"
    return pick.choice(COMMENTS[band])


def _items(latent: float, collection: str, case: dict, rng, pick: random.Random) -> dict:
    """One citizen's answers: the IVR asks two questions, the operator four, a link all."""
    satisfaction = _score(latent)
    answers: dict[str, object] = {
        "satisfaction": satisfaction,
        "resolved": _resolved(latent, case["back_office"], rng),
    }
    if collection == "ivr":
        return answers
    answers["effort"] = _on_scale(
        effects.EFFORT_AT_ZERO, effects.EFFORT_SLOPE, effects.EFFORT_NOISE, latent, 7, rng
    )
    answers["recommend"] = _on_scale(
        effects.RECOMMEND_AT_ZERO, effects.RECOMMEND_SLOPE, effects.RECOMMEND_NOISE, latent, 10, rng
    )
    if collection == "operator":
        return answers
    for item in ("resolved", "effort", "recommend"):
        if pick.random() > ANSWERED_SHARE[item]:
            del answers[item]
    if pick.random() < ANSWERED_SHARE["reason"]:
        resolved = str(answers.get("resolved", "yes"))
        answers |= _reason(satisfaction, resolved, case["days"], case["emergency"], pick)
    if pick.random() < COMMENT_SHARE:
        answers["comment"] = _comment(satisfaction, pick)
    return answers


def _revised(final: dict[str, object], pick: random.Random) -> dict[str, object]:
    """An earlier answer the citizen then changed: one point off, no reason, no comment yet."""
    score = final["satisfaction"]
    assert isinstance(score, int)
    earlier = score + pick.choice([-1, 1]) if 1 < score < 5 else (2 if score == 1 else 4)
    keep = {k: v for k, v in final.items() if k not in {"liked", "difficulty", "comment"}}
    return keep | {"satisfaction": earlier}


def _delay(collection: str, rng: np.random.Generator) -> timedelta:
    # The IVR and the operator ask at the end of the call; a link is opened hours or days later
    # (an invitation stays valid 30 days).
    if collection in {"ivr", "operator"}:
        return timedelta(seconds=int(rng.integers(30, 300)))
    median_hours = 18.0 if collection == "email_link" else 1.0
    return timedelta(hours=min(float(rng.lognormal(math.log(median_hours), 1.2)), 29 * 24.0))


def _revisions(answers, collection, closed_at, questionnaire, rng, pick) -> tuple:
    first_at = (closed_at + _delay(collection, rng)).replace(microsecond=0)
    final = validate_answers(questionnaire, answers)
    if collection not in LINKS or pick.random() >= effects.EDITED_SHARE:
        return ((first_at, final),)
    # Changed within the edit window (7 days by default).
    hours = min(float(rng.lognormal(math.log(20.0), 1.0)), 6 * 24.0)
    edited_at = first_at + timedelta(seconds=int(hours * 3600))
    return ((first_at, validate_answers(questionnaire, _revised(final, pick))), (edited_at, final))


def generate_answers(
    year: DemoYear, *, questionnaire: Questionnaire, rng: np.random.Generator, pick: random.Random
) -> list[Answer]:
    """The answers of the citizens who answered, each checked against the questionnaire."""
    collections = collection_channels(year, rng)
    answered = [index for index, found in enumerate(collections) if found is not None]
    latent = latent_satisfaction(year, answered, rng)
    days = year.days_to_close()
    result = []
    for index, y_star in zip(answered, latent.tolist(), strict=True):
        collection = str(collections[index])
        case = {
            "back_office": year.path[index] == "back_office",
            "days": float(days[index]),
            "emergency": bool(year.emergency[index] >= 0),
        }
        answers = _items(y_star, collection, case, rng, pick)
        closed_at = year.closed_at[index]
        assert closed_at is not None
        revisions = _revisions(answers, collection, closed_at, questionnaire, rng, pick)
        result.append(Answer(index, collection, revisions))
    return result
