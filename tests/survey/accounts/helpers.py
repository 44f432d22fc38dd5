"""Making users through the CLI and signing in through HTTP, as a manager would."""

from __future__ import annotations

import re

from httpx import AsyncClient as AsyncTestClient
from httpx import Response

PASSWORD = "mare-di-genova-2011"


async def make_user(cli, name: str = "anna", role: str = "manager", password: str = PASSWORD):
    result = await cli(
        "users", "create", name, "--role", role, "--password-stdin", input=password + "\n"
    )
    assert result.exit_code == 0, result.output
    return result


async def csrf_token(client: AsyncTestClient) -> str:
    """The CSRF cookie, fetched with a GET first if the client has none yet."""
    if "csrftoken" not in client.cookies:
        await client.get("/manage/login")
    return client.cookies["csrftoken"]


async def api_login(client: AsyncTestClient, name: str, password: str = PASSWORD) -> Response:
    return await client.post(
        "/api/manage/session",
        json={"name": name, "password": password},
        headers={"X-CSRFToken": await csrf_token(client)},
    )


def form_token(page: str) -> str:
    found = re.search(r'name="_csrf_token" value="([^"]+)"', page)
    assert found, "the form has no CSRF field"
    return found.group(1)


async def form_login(
    client: AsyncTestClient, name: str, password: str = PASSWORD, next_path: str = ""
) -> Response:
    page = await client.get("/manage/login")
    fields = {"name": name, "password": password, "next": next_path}
    return await client.post(
        "/manage/login",
        data=fields | {"_csrf_token": form_token(page.text)},
        follow_redirects=False,
    )
