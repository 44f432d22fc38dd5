"""Errors raised while loading, checking and registering questionnaire definitions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefinitionError:
    """One problem in a definition, located like `sections[0].items[3].code`."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class QuestionnaireError(Exception):
    """Base of the errors of this package."""


class InvalidDefinition(QuestionnaireError):
    """A definition file that cannot be used; carries every located error found."""

    def __init__(self, errors: list[DefinitionError], source: str = "") -> None:
        self.errors = errors
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__("\n".join(f"{prefix}{error}" for error in errors))


class VersionChanged(QuestionnaireError):
    """A version that already has answers was edited in place."""

    def __init__(self, source: str, id: str, version: int, pinned: str, found: str) -> None:
        self.source, self.id, self.version = source, id, version
        self.pinned_hash, self.found_hash = pinned, found
        super().__init__(
            f"{source}: questionnaire {id!r} version {version} has changed "
            f"(answers exist for content {pinned[:12]}, the file now hashes to {found[:12]}); "
            f"a version with answers is immutable: restore it and save your changes "
            f"as version {version + 1}"
        )


class DuplicateVersion(QuestionnaireError):
    """Two files define the same questionnaire id and version."""


class UnknownQuestionnaire(QuestionnaireError, LookupError):
    """No loaded definition has the requested id (and version)."""
