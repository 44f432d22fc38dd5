"""Server-side management sessions: the cookie holds only a random id; the data lives in the
database-backed store, so any app process can answer any request of a session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.middleware.session.server_side import (
    ServerSideSessionBackend,
    ServerSideSessionConfig,
)
from litestar.types import Empty, Message, ScopeSession

from survey.accounts.schemas import SignedInUser
from survey.settings import Settings

SESSION_COOKIE = "ascolto_session"
SESSION_STORE = "sessions"
_LOADED = "ascolto.loaded_session"
_NEW_ID = "ascolto.new_session_id"


def secure_cookies(settings: Settings) -> bool:
    """Cookies are sent only over HTTPS when the public address is HTTPS."""
    return settings.public_url.startswith("https://")


class ManagementSessionBackend(ServerSideSessionBackend):
    """Litestar's server-side backend, changed where its defaults cost or leak.

    Litestar's backend stores an empty session, with a row and a cookie, for every visitor;
    here only a signed-in user has one. It keeps whatever id the browser presents; here login
    always issues a fresh id (no session fixation). It writes the data back on every response
    even when unchanged; here an unchanged session is only renewed (by the store's `get`).
    """

    async def load_from_connection(self, connection: ASGIConnection) -> dict[str, Any]:
        session = await super().load_from_connection(connection)
        connection.scope[_LOADED] = dict(session)  # type: ignore[literal-required]  # our own keys in the ASGI scope, which Litestar types as a closed TypedDict
        return session

    async def store_in_message(
        self, scope_session: ScopeSession, message: Message, connection: ASGIConnection
    ) -> None:
        presented = connection.cookies.get(self.config.key)
        presented = None if presented in (None, "", "null") else presented
        store = self.config.get_store_from_app(connection.scope["app"])
        headers = MutableScopeHeaders.from_message(message)
        if scope_session is Empty or not scope_session:
            if presented:
                await self.delete(presented, store)
                headers.add("Set-Cookie", self._cookie("", max_age=0))
            return
        new_id = connection.scope.get(_NEW_ID) or not presented
        unchanged = scope_session == connection.scope.get(_LOADED)
        session_id: str | None = presented
        if new_id or session_id is None:
            if presented:
                await self.delete(presented, store)
            session_id = self.generate_session_id()
        if new_id or not unchanged:
            await self.set(session_id, self.serialize_data(scope_session, connection.scope), store)
        headers.add("Set-Cookie", self._cookie(session_id, max_age=self.config.max_age))

    def _cookie(self, value: str, *, max_age: int) -> str:
        config = self.config
        return Cookie(
            key=config.key,
            value=value,
            max_age=max_age,
            path=config.path,
            domain=config.domain,
            secure=config.secure,
            httponly=config.httponly,
            samesite=config.samesite,
        ).to_header(header="")


@dataclass
class ManagementSessionConfig(ServerSideSessionConfig):
    _backend_class = ManagementSessionBackend


def session_config(settings: Settings) -> ManagementSessionConfig:
    """Sessions that end after `session_minutes` without use; each use renews them."""
    return ManagementSessionConfig(
        key=SESSION_COOKIE,
        store=SESSION_STORE,
        max_age=settings.session_minutes * 60,
        renew_on_access=True,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(settings),
        # Only management is signed in: the citizens' and referents' links, the platform's
        # key-authenticated API and public pages never carry a session, so skip the work.
        exclude=[r"^/f/", r"^/c/", r"^/cases/", r"^/static/", r"^/schema", r"^/api/(?!manage)"],
    )


def start_session(request: Request, user: SignedInUser) -> None:
    """Begin a session for `user` under a fresh id: an id known before login is never reused."""
    request.set_session({"user_id": user.id})
    request.scope[_NEW_ID] = True  # type: ignore[literal-required]  # our own keys in the ASGI scope, which Litestar types as a closed TypedDict


def end_session(request: Request) -> None:
    """End the request's session: its row is deleted and its cookie cleared."""
    request.clear_session()


def session_user_id(connection: ASGIConnection) -> int | None:
    """The user id the request's session names, if it has one."""
    session = connection.scope.get("session")
    user_id = session.get("user_id") if isinstance(session, dict) else None
    return user_id if isinstance(user_id, int) else None
