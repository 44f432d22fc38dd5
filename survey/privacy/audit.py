"""The record of privacy actions: who, when, for which request, which kinds of data."""

from __future__ import annotations

import msgspec

from case_bridge.storage import clock, json_object
from survey.privacy.tables import PrivacyAction


class RecordedAction(msgspec.Struct, frozen=True, kw_only=True):
    """One row of the record, as the API and `ascolto privacy log` show it."""

    at: str
    actor: str
    action: str
    subject_kind: str
    subject: str
    affected: dict[str, int]


async def record(
    *, actor: str, action: str, subject_kind: str, affected: dict[str, int], subject: str = ""
) -> None:
    """Add one action to the record (in the caller's transaction, if any)."""
    await PrivacyAction.insert(
        PrivacyAction(
            at=clock.now(),
            actor=actor,
            action=action,
            subject_kind=subject_kind,
            subject=subject,
            affected=msgspec.json.encode(affected).decode(),
        )
    ).run()


async def recorded_actions(limit: int = 100) -> list[RecordedAction]:
    """The latest actions, newest first."""
    rows = await (
        PrivacyAction.select().order_by(PrivacyAction.id, ascending=False).limit(limit).run()
    )
    return [
        RecordedAction(
            at=clock.as_utc(row["at"]).isoformat(),
            actor=row["actor"],
            action=row["action"],
            subject_kind=row["subject_kind"],
            subject=row["subject"],
            affected={k: int(v) for k, v in json_object(row["affected"]).items()},  # type: ignore[call-overload]
        )
        for row in rows
    ]
