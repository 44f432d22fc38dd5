"""While a consultation is open, an insider holding every copy of the database and every key in
the settings cannot read any answer, nor find a token in what is stored (issue 14)."""

from __future__ import annotations

import pytest

from survey.consultations.sealing import SEALED_BYTES, TallyKey
from survey.consultations.tables import Consultation, ConsultationSealedAnswer
from tests.survey.consultations.anonymity_scenario import (
    as_bytes,
    candidate_private_keys,
    database_files,
    every_stored_row,
    opens,
    pg_dump,
    token_derived,
    twelve_answers,
)


async def test_no_stored_value_opens_with_the_settings_keys_nor_holds_a_token(
    client, cli, smtp_settings, inbox, engine, settings
):
    answered = await twelve_answers(client, cli, smtp_settings, inbox)
    stored = await every_stored_row(engine)

    # The answers exist only as twelve sealed blobs of one length, with a random id: no date,
    # no order, no link to an invitation; nothing is in the answers' table yet.
    sealed = stored["consultation_sealed_answers"]
    assert len(sealed) == 12 and stored["consultation_responses"] == []
    assert {key for row in sealed for key in row} == {"id", "consultation", "sealed"}
    assert {len(as_bytes(row["sealed"])) for row in sealed} == {SEALED_BYTES}

    # Every stored value, tried with every key an insider can make from the settings.
    row = await Consultation.select().where(Consultation.id == answered.consultation_id).first()
    key = TallyKey(bytes(row["tally_salt"]), bytes(row["tally_public_key"]))
    private_keys = candidate_private_keys(key)
    assert len(private_keys) == 4  # neither settings key is the passphrase
    values = [as_bytes(value) for rows in stored.values() for r in rows for value in r.values()]
    for private_key in private_keys:
        assert not any(opens(private_key, value) for value in values)

    # No stored value holds a token or its hash, but for the hash that finds an invitation.
    derived = token_derived(answered.tokens)
    for table, rows in stored.items():
        for r in rows:
            for column, value in r.items():
                if (table, column) == ("consultation_invitations", "token_hash"):
                    continue
                assert not any(d in as_bytes(value) for d in derived), (table, column)

    # A copy of the files (SQLite, WAL included) or a dump (PostgreSQL) holds no answer in
    # clear (each carries a unique comment), and no token; the sealed blobs are there (raw in
    # SQLite's pages, in hex in the dump), which shows the search finds what is stored.
    if engine.engine_type == "sqlite":
        copy = database_files(settings.database_url)
        stored_blobs = [as_bytes(r["sealed"])[:48] for r in sealed]
    else:
        copy = pg_dump(settings.database_url)
        if copy is None:
            pytest.skip("pg_dump is not installed or does not match the server: no dump read")
        stored_blobs = [as_bytes(r["sealed"])[:48].hex().encode() for r in sealed]
    assert all(blob in copy for blob in stored_blobs)
    assert not any(marker.encode() in copy for marker in answered.order)
    assert not any(token.encode() in copy for token in answered.tokens)


async def test_no_results_while_open_only_response_rates(client, cli, smtp_settings, inbox):
    answered = await twelve_answers(client, cli, smtp_settings, inbox)
    cid = answered.consultation_id
    for path in ("results", "results.csv"):
        refused = await client.get(f"/api/manage/consultations/{cid}/{path}")
        assert refused.status_code == 409 and "tallied" in refused.text
    rates = (await client.get(f"/api/manage/consultations/{cid}/response-rates")).json()
    assert rates["overall"] == {
        "group": "all",
        "invited": 15,
        "answered": 12,
        "rate": 0.8,
        "note": None,
    }
    # Offices of fewer than 5 invited show no rate; emergenze (6 invited) does.
    by_office = {row["group"]: row for row in rates["by_office"]}
    assert by_office["emergenze"]["answered"] == 5
    assert all(
        by_office[o]["rate"] is None for o in ("volontariato", "formazione", "comunicazione")
    )
    page = await client.get(f"/manage/consultations/{cid}")
    assert page.status_code == 200 and "dopo la chiusura e lo scrutinio" in page.text
    assert await ConsultationSealedAnswer.count() == 12
