"""Piccolo tables of the survey service."""

from __future__ import annotations

from piccolo.table import Table

TABLES: list[type[Table]] = []
