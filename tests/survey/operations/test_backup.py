"""`ascolto db backup`: the restore drill. A backup taken while a real server is storing
answers restores to a database that passes `integrity_check`, is ready (every migration), and
holds every answer acknowledged before the backup began."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import threading
import time

import httpx
import pytest

from survey.db import open_database
from survey.operations.backup import pg_dump_command
from survey.operations.readiness import readiness
from survey.settings import Settings
from tests.reliability.server import AppServer, server_environment
from tests.survey.feedback.helpers import closed_case_token

CASES = 60


def _answers_in(path) -> set[str]:
    with sqlite3.connect(path) as copy:
        (outcome,) = copy.execute("PRAGMA integrity_check").fetchone()
        assert outcome == "ok"
        rows = copy.execute(
            'SELECT c.code FROM feedback_responses r JOIN cases c ON c.id = r."case"'
        ).fetchall()
    return {code for (code,) in rows}


@pytest.mark.sqlite_only
@pytest.mark.timeout(110)  # 60 cases made through the API, a server started, answers written
async def test_backup_while_answers_are_written_restores_every_acknowledged_answer(
    client, cli, settings, tmp_path
):
    tokens = dict([await closed_case_token(client, settings) for _ in range(CASES)])
    env = server_environment(
        database_url=settings.database_url,
        secret_key=settings.secret_key,
        bridge_key=settings.bridge_key,
    )
    server = AppServer(env, tmp_path / "serve.log").start()
    acknowledged: dict[str, float] = {}  # case code -> when its 200 arrived

    def write_answers() -> None:
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            for code, token in tokens.items():
                sent = http.put(f"/api/feedback/{token}", json={"answers": {"satisfaction": 4}})
                assert sent.status_code == 200, sent.text
                acknowledged[code] = time.monotonic()

    writer = threading.Thread(target=write_answers)
    try:
        writer.start()
        while len(acknowledged) < CASES // 3:
            await asyncio.sleep(0.01)
        began = time.monotonic()
        backup = tmp_path / "ascolto-backup.db"
        result = await cli("db", "backup", backup)
        assert result.exit_code == 0, result.output
        assert "integrity check ok" in result.output
        await asyncio.to_thread(writer.join)
    finally:
        server.stop()
    before = {code for code, at in acknowledged.items() if at < began}
    assert len(acknowledged) == CASES and before

    restored = tmp_path / "restored" / "ascolto.db"
    restored.parent.mkdir()
    shutil.copyfile(backup, restored)
    held = _answers_in(restored)
    assert before <= held <= set(tokens)
    assert len(held) < CASES, "the backup was taken after every answer: not a drill"

    restored_settings = Settings(
        database_url=f"sqlite:///{restored}",
        secret_key=settings.secret_key,
        bridge_key=settings.bridge_key,
    )
    async with open_database(restored_settings):  # binds the tables back when it ends
        assert (await readiness()).ready


@pytest.mark.sqlite_only
async def test_backup_refuses_to_overwrite_a_file(cli, settings, tmp_path):
    existing = tmp_path / "kept.db"
    existing.write_bytes(b"precious")
    result = await cli("db", "backup", existing)
    assert result.exit_code == 1
    assert "exists" in result.output
    assert existing.read_bytes() == b"precious"


def test_on_postgresql_the_pg_dump_command_is_printed_without_the_password(tmp_path):
    command = pg_dump_command("postgresql://ascolto:s3cret@db.internal:6543/survey", tmp_path / "x")
    assert command.startswith("pg_dump --format=custom --no-owner --file=")
    assert "--host=db.internal --port=6543 --username=ascolto --dbname=survey" in command
    assert "s3cret" not in command
