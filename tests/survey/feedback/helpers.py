"""Getting a citizen's token as a test would: from the invitation, rebuilt like the outbox does."""

from __future__ import annotations

from case_bridge.tables import Case
from survey.feedback.invitations import feedback_link
from survey.feedback.tables import FeedbackInvitation
from tests.factories import close_case, make_case


async def link_of(settings, code: str) -> str:
    row = (
        await FeedbackInvitation.select(FeedbackInvitation.id)
        .where((FeedbackInvitation.case.code == code) & (FeedbackInvitation.re_ask == False))
        .first()
        .run()
    )
    return await feedback_link(row["id"], settings)


async def closed_case_token(client, settings, **case) -> tuple[str, str]:
    """Open and close a case through the API; return its code and the citizen's token."""
    opened = await make_case(client, **case)
    await close_case(client, opened["code"])
    link = await link_of(settings, opened["code"])
    return opened["code"], link.rsplit("/f/", 1)[1]


async def case_id(code: str) -> int:
    return (await Case.select(Case.id).where(Case.code == code).first().run())["id"]
