"""The history of every follow-up, and the signed links its owner office acts through."""

from __future__ import annotations

from piccolo.columns import ForeignKey, OnDelete, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

from case_bridge.tables import FollowUp


class FollowUpChange(Table, tablename="follow_up_changes"):
    """One change of a follow-up: who (a user's name, or `office:<code> link`), when, the
    state before and after, and the note given. Never updated or deleted."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker
    follow_up = ForeignKey(FollowUp, null=False, index=True, on_delete=OnDelete.cascade)
    actor = Varchar(length=200)
    at = Timestamptz(default=None)
    action = Varchar(length=30)
    from_state = Varchar(length=20)
    to_state = Varchar(length=20)
    note = Text(default="")


class FollowUpLink(Table, tablename="follow_up_links"):
    """The owner office's link to one follow-up. As for invitations, the token is HMAC(secret
    key, nonce) and only its hash is stored: a database copy holds no working link."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker
    follow_up = ForeignKey(FollowUp, null=False, unique=True, on_delete=OnDelete.cascade)
    nonce = Varchar(length=32)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(default=None)
