"""Filters narrow the figures, the same way on the pages and in the JSON API."""

from __future__ import annotations

import csv
import io

from analysis import Estimate
from analysis.report import texts
from tests.survey.dashboard.helpers import PERIOD, signed_in, small_period


async def _overview(client, query: str) -> dict:
    response = await client.get(f"/api/manage/dashboard/overview?{query}")
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_filter_changes_page_and_api_alike(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    everything = await _overview(client, PERIOD)
    email = await _overview(client, f"{PERIOD}&channel=email")
    assert (everything["basis"]["cases"], everything["basis"]["answers"]) == (12, 11)
    assert (email["basis"]["cases"], email["basis"]["answers"]) == (5, 5)
    assert [v["level"] for v in email["by_channel"]] == ["email"]
    assert email["satisfaction"]["csat"]["estimate"] == 3 / 5
    assert everything["satisfaction"]["csat"]["estimate"] == 8 / 11
    for query, figures in ((PERIOD, everything), (f"{PERIOD}&channel=email", email)):
        page = (await client.get(f"/manage/dashboard?{query}&lang=en")).text
        csat = Estimate(**figures["satisfaction"]["csat"])
        assert texts.share("en", csat) in page
        cases = figures["basis"]["cases"]
        assert f"<dt>Requests</dt><dd>{cases}</dd>" in page
    channel = (await client.get(f"/api/manage/dashboard/channel?{PERIOD}")).json()
    groups = {g["group"]: g["answers"] for g in channel["comparison"]["groups"]}
    assert groups == {"phone": 6, "email": 5}
    back = (await client.get(f"/api/manage/dashboard/path?{PERIOD}&path=back_office")).json()
    assert [g["group"] for g in back["comparison"]["groups"]] == ["back_office"]


async def test_the_form_keeps_the_filters_and_the_links_carry_them(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    page = (await client.get(f"/manage/dashboard/channel?{PERIOD}&region=lazio")).text
    assert 'value="2012-05-01"' in page and 'value="lazio" selected' in page
    assert (
        'href="/manage/dashboard/path?from=2012-05-01&amp;to=2012-07-01&amp;region=lazio"' in page
    )


async def test_without_a_period_the_last_year_of_answers_is_shown(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    figures = await _overview(client, "")
    # Up to the day after the last case answered (the one of 1 June has no answer).
    assert figures["basis"]["filters"]["to"] == "2012-05-15"
    assert figures["basis"]["filters"]["from"] == "2012-05-01"  # the first case opened
    assert figures["basis"]["answers"] == 11


async def test_under_the_threshold_satisfaction_is_hidden(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    molise = await _overview(client, f"{PERIOD}&region=molise")
    assert molise["basis"]["answers"] == 1 and molise["basis"]["shown"] is False
    assert molise["satisfaction"] is None and molise["monthly"] == []
    path = (await client.get(f"/api/manage/dashboard/path?{PERIOD}&region=molise")).json()
    assert path["comparison"] is None
    page = (await client.get(f"/manage/dashboard/path?{PERIOD}&region=molise&lang=en")).text
    assert "fewer than 5 answers" in page and "<svg" not in page


async def test_bad_filters_are_refused_naming_the_field(client, cli):
    await signed_in(client, cli)
    wrong = await client.get("/api/manage/dashboard/overview?channel=pigeon")
    assert wrong.status_code == 400 and "channel" in wrong.text
    backwards = await client.get("/api/manage/dashboard/overview?from=2012-06-01&to=2012-05-01")
    assert backwards.status_code == 422 and backwards.json()["field"] == "to"
    assert (await client.get("/api/manage/dashboard/path?from=yesterday")).status_code == 400
    ancient = await client.get("/api/manage/dashboard/overview?to=0729-02-24")
    # Outside the service window the OpenAPI document states: malformed, as the form says.
    assert ancient.status_code == 400
    assert [error["field"] for error in ancient.json()["errors"]] == ["to"]
    huge = await client.get("/api/manage/dashboard/consultations/451970763365621834973184")
    assert huge.status_code == 400


async def test_a_period_beyond_the_data_from_one_end_is_empty_not_refused(client, cli, settings):
    await small_period(client, settings)  # May and June 2012
    await signed_in(client, cli)
    later = await client.get("/api/manage/dashboard/overview?from=2030-01-01")
    assert later.status_code == 200, later.text
    assert later.json()["basis"]["answers"] == 0
    earlier = await client.get("/api/manage/dashboard/overview?to=2001-01-01")
    assert earlier.status_code == 200, earlier.text
    assert earlier.json()["basis"]["answers"] == 0


async def test_requester_kind_and_other_bodies_narrow_the_figures(client, cli, settings):
    from tests.factories import close_case, escalate_case, make_case
    from tests.survey.report.helpers import answer

    await small_period(client, settings)  # no kind recorded; five Back Office cases alone
    for day in (20, 21):
        made = await make_case(
            client,
            opened_at=f"2012-05-{day}T10:00:00+02:00",
            contact_email=f"ente{day}@example.org",
            requester_kind="institution",
        )
        await escalate_case(
            client,
            made["code"],
            "volontariato",
            at=f"2012-05-{day}T11:00:00+02:00",
            other_bodies=["prefecture"],
        )
        await close_case(client, made["code"], at=f"2012-05-{day + 2}T10:00:00+02:00")
        await answer(client, settings, made["code"], {"satisfaction": 3, "resolved": "yes"})
    await signed_in(client, cli)
    institutions = await _overview(client, f"{PERIOD}&requester=institution")
    assert (institutions["basis"]["cases"], institutions["basis"]["answers"]) == (2, 2)
    assert institutions["basis"]["filters"]["requester"] == "institution"
    with_bodies = await _overview(client, f"{PERIOD}&bodies=with")
    without = await _overview(client, f"{PERIOD}&bodies=without")
    assert with_bodies["basis"]["cases"] == 2 and without["basis"]["cases"] == 5
    page = (await client.get(f"/manage/dashboard?{PERIOD}&bodies=with&lang=en")).text
    assert 'value="with" selected' in page and "With other bodies involved" in page
    wrong = await client.get(f"/api/manage/dashboard/overview?{PERIOD}&requester=alien")
    assert wrong.status_code == 400 and "requester" in wrong.text
    exported = await client.get(f"/api/manage/exports/answers.csv?{PERIOD}&labels=1&lang=en")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    kinds = {(row["requester_kind"], row["other_bodies"]) for row in rows}
    assert kinds == {("", "0"), ("Institution", "1")}


async def test_the_periods_cases_as_they_stood_at_the_end_of_a_day(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    # By the end of 11 May: six phone cases (closed the same day) and two emails, both still
    # with the Back Office (they close three days after opening).
    early = await client.get(f"/api/manage/dashboard/as-of?{PERIOD}&at=2012-05-11")
    assert early.status_code == 200, early.text
    counts = early.json()
    assert (counts["received"], counts["closed_front_office"], counts["back_office"]) == (8, 6, 2)
    assert counts["closed_back_office"] == 0 and counts["phone_received"] == 6
    later = (await client.get(f"/api/manage/dashboard/as-of?{PERIOD}&at=2012-06-30")).json()
    assert (later["received"], later["closed"], later["closed_back_office"]) == (12, 12, 5)
    wrong = await client.get(f"/api/manage/dashboard/as-of?{PERIOD}&at=1066-10-14")
    assert wrong.status_code in (400, 422) and "at" in wrong.text


async def test_the_overview_page_tells_the_counts_of_a_past_day(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    page = (await client.get(f"/manage/dashboard?{PERIOD}&at=2012-05-11&lang=en")).text
    assert "As they stood on a day" in page and 'value="2012-05-11"' in page
    assert "<dt>Waiting at the Back Office</dt><dd>2</dd>" in page
    assert "<dt>Closed at the Front Office</dt><dd>6</dd>" in page
    plain = (await client.get(f"/manage/dashboard?{PERIOD}&lang=en")).text
    assert "As they stood on a day" in plain and "Waiting at the Back Office" not in plain
