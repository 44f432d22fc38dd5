"""Versioned definitions: content hashes and the registry of every loaded questionnaire."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

import msgspec

from questionnaires.errors import DuplicateVersion, UnknownQuestionnaire, VersionChanged
from questionnaires.loading import load_definition
from questionnaires.model import Questionnaire

DEFINITIONS_DIRECTORY = Path(__file__).parent / "definitions"
_NOTHING_PINNED: Mapping[tuple[str, int], str] = MappingProxyType({})


def content_hash(q: Questionnaire) -> str:
    """Return the sha256 of the decoded definition, blind to YAML layout and comments."""
    # Encoding the decoded structs (defaults omitted, fields in declaration order) rather than
    # the file bytes means re-indenting or commenting a file keeps its hash.
    return hashlib.sha256(msgspec.json.encode(q, order="deterministic")).hexdigest()


class Registry:
    """Every questionnaire version known to the service, by id and version."""

    def __init__(self, questionnaires: Iterable[Questionnaire] = ()) -> None:
        self._by_key: dict[tuple[str, int], Questionnaire] = {}
        self._hashes: dict[tuple[str, int], str] = {}
        for q in questionnaires:
            self.add(q)

    @classmethod
    def load(
        cls,
        directory: str | Path | None = None,
        pinned: Mapping[tuple[str, int], str] = _NOTHING_PINNED,
    ) -> Registry:
        """Load every `*.yaml` in `directory` (default: the shipped definitions).

        `pinned` maps (id, version) to the content hash under which answers exist; a file
        whose content differs raises `VersionChanged`.
        """
        directory = Path(directory or DEFINITIONS_DIRECTORY)
        if not directory.is_dir():
            raise FileNotFoundError(f"no questionnaire definitions directory at {directory}")
        registry = cls()
        for path in sorted(directory.glob("*.yaml")):
            q = load_definition(path)
            key = (q.id, q.version)
            found = content_hash(q)
            if key in pinned and pinned[key] != found:
                raise VersionChanged(str(path), q.id, q.version, pinned[key], found)
            registry.add(q, source=str(path))
        return registry

    def add(self, q: Questionnaire, source: str = "") -> None:
        """Register one version; two definitions of the same version are refused."""
        key = (q.id, q.version)
        if key in self._by_key:
            where = f" ({source})" if source else ""
            message = f"questionnaire {q.id!r} version {q.version} is defined twice{where}"
            raise DuplicateVersion(message)
        self._by_key[key] = q
        self._hashes[key] = content_hash(q)

    def get(self, id: str, version: int) -> Questionnaire:
        """Return one version, or raise `UnknownQuestionnaire`."""
        try:
            return self._by_key[(id, version)]
        except KeyError:
            raise UnknownQuestionnaire(f"no questionnaire {id!r} version {version}") from None

    def latest(self, id: str) -> Questionnaire:
        """Return the highest version of `id`, or raise `UnknownQuestionnaire`."""
        versions = [q for (qid, _), q in self._by_key.items() if qid == id]
        if not versions:
            raise UnknownQuestionnaire(f"no questionnaire {id!r}")
        return max(versions, key=lambda q: q.version)

    def hash_of(self, id: str, version: int) -> str:
        """Return the content hash of one version (what the app pins when answers arrive)."""
        self.get(id, version)
        return self._hashes[(id, version)]

    def __iter__(self) -> Iterator[Questionnaire]:
        return iter(sorted(self._by_key.values(), key=lambda q: (q.id, q.version)))

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key


@functools.cache
def default_registry() -> Registry:
    """Return the registry of the shipped definitions, loaded once."""
    return Registry.load()
