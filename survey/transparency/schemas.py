"""The transparency figures as published: labels in the page's language, hidden counts null."""

from __future__ import annotations

from datetime import date

import msgspec


class CountsOut(msgspec.Struct, kw_only=True):
    """A group's cases as they stood; null where the count is hidden (under the threshold, or
    hidden with it so that it cannot be recovered from a total)."""

    group: str
    received: int | None
    closed: int | None
    open: int | None


class ShareOut(msgspec.Struct, kw_only=True):
    share: float | None
    low: float | None
    high: float | None


class MonthOut(msgspec.Struct, kw_only=True):
    """A whole month of closing with at least `satisfaction_minimum` answers, final."""

    month: str
    answers: int
    csat: float
    low: float
    high: float


class TransparencyOut(msgspec.Struct, kw_only=True):
    as_of: date
    first_day: date
    threshold: int
    satisfaction_minimum: int
    received: int | None
    closed_front_office: ShareOut
    closed_back_office: ShareOut
    still_open: ShareOut
    median_hours_to_close: float | None
    median_days_back_office: float | None
    weeks: list[CountsOut]
    channels: list[CountsOut]
    request_types: list[CountsOut]
    satisfaction: list[MonthOut]
