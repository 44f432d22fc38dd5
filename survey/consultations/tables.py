"""Referent consultations, kept anonymous by construction.

While a consultation is open its answers exist only sealed under the tally public key
(`ConsultationSealedAnswer`: a random id and a fixed-length blob, nothing else); the private
key is derived from the guardians' passphrase and never stored. At close the answers are opened
in memory, their identifying items recoded to groups of at least k, and written in one shuffled
insert as `ConsultationResponse` rows: a random id, no date, no referent, no token. An
invitation records only that it was used. Drafts live in the referent's browser, never here.
"""

from __future__ import annotations

import uuid

from piccolo.columns import (
    JSON,
    UUID,
    Boolean,
    Bytea,
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

from case_bridge.tables import Office, Referent


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
    # The tally key: its scrypt salt and X25519 public key; the private key is never stored.
    tally_salt = Bytea(null=True, default=None)
    tally_public_key = Bytea(null=True, default=None)
    guardians = Text(default="")  # who holds the tally passphrase, as management wrote it
    # The wave this consultation follows: its scales are compared with that one's.
    follows: ForeignKey[Consultation] = ForeignKey(
        "self", null=True, default=None, on_delete=OnDelete.set_null
    )


class ConsultationInvitation(Table, tablename="consultation_invitations"):
    """A referent invited to a consultation; `used` is all it says of their answer."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    consultation = ForeignKey(Consultation, null=False, on_delete=OnDelete.cascade)
    referent = ForeignKey(Referent, null=False, on_delete=OnDelete.restrict)
    nonce = Varchar(length=32, null=True, default=None)
    token_hash = Varchar(length=64, null=True, default=None, unique=True)
    used = Boolean(default=False)
    reminders = Integer(default=0)


class ConsultationSealedAnswer(Table, tablename="consultation_sealed_answers"):
    """An answer sent while the consultation is open, sealed under its tally public key.

    Nothing else: no date, no order, no link to the invitation; every blob has the same length
    (`sealing.SEALED_BYTES`). The rows are deleted, and their pages rewritten, at the tally."""

    id = UUID(primary_key=True, default=uuid.uuid4)
    consultation = ForeignKey(Consultation, null=False, on_delete=OnDelete.cascade)
    sealed = Bytea()


class ConsultationResponse(Table, tablename="consultation_responses"):
    """A tallied answer: a random id, the consultation and the answers, identifying items
    recoded to groups of at least k. Written only at close, all in one shuffled insert."""

    id = UUID(primary_key=True, default=uuid.uuid4)
    consultation = ForeignKey(Consultation, null=False, on_delete=OnDelete.cascade)
    questionnaire_version = Integer()
    answers = JSON()
    office = Varchar(length=60, null=True, default=None)  # the recoded group, when asked


class ConsultationAction(Table, tablename="consultation_actions"):
    """An action management decided after a wave closed: what, on which scale, by which office,
    by when, and how far it went. The next wave asks referents whether they saw it done."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    consultation = ForeignKey(Consultation, null=False, on_delete=OnDelete.cascade)
    what = Varchar(length=300)
    scale = Varchar(length=60)
    owner_office = ForeignKey(Office, null=False, on_delete=OnDelete.restrict)
    due_on = Date()
    state = Varchar(length=12, default="planned")
    created_at = Timestamptz(default=None)
