"""`questionnaires check`: OK on the shipped files, located errors and a failure otherwise."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from questionnaires.cli import cli as questionnaires_cli
from questionnaires.registry import DEFINITIONS_DIRECTORY
from tests.questionnaires.questionnaire_samples import definition_text

SHIPPED = sorted(str(path) for path in DEFINITIONS_DIRECTORY.glob("*.yaml"))


def test_check_passes_on_the_shipped_definitions() -> None:
    result = CliRunner().invoke(questionnaires_cli, ["check", *SHIPPED])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{SHIPPED[0]}: OK (citizen-feedback v2, 7 items, hash ")
    assert lines[1].startswith(f"{SHIPPED[1]}: OK (citizen-feedback v1, 7 items, hash ")


def test_check_fails_with_located_messages(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        definition_text(
            "- {code: q1, type: text, max_length: 0, text: {it: Nota}}",
            "- {code: q1, type: rating, text: {it: Voto, en: Rating}}",
        )
    )
    result = CliRunner().invoke(questionnaires_cli, ["check", SHIPPED[0], str(broken)])
    assert result.exit_code == 1
    assert f"{SHIPPED[0]}: OK" in result.output
    assert f"{broken}: sections[0].items[0].text.en: missing English text" in result.output
    assert f"{broken}: sections[0].items[0].max_length: must be more than 0" in result.output
    assert f'{broken}: sections[0].items[1].code: duplicate "q1"' in result.output
    assert "1 of 2 definitions have errors" in result.output


def test_check_reports_decoding_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nversion: one\n")
    result = CliRunner().invoke(questionnaires_cli, ["check", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}: version: expected `int`, got `str`" in result.output
    assert "Traceback" not in result.output


def test_check_needs_a_file() -> None:
    result = CliRunner().invoke(questionnaires_cli, ["check"])
    assert result.exit_code == 2
