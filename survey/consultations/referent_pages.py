"""`/c/{token}`: the referent's questionnaire, section by section, saved as they go."""

from __future__ import annotations

import functools
from typing import Any

from litestar import Controller, MediaType, Request, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from questionnaires import InvalidAnswers, Registry, parse_form
from survey.consultations import answering
from survey.consultations.answering import ReferentView
from survey.consultations.errors import LinkUnavailable
from survey.consultations.sealing import seal_draft
from survey.web.forms import condition, error_messages, form_values, item_numbers
from survey.web.i18n import N_, language, translate

# The draft lives only in the referent's browser, sealed under their link (sealing.seal_draft),
# in a cookie scoped to the link's own path.
DRAFT_COOKIE = "draft"


def _draft_cookie(request: Request, token: str, answers: dict[str, object] | None) -> Cookie:
    return Cookie(
        key=DRAFT_COOKIE,
        value=seal_draft(token, answers) if answers is not None else "",
        path=request.url.path,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=None if answers is not None else 0,
    )


def _message(request: Request, heading: str, text: str, status: int = 200) -> Template:
    lang = language(request)
    return Template(
        "consultations/message.html",
        context={"heading": translate(lang, heading), "text": translate(lang, text)},
        status_code=status,
        media_type=MediaType.HTML,
    )


def _section_index(request: Request, view: ReferentView) -> int:
    try:
        index = int(request.query_params.get("section", "0"))
    except ValueError:
        index = 0
    return min(max(index, 0), len(view.questionnaire.sections) - 1)


def _page(
    request: Request,
    view: ReferentView,
    index: int,
    values: dict[str, list[str]],
    errors: dict[str, list[str]] | None = None,
    saved: bool = False,
) -> Template:
    section = view.questionnaire.sections[index]
    context: dict[str, Any] = {
        "view": view,
        "index": index,
        "section": section,
        "section_codes": {item.code for item in section.items},
        "values": values,
        "errors": errors or {},
        "saved": saved,
        "numbers": item_numbers(view.questionnaire),
        "condition": functools.partial(condition, questionnaire=view.questionnaire),
    }
    return Template(
        "consultations/section.html",
        context=context,
        status_code=422 if errors else 200,
        media_type=MediaType.HTML,
    )


def _closed(request: Request, view: ReferentView) -> Template | None:
    if view.submitted:
        return _message(request, N_("consultation_thanks_title"), N_("consultation_thanks_text"))
    if view.state != "open":
        return _message(
            request, N_("consultation_closed_title"), N_("consultation_closed_text"), 409
        )
    return None


class ReferentPage(Controller):
    path = "/c"
    include_in_schema = False

    @get("/{token:str}")
    async def show(
        self, request: Request, token: FromPath[str], registry: NamedDependency[Registry]
    ) -> Template:
        try:
            view = await answering.referent_view(
                token=token, registry=registry, draft=request.cookies.get(DRAFT_COOKIE)
            )
        except LinkUnavailable:
            return _message(request, N_("link_unavailable_title"), N_("link_unavailable_text"), 404)
        return _closed(request, view) or _page(
            request, view, _section_index(request, view), form_values(view.answers)
        )

    @post("/{token:str}", status_code=200)
    async def save(
        self, request: Request, token: FromPath[str], registry: NamedDependency[Registry]
    ) -> Template | Redirect:
        try:
            view = await answering.referent_view(
                token=token, registry=registry, draft=request.cookies.get(DRAFT_COOKIE)
            )
        except LinkUnavailable:
            return _message(request, N_("link_unavailable_title"), N_("link_unavailable_text"), 404)
        if closed := _closed(request, view):
            return closed
        index = _section_index(request, view)
        form = await request.form()
        section = view.questionnaire.sections[index]
        # Every item of the section is in the form: one left blank clears its earlier answer.
        fields = {item.code: form.getall(item.code) for item in section.items}
        answers = parse_form(view.questionnaire, {k: v for k, v in fields.items() if v})
        cleared = {item.code: None for item in section.items if item.code not in answers}
        action = form.get("_action", "save")
        try:
            if action == "submit":
                await answering.submit(
                    token=token, answers=answers | cleared, registry=registry, draft=view.answers
                )
                return Redirect(
                    request.url.path, status_code=303, cookies=[_draft_cookie(request, token, None)]
                )
            saved = await answering.save_draft(
                token=token, answers=answers | cleared, registry=registry, draft=view.answers
            )
        except InvalidAnswers as error:
            draft = form_values(view.answers) | {k: v for k, v in fields.items() if v}
            messages = error_messages(error, language(request))
            return _page(request, view, index, draft, messages)
        cookie = _draft_cookie(request, token, saved)
        if action == "next":
            return Redirect(
                f"{request.url.path}?section={index + 1}", status_code=303, cookies=[cookie]
            )
        page = _page(request, view, index, form_values(saved), saved=True)
        page.cookies.append(cookie)
        return page
