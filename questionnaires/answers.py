"""Checking a set of answers against a questionnaire, and reading them from an HTML form."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from questionnaires.answer_errors import AnswerError, InvalidAnswers
from questionnaires.model import (
    FACES,
    FacesItem,
    Item,
    LikertItem,
    MultipleChoiceItem,
    NpsItem,
    NumberItem,
    Questionnaire,
    RatingItem,
    SingleChoiceItem,
    TextItem,
    YesNoItem,
)
from questionnaires.skip_logic import condition_holds

_INTEGER = re.compile(r"[+-]?\d+\Z")
# Italian users write decimals with a comma; nan and inf are refused on purpose.
_DECIMAL = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)\Z")
_YES = {"yes", "true", "1", "si", "sì"}
_NO = {"no", "false", "0"}


def validate_answers(
    q: Questionnaire, answers: Mapping[str, object], *, partial: bool = False
) -> dict[str, object]:
    """Return the answers normalised, in questionnaire order, or raise `InvalidAnswers`.

    Nothing is accepted unless everything is valid. With `partial`, required items may be
    missing (a questionnaire saved section by section); everything else is still checked.
    """
    items = {item.code: item for item in q.items()}
    normalised: dict[str, object] = {}
    type_errors: dict[str, AnswerError] = {}
    unknown = [AnswerError(code, "unknown_item") for code in answers if code not in items]
    for code, value in answers.items():
        item = items.get(code)
        if item is None or _unanswered(value):
            continue
        result = _normalise(item, value)
        if isinstance(result, AnswerError):
            type_errors[code] = result
        else:
            normalised[code] = result
    errors = _visibility_errors(q, normalised, type_errors, partial) + unknown
    if errors:
        raise InvalidAnswers(errors)
    return {code: normalised[code] for code in items if code in normalised}


def validate_partial(q: Questionnaire, answers: Mapping[str, object]) -> dict[str, object]:
    """Like `validate_answers`, but required items may still be unanswered."""
    return validate_answers(q, answers, partial=True)


def parse_form(q: Questionnaire, form: Mapping[str, list[str]]) -> dict[str, object]:
    """Convert HTML form strings to typed answers; empty fields count as not answered.

    Only fields named after an item are read (a form also carries tokens and buttons). A value
    that cannot be converted is kept as a string so that validation reports `wrong_type`.
    """
    parsed: dict[str, object] = {}
    for item in q.items():
        values = [value for value in form.get(item.code, []) if value.strip()]
        if not values:
            continue
        if isinstance(item, MultipleChoiceItem):
            parsed[item.code] = [value.strip() for value in values]
        elif len(values) > 1:
            parsed[item.code] = values  # several values for one answer: a wrong_type
        else:
            parsed[item.code] = _parse_value(item, values[0])
    return parsed


def _parse_value(item: Item, raw: str) -> object:
    value = raw.strip()
    match item:
        case LikertItem() | RatingItem() | NpsItem() if _INTEGER.match(value):
            return int(value)
        case NumberItem() if _INTEGER.match(value):
            return int(value)
        case NumberItem() if _DECIMAL.match(value):
            return float(value.replace(",", "."))
        case YesNoItem() if value.lower() in _YES | _NO:
            return value.lower() in _YES
        case TextItem():
            # Browsers send CRLF but count a newline as one character against `maxlength`.
            return raw.replace("\r\n", "\n")
    return value


def _unanswered(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, list | tuple) and not value)


def _normalise(item: Item, value: object) -> object:
    """Return the normalised answer, or the `AnswerError` that refuses it."""
    match item:
        case LikertItem() | RatingItem() | NpsItem():
            low, high = (0, 10) if isinstance(item, NpsItem) else (1, _points(item))
            number = _whole(value)
            if number is None:
                return AnswerError(item.code, "wrong_type", {"expected": "scale"})
            return _in_range(item, number, low, high)
        case NumberItem():
            return _number(item, value)
        case FacesItem():
            if not isinstance(value, str):
                return AnswerError(item.code, "wrong_type", {"expected": "face"})
            return value if value in FACES else AnswerError(item.code, "unknown_option")
        case YesNoItem():
            if isinstance(value, bool):
                return value
            return AnswerError(item.code, "wrong_type", {"expected": "yes_no"})
        case SingleChoiceItem():
            if not isinstance(value, str):
                return AnswerError(item.code, "wrong_type", {"expected": "choice"})
            codes = [option.code for option in item.options]
            return value if value in codes else AnswerError(item.code, "unknown_option")
        case MultipleChoiceItem():
            return _choices(item, value)
        case TextItem():
            if not isinstance(value, str):
                return AnswerError(item.code, "wrong_type", {"expected": "text"})
            text = value.strip()
            if len(text) > item.max_length:
                details = {"max_length": item.max_length, "length": len(text)}
                return AnswerError(item.code, "too_long", details)
            return text
    raise TypeError(f"unsupported item type {type(item).__name__}")


def _points(item: LikertItem | RatingItem) -> int:
    return item.points if isinstance(item, LikertItem) else 5


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _in_range(item: Item, value: float, low: float | None, high: float | None) -> object:
    if (low is not None and value < low) or (high is not None and value > high):
        return AnswerError(item.code, "out_of_range", {"min": low, "max": high})
    return value


def _number(item: NumberItem, value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return AnswerError(item.code, "wrong_type", {"expected": "number"})
    if item.integer:
        whole = _whole(value)
        if whole is None:
            return AnswerError(item.code, "wrong_type", {"expected": "integer"})
        value = whole
    return _in_range(item, value, item.min, item.max)


def _choices(item: MultipleChoiceItem, value: object) -> object:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return AnswerError(item.code, "wrong_type", {"expected": "choices"})
    codes = [option.code for option in item.options]
    if any(selected not in codes for selected in value):
        return AnswerError(item.code, "unknown_option")
    # Definition order, without repeats, so that equal selections store equally.
    return [code for code in codes if code in value]


def _visibility_errors(
    q: Questionnaire,
    normalised: dict[str, object],
    type_errors: dict[str, AnswerError],
    partial: bool,
) -> list[AnswerError]:
    """Return type errors plus required and hidden errors, in questionnaire order."""
    errors: list[AnswerError] = []
    shown: set[str] = set()
    # Items whose visibility hangs on a refused answer: neither required nor hidden is known.
    undecided: set[str] = set()
    for item in q.items():
        if item.code in type_errors:
            errors.append(type_errors[item.code])
        condition = item.show_if
        if condition is not None and (condition.item in type_errors or condition.item in undecided):
            undecided.add(item.code)
            continue
        visible = condition is None or (
            condition.item in shown and condition_holds(condition, normalised.get(condition.item))
        )
        if visible:
            shown.add(item.code)
            missing = item.code not in normalised and item.code not in type_errors
            if item.required and missing and not partial:
                errors.append(AnswerError(item.code, "required"))
        elif item.code in normalised:
            errors.append(AnswerError(item.code, "hidden"))
    return errors
