"""`ascolto cases import`: validate everything first, import idempotently."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from case_bridge.schemas import IMPORT_COLUMNS
from tests.factories import HEADERS, make_office


def row(number: int, **overrides: str) -> dict[str, str]:
    base = {
        "code": f"CC-2011-{number:06d}",
        "opened_at": "2011-09-23 10:00:00",
        "channel": "phone",
        "request_type": "information",
        "topic": "rientro satellite UARS",
        "region": "lombardia",
        "contact_email": "",
        "contact_phone": "",
        "status": "closed",
        "resolution_path": "front_office",
        "office": "",
        "referent": "",
        "closed_at": "2011-09-23 10:05:00",
    }
    return base | overrides


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=IMPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


async def total(client) -> int:
    return (await client.get("/api/cases", headers=HEADERS)).json()["total"]


async def test_a_good_file_imports_with_history_and_again_changes_nothing(client, cli, tmp_path):
    await make_office(client, "rischio_sismico")
    rows = [row(n) for n in range(1, 6)] + [
        row(
            6,
            status="closed",
            resolution_path="back_office",
            office="rischio_sismico",
            closed_at="2011-09-26 16:00:00",
        ),
        row(7, status="open", resolution_path="", closed_at=""),
    ]
    path = write_csv(tmp_path / "cases.csv", rows)
    result = await cli("cases", "import", path)
    assert result.exit_code == 0, result.output
    assert "7 rows, 7 imported, 0 already known, 0 invalid" in result.output
    assert await total(client) == 7
    case = (await client.get("/api/cases/CC-2011-000006", headers=HEADERS)).json()
    assert case["resolution_path"] == "back_office" and case["office"] == "rischio_sismico"
    assert [h["to_status"] for h in case["history"]] == ["open", "back_office", "closed"]
    # 10:00 in Rome on 23 September 2011 is 08:00 UTC.
    assert case["opened_at"].startswith("2011-09-23T08:00:00")
    again = await cli("cases", "import", path)
    assert "7 rows, 0 imported, 7 already known" in again.output
    assert await total(client) == 7
    replayed = (await client.get("/api/cases/CC-2011-000006", headers=HEADERS)).json()
    assert replayed == case


async def test_a_file_with_bad_rows_imports_nothing_and_reports_every_line(client, cli, tmp_path):
    rows = [
        row(1),
        row(2, channel="pigeon"),
        row(3, closed_at="2011-09-22 10:00:00"),
        row(4, status="closed", resolution_path="back_office"),
        row(1),
        row(6, opened_at="yesterday"),
        row(7, office="unknown_office", status="back_office", resolution_path="", closed_at=""),
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    result = await cli("cases", "import", path)
    assert result.exit_code == 1
    assert "bad.csv: line 3: channel:" in result.output
    assert (
        "bad.csv: line 4: closed_at: a case cannot be closed before it was opened" in result.output
    )
    assert "bad.csv: line 5: office: a case closed at Back Office must have been escalated" in (
        result.output
    )
    assert "bad.csv: line 6: code: CC-2011-000001 already appears on line 2" in result.output
    assert "bad.csv: line 7: opened_at:" in result.output
    assert "bad.csv: line 8: office: no office with code 'unknown_office'" in result.output
    assert "6 of 7 rows are invalid; nothing was imported" in result.output
    assert await total(client) == 0
    skipping = await cli("cases", "import", path, "--skip-invalid")
    assert skipping.exit_code == 0
    assert "7 rows, 1 imported, 0 already known, 6 invalid" in skipping.output
    assert await total(client) == 1


async def test_json_lines_import_with_a_broken_line(client, cli, tmp_path):
    path = tmp_path / "cases.jsonl"
    lines = [json.dumps({k: v for k, v in row(1).items() if v}), "{not json", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = await cli("cases", "import", path)
    assert result.exit_code == 1
    assert "cases.jsonl: line 2: row: not valid JSON" in result.output
    path.write_text(lines[0] + "\n", encoding="utf-8")
    assert (await cli("cases", "import", path)).exit_code == 0
    assert await total(client) == 1


async def test_an_unknown_format_is_refused(cli, tmp_path, db):
    path = tmp_path / "cases.xml"
    path.write_text("<cases/>")
    result = await cli("cases", "import", path)
    assert result.exit_code == 1 and "use a .csv or .jsonl file" in result.output


async def test_imported_times_are_stored_as_the_api_stores_them(client, cli, tmp_path):
    # Midnight in Rome on 24 September is still 23 September in UTC: the day filters must see
    # it on the 24th, from its very first second, as they do a case opened through the API.
    rows = [row(1, opened_at="2011-09-24 00:00:00", closed_at="2011-09-24 00:45:00")]
    assert (await cli("cases", "import", write_csv(tmp_path / "c.csv", rows))).exit_code == 0
    path = tmp_path / "c.jsonl"
    record = {k: v for k, v in row(2).items() if v}
    record |= {"opened_at": "2011-09-24T08:00:00.250+02:00", "closed_at": "2011-09-24T06:10:00Z"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert (await cli("cases", "import", path)).exit_code == 0
    created = await client.post(
        "/api/cases",
        headers=HEADERS,
        json={
            "code": "CC-2011-000003",
            "opened_at": "2011-09-24T00:20:00+02:00",
            "channel": "email",
            "request_type": "report",
            "topic": "rientro satellite UARS",
        },
    )
    assert created.status_code == 201, created.text

    async def codes(**query: str) -> list[str]:
        page = await client.get("/api/cases", headers=HEADERS, params=query)
        return sorted(item["code"] for item in page.json()["items"])

    everything = ["CC-2011-000001", "CC-2011-000002", "CC-2011-000003"]
    assert await codes(opened_from="2011-09-24", opened_to="2011-09-24") == everything
    assert await codes(opened_to="2011-09-23") == []
    assert await codes(opened_from="2011-09-25") == []
    second = (await client.get("/api/cases/CC-2011-000002", headers=HEADERS)).json()
    assert second["opened_at"].startswith("2011-09-24T06:00:00.25")
    assert [h["at"] for h in second["history"]] == [second["opened_at"], second["closed_at"]]


def write_excel_csv(path: Path, rows: list[dict[str, str]], delimiter: str) -> Path:
    """As Excel saves "CSV UTF-8": a byte-order mark first, its locale's separator."""
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=IMPORT_COLUMNS, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


async def test_a_byte_order_mark_and_each_separator_are_read(client, cli, tmp_path):
    for number, delimiter in enumerate((";", ",", "\t"), start=1):
        rows = [row(number * 10 + 1), row(number * 10 + 2, topic="a; b, c")]
        path = write_excel_csv(tmp_path / f"excel-{number}.csv", rows, delimiter)
        result = await cli("cases", "import", path)
        assert result.exit_code == 0, result.output
        assert "2 rows, 2 imported" in result.output
    assert await total(client) == 6


async def test_a_named_delimiter_is_used(client, cli, tmp_path):
    path = write_excel_csv(tmp_path / "semicolons.csv", [row(1)], ";")
    assert (await cli("cases", "import", path, "--delimiter", ",")).exit_code == 1
    assert (await cli("cases", "import", path, "--delimiter", ";")).exit_code == 0
    path = write_excel_csv(tmp_path / "tabs.csv", [row(2)], "\t")
    assert (await cli("cases", "import", path, "--delimiter", "tab")).exit_code == 0
    assert await total(client) == 2


async def test_a_garbage_file_reports_the_first_100_errors_and_counts_the_rest(
    client, cli, tmp_path
):
    path = tmp_path / "garbage.csv"
    lines = ["code,opened_at,channel"] + [f"junk{n},not a time,pigeon" for n in range(5000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = await cli("cases", "import", path)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": line " in line]
    assert len(errors) == 100
    assert errors[0].startswith("garbage.csv: line 2: ")
    assert "garbage.csv: … and 4900 more invalid rows" in result.output
    assert "5000 of 5000 rows are invalid; nothing was imported" in result.output
    skipping = await cli("cases", "import", path, "--skip-invalid")
    assert "5000 rows, 0 imported, 0 already known, 5000 invalid" in skipping.output
    assert "… and 4900 more invalid rows" in skipping.output
    assert await total(client) == 0


async def test_an_unknown_topic_is_imported_and_reported_by_line(client, cli, tmp_path):
    rows = [row(1, topic="volontariato"), row(2, topic="rientro satellite UARS")]
    path = write_csv(tmp_path / "topics.csv", rows)
    result = await cli("cases", "import", path)
    assert result.exit_code == 0, result.output
    assert "2 rows, 2 imported, 0 already known, 0 invalid" in result.output
    assert "line 3: topic: unknown topic 'rientro satellite UARS'" in result.output
    assert "line 2" not in result.output
    assert await total(client) == 2
