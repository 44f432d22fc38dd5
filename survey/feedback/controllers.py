"""The citizen's feedback page and its JSON twin; the IVR keypad rating; the web link."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

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
from questionnaires import (
    InvalidAnswers,
    Item,
    Questionnaire,
    Registry,
    parse_form,
    visible_items,
)
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


def _page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Template:
    return Template(
        template,
        context=context,
        status_code=status,
        media_type=MediaType.HTML,
    )


def _query(request: Request, **more: object) -> str:
    """The query every citizen link and form carries: the language, how the link was handed
    out, and `more` (the step)."""
    via = request.query_params.get("via")
    params: dict[str, object] = {"lang": language(request)}
    if via in _VIA:
        params["via"] = via
    params.update((key, value) for key, value in more.items() if value is not None)
    return "?" + urlencode(params)


def _language_switch(request: Request, **page: object) -> str:
    """The same page in the other language; `page` names it when a POST answered with it (the
    step shown, or the thanks page)."""
    other = "en" if language(request) == "it" else "it"
    params = {key: value for key, value in request.query_params.items() if key != "lang"}
    params |= {key: str(value) for key, value in page.items() if value is not None}
    return "?" + urlencode(params | {"lang": other})


def _form_page(
    request: Request,
    state: FeedbackState,
    questionnaire: Questionnaire,
    values: dict[str, list[str]],
    errors: dict[str, list[str]] | None = None,
    *,
    step: int | None = None,
    emailed_rating: str | None = None,
) -> Template:
    """The whole questionnaire on one page, or one step of it when it is split into steps."""
    steps = questionnaire.steps()
    show_condition: Callable[[Item, str], str]
    if step is None:
        items = list(questionnaire.items())
        numbers = item_numbers(questionnaire)
        show_condition = functools.partial(condition, questionnaire=questionnaire)
    else:
        # Only what applies to the answers given so far: no "answer only if…" to read and skip.
        answered = parse_form(questionnaire, values)
        items = [item for item in visible_items(questionnaire, answered) if item.step == step]
        numbers = {item.code: n for n, item in enumerate(items, start=1)} if len(items) > 1 else {}
        show_condition = _no_condition
    path = request.url.path
    return _page(
        request,
        "feedback/form.html",
        {
            "state": state,
            "questionnaire": questionnaire,
            "items": items,
            "values": values,
            "errors": errors or {},
            "numbers": numbers,
            "condition": show_condition,
            "action": path + _query(request),
            "step": step,
            "steps": len(steps),
            "last_step": step is None or step == steps[-1],
            "back": path + _query(request, step=step - 1) if step and step > 1 else None,
            "emailed_rating": emailed_rating,
            "language_switch": _language_switch(request, step=step),
            "editable_until": clock.local_date(state.editable_until)
            if state.editable_until
            else "",
        },
        status=422 if errors else 200,
    )


def _no_condition(item: Item, lang: str) -> str:
    return ""


def _thanks_page(request: Request, saved: FeedbackState) -> Template:
    satisfaction = (saved.answers or {}).get("satisfaction")
    return _page(
        request,
        "feedback/thanks.html",
        {
            "state": saved,
            "low_rating": isinstance(satisfaction, int) and satisfaction <= 3,
            "edit_link": request.url.path + _query(request, step=1),
            "status_link": f"/cases/{saved.case_code}/status" + _query(request),
            "language_switch": _language_switch(request, done=1),
            "editable_until": clock.local_date(saved.editable_until)
            if saved.editable_until
            else "",
        },
    )


def _questionnaire(state: FeedbackState, registry: Registry) -> Questionnaire:
    if state.questionnaire_version:
        return registry.get(state.questionnaire, state.questionnaire_version)
    return registry.latest(state.questionnaire)


def _asked_step(request: Request, questionnaire: Questionnaire, answered: bool) -> int | None:
    """The step a link asks for, within the questionnaire's; None when it has no steps."""
    steps = questionnaire.steps()
    if not steps:
        return None
    try:
        asked = int(request.query_params.get("step", steps[0]))
    except ValueError:
        asked = steps[0]
    # Nothing past the first step makes sense before the rating is given.
    return min(max(asked, steps[0]), steps[-1]) if answered else steps[0]


def _emailed_rating(request: Request) -> str | None:
    """A rating chosen in the invitation email (`?satisfaction=4`), still to be confirmed."""
    value = request.query_params.get("satisfaction", "")
    return value if value in {"1", "2", "3", "4", "5"} else None


def _next_step(questionnaire: Questionnaire, answers: dict[str, object], step: int) -> int | None:
    """The next step with something to ask, given the answers so far; None after the last."""
    shown = {item.step for item in visible_items(questionnaire, answers)}
    return next((n for n in questionnaire.steps() if n > step and n in shown), None)


def _unavailable(request: Request) -> Template:
    return _page(request, "feedback/unavailable.html", {}, status=404)


# The token-opened routes read the settings and the questionnaires from the app's `state`:
# two injected dependencies make Litestar start a task group for every request, a tenth of the
# cost of this hot path (`bench/feedback_bench.py`).


class FeedbackPage(Controller):
    """`/f/{token}`: a plain, accessible form that works without JavaScript, one step at a time
    when the questionnaire is split into steps."""

    path = "/f"
    include_in_schema = False
    # Unknown, expired, used or past the edit window: one plain page that reveals nothing.
    exception_handlers = {
        FeedbackUnavailable: lambda request, error: _unavailable(request),
        EditWindowClosed: lambda request, error: _unavailable(request),
    }

    @get("/{token:str}")
    async def show(
        self,
        request: Request,
        token: FromPath[str],
        state: State,
    ) -> Template:
        page = await services.feedback_state(token=token, settings=state.settings)
        if page.answers and request.query_params.get("done"):
            return _thanks_page(request, page)  # the thanks page again, in the other language
        questionnaire = _questionnaire(page, state.questionnaires)
        values = form_values(page.answers)
        # A rating link from the email only fills the choice in: mail scanners follow links,
        # so nothing is recorded until the citizen presses the button.
        rating = _emailed_rating(request)
        if rating:
            values["satisfaction"] = [rating]
        step = _asked_step(request, questionnaire, bool(page.answers) and not rating)
        return _form_page(request, page, questionnaire, values, step=step, emailed_rating=rating)

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
        step = _sent_step(form.get("_step"), questionnaire)
        if step is not None:
            return await self._save_step(request, token, state, page, questionnaire, values, step)
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
        return _thanks_page(request, saved)

    async def _save_step(
        self,
        request: Request,
        token: str,
        state: State,
        page: FeedbackState,
        questionnaire: Questionnaire,
        values: dict[str, list[str]],
        step: int,
    ) -> Template:
        try:
            saved = await services.submit_step(
                token=token,
                step=step,
                answers=parse_form(questionnaire, values),
                channel=_channel(request, page.emailed),
                settings=state.settings,
                registry=state.questionnaires,
            )
        except InvalidAnswers as error:
            shown = form_values(page.answers) | values
            messages = error_messages(error, language(request))
            return _form_page(request, page, questionnaire, shown, messages, step=step)
        answers = saved.answers or {}
        following = _next_step(questionnaire, answers, step)
        if following is None:
            return _thanks_page(request, saved)
        return _form_page(request, saved, questionnaire, form_values(answers), step=following)


def _sent_step(raw: object, questionnaire: Questionnaire) -> int | None:
    """The step a form says it holds; None for a whole-questionnaire form."""
    if not isinstance(raw, str) or not raw.isdigit():
        return None
    step = int(raw)
    return step if step in questionnaire.steps() else None


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
