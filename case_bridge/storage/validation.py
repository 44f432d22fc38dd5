"""msgspec's validation errors read once: where the value failed, and what was wrong with it.

msgspec tells where only inside its message ("Expected `int`, got `str` - at `$.offices[0]`"),
and a missing or unknown field only by naming it in the words ("Object missing required field
`code`"); this is the one place that reads that text, so every caller names fields alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import msgspec

_LOCATED = re.compile(r"(?P<message>.*) - at `\$(?P<path>.*)`\Z", re.DOTALL)
_NAMED = re.compile(
    r"Object (?P<words>missing required|contains unknown) field `(?P<name>[^`]*)`\Z"
)
# What a Struct's own check (`__post_init__`, through `value_error`) says of one of its fields.
_OWN_CHECK = re.compile(r"Field `(?P<name>[^`]*)` (?P<message>.*)\Z", re.DOTALL)
_NAMED_KINDS: dict[str, tuple[Literal["missing", "unknown"], str]] = {
    "missing required": ("missing", "missing required field"),
    "contains unknown": ("unknown", "unknown field"),
}


@dataclass(frozen=True)
class FieldProblem:
    """One value that failed: its path (`sections[0].items[3].code`, "" for the whole
    value), msgspec's message without the location, and what kind of failure it was."""

    path: str
    message: str
    kind: Literal["missing", "unknown", "invalid"] = "invalid"

    @property
    def field(self) -> str:
        """The top-level field the path starts in (`offices` for `offices[0].code`)."""
        return re.split(r"[.\[]", self.path, maxsplit=1)[0]


def value_error(field: str, message: str) -> ValueError:
    """The error a Struct's `__post_init__` raises for one field: msgspec turns it into a
    ValidationError at the Struct's place, and `field_problem` puts the field in the path."""
    return ValueError(f"Field `{field}` {message}")


def checked_field(message: str) -> tuple[str, str] | None:
    """(field, what was wrong) when `message` comes from a Struct's own check (`value_error`)."""
    own = _OWN_CHECK.match(message)
    return (own["name"], own["message"]) if own else None


def field_problem(error: msgspec.ValidationError) -> FieldProblem:
    """Where `error` is and what it says; a missing or unknown field is put in the path."""
    text = str(error)
    located = _LOCATED.match(text)
    message, path = (located["message"], located["path"]) if located else (text, "")
    path = path.removeprefix(".")
    if own := checked_field(message):
        field, words = own
        return FieldProblem(f"{path}.{field}" if path else field, words)
    if named := _NAMED.match(message):
        kind, words = _NAMED_KINDS[named["words"]]
        field = named["name"]
        return FieldProblem(f"{path}.{field}" if path else field, words, kind)
    return FieldProblem(path, message)
