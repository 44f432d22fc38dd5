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
