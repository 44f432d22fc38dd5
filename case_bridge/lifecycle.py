"""The one place that decides how a case's status may change."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime

from case_bridge.errors import (
    BackOfficeNeedsEscalation,
    CaseAlreadyClosed,
    EscalatedCaseClosesAtBackOffice,
    EscalationNotAllowed,
)
from case_bridge.storage.errors import Invalid
from case_bridge.vocabulary import CaseStatus, ResolutionPath


class Action(enum.StrEnum):
    ESCALATE = "escalate"
    CLOSE = "close"


def next_state(
    current: CaseStatus,
    action: Action,
    *,
    requested_path: ResolutionPath | None = None,
) -> tuple[CaseStatus, ResolutionPath | None]:
    """The status (and resolution path) after `action`, or the rule the action breaks."""
    match current, action:
        case CaseStatus.OPEN, Action.ESCALATE:
            return CaseStatus.BACK_OFFICE, None
        case _, Action.ESCALATE:
            raise EscalationNotAllowed()
        case CaseStatus.CLOSED, Action.CLOSE:
            raise CaseAlreadyClosed()
        case CaseStatus.OPEN, Action.CLOSE:
            if requested_path == ResolutionPath.BACK_OFFICE:
                raise BackOfficeNeedsEscalation()
            return CaseStatus.CLOSED, ResolutionPath.FRONT_OFFICE
        case CaseStatus.BACK_OFFICE, Action.CLOSE:
            if requested_path == ResolutionPath.FRONT_OFFICE:
                raise EscalatedCaseClosesAtBackOffice()
            return CaseStatus.CLOSED, ResolutionPath.BACK_OFFICE
    raise AssertionError(f"unhandled transition {current} {action}")


def check_closing_time(opened_at: datetime, closed_at: datetime) -> None:
    """closed_at ≥ opened_at."""
    if closed_at < opened_at:
        raise Invalid("closed_at", "a case cannot be closed before it was opened")


def path_of_record(
    status: CaseStatus, path: ResolutionPath | None, has_office: bool
) -> ResolutionPath | None:
    """Check an imported case's status, path and office agree, as if it had lived them."""
    if status == CaseStatus.OPEN:
        if path is not None:
            raise Invalid("resolution_path", "an open case has no resolution path yet")
        return None
    if status == CaseStatus.BACK_OFFICE:
        if not has_office:
            raise Invalid("office", "a case at Back Office needs the office handling it")
        if path is not None:
            raise Invalid("resolution_path", "a case still at Back Office has no resolution path")
        return None
    if path is None:
        raise Invalid("resolution_path", "a closed case needs its resolution path")
    if path == ResolutionPath.BACK_OFFICE and not has_office:
        raise Invalid(
            "office", "a case closed at Back Office must have been escalated to an office"
        )
    return path


def check_other_bodies(escalated: bool, bodies: Sequence[str]) -> None:
    """Other bodies are coordinated with by an office's Back Office, never at Front Office."""
    if bodies and not escalated:
        raise Invalid(
            "other_bodies",
            "only a case handed to an office's Back Office is coordinated with other bodies",
        )
