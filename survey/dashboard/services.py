"""What the dashboard's controllers call: each page's view and figures for the asked filters.

Every request reads the data's version first (one cheap statement); everything computed from
the data is then looked up in the process's cache under that version, so a new answer or case
makes the next request compute afresh.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import anyio
from litestar.datastructures import State

from case_bridge import as_of
from case_bridge.as_of import AsOfCounts
from case_bridge.storage import clock
from case_bridge.storage.engines import AscoltoEngine
from case_bridge.storage.errors import Invalid
from questionnaires import Registry
from survey.consultations import services as consultations
from survey.dashboard import figures, follow_ups, reasons, referents
from survey.dashboard import schemas as out
from survey.dashboard.cache import FigureCache
from survey.dashboard.filters import Filters
from survey.dashboard.freshness import DataState, data_state
from survey.dashboard.pages import PageView, build_page
from survey.dashboard.subsets import Subset, subset

CACHE_KEY = "dashboard_cache"


class Dashboard:
    """The database and this process's cache of figures.

    A plain class, not a dataclass: Litestar would try to validate a dataclass dependency's
    fields, and the engine's type is a union of two classes it cannot convert."""

    __slots__ = ("cache", "engine")

    def __init__(self, engine: AscoltoEngine, cache: FigureCache) -> None:
        self.engine, self.cache = engine, cache


def provide_dashboard(state: State) -> Dashboard:
    """The `dashboard` dependency; the cache lives on the app's state, one per process."""
    cache = state.get(CACHE_KEY)
    if cache is None:
        cache = FigureCache()
        state[CACHE_KEY] = cache
    return Dashboard(state.engine, cache)


async def _current(dashboard: Dashboard, filters: Filters) -> tuple[DataState, Subset]:
    state = await data_state(dashboard.engine)
    resolved = filters.resolved(state.first_day, state.last_day)
    chosen = await subset(
        engine=dashboard.engine, cache=dashboard.cache, state=state, filters=resolved
    )
    return state, chosen


async def page_view(*, dashboard: Dashboard, filters: Filters, page: str, lang: str) -> PageView:
    """An analysis page's sections, charts drawn, from the cache when the data are unchanged."""
    state, chosen = await _current(dashboard, filters)
    open_count = (
        await follow_ups.open_count(cache=dashboard.cache, state=state) if page == "overview" else 0
    )
    build = functools.partial(build_page, page, chosen, lang, open_follow_ups=open_count)

    async def draw() -> PageView:
        return await anyio.to_thread.run_sync(build)

    return await dashboard.cache.get(("page", page, chosen.filters, lang, state.version), draw)


async def overview(*, dashboard: Dashboard, filters: Filters) -> out.Overview:
    state, chosen = await _current(dashboard, filters)
    open_count = await follow_ups.open_count(cache=dashboard.cache, state=state)
    return figures.overview(chosen, open_count)


async def counts_as_of(*, dashboard: Dashboard, filters: Filters, at: date) -> AsOfCounts:
    """The period's cases (as the filters resolve it) as they stood at the end of day `at`,
    from the status history: received by then, open, at the Back Office, closed."""
    if problem := clock.outside_service_window(at):
        raise Invalid("at", problem)
    state = await data_state(dashboard.engine)
    start, end = filters.resolved(state.first_day, state.last_day).period.bounds()
    moment = datetime.combine(at + timedelta(days=1), time())
    return await as_of.counts_as_of(as_of=moment, opened_from=start, opened_before=end)


FIGURES: dict[str, Callable[[Subset], object]] = {
    "path": figures.path,
    "channel": functools.partial(figures.factor, page="channel"),
    "request-type": functools.partial(figures.factor, page="request-type"),
    "time-to-close": figures.time_to_close,
    "emergencies": figures.emergencies,
    "non-response": figures.non_response,
}


async def page_figures(*, dashboard: Dashboard, filters: Filters, page: str):
    """The JSON figures of an analysis page other than the overview."""
    _, chosen = await _current(dashboard, filters)
    return FIGURES[page](chosen)


async def reasons_figures(*, dashboard: Dashboard, filters: Filters) -> out.Reasons:
    """The reason items' shares, overall and by path, channel, type and office."""
    _, chosen = await _current(dashboard, filters)
    return reasons.reasons_json(chosen)


async def filtered_subset(*, dashboard: Dashboard, filters: Filters) -> Subset:
    """The analysed cases of the filters (for exports and the offices view)."""
    return (await _current(dashboard, filters))[1]


async def follow_up_list(
    *, dashboard: Dashboard, with_codes: bool, status: str | None, office: str | None
) -> out.FollowUps:
    state = await data_state(dashboard.engine)
    return await follow_ups.follow_up_list(
        cache=dashboard.cache, state=state, with_codes=with_codes, status=status, office=office
    )


async def consultation_list() -> out.Consultations:
    return out.Consultations(consultations=await consultations.list_consultations())


async def consultation_view(
    *, dashboard: Dashboard, filters: Filters, consultation_id: int, registry: Registry, lang: str
) -> out.ConsultationView:
    chosen = await filtered_subset(dashboard=dashboard, filters=filters)
    return await referents.consultation_view(
        consultation_id=consultation_id, registry=registry, lang=lang, subset=chosen
    )
