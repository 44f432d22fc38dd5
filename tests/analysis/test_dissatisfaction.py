"""Drivers of dissatisfaction and the offices' funnel plot, on answers built to known figures."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.columns import FeedbackColumns
from analysis.dissatisfaction import satisfaction_drivers
from analysis.funnel import Z_95, Z_998, office_funnel


def _columns(rows: list[tuple[float, str, float, str]]) -> FeedbackColumns:
    """One answered, closed case per (satisfaction, resolved, effort, office)."""
    n = len(rows)
    when = np.datetime64("2012-03-01T10:00:00", "s")
    return FeedbackColumns.from_arrays(
        case_id=np.arange(n),
        channel=["phone"] * n,
        request_type=["information"] * n,
        topic=["volontariato"] * n,
        region=["lazio"] * n,
        resolution_path=["back_office" if row[3] else "front_office" for row in rows],
        office=[row[3] for row in rows],
        opened_at=[when] * n,
        closed_at=[when + np.timedelta64(1, "D")] * n,
        in_emergency=[False] * n,
        answered=[True] * n,
        collection_channel=["email_link"] * n,
        satisfaction=[row[0] for row in rows],
        resolved=[row[1] for row in rows],
        effort=[row[2] for row in rows],
        recommend=[None] * n,
    )


def _answers(count: int, unhappy: int, resolved: str, effort: float, office: str = ""):
    return [(2.0, resolved, effort, office)] * unhappy + [(5.0, resolved, effort, office)] * (
        count - unhappy
    )


def test_each_level_explains_the_dissatisfied_answers_beyond_the_reference_rate():
    # Resolved: 100 answers, 10 scoring 1-3; partly: 50 with 20; not resolved: 50 with 30.
    columns = _columns(
        _answers(100, 10, "yes", 6.0)
        + _answers(50, 20, "partly", 4.0)
        + _answers(50, 30, "no", 2.0)
    )
    resolved, effort = satisfaction_drivers(columns)
    assert resolved.reference == "yes" and resolved.dissatisfied == 60 and resolved.answers == 200
    levels = {level.level: level for level in resolved.levels}
    assert levels["yes"].explained is None and levels["yes"].csat.estimate == pytest.approx(0.9)
    # 30 dissatisfied where 50 x 10 % = 5 were expected: 25 of the 60.
    assert levels["no"].explained == pytest.approx(25 / 60)
    assert levels["partly"].explained == pytest.approx(15 / 60)
    assert levels["no"].csat.estimate == pytest.approx(0.4) and levels["no"].dissatisfied == 30
    assert resolved.largest().level == "no"
    # Effort bands follow the answers: 6 easy, 4 neither, 2 hard.
    bands = {level.level: level for level in effort.levels}
    assert bands["effort_easy"].n == 100 and bands["effort_hard"].n == 50
    assert bands["effort_hard"].explained == pytest.approx(25 / 60)


def test_a_small_level_never_is_the_largest():
    columns = _columns(_answers(100, 10, "yes", 6.0) + _answers(20, 20, "no", 2.0))
    resolved, _ = satisfaction_drivers(columns)
    no = next(level for level in resolved.levels if level.level == "no")
    assert no.small_group and no.explained > 0.5
    assert resolved.largest() is None


def test_the_funnel_flags_offices_outside_the_limits_and_leaves_small_ones_out():
    columns = _columns(
        _answers(100, 20, "yes", 6.0, "relazioni")  # CSAT 80 %
        + _answers(100, 80, "yes", 6.0, "rischi")  # CSAT 20 %
        + _answers(64, 32, "yes", 6.0, "volontariato")  # CSAT 50 %
        + _answers(4, 4, "yes", 6.0, "legale")  # under the threshold of 5
        + _answers(30, 0, "yes", 6.0, "")  # Front Office: no office
    )
    funnel = office_funnel(columns)
    centre = (80 + 20 + 32) / 264
    assert funnel.centre == pytest.approx(centre) and funnel.hidden == 1
    offices = {office.office: office for office in funnel.offices}
    assert set(offices) == {"relazioni", "rischi", "volontariato"}
    spread = math.sqrt(centre * (1 - centre) / 100)
    assert centre + Z_998 * spread < 0.8 and centre - Z_998 * spread > 0.2
    assert offices["relazioni"].outside_998 and offices["rischi"].outside_998
    middle = offices["volontariato"]
    assert abs(0.5 - centre) < Z_95 * math.sqrt(centre * (1 - centre) / 64)
    assert not middle.outside_95 and not middle.outside_998
    low, high = funnel.limits(np.array([100]), Z_95)
    assert low[0] == pytest.approx(centre - Z_95 * spread)
    assert high[0] == pytest.approx(centre + Z_95 * spread)
