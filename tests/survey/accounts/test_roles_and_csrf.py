"""Guards by role, and CSRF on forms and cookie-authenticated APIs."""

from __future__ import annotations

from tests.factories import HEADERS
from tests.survey.accounts.helpers import api_login, csrf_token, make_user


async def test_admin_only_route_refuses_a_manager_and_anonymous_callers(client, cli):
    await make_user(cli, "anna", role="manager")
    await make_user(cli, "bruno", role="admin")
    assert (await client.get("/api/manage/users")).status_code == 401

    await api_login(client, "anna")
    refused = await client.get("/api/manage/users")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "only an administrator may do this"
    assert (await client.get("/api/manage/me")).status_code == 200

    client.cookies.clear()
    await api_login(client, "bruno")
    listed = await client.get("/api/manage/users")
    assert listed.status_code == 200
    assert [(u["name"], u["role"], u["active"]) for u in listed.json()] == [
        ("anna", "manager", True),
        ("bruno", "admin", True),
    ]
    assert all("password_hash" not in user for user in listed.json())


async def test_form_post_without_csrf_token_is_refused(client, cli):
    await make_user(cli, "anna")
    await client.get("/manage/login")
    answer = await client.post(
        "/manage/login", data={"name": "anna", "password": "x" * 20}, follow_redirects=False
    )
    assert answer.status_code == 403
    answer = await client.post(
        "/manage/login",
        data={"name": "anna", "password": "x" * 20, "_csrf_token": "forged" * 20},
        follow_redirects=False,
    )
    assert answer.status_code == 403


async def test_management_api_needs_the_csrf_header(client, cli):
    await make_user(cli, "anna")
    body = {"name": "anna", "password": "mare-di-genova-2011"}
    assert (await client.post("/api/manage/session", json=body)).status_code == 403
    token = await csrf_token(client)
    answer = await client.post("/api/manage/session", json=body, headers={"X-CSRFToken": token})
    assert answer.status_code == 200
    assert (await client.delete("/api/manage/session")).status_code == 403
    assert (await client.get("/api/manage/me")).status_code == 200


async def test_key_authenticated_apis_are_exempt_from_csrf(client):
    answer = await client.post("/api/offices", json={"code": "x1", "name": "X"}, headers=HEADERS)
    assert answer.status_code == 201
