import numpy as np
import pytest

from analysis.suppression import (
    BELOW_THRESHOLD,
    COMPLEMENTARY,
    SHOWN,
    comments_visibility,
    response_rate_visibility,
    suppress_breakdown,
    suppress_crosstab,
)


def test_threshold_below_three_is_refused():
    with pytest.raises(ValueError, match="at least 3"):
        suppress_breakdown({"a": 10}, threshold=2)


def test_breakdown_single_small_cell_gets_a_complement():
    result = suppress_breakdown({"a": 12, "b": 3, "c": 8, "d": 20})
    reasons = {cell.label: cell.reason for cell in result.cells}
    assert reasons == {"a": SHOWN, "b": BELOW_THRESHOLD, "c": COMPLEMENTARY, "d": SHOWN}
    assert result.total.shown and result.total.count == 43
    hidden = [cell for cell in result.cells if not cell.shown]
    assert all(cell.count is None for cell in hidden)
    assert hidden[0].text(5) == "fewer than 5 answers"


def test_breakdown_two_small_cells_need_no_complement():
    result = suppress_breakdown({"a": 2, "b": 1, "c": 30})
    assert [cell.reason for cell in result.cells] == [BELOW_THRESHOLD, BELOW_THRESHOLD, SHOWN]


def test_crosstab_no_hidden_cell_can_be_recovered():
    counts = np.array([[10, 2, 8], [7, 9, 12], [6, 11, 15]])
    result = suppress_crosstab(counts, ["r1", "r2", "r3"], ["c1", "c2", "c3"])
    grid = [[*row, total] for row, total in zip(result.cells, result.row_totals, strict=True)]
    grid.append([*result.column_totals, result.total])
    for line in [*grid, *zip(*grid, strict=True)]:
        assert sum(not cell.shown for cell in line) != 1
    assert result.cells[0][1].reason == BELOW_THRESHOLD


def test_crosstab_small_margin_is_suppressed():
    counts = np.array([[1, 2], [20, 30]])
    result = suppress_crosstab(counts, ["tiny", "big"], ["x", "y"])
    assert not result.row_totals[0].shown
    assert result.total.shown


def test_visibility_helpers():
    assert not comments_visibility(9).shown and comments_visibility(10).shown
    assert not response_rate_visibility(4).shown and response_rate_visibility(5).shown
