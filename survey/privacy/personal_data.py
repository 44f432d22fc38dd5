"""Where Ascolto keeps personal data, named once for the purge, the export and the erasure:
contact details on cases, free text in answers, notes, links, and copies of emails."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from piccolo.table import Table

from case_bridge.tables import Case, CaseEvent, FollowUp
from questionnaires import Registry, TextItem
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse, FeedbackRevision
from survey.follow_ups.tables import FollowUpChange, FollowUpLink
from survey.outbox.tables import OutboxMessage

# Every table whose rows may hold a personal datum: after a purge or an erasure, no dead
# version of their rows may be left in the database's pages (`purge_dead_rows`).
PERSONAL_TABLES: tuple[type[Table], ...] = (
    Case,
    CaseEvent,
    FeedbackInvitation,
    FeedbackResponse,
    FeedbackRevision,
    FollowUp,
    FollowUpChange,
    FollowUpLink,
    OutboxMessage,
)

# Chunks of ids in one IN (…): SQLite binds at most 32,766 parameters per statement.
CHUNK = 500


def comment_codes(registry: Registry) -> frozenset[str]:
    """The codes of every free-text item of every questionnaire: where people write what
    they like, names and numbers included."""
    return frozenset(
        item.code
        for questionnaire in registry
        for item in questionnaire.items()
        if isinstance(item, TextItem)
    )


def has_comment(answers: Mapping[str, object], codes: frozenset[str]) -> bool:
    return any(answers.get(code) not in (None, "") for code in codes)


def without_comments(answers: Mapping[str, object], codes: frozenset[str]) -> dict[str, object]:
    """The answers with every free text left out; ratings and choices kept."""
    return {code: value for code, value in answers.items() if code not in codes}


def address_key(secret_key: str, email: str) -> str:
    """A keyed hash of an email address: the audit names a request by address with it,
    without holding the address (nor a hash anyone could recompute from a list of them)."""
    normalised = email.strip().lower().encode()
    return hmac.new(
        secret_key.encode(), b"privacy-request:" + normalised, hashlib.sha256
    ).hexdigest()


def chunks(ids: list[int]) -> list[list[int]]:
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]
