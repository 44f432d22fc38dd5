"""Follow-ups opened by low ratings: their state and the office they went to.

The list is the case tracker's (`case_bridge.services.follow_ups`). The case code is given to
administrators only: next to the reason ("satisfaction 1/5") it would tie a citizen's answer
to their case, which is the same reason the exports leave codes out for managers.
"""

from __future__ import annotations

from collections import Counter

from case_bridge import services
from case_bridge.schemas import FollowUpOut
from survey.dashboard import schemas
from survey.dashboard.cache import FigureCache
from survey.dashboard.freshness import DataState

FRONT_OFFICE = "front_office"  # a follow-up without an office went to the Front Office


async def all_follow_ups(*, cache: FigureCache, state: DataState) -> list[FollowUpOut]:
    """Every follow-up, newest first, at the data's current version."""
    return await cache.get(("follow-ups", state.version), services.follow_ups)


async def open_count(*, cache: FigureCache, state: DataState) -> int:
    """How many follow-ups are not closed yet (open or in progress)."""
    return sum(1 for f in await all_follow_ups(cache=cache, state=state) if f.status != "closed")


async def follow_up_list(
    *,
    cache: FigureCache,
    state: DataState,
    with_codes: bool,
    status: str | None = None,
    office: str | None = None,
) -> schemas.FollowUps:
    """Follow-ups with counts by state and by office, optionally of one state or office."""
    found = await all_follow_ups(cache=cache, state=state)
    chosen = [
        f
        for f in found
        if (status is None or f.status == status)
        and (office is None or (f.office or FRONT_OFFICE) == office)
    ]
    return schemas.FollowUps(
        open=sum(1 for f in chosen if f.status != "closed"),
        closed=sum(1 for f in chosen if f.status == "closed"),
        by_office=dict(Counter(f.office or FRONT_OFFICE for f in chosen).most_common()),
        follow_ups=[
            schemas.FollowUp(
                case=f.case if with_codes else None,
                office=f.office,
                reason=f.reason,
                status=f.status,
                opened_at=f.opened_at,
                closed_at=f.closed_at,
            )
            for f in chosen
        ],
    )
