"""Small YAML definitions for the questionnaire tests (a module, not a conftest, so that
`--noconftest` runs keep working)."""

from __future__ import annotations

import textwrap

from questionnaires import Questionnaire, default_registry


def definition_text(*items: str, scales: str = "[]", more_sections: str = "") -> str:
    """Return a one-section definition holding `items` (each a YAML list entry)."""
    body = textwrap.indent("\n".join(textwrap.dedent(item).strip() for item in items), " " * 6)
    sections = textwrap.indent(textwrap.dedent(more_sections).strip(), " " * 2)
    return (
        "id: test\n"
        "version: 1\n"
        "audience: citizen\n"
        "title: {it: Prova, en: Test}\n"
        "intro: {it: Introduzione, en: Introduction}\n"
        "sections:\n"
        "  - code: main\n"
        "    title: {it: Sezione, en: Section}\n"
        "    items:\n"
        f"{body}\n"
        f"{sections}\n"
        f"scales: {scales}\n"
    )


# One item of each type, for answer checks.
EVERY_TYPE = definition_text(
    """
    - {code: score, type: rating, required: true, text: {it: Voto, en: Score}}
    - {code: mood, type: faces, text: {it: Umore, en: Mood}}
    - {code: nps, type: nps, text: {it: Consiglio, en: Recommend}}
    - code: agree
      type: likert
      points: 5
      text: {it: Accordo, en: Agreement}
      labels: [{it: a, en: a}, {it: b, en: b}, {it: c, en: c}, {it: d, en: d}, {it: e, en: e}]
    - {code: called, type: yes_no, text: {it: Chiamato?, en: Called?}}
    - code: channel
      type: single_choice
      text: {it: Canale, en: Channel}
      options: [{code: phone, label: {it: Telefono, en: Phone}},
                {code: email, label: {it: Email, en: Email}}]
    - code: topics
      type: multiple_choice
      text: {it: Temi, en: Topics}
      options: [{code: a, label: {it: A, en: A}}, {code: b, label: {it: B, en: B}},
                {code: c, label: {it: C, en: C}}]
    - {code: count, type: number, min: 0, max: 100, text: {it: Quante?, en: How many?}}
    - {code: hours, type: number, min: 0, max: 24, integer: false, text: {it: Ore, en: Hours}}
    - {code: note, type: text, max_length: 10, text: {it: Nota, en: Note}}
    - code: why
      type: text
      max_length: 100
      required: true
      show_if: {item: called, equals: true}
      text: {it: Perché?, en: Why?}
    """
)


def shipped(id: str) -> Questionnaire:
    """Return version 1 of a shipped questionnaire."""
    return default_registry().get(id, 1)
