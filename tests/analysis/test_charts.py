import xml.etree.ElementTree as ET

import pytest

from analysis import analyse_feedback, simulate_feedback
from analysis.charts import (
    LikertItem,
    likert_diverging,
    monthly_trend_chart,
    response_rate_chart,
    satisfaction_by_group,
    score_by_time_to_close,
)
from analysis.trend import monthly_trend


@pytest.fixture(scope="module")
def data():
    columns = simulate_feedback(6_000, seed=5)
    return columns, analyse_feedback(columns)


def _check(chart, *labels):
    svg = chart.svg()
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    for text in (chart.title, *labels):
        assert text.replace("&", "&amp;") in svg, text
    assert chart.png().startswith(b"\x89PNG")


def test_path_chart_states_finding(data):
    _, analysis = data
    chart = satisfaction_by_group(analysis.by_path)
    assert chart.title.startswith("Back Office cases score") and "lower" in chart.title
    _check(chart, "CSAT: answers scoring 4 or 5 (%)", "resolution path")


def test_channel_response_trend_and_time_charts(data):
    columns, analysis = data
    _check(satisfaction_by_group(analysis.by_factor[0]), "channel")
    _check(response_rate_chart(analysis.response_by_channel), "response rate (%)")
    _check(monthly_trend_chart(monthly_trend(columns)), "month the case was closed", "emergency")
    _check(score_by_time_to_close(analysis.time_to_close), "mean satisfaction (1-5)")


def test_likert_hides_small_items():
    items = [LikertItem("clear procedures", [1, 2, 3, 6, 8]), LikertItem("tools", [0, 1, 1, 0, 0])]
    chart = likert_diverging(items)
    _check(chart, "clear procedures", "fewer than 5 answers", "share of answers")
