"""How fresh the dashboard's figures are: a cheap version of the data, read on every request.

A cached figure is used only while the version it was computed at is still the database's.
The version is made of counts and largest ids of the tables the figures read, all in one
statement. Change times alone would not do: SQLite keeps them to the second, so two edits in
one second would look alike. Every change of a case adds a row to `case_events` (opened,
escalated, closed) and every answer or edit of one a row to `feedback_revisions`, so their
counts and largest ids move with each write; follow-ups count their closed ones too, and each
change of one adds a row to `follow_up_changes`. Several app processes each keep their own
cache and each asks the shared database, so none serves a figure older than the data it was
asked about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from case_bridge.storage.clock import DEPARTMENT_ZONE
from case_bridge.storage.engines import AscoltoEngine
from survey.report.loader import EPOCH

VERSION_SQL = """
SELECT
  (SELECT COUNT(*) FROM "cases") AS cases,
  (SELECT MAX("id") FROM "cases") AS last_case,
  (SELECT MAX("code") FROM "cases") AS last_code,
  (SELECT MAX("updated_at") FROM "cases") AS case_changed,
  (SELECT COUNT(*) FROM "case_events") AS case_events,
  (SELECT MAX("id") FROM "case_events") AS last_case_event,
  (SELECT COUNT(*) FROM "feedback_responses") AS answers,
  (SELECT MAX("updated_at") FROM "feedback_responses") AS answer_changed,
  (SELECT COUNT(*) FROM "feedback_revisions") AS revisions,
  (SELECT MAX("id") FROM "feedback_revisions") AS last_revision,
  (SELECT COUNT(*) FROM "follow_ups") AS follow_ups,
  (SELECT COUNT("closed_at") FROM "follow_ups") AS follow_ups_closed,
  (SELECT MAX("id") FROM "follow_up_changes") AS last_follow_up_change,
  (SELECT COUNT(*) FROM "emergency_period") AS emergencies,
  (SELECT MAX("id") FROM "emergency_period") AS last_emergency,
  (SELECT COUNT(*) FROM "office") AS offices,
  (SELECT COUNT(*) FROM "consultations") AS consultations,
  (SELECT COUNT(*) FROM "consultation_responses") AS referent_answers,
  (SELECT {first} FROM (SELECT MIN("opened_at") AS t FROM "cases") AS a) AS first_opened,
  (SELECT {last} FROM (SELECT MAX(c."opened_at") AS t FROM "cases" c
     JOIN "feedback_responses" r ON r."case" = c."id") AS b) AS last_answered,
  (SELECT {last} FROM (SELECT MAX("opened_at") AS t FROM "cases") AS c) AS last_opened
"""


@dataclass(frozen=True)
class DataState:
    """The data's version (compare for equality only) and the span of its cases' days."""

    version: tuple[str, ...]
    first_day: date | None
    last_day: date | None  # the last case answered, else the last opened


def _sql(engine: AscoltoEngine) -> str:
    epoch = EPOCH[engine.engine_type].format(column="t")
    return VERSION_SQL.format(first=epoch, last=epoch)


def _day(seconds: int | None) -> date | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, DEPARTMENT_ZONE).date()


async def data_state(engine: AscoltoEngine) -> DataState:
    """The current version of the data and its span (one statement, a few milliseconds)."""
    row = (await engine.run_sql(_sql(engine)))[0]
    span = ("first_opened", "last_answered", "last_opened")
    version = tuple(str(value) for key, value in row.items() if key not in span)
    last = row["last_answered"] if row["last_answered"] is not None else row["last_opened"]
    return DataState(version=version, first_day=_day(row["first_opened"]), last_day=_day(last))
