"""The tally at close: the sealed answers opened in memory with the guardians' key, their
identifying items recoded to groups of at least k, and written in one shuffled insert.

Run inside the closing transaction (`services.close_consultation`), so a submission either
committed before it (and is tallied) or sees the consultation closed (and is refused)."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence

import msgspec
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from analysis.recoding import DEPARTMENT, recode_groups
from case_bridge import storage
from case_bridge.tables import Office
from questionnaires import Questionnaire
from survey.consultations.sealing import open_answer
from survey.consultations.tables import ConsultationResponse

OFFICE_ITEM = "office"
_UNANSWERED = ""  # the group of those who left an identifying item blank
_COLUMNS = ("id", "consultation", "questionnaire_version", "answers", "office")
_TAKE_SEALED = """
DELETE FROM "consultation_sealed_answers" WHERE "consultation" = ? RETURNING "sealed"
"""


def identifying_items(questionnaire: Questionnaire) -> list[str]:
    """The items recoded at the tally: the office question and every item marked identifying."""
    return [
        item.code
        for item in questionnaire.items()
        if item.code == OFFICE_ITEM or getattr(item, "identifying", False)
    ]


def recoded(
    answers: Sequence[Mapping[str, object]],
    questionnaire: Questionnaire,
    area_of: Mapping[str, str | None],
    threshold: int,
) -> list[dict[str, object]]:
    """The answers with each identifying item replaced by its group (analysis.recoding); a
    blank kept blank only if at least k left it blank, else counted in the department."""
    out = [dict(answer) for answer in answers]
    for code in identifying_items(questionnaire):
        counts = Counter(str(answer.get(code, _UNANSWERED)) for answer in out)
        areas = area_of if code == OFFICE_ITEM else {}
        groups = recode_groups(counts, areas, threshold)
        for answer in out:
            group = groups[str(answer.get(code, _UNANSWERED))]
            if group == _UNANSWERED:
                answer.pop(code, None)
            else:
                answer[code] = group
    return out


async def areas() -> dict[str, str | None]:
    """Each office's area, as the offices' table defines it."""
    return {row["code"]: row["area"] for row in await Office.select(Office.code, Office.area).run()}


async def tally_sealed_answers(
    *,
    consultation_id: int,
    questionnaire: Questionnaire,
    private_key: X25519PrivateKey,
    threshold: int,
    shuffle: random.Random,
) -> int:
    """In the caller's transaction: take (delete) the sealed answers, open, recode, shuffle and
    insert them in one statement; return how many."""
    sealed = await storage.run_sql(_TAKE_SEALED, [consultation_id])
    opened = [open_answer(private_key, bytes(row["sealed"])) for row in sealed]
    answers = recoded(opened, questionnaire, await areas(), threshold)
    has_office = questionnaire.item(OFFICE_ITEM) is not None
    rows = [
        [
            str(uuid.uuid4()),
            consultation_id,
            questionnaire.version,
            # Keys sorted: the order a referent filled and saved sections in is not kept.
            msgspec.json.encode(answer, order="sorted").decode(),
            answer.get(OFFICE_ITEM) if has_office else None,
        ]
        for answer in answers
    ]
    # Shuffled, then one statement: every row gets the same transaction and no row's place
    # (rowid, ctid, a dump's order) follows the order in which the answers were sent.
    shuffle.shuffle(rows)
    if rows:
        insert = storage.engine().json_insert_sql(ConsultationResponse, _COLUMNS)
        await storage.run_sql(insert, [msgspec.json.encode(rows).decode()])
    return len(rows)


__all__ = ["DEPARTMENT", "identifying_items", "recoded", "tally_sealed_answers"]
