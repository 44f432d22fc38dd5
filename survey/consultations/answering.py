"""A referent answering: section by section with a draft only their link can read, then one
submission stored apart from any trace of who sent it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import msgspec

from case_bridge import storage
from case_bridge.storage.scripts import Statements
from questionnaires import Questionnaire, Registry, validate_answers, validate_partial
from survey.consultations import drafts
from survey.consultations.errors import AlreadySubmitted, LinkUnavailable, NotOpen
from survey.consultations.services import today
from survey.consultations.tables import ConsultationInvitation
from survey.web.tokens import hash_token

OFFICE_ITEM = "office"


class ReferentView(msgspec.Struct, kw_only=True):
    """What the referent's page may show."""

    title: str
    state: str
    submitted: bool
    questionnaire: Questionnaire
    answers: dict[str, object]


class _Invitation(msgspec.Struct):
    id: int
    used: bool
    draft: str | None
    state: str
    title: str
    questionnaire: str
    version: int
    consultation_id: int


async def _invitation(token: str) -> _Invitation:
    row = (
        await ConsultationInvitation.select(
            ConsultationInvitation.id,
            ConsultationInvitation.used,
            ConsultationInvitation.draft,
            ConsultationInvitation.consultation.state.as_alias("state"),
            ConsultationInvitation.consultation.title.as_alias("title"),
            ConsultationInvitation.consultation.questionnaire.as_alias("questionnaire"),
            ConsultationInvitation.consultation.questionnaire_version.as_alias("version"),
            ConsultationInvitation.consultation.id.as_alias("consultation_id"),
        )
        .where(ConsultationInvitation.token_hash == hash_token(token))
        .first()
        .run()
    )
    if row is None:
        raise LinkUnavailable()
    return msgspec.convert(row, _Invitation)


async def referent_view(*, token: str, registry: Registry) -> ReferentView:
    """The consultation behind a link, with the referent's draft (nothing once submitted)."""
    invitation = await _invitation(token)
    return ReferentView(
        title=invitation.title,
        state=invitation.state,
        submitted=invitation.used,
        questionnaire=registry.get(invitation.questionnaire, invitation.version),
        answers={} if invitation.used else drafts.unseal(token, invitation.draft),
    )


def _answerable(invitation: _Invitation) -> None:
    if invitation.used:
        raise AlreadySubmitted()
    if invitation.state != "open":
        raise NotOpen(invitation.state)


async def save_draft(
    *, token: str, answers: Mapping[str, object], registry: Registry
) -> dict[str, object]:
    """Merge a section's answers into the draft (checked, not yet required); return the draft."""
    invitation = await _invitation(token)
    _answerable(invitation)
    questionnaire = registry.get(invitation.questionnaire, invitation.version)
    merged = drafts.unseal(token, invitation.draft) | dict(answers)
    merged = {code: value for code, value in merged.items() if value not in (None, "", [])}
    clean = validate_partial(questionnaire, merged)
    await (
        ConsultationInvitation.update({ConsultationInvitation.draft: drafts.seal(token, clean)})
        .where(
            (ConsultationInvitation.id == invitation.id) & (ConsultationInvitation.used == False)
        )
        .run()
    )
    return clean


_MARK_USED = """
UPDATE "consultation_invitations" SET "used" = ?, "draft" = NULL
WHERE "id" = ? AND "used" = ? RETURNING "id"
"""
_STILL_OPEN = 'SELECT "state" FROM "consultations" WHERE "id" = ?'
_INSERT_RESPONSE = """
INSERT INTO "consultation_responses" ("id", "consultation", "questionnaire_version", "answers",
    "office", "submitted_on")
VALUES (?, ?, ?, ?, ?, ?)
"""


async def submit(*, token: str, answers: Mapping[str, object], registry: Registry) -> None:
    """Send the draft merged with the last section: all required answers, once per link."""
    invitation = await _invitation(token)
    _answerable(invitation)
    questionnaire = registry.get(invitation.questionnaire, invitation.version)
    merged = drafts.unseal(token, invitation.draft) | dict(answers)
    merged = {code: value for code, value in merged.items() if value not in (None, "", [])}
    clean = validate_answers(questionnaire, merged)
    office = clean.get(OFFICE_ITEM) if questionnaire.item(OFFICE_ITEM) else None

    async def script(db: Statements) -> None:
        state = (await db.rows(_STILL_OPEN, [invitation.consultation_id]))[0]["state"]
        if state != "open":
            raise NotOpen(state)
        if not await db.rows(_MARK_USED, [True, invitation.id, False]):
            raise AlreadySubmitted()
        # A random id and the day only: nothing orders or times the answer against the
        # invitation that was just marked used.
        await db.rows(
            _INSERT_RESPONSE,
            [
                str(uuid.uuid4()),
                invitation.consultation_id,
                questionnaire.version,
                msgspec.json.encode(clean).decode(),
                office,
                today(),
            ],
        )

    await storage.run_script(script)
