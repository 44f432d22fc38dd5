"""Signing in and out through the form and the JSON API."""

from __future__ import annotations

import re

from survey.accounts.store import DatabaseStore
from tests.survey.accounts.helpers import (
    PASSWORD,
    api_login,
    csrf_token,
    form_login,
    form_token,
    make_user,
)


async def test_form_login_leads_to_the_landing_page_and_logout_ends_the_session(client, cli):
    await make_user(cli, "anna")
    answer = await client.get("/manage", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/manage/login?next=%2Fmanage"

    answer = await form_login(client, "anna", next_path="/manage")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/manage"
    session_id = client.cookies["ascolto_session"]

    home = await client.get("/manage")
    assert home.status_code == 200
    assert "Ascolto — gestione" in home.text
    assert "anna" in home.text

    answer = await client.post(
        "/manage/logout", data={"_csrf_token": form_token(home.text)}, follow_redirects=False
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/manage/login"
    assert not await DatabaseStore("sessions").exists(session_id)
    assert (await client.get("/manage", follow_redirects=False)).status_code == 303


async def test_login_form_is_accessible_in_italian_and_in_english(client):
    page = await client.get("/manage/login")
    assert page.status_code == 200
    assert '<html lang="it">' in page.text
    assert "Accesso alla gestione" in page.text
    for field, autocomplete in (("login-name", "username"), ("login-password", "current-password")):
        assert f'<label for="{field}">' in page.text
        assert re.search(rf'id="{field}"[^>]*autocomplete="{autocomplete}"', page.text, re.S)
    assert "<script" not in page.text and "style=" not in page.text

    english = await client.get("/manage/login?lang=en")
    assert '<html lang="en">' in english.text
    assert "Management login" in english.text
    assert 'action="/manage/login?lang=en"' in english.text


async def test_failed_form_login_shows_the_error_next_to_the_form(client, cli):
    await make_user(cli, "anna")
    answer = await form_login(client, "anna", "not-the-password")
    assert answer.status_code == 401
    assert 'role="alert"' in answer.text
    assert "Nome utente o password non corretti." in answer.text
    assert 'aria-describedby="login-error"' in answer.text
    assert "ascolto_session" not in client.cookies


async def test_a_blank_login_form_asks_for_both_fields_without_counting_an_attempt(client, cli):
    await make_user(cli, "anna")
    for _ in range(8):  # more than the lock-out allows from one client
        answer = await form_login(client, "", "")
        assert answer.status_code == 400
        assert "Scrivi il nome utente e la password." in answer.text
    answer = await form_login(client, "anna", "")
    assert answer.status_code == 400 and 'value="anna"' in answer.text
    # No attempt was counted: the client may still sign in.
    assert (await form_login(client, "anna")).status_code == 303


async def test_api_login_me_and_logout(client, cli):
    await make_user(cli, "bruno", role="admin")
    answer = await api_login(client, "bruno")
    assert answer.status_code == 200
    assert answer.json() == {"name": "bruno", "role": "admin"}
    cookie = next(
        value
        for name, value in answer.headers.multi_items()
        if name == "set-cookie" and value.startswith("ascolto_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Max-Age=3600" in cookie
    assert "Secure" not in cookie  # the test app's public address is http

    me = await client.get("/api/manage/me")
    assert me.status_code == 200
    assert me.json() == {"name": "bruno", "role": "admin"}

    token = await csrf_token(client)
    answer = await client.delete("/api/manage/session", headers={"X-CSRFToken": token})
    assert answer.status_code == 204
    me = await client.get("/api/manage/me")
    assert me.status_code == 401
    assert me.json()["detail"] == "login required"


async def test_login_issues_a_new_session_id_even_when_one_is_presented(client, cli):
    await make_user(cli, "anna")
    client.cookies.set("ascolto_session", "chosen-by-an-attacker", domain="testserver.local")
    answer = await api_login(client, "anna")
    assert answer.status_code == 200
    assert client.cookies["ascolto_session"] != "chosen-by-an-attacker"
    assert len(client.cookies["ascolto_session"]) == 64


async def test_visitors_get_no_session_until_they_sign_in(client):
    await client.get("/manage/login")
    await client.get("/api/manage/me")
    assert "ascolto_session" not in client.cookies


async def test_next_accepts_only_paths_of_this_site(client, cli):
    await make_user(cli, "anna")
    for target, expected in (
        ("https://elsewhere.example/", "/manage"),
        ("//elsewhere.example/x", "/manage"),
        ("/\\elsewhere.example", "/manage"),
        ("/manage?lang=en", "/manage?lang=en"),
    ):
        client.cookies.clear()
        answer = await form_login(client, "anna", next_path=target)
        assert answer.status_code == 303
        assert answer.headers["location"] == expected, target


async def test_signed_in_user_skips_the_login_form(client, cli):
    await make_user(cli, "anna")
    await api_login(client, "anna")
    answer = await client.get("/manage/login", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/manage"


async def test_a_disabled_user_loses_the_session_and_cannot_sign_in(client, cli):
    await make_user(cli, "anna")
    assert (await api_login(client, "anna")).status_code == 200
    result = await cli("users", "disable", "anna")
    assert result.exit_code == 0, result.output
    assert (await client.get("/api/manage/me")).status_code == 401
    answer = await api_login(client, "anna", PASSWORD)
    assert answer.status_code == 401
    assert answer.json()["detail"] == "wrong name or password"
