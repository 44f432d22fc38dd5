"""The rights of the person (GDPR Arts. 15 and 17): everything held about one person, as
JSON, and its erasure: contact details, comments, notes, links and copies of emails go;
ratings and choices stay, tied to no contact datum. Each is recorded (survey/privacy/audit.py)
under the case code, or a keyed hash of the address, never the data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from piccolo.query.functions.string import Lower

from case_bridge.schemas import CaseCode, Email
from case_bridge.storage import clock, engine, json_object, writing
from case_bridge.storage.errors import Invalid, NotFound
from case_bridge.tables import Case, CaseEvent, FollowUp
from questionnaires import Registry
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse, FeedbackRevision
from survey.follow_ups.tables import FollowUpChange
from survey.outbox.services import OutboxStatus
from survey.outbox.tables import OutboxMessage
from survey.privacy.audit import record
from survey.privacy.personal_data import (
    PERSONAL_TABLES,
    address_key,
    comment_codes,
)
from survey.privacy.retention import (
    BLANK_EMAIL,
    blank_notes_of_cases,
    destroy_invitation_links,
    strip_comments,
)


class Subject(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Whose data: one case's requester (by its code) or everyone who gave this address."""

    case: CaseCode | None = None
    email: Email | None = None

    def checked(self) -> Subject:
        if (self.case is None) == (self.email is None):
            raise Invalid("case", "give either a case code or an email address, not both")
        if self.email is not None and "@" not in self.email:
            raise Invalid("email", f"not an email address: {self.email!r}")
        return self

    def audit_name(self, secret_key: str) -> tuple[str, str]:
        """(kind, subject) as the record holds them: the code, or the address's keyed hash."""
        if self.case is not None:
            return "case", self.case
        assert self.email is not None
        return "email", address_key(secret_key, self.email)


class Erasure(msgspec.Struct, kw_only=True):
    """What an erasure removed, by kind of data (how many items; the data are gone)."""

    cases: int
    affected: dict[str, int]


async def _case_rows(subject: Subject) -> list[dict[str, Any]]:
    if subject.case is not None:
        rows = await Case.select().where(Case.code == subject.case).run()
        if not rows:
            raise NotFound(f"no case {subject.case}")
        return rows
    assert subject.email is not None
    address = subject.email.strip().lower()
    return await Case.select().where(Lower(Case.contact_email) == address).run()


async def _emails(subject: Subject, invitation_ids: list[int]) -> list[dict[str, Any]]:
    """The outbox's copies of emails to the person: their invitations, and any sent to the
    address."""
    keys = [f"feedback-invitation:{number}" for number in invitation_ids]
    found = await OutboxMessage.select().where(OutboxMessage.key.is_in(keys or [""])).run()
    if subject.email is not None:
        address = subject.email.strip().lower()
        found += await OutboxMessage.select().where(Lower(OutboxMessage.recipient) == address).run()
    return list({row["id"]: row for row in found}.values())


def _when(value: datetime | None) -> str | None:
    return clock.as_utc(value).isoformat() if value is not None else None


async def export(*, subject: Subject, actor: str, secret_key: str) -> dict[str, Any]:
    """Everything held about the person, as plain JSON values; recorded."""
    subject = subject.checked()
    cases = await _case_rows(subject)
    exported = [await _case_export(row) for row in cases]
    invitation_ids = [c["invitation"]["id"] for c in exported if c["invitation"]]
    emails = [
        {
            "subject": row["subject"],
            "text": row["body"],
            "to": row["recipient"],
            "status": row["status"],
            "created_at": _when(row["created_at"]),
            "sent_at": _when(row["sent_at"]),
        }
        for row in await _emails(subject, invitation_ids)
    ]
    for case in exported:
        if case["invitation"]:
            del case["invitation"]["id"]
    kind, name = subject.audit_name(secret_key)
    affected = {
        "cases": len(exported),
        "answers": sum(1 for case in exported if case["answer"]),
        "emails": len(emails),
    }
    await record(
        actor=actor,
        action="export",
        subject_kind=kind,
        subject=name,
        affected={k: v for k, v in affected.items() if v},
    )
    return {"exported_at": clock.now().isoformat(), "cases": exported, "emails": emails}


async def _case_export(case: dict[str, Any]) -> dict[str, Any]:
    events = await (
        CaseEvent.select(CaseEvent.at, CaseEvent.from_status, CaseEvent.to_status, CaseEvent.note)
        .where(CaseEvent.case == case["id"])
        .order_by(CaseEvent.id)
        .run()
    )
    invitation = await (
        FeedbackInvitation.select(
            FeedbackInvitation.id,
            FeedbackInvitation.created_at,
            FeedbackInvitation.expires_at,
            FeedbackInvitation.emailed,
        )
        .where(FeedbackInvitation.case == case["id"])
        .first()
        .run()
    )
    return {
        "code": case["code"],
        "opened_at": _when(case["opened_at"]),
        "closed_at": _when(case["closed_at"]),
        "channel": case["channel"],
        "request_type": case["request_type"],
        "topic": case["topic"],
        "region": case["region"],
        "status": case["status"],
        "contact_email": case["contact_email"],
        "contact_phone": case["contact_phone"],
        "history": [
            {
                "at": _when(event["at"]),
                "from": event["from_status"],
                "to": event["to_status"],
                "note": event["note"],
            }
            for event in events
        ],
        "invitation": invitation
        and {
            "id": invitation["id"],
            "created_at": _when(invitation["created_at"]),
            "expires_at": _when(invitation["expires_at"]),
            "emailed": bool(invitation["emailed"]),
        },
        "answer": await _answer_export(case["id"]),
        "follow_up": await _follow_up_export(case["id"]),
    }


async def _answer_export(case_id: int) -> dict[str, Any] | None:
    response = await FeedbackResponse.select().where(FeedbackResponse.case == case_id).first().run()
    if response is None:
        return None
    revisions = await (
        FeedbackRevision.select(FeedbackRevision.answers, FeedbackRevision.submitted_at)
        .where(FeedbackRevision.response == response["id"])
        .order_by(FeedbackRevision.number)
        .run()
    )
    return {
        "questionnaire": f"{response['questionnaire']}@{response['questionnaire_version']}",
        "answers": json_object(response["answers"]),
        "first_submitted_at": _when(response["first_submitted_at"]),
        "updated_at": _when(response["updated_at"]),
        "revisions": [
            {"answers": json_object(r["answers"]), "submitted_at": _when(r["submitted_at"])}
            for r in revisions
        ],
    }


async def _follow_up_export(case_id: int) -> dict[str, Any] | None:
    follow_up = await FollowUp.select().where(FollowUp.case == case_id).first().run()
    if follow_up is None:
        return None
    changes = await (
        FollowUpChange.select(FollowUpChange.at, FollowUpChange.action, FollowUpChange.note)
        .where(FollowUpChange.follow_up == follow_up["id"])
        .order_by(FollowUpChange.id)
        .run()
    )
    # Who on the staff did each step is the staff's datum, not the citizen's: left out.
    return {
        "status": follow_up["status"],
        "reason": follow_up["reason"],
        "opened_at": _when(follow_up["opened_at"]),
        "closed_at": _when(follow_up["closed_at"]),
        "outcome": follow_up["outcome"],
        "note": follow_up["note"],
        "changes": [
            {"at": _when(c["at"]), "action": c["action"], "note": c["note"]} for c in changes
        ],
    }


async def erase(*, subject: Subject, actor: str, secret_key: str, registry: Registry) -> Erasure:
    """Remove the person's contact details, comments, notes, links and emails; keep the
    ratings, tied to no contact datum held here; record it; leave no dead copy."""
    subject = subject.checked()
    codes = comment_codes(registry)
    affected: dict[str, int] = {}

    def count(kind: str, n: int) -> None:
        if n:
            affected[kind] = affected.get(kind, 0) + n

    async with writing():
        cases = await _case_rows(subject)
        case_ids = [row["id"] for row in cases]
        count("contacts", sum(1 for r in cases if r["contact_email"] or r["contact_phone"]))
        if case_ids:
            await (
                Case.update({Case.contact_email: None, Case.contact_phone: None})
                .where(Case.id.is_in(case_ids))
                .run()
            )
        invitations = await (
            FeedbackInvitation.select(FeedbackInvitation.id)
            .where(FeedbackInvitation.case.is_in(case_ids or [0]))
            .run()
        )
        invitation_ids = [row["id"] for row in invitations]
        if invitation_ids:
            await (
                FeedbackInvitation.update({FeedbackInvitation.requester_key: None})
                .where(FeedbackInvitation.id.is_in(invitation_ids))
                .run()
            )
            await destroy_invitation_links(invitation_ids)
            count("links", len(invitation_ids))
        count("comments", await _erase_comments(case_ids, codes))
        count("notes", await blank_notes_of_cases(case_ids) if case_ids else 0)
        count("emails", await _erase_emails(subject, invitation_ids))
        kind, name = subject.audit_name(secret_key)
        await record(
            actor=actor, action="erase", subject_kind=kind, subject=name, affected=affected
        )
    await engine().purge_dead_rows(PERSONAL_TABLES)
    return Erasure(cases=len(cases), affected=affected)


async def _erase_comments(case_ids: list[int], codes: frozenset[str]) -> int:
    responses = await (
        FeedbackResponse.select(FeedbackResponse.id, FeedbackResponse.answers)
        .where(FeedbackResponse.case.is_in(case_ids or [0]))
        .run()
    )
    removed = await strip_comments(FeedbackResponse, responses, codes)
    revisions = await (
        FeedbackRevision.select(FeedbackRevision.id, FeedbackRevision.answers)
        .where(FeedbackRevision.response.is_in([r["id"] for r in responses] or [0]))
        .run()
    )
    return removed + await strip_comments(FeedbackRevision, revisions, codes)


async def _erase_emails(subject: Subject, invitation_ids: list[int]) -> int:
    rows = [row for row in await _emails(subject, invitation_ids) if row["recipient"]]
    ids = [row["id"] for row in rows]
    if ids:
        # A message not yet sent is never sent now: it has no address any more.
        await (
            OutboxMessage.update(BLANK_EMAIL | {OutboxMessage.status: OutboxStatus.FAILED})
            .where(OutboxMessage.id.is_in(ids) & (OutboxMessage.status != OutboxStatus.SENT))
            .run()
        )
        await OutboxMessage.update(BLANK_EMAIL).where(OutboxMessage.id.is_in(ids)).run()
    return len(ids)
