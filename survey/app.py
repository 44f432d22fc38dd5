"""The Litestar application: `create_app(settings)` builds it; nothing is read at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar
from litestar.datastructures import State
from litestar.openapi import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig
from litestar.types import Message, Scope

from case_bridge.controllers import ROUTES as CASE_ROUTES
from survey.database import open_database
from survey.errors import EXCEPTION_HANDLERS
from survey.i18n import TEMPLATE_GLOBALS
from survey.settings import Settings, settings_from_env

HERE = Path(__file__).parent

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


_ENCODED_HEADERS = [
    (name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
]


async def _security_headers(message: Message, scope: Scope) -> None:
    """Add the security headers to every response, error pages included."""
    if message["type"] == "http.response.start":
        present = {name for name, _ in message.get("headers", [])}
        extra = [(name, value) for name, value in _ENCODED_HEADERS if name not in present]
        message["headers"] = [*message.get("headers", []), *extra]


def _template_config() -> TemplateConfig:
    def add_globals(engine: JinjaTemplateEngine) -> None:
        engine.engine.globals.update(TEMPLATE_GLOBALS)

    return TemplateConfig(
        directory=HERE / "templates", engine=JinjaTemplateEngine, engine_callback=add_globals
    )


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the app for `settings` (read from the environment when not given)."""
    settings = settings or settings_from_env()

    @asynccontextmanager
    async def database(app: Litestar) -> AsyncIterator[None]:
        async with open_database(settings) as engine:
            app.state.engine = engine
            yield

    return Litestar(
        route_handlers=[
            *CASE_ROUTES,
            create_static_files_router(path="/static", directories=[HERE / "static"]),
        ],
        lifespan=[database],
        state=State({"settings": settings, "bridge_key": settings.bridge_key}),
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
        before_send=[_security_headers],
        request_max_body_size=1_048_576,
    )
