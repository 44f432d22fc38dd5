"""HTTP routes of management login: the form and landing page, and the session JSON API."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, MediaType, Request, delete, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, JSONBody, QueryParameter
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from case_bridge.storage.error_answers import error_answers
from survey.accounts import services
from survey.accounts.errors import AccountLocked, InvalidCredentials
from survey.accounts.guards import (
    LOGIN_PAGE,
    CurrentUser,
    admin_guard,
    local_path,
    manager_guard,
    signed_in_user,
)
from survey.accounts.schemas import Credentials, LoginForm, UserListItem, UserOut
from survey.accounts.sessions import end_session, start_session
from survey.web.errors import retry_after
from survey.web.i18n import LANGUAGES, N_


def _with_language(request: Request, path: str) -> str:
    """Keep a language chosen with ?lang= across a redirect."""
    chosen = request.query_params.get("lang")
    if chosen not in LANGUAGES or "lang=" in path:
        return path
    return f"{path}{'&' if '?' in path else '?'}lang={chosen}"


def _login_page(
    *, name: str = "", next_path: str = "", error: Exception | None = None, missing: bool = False
) -> Template:
    context = {"name": name, "next": local_path(next_path, default=""), "error": None}
    status = 200
    if missing:
        context["error"], status = N_("login_missing"), 400
    elif isinstance(error, AccountLocked):
        context["error"], status = N_("login_locked"), 429
    elif isinstance(error, InvalidCredentials):
        context["error"], status = N_("login_failed"), 401
    return Template(
        "accounts/login.html", context=context, status_code=status, media_type=MediaType.HTML
    )


class ManagementPages(Controller):
    path = "/manage"
    tags = ["management"]
    include_in_schema = False

    @get("/login")
    async def login_form(
        self, request: Request, next_path: Annotated[str, QueryParameter(name="next")] = ""
    ) -> Template | Redirect:
        """The login form (a signed-in user goes straight on)."""
        if await signed_in_user(request) is not None:
            return Redirect(_with_language(request, local_path(next_path)), status_code=303)
        return _login_page(next_path=next_path)

    @post("/login")
    async def login(
        self,
        request: Request,
        data: Annotated[LoginForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
    ) -> Template | Redirect:
        """Check the name and password; on success begin a session and go on."""
        if not data.name.strip() or not data.password:
            # Nothing to check and no account to count an attempt against: ask for both.
            return _login_page(name=data.name, next_path=data.next, missing=True)
        try:
            user = await services.authenticate(
                name=data.name, password=data.password, client=client_address(request)
            )
        except (InvalidCredentials, AccountLocked) as error:
            page = _login_page(name=data.name, next_path=data.next, error=error)
            if isinstance(error, AccountLocked):
                page.headers["Retry-After"] = retry_after(error.until)
            return page
        start_session(request, user)
        return Redirect(_with_language(request, local_path(data.next)), status_code=303)

    @post("/logout")
    async def logout(self, request: Request) -> Redirect:
        """End the session and show the login form again."""
        end_session(request)
        return Redirect(_with_language(request, LOGIN_PAGE), status_code=303)

    @get("/", guards=[manager_guard])
    async def home(self, current_user: CurrentUser) -> Template:
        """The management landing page: what a manager can do here."""
        return Template(
            "accounts/home.html", context={"user": current_user}, media_type=MediaType.HTML
        )


class ManagementSessionApi(Controller):
    """Cookie-authenticated: changing requests carry the `X-CSRFToken` header."""

    path = "/api/manage"
    tags = ["management"]

    @post("/session", status_code=200, responses=error_answers(401, 403, 429))
    async def sign_in(self, request: Request, data: JSONBody[Credentials]) -> UserOut:
        """Sign in with name and password; the answer sets the session cookie."""
        user = await services.authenticate(
            name=data.name, password=data.password, client=client_address(request)
        )
        start_session(request, user)
        return UserOut(name=user.name, role=user.role)

    @delete("/session", status_code=204, responses=error_answers(403))
    async def sign_out(self, request: Request) -> None:
        """End the session."""
        end_session(request)

    @get("/me", guards=[manager_guard], responses=error_answers(401))
    async def me(self, current_user: CurrentUser) -> UserOut:
        """The signed-in user."""
        return UserOut(name=current_user.name, role=current_user.role)

    @get("/users", guards=[admin_guard], responses=error_answers(401, 403))
    async def users(self) -> list[UserListItem]:
        """Every user, without password hashes (administrators only)."""
        return await services.list_users()


def client_address(request: Request) -> str:
    """The address the connection came from (as the server was told to trust it)."""
    return request.client.host if request.client else ""


ROUTES: list[ControllerRouterHandler] = [ManagementPages, ManagementSessionApi]
