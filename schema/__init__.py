"""The rules of a report: JSON Schema files plus the checks JSON Schema cannot say.

``schema/*.schema.json`` hold the per-file shape that any JSON Schema
validator (check-jsonschema, an editor reading ``#:schema``) understands, and
declare tui's cross-field and cross-file rules as ``tui*`` keywords that
:mod:`schema.validator` adds to jsonschema. Findings are
:class:`records.Diagnostic` values, never exceptions.

The names below are imported on first use, so that ``schema.clean_cache``
can tell an unchanged clean report without loading jsonschema at all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schema.codes import CODES, MISSING_CONTENT_CODES
    from schema.folders import validate_folder
    from schema.loading import load_schema
    from schema.validator import validate_report

_HOMES = {
    "CODES": "schema.codes",
    "MISSING_CONTENT_CODES": "schema.codes",
    "load_schema": "schema.loading",
    "validate_folder": "schema.folders",
    "validate_report": "schema.validator",
}

__all__ = ["CODES", "MISSING_CONTENT_CODES", "load_schema", "validate_folder", "validate_report"]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    if name not in _HOMES:
        raise AttributeError(f"module 'schema' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
