"""The re-ask migration on a database that already holds answers, on the suite's engine: every
invitation, answer and revision is kept, each answer is keyed by its invitation, and
`(case, re_ask)` replaces the old uniqueness of `case` on both tables."""

from __future__ import annotations

import contextlib
import importlib
import os
import pkgutil
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from case_bridge.storage import create_engine
from case_bridge.tables import Case
from survey import piccolo_migrations
from survey.db.opening import bind_engine

RE_ASK = "2026-12-01T18:15:00:000000"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SCORED = '{"satisfaction": 2}'


def _survey_migration_before(target: str) -> str:
    ids = sorted(
        importlib.import_module(f"{piccolo_migrations.__name__}.{module.name}").ID
        for module in pkgutil.iter_modules(piccolo_migrations.__path__)
    )
    return ids[ids.index(target) - 1]


@contextlib.asynccontextmanager
async def _fresh_database(database_url: str, tmp_path) -> AsyncIterator[str]:
    """A new, empty database on the suite's engine, dropped afterwards."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'migrating.db'}"
        return
    name = f"re_ask_{secrets.token_hex(4)}"
    parts = urlsplit(database_url)
    admin = await asyncpg.connect(database_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await admin.close()


def _migrate(url: str, app: str, migration_id: str = "all") -> None:
    """Piccolo's own command, in a process of its own: the hand-written migrations' tables are
    bound to the engine of the first import, in this process the suite's database."""
    environment = os.environ | {
        "PICCOLO_CONF": "survey.db.piccolo_conf",
        "ASCOLTO_DATABASE_URL": url,
    }
    command = [sys.executable, "-m", "piccolo.main", "migrations", "forwards", app, migration_id]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "failed" not in done.stdout.lower(), done.stdout + done.stderr


async def _insert(engine, sql: str, params: list) -> int:
    return (await engine.run_sql(sql + ' RETURNING "id"', params))[0]["id"]


async def test_the_re_ask_migration_keeps_every_answer_and_keys_it_by_invitation(
    database_url, tmp_path
):
    async with _fresh_database(database_url, tmp_path) as url:
        engine = create_engine(url)
        previous = bind_engine(engine)
        try:
            _migrate(url, "case_bridge")
            _migrate(url, "survey", _survey_migration_before(RE_ASK))
            cases = []
            for n in (1, 2):
                rows = await Case.insert(
                    Case(
                        code=f"CC-2026-00000{n}",
                        opened_at=NOW,
                        channel="phone",
                        request_type="information",
                        topic="volontariato",
                        status="closed",
                        closed_at=NOW,
                    )
                ).returning(Case.id)
                cases.append(rows[0]["id"])
            invitations = [
                await _insert(
                    engine,
                    'INSERT INTO "feedback_invitations" ("case", "nonce", "token_hash", '
                    '"created_at", "expires_at", "emailed") VALUES (?, ?, ?, ?, ?, ?)',
                    [case, f"n{case}", f"h{case}", NOW, NOW, True],
                )
                for case in cases
            ]
            response = await _insert(
                engine,
                'INSERT INTO "feedback_responses" ("case", "questionnaire", '
                '"questionnaire_version", "answers", "collection_channel", "first_submitted_at", '
                '"updated_at", "revisions", "satisfaction") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [cases[0], "citizen-feedback", 2, SCORED, "email_link", NOW, NOW, 2, 2],
            )
            for number in (1, 2):
                await engine.run_sql(
                    'INSERT INTO "feedback_revisions" ("response", "number", "answers", '
                    '"collection_channel", "submitted_at") VALUES (?, ?, ?, ?, ?)',
                    [response, number, SCORED, "email_link", NOW],
                )

            await engine.close()  # SQLite: the migration's rebuild wants the file to itself
            _migrate(url, "survey", RE_ASK)

            (kept,) = await engine.run_sql(
                'SELECT "id", "case", "invitation", "re_ask", "satisfaction" '
                'FROM "feedback_responses"'
            )
            assert (kept["id"], kept["case"], kept["invitation"]) == (
                response,
                cases[0],
                invitations[0],
            )
            assert not kept["re_ask"] and kept["satisfaction"] == 2
            revisions = await engine.run_sql('SELECT "response" FROM "feedback_revisions"')
            assert [row["response"] for row in revisions] == [response, response]
            flags = await engine.run_sql('SELECT "re_ask" FROM "feedback_invitations"')
            assert [bool(row["re_ask"]) for row in flags] == [False, False]

            # A re-ask beside the ordinary invitation and answer is allowed; a second ordinary
            # one, or a second re-ask, is not.
            again = await _insert(
                engine,
                'INSERT INTO "feedback_invitations" ("case", "re_ask", "nonce", "token_hash", '
                '"created_at", "expires_at", "emailed") VALUES (?, ?, ?, ?, ?, ?, ?)',
                [cases[0], True, "n-again", "h-again", NOW, NOW, True],
            )
            await engine.run_sql(
                'INSERT INTO "feedback_responses" ("case", "invitation", "re_ask", '
                '"questionnaire", "questionnaire_version", "answers", "collection_channel", '
                '"first_submitted_at", "updated_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [cases[0], again, True, "citizen-feedback", 2, "{}", "email_link", NOW, NOW],
            )
            for re_ask, token in ((False, "h-twice"), (True, "h-thrice")):
                with pytest.raises(Exception, match=r"(?i)unique"):
                    await engine.run_sql(
                        'INSERT INTO "feedback_invitations" ("case", "re_ask", "nonce", '
                        '"token_hash", "created_at", "expires_at", "emailed") '
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [cases[0], re_ask, "n", token, NOW, NOW, True],
                    )
        finally:
            bind_engine(previous)
            await engine.close()
