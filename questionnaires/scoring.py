"""Scoring of scales and the standard single-item indicators (CSAT, NPS, faces)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

from questionnaires.model import (
    FACES,
    Face,
    FacesItem,
    Item,
    LikertItem,
    NpsItem,
    NumberItem,
    Questionnaire,
    RatingItem,
    Scale,
    YesNoItem,
)

NpsCategory = Literal["detractor", "passive", "promoter"]

# With no `min_share`, SUS needs every item (Brooke 1996 gives no rule for gaps) and the
# other rules need at least half of their items.
DEFAULT_MIN_SHARE = {"sus": 1.0, "mean": 0.5, "sum": 0.5}


def faces_value(face: Face) -> int:
    """Return 1, 2 or 3 for a negative, neutral or positive face."""
    try:
        return FACES.index(face) + 1
    except ValueError:
        raise ValueError(f"not a face: {face!r}") from None


def face_for_value(value: int) -> Face:
    """Return the face for 1, 2 or 3 (the reverse of `faces_value`)."""
    if isinstance(value, bool) or value not in (1, 2, 3):
        raise ValueError(f"a face value is 1, 2 or 3, not {value!r}")
    return FACES[value - 1]


def nps_category(value: int) -> NpsCategory:
    """Return the NPS group of a 0–10 answer: detractor 0–6, passive 7–8, promoter 9–10."""
    if isinstance(value, bool) or value not in range(11):
        raise ValueError(f"an NPS answer is 0–10, not {value!r}")
    if value <= 6:
        return "detractor"
    return "passive" if value <= 8 else "promoter"


def csat_top2(value: int) -> bool:
    """Return True when a 1–5 satisfaction answer is in the top two boxes (4 or 5)."""
    if isinstance(value, bool) or value not in range(1, 6):
        raise ValueError(f"a CSAT answer is 1–5, not {value!r}")
    return value >= 4


def score_range(item: Item) -> tuple[float, float] | None:
    """Return the lowest and highest score of a scorable item, or None."""
    match item:
        case LikertItem():
            return (1, item.points)
        case RatingItem():
            return (1, 5)
        case FacesItem():
            return (1, 3)
        case NpsItem():
            return (0, 10)
        case YesNoItem():
            return (0, 1)
        case NumberItem() if item.min is not None and item.max is not None:
            return (item.min, item.max)
    return None


def item_score(item: Item, answer: object, *, reverse: bool | None = None) -> float:
    """Return the numeric score of a valid answer, reverse-coded when the item says so."""
    if isinstance(item, FacesItem):
        value = float(faces_value(answer))  # type: ignore[arg-type]  # a valid answer of a faces item is a Face
    elif isinstance(answer, bool):
        value = 1.0 if answer else 0.0
    elif isinstance(answer, int | float):
        value = float(answer)
    else:
        raise ValueError(f"item {item.code!r} has no numeric score for {answer!r}")
    if item.reverse if reverse is None else reverse:
        bounds = score_range(item)
        if bounds is None:
            raise ValueError(f"item {item.code!r} has no bounds to reverse its score")
        # On a 1..n scale this is n + 1 - v; on NPS 10 - v; on yes/no 1 - v.
        value = bounds[0] + bounds[1] - value
    return value


def score_scales(q: Questionnaire, answers: Mapping[str, object]) -> dict[str, float | None]:
    """Return the score of every scale; None where too few of its items are answered.

    `answers` must be validated (the output of `validate_answers` or `validate_partial`).
    """
    return {
        scale.name: _score_scale(scale, scale_item_scores(q, scale, answers)) for scale in q.scales
    }


def scale_item_scores(
    q: Questionnaire, scale: Scale, answers: Mapping[str, object]
) -> list[float | None]:
    """Return the score of each of the scale's items turned the scale's way; None if unanswered.

    An item marked `reverse` is turned round. A SUS scale turns round its even-numbered items
    instead: Brooke (1996) alternates positive (odd) and negative (even) wording, so that the
    items of a SUS scale point one way for its score and for Cronbach's alpha alike (its items
    may not carry `reverse`).
    """
    return [
        None
        if answers.get(item.code) is None
        else item_score(
            item, answers[item.code], reverse=position % 2 == 1 if scale.rule == "sus" else None
        )
        for position, item in enumerate(q.scale_items(scale.name))
    ]


def _score_scale(scale: Scale, item_scores: list[float | None]) -> float | None:
    answered = [score for score in item_scores if score is not None]
    members = len(item_scores)
    min_share = DEFAULT_MIN_SHARE[scale.rule] if scale.min_share is None else scale.min_share
    # Rounded before ceil so that 0.7 * 10 asks for 7 answers, not 8.
    if not members or len(answered) < math.ceil(round(min_share * members, 9)):
        return None
    if scale.rule == "sus":
        # Brooke 1996: each item contributes 0–4, v - 1 for a positively worded item and 5 - v
        # for a negatively worded one (turned round above: (6 - v) - 1); the sum of the ten
        # contributions times 2.5 spans 0–100.
        return sum(score - 1 for score in answered) / len(answered) * members * 2.5
    mean = sum(answered) / len(answered)
    # A sum with gaps is prorated (mean times the number of items) so that respondents who
    # skipped an item stay comparable with those who answered everything.
    return mean if scale.rule == "mean" else mean * members
