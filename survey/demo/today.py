"""Cases closed today with real feedback invitations, so a demo always has a citizen link
that opens: the historical year's invitations would have expired long ago."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import msgspec

from case_bridge import services
from case_bridge.importing import import_rows
from case_bridge.schemas import Closing, Escalation, NewCase
from case_bridge.services import CaseClosedListener
from case_bridge.storage import clock
from case_bridge.tables import Case
from survey.demo import people
from survey.feedback.invitations import PURPOSE, feedback_link
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse
from survey.settings import Settings
from survey.web.tokens import hash_token, token_for

# Today's cases are numbered from 900001 on, far above any number the demo year uses.
FIRST_NUMBER = 900_001
TODAY_CODES = "CC-____-9_____"  # SQL LIKE pattern of those codes
# (channel, request type, topic, region, office at Back Office or None).
TODAY_CASES = (
    ("email", "information", "volontariato", "abruzzo", None),
    ("web_form", "information", "attestati_benemerenza", "lazio", "amministrazione"),
    ("phone", "report", "rischio_idrogeologico", "campania", None),
    ("pec", "intervention", "emergenze_in_corso", "emilia_romagna", "emergenze"),
    ("email", "information", "allerte_meteo", "sicilia", None),
)
ACTOR = "demo"


def _row(number: int, spec: tuple, now: datetime, pick: random.Random) -> dict[str, Any]:
    channel, request_type, topic, region, office = spec
    email, phone = people.contact(channel, pick)
    opened_at = now - timedelta(hours=pick.randint(1, 6) if office is None else 24 * 6)
    row = {
        "code": f"CC-{now.year}-{number:06d}",
        "opened_at": opened_at,
        "channel": channel,
        "request_type": request_type,
        "topic": topic,
        "region": region,
        "contact_email": email,
        "contact_phone": phone,
        "status": "closed",
        "resolution_path": "back_office" if office else "front_office",
        "office": office,
        "closed_at": now,
    }
    return {key: value for key, value in row.items() if value is not None}


async def add_today_cases(*, seed: int, on_closed: CaseClosedListener) -> list[str]:
    """The five cases closed just now; closing them creates their invitations (`on_closed`,
    from `survey.hooks`)."""
    now, pick = clock.now(), random.Random(seed)
    rows = [_row(FIRST_NUMBER + n, spec, now, pick) for n, spec in enumerate(TODAY_CASES)]
    await import_rows(enumerate(rows, start=1), source="demo-today", on_closed=on_closed)
    return [row["code"] for row in rows]


async def close_one_more(*, seed: int, on_closed: CaseClosedListener) -> str:
    """Open and close a new case now through the case tracker's own services."""
    rows = await Case.select(Case.code).where(Case.code.like(TODAY_CODES)).run()
    number = max((int(r["code"][-6:]) for r in rows), default=FIRST_NUMBER - 1) + 1
    now, pick = clock.now(), random.Random(seed + number)
    row = _row(number, TODAY_CASES[number % len(TODAY_CASES)], now, pick)
    office = row.pop("office", None)
    fields = {k: row[k] for k in NewCase.__struct_fields__ if k in row}
    await services.create_case(data=msgspec.convert(fields, NewCase), actor=ACTOR)
    if office:
        await services.escalate_case(
            code=row["code"], data=Escalation(office=office, at=row["opened_at"]), actor=ACTOR
        )
    await services.close_case(
        code=row["code"], data=Closing(at=now), actor=ACTOR, on_closed=on_closed
    )
    return row["code"]


async def open_link(*, settings: Settings) -> tuple[str, str] | None:
    """(citizen link, case code) of a today's case not yet answered whose invitation is still
    valid under this run's secret key; None if there is none."""
    invitation = FeedbackInvitation
    rows = (
        await invitation.select(
            invitation.id,
            invitation.nonce,
            invitation.token_hash,
            invitation.case.as_alias("case_id"),
            invitation.case.code.as_alias("code"),
        )
        .where((invitation.expires_at > clock.now()) & invitation.case.code.like(TODAY_CODES))
        .order_by(invitation.id)
        .run()
    )
    answered = {
        row["case"]
        for row in await FeedbackResponse.select(FeedbackResponse.case)
        .where(FeedbackResponse.case.is_in([row["case_id"] for row in rows] or [0]))
        .run()
    }
    for row in rows:
        token = token_for(settings.secret_key, PURPOSE, row["nonce"])
        if row["case_id"] not in answered and hash_token(token) == row["token_hash"]:
            return await feedback_link(row["id"], settings), row["code"]
    return None
