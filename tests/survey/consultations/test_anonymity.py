"""Anonymity by construction, and the threshold in every form the results take."""

from __future__ import annotations

import csv
import io
import uuid

from survey.consultations.tables import (
    Consultation,
    ConsultationInvitation,
    ConsultationResponse,
    ConsultationSealedAnswer,
)
from tests.survey.consultations.helpers import (
    answer_all,
    close,
    create,
    form_answers,
    manager,
    open_and_mail,
    referents,
)


async def _consultation_with_answers(
    client, cli, smtp_settings, inbox, plan, threshold=5, tallied=True
):
    """plan: office → number of its referents who answer (each office has 8 referents); closed
    and tallied unless `tallied` is False."""
    await referents(client, {office: 8 for office in plan})
    headers = await manager(client, cli)
    consultation = await create(client, headers, threshold=threshold)
    links = await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)
    for office, answering in plan.items():
        paths = sorted(path for to, path in links.items() if to.startswith(office))
        for n, path in enumerate(paths[:answering]):
            await answer_all(client, path, form_answers(office=office, level=1 + n % 5))
    if tallied:
        assert (await close(client, headers, consultation["id"])).status_code == 200
    return consultation, headers


async def test_no_column_order_or_time_links_an_answer_to_a_referent(
    client, cli, smtp_settings, inbox, engine
):
    await _consultation_with_answers(
        client, cli, smtp_settings, inbox, {"volontariato": 4, "emergenze": 3}
    )
    response_columns = {column._meta.name for column in ConsultationResponse._meta.columns}
    assert response_columns == {
        "id",
        "consultation",
        "questionnaire_version",
        "answers",
        "office",
    }
    sealed_columns = {column._meta.name for column in ConsultationSealedAnswer._meta.columns}
    assert sealed_columns == {"id", "consultation", "sealed"}
    invitation_columns = {column._meta.name for column in ConsultationInvitation._meta.columns}
    assert not invitation_columns & {"response", "answered_at", "used_at", "updated_at"}
    responses = await ConsultationResponse.select().run()
    invitations = await ConsultationInvitation.select().run()
    assert len(responses) == 7
    for row in responses:
        # A random id (UUID4), no date, nothing of the referent or the token.
        assert uuid.UUID(str(row["id"])).version == 4
        dumped = str(row)
        for invitation in invitations:
            assert invitation["token_hash"] not in dumped
            assert str(invitation["referent"]) != str(row.get("referent"))
    used = [row for row in invitations if row["used"]]
    assert len(used) == 7 and "draft" not in invitations[0]
    assert await Consultation.count().run() == 1


async def test_office_item_recoded_to_groups_of_k_in_html_json_and_csv(
    client, cli, smtp_settings, inbox
):
    consultation, _ = await _consultation_with_answers(
        client,
        cli,
        smtp_settings,
        inbox,
        {"volontariato": 6, "emergenze": 5, "formazione": 2},
    )
    cid = consultation["id"]
    results = (await client.get(f"/api/manage/consultations/{cid}/results")).json()
    assert results["shown"] and results["answers"] == 13
    # formazione (2, no area) goes to the department, where 2 alone would still be under 5:
    # the smallest shown group (emergenze, 5) joins it. No group under the threshold remains,
    # in the offices' breakdown or in the office item's own distribution.
    offices = {row["office"]["label"]: row["office"] for row in results["offices"]}
    assert {label: cell["count"] for label, cell in offices.items()} == {
        "volontariato": 6,
        "dipartimento": 7,
    }
    assert all(cell["shown"] for cell in offices.values())
    office_item = next(item for item in results["items"] if item["code"] == "office")
    assert {c["value"]: c["count"] for c in office_item["distribution"]} == {
        "volontariato": 6,
        "dipartimento": 7,
    }
    assert results["comments"] == sorted(results["comments"]) and len(results["comments"]) == 13

    page = await client.get(f"/manage/consultations/{cid}")
    assert page.status_code == 200
    # The results: after the response rates, before the actions' form (whose owner-office
    # list names every office, as any form choosing an office does).
    shown = page.text.split("<h2>Risultati</h2>")[1].split('<h2 id="actions">')[0]
    assert '<h2 id="heatmap">' in shown
    assert "meno di 5 risposte" not in shown and "formazione" not in shown

    exported = await client.get(f"/api/manage/consultations/{cid}/results.csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    office_counts = {row[1]: row[3] for row in rows if row[0] == "office" and row[2] == "count"}
    assert office_counts == {"volontariato": "6", "dipartimento": "7"}


async def test_everything_hidden_below_the_threshold_and_comments_below_ten(
    client, cli, smtp_settings, inbox
):
    consultation, _ = await _consultation_with_answers(
        client, cli, smtp_settings, inbox, {"volontariato": 4}
    )
    cid = consultation["id"]
    hidden = (await client.get(f"/api/manage/consultations/{cid}/results")).json()
    assert hidden["shown"] is False and hidden["answers"] is None and hidden["items"] == []
    assert hidden["note"] == "fewer than 5 answers"
    rates = (await client.get(f"/api/manage/consultations/{cid}/response-rates")).json()
    assert rates["overall"]["rate"] == 0.5
    exported = await client.get(f"/api/manage/consultations/{cid}/results.csv")
    assert "fewer than 5 answers" in exported.text and "Suggerimento" not in exported.text


async def test_response_rate_only_for_groups_of_five_invited(client, cli, smtp_settings, inbox):
    await referents(client, {"volontariato": 6, "emergenze": 2})
    headers = await manager(client, cli)
    consultation = await create(client, headers)
    await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)
    rates = (
        await client.get(f"/api/manage/consultations/{consultation['id']}/response-rates")
    ).json()
    by_office = {row["group"]: row for row in rates["by_office"]}
    assert by_office["volontariato"]["rate"] == 0.0
    assert by_office["emergenze"]["rate"] is None and by_office["emergenze"]["answered"] is None
