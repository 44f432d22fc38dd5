"""Reading a definition file into a checked `Questionnaire`."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import msgspec

from case_bridge.storage.validation import field_problem
from questionnaires.definition_checks import validate_definition
from questionnaires.errors import DefinitionError, InvalidDefinition
from questionnaires.model import Item, Questionnaire

_ITEM_TYPES = ", ".join(member.__struct_config__.tag for member in typing.get_args(Item))
_YAML_SOURCE = re.compile(r'in "<\w+ string>", ')


def decode_definition(data: bytes | str, source: str = "") -> Questionnaire:
    """Decode and check a YAML definition; raise `InvalidDefinition` with every error."""
    try:
        q = msgspec.yaml.decode(data, type=Questionnaire)
    except msgspec.ValidationError as error:
        raise InvalidDefinition([_located(error)], source) from None
    except msgspec.DecodeError as error:
        message = _YAML_SOURCE.sub("at ", " ".join(str(error).split()))
        raise InvalidDefinition(
            [DefinitionError("", f"not valid YAML: {message}")], source
        ) from None
    errors = validate_definition(q)
    if errors:
        raise InvalidDefinition(errors, source)
    return q


def load_definition(path: str | Path) -> Questionnaire:
    """Load and check one definition file; raise `InvalidDefinition` with every error."""
    path = Path(path)
    return decode_definition(path.read_bytes(), str(path))


def _located(error: msgspec.ValidationError) -> DefinitionError:
    """msgspec's located error in our own words."""
    problem = field_problem(error)
    location, message = problem.path, problem.message
    if problem.kind == "missing":
        return DefinitionError(location, "missing")
    if problem.kind == "unknown":
        return DefinitionError(location, "unknown field (check the spelling)")
    if message.startswith("Invalid value") and location.endswith("type"):
        value = message.removeprefix("Invalid value ")
        return DefinitionError(location, f"unknown item type {value}; use one of {_ITEM_TYPES}")
    if message == "Expected `object`, got `null`" and not location:
        return DefinitionError("", "the file is empty")
    return DefinitionError(location, message[:1].lower() + message[1:])
