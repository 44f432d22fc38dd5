"""Fixtures: a real SMTP server on loopback, and settings that point at it (or at nothing)."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec
import pytest
from aiosmtpd.controller import Controller

from survey.settings import Settings
from tests.survey.outbox.mailserver import Inbox, check_login, free_port


def _serve(**options) -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """An open SMTP server: (its inbox, its port)."""
    yield from _serve()


@pytest.fixture
def smtp_login_server() -> Iterator[tuple[Inbox, int]]:
    """An SMTP server that takes mail only after AUTH LOGIN/PLAIN (over plain text: a test)."""
    yield from _serve(authenticator=check_login, auth_required=True, auth_require_tls=False)


@pytest.fixture
def inbox(smtp_server: tuple[Inbox, int]) -> Inbox:
    return smtp_server[0]


@pytest.fixture
def smtp_settings(settings: Settings, smtp_server: tuple[Inbox, int]) -> Settings:
    return msgspec.structs.replace(settings, smtp_url=f"smtp://127.0.0.1:{smtp_server[1]}")


@pytest.fixture
def down_settings(settings: Settings) -> Settings:
    """Settings naming a port where nothing listens: the SMTP server is down."""
    return msgspec.structs.replace(settings, smtp_url=f"smtp://127.0.0.1:{free_port()}")
