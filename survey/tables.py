"""Every table of the survey service, gathered from its domains for Piccolo's app registry."""

from __future__ import annotations

from piccolo.table import Table

from survey.accounts.tables import TABLES as ACCOUNT_TABLES
from survey.consultations.tables import TABLES as CONSULTATION_TABLES
from survey.feedback.tables import TABLES as FEEDBACK_TABLES
from survey.outbox.tables import TABLES as OUTBOX_TABLES

TABLES: list[type[Table]] = [
    *OUTBOX_TABLES,
    *FEEDBACK_TABLES,
    *ACCOUNT_TABLES,
    *CONSULTATION_TABLES,
]
