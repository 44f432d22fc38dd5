"""The Litestar application: `create_app(settings)` builds it; nothing is read at import time."""

from __future__ import annotations

import gc
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar, Router, get
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from case_bridge.controllers import ROUTES as CASE_ROUTES
from case_bridge.service_hours import OrdinaryHours
from case_bridge.services import CaseClosedListener
from questionnaires import Registry
from survey.accounts.controllers import ROUTES as ACCOUNT_ROUTES
from survey.accounts.guards import DEPENDENCIES as ACCOUNT_DEPENDENCIES
from survey.accounts.sessions import SESSION_STORE, secure_cookies, session_config
from survey.accounts.store import DatabaseStore
from survey.consultations.controllers import ROUTES as CONSULTATION_ROUTES
from survey.consultations.referent_pages import ReferentPage
from survey.dashboard.controllers import ROUTES as DASHBOARD_ROUTES
from survey.db import open_database
from survey.feedback.controllers import CITIZEN_ROUTES
from survey.feedback.controllers import ROUTES as FEEDBACK_ROUTES
from survey.follow_ups.controllers import LINK_ROUTES as FOLLOW_UP_LINK_ROUTES
from survey.follow_ups.controllers import ROUTES as FOLLOW_UP_ROUTES
from survey.follow_ups.notices import background_notices
from survey.hooks import hooks_for
from survey.operations.controllers import ROUTES as OPERATIONS_ROUTES
from survey.operations.metrics import prometheus_config
from survey.outbox.sender import background_delivery
from survey.privacy.controllers import ROUTES as PRIVACY_ROUTES
from survey.privacy.notice import check_notice, template_notice
from survey.privacy.pages import privacy_notice_page
from survey.privacy.retention import background_purge
from survey.questionnaire_versions.services import load_registry
from survey.settings import Settings, settings_from_env
from survey.transparency.controllers import ROUTES as TRANSPARENCY_ROUTES
from survey.web import access_log, i18n
from survey.web.access_log import AccessLog, log_unrouted
from survey.web.errors import EXCEPTION_HANDLERS
from survey.web.forms import choices, item_kind
from survey.web.headers import response_headers
from survey.web.openapi import ClosedStructSchemaPlugin
from survey.web.rate_limit import ClientRateLimit

HERE = Path(__file__).parent

# APIs whose callers prove who they are with a key, a signature or a token in the request,
# never with a cookie the browser adds on its own: a forged cross-site request gains nothing
# there, and their callers (the main platform, the IVR, citizens' links) hold no CSRF cookie.
# Cookie-authenticated APIs (`/api/manage`) are not listed: they send the X-CSRFToken header.
CSRF_EXEMPT_PATHS = (
    "/api/cases",
    "/api/offices",
    "/api/emergencies",
    "/api/bridge",
    "/api/ivr",
    "/api/feedback",
    "/api/consultation",
)


def _csrf_config(settings: Settings) -> CSRFConfig:
    """A CSRF token on every form and cookie-authenticated API (header or `_csrf_token`)."""
    return CSRFConfig(
        secret=settings.secret_key,
        cookie_httponly=False,  # a page's script must read it to send the header
        cookie_samesite="lax",
        cookie_secure=secure_cookies(settings),
        exclude=[f"^{re.escape(path)}" for path in CSRF_EXEMPT_PATHS],
    )


def _template_config() -> TemplateConfig:
    def add_globals(engine: JinjaTemplateEngine) -> None:
        i18n.install(engine.engine)
        engine.engine.globals.update(
            item_kind=item_kind, choices=choices, privacy_notice=template_notice
        )

    return TemplateConfig(
        directory=HERE / "web" / "templates",
        engine=JinjaTemplateEngine,
        engine_callback=add_globals,
    )


@get("/", include_in_schema=False)
async def home() -> Redirect:
    """The site's root leads to management; citizens and referents arrive by their links."""
    return Redirect("/manage", status_code=303)


def _settings(state: State) -> Settings:
    return state.settings


def _registry(state: State) -> Registry:
    return state.questionnaires


def _on_case_closed(state: State) -> CaseClosedListener:
    return state.hooks.on_case_closed


def _service_hours(state: State) -> OrdinaryHours:
    return state.settings.ordinary_hours


def _citizen_routes(settings: Settings) -> Router:
    """The token-opened citizen pages and API, behind a per-client rate limit."""
    return Router(
        path="/",
        route_handlers=[*CITIZEN_ROUTES, ReferentPage, *FOLLOW_UP_LINK_ROUTES],
        middleware=[ClientRateLimit(settings.rate_limit_per_minute)],
    )


def create_app(settings: Settings | None = None, *, definitions: Path | None = None) -> Litestar:
    """Build the app for `settings` (read from the environment when not given), with the
    questionnaires of the folder `definitions` (default: the shipped ones)."""
    settings = settings or settings_from_env()
    hooks = hooks_for(settings)
    access_log.configure(json_lines=settings.log_format == "json")
    check_notice(settings)

    @asynccontextmanager
    async def database(app: Litestar) -> AsyncIterator[None]:
        async with open_database(settings) as engine:
            app.state.engine = engine
            app.state.questionnaires = await load_registry(definitions)
            # What start-up built (modules, questionnaires, routes) lives as long as the app:
            # frozen, it is left out of later collections, whose full rounds would otherwise
            # walk it all and stop every request for a tenth of a second or more.
            gc.collect()
            gc.freeze()
            yield

    @asynccontextmanager
    async def outbox(app: Litestar) -> AsyncIterator[None]:
        async with background_delivery(settings, hooks.links), background_notices(settings):
            yield

    @asynccontextmanager
    async def retention(app: Litestar) -> AsyncIterator[None]:
        async with background_purge(settings, app.state.questionnaires):
            yield

    return Litestar(
        route_handlers=[
            home,
            *OPERATIONS_ROUTES,
            privacy_notice_page,
            *CASE_ROUTES,
            _citizen_routes(settings),
            *FEEDBACK_ROUTES,
            *ACCOUNT_ROUTES,
            *CONSULTATION_ROUTES,
            *DASHBOARD_ROUTES,
            *FOLLOW_UP_ROUTES,
            *PRIVACY_ROUTES,
            *TRANSPARENCY_ROUTES,
            create_static_files_router(path="/static", directories=[HERE / "web" / "static"]),
        ],
        lifespan=[database, outbox, retention],
        dependencies={
            "settings": Provide(_settings, sync_to_thread=False),
            "registry": Provide(_registry, sync_to_thread=False),
            "on_case_closed": Provide(_on_case_closed, sync_to_thread=False),
            "service_hours": Provide(_service_hours, sync_to_thread=False),
            **ACCOUNT_DEPENDENCIES,
        },
        stores={SESSION_STORE: DatabaseStore(SESSION_STORE)},
        middleware=[
            prometheus_config().middleware,
            AccessLog,
            session_config(settings).middleware,
        ],
        csrf_config=_csrf_config(settings),
        state=State({"settings": settings, "bridge_key": settings.bridge_key, "hooks": hooks}),
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        template_config=_template_config(),
        openapi_config=OpenAPIConfig(
            title="Ascolto",
            version="1",
            path="/schema",
            description=(
                "Satisfaction surveys and referent consultations of a public contact center."
            ),
        ),
        before_send=[response_headers(settings), i18n.remember_language, log_unrouted],
        plugins=[ClosedStructSchemaPlugin()],
        request_max_body_size=1_048_576,
    )
