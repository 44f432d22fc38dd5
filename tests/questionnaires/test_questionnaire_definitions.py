"""Loading definitions: the shipped ones load, and each kind of broken one is refused."""

from __future__ import annotations

import pytest

from questionnaires import (
    InvalidDefinition,
    LikertItem,
    Questionnaire,
    decode_definition,
    load_definition,
    validate_definition,
)
from questionnaires.registry import DEFINITIONS_DIRECTORY
from tests.questionnaires.questionnaire_samples import definition_text, shipped

LABELS_5 = "[{it: a, en: a}, {it: b, en: b}, {it: c, en: c}, {it: d, en: d}, {it: e, en: e}]"
RATING = "- {code: q1, type: rating, text: {it: Voto, en: Rating}}"
CHOICE = """
- code: q1
  type: single_choice
  text: {it: Scelta, en: Choice}
  options: [{code: a, label: {it: A, en: A}}, {code: b, label: {it: B, en: B}}]
"""


@pytest.fixture
def citizen() -> Questionnaire:
    return shipped("citizen-feedback")


@pytest.fixture
def referent() -> Questionnaire:
    return shipped("referent-consultation-2012")


def likert(code: str, points: int = 5, extra: str = "") -> str:
    labels = ", ".join(["{it: x, en: x}"] * points)
    return (
        f"- {{code: {code}, type: likert, points: {points}, labels: [{labels}], "
        f"{extra}text: {{it: T, en: T}}}}"
    )


def sus_items(count: int, points: int = 5) -> list[str]:
    return [likert(f"s{n}", points, "scales: [sus], ") for n in range(count)]


def errors_of(text: str) -> list[str]:
    with pytest.raises(InvalidDefinition) as raised:
        decode_definition(text)
    return [str(error) for error in raised.value.errors]


def test_shipped_definitions_load(citizen: Questionnaire, referent: Questionnaire) -> None:
    assert [item.code for item in citizen.items()] == [
        "satisfaction",
        "liked",
        "difficulty",
        "resolved",
        "effort",
        "recommend",
        "comment",
    ]
    assert [item.code for item in citizen.items() if item.required] == ["satisfaction"]
    assert citizen.audience == "citizen"
    assert referent.audience == "referent"
    assert len(referent.scale_items("sus")) == 10
    assert {scale.name for scale in referent.scales} >= {"request_quality", "collaboration", "sus"}
    office = referent.item("office")
    assert office is not None and not office.required
    assert "preferisco_non_dirlo" in [option.code for option in office.options]
    likerts = [item for item in referent.items() if isinstance(item, LikertItem)]
    assert likerts and all(item.required and item.points == 5 for item in likerts)
    assert referent.item("workload_excessive").reverse


def test_every_shipped_file_passes_validation() -> None:
    paths = sorted(DEFINITIONS_DIRECTORY.glob("*.yaml"))
    assert len(paths) == 3
    for path in paths:
        assert validate_definition(load_definition(path)) == []


@pytest.mark.parametrize(
    ("items", "scales", "expected"),
    [
        pytest.param(
            [CHOICE.replace("code: b", "code: a")],
            "[]",
            'sections[0].items[0].options[1].code: duplicate "a"',
            id="duplicate option",
        ),
        pytest.param(
            [RATING, RATING],
            "[]",
            'sections[0].items[1].code: duplicate "q1"',
            id="duplicate item",
        ),
        pytest.param(
            ["- {code: q1, type: rating, text: {it: Voto}}"],
            "[]",
            "sections[0].items[0].text.en: missing English text",
            id="missing english",
        ),
        pytest.param(
            [CHOICE.replace("{it: B, en: B}", "{en: B}")],
            "[]",
            "sections[0].items[0].options[1].label.it: missing Italian text",
            id="missing italian option label",
        ),
        pytest.param(
            [
                RATING.replace("}}", "}, show_if: {item: q2, equals: 1}}"),
                RATING.replace("q1", "q2"),
            ],
            "[]",
            'sections[0].items[0].show_if.item: "q2" is not an earlier item',
            id="show_if on a later item",
        ),
        pytest.param(
            [RATING.replace("}}", "}, show_if: {item: nope, equals: 1}}")],
            "[]",
            'sections[0].items[0].show_if.item: unknown item "nope"',
            id="show_if on an unknown item",
        ),
        pytest.param(
            [
                CHOICE,
                RATING.replace("q1", "q2").replace("}}", "}, show_if: {item: q1, in: [a, z]}}"),
            ],
            "[]",
            "sections[0].items[1].show_if.in[1]: 'z' is not an option of 'q1'",
            id="show_if on an unknown option",
        ),
        pytest.param(
            [RATING, RATING.replace("q1", "q2").replace("}}", "}, show_if: {item: q1, gte: 6}}")],
            "[]",
            "sections[0].items[1].show_if.gte: 6 is outside 1–5",
            id="show_if on an impossible value",
        ),
        pytest.param(
            [
                RATING,
                RATING.replace("q1", "q2").replace(
                    "}}", "}, show_if: {item: q1, gte: 4, equals: 1}}"
                ),
            ],
            "[]",
            "sections[0].items[1].show_if: give exactly one of equals, in, gte",
            id="show_if with two tests",
        ),
        pytest.param(
            [likert("q1", points=4)],
            "[]",
            "sections[0].items[0].points: a likert item has 5 or 7 points, not 4",
            id="likert with 4 points",
        ),
        pytest.param(
            [
                "- {code: q1, type: likert, points: 7, text: {it: T, en: T}, labels: "
                + LABELS_5
                + "}"
            ],
            "[]",
            "sections[0].items[0].labels: 7 points need 7 labels, found 5",
            id="likert missing labels",
        ),
        pytest.param(
            ["- {code: q1, type: number, min: 10, max: 5, text: {it: N, en: N}}"],
            "[]",
            "sections[0].items[0].min: min 10 is greater than max 5",
            id="number min above max",
        ),
        pytest.param(
            ["- {code: q1, type: text, max_length: 0, text: {it: T, en: T}}"],
            "[]",
            "sections[0].items[0].max_length: must be more than 0, got 0",
            id="text without room",
        ),
        pytest.param(
            [RATING.replace("}}", "}, scales: [nope]}")],
            "[]",
            'sections[0].items[0].scales[0]: unknown scale "nope"',
            id="unknown scale",
        ),
        pytest.param(
            ["- {code: q1, type: text, max_length: 9, scales: [all], text: {it: T, en: T}}"],
            "[{name: all, rule: mean, title: {it: Tutto, en: All}}]",
            'sections[0].items[0].scales[0]: a text item cannot be scored in "all"',
            id="text item in a scale",
        ),
        pytest.param(
            [CHOICE.replace("type: single_choice", "type: multiple_choice\n  reverse: true")],
            "[]",
            "sections[0].items[0].reverse: a multiple_choice item has no numeric score to reverse",
            id="reverse on a choice",
        ),
        pytest.param(
            [RATING],
            "[{name: empty, rule: mean, title: {it: Vuota, en: Empty}}]",
            'scales[0]: no item belongs to scale "empty"',
            id="scale without items",
        ),
        pytest.param(
            sus_items(9),
            "[{name: sus, rule: sus, title: {it: SUS, en: SUS}}]",
            'scales[0]: a sus scale needs exactly ten items, "sus" has 9',
            id="sus with nine items",
        ),
        pytest.param(
            sus_items(10, points=7),
            "[{name: sus, rule: sus, title: {it: SUS, en: SUS}}]",
            'sections[0].items[0]: sus scale "sus" needs 5-point items (likert 5, rating)',
            id="sus with 7-point items",
        ),
        pytest.param(
            [
                RATING.replace("}}", "}, scales: [mix]}"),
                "- {code: q2, type: nps, scales: [mix], text: {it: N, en: N}}",
            ],
            "[{name: mix, rule: mean, title: {it: Misto, en: Mixed}}]",
            'scales[0]: the items of "mix" must share one range, found 0–10, 1–5',
            id="scale mixing ranges",
        ),
    ],
)
def test_broken_definition_is_refused_with_its_location(
    items: list[str], scales: str, expected: str
) -> None:
    assert expected in errors_of(definition_text(*items, scales=scales))


def test_duplicate_codes_across_sections() -> None:
    other = """
    - code: main
      title: {it: Altra, en: Other}
      items:
        - {code: q1, type: yes_no, text: {it: Sì?, en: Yes?}}
    """
    errors = errors_of(definition_text(RATING, more_sections=other))
    assert 'sections[1].code: duplicate "main"' in errors
    assert 'sections[1].items[0].code: duplicate "q1"' in errors


def test_every_error_is_reported_at_once() -> None:
    text = definition_text(
        "- {code: q1, type: rating, text: {it: Voto}}",
        likert("q2", points=6),
        "- {code: Bad Code, type: text, max_length: -1, text: {it: T, en: T}}",
    ).replace("title: {it: Prova, en: Test}", "title: {en: Test}")
    assert errors_of(text) == [
        "title.it: missing Italian text",
        "sections[0].items[0].text.en: missing English text",
        "sections[0].items[1].points: a likert item has 5 or 7 points, not 6",
        "sections[0].items[2].code: 'Bad Code' is not a valid code "
        "(lowercase letters, digits and _, starting with a letter)",
        "sections[0].items[2].max_length: must be more than 0, got -1",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", "the file is empty", id="empty"),
        pytest.param("id: [", "not valid YAML: ", id="bad yaml"),
        pytest.param(
            "id: x\nversion: one\n", "version: expected `int`, got `str`", id="wrong type"
        ),
        pytest.param("id: x\n", "version: missing", id="missing field"),
    ],
)
def test_decoding_errors_are_located_and_readable(text: str, expected: str) -> None:
    errors = errors_of(text)
    assert len(errors) == 1 and errors[0].startswith(expected)


def test_unknown_item_type_and_misspelt_field() -> None:
    assert errors_of(definition_text(RATING.replace("rating", "slider"))) == [
        "sections[0].items[0].type: unknown item type 'slider'; use one of likert, rating, "
        "faces, nps, yes_no, single_choice, multiple_choice, number, text"
    ]
    assert errors_of(definition_text(RATING.replace("}}", "}, requred: true}"))) == [
        "sections[0].items[0].requred: unknown field (check the spelling)"
    ]


def test_bare_yes_in_show_if_gets_a_hint() -> None:
    choice = CHOICE.replace("code: a", 'code: "yes"')
    dependent = RATING.replace("q1", "q2").replace("}}", "}, show_if: {item: q1, equals: yes}}")
    (error,) = errors_of(definition_text(choice, dependent))
    assert error.startswith("sections[0].items[1].show_if.equals: True is not an option of 'q1'")
    assert 'write "yes"' in error


def test_invalid_definition_names_its_file(tmp_path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\n")
    with pytest.raises(InvalidDefinition, match=r"broken\.yaml: version: missing"):
        load_definition(path)


def test_steps_split_the_citizen_feedback_of_version_2() -> None:
    from questionnaires import default_registry

    v2 = default_registry().get("citizen-feedback", 2)
    assert v2.steps() == (1, 2, 3, 4)
    assert [item.code for item in v2.step_items(2)] == ["liked", "difficulty"]
    assert default_registry().get("citizen-feedback", 1).steps() == ()


def test_steps_are_checked() -> None:
    rating = "- {code: q1, type: rating, required: true, step: 1, text: {it: V, en: R}}"
    same_step = (
        "- {code: q2, type: yes_no, step: 1, show_if: {item: q1, gte: 4}, text: {it: S, en: Y}}"
    )
    skipped = "- {code: q3, type: yes_no, step: 3, text: {it: S, en: Y}}"
    unstepped = "- {code: q4, type: yes_no, text: {it: S, en: Y}}"
    backwards = "- {code: q5, type: yes_no, step: 2, text: {it: S, en: Y}}"
    assert errors_of(definition_text(rating, same_step, skipped, unstepped, backwards)) == [
        'sections[0].items[1].show_if: "q1" is on the same step; put it on an earlier one',
        "sections[0].items[2].step: step 3 skips step 2",
        "sections[0].items[3].step: every item needs a step (1 or more) when any item has one",
        "sections[0].items[4].step: step 2 comes after step 3",
    ]
    optional_first = "- {code: q1, type: rating, step: 1, text: {it: V, en: R}}"
    assert errors_of(definition_text(optional_first)) == [
        "sections[0].items[0].step: step 1 needs a required item"
    ]
