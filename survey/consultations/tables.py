"""Referent consultations, kept anonymous by construction.

Like LimeSurvey's anonymised surveys, the answers live apart from the invitations: an answer
row has a random id, no referent, no token or hash, and no time finer than the day; an
invitation records only that it was used. A half-filled questionnaire is kept on the
invitation encrypted with a key derived from the referent's token, which the database does
not hold, so not even a draft can be read with the database in hand.
"""

from __future__ import annotations

import uuid

from piccolo.columns import (
    JSON,
    UUID,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from case_bridge.tables import Referent


class Consultation(Table, tablename="consultations"):
    """One consultation: draft → open → closed."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    title = Varchar(length=200)
    questionnaire = Varchar(length=80)
    questionnaire_version = Integer()
    opens_on = Date()
    closes_on = Date()
    state = Varchar(length=10, default="draft")
    threshold = Integer(default=5)  # the anonymity threshold k: never below 3
    created_at = Timestamptz(default=None)


class ConsultationInvitation(Table, tablename="consultation_invitations"):
    """A referent invited to a consultation; `used` is all it says of their answer."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    consultation = ForeignKey(Consultation, null=False, on_delete=OnDelete.cascade)
    referent = ForeignKey(Referent, null=False, on_delete=OnDelete.restrict)
    nonce = Varchar(length=32, null=True, default=None)
    token_hash = Varchar(length=64, null=True, default=None, unique=True)
    used = Boolean(default=False)
    draft = Text(null=True, default=None)  # encrypted with a key derived from the token
    reminders = Integer(default=0)


class ConsultationResponse(Table, tablename="consultation_responses"):
    """A submitted answer: a random id, the consultation, the answers, and the day."""

    id = UUID(primary_key=True, default=uuid.uuid4)
    consultation = ForeignKey(Consultation, null=False, on_delete=OnDelete.cascade)
    questionnaire_version = Integer()
    answers = JSON()
    office = Varchar(length=60, null=True, default=None)  # only when the questionnaire asks it
    submitted_on = Date()
