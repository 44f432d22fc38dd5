"""Questionnaires as HTML forms: the helpers the item template uses, and form values both ways."""

from __future__ import annotations

from collections.abc import Mapping

from questionnaires import (
    FacesItem,
    InvalidAnswers,
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
from survey.web.i18n import N_, translate

_KINDS: dict[type, str] = {
    LikertItem: "likert",
    RatingItem: "rating",
    FacesItem: "faces",
    NpsItem: "nps",
    YesNoItem: "yes_no",
    SingleChoiceItem: "single_choice",
    MultipleChoiceItem: "multiple_choice",
    NumberItem: "number",
    TextItem: "text",
}

# The faces' names, looked up by the face's code.
_FACES = {
    "negative": N_("form_face_negative"),
    "neutral": N_("form_face_neutral"),
    "positive": N_("form_face_positive"),
}


def item_kind(item: Item) -> str:
    """The item's type name, as in the definition files."""
    return _KINDS[type(item)]


def choices(item: Item, lang: str) -> list[tuple[str, str]]:
    """(form value, label) of every choice of an item."""
    if isinstance(item, SingleChoiceItem | MultipleChoiceItem):
        return [(option.code, option.label.get(lang)) for option in item.options]
    if isinstance(item, LikertItem):
        return [(str(n), label.get(lang)) for n, label in enumerate(item.labels, start=1)]
    if isinstance(item, YesNoItem):
        return [("yes", translate(lang, "form_yes")), ("no", translate(lang, "form_no"))]
    if isinstance(item, FacesItem):
        return [(face, translate(lang, name)) for face, name in _FACES.items()]
    low, high = (1, 5) if isinstance(item, RatingItem) else (0, 10)
    anchors = getattr(item, "anchors", None)
    labelled = []
    for n in range(low, high + 1):
        label = str(n)
        if anchors and n == low:
            label = f"{n} – {anchors.low.get(lang)}"
        elif anchors and n == high:
            label = f"{n} – {anchors.high.get(lang)}"
        labelled.append((str(n), label))
    return labelled


def condition(item: Item, lang: str, *, questionnaire: Questionnaire) -> str:
    """The skip logic in words, for a form that works without JavaScript."""
    rule = item.show_if
    if rule is None:
        return ""
    target = questionnaire.item(rule.item)
    question = target.text.get(lang) if target else rule.item
    shown = dict(choices(target, lang)) if target else {}
    if rule.gte is not None:
        answer = translate(lang, "form_at_least", value=rule.gte)
    else:
        values = rule.in_ if rule.in_ is not None else (rule.equals,)
        either = " " + translate(lang, "form_or") + " "
        answer = either.join(shown.get(str(v), str(v)).split(" – ")[0] for v in values)
    return translate(lang, "form_only_if", question=question, answer=answer)


def form_values(answers: Mapping[str, object] | None) -> dict[str, list[str]]:
    """Stored answers as the strings a form shows."""
    values: dict[str, list[str]] = {}
    for code, value in (answers or {}).items():
        if isinstance(value, bool):
            values[code] = ["yes" if value else "no"]
        elif isinstance(value, list | tuple):
            values[code] = [str(v) for v in value]
        elif value is not None:
            values[code] = [str(value)]
    return values


def error_messages(error: InvalidAnswers, lang: str) -> dict[str, list[str]]:
    """Each item's errors as sentences in the page's language."""
    return {
        code: [problem.message(lang) for problem in problems]
        for code, problems in error.by_item().items()
    }


def item_numbers(questionnaire: Questionnaire) -> dict[str, int]:
    return {item.code: n for n, item in enumerate(questionnaire.items(), start=1)}


def answers_in_words(
    questionnaire: Questionnaire, answers: Mapping[str, object], lang: str
) -> list[tuple[str, str]]:
    """(question, answer) in the page's language for every answered item, in the
    questionnaire's order: what a person reads instead of the stored codes."""
    lines = []
    for item in questionnaire.items():
        value = answers.get(item.code)
        if value is None or value == "" or value == []:
            continue
        named = {} if isinstance(item, NumberItem | TextItem) else dict(choices(item, lang))
        given = form_values({item.code: value})[item.code]
        lines.append((item.text.get(lang), ", ".join(named.get(v, v) for v in given)))
    return lines
