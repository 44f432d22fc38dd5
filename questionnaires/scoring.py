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
        value = float(faces_value(str(answer)))
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
        scale.name: _score_scale(scale, q.scale_items(scale.name), answers) for scale in q.scales
    }


def _score_scale(
    scale: Scale, members: tuple[Item, ...], answers: Mapping[str, object]
) -> float | None:
    answered = [
        (position, item, answers[item.code])
        for position, item in enumerate(members)
        if answers.get(item.code) is not None
    ]
    min_share = DEFAULT_MIN_SHARE[scale.rule] if scale.min_share is None else scale.min_share
    # Rounded before ceil so that 0.7 * 10 asks for 7 answers, not 8.
    if not members or len(answered) < math.ceil(round(min_share * len(members), 9)):
        return None
    if scale.rule == "sus":
        # Brooke 1996: odd-numbered items (positive wording) score v - 1, even-numbered items
        # (negative wording) 5 - v; the sum of the ten contributions times 2.5 spans 0–100.
        points = [item_score(item, value, reverse=False) for _, item, value in answered]
        contributions = [
            point - 1 if position % 2 == 0 else 5 - point
            for (position, _, _), point in zip(answered, points, strict=True)
        ]
        return sum(contributions) / len(answered) * len(members) * 2.5
    mean = sum(item_score(item, value) for _position, item, value in answered) / len(answered)
    # A sum with gaps is prorated (mean times the number of items) so that respondents who
    # skipped an item stay comparable with those who answered everything.
    return mean if scale.rule == "mean" else mean * len(members)
