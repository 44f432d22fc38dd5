"""The rights of the person: export everything held about one person, erase it (ratings stay,
anonymous), each recorded under the case code or a keyed hash of the address, never the data;
by the command line and by the administrators' API."""

from __future__ import annotations

import json

import pytest

from case_bridge.storage import json_object
from case_bridge.tables import Case
from survey.feedback.tables import FeedbackResponse
from survey.outbox.tables import OutboxMessage
from survey.privacy.personal_data import address_key
from survey.privacy.tables import PrivacyAction
from tests.factories import close_case, make_case
from tests.survey.consultations.anonymity_scenario import database_files
from tests.survey.dashboard.helpers import signed_in
from tests.survey.feedback.helpers import link_of

MARIA = "maria.esposito@example.org"
COMMENT = "mi chiamo Maria Esposito, richiamatemi"


async def _case_of(client, settings, email: str, comment: str | None = None) -> str:
    made = await make_case(client, contact_email=email, contact_phone="+39 081 5550000")
    await close_case(client, made["code"], note="parlato con la signora")
    if comment is not None:
        token = (await link_of(settings, made["code"])).rsplit("/f/", 1)[1]
        answers = {"satisfaction": 2, "comment": comment}
        sent = await client.put(f"/api/feedback/{token}", json={"answers": answers})
        assert sent.status_code == 200, sent.text
    return made["code"]


async def test_export_and_erase_one_person_by_address_with_the_audit_row(
    client, cli, settings, database_url, engine
):
    first = await _case_of(client, settings, MARIA, COMMENT)
    second = await _case_of(client, settings, MARIA.upper())
    other = await _case_of(client, settings, "luca.neri@example.org", "tutto bene")

    exported = await cli("privacy", "export", "--email", " Maria.Esposito@Example.org ")
    assert exported.exit_code == 0, exported.output
    held = json.loads(exported.output)
    assert sorted(case["code"] for case in held["cases"]) == sorted([first, second])
    by_code = {case["code"]: case for case in held["cases"]}
    assert by_code[first]["contact_phone"] == "+39 081 5550000"
    assert by_code[first]["answer"]["answers"]["comment"] == COMMENT
    assert by_code[first]["history"][-1]["note"] == "parlato con la signora"
    # One invitation emailed: the same requester is not invited twice in ASCOLTO_REINVITE_DAYS.
    assert [e["to"] for e in held["emails"]] == [MARIA]
    assert "nonce" not in exported.output and "token" not in exported.output

    one = json.loads((await cli("privacy", "export", "--case", other)).output)
    assert [case["code"] for case in one["cases"]] == [other]

    headers = await signed_in(client, cli, "gestore", "manager")
    refused = await client.post("/api/manage/privacy/erase", json={"email": MARIA}, headers=headers)
    assert refused.status_code == 403
    headers = await signed_in(client, cli, "amministratore", "admin")
    erased = await client.post("/api/manage/privacy/erase", json={"email": MARIA}, headers=headers)
    assert erased.status_code == 200, erased.text
    assert erased.json()["cases"] == 2
    assert erased.json()["affected"] == {
        "contacts": 2, "links": 2, "comments": 2, "notes": 2, "emails": 1
    }  # fmt: skip

    cases = {row["code"]: row for row in await Case.select().run()}
    assert cases[first]["contact_email"] is None and cases[first]["contact_phone"] is None
    assert cases[other]["contact_email"] == "luca.neri@example.org"
    answers = {
        row["case"]: json_object(row["answers"])
        for row in await FeedbackResponse.select(
            FeedbackResponse.case, FeedbackResponse.answers
        ).run()
    }
    assert answers[cases[first]["id"]] == {"satisfaction": 2}  # the rating stays
    assert answers[cases[other]["id"]]["comment"] == "tutto bene"
    recipients = sorted(row["recipient"] for row in await OutboxMessage.select().run())
    assert recipients == ["", "luca.neri@example.org"]

    again = json.loads((await cli("privacy", "export", "--email", MARIA)).output)
    assert again["cases"] == [] and again["emails"] == []

    record = await client.get("/api/manage/privacy/actions", headers=headers)
    assert record.status_code == 200
    newest_first = [(a["action"], a["subject_kind"], a["actor"][:4]) for a in record.json()]
    assert newest_first == [
        ("export", "email", "cli:"),
        ("erase", "email", "ammi"),
        ("export", "case", "cli:"),
        ("export", "email", "cli:"),
    ]
    rows = await PrivacyAction.select().order_by(PrivacyAction.id).run()
    assert [row["action"] for row in rows] == ["export", "export", "erase", "export"]
    assert rows[0]["subject"] == address_key(settings.secret_key, MARIA)
    assert rows[1]["subject"] == other
    everything = json.dumps(rows, default=str).lower()
    for datum in ("esposito", "maria", "081", "richiamatemi", "luca.neri", "signora"):
        assert datum not in everything

    if engine.engine_type == "sqlite":
        files = database_files(database_url)
        assert b"luca.neri@example.org" in files
        for datum in (MARIA.encode(), MARIA.upper().encode(), b"Maria Esposito"):
            assert datum not in files


async def test_bad_requests_name_the_field_and_change_nothing(client, cli, settings):
    code = await _case_of(client, settings, MARIA)
    headers = await signed_in(client, cli, "amministratore", "admin")
    both = await client.post(
        "/api/manage/privacy/erase", json={"email": MARIA, "case": code}, headers=headers
    )
    assert both.status_code == 422 and both.json()["field"] == "case"
    unknown = await client.post(
        "/api/manage/privacy/export", json={"case": "CC-2099-000001"}, headers=headers
    )
    assert unknown.status_code == 404
    odd = await client.post("/api/manage/privacy/erase", json={"email": "nobody"}, headers=headers)
    # Not an address by the document's pattern: malformed, naming the field.
    assert odd.status_code == 400 and odd.json()["errors"][0]["field"] == "email"
    assert (await Case.select().where(Case.code == code).first().run())["contact_email"] == MARIA
    assert await PrivacyAction.count().run() == 0
    neither = await cli("privacy", "erase", "--yes")
    assert neither.exit_code == 2 and "give either --case CODE or --email ADDRESS" in neither.output


@pytest.mark.pure
def test_the_api_is_in_the_openapi_document_for_administrators():
    from survey.app import create_app
    from survey.settings import Settings

    app = create_app(Settings(secret_key="k" * 40, bridge_key="b" * 20))
    paths = app.openapi_schema.to_schema()["paths"]
    assert {"/api/manage/privacy/export", "/api/manage/privacy/erase"} <= paths.keys()
    assert "403" in paths["/api/manage/privacy/erase"]["post"]["responses"]


async def test_the_record_is_read_on_the_command_line(client, cli, settings):
    code = await _case_of(client, settings, MARIA, COMMENT)
    assert (await cli("privacy", "erase", "--case", code, "--yes")).exit_code == 0
    shown = await cli("privacy", "log")
    assert shown.exit_code == 0, shown.output
    (line,) = shown.output.splitlines()
    entry = json.loads(line)
    assert (entry["action"], entry["subject_kind"], entry["subject"]) == ("erase", "case", code)
    assert entry["actor"].startswith("cli:") and entry["affected"]["comments"] == 2
    assert "esposito" not in shown.output.lower()
