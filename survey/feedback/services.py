"""The life of a citizen's rating: first answer, changes in the edit window, IVR, follow-ups."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

import msgspec

from case_bridge import storage
from case_bridge.errors import CaseNotFound
from case_bridge.services import open_follow_up
from case_bridge.storage import clock
from case_bridge.storage.engines import AwaitedStatements
from case_bridge.storage.scripts import Statements
from questionnaires import (
    InvalidAnswers,
    Questionnaire,
    Registry,
    validate_answers,
    visible_items,
)
from survey.feedback import queries
from survey.feedback.errors import (
    AlreadyAnswered,
    CaseNotClosed,
    EditWindowClosed,
    FeedbackUnavailable,
    InvitationNotFound,
)
from survey.feedback.invitations import feedback_link
from survey.feedback.schemas import CollectionChannel, FeedbackLink, FeedbackState
from survey.feedback.tables import FeedbackInvitation, FeedbackRevision
from survey.follow_ups.work import close_on_improved_rating
from survey.questionnaire_versions.services import pin, pin_values
from survey.settings import Settings
from survey.web.tokens import hash_token

QUESTIONNAIRE = "citizen-feedback"


class _Link(msgspec.Struct):
    """An invitation with its case and the case's current answer, read in one query."""

    case_id: int
    invitation_id: int
    re_ask: bool
    expires_at: datetime
    emailed: bool
    code: str
    request_type: str
    closed_at: datetime
    office_name: str | None
    office_name_en: str | None
    response: dict | None


async def _link(db: Statements, token: str) -> _Link:
    row = await queries.link_row(db, hash_token(token))
    if row is None:
        raise FeedbackUnavailable()
    response = None
    if row["response_id"] is not None:
        response = {key: row[key] for key in _RESPONSE_KEYS}
    return _link_of(row, response)


def _link_of(row: dict, response: dict | None) -> _Link:
    return _Link(
        row["case_id"],
        row["invitation_id"],
        bool(row["re_ask"]),
        row["expires_at"],
        bool(row["emailed"]),
        row["code"],
        row["request_type"],
        row["closed_at"],
        row["office_name"],
        row["office_name_en"],
        response,
    )


_RESPONSE_KEYS = (
    "response_id",
    "questionnaire",
    "questionnaire_version",
    "answers",
    "first_submitted_at",
    "revisions",
)


def _open_until(link: _Link, response: dict | None, settings: Settings) -> datetime:
    if response is None:
        return link.expires_at
    return response["first_submitted_at"] + timedelta(days=settings.edit_window_days)


def _state(link: _Link, response: dict | None, settings: Settings) -> FeedbackState:
    return FeedbackState(
        case_code=link.code,
        request_type=link.request_type,
        closed_on=clock.local_date(link.closed_at),
        questionnaire=response["questionnaire"] if response else QUESTIONNAIRE,
        questionnaire_version=response["questionnaire_version"] if response else 0,
        answers=storage.json_object(response["answers"]) if response else None,
        first_submitted_at=response["first_submitted_at"] if response else None,
        editable_until=_open_until(link, response, settings) if response else None,
        emailed=link.emailed,
        re_ask=link.re_ask,
        office_name=link.office_name,
        office_name_en=link.office_name_en or "",
    )


async def feedback_state(
    *, token: str, settings: Settings, now: datetime | None = None
) -> FeedbackState:
    """The case and the current answer behind a link that is still open."""
    link = await _link(AwaitedStatements(storage.engine()), token)
    if (now or clock.now()) >= _open_until(link, link.response, settings):
        raise FeedbackUnavailable()
    return _state(link, link.response, settings)


async def submit_feedback(
    *,
    token: str,
    answers: Mapping[str, object],
    channel: CollectionChannel | None,
    settings: Settings,
    registry: Registry,
    now: datetime | None = None,
) -> FeedbackState:
    """Store a first answer, or a change within the edit window; every one kept as a revision.

    Without a channel, the answer came through the emailed link if there was one, else the web
    link shown at closing."""
    return await _save(
        token=token,
        answers_to_store=lambda questionnaire, current: answers,
        channel=channel,
        settings=settings,
        registry=registry,
        now=now,
    )


async def submit_step(
    *,
    token: str,
    step: int,
    answers: Mapping[str, object],
    channel: CollectionChannel | None,
    settings: Settings,
    registry: Registry,
    now: datetime | None = None,
) -> FeedbackState:
    """Store one step of a step-by-step questionnaire as soon as it is sent.

    The step's answers replace what that step held before; the other steps' answers are kept,
    except those the new answers now leave out (a rating raised from 2 to 5 drops the
    difficulty reason). A first step saved is a first answer: it is counted, and the edit
    window runs from it."""

    def merged(questionnaire: Questionnaire, current: dict[str, object]) -> dict[str, object]:
        codes = {item.code for item in questionnaire.step_items(step)}
        kept = {code: value for code, value in current.items() if code not in codes}
        combined = kept | {code: value for code, value in answers.items() if code in codes}
        shown = {item.code for item in visible_items(questionnaire, combined)}
        return {code: value for code, value in combined.items() if code in shown}

    return await _save(
        token=token,
        answers_to_store=merged,
        channel=channel,
        settings=settings,
        registry=registry,
        now=now,
    )


AnswersToStore = Callable[[Questionnaire, dict[str, object]], Mapping[str, object]]


async def _save(
    *,
    token: str,
    answers_to_store: AnswersToStore,
    channel: CollectionChannel | None,
    settings: Settings,
    registry: Registry,
    now: datetime | None,
) -> FeedbackState:
    now = now or clock.now()
    if storage.engine().engine_type == "postgres":
        first = await _first_answer(token, answers_to_store, channel, settings, registry, now)
        if first is not None:
            return first

    # One script from the token to the stored answer: on SQLite it runs whole on the writer's
    # thread, one hop from the event loop for the request.
    # SQLite runs the script under BEGIN IMMEDIATE, its one writer's lock: the answer read
    # with the link is current. PostgreSQL reads it again once the case is locked.
    concurrent_writers = storage.engine().engine_type == "postgres"

    async def script(db: Statements) -> tuple[_Link, dict | None, Questionnaire, dict]:
        link = await _link(db, token)
        response = link.response
        if concurrent_writers:
            await queries.lock_case(db, link.case_id)
            response = await queries.current_response(db, link.case_id, re_ask=link.re_ask)
        if now >= _open_until(link, response, settings):
            raise EditWindowClosed() if response else FeedbackUnavailable()
        questionnaire = _questionnaire_of(response, registry)
        current = storage.json_object(response["answers"]) if response else {}
        clean = validate_answers(questionnaire, answers_to_store(questionnaire, current))
        via = channel or (
            CollectionChannel.EMAIL_LINK if link.emailed else CollectionChannel.WEB_LINK
        )
        answered = _Answered(link.case_id, link.invitation_id, link.re_ask)
        await _store(db, answered, response, questionnaire, clean, via, now)
        return link, response, questionnaire, clean

    link, response, questionnaire, clean = await storage.run_script(script)
    stored = {
        "questionnaire": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "answers": clean,
        "first_submitted_at": response["first_submitted_at"] if response else now,
    }
    return _state(link, stored, settings)


async def _first_answer(
    token: str,
    answers_to_store: AnswersToStore,
    channel: CollectionChannel | None,
    settings: Settings,
    registry: Registry,
    now: datetime,
) -> FeedbackState | None:
    """PostgreSQL, one round trip: the answer stored as the link's first, or None when it
    must take the transaction script instead — the link is unknown, expired or answered
    already (a change), the answers are not valid for the latest questionnaire (a change may
    be to an older version) or they open a follow-up."""
    questionnaire = registry.latest(QUESTIONNAIRE)
    try:
        clean = validate_answers(questionnaire, answers_to_store(questionnaire, {}))
    except InvalidAnswers:
        return None
    if follow_up_reason(clean):
        return None
    row = await queries.first_answer(
        AwaitedStatements(storage.engine()),
        token_hash=hash_token(token),
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        pin=pin_values(questionnaire),
        answers=clean,
        channel=channel.value if channel else None,
        now=now,
    )
    if row is None:
        return None
    link = _link_of(row, None)
    stored = {
        "questionnaire": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "answers": clean,
        "first_submitted_at": now,
    }
    return _state(link, stored, settings)


def _questionnaire_of(response: dict | None, registry: Registry) -> Questionnaire:
    if response is None:
        return registry.latest(QUESTIONNAIRE)
    return registry.get(response["questionnaire"], response["questionnaire_version"])


class _Answered(msgspec.Struct):
    """What an answer answers: its case, and the invitation (none for a keypad rating that
    came before any) with whether that is a re-ask."""

    case_id: int
    invitation_id: int | None
    re_ask: bool


async def _store(
    db: Statements,
    answered: _Answered,
    response: dict | None,
    questionnaire: Questionnaire,
    answers: dict[str, object],
    channel: CollectionChannel,
    now: datetime,
) -> None:
    if response is None:
        await pin(db, questionnaire)
    await queries.write_answer(
        db,
        case_id=answered.case_id,
        invitation=(answered.invitation_id, answered.re_ask),
        response=response,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        answers=answers,
        channel=channel,
        now=now,
    )
    # The one place where a stored answer acts on follow-ups: every way in (the whole form, each
    # step, the API, the IVR) passes here, in the transaction that stores the answer. A re-ask
    # comes after the follow-up was closed: its answer is a figure of its own, not new work.
    if answered.re_ask:
        return
    reason = follow_up_reason(answers)
    if reason:
        await open_follow_up(db, case_id=answered.case_id, reason=reason, now=now)
    elif response is not None and _improved(answers):
        await close_on_improved_rating(db, case_id=answered.case_id, now=now)


def _improved(answers: Mapping[str, object]) -> bool:
    satisfaction = answers.get("satisfaction")
    return isinstance(satisfaction, int) and satisfaction >= 4


def follow_up_reason(answers: Mapping[str, object]) -> str:
    """Why someone should call the citizen back: a rating of 1–2, or a request not resolved."""
    satisfaction = answers.get("satisfaction")
    reasons = []
    if isinstance(satisfaction, int) and satisfaction <= 2:
        reasons.append(f"satisfaction {satisfaction}/5")
    if answers.get("resolved") == "no":
        reasons.append("request not resolved")
    return "; ".join(reasons)


_CASE_STATUS = """
SELECT c."id", c."status", i."id" AS "invitation_id" FROM "cases" c
LEFT JOIN "feedback_invitations" i ON i."case" = c."id" AND i."re_ask" = ?
WHERE c."code" = ?
"""


async def submit_ivr(
    *, case_code: str, satisfaction: int, resolved: int, registry: Registry
) -> None:
    """A post-call keypad rating: satisfaction 1–5 and resolved 1 = yes, 2 = no."""
    questionnaire = registry.latest(QUESTIONNAIRE)
    answers = validate_answers(
        questionnaire, {"satisfaction": satisfaction, "resolved": "yes" if resolved == 1 else "no"}
    )
    now = clock.now()

    async def script(db: Statements) -> None:
        cases = await db.rows(_CASE_STATUS, [False, case_code])
        if not cases:
            raise CaseNotFound(case_code)
        if cases[0]["status"] != "closed":
            raise CaseNotClosed()
        await queries.lock_case(db, cases[0]["id"])
        if await queries.current_response(db, cases[0]["id"]) is not None:
            raise AlreadyAnswered()
        answered = _Answered(cases[0]["id"], cases[0]["invitation_id"], False)
        await _store(db, answered, None, questionnaire, answers, CollectionChannel.IVR, now)

    await storage.run_script(script)


async def revisions(*, case_code: str) -> list[dict]:
    """Every answer a case received, oldest first (the audit trail)."""
    rows = (
        await FeedbackRevision.select(
            FeedbackRevision.number,
            FeedbackRevision.answers,
            FeedbackRevision.collection_channel,
            FeedbackRevision.submitted_at,
        )
        .where(FeedbackRevision.response.case.code == case_code)  # type: ignore[union-attr]  # Piccolo types the columns reached through a foreign key as Column | Any
        .order_by(FeedbackRevision.number)
        .run()
    )
    return [row | {"answers": storage.json_object(row["answers"])} for row in rows]


async def web_link(*, case_code: str, settings: Settings) -> FeedbackLink:
    """The feedback link of a closed case, for the main platform to show at closing."""
    row = (
        await FeedbackInvitation.select(FeedbackInvitation.id)
        .where((FeedbackInvitation.case.code == case_code) & (FeedbackInvitation.re_ask == False))
        .first()
        .run()
    )
    if row is None:
        raise InvitationNotFound(case_code)
    return FeedbackLink(case_code, await feedback_link(row["id"], settings, via="web_link"))
