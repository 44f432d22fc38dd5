"""Exports: tidy anonymised answers with their codebook, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from case_bridge.topics import topic_labels
from tests.survey.dashboard.helpers import INJECTION, PERIOD, signed_in, small_period


def _rows(text: str) -> list[dict[str, str]]:
    # The file starts with a byte-order mark, for Excel: a CSV reader takes it off first.
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


async def test_answers_csv_has_case_attributes_and_items_and_nothing_personal(
    client, cli, settings
):
    codes = await small_period(client, settings)
    await signed_in(client, cli)
    response = await client.get(f"/api/manage/exports/answers.csv?{PERIOD}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = _rows(response.text)
    assert len(rows) == 11
    assert {"channel", "request_type", "topic", "region", "resolution_path", "office"} <= set(
        rows[0]
    )
    assert {"opened_on", "closed_on", "days_to_close", "emergency", "collection_channel"} <= set(
        rows[0]
    )
    assert {"satisfaction", "resolved", "comment"} <= set(rows[0])
    back = [row for row in rows if row["channel"] == "email"]
    assert {row["resolution_path"] for row in back} == {"back_office"}
    assert {row["office"] for row in back} == {"volontariato"}
    assert {row["days_to_close"] for row in back} == {"3"}
    for code in codes["phone"] + codes["email"]:
        assert code not in response.text
    for personal in ("@example.org", "+39", "contact", "case_code"):
        assert personal not in response.text
    only_email = _rows(
        (await client.get(f"/api/manage/exports/answers.csv?{PERIOD}&channel=email")).text
    )
    assert len(only_email) == 5


async def test_case_codes_only_for_an_admin_who_asks(client, cli, settings):
    codes = await small_period(client, settings)
    await signed_in(client, cli)
    refused = await client.get(f"/api/manage/exports/answers.csv?{PERIOD}&with_codes=1")
    assert refused.status_code == 403
    refused = await client.get(f"/api/manage/exports/answers.xlsx?{PERIOD}&with_codes=1")
    assert refused.status_code == 403
    await client.delete("/api/manage/session", headers={"X-CSRFToken": client.cookies["csrftoken"]})
    await signed_in(client, cli, name="amministratore", role="admin")
    rows = _rows((await client.get(f"/api/manage/exports/answers.csv?{PERIOD}&with_codes=1")).text)
    assert {row["case_code"] for row in rows} == set(codes["phone"] + codes["email"])
    plain = (await client.get(f"/api/manage/exports/answers.csv?{PERIOD}")).text
    assert "case_code" not in plain


async def test_formulas_are_neutralised_in_csv_and_xlsx(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    rows = _rows((await client.get(f"/api/manage/exports/answers.csv?{PERIOD}")).text)
    comments = {row["comment"] for row in rows}
    assert "'" + INJECTION in comments and INJECTION not in comments
    response = await client.get(f"/api/manage/exports/answers.xlsx?{PERIOD}")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["answers", "codebook"]
    sheet = workbook["answers"]
    header = [cell.value for cell in sheet[1]]
    cells = [row[header.index("comment")] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'" + INJECTION in {cell.value for cell in cells}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in row)


async def test_the_codebook_names_items_answers_and_scales(client, cli):
    await signed_in(client, cli)
    rows = _rows((await client.get("/api/manage/exports/codebook.csv?lang=en")).text)
    satisfaction = [row for row in rows if row["variable"] == "satisfaction"]
    assert [row["value"] for row in satisfaction] == ["1", "2", "3", "4", "5"]
    assert satisfaction[0]["scale"].startswith("1–5")
    assert satisfaction[0]["description"]  # the question's text
    resolved = {row["value"]: row["label"] for row in rows if row["variable"] == "resolved"}
    assert set(resolved) == {"yes", "partly", "no"}
    channels = {row["value"]: row["label"] for row in rows if row["variable"] == "channel"}
    assert channels["pec"] == "Certified email (PEC)"
    assert {"comment", "recommend", "effort", "emergency", "days_to_close"} <= {
        row["variable"] for row in rows
    }


async def test_the_codebook_labels_every_topic_of_the_vocabulary_in_both_languages(client, cli):
    await signed_in(client, cli)
    for lang, label in (("it", "Rischio sismico"), ("en", "Seismic risk")):
        rows = _rows((await client.get(f"/api/manage/exports/codebook.csv?lang={lang}")).text)
        topics = {row["value"]: row["label"] for row in rows if row["variable"] == "topic"}
        assert set(topics) == set(topic_labels())
        assert topics["rischio_sismico"] == label
        assert {row["type"] for row in rows if row["variable"] == "topic"} == {"category"}
