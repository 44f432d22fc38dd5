"""Versions are immutable: content hashes, pinning, and the registry of definitions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from questionnaires import (
    DuplicateVersion,
    InvalidDefinition,
    Registry,
    UnknownQuestionnaire,
    VersionChanged,
    content_hash,
    decode_definition,
    default_registry,
)
from questionnaires.registry import DEFINITIONS_DIRECTORY

CITIZEN_FILE = DEFINITIONS_DIRECTORY / "citizen-feedback.yaml"


@pytest.fixture
def shipped() -> Registry:
    return default_registry()


@pytest.fixture
def definitions(tmp_path: Path) -> Path:
    shutil.copytree(DEFINITIONS_DIRECTORY, tmp_path / "definitions")
    return tmp_path / "definitions"


def test_registry_of_the_shipped_definitions(shipped: Registry) -> None:
    assert [(q.id, q.version) for q in shipped] == [
        ("citizen-feedback", 1),
        ("citizen-feedback", 2),
        ("referent-consultation-2012", 1),
    ]
    # Version 2 asks the same questions one step at a time; version 1's answers still read.
    assert shipped.latest("citizen-feedback") is shipped.get("citizen-feedback", 2)
    assert ("citizen-feedback", 1) in shipped
    with pytest.raises(UnknownQuestionnaire):
        shipped.get("citizen-feedback", 3)
    with pytest.raises(UnknownQuestionnaire):
        shipped.latest("nope")


def test_default_registry_is_loaded_once() -> None:
    assert default_registry() is default_registry()
    assert len(default_registry()) == 3


def test_latest_picks_the_highest_version(definitions: Path) -> None:
    text = CITIZEN_FILE.read_text().replace("version: 1", "version: 2")
    (definitions / "citizen-feedback-v2.yaml").write_text(text)
    registry = Registry.load(definitions)
    assert registry.latest("citizen-feedback").version == 2
    assert registry.get("citizen-feedback", 1).version == 1


def test_formatting_and_comments_keep_the_hash() -> None:
    original = decode_definition(CITIZEN_FILE.read_bytes())
    reformatted = "# riformattato\n" + yaml.safe_dump(
        yaml.safe_load(CITIZEN_FILE.read_text()), allow_unicode=True, default_flow_style=True
    )
    assert reformatted != CITIZEN_FILE.read_text()
    assert content_hash(decode_definition(reformatted)) == content_hash(original)
    assert len(content_hash(original)) == 64


def test_a_content_change_changes_the_hash() -> None:
    text = CITIZEN_FILE.read_text()
    changed = text.replace("max_length: 200", "max_length: 300")
    assert changed != text
    assert content_hash(decode_definition(changed)) != content_hash(decode_definition(text))


def test_pinned_version_that_changed_raises(definitions: Path) -> None:
    pinned_hash = Registry.load(definitions).hash_of("citizen-feedback", 1)
    path = definitions / "citizen-feedback.yaml"
    path.write_text(path.read_text().replace("Vuoi aggiungere qualcosa?", "Altro da dire?"))
    new_hash = content_hash(decode_definition(path.read_bytes()))
    with pytest.raises(VersionChanged) as raised:
        Registry.load(definitions, pinned={("citizen-feedback", 1): pinned_hash})
    message = str(raised.value)
    assert str(path) in message and "'citizen-feedback' version 1" in message
    assert pinned_hash[:12] in message and new_hash[:12] in message
    assert "as version 2" in message


def test_pinned_version_that_did_not_change_loads(definitions: Path) -> None:
    pins = {(q.id, q.version): content_hash(q) for q in Registry.load()}
    path = definitions / "referent-consultation-2012.yaml"
    path.write_text("# solo un commento in più\n" + path.read_text())
    assert len(Registry.load(definitions, pinned=pins)) == 3


def test_two_files_with_the_same_version_are_refused(definitions: Path) -> None:
    shutil.copy(CITIZEN_FILE, definitions / "copy.yaml")
    with pytest.raises(DuplicateVersion, match="'citizen-feedback' version 1"):
        Registry.load(definitions)


def test_a_broken_file_stops_loading(definitions: Path) -> None:
    (definitions / "broken.yaml").write_text("id: broken\n")
    with pytest.raises(InvalidDefinition, match=r"broken\.yaml: version: missing"):
        Registry.load(definitions)


def test_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Registry.load(tmp_path / "nowhere")


def test_texts_fall_back_to_italian(shipped: Registry) -> None:
    title = shipped.get("citizen-feedback", 1).title
    assert title.get() == "La tua opinione sul Contact Center"
    assert title.get("en") == "Your opinion of the Contact Center"
    assert title.get("fr") == title.get("it")
