"""Management of consultations: the JSON API, for signed-in managers and admins (the pages
are in `manage_pages`)."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.types import ControllerRouterHandler

from analysis.consultations import ConsultationResults
from case_bridge.storage.error_answers import error_answers
from questionnaires import Registry
from survey.accounts.guards import manager_guard
from survey.consultations import actions, services, waves
from survey.consultations.manage_pages import ConsultationPages
from survey.consultations.results import consultation_results
from survey.consultations.schemas import (
    ActionIn,
    ActionOut,
    ActionStateIn,
    CitizensBesideOut,
    CloseIn,
    ConsultationIn,
    ConsultationOut,
    DriversOut,
    HeatmapOut,
    InviteesIn,
    ReminderReport,
    ResponseRates,
    WaveComparisonOut,
)
from survey.consultations.wave_tables import comparison_table, heatmap_table
from survey.settings import Settings
from survey.web.exports import Table, download
from survey.web.i18n import language
from survey.web.parameters import Id

RESULTS_COLUMNS = ("section", "group", "measure", "value")


class ConsultationApi(Controller):
    path = "/api/manage/consultations"
    guards = [manager_guard]
    tags = ["referent consultations"]

    @get("/", responses=error_answers(401))
    async def index(self) -> list[ConsultationOut]:
        """Every consultation with its live counts."""
        return await services.list_consultations()

    @post("/", status_code=201, responses=error_answers(401, 403, 404, 422))
    async def create(
        self, data: JSONBody[ConsultationIn], registry: NamedDependency[Registry]
    ) -> ConsultationOut:
        """A consultation in draft, inviting all referents or those of some offices: it closes
        on `opens_on` or later (422 otherwise); a questionnaire version that does not exist is
        404."""
        return await services.create_consultation(data=data, registry=registry)

    @get("/{consultation_id:int}", responses=error_answers(401, 404))
    async def detail(self, consultation_id: Id) -> ConsultationOut:
        return await services.get_consultation(consultation_id=consultation_id)

    @post(
        "/{consultation_id:int}/open", status_code=200, responses=error_answers(401, 403, 404, 409)
    )
    async def open(
        self,
        consultation_id: Id,
        settings: NamedDependency[Settings],
        registry: NamedDependency[Registry],
    ) -> ConsultationOut:
        """Open a draft and email every invitee their link."""
        return await services.open_consultation(
            consultation_id=consultation_id, settings=settings, registry=registry
        )

    @post(
        "/{consultation_id:int}/close",
        status_code=200,
        responses=error_answers(401, 403, 404, 409, 422),
    )
    async def close(
        self,
        consultation_id: Id,
        registry: NamedDependency[Registry],
        data: JSONBody[CloseIn | None] = None,
    ) -> ConsultationOut:
        """Close an open consultation and tally its answers with the guardians' passphrase."""
        return await services.close_consultation(
            consultation_id=consultation_id,
            tally_passphrase=data.tally_passphrase if data else "",
            registry=registry,
        )

    @post(
        "/{consultation_id:int}/invitees",
        status_code=200,
        responses=error_answers(401, 403, 404, 409, 422),
    )
    async def invite(
        self, consultation_id: Id, data: JSONBody[InviteesIn], settings: NamedDependency[Settings]
    ) -> ConsultationOut:
        """Invite the referents of more offices (emailed at once if the consultation is open)."""
        return await services.add_invitees(
            consultation_id=consultation_id, offices=data.offices, settings=settings
        )

    @post(
        "/{consultation_id:int}/reminders",
        status_code=200,
        responses=error_answers(401, 403, 404, 409),
    )
    async def remind(self, consultation_id: Id) -> ReminderReport:
        """Remind those who have not answered."""
        return ReminderReport(await services.send_reminders(consultation_id=consultation_id))

    @get("/{consultation_id:int}/response-rates", responses=error_answers(401, 404))
    async def rates(self, consultation_id: Id) -> ResponseRates:
        """Live response rate, overall and per office (from 5 invited up)."""
        return await services.response_rates(consultation_id=consultation_id)

    @get("/{consultation_id:int}/results", responses=error_answers(401, 404, 409))
    async def results(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> ConsultationResults:
        """Distributions, scales and offices, once tallied (409 before the close); groups under
        the threshold are hidden."""
        return await consultation_results(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )

    @get(
        "/{consultation_id:int}/results.csv",
        media_type="text/csv",
        responses=error_answers(401, 404, 409),
    )
    async def results_csv(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> Response[bytes]:
        """The results as CSV, with the same suppression."""
        results = await consultation_results(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )
        return download(f"consultation-{consultation_id}.csv", results_table(results))

    @get("/{consultation_id:int}/comparison", responses=error_answers(401, 404, 409))
    async def comparison(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> WaveComparisonOut:
        """This wave against the one it follows: each scale's mean and favourable share, the
        change with its 95 % interval and test (Holm-adjusted); scales whose items changed
        wording are listed apart, never compared."""
        return await waves.wave_comparison(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )

    @get(
        "/{consultation_id:int}/comparison.csv",
        media_type="text/csv",
        responses=error_answers(401, 404, 409),
    )
    async def comparison_csv(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> Response[bytes]:
        """The wave comparison as CSV."""
        comparison = await waves.wave_comparison(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )
        return download(
            f"consultation-{consultation_id}-comparison.csv", comparison_table(comparison)
        )

    @get("/{consultation_id:int}/heatmap", responses=error_answers(401, 404, 409))
    async def heatmap(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> HeatmapOut:
        """Groups × scales of favourable shares; a cell under the threshold, or one that would
        give such a cell away from the totals, has no figures and says why."""
        return await waves.heatmap(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )

    @get(
        "/{consultation_id:int}/heatmap.csv",
        media_type="text/csv",
        responses=error_answers(401, 404, 409),
    )
    async def heatmap_csv(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> Response[bytes]:
        """The heatmap as CSV, with the same blanks."""
        out = await waves.heatmap(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )
        return download(f"consultation-{consultation_id}-heatmap.csv", heatmap_table(out))

    @get("/{consultation_id:int}/actions", responses=error_answers(401, 404))
    async def action_list(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> list[ActionOut]:
        """The actions decided after this wave, each with the next wave's answers about it once
        that wave is tallied (`seen`)."""
        return await actions.list_actions(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )

    @post(
        "/{consultation_id:int}/actions",
        status_code=201,
        responses=error_answers(401, 403, 404, 409, 422),
    )
    async def record_action(
        self,
        request: Request,
        consultation_id: Id,
        data: JSONBody[ActionIn],
        registry: NamedDependency[Registry],
    ) -> ActionOut:
        """Record an action on one of the wave's scales (409 before the wave is tallied). A
        wave created afterwards to follow this one asks its referents about it."""
        return await actions.record_action(
            consultation_id=consultation_id, data=data, registry=registry, lang=language(request)
        )

    @post(
        "/{consultation_id:int}/actions/{action_id:int}/state",
        status_code=200,
        responses=error_answers(401, 403, 404, 422),
    )
    async def action_state(
        self,
        request: Request,
        consultation_id: Id,
        action_id: Id,
        data: JSONBody[ActionStateIn],
        registry: NamedDependency[Registry],
    ) -> ActionOut:
        """Move an action to another state."""
        return await actions.change_state(
            consultation_id=consultation_id,
            action_id=action_id,
            state=data.state,
            registry=registry,
            lang=language(request),
        )

    @get("/{consultation_id:int}/citizens", responses=error_answers(401, 404, 409))
    async def citizens(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> CitizensBesideOut:
        """Per group of the tally (never per referent): the referents' overall satisfaction
        beside the citizens' CSAT of the Back Office cases its offices closed in the year
        before the consultation closed; each side hidden under its own threshold."""
        return await waves.citizens_beside(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )

    @get("/{consultation_id:int}/drivers", responses=error_answers(401, 404, 409))
    async def drivers(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> DriversOut:
        """How much of the overall satisfaction item's variance each scale accounts for
        (Shapley shares of R², bootstrap intervals), beside its favourable share today."""
        return await waves.drivers(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )


def results_table(results: ConsultationResults) -> Table:
    """One row per figure: what, group, value; suppressed figures say why."""
    rows: list[list[object]] = []
    hidden = f"fewer than {results.threshold} answers"
    if not results.shown:
        rows.append(["answers", "all", "count", hidden])
        return Table(RESULTS_COLUMNS, rows)
    rows.append(["answers", "all", "count", results.answers])
    for item in results.items:
        for choice in item.distribution:
            rows.append(["item", item.code, choice.label, choice.count])
    for scale in results.scales:
        rows.append(["scale", "all", scale.scale, _round(scale.mean.estimate)])
    for office in results.offices:
        label = office.office.label
        if not office.office.shown:
            rows.append(["office", label, "count", hidden])
            continue
        rows.append(["office", label, "count", office.office.count])
        for scale in office.scales:
            rows.append(["office", label, scale.scale, _round(scale.mean.estimate)])
    for comment in results.comments:
        rows.append(["comment", "all", "text", comment])
    return Table(RESULTS_COLUMNS, rows)


def _round(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


ROUTES: list[ControllerRouterHandler] = [ConsultationApi, ConsultationPages]
