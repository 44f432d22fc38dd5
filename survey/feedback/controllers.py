"""The citizen's feedback page and its JSON twin; the IVR keypad rating; the web link."""

from __future__ import annotations

import functools
from typing import Any

import msgspec
from litestar import Controller, MediaType, Request, get, post, put
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.response import Template
from litestar.types import ControllerRouterHandler

from case_bridge.auth import bridge_key_guard
from case_bridge.storage import clock
from case_bridge.storage.error_answers import error_answers
from questionnaires import InvalidAnswers, Questionnaire, Registry, parse_form, visible_items
from survey.feedback import services
from survey.feedback.errors import EditWindowClosed, FeedbackUnavailable
from survey.feedback.schemas import (
    CollectionChannel,
    FeedbackIn,
    FeedbackLink,
    FeedbackOut,
    FeedbackSaved,
    FeedbackState,
    IvrRating,
    IvrStored,
)
from survey.settings import Settings
from survey.web.forms import (
    condition,
    error_messages,
    form_values,
    item_numbers,
)
from survey.web.i18n import language

_VIA = {"web_link": CollectionChannel.WEB_LINK, "operator": CollectionChannel.OPERATOR}


def _channel(request: Request, emailed: bool) -> CollectionChannel:
    """The link says how it was handed out: `?via=` web link or operator, else the email."""
    via = request.query_params.get("via")
    if via in _VIA:
        return _VIA[via]
    return CollectionChannel.EMAIL_LINK if emailed else CollectionChannel.WEB_LINK


def _page(template: str, context: dict[str, Any], status: int = 200) -> Template:
    return Template(template, context=context, status_code=status, media_type=MediaType.HTML)


def _form_page(
    request: Request,
    state: FeedbackState,
    questionnaire: Questionnaire,
    values: dict[str, list[str]],
    errors: dict[str, list[str]] | None = None,
) -> Template:
    via = request.query_params.get("via")
    return _page(
        "feedback/form.html",
        {
            "state": state,
            "questionnaire": questionnaire,
            "values": values,
            "errors": errors or {},
            "numbers": item_numbers(questionnaire),
            "condition": functools.partial(condition, questionnaire=questionnaire),
            "action": request.url.path + (f"?via={via}" if via in _VIA else ""),
            "via": via if via in _VIA else None,
            "editable_until": clock.local_date(state.editable_until)
            if state.editable_until
            else "",
        },
        status=422 if errors else 200,
    )


def _questionnaire(state: FeedbackState, registry: Registry) -> Questionnaire:
    if state.questionnaire_version:
        return registry.get(state.questionnaire, state.questionnaire_version)
    return registry.latest(state.questionnaire)


def _unavailable() -> Template:
    return _page("feedback/unavailable.html", {}, status=404)


# The token-opened routes read the settings and the questionnaires from the app's `state`:
# two injected dependencies make Litestar start a task group for every request, a tenth of the
# cost of this hot path (`bench/feedback_bench.py`).


class FeedbackPage(Controller):
    """`/f/{token}`: a plain, accessible form that works without JavaScript."""

    path = "/f"
    include_in_schema = False
    # Unknown, expired, used or past the edit window: one plain page that reveals nothing.
    exception_handlers = {
        FeedbackUnavailable: lambda request, error: _unavailable(),
        EditWindowClosed: lambda request, error: _unavailable(),
    }

    @get("/{token:str}")
    async def show(
        self,
        request: Request,
        token: FromPath[str],
        state: State,
    ) -> Template:
        page = await services.feedback_state(token=token, settings=state.settings)
        questionnaire = _questionnaire(page, state.questionnaires)
        return _form_page(request, page, questionnaire, form_values(page.answers))

    @post("/{token:str}", status_code=200)
    async def send(
        self,
        request: Request,
        token: FromPath[str],
        state: State,
    ) -> Template:
        page = await services.feedback_state(token=token, settings=state.settings)
        questionnaire = _questionnaire(page, state.questionnaires)
        form = await request.form()
        values = {key: form.getall(key) for key in form if not key.startswith("_")}
        answers = parse_form(questionnaire, values)
        # Without JavaScript every conditional question is on the page: answers to the ones the
        # citizen's own answers leave out are dropped here, not reported as mistakes.
        shown = {item.code for item in visible_items(questionnaire, answers)}
        answers = {code: value for code, value in answers.items() if code in shown}
        try:
            saved = await services.submit_feedback(
                token=token,
                answers=answers,
                channel=_channel(request, page.emailed),
                settings=state.settings,
                registry=state.questionnaires,
            )
        except InvalidAnswers as error:
            return _form_page(
                request, page, questionnaire, values, error_messages(error, language(request))
            )
        return _page(
            "feedback/thanks.html",
            {
                "action": request.url.path,
                "editable_until": clock.local_date(saved.editable_until)
                if saved.editable_until
                else "",
            },
        )


def _feedback_out(state: FeedbackState, questionnaire: Questionnaire) -> FeedbackOut:
    return FeedbackOut(
        case_code=state.case_code,
        request_type=state.request_type,
        closed_on=state.closed_on,
        questionnaire=msgspec.to_builtins(questionnaire),
        answers=state.answers,
        editable_until=state.editable_until.isoformat() if state.editable_until else None,
    )


class FeedbackApi(Controller):
    """The same as JSON: the token in the path is the credential."""

    path = "/api/feedback"
    tags = ["citizen feedback"]

    @get("/{token:str}", responses=error_answers(404, 429))
    async def read(
        self,
        token: FromPath[str],
        state: State,
    ) -> FeedbackOut:
        """The case, the questionnaire and the current answer behind a feedback link."""
        page = await services.feedback_state(token=token, settings=state.settings)
        return _feedback_out(page, _questionnaire(page, state.questionnaires))

    @put("/{token:str}", responses=error_answers(404, 409, 422, 429))
    async def write(
        self,
        token: FromPath[str],
        data: JSONBody[FeedbackIn],
        state: State,
    ) -> FeedbackSaved:
        """Send or change the answer; errors come back per item (422)."""
        saved = await services.submit_feedback(
            token=token,
            answers=data.answers,
            channel=CollectionChannel(data.via) if data.via else None,
            settings=state.settings,
            registry=state.questionnaires,
        )
        assert saved.answers is not None and saved.editable_until is not None
        return FeedbackSaved(
            case_code=saved.case_code,
            questionnaire=saved.questionnaire,
            questionnaire_version=saved.questionnaire_version,
            answers=saved.answers,
            editable_until=saved.editable_until.isoformat(),
        )


@post(
    "/api/ivr/feedback",
    guards=[bridge_key_guard],
    status_code=201,
    tags=["citizen feedback"],
    responses=error_answers(401, 404, 409),
)
async def ivr_feedback(data: JSONBody[IvrRating], registry: NamedDependency[Registry]) -> IvrStored:
    """A post-call keypad rating: satisfaction 1–5, resolved 1 = yes / 2 = no."""
    await services.submit_ivr(
        case_code=data.case_code,
        satisfaction=data.satisfaction,
        resolved=data.resolved,
        registry=registry,
    )
    return IvrStored(case_code=data.case_code)


@get(
    "/api/feedback-links/{code:str}",
    guards=[bridge_key_guard],
    tags=["citizen feedback"],
    responses=error_answers(401, 404),
)
async def web_link(code: FromPath[str], settings: NamedDependency[Settings]) -> FeedbackLink:
    """The feedback link of a closed case, for the main platform to show at closing."""
    return await services.web_link(case_code=code, settings=settings)


# Opened by a citizen's token: the app puts these behind a per-client rate limit.
CITIZEN_ROUTES: list[ControllerRouterHandler] = [FeedbackPage, FeedbackApi]
ROUTES: list[ControllerRouterHandler] = [ivr_feedback, web_link]
