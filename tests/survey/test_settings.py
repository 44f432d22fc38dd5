"""Settings: a bad or missing one stops start-up with one line naming it; all are documented."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

from survey.cli import main
from survey.settings import Settings

GOOD = {"ASCOLTO_SECRET_KEY": "s" * 40, "ASCOLTO_BRIDGE_KEY": "b" * 20}


@pytest.mark.parametrize(
    ("environment", "line"),
    [
        ({"ASCOLTO_SECRET_KEY": None}, "ascolto: ASCOLTO_SECRET_KEY is not set"),
        ({"ASCOLTO_BRIDGE_KEY": "short"}, "ascolto: ASCOLTO_BRIDGE_KEY must be at least 16"),
        ({"ASCOLTO_DATABASE_URL": "mysql://db"}, "ascolto: ASCOLTO_DATABASE_URL: unsupported"),
        ({"ASCOLTO_PUBLIC_URL": "ftp://x"}, "ascolto: ASCOLTO_PUBLIC_URL must be an http(s) URL"),
        ({"ASCOLTO_DB_POOL_SIZE": "many"}, "ascolto: ASCOLTO_DB_POOL_SIZE must be a number"),
        ({"ASCOLTO_LOG_FORMAT": "xml"}, "ascolto: ASCOLTO_LOG_FORMAT must be text or json"),
        ({"ASCOLTO_RETENTION_TOKEN_DAYS": "10"}, "ascolto: ASCOLTO_RETENTION_TOKEN_DAYS must be"),
        ({"ASCOLTO_RETENTION_CONTACT_DAYS": "-1"}, "ascolto: ASCOLTO_RETENTION_CONTACT_DAYS must"),
    ],
)
def test_a_bad_setting_stops_with_one_line_naming_it(tmp_path, environment, line):
    env = GOOD | {"ASCOLTO_DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}"} | environment
    result = CliRunner().invoke(main, ["db", "upgrade"], env=env)
    assert result.exit_code != 0
    assert result.output.strip().startswith(line)
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "a.db").exists()


def test_an_unreachable_database_stops_with_one_line():
    env = GOOD | {"ASCOLTO_DATABASE_URL": "postgresql://nobody:secret@127.0.0.1:1/none"}
    result = CliRunner().invoke(main, ["db", "upgrade"], env=env)
    assert result.exit_code != 0
    assert result.output.startswith("ascolto: cannot open postgresql://nobody:***@127.0.0.1:1/")
    assert "secret" not in result.output


def test_every_setting_is_documented_in_the_readme():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for field in msgspec.structs.fields(Settings):
        assert f"`ASCOLTO_{field.name.upper()}`" in readme, field.name


def test_settings_never_show_their_keys():
    settings = Settings(
        secret_key="k" * 40, bridge_key="b" * 20, database_url="postgresql://u:pw@db/ascolto"
    )
    assert "kkkk" not in repr(settings) and "bbbb" not in repr(settings)
    assert ":pw@" not in repr(settings)


def test_settings_written_to_the_environment_read_back_the_same():
    settings = Settings(
        secret_key="s" * 32,
        bridge_key="b" * 16,
        public_url="https://ascolto.example",
        db_pool_size=3,
    )
    assert Settings.from_env(settings.to_env()) == settings
