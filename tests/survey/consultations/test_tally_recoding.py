"""The tally's recoding of identifying items, on answers in memory."""

from __future__ import annotations

from analysis.recoding import DEPARTMENT
from questionnaires import decode_definition
from survey.consultations.tally import identifying_items, recoded
from tests.survey.consultations.helpers import QUESTIONNAIRE

ROLE = """
id: roles
version: 1
audience: referent
title: {it: Ruoli, en: Roles}
intro: {it: Introduzione, en: Introduction}
sections:
  - code: main
    title: {it: Tutto, en: All}
    items:
      - code: role
        type: single_choice
        identifying: true
        text: {it: Ruolo, en: Role}
        options: [{code: a, label: {it: A, en: A}}, {code: b, label: {it: B, en: B}}]
      - {code: fine, type: yes_no, text: {it: Bene?, en: Fine?}}
"""


def test_the_office_item_is_identifying_by_its_code_and_others_by_their_mark():
    assert identifying_items(QUESTIONNAIRE) == ["office"]
    assert identifying_items(decode_definition(ROLE)) == ["role"]


def test_small_values_go_up_and_blanks_stay_blank_only_when_k_left_them_blank():
    roles = decode_definition(ROLE)
    answers = [{"role": "a", "fine": True}] * 5 + [{"role": "b"}] * 2 + [{"fine": False}] * 3
    out = recoded(answers, roles, {}, 5)
    # b (2) and the blanks (3) are each under 5: both to the department, which then has 5.
    assert [a.get("role") for a in out] == ["a"] * 5 + [DEPARTMENT] * 5
    assert [a.get("fine") for a in out] == [True] * 5 + [None] * 2 + [False] * 3
    blanks = recoded([{"role": "a"}] * 5 + [{}] * 5, roles, {}, 5)
    assert [a.get("role") for a in blanks] == ["a"] * 5 + [None] * 5
    assert answers[5] == {"role": "b"}  # the input is left as it was


def test_offices_merge_into_their_area():
    answers = [{"office": "x"}] * 2 + [{"office": "y"}] * 3 + [{"office": "z"}] * 6
    out = recoded(answers, QUESTIONNAIRE, {"x": "north", "y": "north", "z": "south"}, 5)
    assert [a["office"] for a in out] == ["north"] * 5 + ["z"] * 6
