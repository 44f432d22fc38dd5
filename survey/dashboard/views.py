"""The dashboard's pages as templates: navigation, the filter form and each page's content."""

from __future__ import annotations

from datetime import date, timedelta

from litestar import MediaType, Request
from litestar.response import Template
from litestar.status_codes import HTTP_400_BAD_REQUEST

from analysis.columns import CHANNELS, REQUEST_TYPES, RESOLUTION_PATHS
from analysis.report import texts
from case_bridge.storage import clock
from case_bridge.storage.errors import Invalid, NotFound
from case_bridge.vocabulary import Region, RequesterKind
from questionnaires import Registry
from survey.accounts.schemas import SignedInUser
from survey.consultations.errors import NotTallied
from survey.dashboard import services
from survey.dashboard.filters import FilterForm, Filters
from survey.dashboard.pages import ANALYSIS_PAGES
from survey.dashboard.services import Dashboard
from survey.follow_ups import services as follow_up_services
from survey.web.i18n import N_, language, translate

BASE = "/manage/dashboard"
API = "/api/manage/dashboard"
# Every page of the dashboard, in the navigation's order, and the message id of its title.
NAVIGATION = {
    **ANALYSIS_PAGES,
    "consultations": N_("dash_page_consultations"),
    "follow-ups": N_("dash_page_follow-ups"),
}


# The choices of the other-bodies filter (survey.dashboard.filters.BODIES) in words.
BODIES_LABELS = {"with": N_("dash_bodies_with"), "without": N_("dash_bodies_without")}


def _href(page: str) -> str:
    return BASE + ("" if page == "overview" else f"/{page}")


def _options(lang: str) -> dict[str, list[tuple[str, str]]]:
    return {
        "channel": [(code, texts.level(lang, code, factor="channel")) for code in CHANNELS],
        "type": [(code, texts.level(lang, code, factor="request_type")) for code in REQUEST_TYPES],
        "path": [(code, texts.level(lang, code)) for code in RESOLUTION_PATHS],
        "region": sorted(
            ((str(code), texts.level(lang, str(code), factor="region")) for code in Region),
            key=lambda option: option[1],
        ),
        "requester": [
            (str(code), texts.level(lang, str(code), factor="requester_kind"))
            for code in RequesterKind
        ],
        "bodies": [(code, translate(lang, message)) for code, message in BODIES_LABELS.items()],
    }


def _form_values(filters: Filters) -> dict[str, str]:
    """The filters as the form's fields hold them, by their query names."""
    return {
        "from": filters.start.isoformat() if filters.start else "",
        "to": filters.end.isoformat() if filters.end else "",
        "channel": filters.channel or "",
        "type": filters.request_type or "",
        "path": filters.resolution_path or "",
        "region": filters.region or "",
        "requester": filters.requester_kind or "",
        "bodies": filters.other_bodies or "",
    }


def _context(request: Request, page: str, filters: Filters, **more: object) -> dict[str, object]:
    """What every dashboard page's template reads."""
    lang = language(request)
    query = filters.query(lang=lang) if request.query_params.get("lang") else filters.query()
    more.setdefault("form", _form_values(filters))
    more.setdefault("problems", {})
    nav = [
        (key, translate(lang, title), _href(key), key == page) for key, title in NAVIGATION.items()
    ]
    return {
        "page": page,
        "title": translate(lang, NAVIGATION[page]),
        "nav": nav,
        "query": query,
        "filters": filters,
        "options": _options(lang),
        "action": _href(page),
        "exports": filters.query(),
        **more,
    }


def _template(name: str, context: dict[str, object]) -> Template:
    return Template(f"dashboard/{name}", context=context, media_type=MediaType.HTML)


def _form_again(request: Request, page: str, form: FilterForm, action: str = "") -> Template:
    """The page's filter form as it was sent, each wrong field with what to write (400)."""
    lang = language(request)
    problems = {field: translate(lang, why) for field, why in form.problems.items()}
    context = _context(
        request, page, Filters(), form=dict(form.values), problems=problems, view=None, api=""
    )
    if action:
        context["action"] = action
    return Template(
        "dashboard/page.html",
        context=context,
        media_type=MediaType.HTML,
        status_code=HTTP_400_BAD_REQUEST,
    )


def _period_problem(error: Invalid) -> dict[str, str]:
    # Resolving the period is the only check left once each value is well formed.
    if error.message.endswith("after it starts (`to` is the day after it)"):
        return {error.field: N_("filter_bad_period")}
    return {error.field: N_("filter_bad_date")}


async def analysis_page(
    request: Request, dashboard: Dashboard, sent: FilterForm, page: str
) -> Template:
    """One of the analysis pages, from the cache when the data have not changed."""
    if page not in ANALYSIS_PAGES:
        raise NotFound(f"no dashboard page {page!r}")
    if sent.filters is None:
        return _form_again(request, page, sent)
    try:
        view = await services.page_view(
            dashboard=dashboard, filters=sent.filters, page=page, lang=language(request)
        )
    except Invalid as error:
        return _form_again(request, page, FilterForm(sent.values, _period_problem(error)))
    api = f"{API}/{page}"
    last = view.filters.end - timedelta(days=1) if view.filters.end else None
    more: dict[str, object] = {}
    at = _date(request, "at")
    if page == "overview" and at is not None and not clock.outside_service_window(at):
        # The period's cases as they stood at the end of a past day (the status history).
        more["as_of"] = await services.counts_as_of(
            dashboard=dashboard, filters=sent.filters, at=at
        )
        more["as_of_day"] = at
    return _template(
        "page.html",
        _context(request, page, view.filters, view=view, api=api, last_answer=last, **more),
    )


async def follow_ups_page(
    request: Request,
    dashboard: Dashboard,
    user: SignedInUser,
    status: str | None,
    office: str | None,
) -> Template:
    found = await services.follow_up_list(
        dashboard=dashboard, with_codes=user.is_admin, status=status, office=office
    )
    filters = Filters(start=_date(request, "from"), end=_date(request, "to"))
    due_days = request.app.state.settings.follow_up_due_days
    context = _context(
        request,
        "follow-ups",
        filters,
        figures=await follow_up_services.load_follow_up_figures(due_days=due_days),
        re_asks=await follow_up_services.load_re_ask_figures(),
        office_names=dict(await follow_up_services.office_choices(language(request))),
        reason_parts=follow_up_services.reason_parts,
        found=found,
        status=status,
        office=office,
        with_codes=user.is_admin,
        api=f"{API}/follow-ups",
    )
    return _template("follow_ups.html", context)


def _date(request: Request, name: str) -> date | None:
    try:
        return date.fromisoformat(request.query_params.get(name, ""))
    except ValueError:
        return None


async def consultations_page(request: Request) -> Template:
    found = await services.consultation_list()
    filters = Filters(start=_date(request, "from"), end=_date(request, "to"))
    context = _context(request, "consultations", filters, found=found, api=f"{API}/consultations")
    return _template("consultations.html", context)


async def consultation_page(
    request: Request,
    dashboard: Dashboard,
    sent: FilterForm,
    consultation_id: int,
    registry: Registry,
) -> Template:
    action = f"{BASE}/consultations/{consultation_id}"
    if sent.filters is None:
        return _form_again(request, "consultations", sent, action)
    try:
        found = await services.consultation_view(
            dashboard=dashboard,
            filters=sent.filters,
            consultation_id=consultation_id,
            registry=registry,
            lang=language(request),
        )
    except NotTallied:
        # Not closed yet: its answers are sealed, so the page says when results come and where
        # the response rates are, instead of an error.
        context = _context(request, "consultations", sent.filters, consultation_id=consultation_id)
        return _template("consultation_pending.html", context)
    basis = found.basis.filters
    resolved = Filters(
        start=basis.from_,
        end=basis.to,
        channel=basis.channel,
        request_type=basis.type,
        resolution_path=basis.path,
        region=basis.region,
        requester_kind=basis.requester,
        other_bodies=basis.bodies,
    )
    context = _context(
        request,
        "consultations",
        resolved,
        found=found,
        api=f"{API}/consultations/{consultation_id}",
        action=f"{BASE}/consultations/{consultation_id}",
    )
    return _template("consultation.html", context)
