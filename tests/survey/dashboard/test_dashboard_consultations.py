"""Referent consultations on the dashboard: the threshold, and offices side by side."""

from __future__ import annotations

from tests.survey.consultations.helpers import (
    answer_all,
    close,
    create,
    deliver,
    form_answers,
    manager,
    open_and_mail,
    referents,
)
from tests.survey.dashboard.helpers import PERIOD, small_period


async def test_offices_side_by_side_under_the_threshold(
    client, cli, settings, smtp_settings, inbox
):
    await small_period(client, settings)
    await referents(client, {"volontariato": 6, "emergenze": 3})
    headers = await manager(client, cli)
    consultation = await create(client, headers)
    path = f"/api/manage/dashboard/consultations/{consultation['id']}?{PERIOD}"
    # No results before the tally: a draft's, an open one's.
    assert (await client.get(path)).status_code == 409
    await deliver(smtp_settings)  # the citizens' invitations go out first
    links = await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)
    # emergenze's referents do not answer: three answers of theirs would be merged at the
    # tally with volontariato's into the department (no group of fewer than 5 is kept).
    plan = {"volontariato": 5, "emergenze": 0}
    for office, answering in plan.items():
        paths = sorted(p for to, p in links.items() if to.startswith(office))
        for path_of_referent in paths[:answering]:
            await answer_all(client, path_of_referent, form_answers(office=office, level=4))
    assert (await client.get(path)).status_code == 409
    assert (await close(client, headers, consultation["id"])).status_code == 200
    found = (await client.get(path)).json()
    assert found["results"]["shown"] is True and found["scale"] == "overall"
    offices = {row["office"]: row for row in found["offices"]}
    assert offices["volontariato"]["referents_shown"] is True
    assert offices["volontariato"]["referents"] == 5
    assert offices["volontariato"]["referents_mean"]["estimate"] == 4.0
    assert offices["volontariato"]["citizens_csat"]["estimate"] == 3 / 5
    assert set(offices) == {"volontariato"}  # no office of fewer than 5 answers
    page = await client.get(f"/manage/dashboard/consultations/{consultation['id']}?{PERIOD}")
    assert page.status_code == 200 and "volontariato" in page.text
    listed = (await client.get("/api/manage/dashboard/consultations")).json()
    assert [c["id"] for c in listed["consultations"]] == [consultation["id"]]
