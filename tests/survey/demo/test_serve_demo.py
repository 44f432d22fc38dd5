"""`ascolto serve --demo` on a database without cases: the first five minutes of a new user."""

from __future__ import annotations

import asyncio
import re

import pytest

from survey.demo.welcome import MANAGER
from tests.survey.accounts.helpers import api_login


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """uvicorn.run replaced: the command prepares everything, then returns at once."""
    calls: list[dict] = []
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: calls.append(kwargs))
    return calls


async def test_serve_demo_loads_the_year_and_prints_what_to_open(
    cli, db, no_server, app_client, settings
) -> None:
    result = await cli("serve", "--demo")
    assert result.exit_code == 0, result.output
    assert no_server, "the app was not started"
    output = result.output
    assert "demo year 4 July 2011 - 3 July 2012 loaded" in output
    assert "/schema" in output
    assert re.search(r"retention: contact details and comments kept \d+ days .* demo year", output)
    link = re.search(r"(http\S+/f/\S+)", output).group(1)
    login = re.search(rf"/manage/login\s+name {MANAGER}\s+password (\S+)", output)
    status = re.search(r"(http\S+/cases/CC-\d{4}-\d{6}/status)", output).group(1)
    assert login is not None
    assert (await db.run_sql('SELECT COUNT(*) AS "n" FROM "cases"'))[0]["n"] > 13_500
    # A referent's link to the consultation left open, and the passphrase that closes it.
    referent = re.search(r"consultation link: (http\S+/c/\S+)", output).group(1)
    assert "tally passphrase (to close one): demo-tally-passphrase" in output

    for address in (link, status, referent):
        response = await app_client.get(address.removeprefix(settings.public_url))
        assert response.status_code == 200, address
    app_client.cookies.clear()
    signed_in = await api_login(app_client, MANAGER, login.group(1))
    assert signed_in.status_code in (200, 201), signed_in.text
    app_client.cookies.clear()

    again = await cli("serve", "--demo")  # a second start keeps the data and the user
    assert again.exit_code == 0, again.output
    assert "loaded" not in again.output and "/f/" in again.output
    assert (await db.run_sql('SELECT COUNT(*) AS "n" FROM "users"'))[0]["n"] == 1


async def test_serve_without_demo_creates_no_demo_data(cli, db, no_server) -> None:
    result = await cli("serve")
    assert result.exit_code == 0, result.output
    assert (await db.run_sql('SELECT COUNT(*) AS "n" FROM "cases"'))[0]["n"] == 0
    assert (await db.run_sql('SELECT COUNT(*) AS "n" FROM "users"'))[0]["n"] == 0


async def test_new_development_keys_get_a_fresh_citizen_link(cli, db, no_server, settings) -> None:
    from click.testing import CliRunner

    from survey.cli import main
    from tests.survey.demo.conftest import cli_env

    assert (await cli("serve", "--demo")).exit_code == 0
    # A restart with other keys (serve --demo draws new ones when none are set): the old links
    # no longer verify, so one more case is closed now to give a link that does.
    other = cli_env(settings) | {"ASCOLTO_SECRET_KEY": "another-secret-key-another-secret-key-42"}
    result = await asyncio.to_thread(CliRunner().invoke, main, ["serve", "--demo"], env=other)
    assert result.exit_code == 0, result.output
    assert "/f/" in result.output
    today = await db.run_sql(
        'SELECT COUNT(*) AS "n" FROM "feedback_invitations" i JOIN "cases" c ON c."id" = i."case" '
        "WHERE c.\"code\" LIKE 'CC-____-9%'"
    )
    assert today[0]["n"] == 6
