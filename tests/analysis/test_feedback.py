import msgspec
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import FeedbackColumns, analyse_feedback, simulate_feedback
from analysis.results import NOT_ENOUGH_DATA


def _records():
    rows = []
    for i, (path, channel, score) in enumerate(
        [
            ("front_office", "phone", 5),
            ("front_office", "phone", 4),
            ("back_office", "email", 2),
            ("back_office", "phone", 3),
            ("front_office", "web_form", 5),
            ("open", "fax", None),
            ("front_office", "phone", None),
            ("back_office", "email", 1),
        ]
    ):
        rows.append(
            {
                "case_id": i + 1,
                "channel": channel,
                "request_type": "information",
                "resolution_path": path,
                "office": "legal" if path == "back_office" else "",
                "opened_at": "2012-05-29T10:00:00",
                "closed_at": None if path == "open" else f"2012-06-{1 + i:02d}T09:00:00",
                "satisfaction": score,
                "resolved": "yes" if score and score >= 4 else ("no" if score else ""),
                "recommend": None if score is None else 2 * score,
                "effort": score,
                "collection_channel": "email_link" if score else "",
            }
        )
    return rows


def test_from_records_and_days_to_close():
    columns = FeedbackColumns.from_records(_records())
    assert len(columns) == 8
    assert columns.days_to_close[0] == 3  # 29 May -> 1 June
    assert np.isnan(columns.days_to_close[5])
    assert columns.answered.tolist() == [True] * 5 + [False, False, True]
    assert columns.channel.values()[2] == "email"


def test_small_analysis_by_hand():
    analysis = analyse_feedback(FeedbackColumns.from_records(_records()))
    assert analysis.answers == 6
    assert analysis.overview.csat.estimate == pytest.approx(3 / 6)
    assert analysis.overview.response_rate.estimate == pytest.approx(6 / 7)
    front, back = analysis.by_path.groups
    assert (front.n, back.n) == (3, 3) and front.small_group
    u = stats.mannwhitneyu([5, 4, 5], [2, 3, 1], method="asymptotic")
    assert analysis.by_path.test.p_value == pytest.approx(u.pvalue)
    assert msgspec.json.encode(analysis)  # serialisable, no NaN


def test_group_metrics_match_pandas_groupby():
    columns = simulate_feedback(30_000, seed=11)
    analysis = analyse_feedback(columns)
    frame = pd.DataFrame({"channel": columns.channel.values(), "score": columns.satisfaction})
    expected = frame.dropna().groupby("channel")["score"].agg(["mean", "size"])
    channel = next(c for c in analysis.by_factor if c.factor == "channel")
    for group in channel.groups:
        assert group.mean.estimate == pytest.approx(expected.loc[group.group, "mean"], rel=1e-12)
        assert group.n == expected.loc[group.group, "size"]
    names = [member.name for member in analysis.family]
    assert names[0] == "resolution_path" and "response_by_channel" in names
    assert all(m.q_value >= m.p_value for m in analysis.family)


def test_empty_input_is_not_enough_data():
    empty = FeedbackColumns.from_records([])
    analysis = analyse_feedback(empty)
    assert analysis.overview.csat.status == NOT_ENOUGH_DATA
    assert analysis.by_path.test.status == NOT_ENOUGH_DATA
    assert analysis.model.fit.status == NOT_ENOUGH_DATA
    assert analysis.family == ()
    msgspec.json.encode(analysis)


def test_all_equal_scores_do_not_crash():
    records = [dict(r, satisfaction=4 if r["satisfaction"] else None) for r in _records()]
    analysis = analyse_feedback(FeedbackColumns.from_records(records))
    assert analysis.by_path.test.status == NOT_ENOUGH_DATA
    assert analysis.overview.csat.estimate == 1.0
    assert analysis.model.fit.status == NOT_ENOUGH_DATA


def test_unequal_column_lengths_are_refused():
    columns = simulate_feedback(10)
    fields = {k: v for k, v in columns.__dict__.items() if k != "days_to_close"}
    with pytest.raises(ValueError, match="rows"):
        FeedbackColumns(**{**fields, "satisfaction": np.ones(3)})
