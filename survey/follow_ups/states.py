"""The one place that decides how a follow-up's state may change, and when it falls due."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from survey.follow_ups.errors import FollowUpClosed, OutcomeRequired

DEFAULT_DUE_DAYS = 5  # working days to handle a follow-up, unless the settings say otherwise
FRONT_OFFICE = "front_office"  # the office of a follow-up that went to no office


class State(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class Action(enum.StrEnum):
    ASSIGN = "assign"
    TAKE_IN_CHARGE = "take_in_charge"
    CLOSE = "close"


class Outcome(enum.StrEnum):
    RECONTACTED_SOLVED = "recontacted_solved"
    RECONTACTED_NOTHING_MORE = "recontacted_nothing_more"
    UNREACHABLE = "unreachable"
    NOT_A_SERVICE_PROBLEM = "not_a_service_problem"
    RATING_IMPROVED = "rating_improved"  # set by the citizen's own change, never chosen


def next_state(previous: State, action: Action, *, outcome: Outcome | None = None) -> State:
    """The state after `action`, or the rule the action breaks."""
    match previous, action:
        case State.CLOSED, _:
            raise FollowUpClosed()
        case _, Action.ASSIGN:
            return previous  # naming a manager does not start the work
        case _, Action.TAKE_IN_CHARGE:
            return State.IN_PROGRESS
        case _, Action.CLOSE:
            if outcome is None:
                raise OutcomeRequired()
            return State.CLOSED
    raise AssertionError(f"unhandled transition {previous} {action}")


def add_working_days(start: datetime, days: int) -> datetime:
    """`start` moved on by `days` working days (Monday to Friday; holidays are not known)."""
    moved = start
    left = days
    while left > 0:
        moved += timedelta(days=1)
        if moved.weekday() < 5:
            left -= 1
    return moved


def is_overdue(state: str, opened_at: datetime, now: datetime, due_days: int) -> bool:
    """Past its due time and not closed."""
    return state != State.CLOSED and now > add_working_days(opened_at, due_days)


def reminder_due(
    state: str, opened_at: datetime, reminded_at: datetime | None, now: datetime, due_days: int
) -> bool:
    """Overdue and not reminded in the current due period: one reminder a period, not a flood."""
    if not is_overdue(state, opened_at, now, due_days):
        return False
    return reminded_at is None or now > add_working_days(reminded_at, due_days)
