"""The one settings object, read from the environment (ASCOLTO_*)."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

import msgspec

from case_bridge.service_hours import HoursError, OrdinaryHours
from case_bridge.storage.engines import DatabaseUrlError, parse_database_url, redacted_url


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    database_url: str = "sqlite:///ascolto.db"
    secret_key: str
    bridge_key: str
    public_url: str = "http://127.0.0.1:8000"
    db_pool_size: int = 10
    # How many app processes serve with these settings (`ascolto serve --workers`): they share
    # the PostgreSQL connections of `db_pool_size` out among themselves.
    workers: int = 1
    smtp_url: str | None = None
    mail_from: str = "Contact Center <contactcenter@ascolto.invalid>"
    invitation_days: int = 30
    edit_window_days: int = 7
    reinvite_days: int = 90
    rate_limit_per_minute: int = 120
    session_minutes: int = 60
    outbox_interval_seconds: float = 30.0
    follow_up_due_days: int = 5
    # Whom a referent asks inside the department about a lost or closed consultation link.
    referent_contact: str | None = None
    csat_target: float = 80.0
    # "text" (one line per request, for a terminal) or "json" (JSON lines, for a log collector).
    log_format: str = "text"
    # How long personal data are kept, in days (survey/privacy/retention.py): contact data and
    # comments from a case's closing, link tokens from a case's (or follow-up's) closing, an
    # email's address and text from its sending (or the last attempt of one that failed).
    retention_contact_days: int = 365
    retention_comment_days: int = 365
    retention_token_days: int = 90
    retention_outbox_days: int = 30
    # The hour (UTC, 0-23) of the app's daily purge of what is past its retention; -1: none
    # (then run `ascolto privacy purge` from cron).
    purge_hour: int = 3
    # A YAML file with the deployment's own privacy notice texts (default: the shipped one).
    privacy_notice_file: str | None = None
    # The line's ordinary days and hours (emergency periods keep their own): `mon-fri 9-18`.
    service_hours: str = "mon-fri 9-18"

    def __post_init__(self) -> None:
        _check(self)

    @property
    def ordinary_hours(self) -> OrdinaryHours:
        return OrdinaryHours.parse(self.service_hours)

    def __repr__(self) -> str:
        # Settings end up in logs and tracebacks: never show the keys.
        url = redacted_url(self.database_url)
        return f"Settings(database_url={url!r}, public_url={self.public_url!r})"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read ASCOLTO_* variables; raise SettingsError naming the first bad one."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field in msgspec.structs.fields(cls):
            name = f"ASCOLTO_{field.name.upper()}"
            if name in environ:
                values[field.name] = _parse(name, environ[name], field.type)
        values.update(overrides)
        for field in msgspec.structs.fields(cls):
            if field.required and field.name not in values:
                raise SettingsError(f"ASCOLTO_{field.name.upper()} is not set")
        return cls(**values)  # type: ignore[arg-type]

    def process_pool_size(self) -> int:
        """The database connections of one app process: its share of `db_pool_size` (PostgreSQL
        connections of the whole server), rounded up (SQLite: its reader connections)."""
        return -(-self.db_pool_size // self.workers)

    def to_env(self) -> dict[str, str]:
        """The ASCOLTO_* variables `from_env` reads back as these settings (unset ones left out)."""
        return {
            f"ASCOLTO_{field.name.upper()}": str(value)
            for field in msgspec.structs.fields(self)
            if (value := getattr(self, field.name)) is not None
        }


def _parse(name: str, raw: str, kind: object) -> object:
    if kind in (int, float):
        try:
            return int(raw) if kind is int else float(raw)
        except ValueError:
            raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if kind == (str | None):
        return raw or None  # an empty optional setting means "not set"
    return raw


def _check(settings: Settings) -> None:
    try:
        OrdinaryHours.parse(settings.service_hours)
    except HoursError as error:
        raise SettingsError(f"ASCOLTO_SERVICE_HOURS: {error}") from None
    if not 0 <= settings.csat_target <= 100:
        raise SettingsError("ASCOLTO_CSAT_TARGET must be a percentage from 0 to 100")
    if len(settings.secret_key) < 32:
        raise SettingsError("ASCOLTO_SECRET_KEY must be at least 32 characters")
    if len(settings.bridge_key) < 16:
        raise SettingsError("ASCOLTO_BRIDGE_KEY must be at least 16 characters")
    url = urlsplit(settings.public_url)
    if url.scheme not in {"http", "https"} or not url.netloc:
        raise SettingsError(
            f"ASCOLTO_PUBLIC_URL must be an http(s) URL, got {settings.public_url!r}"
        )
    try:
        parse_database_url(settings.database_url)
    except DatabaseUrlError as error:
        raise SettingsError(f"ASCOLTO_DATABASE_URL: {error}") from None
    if settings.db_pool_size < 1:
        raise SettingsError("ASCOLTO_DB_POOL_SIZE must be at least 1")
    if settings.workers < 1:
        raise SettingsError("ASCOLTO_WORKERS must be at least 1")
    if settings.smtp_url and urlsplit(settings.smtp_url).scheme not in {"smtp", "smtps"}:
        raise SettingsError("ASCOLTO_SMTP_URL must start with smtp:// or smtps://")
    for name in (
        "invitation_days",
        "edit_window_days",
        "reinvite_days",
        "rate_limit_per_minute",
        "follow_up_due_days",
        "retention_contact_days",
        "retention_comment_days",
        "retention_outbox_days",
    ):
        if getattr(settings, name) < 0:
            raise SettingsError(f"ASCOLTO_{name.upper()} must not be negative")
    if not -1 <= settings.purge_hour <= 23:
        raise SettingsError("ASCOLTO_PURGE_HOUR must be an hour from 0 to 23, or -1 for none")
    if settings.log_format not in {"text", "json"}:
        raise SettingsError(f"ASCOLTO_LOG_FORMAT must be text or json, got {settings.log_format!r}")
    # A link must work for as long as it may be used: answering, then changing the answer.
    usable = settings.invitation_days + settings.edit_window_days
    if settings.retention_token_days < usable:
        raise SettingsError(
            f"ASCOLTO_RETENTION_TOKEN_DAYS must be at least ASCOLTO_INVITATION_DAYS + "
            f"ASCOLTO_EDIT_WINDOW_DAYS ({usable}): links would stop working while still in use"
        )


@functools.cache
def settings_from_env() -> Settings:
    return Settings.from_env()


__all__ = ["Settings", "SettingsError", "settings_from_env"]
