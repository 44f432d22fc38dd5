"""Management of consultations: JSON API and pages, for signed-in managers and admins."""

from __future__ import annotations

import msgspec
from litestar import Controller, MediaType, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from analysis.consultations import ConsultationResults
from case_bridge.storage.error_answers import error_answers
from case_bridge.storage.errors import Invalid
from case_bridge.storage.validation import field_problem
from questionnaires import Registry
from survey.accounts.guards import manager_guard
from survey.consultations import services
from survey.consultations.errors import WrongState
from survey.consultations.results import consultation_results
from survey.consultations.schemas import (
    ConsultationIn,
    ConsultationOut,
    InviteesIn,
    ReminderReport,
    ResponseRates,
)
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

    @post("/", status_code=201, responses=error_answers(401, 403, 422))
    async def create(
        self, data: JSONBody[ConsultationIn], registry: NamedDependency[Registry]
    ) -> ConsultationOut:
        """A consultation in draft, inviting all referents or those of some offices."""
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
        "/{consultation_id:int}/close", status_code=200, responses=error_answers(401, 403, 404, 409)
    )
    async def close(self, consultation_id: Id) -> ConsultationOut:
        """Close an open consultation."""
        return await services.close_consultation(consultation_id=consultation_id)

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

    @get("/{consultation_id:int}/results", responses=error_answers(401, 404))
    async def results(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> ConsultationResults:
        """Distributions, scales and offices; groups under the threshold are hidden."""
        return await consultation_results(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )

    @get(
        "/{consultation_id:int}/results.csv",
        media_type="text/csv",
        responses=error_answers(401, 404),
    )
    async def results_csv(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> Response[bytes]:
        """The results as CSV, with the same suppression."""
        results = await consultation_results(
            consultation_id=consultation_id, registry=registry, lang=language(request)
        )
        return download(f"consultation-{consultation_id}.csv", results_table(results))


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


class ConsultationPages(Controller):
    """The same for people: list, create, open/close/remind, rates and results."""

    path = "/manage/consultations"
    guards = [manager_guard]
    include_in_schema = False

    @get("/")
    async def index(self, registry: NamedDependency[Registry]) -> Template:
        consultations = await services.list_consultations()
        referent_questionnaires = [q for q in registry if q.audience == "referent"]
        return Template(
            "consultations/manage_list.html",
            context={"consultations": consultations, "questionnaires": referent_questionnaires},
            media_type=MediaType.HTML,
        )

    @post("/", status_code=303)
    async def create(self, request: Request, registry: NamedDependency[Registry]) -> Redirect:
        form = await request.form()
        questionnaire, _, version = str(form.get("questionnaire", "")).rpartition("@")
        fields = {
            "title": str(form.get("title", "")).strip(),
            "questionnaire": questionnaire,
            "questionnaire_version": version,
            "opens_on": form.get("opens_on"),
            "closes_on": form.get("closes_on"),
            "threshold": form.get("threshold") or 5,
        }
        try:
            data = msgspec.convert(fields, ConsultationIn, strict=False)
        except msgspec.ValidationError as error:
            problem = field_problem(error)
            raise Invalid(problem.path or "form", problem.message) from None
        created = await services.create_consultation(data=data, registry=registry)
        return Redirect(f"{self.path}/{created.id}", status_code=303)

    @get("/{consultation_id:int}")
    async def detail(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> Template:
        return Template(
            "consultations/manage_detail.html",
            context={
                "consultation": await services.get_consultation(consultation_id=consultation_id),
                "rates": await services.response_rates(consultation_id=consultation_id),
                "results": await consultation_results(
                    consultation_id=consultation_id, registry=registry, lang=language(request)
                ),
            },
            media_type=MediaType.HTML,
        )

    @post("/{consultation_id:int}/{action:str}", status_code=303)
    async def act(
        self,
        consultation_id: Id,
        action: FromPath[str],
        settings: NamedDependency[Settings],
        registry: NamedDependency[Registry],
    ) -> Redirect:
        if action == "open":
            await services.open_consultation(
                consultation_id=consultation_id, settings=settings, registry=registry
            )
        elif action == "close":
            await services.close_consultation(consultation_id=consultation_id)
        elif action == "remind":
            await services.send_reminders(consultation_id=consultation_id)
        else:
            raise WrongState(f"unknown action {action!r}")
        return Redirect(f"{self.path}/{consultation_id}", status_code=303)


ROUTES: list[ControllerRouterHandler] = [ConsultationApi, ConsultationPages]
