"""Where cases stood at a past moment, rebuilt from their status history.

A case's standing at a moment is the last change of its history at or before it: open, at the
Back Office, or closed (at Front Office when it was closed from open, at Back Office when from
the Back Office). So the first week can be told as the note of 13 July 2011 told it ("a una
settimana dall'avvio ... risultano chiuse oltre la metà"), from today's database: cases
closed since then count as they stood.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import msgspec
import numpy as np

from case_bridge import storage
from case_bridge.storage import clock
from case_bridge.storage.engines import epoch_seconds
from case_bridge.storage.errors import Invalid

# The last change of each case's history up to the moment (ties on time: the later row).
_STANDINGS_SQL = """
SELECT c."id", {opened_at} AS "opened_at", c."channel", c."request_type",
       e."from_status", e."to_status", {changed_at} AS "changed_at"
FROM "cases" c
JOIN (
    SELECT "case", "from_status", "to_status", "at",
           ROW_NUMBER() OVER (PARTITION BY "case" ORDER BY "at" DESC, "id" DESC) AS "latest"
    FROM "case_events" WHERE "at" <= ?
) e ON e."case" = c."id" AND e."latest" = 1
WHERE c."opened_at" >= ? AND c."opened_at" < ? AND c."opened_at" <= ?
ORDER BY c."opened_at", c."id"
"""
# The default bounds: the service's window (`clock`), before and after any case it holds.
_EARLIEST = datetime.combine(clock.SERVICE_START, time())
_LATEST = datetime.combine(clock.SERVICE_END, time())


class AsOfCounts(msgspec.Struct, frozen=True, kw_only=True):
    """Cases received by a moment and how they stood then."""

    as_of: datetime
    received: int
    open: int  # with the Front Office, not yet answered
    back_office: int  # handed to an office, waiting for its answer
    closed: int
    closed_front_office: int
    closed_back_office: int
    # The toll-free line's share: the note of 13 July 2011 counts the phone requests resolved.
    phone_received: int
    phone_closed: int


@dataclass(frozen=True)
class Standings:
    """One entry per case received by the moment: its attributes and how it stood then."""

    as_of: datetime
    opened_at: np.ndarray  # seconds since the epoch (UTC)
    opened_on: list[date]  # the department's calendar day of opening
    channel: list[str]
    request_type: list[str]
    state: list[str]  # open, back_office or closed, as of the moment
    path: list[str | None]  # front_office or back_office for closed cases
    closed_at: np.ndarray  # seconds since the epoch; -1 where not closed by the moment

    def __len__(self) -> int:
        return len(self.state)

    def counts(self) -> AsOfCounts:
        states, paths = Counter(self.state), Counter(self.path)
        phone = [
            state
            for state, channel in zip(self.state, self.channel, strict=True)
            if channel == "phone"
        ]
        return AsOfCounts(
            as_of=self.as_of,
            received=len(self),
            open=states["open"],
            back_office=states["back_office"],
            closed=states["closed"],
            closed_front_office=paths["front_office"],
            closed_back_office=paths["back_office"],
            phone_received=len(phone),
            phone_closed=phone.count("closed"),
        )


async def standings(
    *, as_of: datetime, opened_from: datetime | None = None, opened_before: datetime | None = None
) -> Standings:
    """Cases opened in [opened_from, opened_before) and by `as_of`, as they stood at `as_of`
    (times without a zone are the department's)."""
    engine = storage.engine()
    moment = clock.as_utc(as_of)
    sql = _STANDINGS_SQL.format(
        opened_at=epoch_seconds(engine.engine_type, 'c."opened_at"'),
        changed_at=epoch_seconds(engine.engine_type, 'e."at"'),
    )
    bounds = [moment, clock.as_utc(opened_from or _EARLIEST)]
    bounds += [clock.as_utc(opened_before or _LATEST), moment]
    rows = await engine.run_sql(sql, [engine.timestamp_parameter(b) for b in bounds])
    closed = [row["to_status"] == "closed" for row in rows]
    return Standings(
        as_of=moment,
        opened_at=np.array([row["opened_at"] for row in rows], dtype=np.int64),
        opened_on=[
            datetime.fromtimestamp(row["opened_at"], clock.DEPARTMENT_ZONE).date() for row in rows
        ],
        channel=[row["channel"] for row in rows],
        request_type=[row["request_type"] for row in rows],
        state=[row["to_status"] for row in rows],
        path=[
            ("back_office" if row["from_status"] == "back_office" else "front_office")
            if done
            else None
            for row, done in zip(rows, closed, strict=True)
        ],
        closed_at=np.array(
            [row["changed_at"] if done else -1 for row, done in zip(rows, closed, strict=True)],
            dtype=np.int64,
        ),
    )


async def counts_as_of(
    *, as_of: datetime, opened_from: datetime | None = None, opened_before: datetime | None = None
) -> AsOfCounts:
    """How many cases had been received by `as_of`, and how many were open, at the Back Office
    and closed then."""
    found = await standings(as_of=as_of, opened_from=opened_from, opened_before=opened_before)
    return found.counts()


async def counts_in_days(
    *, at: datetime, opened_from: date | None = None, opened_to: date | None = None
) -> AsOfCounts:
    """`counts_as_of` for cases opened from one day to another (both included, Rome's days);
    days and moment outside the service's window are refused naming their field."""
    for field, moment in (("at", at), ("opened_from", opened_from), ("opened_to", opened_to)):
        if moment is not None and (problem := clock.outside_service_window(moment)):
            raise Invalid(field, problem)
    start = datetime.combine(opened_from, time()) if opened_from else None
    end = datetime.combine(opened_to + timedelta(days=1), time()) if opened_to else None
    return await counts_as_of(as_of=at, opened_from=start, opened_before=end)
