"""A referent answering: section by section with a draft only their browser holds, then one
submission sealed under the consultation's tally key, stored apart from any trace of who sent
it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date

import msgspec

from case_bridge import storage
from case_bridge.storage.scripts import Statements
from questionnaires import Questionnaire, Registry, validate_answers, validate_partial
from survey.consultations.errors import AlreadySubmitted, LinkUnavailable, NotOpen
from survey.consultations.sealing import seal_answer
from survey.consultations.tables import ConsultationInvitation
from survey.questionnaire_versions.services import questionnaire_for
from survey.web.tokens import hash_token


class ReferentView(msgspec.Struct, kw_only=True):
    """What the referent's page may show."""

    title: str
    state: str
    submitted: bool
    questionnaire: Questionnaire
    closes_on: date


class _Invitation(msgspec.Struct):
    id: int
    used: bool
    state: str
    title: str
    questionnaire: str
    version: int
    consultation_id: int
    closes_on: date
    public_key: bytes | None


async def _invitation(token: str) -> _Invitation:
    row = (
        await ConsultationInvitation.select(
            ConsultationInvitation.id,
            ConsultationInvitation.used,
            ConsultationInvitation.consultation.state.as_alias("state"),
            ConsultationInvitation.consultation.title.as_alias("title"),
            ConsultationInvitation.consultation.questionnaire.as_alias("questionnaire"),
            ConsultationInvitation.consultation.questionnaire_version.as_alias("version"),
            ConsultationInvitation.consultation.id.as_alias("consultation_id"),
            ConsultationInvitation.consultation.closes_on.as_alias("closes_on"),
            ConsultationInvitation.consultation.tally_public_key.as_alias("public_key"),
        )
        .where(ConsultationInvitation.token_hash == hash_token(token))
        .first()
        .run()
    )
    if row is None:
        raise LinkUnavailable()
    if row["public_key"] is not None:
        row["public_key"] = bytes(row["public_key"])  # asyncpg and sqlite3 differ in type
    return msgspec.convert(row, _Invitation)


async def referent_view(*, token: str, registry: Registry) -> ReferentView:
    """The consultation behind a link (its draft is in the referent's browser, not here)."""
    invitation = await _invitation(token)
    return ReferentView(
        title=invitation.title,
        state=invitation.state,
        submitted=invitation.used,
        questionnaire=await questionnaire_for(
            registry, invitation.questionnaire, invitation.version
        ),
        closes_on=invitation.closes_on,
    )


def _answerable(invitation: _Invitation) -> None:
    if invitation.used:
        raise AlreadySubmitted()
    if invitation.state != "open":
        raise NotOpen(invitation.state)


async def check_draft(
    *, token: str, answers: Mapping[str, object], registry: Registry
) -> dict[str, object]:
    """The whole draft checked (required answers may still be missing), for the referent's
    browser to keep: nothing of it is written on the server."""
    invitation = await _invitation(token)
    _answerable(invitation)
    questionnaire = await questionnaire_for(registry, invitation.questionnaire, invitation.version)
    return validate_partial(questionnaire, _answered(answers))


def _answered(answers: Mapping[str, object]) -> dict[str, object]:
    return {code: value for code, value in answers.items() if value not in (None, "", [])}


_STILL_OPEN = 'SELECT "state" FROM "consultations" WHERE "id" = ?'
# On PostgreSQL the submission holds a share lock on the consultation's row until it commits:
# closing, which updates that row first, waits for every submission under way, so the tally
# reads all of them and none is sealed after it.
_STILL_OPEN_SHARED = _STILL_OPEN + " FOR SHARE"
_MARK_USED = """
UPDATE "consultation_invitations" SET "used" = ? WHERE "id" = ? AND "used" = ? RETURNING "id"
"""
_INSERT_SEALED = """
INSERT INTO "consultation_sealed_answers" ("id", "consultation", "sealed") VALUES (?, ?, ?)
"""


async def submit(*, token: str, answers: Mapping[str, object], registry: Registry) -> None:
    """Send every answer (the browser's draft with the last section): all required answers,
    once per link, sealed under the tally key (the server cannot read them
    afterwards)."""
    invitation = await _invitation(token)
    _answerable(invitation)
    questionnaire = await questionnaire_for(registry, invitation.questionnaire, invitation.version)
    clean = validate_answers(questionnaire, _answered(answers))
    if invitation.public_key is None:
        raise NotOpen("without a tally key")
    sealed = seal_answer(invitation.public_key, clean)
    still_open = _STILL_OPEN_SHARED if storage.engine().engine_type == "postgres" else _STILL_OPEN

    async def script(db: Statements) -> None:
        state = (await db.rows(still_open, [invitation.consultation_id]))[0]["state"]
        if state != "open":
            raise NotOpen(state)
        if not await db.rows(_MARK_USED, [True, invitation.id, False]):
            raise AlreadySubmitted()
        # A random id and the sealed blob, nothing else: no date, no order, no token.
        await db.rows(_INSERT_SEALED, [str(uuid.uuid4()), invitation.consultation_id, sealed])

    await storage.run_script(script)
