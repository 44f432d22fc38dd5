"""A prepared database for load: `count` cases closed yesterday, each with its invitation.

Run in a process of its own (`python -m tests.reliability.preparing URL COUNT`): opening a
database binds Piccolo's tables globally, which must not happen inside the test session.
Prints one JSON line: `[[case code, citizen token], ...]`.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta

from tests.conftest import BRIDGE_KEY, SECRET_KEY


async def prepare(database_url: str, count: int) -> list[tuple[str, str]]:
    from case_bridge.importing import import_rows
    from case_bridge.tables import Case
    from survey.db import open_database, upgrade
    from survey.feedback.invitations import PURPOSE
    from survey.feedback.tables import FeedbackInvitation
    from survey.hooks import hooks_for
    from survey.settings import Settings
    from survey.web.tokens import token_for

    settings = Settings(database_url=database_url, secret_key=SECRET_KEY, bridge_key=BRIDGE_KEY)
    closed = datetime.now(UTC) - timedelta(days=1)
    rows = [
        (
            n,
            {
                "code": f"CC-2026-{n:06d}",
                "opened_at": (closed - timedelta(hours=1)).isoformat(),
                "channel": "phone",
                "request_type": "information",
                "topic": "volontariato",
                "status": "closed",
                "resolution_path": "front_office",
                "closed_at": closed.isoformat(),
            },
        )
        for n in range(1, count + 1)
    ]
    async with open_database(settings) as engine:
        await upgrade(engine)
        await import_rows(rows, source="reliability", on_closed=hooks_for(settings).on_case_closed)
        invitations = await FeedbackInvitation.select(
            FeedbackInvitation.case.code.as_alias("code"), FeedbackInvitation.nonce
        ).run()
        assert await Case.count().run() == count
    return sorted(
        (row["code"], token_for(SECRET_KEY, PURPOSE, row["nonce"])) for row in invitations
    )


if __name__ == "__main__":
    url, count = sys.argv[1], int(sys.argv[2])
    print(json.dumps(asyncio.run(prepare(url, count))))
