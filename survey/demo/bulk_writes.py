"""Bulk writes of the demo: offices, referents, emergency periods and citizens' answers, each
one `executemany` in the caller's writing transaction (the per-answer service path would take
minutes for a year of answers)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import msgspec

from case_bridge.services import open_follow_up
from case_bridge.storage import clock
from case_bridge.tables import EmergencyPeriod, Office, Referent
from questionnaires import Questionnaire
from survey.demo import calendar, people
from survey.demo.answers import Answer
from survey.feedback.queries import SCORE_ITEMS
from survey.feedback.services import follow_up_reason
from survey.questionnaire_versions.services import pin

_OFFICE = f"""
INSERT INTO "{Office._meta.tablename}" ("code", "name", "name_en", "area") VALUES (?, ?, ?, ?)
ON CONFLICT ("code") DO NOTHING
"""
_REFERENT = f"""
INSERT INTO "{Referent._meta.tablename}" ("office", "name", "email", "active")
SELECT "id", ?, ?, ? FROM "{Office._meta.tablename}" WHERE "code" = ?
ON CONFLICT ("email") DO NOTHING
"""
_EMERGENCY = f"""
INSERT INTO "{EmergencyPeriod._meta.tablename}" ("name", "starts_at", "ends_at", "opening_hour",
    "closing_hour")
VALUES (?, ?, ?, ?, ?)
"""
# The same rows `survey.feedback.queries.write_answer` writes one at a time, in bulk: the
# current answer of each case, then every revision of it.
_RESPONSE = """
INSERT INTO "feedback_responses" ("case", "questionnaire", "questionnaire_version", "answers",
    "collection_channel", "first_submitted_at", "updated_at", "revisions", "satisfaction",
    "resolved", "effort", "recommend")
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_REVISION = """
INSERT INTO "feedback_revisions" ("response", "number", "answers", "collection_channel",
    "submitted_at")
VALUES (?, ?, ?, ?, ?)
"""


async def write_staff(engine, referents: Sequence[people.Referent]) -> None:
    """The department's offices and their referents (kept if already there)."""
    offices = [
        (code, name, people.OFFICES_EN[code], people.AREAS[code])
        for code, name in people.OFFICES.items()
    ]
    await engine.executemany(_OFFICE, offices)
    rows = [(r.name, r.email, True, r.office) for r in referents]
    await engine.executemany(_REFERENT, rows)


def _local_midnight(day) -> datetime:
    return clock.as_utc(datetime.combine(day, datetime.min.time()))


async def write_emergencies(engine) -> None:
    """The dossier's emergency periods, from the first day's start to the last day's end, with
    the hours the line kept."""
    moment = engine.timestamp_parameter
    rows = [
        (
            emergency.name,
            moment(_local_midnight(emergency.first_day)),
            moment(_local_midnight(emergency.last_day + timedelta(days=1))),
            *emergency.hours,
        )
        for emergency in calendar.EMERGENCIES
    ]
    await engine.executemany(_EMERGENCY, rows)


def _encoded(answers: dict[str, object]) -> str:
    return msgspec.json.encode(answers).decode()


async def write_answers(
    engine, answers: Sequence[Answer], case_ids: Sequence[int], questionnaire: Questionnaire
) -> int:
    """Answers with their revisions and the follow-ups unhappy ones open; returns revisions."""
    moment = engine.timestamp_parameter
    await engine.run_script(lambda db: pin(db, questionnaire))
    rows = []
    for answer in answers:
        (first_at, _), (last_at, current) = answer.revisions[0], answer.revisions[-1]
        rows.append(
            (
                case_ids[answer.case],
                questionnaire.id,
                questionnaire.version,
                _encoded(current),
                answer.collection_channel,
                moment(first_at),
                moment(last_at),
                len(answer.revisions),
                *(current.get(name) for name in SCORE_ITEMS),
            )
        )
    await engine.executemany(_RESPONSE, rows)
    found = await engine.run_sql('SELECT "id", "case" FROM "feedback_responses"')
    response_of = {row["case"]: row["id"] for row in found}
    revisions = [
        (response_of[case_ids[a.case]], number, _encoded(given), a.collection_channel, moment(at))
        for a in answers
        for number, (at, given) in enumerate(a.revisions, start=1)
    ]
    await engine.executemany(_REVISION, revisions)
    await engine.run_script(lambda db: _open_follow_ups(db, answers, case_ids))
    return len(revisions)


async def _open_follow_ups(db, answers: Sequence[Answer], case_ids: Sequence[int]) -> None:
    # The rule of the service path: an unhappy answer asks for a call-back, once per case.
    for answer in answers:
        for at, given in answer.revisions:
            reason = follow_up_reason(given)
            if reason:
                await open_follow_up(db, case_id=case_ids[answer.case], reason=reason, now=at)
                break
