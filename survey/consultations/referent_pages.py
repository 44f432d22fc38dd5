"""`/c/{token}`: the referent's questionnaire, section by section, the draft kept in their
browser (`referent_drafts`)."""

from __future__ import annotations

import functools
from typing import Any

from litestar import Controller, MediaType, Request, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from questionnaires import InvalidAnswers, Registry, parse_form, visible_items
from survey.accounts.sessions import secure_cookies
from survey.consultations import answering, referent_drafts
from survey.consultations.answering import ReferentView
from survey.consultations.errors import LinkUnavailable
from survey.consultations.referent_drafts import DraftTooLong
from survey.settings import Settings
from survey.web.forms import condition, error_messages, form_values, item_numbers
from survey.web.i18n import N_, language, translate


def _message(
    request: Request,
    settings: Settings,
    heading: str,
    text: str,
    status: int = 200,
    *,
    contact: bool = True,
    cookies: list[Cookie] | None = None,
) -> Template:
    lang = language(request)
    # Whom a referent asks for a new link is someone inside the department, never the
    # citizens' toll-free number.
    who = settings.referent_contact or translate(lang, "referent_contact_default")
    return Template(
        "consultations/message.html",
        context={
            "heading": translate(lang, heading),
            "text": translate(lang, text),
            "contact": translate(lang, "referent_contact", contact=who) if contact else "",
        },
        status_code=status,
        media_type=MediaType.HTML,
        cookies=cookies or [],
    )


def _unavailable(request: Request, settings: Settings) -> Template:
    return _message(
        request, settings, N_("consultation_link_unavailable_title"),
        N_("consultation_link_unavailable_text"), 404,
    )  # fmt: skip


def _requested_section(request: Request, view: ReferentView) -> int | None:
    try:
        index = int(request.query_params["section"])
    except (KeyError, ValueError):
        return None
    return min(max(index, 0), len(view.questionnaire.sections) - 1)


def _link(request: Request, index: int) -> str:
    """The page of a section, in the language the referent is reading."""
    return f"{request.url.path}?section={index}&lang={language(request)}"


def _page(
    request: Request,
    view: ReferentView,
    index: int,
    answers: dict[str, object],
    visited: set[int],
    *,
    values: dict[str, list[str]] | None = None,
    errors: dict[str, list[str]] | None = None,
    saved: bool = False,
    cookies: list[Cookie] | None = None,
) -> Template:
    questionnaire = view.questionnaire
    section = questionnaire.sections[index]
    shown = {item.code for item in visible_items(questionnaire, answers)}
    context: dict[str, Any] = {
        "view": view,
        "index": index,
        "section": section,
        "section_codes": {item.code for item in section.items},
        "section_of": {
            item.code: number
            for number, other in enumerate(questionnaire.sections)
            for item in other.items
        },
        "finished": [
            referent_drafts.finished(questionnaire, number, answers, visited, shown)
            for number in range(len(questionnaire.sections))
        ],
        "values": form_values(answers) if values is None else values,
        "errors": errors or {},
        "saved": saved,
        "numbers": item_numbers(questionnaire),
        "condition": functools.partial(condition, questionnaire=questionnaire),
    }
    return Template(
        "consultations/section.html",
        context=context,
        status_code=422 if errors else 200,
        media_type=MediaType.HTML,
        cookies=cookies or [],
    )


def _same_site_again(request: Request) -> Template:
    query = f"?{request.url.query}" if request.url.query else ""
    return Template(
        "consultations/same_site.html",
        context={"url": f"{request.url.path}{query}"},
        media_type=MediaType.HTML,
    )


def _closed(
    request: Request, settings: Settings, view: ReferentView, token: str
) -> Template | None:
    """The page of a link that takes no more answers; the browser is told to drop the draft."""
    forget = referent_drafts.forget(token, view.questionnaire, secure=secure_cookies(settings))
    if view.submitted:
        return _message(
            request, settings, N_("consultation_thanks_title"), N_("consultation_thanks_text"),
            contact=False, cookies=forget,
        )  # fmt: skip
    if view.state != "open":
        return _message(
            request, settings, N_("consultation_closed_title"), N_("consultation_closed_text"),
            409, cookies=forget,
        )  # fmt: skip
    return None


class ReferentPage(Controller):
    path = "/c"
    include_in_schema = False

    @get("/{token:str}")
    async def show(
        self,
        request: Request,
        token: FromPath[str],
        registry: NamedDependency[Registry],
        settings: NamedDependency[Settings],
    ) -> Template:
        try:
            view = await answering.referent_view(token=token, registry=registry)
        except LinkUnavailable:
            return _unavailable(request, settings)
        if closed := _closed(request, settings, view, token):
            return closed
        if request.headers.get("sec-fetch-site") == "cross-site":
            # Arriving from a webmail's link, the browser withholds the draft's SameSite=Strict
            # cookies; a navigation started by this page itself is same-site and carries them.
            return _same_site_again(request)
        answers, visited = referent_drafts.read(token, view.questionnaire, request.cookies)
        index = _requested_section(request, view)
        if index is None:
            index = referent_drafts.first_unfinished(view.questionnaire, answers, visited)
        return _page(request, view, index, answers, visited)

    @post("/{token:str}", status_code=200)
    async def save(
        self,
        request: Request,
        token: FromPath[str],
        registry: NamedDependency[Registry],
        settings: NamedDependency[Settings],
    ) -> Template | Redirect:
        try:
            view = await answering.referent_view(token=token, registry=registry)
        except LinkUnavailable:
            return _unavailable(request, settings)
        if closed := _closed(request, settings, view, token):
            return closed
        questionnaire = view.questionnaire
        index = _requested_section(request, view) or 0
        section = questionnaire.sections[index]
        draft, visited = referent_drafts.read(token, questionnaire, request.cookies)
        form = await request.form()
        # Every item of the section is read, answered or not: a browser sends nothing for a
        # radio group left blank, and a blank clears the earlier answer.
        fields = {item.code: form.getall(item.code, []) for item in section.items}
        codes = set(fields)
        answers = {k: v for k, v in draft.items() if k not in codes} | parse_form(
            questionnaire, fields
        )
        action = form.get("_action", "save")
        try:
            if action == "submit":
                await answering.submit(token=token, answers=answers, registry=registry)
                return Redirect(
                    _link(request, index),
                    status_code=303,
                    cookies=referent_drafts.forget(
                        token, questionnaire, secure=secure_cookies(settings)
                    ),
                )
            clean = await answering.check_draft(token=token, answers=answers, registry=registry)
            cookie = referent_drafts.section_cookie(
                token=token,
                index=index,
                answers={k: v for k, v in clean.items() if k in codes},
                closes_on=view.closes_on,
                secure=secure_cookies(settings),
            )
        except InvalidAnswers as error:
            values = form_values(draft) | {k: v for k, v in fields.items() if v}
            messages = error_messages(error, language(request))
            return _page(request, view, index, answers, visited, values=values, errors=messages)
        except DraftTooLong:
            values = form_values(draft) | {k: v for k, v in fields.items() if v}
            messages = {"draft": [translate(language(request), "draft_too_long")]}
            return _page(request, view, index, answers, visited, values=values, errors=messages)
        visited = visited | {index}
        if action == "next":
            return Redirect(
                _link(request, min(index + 1, len(questionnaire.sections) - 1)),
                status_code=303,
                cookies=[cookie],
            )
        return _page(request, view, index, clean, visited, saved=True, cookies=[cookie])
