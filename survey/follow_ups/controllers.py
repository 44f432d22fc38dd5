"""Follow-ups: management's API and pages (login), and the owner office's signed-link page."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import msgspec
from litestar import Controller, MediaType, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.response import Redirect, Template

from case_bridge.storage.error_answers import error_answers
from case_bridge.storage.errors import Invalid
from questionnaires import Registry
from survey.accounts.guards import CurrentUser, manager_guard
from survey.accounts.services import list_users
from survey.follow_ups import schemas, services, work
from survey.follow_ups.states import Action, Outcome
from survey.settings import Settings
from survey.web.forms import answers_in_words
from survey.web.i18n import language
from survey.web.parameters import Id

State = Annotated[
    Literal["open", "in_progress", "closed"] | None,
    QueryParameter(name="state", description="Only follow-ups in this state"),
]
Office = Annotated[
    str | None, QueryParameter(description="Only this office's (code; front_office: none)")
]
OlderThan = Annotated[
    int | None,
    # gt=-1, not ge=0: Litestar leaves a minimum of 0 out of an optional parameter's schema.
    QueryParameter(gt=-1, le=36_500, description="Only those opened at least this many days ago"),
]
Reason = Annotated[
    schemas.ReasonKind | None, QueryParameter(description="Only follow-ups opened for this reason")
]
Sort = Annotated[schemas.Sort, QueryParameter(description="Order: opened, -opened, office, state")]
# Bounded so that an absurd page or age is a 400, not an overflow in the database driver.
Page = Annotated[
    int, QueryParameter(ge=1, le=1_000_000, description="Page number, 50 follow-ups a page")
]
Token = FromPath[str]
Configured = NamedDependency[Settings]
Questionnaires = NamedDependency[Registry]

_ERRORS = error_answers(401, 403, 404, 409, 422)


def _blank_is_none(value: str | None) -> str | None:
    # The page's filter form sends "" for "all": empty means no filter.
    return value or None


class FollowUpsApi(Controller):
    """Every follow-up for managers and administrators: list, one, assign, take, close."""

    path = "/api/manage/follow-ups"
    guards = [manager_guard]
    tags = ["follow-ups"]

    @get("/", responses=error_answers(401))
    async def index(
        self,
        settings: Configured,
        in_state: State = None,
        office: Office = None,
        older_than_days: OlderThan = None,
        reason: Reason = None,
        sort: Sort = "-opened",
        page: Page = 1,
    ) -> schemas.FollowUpPage:
        """Follow-ups that pass the filters, 50 a page, each with its due time and overdue flag."""
        return await services.follow_up_page(
            due_days=settings.follow_up_due_days,
            state=in_state,
            office=office,
            older_than_days=older_than_days,
            reason=reason,
            sort=sort,
            page=page,
        )

    @get("/figures", responses=error_answers(401))
    async def figures(self, settings: Configured) -> dict[str, Any]:
        """Open, overdue, median days to close, outcome shares: overall, by office and month."""
        found = await services.load_follow_up_figures(due_days=settings.follow_up_due_days)
        return msgspec.to_builtins(found)

    @get("/{follow_up_id:int}", responses=_ERRORS)
    async def detail(self, follow_up_id: Id, settings: Configured) -> schemas.FollowUpDetail:
        """One follow-up with its case, the citizen's answers and comment, and its history."""
        return await services.follow_up_detail(
            follow_up_id=follow_up_id, due_days=settings.follow_up_due_days
        )

    @post("/{follow_up_id:int}/assign", status_code=200, responses=_ERRORS)
    async def assign(
        self, follow_up_id: Id, data: JSONBody[schemas.Assign], current_user: CurrentUser
    ) -> schemas.StateAnswer:
        """Name the manager who answers for it (an active user)."""
        state = await work.act(
            follow_up_id=follow_up_id,
            action=Action.ASSIGN,
            actor=current_user.name,
            manager=data.manager,
        )
        return schemas.StateAnswer(state=state)

    @post("/{follow_up_id:int}/take-in-charge", status_code=200, responses=_ERRORS)
    async def take_in_charge(
        self, follow_up_id: Id, data: JSONBody[schemas.TakeInCharge], current_user: CurrentUser
    ) -> schemas.StateAnswer:
        """Open → in progress: someone is calling the citizen back."""
        state = await work.act(
            follow_up_id=follow_up_id,
            action=Action.TAKE_IN_CHARGE,
            actor=current_user.name,
            note=data.note,
        )
        return schemas.StateAnswer(state=state)

    @post("/{follow_up_id:int}/close", status_code=200, responses=_ERRORS)
    async def close(
        self,
        follow_up_id: Id,
        data: JSONBody[schemas.Close],
        current_user: CurrentUser,
        settings: Configured,
    ) -> schemas.StateAnswer:
        """Close with what came of it and a note; `re_ask` emails the citizen a second
        invitation (409 when there is no address to write to, or it was already sent)."""
        state = await work.act(
            follow_up_id=follow_up_id,
            action=Action.CLOSE,
            actor=current_user.name,
            outcome=Outcome(data.outcome),
            note=data.note,
            re_ask=data.re_ask,
            settings=settings,
        )
        return schemas.StateAnswer(state=state)


class _FormAction(msgspec.Struct):
    outcome: Outcome | None
    note: str
    re_ask: bool


async def _form_action(request: Request) -> _FormAction:
    form = await request.form()
    note = str(form.get("note", "")).strip()[:2000]
    raw = str(form.get("outcome", ""))
    try:
        outcome = msgspec.convert({"outcome": raw}, schemas.Close).outcome if raw else None
    except msgspec.ValidationError:
        raise Invalid("outcome", f"not an outcome: {raw!r}") from None
    # A checkbox: sent ("1") when ticked, absent when not.
    re_ask = bool(form.get("re_ask"))
    return _FormAction(Outcome(outcome) if outcome else None, note, re_ask)


def _page_query(request: Request):
    def query(page: int) -> str:
        values = {k: v for k, v in request.query_params.items() if k != "page" and v}
        return urlencode(values | {"page": page})

    return query


class FollowUpPages(Controller):
    """The same for people: a filtered, sortable list with the figures, and each follow-up."""

    path = "/manage/follow-ups"
    guards = [manager_guard]
    include_in_schema = False

    @get("/")
    async def index(self, request: Request, settings: Configured) -> Template:
        params = request.query_params
        query: dict[str, Any] = {
            "state": _blank_is_none(params.get("state")),
            "office": _blank_is_none(params.get("office")),
            "older_than_days": _whole(params.get("older_than_days"), "older_than_days"),
            "reason": _blank_is_none(params.get("reason")),
            "sort": params.get("sort") or "-opened",
            "page": _whole(params.get("page"), "page") or 1,
        }
        _check_choices(query)
        found = await services.follow_up_page(due_days=settings.follow_up_due_days, **query)
        figures = await services.load_follow_up_figures(due_days=settings.follow_up_due_days)
        offices = await services.office_choices(language(request))
        return Template(
            "follow_ups/list.html",
            context={
                "found": found,
                "query": query,
                "offices": offices,
                "office_names": dict(offices),
                "figures": figures,
                "re_asks": await services.load_re_ask_figures(),
                "page_query": _page_query(request),
                "reason_parts": services.reason_parts,
            },
            media_type=MediaType.HTML,
        )

    @get("/{follow_up_id:int}")
    async def detail(
        self, request: Request, follow_up_id: Id, settings: Configured, registry: Questionnaires
    ) -> Template:
        found = await services.follow_up_detail(
            follow_up_id=follow_up_id, due_days=settings.follow_up_due_days
        )
        managers = [user.name for user in await list_users() if user.active]
        return _detail_page(
            request, found, registry, base=f"{self.path}/{follow_up_id}", managers=managers
        )

    @post("/{follow_up_id:int}/{action:str}", status_code=303)
    async def act(
        self,
        request: Request,
        follow_up_id: Id,
        action: FromPath[str],
        current_user: CurrentUser,
        settings: Configured,
    ) -> Redirect:
        chosen = _PAGE_ACTIONS.get(action)
        if chosen is None:
            raise Invalid("action", f"not an action: {action!r}")
        sent = await _form_action(request)
        manager = str((await request.form()).get("manager", "")) or None
        await work.act(
            follow_up_id=follow_up_id,
            action=chosen,
            actor=current_user.name,
            outcome=sent.outcome,
            note=sent.note,
            manager=manager,
            re_ask=sent.re_ask,
            settings=settings,
        )
        return Redirect(f"{self.path}/{follow_up_id}", status_code=303)


_PAGE_ACTIONS = {
    "assign": Action.ASSIGN,
    "take-in-charge": Action.TAKE_IN_CHARGE,
    "close": Action.CLOSE,
}


def _detail_page(
    request: Request,
    found: schemas.FollowUpDetail,
    registry: Registry,
    *,
    base: str,
    managers: list[str] | None = None,
) -> Template:
    """One follow-up for a manager (`managers` given) or its office's link: the citizen's
    answers in words, in the page's language."""
    lang = language(request)
    answered: list[tuple[str, str]] = []
    asked_again: list[tuple[str, str]] = []
    if found.questionnaire and found.questionnaire_version:
        questionnaire = registry.get(found.questionnaire, found.questionnaire_version)
        answered = answers_in_words(questionnaire, found.answers, lang)
    again = found.re_ask
    if again and again.answers and again.questionnaire and again.questionnaire_version:
        questionnaire = registry.get(again.questionnaire, again.questionnaire_version)
        asked_again = answers_in_words(questionnaire, again.answers, lang)
    return Template(
        "follow_ups/detail.html",
        context={
            "detail": found,
            "managing": managers is not None,
            "managers": managers or [],
            "reason_parts": services.reason_parts,
            "base": base,
            "answered": answered,
            "asked_again": asked_again,
        },
        media_type=MediaType.HTML,
    )


def _whole(raw: str | None, field: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 6:
        raise Invalid(field, f"must be a whole number, got {raw!r}")
    return int(raw)


def _check_choices(query: dict) -> None:
    allowed: dict[str, set[str | None]] = {
        "state": {"open", "in_progress", "closed", None},
        "reason": {"low_rating", "not_resolved", None},
        "sort": {"opened", "-opened", "office", "state"},
    }
    for field, values in allowed.items():
        if query[field] not in values:
            raise Invalid(field, f"not a choice: {query[field]!r}")


class OfficeLinkPage(Controller):
    """`/s/{token}`: the owner office's page, opened from the notification email, no login.

    The token opens one follow-up only, so an office's link can never act on another's."""

    path = "/s"
    include_in_schema = False

    @get("/{token:str}")
    async def show(
        self, request: Request, token: Token, settings: Configured, registry: Questionnaires
    ) -> Template:
        follow_up_id, _ = await work.follow_up_of_link_now(token)
        found = await services.follow_up_detail(
            follow_up_id=follow_up_id, due_days=settings.follow_up_due_days
        )
        return _detail_page(request, found, registry, base=f"/s/{token}")

    @post("/{token:str}/{action:str}", status_code=303)
    async def act(
        self, request: Request, token: Token, action: FromPath[str], settings: Configured
    ) -> Redirect:
        chosen = _PAGE_ACTIONS.get(action)
        if chosen is None or chosen == Action.ASSIGN:
            raise Invalid("action", f"not an action: {action!r}")
        sent = await _form_action(request)
        await work.act_by_link(
            token=token,
            action=chosen,
            outcome=sent.outcome,
            note=sent.note,
            re_ask=sent.re_ask,
            settings=settings,
        )
        return Redirect(f"/s/{token}", status_code=303)


ROUTES = [FollowUpsApi, FollowUpPages]
LINK_ROUTES = [OfficeLinkPage]
