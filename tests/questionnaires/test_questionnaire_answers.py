"""Checking answers: each kind of error is caught, valid sets pass, skip logic both ways."""

from __future__ import annotations

import pytest

from questionnaires import (
    InvalidAnswers,
    Questionnaire,
    decode_definition,
    parse_form,
    validate_answers,
    validate_partial,
    visible_items,
)
from tests.questionnaires.questionnaire_samples import EVERY_TYPE, definition_text, shipped


@pytest.fixture
def citizen() -> Questionnaire:
    return shipped("citizen-feedback")


@pytest.fixture
def referent() -> Questionnaire:
    return shipped("referent-consultation-2012")


@pytest.fixture
def every_type() -> Questionnaire:
    return decode_definition(EVERY_TYPE)


VALID = {
    "score": 4,
    "mood": "positive",
    "nps": 10,
    "agree": 3.0,
    "called": True,
    "channel": "email",
    "topics": ["c", "a", "c"],
    "count": 12,
    "hours": 1.5,
    "note": "  grazie  ",
    "why": "Per sapere",
}


def error_codes(q: Questionnaire, answers: dict[str, object], **flags: bool) -> dict[str, str]:
    with pytest.raises(InvalidAnswers) as raised:
        validate_answers(q, answers, **flags)
    return {error.item: error.code for error in raised.value.errors}


def test_a_valid_set_is_normalised_in_questionnaire_order(every_type: Questionnaire) -> None:
    result = validate_answers(every_type, dict(reversed(VALID.items())))
    assert list(result) == list(VALID)
    assert result["agree"] == 3 and isinstance(result["agree"], int)
    assert result["topics"] == ["a", "c"]
    assert result["note"] == "grazie"


@pytest.mark.parametrize(
    ("item", "value", "code"),
    [
        ("extra", 1, "unknown_item"),
        ("score", "4", "wrong_type"),
        ("score", True, "wrong_type"),
        ("score", 4.5, "wrong_type"),
        ("score", 6, "out_of_range"),
        ("nps", -1, "out_of_range"),
        ("agree", 0, "out_of_range"),
        ("mood", "happy", "unknown_option"),
        ("mood", 3, "wrong_type"),
        ("called", "yes", "wrong_type"),
        ("channel", "fax", "unknown_option"),
        ("channel", ["email"], "wrong_type"),
        ("topics", "a", "wrong_type"),
        ("topics", ["a", "z"], "unknown_option"),
        ("count", 2.5, "wrong_type"),
        ("count", 101, "out_of_range"),
        ("hours", float("nan"), "wrong_type"),
        ("hours", 24.5, "out_of_range"),
        ("note", "x" * 11, "too_long"),
        ("note", 5, "wrong_type"),
    ],
)
def test_each_answer_error_is_caught(
    every_type: Questionnaire, item: str, value: object, code: str
) -> None:
    assert error_codes(every_type, {**VALID, item: value}) == {item: code}


def test_required_only_when_visible(every_type: Questionnaire) -> None:
    assert error_codes(every_type, {"called": True}) == {"score": "required", "why": "required"}
    assert validate_answers(every_type, {"score": 1, "called": False}) == {
        "score": 1,
        "called": False,
    }


def test_answering_a_hidden_item_is_an_error(every_type: Questionnaire) -> None:
    assert error_codes(every_type, {"score": 2, "called": False, "why": "x"}) == {"why": "hidden"}
    assert error_codes(every_type, {"score": 2, "why": "x"}) == {"why": "hidden"}


def test_a_refused_answer_does_not_also_report_its_dependants(every_type: Questionnaire) -> None:
    assert error_codes(every_type, {"score": 2, "called": "si", "why": "x"}) == {
        "called": "wrong_type"
    }


def test_nothing_partial_is_accepted_and_all_errors_come_together(
    every_type: Questionnaire,
) -> None:
    with pytest.raises(InvalidAnswers) as raised:
        validate_answers(every_type, {"score": 9, "note": "x" * 20, "ghost": "boo"})
    assert [(e.item, e.code) for e in raised.value.errors] == [
        ("score", "out_of_range"),
        ("note", "too_long"),
        ("ghost", "unknown_item"),
    ]
    assert set(raised.value.by_item()) == {"score", "note", "ghost"}


def test_partial_skips_required_but_checks_the_rest(every_type: Questionnaire) -> None:
    assert validate_partial(every_type, {"mood": "neutral"}) == {"mood": "neutral"}
    assert error_codes(every_type, {"mood": "sad"}, partial=True) == {"mood": "unknown_option"}
    assert error_codes(every_type, {"why": "x"}, partial=True) == {"why": "hidden"}


def test_empty_answers_count_as_not_answered(every_type: Questionnaire) -> None:
    answers = {"score": 5, "note": "   ", "topics": [], "count": None}
    assert validate_answers(every_type, answers) == {"score": 5}


def test_messages_in_italian_by_default_and_in_english(every_type: Questionnaire) -> None:
    with pytest.raises(InvalidAnswers) as raised:
        validate_answers(every_type, {"hours": 30.0, "note": "x" * 12, "channel": 3})
    errors = raised.value.by_item()
    (hours,) = errors["hours"]
    assert hours.message() == "Scegli un valore da 0 a 24."
    assert hours.message("en") == "Choose a value from 0 to 24."
    (note,) = errors["note"]
    assert "al massimo 10 caratteri, ne hai scritti 12" in note.message()
    assert errors["channel"][0].message("en") == "Choose one of the answers offered."
    assert errors["score"][0].message() == "Questa domanda richiede una risposta."


def test_parse_form_converts_strings(every_type: Questionnaire) -> None:
    form = {
        "score": ["4"],
        "mood": ["neutral"],
        "nps": [""],
        "called": ["yes"],
        "topics": ["a", "b"],
        "count": [" 7 "],
        "hours": ["2,5"],
        "note": ["  ciao "],
        "why": ["perché sì"],
        "_csrf_token": ["abc"],
    }
    assert parse_form(every_type, form) == {
        "score": 4,
        "mood": "neutral",
        "called": True,
        "topics": ["a", "b"],
        "count": 7,
        "hours": 2.5,
        "note": "  ciao ",
        "why": "perché sì",
    }


def test_parse_form_leaves_unparseable_values_for_validation(every_type: Questionnaire) -> None:
    parsed = parse_form(every_type, {"score": ["quattro"], "count": ["inf"], "called": ["forse"]})
    assert parsed == {"score": "quattro", "count": "inf", "called": "forse"}
    assert error_codes(every_type, parsed) == {
        "score": "wrong_type",
        "called": "wrong_type",
        "count": "wrong_type",
    }


def codes(items) -> list[str]:
    return [item.code for item in items]


def test_high_satisfaction_shows_liked_and_hides_difficulty(citizen: Questionnaire) -> None:
    visible = codes(visible_items(citizen, {"satisfaction": 5}))
    assert "liked" in visible and "difficulty" not in visible
    assert validate_answers(citizen, {"satisfaction": 5, "liked": "speed"})
    with pytest.raises(InvalidAnswers) as raised:
        validate_answers(citizen, {"satisfaction": 5, "difficulty": "long_wait"})
    assert [(e.item, e.code) for e in raised.value.errors] == [("difficulty", "hidden")]


def test_low_satisfaction_shows_difficulty_and_hides_liked(citizen: Questionnaire) -> None:
    visible = codes(visible_items(citizen, {"satisfaction": 2}))
    assert "difficulty" in visible and "liked" not in visible
    assert validate_answers(citizen, {"satisfaction": 3, "difficulty": "long_wait"})
    with pytest.raises(InvalidAnswers) as raised:
        validate_answers(citizen, {"satisfaction": 2, "liked": "speed"})
    assert [(e.item, e.code) for e in raised.value.errors] == [("liked", "hidden")]


def test_without_satisfaction_both_follow_ups_are_hidden(citizen: Questionnaire) -> None:
    visible = codes(visible_items(citizen, {}))
    assert "liked" not in visible and "difficulty" not in visible
    assert "satisfaction" in visible and "comment" in visible


def test_keypad_answers_are_a_complete_citizen_response(citizen: Questionnaire) -> None:
    form = {"satisfaction": ["4"], "resolved": ["partly"]}
    assert validate_answers(citizen, parse_form(citizen, form)) == {
        "satisfaction": 4,
        "resolved": "partly",
    }
    assert validate_answers(citizen, {"satisfaction": 1, "resolved": "no"})


def test_full_citizen_response(citizen: Questionnaire) -> None:
    answers = {
        "satisfaction": 4,
        "liked": "courtesy",
        "resolved": "yes",
        "effort": 7,
        "recommend": 9,
        "comment": "Operatore gentilissimo.",
    }
    assert validate_answers(citizen, answers) == answers
    assert error_codes(citizen, {**answers, "effort": 8, "comment": "x" * 201}) == {
        "effort": "out_of_range",
        "comment": "too_long",
    }


def test_referent_saved_by_section_then_submitted(referent: Questionnaire) -> None:
    first_section = {"request_clarity": 4, "request_completeness": 3, "request_relevance": 5}
    assert validate_partial(referent, first_section) == first_section
    with pytest.raises(InvalidAnswers) as raised:
        validate_answers(referent, first_section)
    missing = {error.item for error in raised.value.errors}
    assert {error.code for error in raised.value.errors} == {"required"}
    assert "sus_01" in missing and "office" not in missing and "suggestions" not in missing


def test_parse_form_counts_a_browser_newline_as_one_character(every_type: Questionnaire) -> None:
    parsed = parse_form(every_type, {"score": ["3"], "note": ["ciao\r\nciao"]})
    assert parsed["note"] == "ciao\nciao"
    assert validate_answers(every_type, parsed)["note"] == "ciao\nciao"


def test_show_if_on_a_multiple_choice_matches_any_selected() -> None:
    q = decode_definition(
        definition_text(
            """
            - code: topics
              type: multiple_choice
              text: {it: Temi, en: Topics}
              options: [{code: a, label: {it: A, en: A}}, {code: b, label: {it: B, en: B}}]
            """,
            "- {code: about_b, type: yes_no, show_if: {item: topics, equals: b}, "
            "text: {it: B?, en: B?}}",
        )
    )
    assert codes(visible_items(q, {"topics": ["a", "b"]})) == ["topics", "about_b"]
    assert codes(visible_items(q, {"topics": ["a"]})) == ["topics"]
