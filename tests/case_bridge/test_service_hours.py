"""The line's hours: ordinary hours as written in the setting, emergencies' extended hours,
and which moments fall inside the hours in force."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from analysis import FeedbackColumns
from analysis.service_hours import ORDINARY_PERIOD, phone_coverage
from case_bridge.service_hours import (
    ORDINARY,
    ExtendedHours,
    HoursError,
    OrdinaryHours,
    inside_hours,
)
from survey.settings import Settings, SettingsError

FLOOD = ExtendedHours("Alluvione", datetime(2011, 11, 4), datetime(2011, 11, 7), 8, 22)
QUAKE = ExtendedHours("Terremoto", datetime(2012, 5, 20), datetime(2012, 5, 22))


def moments(*texts: str) -> np.ndarray:
    return np.array([np.datetime64(text, "s") for text in texts])


def test_the_setting_is_read_as_days_and_hours():
    assert OrdinaryHours.parse("mon-fri 9-18") == ORDINARY
    assert ORDINARY.weekdays == frozenset(range(5))
    assert OrdinaryHours.parse("Mon-Sat 8-20") == OrdinaryHours(frozenset(range(6)), 8, 20)
    assert str(OrdinaryHours.parse("sun 0-24")) == "sun 0-24"
    for wrong in ("9-18", "mon-fri 18-9", "fri-mon 9-18", "mon-fri 9-25", "lun-ven 9-18"):
        with pytest.raises(HoursError):
            OrdinaryHours.parse(wrong)
    with pytest.raises(SettingsError, match="ASCOLTO_SERVICE_HOURS"):
        Settings(secret_key="s" * 32, bridge_key="b" * 16, service_hours="always")


def test_inside_the_hours_in_force():
    # 2011-11-02 is a Wednesday, 2011-11-05 a Saturday inside the flood's period (8-22),
    # 2012-05-20 a Sunday inside the earthquake's (round the clock).
    found = inside_hours(
        moments(
            "2011-11-02T09:00:00",  # ordinary, opening
            "2011-11-02T17:59:59",  # ordinary, last second
            "2011-11-02T18:00:00",  # ordinary, closed
            "2011-10-29T10:00:00",  # an ordinary Saturday
            "2011-11-05T07:59:00",  # flood: before 8
            "2011-11-05T21:30:00",  # flood: extended hours, on a Saturday
            "2012-05-20T03:00:00",  # earthquake: h24
            "NaT",
        ),
        ORDINARY,
        [FLOOD, QUAKE],
    )
    assert found.tolist() == [True, True, False, False, False, True, True, False]


def test_national_holidays_are_closed_days_outside_emergencies():
    from datetime import date

    from case_bridge.service_hours import easter, public_holidays

    assert [easter(year) for year in (2011, 2012, 2024, 2025)] == [
        date(2011, 4, 24),
        date(2012, 4, 8),
        date(2024, 3, 31),
        date(2025, 4, 20),
    ]
    assert date(2012, 4, 9) in public_holidays(2012)  # Easter Monday
    assert len(public_holidays(2012)) == 11
    holiday_flood = ExtendedHours("Alluvione", datetime(2011, 11, 1), datetime(2011, 11, 2), 8, 22)
    found = inside_hours(
        moments(
            "2012-04-09T10:00:00",  # Easter Monday 2012
            "2011-08-15T10:00:00",  # Ferragosto, a Monday
            "2011-08-16T10:00:00",  # an ordinary Tuesday
            "2011-11-01T10:00:00",  # All Saints, inside an emergency period: extended hours
        ),
        ORDINARY,
        [holiday_flood],
    )
    assert found.tolist() == [False, False, True, True]


def test_coverage_counts_phone_requests_per_period():
    columns = FeedbackColumns.from_records(
        [
            {
                "case_id": n,
                "channel": channel,
                "request_type": "information",
                "resolution_path": "front_office",
                "opened_at": np.datetime64(opened, "s"),
            }
            for n, (channel, opened) in enumerate(
                [
                    ("phone", "2011-11-02T10:00:00"),
                    ("phone", "2011-11-02T18:10:00"),
                    ("email", "2011-11-02T23:00:00"),  # written: not counted
                    ("phone", "2011-11-05T21:00:00"),
                    ("phone", "2011-11-05T23:00:00"),
                ],
                start=1,
            )
        ]
    )
    coverage = {row.period: row for row in phone_coverage(columns, ORDINARY, [FLOOD, QUAKE])}
    assert list(coverage) == [ORDINARY_PERIOD, "Alluvione"]  # no phone request in the quake
    ordinary, flood = coverage[ORDINARY_PERIOD], coverage["Alluvione"]
    assert (ordinary.phone_requests, ordinary.inside) == (2, 1)
    assert (flood.phone_requests, flood.inside, flood.opening_hour) == (2, 1, 8)
    assert flood.share.estimate == pytest.approx(0.5)


async def test_a_case_says_whether_it_arrived_outside_the_hours_in_force(client):
    from tests.factories import HEADERS, make_case

    flood = {
        "name": "Alluvione di Genova",
        "starts_at": "2011-11-04T00:00:00+01:00",
        "ends_at": "2011-11-07T00:00:00+01:00",
        "opening_hour": 8,
        "closing_hour": 22,
    }
    created = await client.post("/api/emergencies", json=flood, headers=HEADERS)
    assert created.status_code == 201, created.text
    assert created.json()["closing_hour"] == 22
    opened = {
        "2011-11-02T10:00:00+01:00": False,  # an ordinary Wednesday morning
        "2011-11-02T19:30:00+01:00": True,  # after 18
        "2011-11-05T21:00:00+01:00": False,  # a Saturday of the flood, extended hours
        "2011-11-05T23:00:00+01:00": True,  # after the flood's 22
    }
    for moment, outside in opened.items():
        case = await make_case(client, channel="phone", opened_at=moment)
        assert case["outside_hours"] is outside, moment
        again = await client.get(f"/api/cases/{case['code']}", headers=HEADERS)
        assert again.json()["outside_hours"] is outside
    listed = (await client.get("/api/cases", headers=HEADERS)).json()["items"]
    assert sorted(item["outside_hours"] for item in listed) == [False, False, True, True]
    backwards = flood | {"opening_hour": 22, "closing_hour": 8}
    refused = await client.post("/api/emergencies", json=backwards, headers=HEADERS)
    assert refused.status_code == 422 and refused.json()["field"] == "closing_hour"
