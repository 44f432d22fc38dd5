"""A referent's draft as cookies of their own browser: one per section, sealed under the link.

The server never writes a draft anywhere: each section's answers go back to the browser sealed
with `sealing.seal_draft` (AES-GCM under a key derived from the link and a salt in the cookie,
no readable time), in a cookie that only the link's own path receives. A section's cookie also
says that the referent has been through that section, which is how the page knows where to
resume. The cost, said on the page: a draft stays on the device where it was saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from litestar.datastructures import Cookie

from case_bridge.storage import clock
from case_bridge.storage.errors import Invalid
from questionnaires import Questionnaire, visible_items
from survey.consultations.sealing import open_draft, seal_draft

# Browsers keep cookies of up to 4096 bytes, name and attributes included; this leaves room
# for the name and the attributes.
MAX_COOKIE_VALUE = 3800


class DraftTooLong(Invalid):
    """A section's answers do not fit in a cookie: they must be sent, not kept as a draft."""

    def __init__(self) -> None:
        super().__init__("draft", "the answers of this section are too long to keep as a draft")


def cookie_name(index: int) -> str:
    return f"draft{index}"


def read(
    token: str, questionnaire: Questionnaire, cookies: Mapping[str, str]
) -> tuple[dict[str, object], set[int]]:
    """The draft's answers and the sections the referent has saved (visited) so far.

    Each seal names its section, and only that section's items are taken from it: a cookie
    copied under another section's name cannot slip answers elsewhere."""
    answers: dict[str, object] = {}
    visited: set[int] = set()
    for index, section in enumerate(questionnaire.sections):
        opened = open_draft(token, cookies.get(cookie_name(index)))
        kept = opened.get("answers")
        if opened.get("section") != index or not isinstance(kept, dict):
            continue
        visited.add(index)
        codes = {item.code for item in section.items}
        answers |= {code: value for code, value in kept.items() if code in codes}
    return answers, visited


def first_unfinished(
    questionnaire: Questionnaire, answers: Mapping[str, object], visited: set[int]
) -> int:
    """Where to resume: the first section not yet visited or with a required answer missing
    (among the items shown by the answers so far); the last section when all are finished."""
    shown = {item.code for item in visible_items(questionnaire, answers)}
    for index in range(len(questionnaire.sections)):
        if not finished(questionnaire, index, answers, visited, shown):
            return index
    return len(questionnaire.sections) - 1


def finished(
    questionnaire: Questionnaire,
    index: int,
    answers: Mapping[str, object],
    visited: set[int],
    shown: set[str] | None = None,
) -> bool:
    """A section saved at least once whose every shown required item has an answer."""
    if index not in visited:
        return False
    if shown is None:
        shown = {item.code for item in visible_items(questionnaire, answers)}
    return all(
        answers.get(item.code) not in (None, "", [])
        for item in questionnaire.sections[index].items
        if item.required and item.code in shown
    )


def expiry(closes_on: date) -> datetime | None:
    """The end of the consultation's last day, in the department's time; None (a cookie for
    this browser session) when that day is past but the consultation is still open."""
    end = datetime.combine(closes_on + timedelta(days=1), time(), tzinfo=clock.DEPARTMENT_ZONE)
    return end if end > clock.now() else None


def section_cookie(
    *,
    token: str,
    index: int,
    answers: Mapping[str, object],
    closes_on: date,
    secure: bool,
) -> Cookie:
    """The cookie that keeps one section's answers on this device, for this link only."""
    value = seal_draft(token, {"section": index, "answers": dict(answers)})
    if len(value) > MAX_COOKIE_VALUE:
        raise DraftTooLong()
    ends = expiry(closes_on)
    return Cookie(
        key=cookie_name(index),
        value=value,
        path=f"/c/{token}",
        expires=int(ends.timestamp()) if ends else None,
        httponly=True,
        secure=secure,
        samesite="strict",
    )


def forget(token: str, questionnaire: Questionnaire, *, secure: bool) -> list[Cookie]:
    """Cookies that make the browser drop every section of the draft (sent, or closed)."""
    return [
        Cookie(
            key=cookie_name(index),
            value="",
            path=f"/c/{token}",
            max_age=0,
            expires=0,
            httponly=True,
            secure=secure,
            samesite="strict",
        )
        for index in range(len(questionnaire.sections))
    ]
