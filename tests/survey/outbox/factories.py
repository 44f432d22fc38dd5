"""Small factories: an outbox message with sensible defaults, and a message's row."""

from __future__ import annotations

from survey.outbox.services import enqueue
from survey.outbox.tables import OutboxMessage
from tests.survey.outbox.mailserver import LINK_KIND

BODY = "Gentile cittadino, ci dica com'è andata: {link}\nGrazie, il Contact Center"


async def queue_message(
    key: str, *, recipient: str = "maria.rossi@example.it", link_ref: int | None = 7
) -> bool:
    """Enqueue a message whose body holds a link of the test kind (none when link_ref is None)."""
    return await enqueue(
        key=key,
        recipient=recipient,
        subject="La sua opinione sul Contact Center",
        body=BODY if link_ref is not None else BODY.replace("{link}", "—"),
        link_kind=LINK_KIND if link_ref is not None else None,
        link_ref=link_ref,
    )


async def message_row(key: str) -> dict:
    row = await OutboxMessage.select().where(OutboxMessage.key == key).first().run()
    assert row is not None, f"no outbox message {key!r}"
    return row
