import numpy as np
import pytest

from analysis import ReferentColumns, simulate_feedback
from analysis.metrics import csat_top2
from analysis.offices import offices_side_by_side


def _referents(offices):
    rng = np.random.default_rng(0)
    answers = rng.integers(1, 6, (len(offices), 3)).astype(float)
    return ReferentColumns(
        answers=answers,
        item_codes=("s1", "s2", "s3"),
        reverse=np.array([False, False, True]),
        scale=("overall_satisfaction",) * 3,
        office=np.array(offices),
    )


def test_referent_side_hidden_below_threshold():
    feedback = simulate_feedback(3_000, seed=9)
    referents = _referents(["legal"] * 6 + ["hydro_risk"] * 2)
    rows = {row.office: row for row in offices_side_by_side(feedback, referents)}
    assert rows["legal"].referents_shown and rows["legal"].referents == 6
    hidden = rows["hydro_risk"]
    assert not hidden.referents_shown and hidden.referents_mean is None and hidden.referents == 0
    assert hidden.referents_reason == "fewer than 5 answers"
    back = feedback.resolution_path.codes == feedback.resolution_path.code("back_office")
    mine = back & (feedback.office.values() == "legal")
    assert rows["legal"].citizens_csat == csat_top2(feedback.satisfaction[mine])


def test_threshold_below_three_refused():
    with pytest.raises(ValueError):
        offices_side_by_side(simulate_feedback(100), _referents(["legal"] * 5), threshold=2)


def test_groups_side_by_side_follow_each_sides_threshold_with_complementary_suppression():
    from analysis.offices import groups_side_by_side

    referents = ["a"] * 6 + ["b"] * 5 + ["c"] * 7
    scores = np.array([4.0] * 6 + [2.0] * 5 + [3.0] * 7)
    favourable = (scores >= 4).astype(float)
    # Citizens: a 8 answers, b 3 (under 5), c 9; one blank cell alone would be the total
    # minus the others, so the smaller of a and c is blank too.
    citizens = ["a"] * 8 + ["b"] * 3 + ["c"] * 9
    satisfaction = np.array([5.0] * 8 + [1.0] * 3 + [4.0, 2.0] * 4 + [3.0])
    rows = {
        row.group: row
        for row in groups_side_by_side(
            referents, scores, favourable, citizens, satisfaction, referent_threshold=5
        )
    }
    assert rows["a"].referents == 6 and rows["a"].referents_favourable.estimate == 1.0
    assert rows["b"].referents_mean.estimate == 2.0
    assert rows["b"].citizens is None and rows["b"].citizens_reason == "below_threshold"
    assert rows["a"].citizens is None and rows["a"].citizens_reason == "complementary"
    assert rows["c"].citizens == 9 and rows["c"].citizens_csat.estimate == 4 / 9
    # A referents' group under k is blank on its side only.
    rows = groups_side_by_side(
        ["a"] * 6 + ["b"] * 2 + ["c"] * 6,
        np.full(14, 3.0),
        np.zeros(14),
        [],
        np.array([]),
        referent_threshold=5,
    )
    assert [row.referents_reason for row in rows] == ["complementary", "below_threshold", "shown"]
