"""The weekly EWMA chart of CSAT: silent on steady weeks, signalling a known shift soon after it
starts and in its direction, with the exact variance of the weeks' own numbers of answers."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from analysis.columns import FeedbackColumns
from analysis.trend import EWMA_L, EWMA_LAMBDA, weekly_ewma

FIRST_MONDAY = date(2012, 1, 2)


def _weeks(happy_per_week: list[int], answers: int = 40, seed: int | None = None):
    """`answers` answers closed each week (Tuesdays), `happy_per_week[w]` of them scoring 5."""
    scores, closed = [], []
    for week, happy in enumerate(happy_per_week):
        day = np.datetime64(FIRST_MONDAY + timedelta(days=7 * week + 1), "s")
        scores += [5.0] * happy + [2.0] * (answers - happy)
        closed += [day] * answers
    if seed is not None:  # each answer satisfied with the week's share, by chance
        rng = np.random.default_rng(seed)
        share = np.repeat(np.array(happy_per_week) / answers, answers)
        scores = list(np.where(rng.random(share.size) < share, 5.0, 2.0))
    n = len(scores)
    return FeedbackColumns.from_arrays(
        case_id=np.arange(n),
        channel=["phone"] * n,
        request_type=["information"] * n,
        topic=["volontariato"] * n,
        region=["lazio"] * n,
        resolution_path=["front_office"] * n,
        office=[""] * n,
        opened_at=closed,
        closed_at=closed,
        in_emergency=[False] * n,
        answered=[True] * n,
        collection_channel=["email_link"] * n,
        satisfaction=scores,
        resolved=["yes"] * n,
        effort=[None] * n,
        recommend=[None] * n,
    )


def test_steady_weeks_give_no_signal():
    ewma = weekly_ewma(_weeks([30] * 52, seed=3))  # 75 % every week, answers drawn at random
    assert len(ewma.weeks) == 52 and ewma.signals == ()
    assert ewma.weeks[0] == "2012-01-02"  # weeks start on Monday
    assert (ewma.smoothing, ewma.width) == (EWMA_LAMBDA, EWMA_L)


def test_a_drop_is_signalled_within_weeks_of_its_start_and_not_before():
    # 75 % for 40 weeks, then 55 % for 12 weeks: the shift starts in week 40.
    happy = [30] * 40 + [22] * 12
    ewma = weekly_ewma(_weeks(happy))
    centre = (30 * 40 + 22 * 12) / (40 * 52)
    assert ewma.centre == pytest.approx(centre)
    first = date.fromisoformat(ewma.signals[0])
    shift = FIRST_MONDAY + timedelta(weeks=40)
    assert shift <= first <= shift + timedelta(weeks=3)
    assert ewma.low_signals == ewma.signals  # every signal is a fall
    assert ewma.signals[-1] == ewma.weeks[-1]  # and it lasts while the shift does
    # The EWMA by hand at the shift's first week, and its exact limit.
    z, variance = centre, 0.0
    for week in range(41):
        z = EWMA_LAMBDA * happy[week] / 40 + (1 - EWMA_LAMBDA) * z
        variance = (1 - EWMA_LAMBDA) ** 2 * variance + EWMA_LAMBDA**2 * centre * (1 - centre) / 40
    assert ewma.ewma[40] == pytest.approx(z)
    assert ewma.lower_limit[40] == pytest.approx(centre - EWMA_L * variance**0.5)


def test_a_rise_is_signalled_as_a_rise():
    ewma = weekly_ewma(_weeks([24] * 40 + [36] * 12))
    assert ewma.signals and ewma.low_signals == ()
    assert date.fromisoformat(ewma.signals[0]) >= FIRST_MONDAY + timedelta(weeks=40)


def test_no_answers_no_chart():
    ewma = weekly_ewma(_weeks([]))
    assert ewma.weeks == () and ewma.centre is None and ewma.signals == ()
