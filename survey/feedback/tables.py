"""Citizen feedback: invitations, the current answer of each case, and every revision of it."""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from case_bridge.tables import Case


class FeedbackInvitation(Table, tablename="feedback_invitations"):
    """The invitation of a closed case. The token is HMAC(secret key, nonce) and only its hash
    is stored, so neither a database dump nor the outbox holds a working link."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    case = ForeignKey(Case, null=False, unique=True, on_delete=OnDelete.restrict)
    nonce = Varchar(length=32)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(default=None)
    expires_at = Timestamptz(default=None)
    requester_key = Varchar(length=64, null=True, default=None, index=True)
    emailed = Boolean(default=False)


class FeedbackResponse(Table, tablename="feedback_responses"):
    """The current answer of a case (the latest revision), with the scores analysis reads."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    case = ForeignKey(Case, null=False, unique=True, on_delete=OnDelete.restrict)
    questionnaire = Varchar(length=80)
    questionnaire_version = Integer()
    answers = JSON()
    collection_channel = Varchar(length=20)  # email_link, web_link, ivr, operator
    first_submitted_at = Timestamptz(default=None)
    updated_at = Timestamptz(default=None)
    revisions = Integer(default=1)
    satisfaction = Integer(null=True, default=None)
    resolved = Varchar(length=10, null=True, default=None)
    effort = Integer(null=True, default=None)
    recommend = Integer(null=True, default=None)


class FeedbackRevision(Table, tablename="feedback_revisions"):
    """Every answer a case received, in order: the audit trail of changes in the edit window."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    response = ForeignKey(FeedbackResponse, null=False, index=True, on_delete=OnDelete.cascade)
    number = Integer()
    answers = JSON()
    collection_channel = Varchar(length=20)
    submitted_at = Timestamptz(default=None)
