"""A real SMTP server, for the consultation whose results the report shows."""

from tests.survey.outbox.conftest import inbox, smtp_server, smtp_settings

__all__ = ["inbox", "smtp_server", "smtp_settings"]
