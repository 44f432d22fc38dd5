"""The record of what was done with people's data: every export, erasure and purge."""

from __future__ import annotations

from piccolo.columns import JSON, Serial, Timestamptz, Varchar
from piccolo.table import Table


class PrivacyAction(Table, tablename="privacy_actions"):
    """One export or erasure for a person's request, or one retention purge: who did it,
    when, for which request, and how many items of each kind of data it touched. Never the
    data themselves: a request by address is recorded by a keyed hash of the address."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    at = Timestamptz(default=None, index=True)
    actor = Varchar(length=200)  # a user's name, `cli:<system user>`, or `retention`
    action = Varchar(length=20)  # export, erase, purge
    subject_kind = Varchar(length=10)  # case, email, or none (a purge)
    subject = Varchar(length=64, default="")  # the case code, or HMAC(secret key, address)
    affected = JSON(default="{}")  # {kind of data: how many items}
