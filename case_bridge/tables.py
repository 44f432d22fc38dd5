"""Piccolo tables of the case tracker."""

from __future__ import annotations

from piccolo.columns import (
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Office(Table):
    """An office or service of the department whose referents answer Back Office cases."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    code = Varchar(length=60, unique=True)
    name = Varchar(length=200)
    name_en = Varchar(length=200, default="")  # its name in English; empty: the Italian one
    # The area (a larger unit) the office belongs to; the department is above every area.
    area = Varchar(length=60, null=True, default=None)


class Referent(Table):
    """A member of an office's staff who handles Back Office cases."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    office = ForeignKey(Office, null=False, on_delete=OnDelete.restrict)
    name = Varchar(length=200)
    email = Varchar(length=254, unique=True)
    active = Boolean(default=True)


class EmergencyPeriod(Table):
    """A period when the contact center ran beyond ordinary hours for an emergency."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    name = Varchar(length=200)
    starts_at = Timestamptz(default=None)
    ends_at = Timestamptz(default=None)
    # The line's hours on every day of the period, weekends included (0-24: round the clock).
    opening_hour = Integer(default=0)
    closing_hour = Integer(default=24)


class Case(Table, tablename="cases"):
    """A request from a citizen, institution, organisation or business, with its life so far."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    code = Varchar(length=20, unique=True)
    opened_at = Timestamptz(default=None, index=True)
    channel = Varchar(length=20)
    request_type = Varchar(length=20)
    topic = Varchar(length=80)
    region = Varchar(length=40, null=True, default=None)
    requester_kind = Varchar(length=20, null=True, default=None)  # None: not recorded
    # Bodies the Back Office coordinated with: sorted codes joined by commas, '' for none.
    other_bodies = Varchar(length=400, default="")
    contact_email = Varchar(length=254, null=True, default=None)
    contact_phone = Varchar(length=40, null=True, default=None)
    status = Varchar(length=20, index=True)
    resolution_path = Varchar(length=20, null=True, default=None)
    office = ForeignKey(Office, null=True, default=None, on_delete=OnDelete.restrict)
    referent = ForeignKey(Referent, null=True, default=None, on_delete=OnDelete.restrict)
    closed_at = Timestamptz(null=True, default=None, index=True)
    updated_at = Timestamptz(default=TimestamptzNow())


class CaseEvent(Table, tablename="case_events"):
    """One transition in a case's status history: what happened, when, and by whom."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    case = ForeignKey(Case, null=False, index=True)
    at = Timestamptz(default=None)
    from_status = Varchar(length=20, null=True, default=None)
    to_status = Varchar(length=20)
    actor = Varchar(length=120)
    note = Text(default="")


class BridgeEvent(Table, tablename="bridge_events"):
    """An event pushed by the main case platform, kept so a replay is recognised."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    event_id = Varchar(length=100, unique=True)
    case_code = Varchar(length=20)
    kind = Varchar(length=20)
    received_at = Timestamptz(default=TimestamptzNow())


class FollowUp(Table, tablename="follow_ups"):
    """A call back to a citizen who was not satisfied, routed to the office that handled the case
    (none: the Front Office)."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    case = ForeignKey(Case, null=False, unique=True, on_delete=OnDelete.restrict)
    office = ForeignKey(Office, null=True, default=None, on_delete=OnDelete.restrict)
    reason = Text(default="")
    status = Varchar(length=20, default="open", index=True)
    opened_at = Timestamptz(default=None)
    closed_at = Timestamptz(null=True, default=None)
    # The work on it (states, outcomes, who did what) is the survey's: these are its columns,
    # kept on the row so that lists and figures read one table.
    manager = Varchar(length=150, null=True, default=None)  # a user's name, when one is named
    outcome = Varchar(length=40, null=True, default=None)
    note = Text(default="")
    notified_at = Timestamptz(null=True, default=None)
    reminded_at = Timestamptz(null=True, default=None)
