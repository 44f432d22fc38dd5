"""msgspec's validation errors read into a path, a message and a kind, for every caller."""

from __future__ import annotations

import msgspec
import pytest

from case_bridge.storage.validation import FieldProblem, field_problem


class Office(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    staff: list[int] = []


class Offices(msgspec.Struct):
    offices: list[Office]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            {"offices": [{"code": "a", "staff": [1, "x"]}]},
            FieldProblem("offices[0].staff[1]", "Expected `int`, got `str`"),
            id="deep value",
        ),
        pytest.param(
            {"offices": [{}]},
            FieldProblem("offices[0].code", "missing required field", "missing"),
            id="missing nested field",
        ),
        pytest.param({}, FieldProblem("offices", "missing required field", "missing"), id="top"),
        pytest.param(
            {"offices": [{"code": "a", "cdoe": "b"}]},
            FieldProblem("offices[0].cdoe", "unknown field", "unknown"),
            id="unknown field",
        ),
        pytest.param(None, FieldProblem("", "Expected `object`, got `null`"), id="whole value"),
    ],
)
def test_a_problem_names_where_and_what(value: object, expected: FieldProblem) -> None:
    with pytest.raises(msgspec.ValidationError) as raised:
        msgspec.convert(value, Offices)
    assert field_problem(raised.value) == expected


def test_the_field_is_where_the_path_starts() -> None:
    assert FieldProblem("offices[0].code", "").field == "offices"
    assert FieldProblem("title.it", "").field == "title"
    assert FieldProblem("", "").field == ""
