"""A real SMTP server on loopback (aiosmtpd) that keeps what it accepts, and a test link kind."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.smtp import AuthResult, LoginPassword

from survey.outbox.services import LinkResolvers
from survey.settings import Settings

LINK_KIND = "outbox-test"
USER, PASSWORD = "ascolto", "s3cret p@ss"


def links_for_tests(settings: Settings) -> LinkResolvers:
    """The links of the test kind, under the settings' public address."""

    async def link(ref: int) -> str:
        return f"{settings.public_url}/test-links/{ref}"

    return {LINK_KIND: link}


class Inbox:
    """The handler: refuses nobody@… for good and busy@… for now, keeps the rest."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        if address.startswith("busy@"):
            return "450 4.2.1 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    good = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    # handled=False: aiosmtpd answers a refusal itself (535).
    return AuthResult(success=good, handled=False)
