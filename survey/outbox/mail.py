"""Emails and SMTP: building a message, one connection per batch, what a failure means."""

from __future__ import annotations

import html
import logging
import re
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

logger = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 20.0

# Characters a Message-ID's left part may hold as they are (RFC 5322 atext, minus "=" which
# escapes the others), so the id of a key is stable and two keys never share one.
_UNSAFE_IN_ID = re.compile(r"[^A-Za-z0-9!#$%&'*+/?^_`{|}~-]")


class SendFailure(Exception):
    """A message was not delivered; `permanent` says whether trying again could help."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def message_id(*, key: str, public_url: str) -> str:
    """The Message-ID of an outbox key: the same for every attempt, so a duplicate shows."""
    local = _UNSAFE_IN_ID.sub(lambda match: _escaped(match.group()), key)
    return f"<ascolto.{local}@{urlsplit(public_url).hostname}>"


def _escaped(char: str) -> str:
    return "".join(f"={byte:02X}" for byte in char.encode())


def build_email(
    *, key: str, sender: str, recipient: str, subject: str, body: str, public_url: str, at: datetime
) -> EmailMessage:
    """A UTF-8 email, ready to send: the text, and the same text as HTML for mail programs
    that show HTML."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = recipient
    email["Subject"] = subject
    email["Date"] = format_datetime(at)
    email["Message-ID"] = message_id(key=key, public_url=public_url)
    # quoted-printable keeps accented Italian readable and needs no 8BITMIME from the server.
    email.set_content(body, charset="utf-8", cte="quoted-printable")
    email.add_alternative(html_version(body, subject), subtype="html", cte="quoted-printable")
    return email


# The HTML part is written from the text, never by hand beside it: the two parts of a message
# cannot say different things, and a person whose mail program shows only one of them misses
# nothing. Every message Ascolto sends is Italian, then a line of three dashes, then English.
SECTION_RULE = "---"
SECTION_LANGUAGES = ("it", "en")
_LINK_LINE = re.compile(r"(?P<label>[^\n]*?):\s*(?P<url>https?://\S+)\Z")
_URL = re.compile(r"https?://\S+")
_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:40rem;margin:0 auto;"
    "padding:1rem}a{color:#0b4f8a}ul.links{list-style:none;padding:0}"
    "ul.links a{display:block;min-height:44px;box-sizing:border-box;padding:10px 14px;"
    "margin:6px 0;border:2px solid #0b4f8a;border-radius:6px;font-weight:600;"
    "text-decoration:none}"
)


def html_version(body: str, subject: str) -> str:
    """The text of an email as an accessible HTML page: paragraphs, links, and a block of lines
    that are each `label: URL` as a list of large links (the ratings of an invitation)."""
    sections = re.split(rf"^{re.escape(SECTION_RULE)}$", body, flags=re.MULTILINE)
    parts = []
    for n, section in enumerate(sections):
        blocks = [block for block in re.split(r"\n\s*\n", section.strip()) if block.strip()]
        lang = SECTION_LANGUAGES[min(n, len(SECTION_LANGUAGES) - 1)]
        parts.append(f'<div lang="{lang}">' + "".join(map(_html_block, blocks)) + "</div>")
    return (
        f'<!doctype html><html lang="{SECTION_LANGUAGES[0]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(subject)}</title><style>{_STYLE}</style></head>"
        f"<body>{'<hr>'.join(parts)}</body></html>"
    )


def _html_block(block: str) -> str:
    lines = [line.strip() for line in block.splitlines()]
    links = [_LINK_LINE.match(line) for line in lines]
    if len(lines) > 1 and all(links):
        items = "".join(
            f'<li><a href="{html.escape(m["url"])}">{html.escape(m["label"])}</a></li>'
            for m in links
            if m
        )
        return f'<ul class="links">{items}</ul>'
    # Hard line breaks of the text are only its wrapping: the HTML flows.
    text = html.escape(" ".join(lines))
    return "<p>" + _URL.sub(lambda url: f'<a href="{url.group()}">{url.group()}</a>', text) + "</p>"


def smtp_client(smtp_url: str, *, local_hostname: str | None = None) -> aiosmtplib.SMTP:
    """An unconnected client for `smtp://[user:password@]host[:port][?starttls=1]` or smtps://."""
    url = urlsplit(smtp_url)
    implicit_tls = url.scheme == "smtps"
    username = unquote(url.username) if url.username else None
    return aiosmtplib.SMTP(
        hostname=url.hostname or "localhost",
        port=url.port or (465 if implicit_tls else 25),
        username=username,
        password=unquote(url.password) if url.password else None,
        use_tls=implicit_tls,
        start_tls=None if implicit_tls else _starttls(url.query, has_login=username is not None),
        local_hostname=local_hostname,
        timeout=SMTP_TIMEOUT_SECONDS,
    )


def _starttls(query: str, *, has_login: bool) -> bool | None:
    """True: required; None: when the server offers it; False: never."""
    asked = parse_qs(query).get("starttls", [""])[-1].lower()
    if asked in {"1", "true", "yes"}:
        return True
    if asked in {"0", "false", "no"}:
        return False
    # Credentials must not cross the network in clear when the server could encrypt them.
    return None if has_login else False


def failure_of(error: Exception) -> SendFailure:
    """What an SMTP or network error means for the message: retry, or give up."""
    if isinstance(error, SendFailure):
        return error
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused) and error.recipients:
        error = error.recipients[0]
    if isinstance(error, aiosmtplib.SMTPResponseException):
        reason = f"{error.code} {error.message}".strip()
        # A 5xx on the recipient or the content is final; a 5xx elsewhere (sender, login) is
        # our configuration, which an operator can fix before the retries run out.
        final = isinstance(error, aiosmtplib.SMTPRecipientRefused | aiosmtplib.SMTPDataError)
        return SendFailure(reason, permanent=final and error.code >= 500)
    return SendFailure(f"{type(error).__name__}: {error}".rstrip(": "))


class Connection:
    """One SMTP connection for a batch, opened on first use. A failure to open it is kept, so
    a batch against a server that is down fails fast instead of waiting once per message."""

    def __init__(self, smtp_url: str, *, local_hostname: str | None = None) -> None:
        self._client = smtp_client(smtp_url, local_hostname=local_hostname)
        self._broken: SendFailure | None = None

    async def send(self, email: EmailMessage) -> None:
        """Hand `email` to the server; raise SendFailure when it did not accept it."""
        if self._broken is not None:
            raise self._broken
        if not self._client.is_connected:
            try:
                await self._client.connect()
            except (aiosmtplib.SMTPException, OSError) as error:
                self._broken = failure_of(error)
                raise self._broken from error
        try:
            await self._client.send_message(email)
        except (aiosmtplib.SMTPException, OSError) as error:
            raise failure_of(error) from error

    async def close(self) -> None:
        """Say goodbye to the server if connected; a failure here changes nothing."""
        if not self._client.is_connected:
            return
        try:
            await self._client.quit()
        except (aiosmtplib.SMTPException, OSError):
            self._client.close()
