"""The privacy notice (GDPR Art. 13): its texts, read from a data file, with the retention
periods of the settings filled in; the short one for pages and emails, the full one for
`/privacy`."""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from pathlib import Path

import msgspec
import yaml
from jinja2 import pass_context
from jinja2.runtime import Context

from survey.outbox.mail import SECTION_RULE
from survey.settings import Settings
from survey.web.i18n import language

SHIPPED = Path(__file__).with_name("notice.yaml")
LANGUAGES = ("it", "en")
NOTICE_PATH = "/privacy"


class Audience(StrEnum):
    CITIZEN = "citizen"
    REFERENT = "referent"  # the department's staff: referents, offices reached by a link


class Section(msgspec.Struct, frozen=True):
    heading: str
    text: str


class NoticeTexts(msgspec.Struct, frozen=True):
    """The notice in one language, as written in the file (values not yet filled in)."""

    controller: str
    link: str
    title: str
    short: str
    referent_short: str
    sections: list[Section]


class NoticeFile(msgspec.Struct, frozen=True):
    contact: str
    it: NoticeTexts
    en: NoticeTexts


class Notice(msgspec.Struct, frozen=True):
    """The notice in one language, ready to show."""

    lang: str
    title: str
    link: str
    short: str
    referent_short: str
    sections: list[Section]


@functools.cache
def _read(path: Path) -> NoticeFile:
    return msgspec.convert(yaml.safe_load(path.read_text(encoding="utf-8")), NoticeFile)


def notice_file(settings: Settings) -> Path:
    return Path(settings.privacy_notice_file) if settings.privacy_notice_file else SHIPPED


def period(days: int, lang: str) -> str:
    """A retention period in words: days below two months, months above."""
    if days < 60:
        return f"{days} giorni" if lang == "it" else f"{days} days"
    months = round(days / 30.44)
    return f"{months} mesi" if lang == "it" else f"{months} months"


def notice(settings: Settings, lang: str) -> Notice:
    """The notice in `lang` (Italian when not one of ours), the settings' periods filled in."""
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    source = _read(notice_file(settings))
    texts: NoticeTexts = getattr(source, lang)
    values = {
        "controller": texts.controller,
        "contact": source.contact,
        "contact_period": period(settings.retention_contact_days, lang),
        "comment_period": period(settings.retention_comment_days, lang),
        "link_period": period(settings.retention_token_days, lang),
        "outbox_period": period(settings.retention_outbox_days, lang),
    }

    def filled(text: str) -> str:
        return text.format(**values)

    return Notice(
        lang=lang,
        title=texts.title,
        link=texts.link,
        short=filled(texts.short),
        referent_short=filled(texts.referent_short),
        sections=[Section(s.heading, filled(s.text)) for s in texts.sections],
    )


def check_notice(settings: Settings) -> None:
    """Read and fill the notice in every language: a broken file stops start-up, not a page."""
    for lang in LANGUAGES:
        notice(settings, lang)


# Emails whose link is for the department's own staff (a referent's consultation, an office's
# follow-up) carry the staff's notice; every other email goes to a citizen.
STAFF_LINK_KINDS = frozenset({"consultation", "follow-up"})


def audience_of(link_kind: str | None) -> Audience:
    return Audience.REFERENT if link_kind in STAFF_LINK_KINDS else Audience.CITIZEN


def email_notice(settings: Settings, lang: str, audience: Audience) -> str:
    """The short notice as an email paragraph, with the address of the full one."""
    found = notice(settings, lang)
    text = found.referent_short if audience == Audience.REFERENT else found.short
    query = "" if lang == LANGUAGES[0] else f"?lang={lang}"
    return f"{text}\n{found.link}: {settings.public_url.rstrip('/')}{NOTICE_PATH}{query}"


def with_email_notice(body: str, settings: Settings, audience: Audience) -> str:
    """The body with the short notice at the end of each language's part (Italian, a line of
    three dashes, English: survey/outbox/mail.py); a body in one part gets both at its end."""
    parts = re.split(rf"^{re.escape(SECTION_RULE)}$", body, flags=re.MULTILINE)
    notices = [email_notice(settings, lang, audience) for lang in LANGUAGES]
    if len(parts) == len(LANGUAGES):
        ended = [f"{part.rstrip()}\n\n{text}\n" for part, text in zip(parts, notices, strict=True)]
        return f"\n{SECTION_RULE}\n\n".join(p.lstrip("\n") if i else p for i, p in enumerate(ended))
    return body.rstrip() + "\n\n" + "\n\n".join(notices) + "\n"


@pass_context
def template_notice(context: Context) -> Notice:
    """`privacy_notice()` in a template: the notice in the language of the page's request."""
    request = context["request"]
    return notice(request.app.state.settings, language(request))
