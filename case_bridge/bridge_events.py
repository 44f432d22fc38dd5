"""Events pushed by the main case platform: applied once each, however often they arrive."""

from __future__ import annotations

from case_bridge import services, storage
from case_bridge.schemas import (
    BridgeEventIn,
    BridgeEventOut,
    CaseClosedEvent,
    CaseEscalatedEvent,
    CaseOpenedEvent,
    Closing,
    Escalation,
)
from case_bridge.service_hours import ORDINARY, OrdinaryHours
from case_bridge.services import CaseClosedListener
from case_bridge.tables import BridgeEvent

ACTOR = "bridge"


async def apply_event(
    event: BridgeEventIn, *, on_closed: CaseClosedListener, hours: OrdinaryHours = ORDINARY
) -> BridgeEventOut:
    """Apply an event unless its id was seen before; the record and the change commit together.

    A closing event runs `on_closed` as `services.close_case` does."""
    async with storage.writing():
        if await BridgeEvent.exists().where(BridgeEvent.event_id == event.id).run():
            return BridgeEventOut(id=event.id, outcome="duplicate")
        case = await _apply(event, on_closed, hours)
        kind = event.__struct_config__.tag
        await BridgeEvent.insert(
            BridgeEvent(event_id=event.id, case_code=case.code, kind=kind)
        ).run()
    return BridgeEventOut(id=event.id, outcome="applied", case=case)


async def _apply(event: BridgeEventIn, on_closed: CaseClosedListener, hours: OrdinaryHours):
    actor = f"{ACTOR}:{event.id}"
    match event:
        case CaseOpenedEvent():
            return await services.create_case(data=event.case, actor=actor, hours=hours)
        case CaseEscalatedEvent():
            escalation = Escalation(
                office=event.office,
                referent=event.referent,
                at=event.at,
                note=event.note,
                other_bodies=event.other_bodies,
            )
            return await services.escalate_case(
                code=event.code, data=escalation, actor=actor, hours=hours
            )
        case CaseClosedEvent():
            closing = Closing(
                at=event.at,
                resolution_path=event.resolution_path,
                note=event.note,
                other_bodies=event.other_bodies,
            )
            return await services.close_case(
                code=event.code, data=closing, actor=actor, on_closed=on_closed, hours=hours
            )
