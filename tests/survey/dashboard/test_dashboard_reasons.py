"""Reasons read on the dashboard: the overview's "why dissatisfied" chart, the page, the JSON."""

from __future__ import annotations

from tests.survey.dashboard.helpers import signed_in
from tests.survey.report.helpers import case

HTML = {"Accept": "text/html"}


async def _unhappy_citizens(client, settings) -> None:
    for day, reason in enumerate(["long_wait"] * 5 + ["unclear_answer"] * 5, start=1):
        await case(
            client,
            settings,
            opened=f"2012-03-{day:02d}T10:00:00+01:00",
            closed=f"2012-03-{day:02d}T12:00:00+01:00",
            answers={"satisfaction": 2, "difficulty": reason},
            channel="phone" if day <= 7 else "email",
            region="lazio",
        )


async def test_the_overview_shows_why_citizens_were_dissatisfied(client, cli, settings):
    await _unhappy_citizens(client, settings)
    await signed_in(client, cli)
    page = (await client.get("/manage/dashboard?lang=en", headers=HTML)).text
    assert 'id="h-why-dissatisfied"' in page
    assert "Why citizens are dissatisfied" in page and "<svg" in page
    assert "I waited too long for an answer" in page and "long_wait" not in page
    italian = (await client.get("/manage/dashboard?lang=it", headers=HTML)).text
    assert "Ho aspettato troppo per avere una risposta" in italian
    reasons = await client.get("/api/manage/dashboard/reasons")
    assert reasons.status_code == 200
    tables = {(t["item"], t["by"]): t for t in reasons.json()["breakdowns"]}
    (everyone,) = tables[("difficulty", None)]["groups"]
    shares = {s["option"]: s for s in everyone["shares"]}
    assert everyone["answered"] == 10 and shares["long_wait"]["count"] == 5
    assert shares["long_wait"]["share"]["estimate"] == 0.5
    by_channel = tables[("difficulty", "channel")]
    # Three email answers are under the threshold: the group is only counted.
    assert [g["group"] for g in by_channel["groups"]] == ["phone"]
    assert by_channel["hidden_groups"] == 1
    assert {("difficulty", "resolution_path"), ("difficulty", "office"), ("liked", None)} <= set(
        tables
    )


async def test_the_reasons_page_breaks_them_down(client, cli, settings):
    await _unhappy_citizens(client, settings)
    await signed_in(client, cli)
    page = await client.get("/manage/dashboard/reasons?lang=en", headers=HTML)
    assert page.status_code == 200
    assert "Where did you run into the most difficulty?" in page.text
    assert "1 group with fewer than 5 answers is not shown." in page.text
    assert "Toll-free number" in page.text
