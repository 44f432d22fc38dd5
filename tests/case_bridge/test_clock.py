"""The service window as the OpenAPI document states it: the same days as the API takes."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from case_bridge.storage import clock


def test_the_date_pattern_holds_exactly_the_days_of_the_service_window():
    pattern = re.compile(clock.SERVICE_DATE_PATTERN)
    day = date(1999, 12, 1)
    while day < date(2100, 2, 1):
        assert bool(pattern.match(day.isoformat())) == (
            clock.outside_service_window(day) is None
        ), day
        day += timedelta(days=1)
    # Days that do not exist are not in it either.
    for wrong in ("2001-02-29", "2100-02-29", "2012-04-31", "2012-13-01", "2012-00-10"):
        assert not pattern.match(wrong), wrong
    assert pattern.match("2000-02-29") and pattern.match("2096-02-29")


def test_the_time_pattern_takes_rfc_3339_times_of_the_window_with_their_zone():
    pattern = re.compile(clock.SERVICE_DATE_TIME_PATTERN)
    for taken in ("2012-05-29T09:00:00+02:00", "2000-01-01T00:00:00Z", "2099-12-31t23:59:59.5z"):
        assert pattern.match(taken), taken
        assert clock.outside_service_window(datetime.fromisoformat(taken.upper())) is None
    for refused in (
        "1999-12-31T23:59:59Z",  # outside the window
        "2100-01-01T00:00:00Z",
        "2012-05-29T09:00:60Z",  # a leap second: refused by the API's decoder
        "2012-05-29T09:00Z",  # no seconds
        "2012-05-29",  # no time
    ):
        assert not pattern.match(refused), refused
