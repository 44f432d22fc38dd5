"""Reading follow-ups: the paginated list, one follow-up with its case, and their figures."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import msgspec

from analysis.follow_ups import FollowUpFigures, ReAskFigures, follow_up_figures, re_ask_figures
from case_bridge import storage
from case_bridge.storage import clock
from case_bridge.tables import Case, FollowUp
from survey.feedback.invitations import may_be_emailed
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse
from survey.follow_ups import schemas
from survey.follow_ups.errors import FollowUpNotFound
from survey.follow_ups.states import FRONT_OFFICE, add_working_days, is_overdue
from survey.follow_ups.tables import FollowUpChange
from survey.privacy.masking import mask

PER_PAGE = 50
_SORTS = {
    "opened": (FollowUp.opened_at, True),
    "-opened": (FollowUp.opened_at, False),
    "office": (FollowUp.office.code, True),
    "state": (FollowUp.status, True),
}
_REASONS = {"low_rating": "satisfaction%", "not_resolved": "%not resolved%"}


def _columns() -> list:
    return [
        FollowUp.id,
        FollowUp.case.code.as_alias("case"),
        FollowUp.office.code.as_alias("office"),
        FollowUp.office.name.as_alias("office_name"),
        FollowUp.office.name_en.as_alias("office_name_en"),
        FollowUp.reason,
        FollowUp.status.as_alias("state"),
        FollowUp.manager,
        FollowUp.outcome,
        FollowUp.opened_at,
        FollowUp.closed_at,
    ]


def _row(row: dict, now: datetime, due_days: int) -> schemas.FollowUpRow:
    return schemas.FollowUpRow(
        **row,
        due_at=add_working_days(row["opened_at"], due_days),
        overdue=is_overdue(row["state"], row["opened_at"], now, due_days),
    )


def _conditions(
    *,
    state: str | None,
    office: str | None,
    older_than_days: int | None,
    reason: str | None,
    now: datetime,
) -> list:
    where = []
    if state:
        where.append(FollowUp.status == state)
    if office == FRONT_OFFICE:
        where.append(FollowUp.office.is_null())
    elif office:
        where.append(FollowUp.office.code == office)
    if older_than_days:
        where.append(FollowUp.opened_at <= now - timedelta(days=older_than_days))
    if reason:
        where.append(FollowUp.reason.like(_REASONS[reason]))
    return where


async def follow_up_page(
    *,
    due_days: int,
    state: str | None = None,
    office: str | None = None,
    older_than_days: int | None = None,
    reason: str | None = None,
    sort: str = "-opened",
    page: int = 1,
    now: datetime | None = None,
) -> schemas.FollowUpPage:
    """One page (50 a page) of the follow-ups that pass the filters, in the order asked."""
    now = now or clock.now()
    where = _conditions(
        state=state, office=office, older_than_days=older_than_days, reason=reason, now=now
    )
    total = await FollowUp.count().where(*where).run() if where else await FollowUp.count().run()
    column, ascending = _SORTS[sort]
    query = (
        FollowUp.select(*_columns())
        .order_by(column, ascending=ascending)
        .order_by(FollowUp.id, ascending=False)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    if where:
        query = query.where(*where)
    rows = await query.run()
    return schemas.FollowUpPage(
        total=total,
        page=page,
        pages=max(1, math.ceil(total / PER_PAGE)),
        per_page=PER_PAGE,
        follow_ups=[_row(row, now, due_days) for row in rows],
    )


async def follow_up_detail(
    *, follow_up_id: int, due_days: int, now: datetime | None = None
) -> schemas.FollowUpDetail:
    """A follow-up with its case, the citizen's answers and comment, and its history."""
    now = now or clock.now()
    row = (
        await FollowUp.select(*_columns(), FollowUp.case.id.as_alias("case_id"), FollowUp.note)
        .where(FollowUp.id == follow_up_id)
        .first()
        .run()
    )
    if row is None:
        raise FollowUpNotFound(follow_up_id)
    case_id, note = row.pop("case_id"), row.pop("note")
    case = (
        await Case.select(
            Case.code,
            Case.channel,
            Case.request_type,
            Case.topic,
            Case.opened_at,
            Case.closed_at,
            Case.contact_email,
        )
        .where(Case.id == case_id)
        .first()
        .run()
    )
    assert case is not None  # a follow-up's case is never deleted (ON DELETE RESTRICT)
    case_email = case.pop("contact_email")  # whether the citizen can be asked again, no more
    responses = {
        row["re_ask"]: row
        for row in await FeedbackResponse.select(
            FeedbackResponse.re_ask,
            FeedbackResponse.questionnaire,
            FeedbackResponse.questionnaire_version,
            FeedbackResponse.answers,
        )
        .where(FeedbackResponse.case == case_id)
        .run()
    }
    response = responses.get(False)
    answers = storage.json_object(response["answers"]) if response else {}
    history = (
        await FollowUpChange.select(
            FollowUpChange.actor,
            FollowUpChange.at,
            FollowUpChange.action,
            FollowUpChange.from_state,
            FollowUpChange.to_state,
            FollowUpChange.note,
        )
        .where(FollowUpChange.follow_up == follow_up_id)
        .order_by(FollowUpChange.at)
        .order_by(FollowUpChange._meta.primary_key)
        .run()
    )
    re_ask = await _re_ask(case_id, responses.get(True))
    return schemas.FollowUpDetail(
        follow_up=_row(row, now, due_days),
        case=msgspec.convert(case, schemas.CaseFacts),
        questionnaire=response["questionnaire"] if response else None,
        questionnaire_version=response["questionnaire_version"] if response else None,
        answers={key: value for key, value in answers.items() if key != "comment"},
        comment=mask(str(answers.get("comment") or "")),  # read by managers and offices
        note=note,
        history=msgspec.convert(history, list[schemas.Change]),
        can_re_ask=re_ask is None and may_be_emailed(case_email),
        re_ask=re_ask,
    )


async def _re_ask(case_id: int, response: dict | None) -> schemas.ReAsk | None:
    asked = (
        await FeedbackInvitation.select(FeedbackInvitation.created_at)
        .where((FeedbackInvitation.case == case_id) & (FeedbackInvitation.re_ask == True))
        .first()
        .run()
    )
    if asked is None:
        return None
    if response is None:
        return schemas.ReAsk(
            asked_at=asked["created_at"],
            questionnaire=None,
            questionnaire_version=None,
            answers=None,
        )
    return schemas.ReAsk(
        asked_at=asked["created_at"],
        questionnaire=response["questionnaire"],
        questionnaire_version=response["questionnaire_version"],
        answers=storage.json_object(response["answers"]),
    )


def reason_parts(reason: str) -> list[tuple[str, str]]:
    """The reasons a follow-up was opened for, as (kind, value) for a page to put in words:
    the stored text is the feedback rule's, in English (`survey.feedback.services`)."""
    parts = []
    for part in filter(None, (piece.strip() for piece in reason.split(";"))):
        if part.startswith("satisfaction "):
            parts.append(("low_rating", part.removeprefix("satisfaction ").split("/")[0]))
        elif part == "request not resolved":
            parts.append(("not_resolved", ""))
        else:
            parts.append(("other", part))
    return parts


async def office_choices(lang: str = "it") -> list[tuple[str, str]]:
    """(code, name in `lang`) of the offices that have follow-ups, by name: the office filter's
    options (an office without an English name keeps its Italian one)."""
    rows = (
        await FollowUp.select(
            FollowUp.office.code.as_alias("code"),
            FollowUp.office.name.as_alias("name"),
            FollowUp.office.name_en.as_alias("name_en"),
        )
        .where(FollowUp.office.is_not_null())
        .distinct()
        .run()
    )
    named = [
        (row["code"], row["name_en"] if lang == "en" and row["name_en"] else row["name"])
        for row in rows
    ]
    return sorted(named, key=lambda pair: pair[1])


async def load_follow_up_figures(*, due_days: int, now: datetime | None = None) -> FollowUpFigures:
    """Every follow-up's figures (open, overdue, time to close, outcomes) by office and month;
    the report can call this too."""
    now = now or clock.now()
    rows = await FollowUp.select(
        FollowUp.office.code.as_alias("office"),
        FollowUp.status,
        FollowUp.opened_at,
        FollowUp.closed_at,
        FollowUp.outcome,
    ).run()
    return follow_up_figures(
        offices=[row["office"] or FRONT_OFFICE for row in rows],
        states=[row["status"] for row in rows],
        opened_at=[row["opened_at"] for row in rows],
        closed_at=[row["closed_at"] for row in rows],
        outcomes=[row["outcome"] for row in rows],
        overdue=[is_overdue(row["status"], row["opened_at"], now, due_days) for row in rows],
    )


_RE_ASKS = """
SELECT answered."satisfaction" AS "first", again."satisfaction" AS "again"
FROM "feedback_invitations" i
LEFT JOIN "feedback_responses" answered ON answered."case" = i."case" AND NOT answered."re_ask"
LEFT JOIN "feedback_responses" again ON again."case" = i."case" AND again."re_ask"
WHERE i."re_ask"
"""


async def load_re_ask_figures() -> ReAskFigures:
    """The citizens asked again when their follow-up closed, counted apart from the main CSAT:
    how many were asked and answered, and their CSAT then and at first (hidden under k)."""
    rows = await storage.run_sql(_RE_ASKS)
    return re_ask_figures(
        first=[row["first"] for row in rows], again=[row["again"] for row in rows]
    )
