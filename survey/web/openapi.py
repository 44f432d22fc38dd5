"""What the OpenAPI document says beyond Litestar's own: a body that refuses unknown fields
says so (`additionalProperties: false`), so that a client knows a misspelt field is an error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.typing import FieldDefinition

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator
    from litestar.openapi.spec import Schema


class ClosedStructSchemaPlugin(StructSchemaPlugin):
    """The schema of a msgspec Struct made with `forbid_unknown_fields=True`, closed."""

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return (
            super().is_plugin_supported_field(field_definition)
            and field_definition.type_.__struct_config__.forbid_unknown_fields
        )

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        schema.additional_properties = False
        return schema
