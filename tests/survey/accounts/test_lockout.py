"""The lock-out holds under concurrency: attempts are counted before any password is checked,
per account and client, per account, and per client across accounts."""

from __future__ import annotations

import asyncio

import httpx

from survey.accounts import lockout
from survey.accounts.passwords import CHECKS
from tests.survey.accounts.helpers import PASSWORD, api_login, csrf_token, make_user


def from_address(client: httpx.AsyncClient, address: str) -> httpx.AsyncClient:
    """Another client of the same app, connecting from `address`."""
    transport = httpx.ASGITransport(app=client._transport.app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url=str(client.base_url))


async def test_200_concurrent_wrong_logins_check_at_most_5_passwords(client, cli):
    await make_user(cli, "anna")
    headers = {"X-CSRFToken": await csrf_token(client)}
    before = CHECKS.value

    async def wrong() -> int:
        answer = await client.post(
            "/api/manage/session",
            json={"name": "anna", "password": "not-the-password"},
            headers=headers,
        )
        return answer.status_code

    statuses = await asyncio.gather(*(wrong() for _ in range(200)))
    assert CHECKS.value - before <= lockout.PER_ACCOUNT_AND_CLIENT
    assert set(statuses) <= {401, 429} and statuses.count(401) <= 4
    # The right password is refused (and not checked) while the lock holds.
    assert (await api_login(client, "anna", PASSWORD)).status_code == 429
    assert CHECKS.value - before <= lockout.PER_ACCOUNT_AND_CLIENT


async def test_a_locked_account_still_opens_from_another_client(client, cli):
    await make_user(cli, "anna")
    for _ in range(lockout.PER_ACCOUNT_AND_CLIENT):
        await api_login(client, "anna", "not-the-password")
    assert (await api_login(client, "anna", PASSWORD)).status_code == 429
    async with from_address(client, "192.0.2.7") as elsewhere:
        assert (await api_login(elsewhere, "anna", PASSWORD)).status_code == 200


async def test_an_account_is_locked_for_every_client_after_50_attempts(client, cli):
    await make_user(cli, "anna")
    for number in range(lockout.PER_ACCOUNT // lockout.PER_ACCOUNT_AND_CLIENT):
        async with from_address(client, f"192.0.2.{number + 1}") as guesser:
            for _ in range(lockout.PER_ACCOUNT_AND_CLIENT):
                await api_login(guesser, "anna", "not-the-password")
    async with from_address(client, "198.51.100.1") as manager:
        assert (await api_login(manager, "anna", PASSWORD)).status_code == 429


async def test_a_client_trying_many_names_is_stopped(client, cli):
    await make_user(cli, "anna")
    async with from_address(client, "203.0.113.9") as sprayer:
        statuses = [
            (await api_login(sprayer, f"name{number}", "Estate2012!")).status_code
            for number in range(lockout.PER_CLIENT + 3)
        ]
        assert statuses[: lockout.PER_CLIENT - 1] == [401] * (lockout.PER_CLIENT - 1)
        assert set(statuses[lockout.PER_CLIENT - 1 :]) == {429}
        assert (await api_login(sprayer, "anna", PASSWORD)).status_code == 429
    assert (await api_login(client, "anna", PASSWORD)).status_code == 200


async def test_the_users_list_shows_an_account_locked_for_every_client(client, cli):
    await test_an_account_is_locked_for_every_client_after_50_attempts(client, cli)
    listed = await cli("users", "list")
    assert "locked until" in listed.output
