"""Errors in a set of answers, with messages for the respondent in Italian and English."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from questionnaires.errors import QuestionnaireError

AnswerErrorCode = Literal[
    "unknown_item", "wrong_type", "out_of_range", "unknown_option", "required", "hidden", "too_long"
]

_MESSAGES: dict[str, dict[str, str]] = {
    "unknown_item": {
        "it": "Questa domanda non fa parte del questionario.",
        "en": "This question is not part of the questionnaire.",
    },
    "unknown_option": {
        "it": "Scegli una delle risposte proposte.",
        "en": "Choose one of the answers offered.",
    },
    "required": {
        "it": "Questa domanda richiede una risposta.",
        "en": "This question needs an answer.",
    },
    "hidden": {
        "it": "Viste le risposte precedenti, questa domanda non ti riguarda: lasciala vuota.",
        "en": "Given your earlier answers this question does not apply: leave it empty.",
    },
    "too_long": {
        "it": "Il testo è troppo lungo: puoi scrivere al massimo {max_length} caratteri, "
        "ne hai scritti {length}.",
        "en": "The text is too long: you can write at most {max_length} characters, "
        "you wrote {length}.",
    },
    "out_of_range": {
        "it": "Scegli un valore da {min} a {max}.",
        "en": "Choose a value from {min} to {max}.",
    },
    "out_of_range_min": {
        "it": "Inserisci un valore non inferiore a {min}.",
        "en": "Enter a value of at least {min}.",
    },
    "out_of_range_max": {
        "it": "Inserisci un valore non superiore a {max}.",
        "en": "Enter a value of at most {max}.",
    },
}

# Wrong-type messages depend on what the item expects.
_EXPECTED: dict[str, dict[str, str]] = {
    "scale": {"it": "Scegli un punto della scala.", "en": "Choose a point on the scale."},
    "face": {"it": "Scegli una delle tre facce.", "en": "Choose one of the three faces."},
    "yes_no": {"it": "Rispondi sì o no.", "en": "Answer yes or no."},
    "choice": {
        "it": "Scegli una delle risposte proposte.",
        "en": "Choose one of the answers offered.",
    },
    "choices": {
        "it": "Scegli una o più delle risposte proposte.",
        "en": "Choose one or more of the answers offered.",
    },
    "number": {"it": "Inserisci un numero.", "en": "Enter a number."},
    "integer": {"it": "Inserisci un numero intero.", "en": "Enter a whole number."},
    "text": {"it": "Scrivi la risposta come testo.", "en": "Write your answer as text."},
}


@dataclass(frozen=True)
class AnswerError:
    """One problem with the answer to one item."""

    item: str
    code: AnswerErrorCode
    details: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: str = "it") -> str:
        """Return a plain sentence for the respondent, in Italian unless `lang` is "en"."""
        lang = "en" if lang == "en" else "it"
        if self.code == "wrong_type":
            return _EXPECTED[str(self.details.get("expected", "text"))][lang]
        key: str = self.code
        if key == "out_of_range" and self.details.get("max") is None:
            key = "out_of_range_min"
        elif key == "out_of_range" and self.details.get("min") is None:
            key = "out_of_range_max"
        values = {name: _format(value, lang) for name, value in self.details.items()}
        return _MESSAGES[key][lang].format(**values)

    def __str__(self) -> str:
        return f"{self.item}: {self.code}"


class InvalidAnswers(QuestionnaireError):
    """A set of answers that was refused as a whole; carries every error found."""

    def __init__(self, errors: list[AnswerError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))

    def by_item(self) -> dict[str, list[AnswerError]]:
        """Return the errors grouped by item code."""
        grouped: dict[str, list[AnswerError]] = {}
        for error in self.errors:
            grouped.setdefault(error.item, []).append(error)
        return grouped


def _format(value: object, lang: str) -> str:
    # Italian writes decimals with a comma.
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "it" else text
    if isinstance(value, float):
        return str(int(value))
    return str(value)
