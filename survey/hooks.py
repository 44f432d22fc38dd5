"""What one app's domains do for each other, bound to that app's settings: closing a case
invites its requester; the outbox rebuilds each message's link.

`hooks_for(settings)` builds them; the app keeps them on its state and each command builds its
own, and they are handed to the services that close cases and send mail. Nothing is kept in a
module, so two apps with different settings (keys, public address, invitation days) can live
in one process, each by its own."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from case_bridge.services import CaseClosedListener
from survey.consultations.services import LINK_KIND as CONSULTATION_LINK
from survey.consultations.services import consultation_link
from survey.feedback.invitations import LINK_KIND as FEEDBACK_LINK
from survey.feedback.invitations import create_invitations, feedback_link
from survey.follow_ups.notices import LINK_KIND as FOLLOW_UP_LINK
from survey.follow_ups.notices import follow_up_link
from survey.outbox.services import LinkResolvers
from survey.settings import Settings


@dataclass(frozen=True)
class Hooks:
    on_case_closed: CaseClosedListener
    links: LinkResolvers


def hooks_for(settings: Settings) -> Hooks:
    """The hooks of an app (or a command) run with `settings`."""
    return Hooks(
        on_case_closed=functools.partial(create_invitations, settings=settings),
        links={
            FEEDBACK_LINK: functools.partial(feedback_link, settings=settings),
            CONSULTATION_LINK: functools.partial(consultation_link, settings=settings),
            FOLLOW_UP_LINK: functools.partial(follow_up_link, settings=settings),
        },
    )
