"""The public transparency page: open and closed cases, hidden small counts, no codes, no free
text, in HTML, JSON and CSV; satisfaction only by whole, final months with 30 answers."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import numpy as np
import pytest

from case_bridge.as_of import Standings
from survey.transparency.figures import (
    path_shares,
    period_start,
    suppressed_counts,
    transparency_figures,
)
from survey.transparency.services import final_months
from survey.web.i18n import translate
from tests.factories import close_case, escalate_case, make_case, make_office

SECRET_NOTE = "Nota riservata: il signor Rossi ha chiamato"
SECRET_TOPIC = "argomento-libero-XYZ"
AS_OF = "2012-06-30"


async def transparency_cases(client) -> list[str]:
    """Twelve phone questions answered at once, seven emails (two still open), three faxes
    handed to an office, one of them with a note."""
    office = await make_office(client, "emergenze")
    codes = []
    for hour in range(10, 22):
        day = "2012-06-04" if hour < 16 else "2012-06-12"
        case = await make_case(
            client,
            channel="phone",
            opened_at=f"{day}T{hour % 8 + 9:02d}:00:00+02:00",
            topic=SECRET_TOPIC,
            contact_email="mario.rossi@example.org",
        )
        await close_case(client, case["code"], at=f"{day}T{hour % 8 + 9:02d}:10:00+02:00")
        codes.append(case["code"])
    for number in range(7):
        case = await make_case(client, channel="email", opened_at="2012-06-05T10:00:00+02:00")
        if number >= 2:
            await close_case(client, case["code"], at="2012-06-06T10:00:00+02:00")
        codes.append(case["code"])
    for number in range(3):
        case = await make_case(
            client, channel="fax", request_type="complaint", opened_at="2012-06-13T09:00:00+02:00"
        )
        note = SECRET_NOTE if number == 0 else ""
        await escalate_case(client, case["code"], office, note=note)
        codes.append(case["code"])
    return codes


def assert_no_small_group(rows: list[dict]) -> None:
    for row in rows:
        values = [row["received"], row["closed"], row["open"]]
        assert all(value is None or value == 0 or value >= 5 for value in values), row
        # One hidden of closed and open, beside the received total, would give it away.
        if row["received"] is not None:
            assert (row["closed"] is None) == (row["open"] is None), row
    hidden = [row for row in rows if row["received"] is None]
    assert len(hidden) != 1, rows  # one hidden group would be the total less the others


async def test_json_html_and_csv_hide_small_groups_and_say_nothing_personal(client):
    codes = await transparency_cases(client)
    answer = await client.get("/trasparenza.json", params={"as_of": AS_OF})
    assert answer.status_code == 200, answer.text
    figures = answer.json()
    assert figures["received"] == 22
    assert figures["first_day"] == str(period_start(date(2012, 6, 30)))
    channels = {row["group"]: row for row in figures["channels"]}
    assert channels["Numero verde"] == {
        "group": "Numero verde",
        "received": 12,
        "closed": 12,
        "open": 0,
    }
    # Emails: 5 closed, 2 open: the 2 is hidden, and the 5 with it. The three faxes are
    # hidden; then the 7 emails too, or the faxes would be 22 less the others.
    assert channels["Email"] == {"group": "Email", "received": None, "closed": None, "open": None}
    assert channels["Fax"]["received"] is None and channels["Fax"]["open"] is None
    for table in ("weeks", "channels", "request_types"):
        assert_no_small_group(figures[table])
    assert figures["closed_front_office"]["share"] == pytest.approx(17 / 22)
    # None closed at Back Office (a zero is shown), five still open.
    assert figures["closed_back_office"]["share"] == 0.0
    assert figures["still_open"]["share"] == pytest.approx(5 / 22)
    assert figures["satisfaction"] == []  # no month with 30 answers

    page = await client.get("/trasparenza", params={"as_of": AS_OF})
    spreadsheet = await client.get("/trasparenza.csv", params={"as_of": AS_OF})
    assert page.status_code == spreadsheet.status_code == 200
    assert "Numero verde" in page.text and "non mostrato" in page.text
    assert translate("it", "citizen_emergency_title") in page.text  # the emergency numbers
    rows = list(csv.DictReader(io.StringIO(spreadsheet.content.decode("utf-8-sig"))))
    by_channel = {row["group"]: row for row in rows if row["table"] == "channel"}
    assert by_channel["Numero verde"]["received"] == "12" and by_channel["Email"]["open"] == ""
    for text in (page.text, answer.text, spreadsheet.content.decode("utf-8-sig")):
        assert SECRET_NOTE not in text and SECRET_TOPIC not in text
        assert "rossi" not in text.lower() and "emergenze" not in text
        assert not any(code in text for code in codes)
        assert "phone" not in text and "complaint" not in text  # labels, never codes


async def test_as_of_shows_the_cases_as_they_stood(client):
    await transparency_cases(client)
    early = (await client.get("/trasparenza.json", params={"as_of": "2012-06-05"})).json()
    # By the end of 5 June: six phone calls closed, seven emails all still open.
    assert early["received"] == 13
    emails = next(row for row in early["channels"] if row["group"] == "Email")
    assert emails == {"group": "Email", "received": 7, "closed": 0, "open": 7}


async def test_english_bad_days_and_the_status_page_link(client):
    case = await make_case(client)
    page = await client.get("/transparency", params={"as_of": AS_OF})
    assert page.status_code == 200 and "Transparency" in page.text and 'lang="en"' in page.text
    italian = await client.get("/transparency", params={"as_of": AS_OF, "lang": "it"})
    assert "Trasparenza" in italian.text
    for wrong in ("yesterday", "2999-01-01", "0001-01-01"):
        answer = await client.get("/trasparenza.json", params={"as_of": wrong})
        assert answer.status_code in (400, 422), (wrong, answer.text)
        assert "as_of" in answer.text
    status = await client.get(f"/cases/{case['code']}/status")
    assert 'href="/trasparenza"' in status.text


def test_complementary_suppression_of_a_week_table():
    rows = suppressed_counts(["w1", "w2", "w3"], closed=[30, 40, 12], still_open=[0, 0, 3])
    assert [(r.received, r.closed, r.open) for r in rows] == [
        (30, 30, 0),
        (40, 40, 0),
        (15, None, None),
    ]


def test_a_share_of_a_known_total_hides_a_small_count_and_one_more():
    shown = path_shares(100, [90, 10, 0])
    assert [s.estimate if s else None for s in shown] == [0.9, 0.1, 0.0]
    # 3 of 100 would be 3 cases; the next smallest (7) goes with it, or 100 - 90 - 7 = 3.
    assert [s.estimate if s else None for s in path_shares(100, [90, 7, 3])] == [0.9, None, None]
    assert path_shares(4, [4, 0, 0]) == [None, None, None]


def test_satisfaction_only_for_whole_final_months_with_30_answers():
    until = datetime(2012, 7, 10, tzinfo=UTC)
    # June ends on 1 July; with 37 days to settle its answers it is final only from 7 August.
    assert final_months(date(2012, 3, 5), until, settle_days=37) == [
        date(2012, 4, 1),
        date(2012, 5, 1),
    ]
    standings = Standings(
        as_of=until,
        opened_at=np.array([0], dtype=np.int64),
        opened_on=[date(2012, 6, 1)],
        channel=["phone"],
        request_type=["information"],
        state=["closed"],
        path=["front_office"],
        closed_at=np.array([600], dtype=np.int64),
    )
    figures = transparency_figures(
        standings=standings,
        as_of=date(2012, 7, 9),
        channels=["phone"],
        request_types=["information"],
        months=[("2012-04", 29, 20), ("2012-05", 30, 24)],
    )
    assert [month.month for month in figures.satisfaction] == ["2012-05"]
    assert figures.satisfaction[0].csat.estimate == pytest.approx(0.8)
    assert figures.received == 1 and figures.median_hours_to_close is None  # under 5
