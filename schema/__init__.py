"""The rules of a report: JSON Schema files plus the checks JSON Schema cannot say.

``schema/*.schema.json`` hold the per-file shape that any JSON Schema
validator (check-jsonschema, an editor reading ``#:schema``) understands, and
declare tui's cross-field and cross-file rules as ``tui*`` keywords that
:mod:`schema.validator` adds to jsonschema. Findings are
:class:`records.Diagnostic` values, never exceptions.
"""

from __future__ import annotations

from schema.codes import CODES, MISSING_CONTENT_CODES
from schema.folders import validate_folder
from schema.loading import load_schema
from schema.validator import validate_report

__all__ = ["CODES", "MISSING_CONTENT_CODES", "load_schema", "validate_folder", "validate_report"]
