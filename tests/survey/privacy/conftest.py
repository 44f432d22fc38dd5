"""A real SMTP server for the emails whose privacy notice and retention are checked."""

from tests.survey.outbox.conftest import inbox, smtp_server, smtp_settings

__all__ = ["inbox", "smtp_server", "smtp_settings"]
