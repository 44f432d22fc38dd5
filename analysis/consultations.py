"""A referent consultation's results as managers see them: the answers counted per choice, the
scales summarised, the offices and comments, every group under the threshold hidden.

The app reads the answers and scores each respondent with the questionnaire's rules
(`questionnaires.score_scales`, `questionnaires.scale_item_scores`); the statistics over
respondents are computed here.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import numpy as np

from analysis.referents import cronbach_alpha, score_summary
from analysis.results import Estimate
from analysis.suppression import Cell


class ChoiceCount(msgspec.Struct, kw_only=True):
    value: str
    label: str
    count: int


class ItemResult(msgspec.Struct, kw_only=True):
    code: str
    text: str
    answered: int
    distribution: list[ChoiceCount]


class ScaleResult(msgspec.Struct, kw_only=True):
    scale: str
    title: str
    mean: Estimate
    sd: float | None
    alpha: Estimate | None


class OfficeResult(msgspec.Struct, kw_only=True):
    office: Cell
    scales: list[ScaleResult]


class ConsultationResults(msgspec.Struct, kw_only=True):
    """Results; `shown` False (and nothing else filled) below the threshold."""

    consultation_id: int
    title: str
    threshold: int
    shown: bool
    answers: int | None
    note: str | None
    items: list[ItemResult]
    scales: list[ScaleResult]
    offices: list[OfficeResult]
    comments: list[str]


def choice_counts(given: Sequence[str], choices: Sequence[tuple[str, str]]) -> list[ChoiceCount]:
    """How many times each (value, label) choice was given; `given` holds one value per tick."""
    return [
        ChoiceCount(value=value, label=label, count=given.count(value)) for value, label in choices
    ]


def scale_result(*, scale: str, title: str, scores: np.ndarray, items: np.ndarray) -> ScaleResult:
    """A scale over its respondents: the mean of their scores with its t interval, the sd, and
    Cronbach's alpha of its items (respondents x items, each turned the scale's way, NaN where
    unanswered); no alpha for a scale of one item."""
    mean, sd = score_summary(scores)
    alpha = cronbach_alpha(items) if items.shape[1] > 1 else None
    return ScaleResult(scale=scale, title=title, mean=mean, sd=sd, alpha=alpha)
