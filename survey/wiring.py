"""How the domains hear each other, set up once by the app and by the command line."""

from __future__ import annotations

import functools

from case_bridge.services import on_case_closed
from survey.consultations.services import LINK_KIND as CONSULTATION_LINK
from survey.consultations.services import consultation_link
from survey.feedback.invitations import LINK_KIND, create_invitations, feedback_link
from survey.outbox.services import register_link
from survey.settings import Settings


def connect_domains(settings: Settings) -> None:
    """Closing a case invites its requester; the outbox rebuilds invitation links when sending."""
    on_case_closed("feedback-invitations", functools.partial(create_invitations, settings=settings))
    register_link(LINK_KIND, feedback_link)
    register_link(CONSULTATION_LINK, consultation_link)
