"""`/manage/consultations`: consultations as a manager runs them, in pages. Create (with the
guardians and the tally key), open (saying what went out), remind, close (after a confirmation
with the tally key), read rates and results. Every problem comes back on its form."""

from __future__ import annotations

from typing import Any

from litestar import Controller, MediaType, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from case_bridge.storage.errors import Conflict, Invalid
from case_bridge.tables import Office
from questionnaires import Questionnaire, Registry
from survey.accounts.guards import manager_guard
from survey.consultations import actions, manage_forms, services, waves
from survey.consultations.errors import WrongState
from survey.consultations.groups import group_labels
from survey.consultations.manage_forms import FormProblems
from survey.consultations.results import consultation_results
from survey.outbox.services import outbox_counts
from survey.questionnaire_versions.services import questionnaire_for
from survey.settings import Settings
from survey.web.i18n import N_, language, translate
from survey.web.parameters import Id

PATH = "/manage/consultations"


def _referent_questionnaires(registry: Registry) -> list[Questionnaire]:
    return [q for q in registry if q.audience == "referent"]


def _questionnaire_name(registry: Registry, name: str, version: int, lang: str) -> str:
    """A questionnaire as people know it: its title and version, not its file name."""
    try:
        title = registry.get(name, version).title.get(lang)
    except LookupError:
        title = name
    return translate(lang, "questionnaire_title_version", title=title, version=version)


def _here(request: Request, path: str, **query: object) -> str:
    """A management address in the language being read."""
    parts = [f"{key}={value}" for key, value in query.items()] + [f"lang={language(request)}"]
    return f"{path}?{'&'.join(parts)}"


async def _pending_emails() -> int:
    counts = await outbox_counts()
    return sum(count for status, count in counts.items() if status in ("pending", "sending"))


class ConsultationPages(Controller):
    """The same as the API for people: list, create, open/close/remind, rates and results."""

    path = PATH
    guards = [manager_guard]  # noqa: RUF012
    include_in_schema = False

    async def _list(
        self,
        request: Request,
        registry: Registry,
        *,
        values: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
    ) -> Template:
        lang = language(request)
        consultations = await services.list_consultations()
        return Template(
            "consultations/manage_list.html",
            context={
                "consultations": consultations,
                "questionnaires": _referent_questionnaires(registry),
                "values": values or {"threshold": str(manage_forms.DEFAULT_THRESHOLD)},
                "errors": errors or {},
                "min_passphrase": manage_forms.MIN_PASSPHRASE,
                "questionnaire_names": {
                    c.id: _questionnaire_name(
                        registry, c.questionnaire, c.questionnaire_version, lang
                    )
                    for c in consultations
                },
            },
            status_code=422 if errors else 200,
            media_type=MediaType.HTML,
        )

    @get("/")
    async def index(self, request: Request, registry: NamedDependency[Registry]) -> Template:
        return await self._list(request, registry)

    @post("/", status_code=303)
    async def create(
        self, request: Request, registry: NamedDependency[Registry]
    ) -> Redirect | Template:
        lang = language(request)
        form = {key: str(value) for key, value in (await request.form()).items()}
        values = manage_forms.kept_values(form)
        try:
            data = manage_forms.creation(form, _referent_questionnaires(registry), lang)
            created = await services.create_consultation(data=data, registry=registry)
        except FormProblems as refused:
            return await self._list(request, registry, values=values, errors=refused.problems)
        except Invalid as error:
            problems = manage_forms.service_problem(error, lang)
            return await self._list(request, registry, values=values, errors=problems)
        return Redirect(_here(request, f"{PATH}/{created.id}"), status_code=303)

    async def _detail(
        self,
        request: Request,
        consultation_id: int,
        registry: Registry,
        settings: Settings,
        *,
        problem: str = "",
        action_errors: dict[str, str] | None = None,
        action_values: dict[str, str] | None = None,
    ) -> Template:
        lang = language(request)
        consultation = await services.get_consultation(consultation_id=consultation_id)
        results = (
            await consultation_results(
                consultation_id=consultation_id, registry=registry, lang=lang
            )
            if consultation.state == "closed"
            else None
        )
        context: dict[str, Any] = {
            "consultation": consultation,
            "questionnaire_name": _questionnaire_name(
                registry, consultation.questionnaire, consultation.questionnaire_version, lang
            ),
            "rates": await services.response_rates(consultation_id=consultation_id),
            # Results exist only after the tally: while open there are response rates alone.
            "results": results,
            "opened": request.query_params.get("opened") == "1",
            "closed": request.query_params.get("closed") == "1",
            "reminded": _count(request.query_params.get("reminded")),
            "smtp_missing": not settings.smtp_url,
            "pending_emails": await _pending_emails(),
            "problem": problem,
            "recorded": request.query_params.get("recorded") == "1",
            "action_errors": action_errors or {},
            "action_values": action_values or {},
            "action_states": manage_forms.ACTION_STATES,
        }
        if consultation.state == "closed":
            questionnaire = await questionnaire_for(
                registry, consultation.questionnaire, consultation.questionnaire_version
            )
            context |= {
                # The groups of the tally by name (an office, an area, the department).
                "office_labels": group_labels(
                    [office.office.label for office in results.offices] if results else [],
                    questionnaire,
                    lang,
                ),
                "actions": await actions.list_actions(
                    consultation_id=consultation_id, registry=registry, lang=lang
                ),
                "offices": await _offices(lang),
                "scales": [(scale.name, scale.title.get(lang)) for scale in questionnaire.scales],
            }
        if results is not None and results.shown:
            context |= {
                "comparison": await waves.wave_comparison(
                    consultation_id=consultation_id, registry=registry, lang=lang
                ),
                "heatmap": await waves.heatmap(
                    consultation_id=consultation_id, registry=registry, lang=lang
                ),
                "drivers": await waves.drivers(
                    consultation_id=consultation_id, registry=registry, lang=lang
                ),
                "citizens": await waves.citizens_beside(
                    consultation_id=consultation_id, registry=registry, lang=lang
                ),
            }
        return Template(
            "consultations/manage_detail.html",
            context=context,
            status_code=409 if problem else 422 if action_errors else 200,
            media_type=MediaType.HTML,
        )

    @get("/{consultation_id:int}")
    async def detail(
        self,
        request: Request,
        consultation_id: Id,
        registry: NamedDependency[Registry],
        settings: NamedDependency[Settings],
    ) -> Template:
        return await self._detail(request, consultation_id, registry, settings)

    @get("/{consultation_id:int}/close")
    async def confirm_close(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> Template:
        return await self._confirm(request, consultation_id, registry)

    async def _confirm(
        self, request: Request, consultation_id: int, registry: Registry, error: str = ""
    ) -> Template:
        consultation = await services.get_consultation(consultation_id=consultation_id)
        lang = language(request)
        return Template(
            "consultations/manage_close.html",
            context={
                "consultation": consultation,
                "questionnaire_name": _questionnaire_name(
                    registry, consultation.questionnaire, consultation.questionnaire_version, lang
                ),
                "error": error,
            },
            status_code=422 if error else 200,
            media_type=MediaType.HTML,
        )

    @post("/{consultation_id:int}/close", status_code=303)
    async def close(
        self, request: Request, consultation_id: Id, registry: NamedDependency[Registry]
    ) -> Redirect | Template:
        """Close with the guardians' tally key; a missing or wrong key changes nothing."""
        lang = language(request)
        passphrase = str((await request.form()).get("tally_passphrase", ""))
        if not passphrase:
            missing = translate(lang, N_("consultation_form_error_passphrase_missing"))
            return await self._confirm(request, consultation_id, registry, missing)
        try:
            await services.close_consultation(
                consultation_id=consultation_id, tally_passphrase=passphrase, registry=registry
            )
        except Invalid:
            wrong = translate(lang, N_("consultation_form_error_passphrase_wrong"))
            return await self._confirm(request, consultation_id, registry, wrong)
        except Conflict:
            refused = translate(lang, N_("consultation_action_refused"))
            return await self._confirm(request, consultation_id, registry, refused)
        return Redirect(_here(request, f"{PATH}/{consultation_id}", closed=1), status_code=303)

    @post("/{consultation_id:int}/actions", status_code=303)
    async def record_action(
        self,
        request: Request,
        consultation_id: Id,
        registry: NamedDependency[Registry],
        settings: NamedDependency[Settings],
    ) -> Redirect | Template:
        """Record an action after the wave; every problem comes back on the form."""
        lang = language(request)
        form = {key: str(value) for key, value in (await request.form()).items()}
        consultation = await services.get_consultation(consultation_id=consultation_id)
        questionnaire = await questionnaire_for(
            registry, consultation.questionnaire, consultation.questionnaire_version
        )
        scales = {scale.name for scale in questionnaire.scales}
        offices = {code for code, _ in await _offices()}
        try:
            data = manage_forms.action(form, scales, offices, lang)
            await actions.record_action(
                consultation_id=consultation_id, data=data, registry=registry
            )
        except FormProblems as refused:
            return await self._detail(
                request,
                consultation_id,
                registry,
                settings,
                action_errors=refused.problems,
                action_values=form,
            )
        except Invalid as error:
            return await self._detail(
                request,
                consultation_id,
                registry,
                settings,
                action_errors=manage_forms.action_problem(error, lang),
                action_values=form,
            )
        except Conflict:
            problem = translate(lang, N_("consultation_action_refused"))
            return await self._detail(request, consultation_id, registry, settings, problem=problem)
        here = _here(request, f"{PATH}/{consultation_id}", recorded=1)
        return Redirect(f"{here}#actions", status_code=303)

    @post("/{consultation_id:int}/actions/{action_id:int}/state", status_code=303)
    async def action_state(
        self,
        request: Request,
        consultation_id: Id,
        action_id: Id,
        registry: NamedDependency[Registry],
        settings: NamedDependency[Settings],
    ) -> Redirect | Template:
        lang = language(request)
        form = {key: str(value) for key, value in (await request.form()).items()}
        try:
            state = manage_forms.action_state(form, lang)
            await actions.change_state(
                consultation_id=consultation_id,
                action_id=action_id,
                state=state,
                registry=registry,
            )
        except FormProblems as refused:
            return await self._detail(
                request, consultation_id, registry, settings, action_errors=refused.problems
            )
        return Redirect(f"{_here(request, f'{PATH}/{consultation_id}')}#actions", status_code=303)

    @post("/{consultation_id:int}/{action:str}", status_code=303)
    async def act(
        self,
        request: Request,
        consultation_id: Id,
        action: FromPath[str],
        settings: NamedDependency[Settings],
        registry: NamedDependency[Registry],
    ) -> Redirect | Template:
        lang = language(request)
        here = f"{PATH}/{consultation_id}"
        try:
            if action == "open":
                await services.open_consultation(
                    consultation_id=consultation_id, settings=settings, registry=registry
                )
                return Redirect(_here(request, here, opened=1), status_code=303)
            if action == "remind":
                reminded = await services.send_reminders(consultation_id=consultation_id)
                return Redirect(_here(request, here, reminded=reminded), status_code=303)
            raise WrongState(f"unknown action {action!r}")
        except Conflict:
            # A stale page or a second click: say so on the consultation's own page.
            problem = translate(lang, N_("consultation_action_refused"))
            return await self._detail(request, consultation_id, registry, settings, problem=problem)


async def _offices(lang: str = "it") -> list[tuple[str, str]]:
    """Every office as (code, name in `lang`), by name: the owners an action can have."""
    rows = await Office.select(Office.code, Office.name, Office.name_en).run()
    named = [
        (row["code"], row["name_en"] if lang == "en" and row["name_en"] else row["name"])
        for row in rows
    ]
    return sorted(named, key=lambda office: office[1])


def _count(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
