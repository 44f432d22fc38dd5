"""The outbox: every email Ascolto sends is a row here first, so none is lost or sent twice."""

from __future__ import annotations

from piccolo.columns import Integer, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table


class OutboxMessage(Table, tablename="outbox_messages"):
    """One email to deliver. Invitation links are never stored: the body holds `{link}`, filled
    at sending from the invitation named by `link_kind` and `link_ref`."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    key = Varchar(length=120, unique=True)  # what the message is for, e.g. feedback-invitation:42
    recipient = Varchar(length=254)
    subject = Varchar(length=300)
    body = Text()
    link_kind = Varchar(length=40, null=True, default=None)
    link_ref = Integer(null=True, default=None)
    status = Varchar(length=20, default="pending", index=True)  # pending, sending, sent, failed
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(default=None, index=True)
    locked_until = Timestamptz(null=True, default=None)
    last_error = Text(default="")
    created_at = Timestamptz(default=None)
    sent_at = Timestamptz(null=True, default=None)
