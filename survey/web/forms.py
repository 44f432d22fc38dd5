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

_WORDS = {
    "it": {
        "yes": "Sì",
        "no": "No",
        "negative": "Insoddisfatto/a",
        "neutral": "Né soddisfatto/a né insoddisfatto/a",
        "positive": "Soddisfatto/a",
        "or": "o",
        "only_if": "Rispondi solo se alla domanda «{q}» hai risposto {a}.",
        "at_least": "{v} o più",
    },
    "en": {
        "yes": "Yes",
        "no": "No",
        "negative": "Dissatisfied",
        "neutral": "Neither satisfied nor dissatisfied",
        "positive": "Satisfied",
        "or": "or",
        "only_if": "Answer only if your answer to «{q}» was {a}.",
        "at_least": "{v} or more",
    },
}


def item_kind(item: Item) -> str:
    """The item's type name, as in the definition files."""
    return _KINDS[type(item)]


def choices(item: Item, lang: str) -> list[tuple[str, str]]:
    """(form value, label) of every choice of an item."""
    words = _WORDS["en" if lang == "en" else "it"]
    if isinstance(item, SingleChoiceItem | MultipleChoiceItem):
        return [(option.code, option.label.get(lang)) for option in item.options]
    if isinstance(item, LikertItem):
        return [(str(n), label.get(lang)) for n, label in enumerate(item.labels, start=1)]
    if isinstance(item, YesNoItem):
        return [("yes", words["yes"]), ("no", words["no"])]
    if isinstance(item, FacesItem):
        return [(face, words[face]) for face in ("negative", "neutral", "positive")]
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
    words = _WORDS["en" if lang == "en" else "it"]
    rule = item.show_if
    if rule is None:
        return ""
    target = questionnaire.item(rule.item)
    question = target.text.get(lang) if target else rule.item
    shown = dict(choices(target, lang)) if target else {}
    if rule.gte is not None:
        answer = words["at_least"].format(v=rule.gte)
    else:
        values = rule.in_ if rule.in_ is not None else (rule.equals,)
        answer = f" {words['or']} ".join(shown.get(str(v), str(v)).split(" – ")[0] for v in values)
    return words["only_if"].format(q=question, a=answer)


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
