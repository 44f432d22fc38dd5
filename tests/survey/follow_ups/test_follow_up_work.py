"""Follow-ups as work, through HTTP: assign, take in charge, close with an outcome, history,
the office's signed link over real SMTP, overdue reminders, a raised rating, permissions."""

from __future__ import annotations

from datetime import timedelta

from case_bridge.storage import clock
from survey.follow_ups.states import add_working_days
from tests.survey.accounts.helpers import make_user
from tests.survey.dashboard.helpers import signed_in
from tests.survey.follow_ups.helpers import (
    answer,
    follow_up_id,
    link_action,
    link_paths,
    notify_and_deliver,
    office_with_referent,
    to_offices,
    unhappy_case,
)

API = "/api/manage/follow-ups"


async def test_a_manager_assigns_takes_in_charge_and_closes_with_an_outcome(client, cli, settings):
    await office_with_referent(client)
    made = await unhappy_case(client, settings)
    headers = await signed_in(client, cli)
    await make_user(cli, "bruno", "manager")
    found = await follow_up_id(client, headers, made["code"])

    detail = (await client.get(f"{API}/{found}")).json()
    assert detail["follow_up"]["state"] == "open"
    assert detail["follow_up"]["office"] == "volontariato"
    assert detail["comment"] == "Nessuno mi ha richiamato"
    assert detail["answers"]["satisfaction"] == 2

    assigned = await client.post(
        f"{API}/{found}/assign", json={"manager": "bruno"}, headers=headers
    )
    assert assigned.status_code == 200 and assigned.json() == {"state": "open"}
    taken = await client.post(f"{API}/{found}/take-in-charge", json={}, headers=headers)
    assert taken.json() == {"state": "in_progress"}
    closed = await client.post(
        f"{API}/{found}/close",
        json={"outcome": "recontacted_solved", "note": "Richiamato, tutto chiarito"},
        headers=headers,
    )
    assert closed.status_code == 200 and closed.json() == {"state": "closed"}

    detail = (await client.get(f"{API}/{found}")).json()
    assert detail["follow_up"]["manager"] == "bruno"
    assert detail["follow_up"]["outcome"] == "recontacted_solved"
    assert detail["note"] == "Richiamato, tutto chiarito"
    assert [
        (c["actor"], c["action"], c["from_state"], c["to_state"]) for c in detail["history"]
    ] == [
        ("gestore", "assign", "open", "open"),
        ("gestore", "take_in_charge", "open", "in_progress"),
        ("gestore", "close", "in_progress", "closed"),
    ]
    again = await client.post(
        f"{API}/{found}/close", json={"outcome": "unreachable"}, headers=headers
    )
    assert again.status_code == 409


async def test_bad_actions_are_refused_and_change_nothing(client, cli, settings):
    await office_with_referent(client)
    made = await unhappy_case(client, settings)
    headers = await signed_in(client, cli)
    found = await follow_up_id(client, headers, made["code"])
    unknown = await client.post(f"{API}/{found}/assign", json={"manager": "x"}, headers=headers)
    assert unknown.status_code == 422 and unknown.json()["field"] == "manager"
    chosen_by_citizen = await client.post(
        f"{API}/{found}/close", json={"outcome": "rating_improved"}, headers=headers
    )
    assert chosen_by_citizen.status_code == 400
    assert (
        await client.post(f"{API}/999999/take-in-charge", json={}, headers=headers)
    ).status_code == 404
    detail = (await client.get(f"{API}/{found}")).json()
    assert detail["follow_up"]["state"] == "open" and detail["history"] == []


async def test_the_office_is_notified_over_smtp_and_works_it_through_its_link(
    client, cli, settings, smtp_settings, inbox
):
    await office_with_referent(client, "volontariato")
    await office_with_referent(client, "rischio_sismico")
    mine = await unhappy_case(client, settings, office="volontariato")
    other = await unhappy_case(client, settings, office="rischio_sismico")
    front = await unhappy_case(client, settings, office=None)

    report = await notify_and_deliver(smtp_settings)
    assert report.notified == 2  # the Front Office's has nobody to write to: managers work it
    by_recipient = {m["To"]: m for m in to_offices(inbox.messages)}
    assert set(by_recipient) == {"ref.volontariato@example.org", "ref.rischio_sismico@example.org"}
    assert mine["code"] in by_recipient["ref.volontariato@example.org"]["Subject"]
    path = link_paths([by_recipient["ref.volontariato@example.org"]])[0]
    assert (await notify_and_deliver(smtp_settings)).notified == 0  # never twice
    assert len(to_offices(inbox.messages)) == 2

    page = await client.get(path)
    assert page.status_code == 200
    assert mine["code"] in page.text and "Nessuno mi ha richiamato" in page.text
    assert other["code"] not in page.text and front["code"] not in page.text

    taken = await link_action(client, path, "take-in-charge")
    assert taken.status_code == 303
    closed = await link_action(client, path, "close", outcome="unreachable", note="Tre tentativi")
    assert closed.status_code == 303
    headers = await signed_in(client, cli)
    detail = (await client.get(f"{API}/{await follow_up_id(client, headers, mine['code'])}")).json()
    assert detail["follow_up"]["state"] == "closed"
    assert detail["follow_up"]["outcome"] == "unreachable"
    assert {c["actor"] for c in detail["history"]} == {"office:volontariato link"}
    other_detail = (
        await client.get(f"{API}/{await follow_up_id(client, headers, other['code'])}")
    ).json()
    assert other_detail["follow_up"]["state"] == "open" and other_detail["history"] == []


async def test_permissions(client, cli, settings, smtp_settings, inbox):
    await office_with_referent(client)
    made = await unhappy_case(client, settings)
    await notify_and_deliver(smtp_settings)
    path = link_paths(inbox.messages)[0]
    assert (await client.get(API)).status_code == 401
    assert (await client.post(f"{API}/1/take-in-charge", json={})).status_code in (401, 403)
    page = await client.get("/manage/follow-ups", follow_redirects=False)
    assert page.status_code in (302, 303)
    assert (await client.get("/s/not-a-token")).status_code == 404
    # A link names no manager: that is management's choice.
    refused = await link_action(client, path, "assign", manager="gestore")
    assert refused.status_code == 422
    # Every manager (not only admins) sees and acts on every follow-up.
    headers = await signed_in(client, cli)
    found = await follow_up_id(client, headers, made["code"])
    taken = await client.post(f"{API}/{found}/take-in-charge", json={}, headers=headers)
    assert taken.status_code == 200


async def test_an_overdue_follow_up_is_flagged_and_reminded_once_per_due_period(
    client, cli, settings, smtp_settings, inbox
):
    await office_with_referent(client)
    made = await unhappy_case(client, settings)
    assert (await notify_and_deliver(smtp_settings)).reminded == 0
    due = add_working_days(clock.now(), settings.follow_up_due_days)
    later = due + timedelta(hours=1)
    before = len(inbox.messages)
    assert (await notify_and_deliver(smtp_settings, now=later)).reminded == 1
    assert (await notify_and_deliver(smtp_settings, now=later + timedelta(days=1))).reminded == 0
    reminders = to_offices(inbox.messages[before:])
    assert len(reminders) == 1 and made["code"] in reminders[0]["Subject"]
    next_period = add_working_days(later, settings.follow_up_due_days) + timedelta(hours=1)
    assert (await notify_and_deliver(smtp_settings, now=next_period)).reminded == 1

    headers = await signed_in(client, cli)
    found = await follow_up_id(client, headers, made["code"])
    listed = (await client.get(API, headers=headers)).json()["follow_ups"]
    assert listed[0]["overdue"] is False  # not yet, by the real clock
    assert listed[0]["id"] == found


async def test_a_rating_raised_to_4_or_5_closes_the_follow_up(client, cli, settings):
    await office_with_referent(client)
    made = await unhappy_case(client, settings)
    await answer(client, settings, made["code"], {"satisfaction": 4, "resolved": "yes"})
    headers = await signed_in(client, cli)
    detail = (await client.get(f"{API}/{await follow_up_id(client, headers, made['code'])}")).json()
    assert detail["follow_up"]["state"] == "closed"
    assert detail["follow_up"]["outcome"] == "rating_improved"
    assert [(c["actor"], c["to_state"]) for c in detail["history"]] == [("citizen", "closed")]


async def test_the_pages_list_filter_sort_and_show_the_figures(client, cli, settings):
    await office_with_referent(client, "volontariato")
    await office_with_referent(client, "rischio_sismico")
    first = await unhappy_case(client, settings, office="volontariato")
    await unhappy_case(client, settings, office="rischio_sismico", resolved="no")
    await unhappy_case(client, settings, office=None)
    headers = await signed_in(client, cli)
    found = await follow_up_id(client, headers, first["code"])
    await client.post(
        f"{API}/{found}/close", json={"outcome": "recontacted_solved"}, headers=headers
    )

    everything = (await client.get(API)).json()
    assert (everything["total"], everything["page"], everything["pages"]) == (3, 1, 1)
    closed = (await client.get(f"{API}?state=closed")).json()
    assert [row["case"] for row in closed["follow_ups"]] == [first["code"]]
    by_office = (await client.get(f"{API}?office=rischio_sismico")).json()
    assert [row["office_name"] for row in by_office["follow_ups"]] == ["Rischio_Sismico"]
    front = (await client.get(f"{API}?office=front_office")).json()
    assert [row["office"] for row in front["follow_ups"]] == [None]
    not_resolved = (await client.get(f"{API}?reason=not_resolved")).json()
    assert not_resolved["total"] == 1
    assert (await client.get(f"{API}?older_than_days=36500")).json()["total"] == 0
    by_state = (await client.get(f"{API}?sort=state")).json()["follow_ups"]
    assert [row["state"] for row in by_state] == ["closed", "open", "open"]
    assert (await client.get(f"{API}?sort=nonsense")).status_code == 400
    assert (await client.get(f"{API}?older_than_days=99999999")).status_code == 400

    figures = (await client.get(f"{API}/figures")).json()
    assert figures["overall"]["total"] == 3 and figures["overall"]["closed"] == 1
    assert figures["overall"]["outcome_shares"] == {"recontacted_solved": 1.0}

    # The form as the page sends it with its defaults: empty values mean "all".
    page = await client.get(
        "/manage/follow-ups?state=&office=&older_than_days=&reason=&sort=-opened"
    )
    assert page.status_code == 200
    assert "Rischio_Sismico" in page.text and f"/manage/follow-ups/{found}" in page.text
    assert "Cifre dei seguiti" in page.text
    english = await client.get(f"/manage/follow-ups/{found}?lang=en")
    assert english.status_code == 200
    assert "Recontacted, solved" in english.text and "Nessuno mi ha richiamato" in english.text
    # The language chosen is remembered: the dashboard's page comes in English too.
    board = await client.get("/manage/dashboard/follow-ups")
    assert board.status_code == 200 and "Follow-up figures" in board.text


async def test_the_api_is_in_the_openapi_schema_with_its_error_answers(client):
    schema = (await client.get("/schema/openapi.json")).json()
    paths = schema["paths"]
    assert "/api/manage/follow-ups" in paths
    close = paths["/api/manage/follow-ups/{follow_up_id}/close"]["post"]
    assert {"401", "404", "409", "422"} <= set(close["responses"])


async def test_the_list_is_paginated_fifty_a_page_with_reasons_in_words(client, cli, settings):
    await office_with_referent(client)
    for _ in range(51):
        await unhappy_case(client, settings, resolved="no")
    await signed_in(client, cli)
    first = (await client.get(API)).json()
    assert (first["total"], first["pages"], len(first["follow_ups"])) == (51, 2, 50)
    second = (await client.get(f"{API}?page=2")).json()
    assert len(second["follow_ups"]) == 1
    assert {row["id"] for row in second["follow_ups"]}.isdisjoint(
        row["id"] for row in first["follow_ups"]
    )
    page = (await client.get("/manage/follow-ups?office=volontariato")).text
    assert 'rel="next"' in page and "page=2" in page and "office=volontariato" in page
    assert "valutazione 2 su 5; Richiesta non risolta" in page
    english = (await client.get("/manage/follow-ups?page=2&lang=en")).text
    assert "rating 2 out of 5; Request not resolved" in english and 'rel="prev"' in english
