"""Exports a spreadsheet user opens: BOM, labels, Italian Excel, a real workbook, SPSS and R."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import datetime

import pytest
from openpyxl import load_workbook

from questionnaires import Registry
from survey.dashboard import exports, scripts
from tests.survey.dashboard.helpers import PERIOD, signed_in, small_period
from tests.survey.report.helpers import case

CONTROL = "prima riga\u000bseconda\u0007 fine"


def _csv(response, delimiter: str = ",") -> list[dict[str, str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


async def _period_with_a_control_character(client, settings) -> None:
    await small_period(client, settings)
    await case(
        client,
        settings,
        opened="2012-05-20T10:00:00+02:00",
        closed="2012-05-20T11:00:00+02:00",
        answers={"satisfaction": 2, "difficulty": "long_wait", "comment": CONTROL},
        channel="fax",
        region="lazio",
    )


async def test_the_csv_has_a_bom_codes_by_default_and_labels_on_request(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    coded = _csv(await client.get(f"/api/manage/exports/answers.csv?{PERIOD}"))
    assert {row["channel"] for row in coded} == {"phone", "email"}
    assert {row["opened_on"] for row in coded} >= {"2012-05-01", "2012-05-10"}
    labelled = _csv(await client.get(f"/api/manage/exports/answers.csv?{PERIOD}&labels=1"))
    assert {row["channel"] for row in labelled} == {"Numero verde", "Email"}
    assert {row["resolved"] for row in labelled} == {"Sì"}
    assert {row["resolution_path"] for row in labelled} == {"Front Office", "Back Office"}
    assert {row["office"] for row in labelled} == {"", "Volontariato"}  # the office's name
    assert {row["satisfaction"] for row in labelled} == {"1", "2", "3", "4", "5"}  # numbers
    english = _csv(await client.get(f"/api/manage/exports/answers.csv?{PERIOD}&labels=1&lang=en"))
    assert {row["channel"] for row in english} == {"Toll-free number", "Email"}


async def test_the_italian_excel_dialect_uses_semicolons_and_decimal_commas(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    response = await client.get(f"/api/manage/exports/answers.csv?{PERIOD}&dialect=excel-it")
    assert response.status_code == 200
    first_line = response.content.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith("channel;request_type;topic;region")
    rows = _csv(response, delimiter=";")
    assert len(rows) == 11 and {row["channel"] for row in rows} == {"phone", "email"}
    wrong = await client.get(f"/api/manage/exports/answers.csv?{PERIOD}&dialect=excel-fr")
    assert wrong.status_code == 400


def test_decimal_commas_only_in_the_italian_dialect() -> None:
    from survey.web.exports import DIALECTS, Table, csv_bytes

    table = Table(("name", "mean"), [["a;b", 2.5], ["c", 3]])
    assert csv_bytes(table, DIALECTS["excel-it"]).decode("utf-8-sig") == (
        'name;mean\r\n"a;b";2,5\r\nc;3\r\n'
    )
    assert csv_bytes(table, DIALECTS["standard"]).decode("utf-8-sig") == (
        # `;` is quoted in every dialect: a spreadsheet of another locale splits on it.
        'name,mean\r\n"a;b",2.5\r\nc,3\r\n'
    )


async def test_a_comment_with_a_control_character_exports_in_both_formats(client, cli, settings):
    await _period_with_a_control_character(client, settings)
    await signed_in(client, cli)
    as_csv = await client.get(f"/api/manage/exports/answers.csv?{PERIOD}")
    assert as_csv.status_code == 200
    comments = {row["comment"] for row in _csv(as_csv)}
    assert "prima rigaseconda fine" in comments
    response = await client.get(f"/api/manage/exports/answers.xlsx?{PERIOD}")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["answers"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
    assert "prima rigaseconda fine" in {row["comment"] for row in rows}
    # A workbook a spreadsheet user can work with: dates, a frozen header, filters, widths.
    assert all(isinstance(row["opened_on"], datetime) for row in rows)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(rows) + 1}"
    widths = {sheet.column_dimensions[c].width for c in ("A", "B", "C")}
    assert all(width and width >= 8 for width in widths)
    codebook = workbook["codebook"]
    assert codebook.freeze_panes == "A2" and codebook.auto_filter.ref


def _registry_variables(lang: str = "it") -> list[scripts.Variable]:
    registry = Registry.load()
    return scripts.variables(
        exports.codebook_table(registry, lang), exports.answers_header(registry)
    )


def _spss_commands(syntax: str) -> list[str]:
    """The commands of a syntax file: comments left out, each up to its closing full stop."""
    text = "\n".join(line for line in syntax.splitlines() if not line.startswith("*"))
    # A full stop that ends a command is the last character of its line.
    return [command.strip() for command in re.split(r"\.\n", text + "\n") if command.strip()]


async def test_the_spss_syntax_reads_the_csv_with_labels(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    response = await client.get("/api/manage/exports/answers.sps")
    assert response.status_code == 200
    syntax = response.text
    commands = _spss_commands(syntax)
    assert [command.split()[0] for command in commands] == [
        "GET",
        "VARIABLE",
        "VALUE",
        "EXECUTE",
    ]
    get_data = commands[0]
    assert "/FILE='answers.csv'" in get_data and "/FIRSTCASE=2" in get_data
    assert "/DELIMITERS=','" in get_data and "/TYPE=TXT" in get_data
    declared = re.findall(r"^\s{4}(\w+) (A\d+|F\d+\.\d|SDATE10)$", get_data, re.M)
    csv_header = next(
        csv.reader(
            io.StringIO(
                (await client.get(f"/api/manage/exports/answers.csv?{PERIOD}")).text.removeprefix(
                    "\ufeff"
                )
            )
        )
    )
    assert [name for name, _ in declared] == csv_header  # the CSV loads unchanged
    formats = dict(declared)
    assert formats["satisfaction"] == "F8.0" and formats["opened_on"] == "SDATE10"
    assert formats["channel"].startswith("A") and formats["comment"].startswith("A")
    labels = dict(re.findall(r"^\s+/?(\w+) '((?:[^']|'')*)'$", commands[1], re.M))
    assert labels.keys() == set(csv_header)
    assert labels["channel"] == "Canale della richiesta"
    assert labels["days_to_close"] == "Giorni di calendario dall''apertura alla chiusura"
    value_labels = commands[2]
    assert "  channel\n    'phone' 'Numero verde'" in value_labels
    assert "  /effort\n    1 'Fortemente in disaccordo'" in value_labels
    assert "  /topic\n    'volontariato' 'Volontariato di protezione civile'" in value_labels
    assert "/comment" not in value_labels
    assert "\n".join(commands).count("'") % 2 == 0  # every quote closed ('' is one quote)


async def test_the_r_script_reads_the_csv_as_labelled_factors(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    response = await client.get("/api/manage/exports/answers.R?lang=en")
    assert response.status_code == 200
    script = response.text
    assert script.isascii()  # \u escapes: any system encoding reads it
    assert 'read.csv(\n  "answers.csv",\n  fileEncoding = "UTF-8-BOM",' in script
    classes = dict(re.findall(r'^\s{4}(\w+) = "(numeric|character)"', script, re.M))
    assert list(classes) == exports.answers_header(Registry.load())
    assert classes["satisfaction"] == "numeric" and classes["channel"] == "character"
    factors = dict(
        re.findall(
            r"^answers\$(\w+) <- as_labelled_factor\(answers\$\1, levels = (c\(.*?\)), ",
            script,
            re.M,
        )
    )
    assert set(factors) >= {
        "channel",
        "request_type",
        "topic",
        "region",
        "liked",
        "difficulty",
        "resolved",
    }
    assert '"volontariato"' in factors["topic"]
    assert '"Civil protection volunteering"' in script
    assert factors["channel"].startswith('c("phone", "web_form", "email"')
    assert 'labels = c("Toll-free number", "Online form", "Email"' in script
    assert "answers$opened_on <- as.Date(answers$opened_on)" in script
    assert script.count("(") == script.count(")")
    assert script.count('"') % 2 == 0


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed (never for this)")
async def test_r_loads_the_csv_with_the_script(client, cli, settings, tmp_path):
    await small_period(client, settings)
    await signed_in(client, cli)
    (tmp_path / "answers.csv").write_bytes(
        (await client.get(f"/api/manage/exports/answers.csv?{PERIOD}")).content
    )
    (tmp_path / "answers.R").write_text(scripts.r_script(_registry_variables()))
    check = 'source("answers.R"); stopifnot(nrow(answers) == 11); print(levels(answers$channel))'
    ran = subprocess.run(
        ["Rscript", "-e", check], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    assert "Numero verde" in ran.stdout


@pytest.mark.skipif(shutil.which("pspp") is None, reason="PSPP is not installed (never for this)")
async def test_pspp_loads_the_csv_with_the_syntax(client, cli, settings, tmp_path):
    await small_period(client, settings)
    await signed_in(client, cli)
    (tmp_path / "answers.csv").write_bytes(
        (await client.get(f"/api/manage/exports/answers.csv?{PERIOD}")).content
    )
    syntax = scripts.spss_syntax(_registry_variables()) + "DISPLAY DICTIONARY.\nLIST.\n"
    (tmp_path / "answers.sps").write_text(syntax)
    ran = subprocess.run(
        ["pspp", "-O", "format=txt", "answers.sps"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0 and "error" not in ran.stdout.lower(), ran.stdout
