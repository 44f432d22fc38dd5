"""Why a message cannot be prepared. Not request errors: the sender records them on the
message (failed for good, or tried again) and no caller ever sees them as an HTTP answer."""

from __future__ import annotations


class LinkUnavailable(Exception):
    """Raised by a resolver when its link can never be given (e.g. the invitation was
    withdrawn): the message is marked failed with this reason instead of being retried."""


class UnknownLinkKind(LookupError):
    """No resolver is given for a message's link kind."""
