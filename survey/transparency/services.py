"""Reading what the transparency page shows: the cases of its year as they stood at its moment
(`case_bridge.as_of`), and the citizens' ratings of the months that are final."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from analysis.columns import CHANNELS, REQUEST_TYPES
from case_bridge import storage
from case_bridge.as_of import standings
from case_bridge.storage import clock
from case_bridge.storage.engines import epoch_seconds
from case_bridge.storage.errors import Invalid
from survey.transparency.figures import TransparencyFigures, period_start, transparency_figures

# Ratings (1-5) of cases closed in a time range: 4 and 5 are satisfied (CSAT). A re-ask after
# a follow-up is left out, as in the report: it rates the follow-up, not the case's handling.
_RATINGS_SQL = """
SELECT {closed_at} AS "closed_at", r."satisfaction"
FROM "feedback_responses" r JOIN "cases" c ON c."id" = r."case"
WHERE r."satisfaction" IS NOT NULL AND NOT r."re_ask"
  AND c."closed_at" >= ? AND c."closed_at" < ?
"""


def _midnight(day: date) -> datetime:
    return clock.as_utc(datetime.combine(day, time()))


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def final_months(first: date, until: datetime, settle_days: int) -> list[date]:
    """First days of the whole months from `first` on whose answers can no longer arrive or
    change by `until`: the month's end plus `settle_days` has passed."""
    month = first if first.day == 1 else _next_month(first)
    found = []
    while _midnight(_next_month(month)) + timedelta(days=settle_days) <= until:
        found.append(month)
        month = _next_month(month)
    return found


async def _month_ratings(months: list[date]) -> list[tuple[str, int, int]]:
    if not months:
        return []
    engine = storage.engine()
    sql = _RATINGS_SQL.format(closed_at=epoch_seconds(engine.engine_type, 'c."closed_at"'))
    bounds = [_midnight(months[0]), _midnight(_next_month(months[-1]))]
    rows = await engine.run_sql(sql, [engine.timestamp_parameter(b) for b in bounds])
    answers: Counter[str] = Counter()
    satisfied: Counter[str] = Counter()
    for row in rows:
        moment = datetime.fromtimestamp(row["closed_at"], clock.DEPARTMENT_ZONE)
        month = f"{moment.year:04d}-{moment.month:02d}"
        answers[month] += 1
        satisfied[month] += int(row["satisfaction"] >= 4)
    return [
        (label, answers[label], satisfied[label])
        for label in (f"{m.year:04d}-{m.month:02d}" for m in months)
    ]


async def load_transparency(*, as_of: date | None, settle_days: int) -> TransparencyFigures:
    """The figures of the 52 weeks up to `as_of` (default: today) as they stood at its end;
    `settle_days` is how long after a case closes its rating may still come or change."""
    today = clock.now().astimezone(clock.DEPARTMENT_ZONE).date()
    day = as_of or today
    if problem := clock.outside_service_window(day):
        raise Invalid("as_of", problem)
    if day > today:
        raise Invalid("as_of", "a day up to today: the page tells what has happened")
    end = _midnight(day + timedelta(days=1))
    first = period_start(day)
    found = await standings(as_of=end, opened_from=_midnight(first), opened_before=end)
    months = final_months(first, min(end, clock.now()), settle_days)
    return transparency_figures(
        standings=found,
        as_of=day,
        channels=CHANNELS,
        request_types=REQUEST_TYPES,
        months=await _month_ratings(months),
    )
