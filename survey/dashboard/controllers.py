"""The management dashboard: pages, their JSON twins and the answers' exports (managers, admins)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, QueryParameter
from litestar.response import Template
from litestar.types import ControllerRouterHandler

from case_bridge.as_of import AsOfCounts
from case_bridge.storage.error_answers import error_answers
from case_bridge.storage.errors import Forbidden
from questionnaires import Registry
from survey.accounts.guards import CurrentUser, manager_guard
from survey.dashboard import exports, scripts, services
from survey.dashboard import schemas as out
from survey.dashboard.filters import FilterForm, Filters, filters_from_query, page_filters
from survey.dashboard.services import Dashboard, provide_dashboard
from survey.dashboard.views import (
    analysis_page,
    consultation_page,
    consultations_page,
    follow_ups_page,
)
from survey.web.exports import DIALECTS, XLSX_MEDIA_TYPE, download
from survey.web.i18n import language
from survey.web.parameters import Id, drop_empty_query_values

DEPENDENCIES = {
    "filters": Provide(filters_from_query, sync_to_thread=False),
    "dashboard": Provide(provide_dashboard, sync_to_thread=False),
}
# The empty value is a form's "all", as for the filters.
FollowUpState = Annotated[
    Literal["", "open", "in_progress", "closed"] | None,
    QueryParameter(description="Only follow-ups in this state (empty: all)"),
]
Office = Annotated[
    str | None, QueryParameter(description="Only follow-ups of this office (front_office: none)")
]
WithCodes = Annotated[
    bool, QueryParameter(description="Add the case codes (administrators only: 403 otherwise)")
]
WithLabels = Annotated[
    bool,
    QueryParameter(
        description="Labels in the page's language instead of codes (numbers stay numbers)"
    ),
]
Dialect = Annotated[
    Literal["standard", "excel-it"],
    QueryParameter(
        description="standard: `,` and decimal point; excel-it: `;` and decimal comma, for a "
        "double click in Italian Excel. Both UTF-8 with a byte-order mark. Empty: standard",
        # An empty value is as if not sent (`drop_empty_query_values`): the document says so.
        schema_extra={"enum": ["standard", "excel-it", ""]},
    ),
]
Filtered = NamedDependency[Filters]
# A page shows a wrong filter again in its form rather than as an error page.
FilteredPage = NamedDependency[FilterForm]
Board = NamedDependency[Dashboard]


class DashboardPages(Controller):
    """The pages: a plain GET form of filters, charts with their tables, no script."""

    path = "/manage/dashboard"
    guards = [manager_guard]
    dependencies = DEPENDENCIES | {"filters": Provide(page_filters, sync_to_thread=False)}
    middleware = [drop_empty_query_values]
    include_in_schema = False

    @get("/")
    async def overview(self, request: Request, filters: FilteredPage, dashboard: Board) -> Template:
        return await analysis_page(request, dashboard, filters, "overview")

    @get("/{page:str}")
    async def page(
        self, request: Request, page: FromPath[str], filters: FilteredPage, dashboard: Board
    ) -> Template:
        """Resolution path, channel, request type, time to close, emergencies, non-response."""
        return await analysis_page(request, dashboard, filters, page)

    @get("/follow-ups")
    async def follow_ups(
        self,
        request: Request,
        dashboard: Board,
        current_user: CurrentUser,
        status: FollowUpState = None,
        office: Office = None,
    ) -> Template:
        return await follow_ups_page(request, dashboard, current_user, status or None, office)

    @get("/consultations")
    async def consultations(self, request: Request) -> Template:
        return await consultations_page(request)

    @get("/consultations/{consultation_id:int}")
    async def consultation(
        self,
        request: Request,
        consultation_id: Id,
        filters: FilteredPage,
        dashboard: Board,
        registry: NamedDependency[Registry],
    ) -> Template:
        return await consultation_page(request, dashboard, filters, consultation_id, registry)


class DashboardApi(Controller):
    """Every figure of the dashboard's pages as JSON, with the same filters."""

    path = "/api/manage/dashboard"
    guards = [manager_guard]
    dependencies = DEPENDENCIES
    middleware = [drop_empty_query_values]
    tags = ["management dashboard"]

    @get("/overview", responses=error_answers(400, 401, 422))
    async def overview(self, filters: Filtered, dashboard: Board) -> out.Overview:
        """Volumes, Front/Back Office/open split, CSAT, NPS, resolution, response, follow-ups."""
        return await services.overview(dashboard=dashboard, filters=filters)

    @get("/as-of", responses=error_answers(400, 401, 422))
    async def as_of(
        self,
        filters: Filtered,
        dashboard: Board,
        at: Annotated[date, QueryParameter(description="The day whose end the counts are at")],
    ) -> AsOfCounts:
        """The period's cases as they stood at the end of a day, from the status history:
        received by then, open, at the Back Office, closed at Front or Back Office."""
        return await services.counts_as_of(dashboard=dashboard, filters=filters, at=at)

    @get("/path", responses=error_answers(400, 401, 422))
    async def path_(self, filters: Filtered, dashboard: Board) -> out.Breakdown:
        """Front Office against Back Office, with the adjusted model's odds ratios."""
        return await services.page_figures(dashboard=dashboard, filters=filters, page="path")

    @get("/channel", responses=error_answers(400, 401, 422))
    async def channel(self, filters: Filtered, dashboard: Board) -> out.Breakdown:
        """Satisfaction by channel (Kruskal-Wallis, Dunn-Holm pairs)."""
        return await services.page_figures(dashboard=dashboard, filters=filters, page="channel")

    @get("/request-type", responses=error_answers(400, 401, 422))
    async def request_type(self, filters: Filtered, dashboard: Board) -> out.Breakdown:
        """Satisfaction by type of request."""
        return await services.page_figures(
            dashboard=dashboard, filters=filters, page="request-type"
        )

    @get("/time-to-close", responses=error_answers(400, 401, 422))
    async def time_to_close(self, filters: Filtered, dashboard: Board) -> out.TimeToClose:
        """Spearman of days to close against the score, and satisfaction per time band."""
        return await services.page_figures(
            dashboard=dashboard, filters=filters, page="time-to-close"
        )

    @get("/emergencies", responses=error_answers(400, 401, 422))
    async def emergencies(self, filters: Filtered, dashboard: Board) -> out.Emergencies:
        """Emergency periods against ordinary times, and the cases of each period."""
        return await services.page_figures(dashboard=dashboard, filters=filters, page="emergencies")

    @get("/non-response", responses=error_answers(400, 401, 422))
    async def non_response(self, filters: Filtered, dashboard: Board) -> out.NonResponse:
        """Response rate by channel, respondents against non-respondents, weighting."""
        return await services.page_figures(
            dashboard=dashboard, filters=filters, page="non-response"
        )

    @get("/reasons", responses=error_answers(400, 401, 422))
    async def reasons(self, filters: Filtered, dashboard: Board) -> out.Reasons:
        """What citizens liked and where they met difficulty: shares with 95 % intervals."""
        return await services.reasons_figures(dashboard=dashboard, filters=filters)

    @get("/follow-ups", responses=error_answers(401))
    async def follow_ups(
        self,
        dashboard: Board,
        current_user: CurrentUser,
        status: FollowUpState = None,
        office: Office = None,
    ) -> out.FollowUps:
        """Follow-ups opened by low ratings: state and office (case codes for admins only)."""
        return await services.follow_up_list(
            dashboard=dashboard,
            with_codes=current_user.is_admin,
            status=status or None,
            office=office,
        )

    @get("/consultations", responses=error_answers(401))
    async def consultations(self) -> out.Consultations:
        """Every referent consultation with its counts."""
        return await services.consultation_list()

    @get("/consultations/{consultation_id:int}", responses=error_answers(401, 404, 409, 422))
    async def consultation(
        self,
        request: Request,
        consultation_id: Id,
        filters: Filtered,
        dashboard: Board,
        registry: NamedDependency[Registry],
    ) -> out.ConsultationView:
        """Results under the threshold, and referents beside their office's citizens' CSAT."""
        return await services.consultation_view(
            dashboard=dashboard,
            filters=filters,
            consultation_id=consultation_id,
            registry=registry,
            lang=language(request),
        )


class ExportApi(Controller):
    """Citizens' answers joined with their cases, anonymised, with their codebook."""

    path = "/api/manage/exports"
    guards = [manager_guard]
    dependencies = DEPENDENCIES
    middleware = [drop_empty_query_values]
    tags = ["management dashboard"]

    @get("/answers.csv", media_type="text/csv", responses=error_answers(400, 401, 403, 422))
    async def answers_csv(
        self,
        request: Request,
        filters: Filtered,
        dashboard: Board,
        registry: NamedDependency[Registry],
        current_user: CurrentUser,
        with_codes: WithCodes = False,
        labels: WithLabels = False,
        dialect: Dialect = "standard",
    ) -> Response[bytes]:
        """One row per answer: case attributes and each item; no contact data."""
        labels_in = language(request) if labels else None
        answers = await _answers(dashboard, filters, registry, current_user, with_codes, labels_in)
        return download("answers.csv", answers, dialect=DIALECTS[dialect])

    @get(
        "/answers.xlsx",
        media_type=XLSX_MEDIA_TYPE,
        responses=error_answers(400, 401, 403, 422),
    )
    async def answers_xlsx(
        self,
        request: Request,
        filters: Filtered,
        dashboard: Board,
        registry: NamedDependency[Registry],
        current_user: CurrentUser,
        with_codes: WithCodes = False,
    ) -> Response[bytes]:
        """The same answers as a workbook, with the codebook on a second sheet."""
        answers = await _answers(dashboard, filters, registry, current_user, with_codes)
        return download(
            "answers.xlsx", answers, exports.codebook_table(registry, language(request))
        )

    @get("/codebook.csv", media_type="text/csv", responses=error_answers(401))
    async def codebook_csv(
        self, request: Request, registry: NamedDependency[Registry], dialect: Dialect = "standard"
    ) -> Response[bytes]:
        """Each column of the answers: description, type, values and their labels, scale."""
        codebook = exports.codebook_table(registry, language(request))
        return download("codebook.csv", codebook, dialect=DIALECTS[dialect])

    @get("/answers.sps", media_type="text/plain", responses=error_answers(401))
    async def answers_sps(
        self, request: Request, registry: NamedDependency[Registry]
    ) -> Response[bytes]:
        """SPSS/PSPP syntax that loads answers.csv (as downloaded) with its labels."""
        return _script("answers.sps", scripts.spss_syntax(_variables(request, registry)))

    @get("/answers.R", media_type="text/plain", responses=error_answers(401))
    async def answers_r(
        self, request: Request, registry: NamedDependency[Registry]
    ) -> Response[bytes]:
        """An R script that loads answers.csv (as downloaded) as factors with labels."""
        return _script("answers.R", scripts.r_script(_variables(request, registry)))


def _variables(request: Request, registry: Registry) -> list[scripts.Variable]:
    codebook = exports.codebook_table(registry, language(request))
    return scripts.variables(codebook, exports.answers_header(registry))


def _script(filename: str, text: str) -> Response[bytes]:
    return Response(
        text.encode(),
        media_type="text/plain; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


async def _answers(dashboard, filters, registry, user, with_codes: bool, labels_in=None):
    if with_codes and not user.is_admin:
        raise Forbidden("only an administrator may export case codes")
    chosen = await services.filtered_subset(dashboard=dashboard, filters=filters)
    return await exports.answers_table(
        engine=dashboard.engine,
        subset=chosen,
        registry=registry,
        with_codes=with_codes,
        labels_in=labels_in,
    )


ROUTES: list[ControllerRouterHandler] = [DashboardPages, DashboardApi, ExportApi]
