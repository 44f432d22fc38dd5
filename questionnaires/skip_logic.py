"""Skip logic: which items a respondent sees, given the answers so far."""

from __future__ import annotations

from collections.abc import Mapping

from questionnaires.model import Item, Questionnaire, Scalar, ShowIf


def condition_holds(condition: ShowIf, answer: object) -> bool:
    """Return whether a validated `answer` of the tested item satisfies `condition`."""
    if answer is None:
        return False
    if isinstance(answer, list | tuple):
        # A multiple choice matches when any selected option matches.
        return any(condition_holds(condition, selected) for selected in answer)
    if condition.equals is not None:
        return _same(answer, condition.equals)
    if condition.in_ is not None:
        return any(_same(answer, value) for value in condition.in_)
    if condition.gte is not None:
        return (
            isinstance(answer, int | float)
            and not isinstance(answer, bool)
            and (answer >= condition.gte)
        )
    return False


def visible_items(q: Questionnaire, answers: Mapping[str, object]) -> list[Item]:
    """Return the items shown for these (validated) answers, in order."""
    visible: list[Item] = []
    shown: set[str] = set()
    for item in q.items():
        condition = item.show_if
        # An item hidden by skip logic hides everything that depends on it, too.
        if condition is None or (
            condition.item in shown and condition_holds(condition, answers.get(condition.item))
        ):
            visible.append(item)
            shown.add(item.code)
    return visible


def _same(answer: object, value: Scalar) -> bool:
    # True == 1 in Python; a yes/no answer must not match a rating of 1.
    return isinstance(answer, bool) == isinstance(value, bool) and answer == value
