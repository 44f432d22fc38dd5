"""The life of a citizen's rating: first answer, changes in the edit window, IVR, follow-ups."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime, timedelta

import msgspec

from case_bridge import clock
from case_bridge.errors import Conflict, NotFound
from case_bridge.services import open_follow_up, writing
from case_bridge.tables import Case
from questionnaires import Questionnaire, Registry, validate_answers, visible_items
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse, FeedbackRevision
from survey.questionnaire_pins import pin
from survey.settings import Settings
from survey.tokens import hash_token

QUESTIONNAIRE = "citizen-feedback"


class CollectionChannel(enum.StrEnum):
    """How an answer reached us: ratings differ by channel, so each answer keeps it."""

    EMAIL_LINK = "email_link"
    WEB_LINK = "web_link"
    IVR = "ivr"
    OPERATOR = "operator"


class FeedbackUnavailable(NotFound):
    """Unknown, expired or used link: one answer for all, revealing nothing of the case."""

    def __init__(self) -> None:
        super().__init__("this feedback link is not valid or no longer open")


class EditWindowClosed(Conflict):
    def __init__(self) -> None:
        super().__init__("the time to change this answer has ended")


class AlreadyAnswered(Conflict):
    def __init__(self) -> None:
        super().__init__("this case already has an answer")


class CaseNotClosed(Conflict):
    def __init__(self) -> None:
        super().__init__("only a closed case can be rated")


class FeedbackState(msgspec.Struct, kw_only=True):
    """What the citizen's page shows."""

    case_code: str
    request_type: str
    closed_on: str
    questionnaire: str
    questionnaire_version: int
    answers: dict[str, object] | None
    first_submitted_at: datetime | None
    editable_until: datetime | None
    emailed: bool


class _Found(msgspec.Struct):
    invitation_id: int
    case_id: int
    expires_at: datetime
    emailed: bool


async def _invitation(token: str) -> _Found:
    row = (
        await FeedbackInvitation.select(
            FeedbackInvitation.id,
            FeedbackInvitation.case,
            FeedbackInvitation.expires_at,
            FeedbackInvitation.emailed,
        )
        .where(FeedbackInvitation.token_hash == hash_token(token))
        .first()
        .run()
    )
    if row is None:
        raise FeedbackUnavailable()
    return _Found(row["id"], row["case"], row["expires_at"], row["emailed"])


async def _response(case_id: int) -> dict | None:
    return await FeedbackResponse.select().where(FeedbackResponse.case == case_id).first().run()


def _open_until(found: _Found, response: dict | None, settings: Settings) -> datetime:
    if response is None:
        return found.expires_at
    return response["first_submitted_at"] + timedelta(days=settings.edit_window_days)


async def feedback_state(
    *, token: str, settings: Settings, now: datetime | None = None
) -> FeedbackState:
    """The case and the current answer behind a link that is still open."""
    now = now or clock.now()
    found = await _invitation(token)
    response = await _response(found.case_id)
    if now >= _open_until(found, response, settings):
        raise FeedbackUnavailable()
    case = (
        await Case.select(Case.code, Case.request_type, Case.closed_at)
        .where(Case.id == found.case_id)
        .first()
        .run()
    )
    return FeedbackState(
        case_code=case["code"],
        request_type=case["request_type"],
        closed_on=clock.local_date(case["closed_at"]),
        questionnaire=response["questionnaire"] if response else QUESTIONNAIRE,
        questionnaire_version=response["questionnaire_version"] if response else 0,
        answers=_decoded(response["answers"]) if response else None,
        first_submitted_at=response["first_submitted_at"] if response else None,
        editable_until=_open_until(found, response, settings) if response else None,
        emailed=found.emailed,
    )


def _decoded(answers: object) -> dict[str, object]:
    return msgspec.json.decode(answers) if isinstance(answers, str | bytes) else dict(answers)


async def submit_feedback(
    *,
    token: str,
    answers: Mapping[str, object],
    channel: CollectionChannel,
    settings: Settings,
    registry: Registry,
    now: datetime | None = None,
) -> FeedbackState:
    """Store a first answer, or a change within the edit window; every one kept as a revision."""
    now = now or clock.now()
    questionnaire = registry.latest(QUESTIONNAIRE)
    clean = validate_answers(questionnaire, answers)
    found = await _invitation(token)
    async with writing():
        await _lock_case(found.case_id)
        response = await _response(found.case_id)
        if now >= _open_until(found, response, settings):
            raise EditWindowClosed() if response else FeedbackUnavailable()
        if response is not None:
            questionnaire = registry.get(
                response["questionnaire"], response["questionnaire_version"]
            )
            clean = validate_answers(questionnaire, answers)
        await _store(found.case_id, response, questionnaire, clean, channel, now)
    return await feedback_state(token=token, settings=settings, now=now)


async def _lock_case(case_id: int) -> None:
    # A no-op update takes the case's row lock on PostgreSQL, so concurrent first answers to one
    # case queue here instead of racing to insert two responses (SQLite's writer lock does the
    # same by itself).
    await Case._meta.db.run_sql('UPDATE "cases" SET "id" = "id" WHERE "id" = ?', [case_id])


async def _store(
    case_id: int,
    response: dict | None,
    questionnaire: Questionnaire,
    answers: dict[str, object],
    channel: CollectionChannel,
    now: datetime,
) -> None:
    scores = {
        "satisfaction": answers.get("satisfaction"),
        "resolved": answers.get("resolved"),
        "effort": answers.get("effort"),
        "recommend": answers.get("recommend"),
    }
    if response is None:
        await pin(questionnaire)
        rows = (
            await FeedbackResponse.insert(
                FeedbackResponse(
                    case=case_id,
                    questionnaire=questionnaire.id,
                    questionnaire_version=questionnaire.version,
                    answers=answers,
                    collection_channel=channel,
                    first_submitted_at=now,
                    updated_at=now,
                    revisions=1,
                    **scores,
                )
            )
            .returning(FeedbackResponse.id)
            .run()
        )
        response_id, number = rows[0]["id"], 1
    else:
        response_id, number = response["id"], response["revisions"] + 1
        await (
            FeedbackResponse.update(
                {
                    FeedbackResponse.answers: answers,
                    FeedbackResponse.collection_channel: channel,
                    FeedbackResponse.updated_at: now,
                    FeedbackResponse.revisions: number,
                    **{getattr(FeedbackResponse, name): value for name, value in scores.items()},
                }
            )
            .where(FeedbackResponse.id == response_id)
            .run()
        )
    await FeedbackRevision.insert(
        FeedbackRevision(
            response=response_id,
            number=number,
            answers=answers,
            collection_channel=channel,
            submitted_at=now,
        )
    ).run()
    await _follow_up_if_unhappy(case_id, answers)


async def _follow_up_if_unhappy(case_id: int, answers: Mapping[str, object]) -> None:
    """A rating of 1–2, or a request not resolved, asks someone to call the citizen back."""
    satisfaction = answers.get("satisfaction")
    reasons = []
    if isinstance(satisfaction, int) and satisfaction <= 2:
        reasons.append(f"satisfaction {satisfaction}/5")
    if answers.get("resolved") == "no":
        reasons.append("request not resolved")
    if reasons:
        await open_follow_up(case_id=case_id, reason="; ".join(reasons))


async def submit_ivr(
    *, case_code: str, satisfaction: int, resolved: int, registry: Registry
) -> None:
    """A post-call keypad rating: satisfaction 1–5 and resolved 1 = yes, 2 = no."""
    questionnaire = registry.latest(QUESTIONNAIRE)
    answers = validate_answers(
        questionnaire, {"satisfaction": satisfaction, "resolved": "yes" if resolved == 1 else "no"}
    )
    now = clock.now()
    async with writing():
        case = await Case.select(Case.id, Case.status).where(Case.code == case_code).first().run()
        if case is None:
            raise NotFound(f"no case with code {case_code!r}")
        if case["status"] != "closed":
            raise CaseNotClosed()
        await _lock_case(case["id"])
        if await _response(case["id"]) is not None:
            raise AlreadyAnswered()
        await _store(case["id"], None, questionnaire, answers, CollectionChannel.IVR, now)


async def revisions(*, case_code: str) -> list[dict]:
    """Every answer a case received, oldest first (the audit trail)."""
    rows = (
        await FeedbackRevision.select(
            FeedbackRevision.number,
            FeedbackRevision.answers,
            FeedbackRevision.collection_channel,
            FeedbackRevision.submitted_at,
        )
        .where(FeedbackRevision.response.case.code == case_code)
        .order_by(FeedbackRevision.number)
        .run()
    )
    return [row | {"answers": _decoded(row["answers"])} for row in rows]


def shown_items(questionnaire: Questionnaire, answers: Mapping[str, object]) -> set[str]:
    """Codes of the items the answers so far make visible."""
    return {item.code for item in visible_items(questionnaire, answers)}
