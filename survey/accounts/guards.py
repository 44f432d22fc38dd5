"""Who may reach a management page or API: guards, and the signed-in user for handlers.

A controller of another domain protects itself with `guards = [manager_guard]` (or
`admin_guard`) and, when it needs to know who is asking, takes a parameter
`current_user: CurrentUser` (the app provides it). Without a session a page redirects to the
login form and an API answers 401; a signed-in user of the wrong role gets 403.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency, Provide
from litestar.handlers.base import BaseRouteHandler
from litestar.response import Redirect

from case_bridge.storage.errors import Forbidden
from survey.accounts import services
from survey.accounts.errors import LoginRequired
from survey.accounts.schemas import SignedInUser
from survey.accounts.sessions import session_user_id
from survey.web.i18n import LANGUAGES

_USER = "ascolto.user"
HOME = "/manage"
LOGIN_PAGE = "/manage/login"


async def signed_in_user(connection: ASGIConnection) -> SignedInUser | None:
    """The active user of the request's session, or None (read once per request)."""
    if _USER not in connection.scope:
        user_id = session_user_id(connection)
        user = None if user_id is None else await services.signed_in_user(user_id=user_id)
        connection.scope[_USER] = user  # type: ignore[literal-required]  # our own keys in the ASGI scope, which Litestar types as a closed TypedDict
    return connection.scope[_USER]  # type: ignore[literal-required]  # our own keys in the ASGI scope, which Litestar types as a closed TypedDict


async def require_user(connection: ASGIConnection) -> SignedInUser:
    """The signed-in user; raise LoginRequired when there is none."""
    user = await signed_in_user(connection)
    if user is None:
        raise LoginRequired()
    return user


async def manager_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Let through managers and administrators."""
    await require_user(connection)


async def admin_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Let through administrators only."""
    user = await require_user(connection)
    if not user.is_admin:
        raise Forbidden("only an administrator may do this")


async def provide_current_user(request: Request) -> SignedInUser:
    """The `current_user` dependency: the signed-in user (LoginRequired without one)."""
    return await require_user(request)


# The app provides these to every handler; a handler asks with `current_user: CurrentUser`.
DEPENDENCIES = {"current_user": Provide(provide_current_user)}
CurrentUser = NamedDependency[SignedInUser]


def local_path(target: str | None, default: str = HOME) -> str:
    """`target` if it is a path on this site, else `default` (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return default
    return target


def login_redirect(request: Request) -> Redirect:
    """303 to the login form, which comes back to the page asked for after login."""
    query = {"next": request.url.path + (f"?{request.url.query}" if request.url.query else "")}
    if request.query_params.get("lang") in LANGUAGES:
        query["lang"] = request.query_params["lang"]
    return Redirect(f"{LOGIN_PAGE}?{urlencode(query)}", status_code=303)
