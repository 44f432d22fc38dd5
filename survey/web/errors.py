"""The one map from domain exceptions to HTTP answers: JSON for the API, a page for people."""

from __future__ import annotations

import math
from datetime import datetime

from asyncpg.exceptions import CharacterNotInRepertoireError
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.response import Template
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_401_UNAUTHORIZED,
    HTTP_403_FORBIDDEN,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_429_TOO_MANY_REQUESTS,
    HTTP_500_INTERNAL_SERVER_ERROR,
)

from case_bridge.storage import clock
from case_bridge.storage.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    Malformed,
    NotAuthenticated,
    NotFound,
)
from case_bridge.storage.validation import checked_field
from questionnaires import InvalidAnswers
from survey.accounts.errors import AccountLocked, LoginRequired
from survey.accounts.guards import login_redirect
from survey.web.i18n import N_, language, translate

STATUS_OF: list[tuple[type[DomainError], int]] = [
    (Malformed, HTTP_400_BAD_REQUEST),
    (NotFound, HTTP_404_NOT_FOUND),
    (Conflict, HTTP_409_CONFLICT),
    (Invalid, HTTP_422_UNPROCESSABLE_ENTITY),
    (NotAuthenticated, HTTP_401_UNAUTHORIZED),
    (Forbidden, HTTP_403_FORBIDDEN),
    # Too many login attempts are too many requests (RFC 6585), told when to try again, and
    # answered alike whether or not the name is an account's (423 would speak of a resource).
    (AccountLocked, HTTP_429_TOO_MANY_REQUESTS),
]

# What each error page says, and what to do about it (a status not listed speaks as a 500).
PAGE_TEXTS = {
    400: (N_("error_400_title"), N_("error_400_what_to_do")),
    401: (N_("error_401_title"), N_("error_401_what_to_do")),
    403: (N_("error_403_title"), N_("error_403_what_to_do")),
    404: (N_("error_404_title"), N_("error_404_what_to_do")),
    409: (N_("error_409_title"), N_("error_409_what_to_do")),
    422: (N_("error_422_title"), N_("error_422_what_to_do")),
    429: (N_("error_429_title"), N_("error_429_what_to_do")),
    500: (N_("error_500_title"), N_("error_500_what_to_do")),
}


def _wants_page(request: Request) -> bool:
    # The API, and the public data files (`/trasparenza.json`, `.csv`), answer errors as data.
    if request.url.path.startswith("/api/") or request.url.path.endswith((".json", ".csv")):
        return False
    return request.accept.best_match(["text/html", "application/json"]) == "text/html"


def _answer(
    request: Request,
    status: int,
    detail: str,
    extra: dict | None = None,
    problems: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> Response:
    if _wants_page(request):
        # A page in the page's language that says what went wrong and what to do about it;
        # the exception's own words (English, for the API) stay below as the detail.
        lang = language(request)
        title, what_to_do = PAGE_TEXTS.get(status, PAGE_TEXTS[500])
        return Template(
            "error.html",
            context={
                "status": status,
                "heading": translate(lang, title),
                "what_to_do": translate(lang, what_to_do),
                "detail": detail,
                "problems": problems,
            },
            status_code=status,
            media_type=MediaType.HTML,
        )
    body = {"status_code": status, "detail": detail} | (extra or {})
    return Response(body, status_code=status, media_type=MediaType.JSON)


def domain_error(request: Request, error: DomainError) -> Response:
    if isinstance(error, LoginRequired) and _wants_page(request):
        return login_redirect(request)
    status = next(code for kind, code in STATUS_OF if isinstance(error, kind))
    if isinstance(error, Malformed):
        return _malformed(request, error)
    extra = {"field": error.field} if isinstance(error, Invalid) else None
    problems = [(error.field, error.message)] if isinstance(error, Invalid) else []
    response = _answer(request, status, error.message, extra, problems)
    if isinstance(error, AccountLocked):
        response.headers["Retry-After"] = retry_after(error.until)
    return response


def retry_after(until: datetime) -> str:
    """The `Retry-After` seconds until `until` (at least one)."""
    return str(max(1, math.ceil((until - clock.now()).total_seconds())))


def _malformed(request: Request, error: Malformed) -> Response:
    """400 naming each field with what to write instead, in the caller's language."""
    lang = language(request)
    problems = [(field, translate(lang, why)) for field, why in error.problems.items()]
    detail = "; ".join(f"{field}: {message}" for field, message in problems)
    errors = [{"field": field, "message": message} for field, message in problems]
    return _answer(request, HTTP_400_BAD_REQUEST, detail, {"errors": errors}, problems)


def validation_error(request: Request, error: ValidationException) -> Response:
    """Name every field that was wrong and what was wrong with it."""
    problems = []
    for item in error.extra if isinstance(error.extra, list) else []:
        key, message = item.get("key") or "body", item.get("message", "invalid")
        if item.get("source") == "body" and (own := checked_field(message)):
            # A Struct's own check (a time outside the service window) names its field in words.
            key = own[0] if key == "data" else f"{key}.{own[0]}"
            message = own[1]
        problems.append({"field": key, "message": message})
    detail = "; ".join(f"{p['field']}: {p['message']}" for p in problems) or error.detail
    listed = [(p["field"], p["message"]) for p in problems]
    return _answer(request, HTTP_400_BAD_REQUEST, detail, {"errors": problems}, listed)


def http_error(request: Request, error: HTTPException) -> Response:
    response = _answer(request, error.status_code, error.detail)
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    return response


def invalid_answers(request: Request, error: InvalidAnswers) -> Response:
    """422 with every item's problems, in the caller's language."""
    lang = language(request)
    problems = {
        item: [{"code": p.code, "message": p.message(lang)} for p in item_problems]
        for item, item_problems in error.by_item().items()
    }
    detail = "; ".join(f"{item}: {p[0]['message']}" for item, p in problems.items())
    return _answer(request, HTTP_422_UNPROCESSABLE_ENTITY, detail, {"errors": problems})


def undecodable_body(request: Request, error: UnicodeDecodeError | RecursionError) -> Response:
    """400 for a JSON body that is not UTF-8 or nests too deeply.

    msgspec raises these instead of its DecodeError, the only one Litestar turns into a 400;
    uncaught, a few bad bytes would be a 500. Any other recursion error stays a 500."""
    if isinstance(error, RecursionError) and "deserializing" not in str(error):
        return _answer(request, HTTP_500_INTERNAL_SERVER_ERROR, "Internal Server Error")
    reason = "not UTF-8" if isinstance(error, UnicodeDecodeError) else "nested too deeply"
    return _answer(request, HTTP_400_BAD_REQUEST, f"the request body is {reason}")


def text_with_nul(request: Request, error: CharacterNotInRepertoireError) -> Response:
    """400 for text with a NUL character, which PostgreSQL cannot store (SQLite can).

    The transaction that met it has rolled back: nothing was changed."""
    return _answer(request, HTTP_400_BAD_REQUEST, "text may not contain the NUL character")


EXCEPTION_HANDLERS = {
    InvalidAnswers: invalid_answers,
    DomainError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    UnicodeDecodeError: undecodable_body,
    RecursionError: undecodable_body,
    CharacterNotInRepertoireError: text_with_nul,
}
