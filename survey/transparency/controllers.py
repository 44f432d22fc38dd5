"""The public transparency page: `/trasparenza` (and `/transparency`, in English), its JSON
and CSV. No login, no case code, no free text."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from litestar import MediaType, Request, Response, get
from litestar.datastructures import ResponseHeader
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import Template
from litestar.types import ControllerRouterHandler

from case_bridge.storage import clock
from case_bridge.storage.error_answers import error_answers
from survey.dashboard.cache import FigureCache
from survey.dashboard.freshness import data_state
from survey.settings import Settings
from survey.transparency.published import csv_table, published
from survey.transparency.schemas import TransparencyOut
from survey.transparency.services import load_transparency
from survey.web.exports import DIALECTS, download
from survey.web.i18n import language, remembered_language

CACHE_KEY = "transparency_cache"
AsOf = Annotated[
    date | None,
    QueryParameter(
        name="as_of",
        description=(
            "The day whose end the counts are taken at (Europe/Rome); default today; a day "
            "still to come is refused (422)"
        ),
        schema_extra={"pattern": clock.SERVICE_DATE_PATTERN},
    ),
]


def _language(request: Request) -> str:
    """English at `/transparency…` unless ?lang= asks otherwise; else the usual choice."""
    if request.url.path.startswith("/transparency") and "lang" not in request.query_params:
        return "en"
    return language(request)


async def _figures(request: Request, as_of: date | None, settings: Settings) -> TransparencyOut:
    # A month's ratings are final once its last case's invitation and edit window are over.
    settle = settings.invitation_days + settings.edit_window_days
    # A public page anyone may reload: its figures are computed once per day asked and data
    # version in each process (`survey.dashboard.freshness`), not on every request.
    state = request.app.state
    cache = state.get(CACHE_KEY)
    if cache is None:
        cache = state[CACHE_KEY] = FigureCache(size=32)
    version = (await data_state(state.engine)).version
    today = clock.now().astimezone(clock.DEPARTMENT_ZONE).date()
    figures = await cache.get(
        (as_of, today, settle, version),
        lambda: load_transparency(as_of=as_of, settle_days=settle),
    )
    return published(figures, _language(request))


@get(
    ["/trasparenza", "/transparency"],
    media_type=MediaType.HTML,
    include_in_schema=False,  # a page; its JSON and CSV twins are documented
)
async def transparency_page(
    request: Request, settings: NamedDependency[Settings], as_of: AsOf = None
) -> Template:
    """Cases open and closed by week, channel and request type, and satisfaction by month."""
    figures = await _figures(request, as_of, settings)
    query = f"?{urlencode({'as_of': as_of.isoformat()})}" if as_of else ""
    return Template(
        "transparency.html",
        context={"figures": figures, "query": query, "page_language": _language(request)},
        media_type=MediaType.HTML,
        cookies=remembered_language(request),
    )


@get(
    ["/trasparenza.json", "/transparency.json"],
    tags=["public"],
    # A file the page offers to save, as its CSV twin (programs read it all the same).
    response_headers=[
        ResponseHeader(
            name="Content-Disposition",
            value='attachment; filename="trasparenza.json"',
            description="The data are offered as a file",
        )
    ],
    responses=error_answers(400, 422),
)
async def transparency_json(
    request: Request, settings: NamedDependency[Settings], as_of: AsOf = None
) -> TransparencyOut:
    """The transparency figures as JSON (hidden counts are null)."""
    return await _figures(request, as_of, settings)


@get(
    ["/trasparenza.csv", "/transparency.csv"],
    tags=["public"],
    media_type="text/csv",
    responses=error_answers(400, 422),
)
async def transparency_csv(
    request: Request, settings: NamedDependency[Settings], as_of: AsOf = None
) -> Response[bytes]:
    """The transparency figures as one CSV table (hidden counts are empty cells)."""
    figures = await _figures(request, as_of, settings)
    return download("trasparenza.csv", csv_table(figures), dialect=DIALECTS["standard"])


ROUTES: list[ControllerRouterHandler] = [transparency_page, transparency_json, transparency_csv]
