"""At close, with the passphrase: every answer in one transaction, in an order that is not the
order of sending, the sealed rows gone from every page and file, the office item recoded; and
without it (or with a wrong one) nothing changes (issue 14)."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from analysis.recoding import DEPARTMENT
from survey.consultations import services
from survey.consultations.tables import Consultation, ConsultationSealedAnswer
from survey.questionnaire_versions.services import load_registry
from tests.survey.consultations.anonymity_scenario import (
    THRESHOLD,
    as_bytes,
    database_files,
    twelve_answers,
)
from tests.survey.consultations.helpers import PASSPHRASE, close

SEED = 20120704
TALLY_TABLES = ("consultation_sealed_answers", "consultation_responses", "consultation_invitations")


def _pieces(blob: bytes) -> list[bytes]:
    """Three 48-byte stretches of a sealed blob: its start (in the row) and two further on
    (in overflow or TOAST pages)."""
    return [blob[:48], blob[10_000:10_048], blob[-48:]]


async def _physical_order(engine) -> list[dict]:
    """The answers' rows in the order they lie in the table."""
    if engine.engine_type == "postgres":
        sql = 'SELECT xmin::text AS "xmin", "answers"::text AS "answers", "office" FROM '
        return await engine.run_sql(sql + '"consultation_responses" ORDER BY ctid')
    sql = 'SELECT "answers", "office" FROM "consultation_responses" ORDER BY rowid'
    return await engine.run_sql(sql)


async def _page_items(engine, relation: str) -> list[dict]:
    """Every line pointer of every page of a relation, read from the pages themselves."""
    pages = (
        await engine.run_sql(
            "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::int AS n",
            [relation],
        )
    )[0]["n"]
    items = []
    for page in range(pages):
        items += await engine.run_sql(
            "SELECT lp, lp_flags, t_xmin::text AS xmin, t_xmax::text AS xmax, t_data "
            "FROM heap_page_items(get_raw_page(?, ?))",
            [relation, page],
        )
    return items


async def _raw_pages(engine, relation: str) -> bytes:
    pages = (
        await engine.run_sql(
            "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::int AS n",
            [relation],
        )
    )[0]["n"]
    raw = b""
    for page in range(pages):
        raw += bytes(
            (await engine.run_sql("SELECT get_raw_page(?, ?) AS p", [relation, page]))[0]["p"]
        )
    return raw


async def _with_toast(engine, table: str) -> list[str]:
    row = await engine.run_sql(
        "SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE oid = ?::regclass",
        [table],
    )
    toast = row[0]["toast"]
    return [table] + ([toast] if toast and toast != "-" else [])


async def _pageinspect(engine) -> bool:
    try:
        await engine.run_sql("CREATE EXTENSION IF NOT EXISTS pageinspect")
    except Exception:
        return False
    return True


async def test_one_transaction_shuffled_nothing_sealed_left_office_recoded(
    client, cli, smtp_settings, inbox, engine, settings
):
    answered = await twelve_answers(client, cli, smtp_settings, inbox)
    sealed = [
        as_bytes(row["sealed"])
        for row in await ConsultationSealedAnswer.select(ConsultationSealedAnswer.sealed)
    ]
    assert len(sealed) == 12
    if engine.engine_type == "sqlite":  # while open the blobs are in the files
        copy = database_files(settings.database_url)
        assert all(piece in copy for blob in sealed for piece in _pieces(blob))

    closed = await services.close_consultation(
        consultation_id=answered.consultation_id,
        tally_passphrase=PASSPHRASE,
        registry=await load_registry(),
        shuffle=random.Random(SEED),
    )
    assert closed.state == "closed" and closed.answered == 12

    rows = await _physical_order(engine)
    assert len(rows) == 12
    # The order the rows lie in is a permutation of the answers, not the order of sending.
    stored_order = [next(m for m in answered.order if m in row["answers"]) for row in rows]
    assert sorted(stored_order) == sorted(answered.order)
    assert stored_order != answered.order
    if engine.engine_type == "postgres":
        assert len({row["xmin"] for row in rows}) == 1  # one transaction wrote them all

    # The office item, recoded up the hierarchy with k = 5 (see anonymity_scenario.OFFICES):
    # emergenze 5 alone; volontariato 3 + formazione 2 as their area, operazioni; comunicazione 2
    # short in relazioni, so to the department, where the smallest shown group (emergenze, tied
    # with operazioni at 5 and first by name) joins it.
    offices = Counter(row["office"] for row in rows)
    assert offices == {"operazioni": 5, DEPARTMENT: 7}
    assert all(count >= THRESHOLD for count in offices.values())
    for row in rows:
        stored = json.loads(row["answers"])
        assert stored["office"] == row["office"]
        assert list(stored) == sorted(stored)  # no trace of the order sections were saved in

    # No sealed row remains, live or dead, in any page or file.
    assert await ConsultationSealedAnswer.count() == 0
    if engine.engine_type == "sqlite":
        copy = database_files(settings.database_url)
        assert not any(piece in copy for blob in sealed for piece in _pieces(blob))
        return
    if not await _pageinspect(engine):
        pytest.skip("pageinspect (PostgreSQL's contrib) is not available: pages not read")
    for relation in await _with_toast(engine, "consultation_sealed_answers"):
        assert await _page_items(engine, relation) == [], relation
    for table in TALLY_TABLES:
        for relation in await _with_toast(engine, table):
            raw = await _raw_pages(engine, relation)
            assert not any(piece in raw for blob in sealed for piece in _pieces(blob)), relation
            # Only live rows: no old version of a row (an invitation before it was used, a
            # sealed answer) is left with the transaction that ended it.
            if relation == table:
                items = await _page_items(engine, relation)
                assert all(item["xmax"] == "0" for item in items if item["lp_flags"] == 1)
                assert all(item["lp_flags"] == 1 for item in items), relation


@pytest.mark.parametrize("passphrase", [None, "", "not the guardians' passphrase"])
async def test_closing_without_the_passphrase_changes_nothing(
    client, cli, smtp_settings, inbox, passphrase
):
    answered = await twelve_answers(client, cli, smtp_settings, inbox)
    before = await ConsultationSealedAnswer.select().order_by(ConsultationSealedAnswer.id)
    refused = await close(client, answered.headers, answered.consultation_id, passphrase)
    assert refused.status_code == 422 and refused.json()["field"] == "tally_passphrase"
    assert "not the guardians" not in refused.text
    state = await Consultation.select(Consultation.state).first()
    assert state == {"state": "open"}
    assert await ConsultationSealedAnswer.select().order_by(ConsultationSealedAnswer.id) == before
    assert (
        await client.get(f"/api/manage/consultations/{answered.consultation_id}/results")
    ).status_code == 409
    # The right one still closes it afterwards.
    assert (await close(client, answered.headers, answered.consultation_id)).status_code == 200
