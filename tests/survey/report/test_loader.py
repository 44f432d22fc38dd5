"""The loader reads cases joined with their answers, as columns, for a period."""

from __future__ import annotations

from datetime import date

import numpy as np

from analysis.report.data import Period
from survey.report.loader import load_feedback_columns, load_report_data
from tests.survey.report.helpers import case, emergency, office

HAPPY = {"satisfaction": 5, "resolved": "yes", "effort": 6, "recommend": 9, "comment": "Grazie"}
UNHAPPY = {"satisfaction": 2, "resolved": "no"}
MAY_JUNE = Period(date(2012, 5, 1), date(2012, 7, 1))


async def _period(client, settings) -> dict[str, dict]:
    await emergency(client)
    back = await office(client)
    return {
        # Opened in the emergency, closed the same local day (the next day in no zone).
        "front": await case(
            client,
            settings,
            opened="2012-05-29T10:00:00+02:00",
            closed="2012-05-29T23:30:00+02:00",
            answers=HAPPY,
            channel="phone",
            topic="volontariato",
            region="lazio",
        ),
        # Opened late in the evening: three local calendar days to close, two in UTC.
        "back": await case(
            client,
            settings,
            opened="2012-05-30T22:30:00+02:00",
            closed="2012-06-02T00:30:00+02:00",
            office=back,
            answers=UNHAPPY,
            channel="email",
            request_type="complaint",
            topic="attestati",
            region=None,
        ),
        "open": await case(
            client,
            settings,
            opened="2012-06-10T09:00:00+02:00",
            channel="web_form",
            request_type="report",
            topic="allerte",
            region="sicilia",
        ),
        "silent": await case(
            client,
            settings,
            opened="2012-06-30T23:59:00+02:00",
            closed="2012-07-01T09:00:00+02:00",
            channel="pec",
            region="abroad",
        ),
        "outside": await case(
            client,
            settings,
            opened="2012-07-01T00:00:00+02:00",
            closed="2012-07-01T09:00:00+02:00",
            answers=HAPPY,
        ),
    }


def _row(columns, identifier: int) -> int:
    return int(np.flatnonzero(columns.case_id == identifier)[0])


async def test_every_column_matches_what_was_made(client, settings, db):
    made = await _period(client, settings)
    columns = await load_feedback_columns(engine=db, period=MAY_JUNE)
    expected = [made[name]["id"] for name in ("front", "back", "open", "silent")]
    assert columns.case_id.tolist() == expected  # "outside" opened on the first day after
    front, back, still_open, silent = (_row(columns, identifier) for identifier in expected)
    assert columns.channel.values().tolist() == ["phone", "email", "web_form", "pec"]
    assert columns.request_type.values().tolist() == [
        "information",
        "complaint",
        "report",
        "information",
    ]
    assert columns.topic.values().tolist() == [
        "volontariato",
        "attestati",
        "allerte",
        "volontariato",
    ]
    assert columns.region.values().tolist() == ["lazio", "", "sicilia", "abroad"]
    assert columns.resolution_path.values().tolist() == [
        "front_office",
        "back_office",
        "open",
        "front_office",
    ]
    assert columns.office.values().tolist() == ["", "volontariato", "", ""]
    # Times are the department's wall clock (Europe/Rome), NaT while open.
    assert columns.opened_at[back] == np.datetime64("2012-05-30T22:30:00")
    assert columns.closed_at[front] == np.datetime64("2012-05-29T23:30:00")
    assert np.isnat(columns.closed_at[still_open])
    assert columns.days_to_close[front] == 0 and columns.days_to_close[back] == 3
    assert columns.days_to_close[silent] == 1 and np.isnan(columns.days_to_close[still_open])
    assert columns.in_emergency.tolist() == [True, True, False, False]
    assert columns.answered.tolist() == [True, True, False, False]
    np.testing.assert_array_equal(columns.satisfaction, [5, 2, np.nan, np.nan])
    np.testing.assert_array_equal(columns.effort, [6, np.nan, np.nan, np.nan])
    np.testing.assert_array_equal(columns.recommend, [9, np.nan, np.nan, np.nan])
    assert columns.resolved.values().tolist() == ["yes", "no", "", ""]
    assert columns.collection_channel.values().tolist() == ["email_link", "email_link", "", ""]


async def test_report_data_has_the_emergencies_and_comments(client, settings, db):
    made = await _period(client, settings)
    data = await load_report_data(engine=db, period=MAY_JUNE)
    assert [(e.name, str(e.starts_at), str(e.ends_at)) for e in data.emergencies] == [
        ("Terremoto in Emilia", "2012-05-29 04:00:00", "2012-06-05 00:00:00")
    ]
    assert [(c.case_id, c.satisfaction, c.text) for c in data.comments] == [
        (made["front"]["id"], 5.0, "Grazie")
    ]


async def test_a_period_without_cases_gives_empty_columns(client, settings, db):
    await _period(client, settings)
    data = await load_report_data(engine=db, period=Period(date(2013, 1, 1), date(2013, 2, 1)))
    assert len(data.columns) == 0 and data.emergencies == () and data.comments == ()
