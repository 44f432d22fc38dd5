"""Wrong passwords, unknown names, lock-out, and what a failure never reveals."""

from __future__ import annotations

import logging
from datetime import timedelta

from case_bridge.storage import clock
from survey.accounts import services
from survey.accounts.services import LOCK_PERIOD, LOCK_THRESHOLD
from tests.survey.accounts.helpers import PASSWORD, api_login, form_login, make_user


async def test_wrong_password_and_unknown_user_get_the_same_answer(client, cli):
    await make_user(cli, "anna")
    wrong = await api_login(client, "anna", "not-the-password")
    unknown = await api_login(client, "nobody", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert (
        wrong.json()
        == unknown.json()
        == {
            "status_code": 401,
            "detail": "wrong name or password",
        }
    )

    wrong_page = await form_login(client, "anna", "not-the-password")
    unknown_page = await form_login(client, "nobody", "not-the-password")
    assert wrong_page.status_code == unknown_page.status_code == 401
    # The form echoes the name typed; apart from it and the fresh CSRF token, pages match.
    assert _without_token(wrong_page.text).replace("anna", "NAME") == _without_token(
        unknown_page.text
    ).replace("nobody", "NAME")


def _without_token(page: str) -> str:
    start = page.index('name="_csrf_token" value="')
    return page[:start] + page[page.index('"', start + 27) :]


async def test_five_failures_lock_the_account_for_a_while(client, cli):
    await make_user(cli, "anna")
    for _ in range(LOCK_THRESHOLD - 1):
        assert (await api_login(client, "anna", "not-the-password")).status_code == 401
    locked = await api_login(client, "anna", "not-the-password")
    assert locked.status_code == 429
    assert "temporarily locked" in locked.json()["detail"]

    # Even the right password is refused while the lock lasts, on the form as on the API.
    assert (await api_login(client, "anna", PASSWORD)).status_code == 429
    page = await form_login(client, "anna", PASSWORD)
    assert page.status_code == 429
    assert "Account temporaneamente bloccato" in page.text

    later = clock.now() + LOCK_PERIOD + timedelta(seconds=1)
    user = await services.authenticate(name="anna", password=PASSWORD, at=later)
    assert user.name == "anna"
    assert (await api_login(client, "anna", PASSWORD)).status_code == 200


async def test_a_successful_login_resets_the_count(client, cli):
    await make_user(cli, "anna")
    for _ in range(LOCK_THRESHOLD - 1):
        await api_login(client, "anna", "not-the-password")
    assert (await api_login(client, "anna", PASSWORD)).status_code == 200
    for _ in range(LOCK_THRESHOLD - 1):
        assert (await api_login(client, "anna", "not-the-password")).status_code == 401
    assert (await api_login(client, "anna", PASSWORD)).status_code == 200


async def test_unknown_names_are_locked_like_known_ones(client, cli):
    # Issue 18: an unknown name that was never locked told a guesser which names exist.
    await make_user(cli, "anna")
    known = [await api_login(client, "anna", "not-the-password") for _ in range(7)]
    unknown = [await api_login(client, "nobody", "not-the-password") for _ in range(7)]
    assert [a.status_code for a in known] == [a.status_code for a in unknown]
    assert [a.status_code for a in known] == [401] * (LOCK_THRESHOLD - 1) + [429] * 3
    assert [a.json() for a in known] == [a.json() for a in unknown]


async def test_password_is_never_in_a_response_or_a_log(client, cli, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "segreto-di-prova-42"
    created = await make_user(cli, "anna", role="admin", password=secret)
    answers = [
        await api_login(client, "anna", secret + "x"),
        await form_login(client, "anna", secret + "x"),
        await api_login(client, "anna", secret),
        await client.get("/api/manage/me"),
        await client.get("/api/manage/users"),
        await client.get("/manage"),
        await client.post("/api/manage/session", json={"name": "anna", "password": 42}),
    ]
    listed = await cli("users", "list")
    for answer in answers:
        assert secret not in answer.text
        assert secret not in str(answer.headers)
    assert secret not in created.output + listed.output
    assert "argon2" not in (await client.get("/api/manage/users")).text
    assert "login of 'anna'" in caplog.text  # the log does record who signed in
    assert secret not in caplog.text
