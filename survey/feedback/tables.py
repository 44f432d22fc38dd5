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
    """An invitation to rate a closed case. The token is HMAC(secret key, nonce) and only its
    hash is stored, so neither a database dump nor the outbox holds a working link.

    A case has one ordinary invitation, made when it closes, and at most one re-ask, made when
    its follow-up is closed with "ask the citizen again": the database keeps `(case, re_ask)`
    unique (migration 2026-12-01T18:15)."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict)
    re_ask = Boolean(default=False)
    nonce = Varchar(length=32)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(default=None)
    expires_at = Timestamptz(default=None)
    requester_key = Varchar(length=64, null=True, default=None, index=True)
    emailed = Boolean(default=False)


class FeedbackResponse(Table, tablename="feedback_responses"):
    """The current answer to an invitation (the latest revision), with the scores analysis
    reads. `(case, re_ask)` is unique, as for invitations: a case's ordinary answer, and the
    answer to its re-ask, which analysis counts apart. `invitation` is empty only for answers
    stored without one (the demo year's, written in bulk)."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict)
    invitation = ForeignKey(
        FeedbackInvitation, null=True, default=None, unique=True, on_delete=OnDelete.restrict
    )
    re_ask = Boolean(default=False)  # its invitation's
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
