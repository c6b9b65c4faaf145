"""Chinese titles and descriptions of record fields, read from the JSON Schema.

The forms show what the schema says about each key, so the wording lives in
one place (``schema/*.schema.json``); a key the schema does not know (a
hand-written one) shows as itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from records.positions import KeyPath
from schema import load_schema


@dataclass(frozen=True)
class FieldText:
    """What the clerk reads beside a field: its title and an optional explanation."""

    title: str
    description: str = ""


@functools.cache
def schema_for(file_name: str) -> dict[str, Any]:
    """The schema that describes a record file: report.toml or a section file."""
    return load_schema("report" if file_name == "report.toml" else "section")


def _resolve(root: dict[str, Any], node: Any, depth: int = 0) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/$defs/...``) to the schema it names."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 20:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            break
        target: Any = root
        for part in ref[2:].split("/"):
            target = (
                target.get(part.replace("~1", "/").replace("~0", "~"), {})
                if isinstance(target, dict)
                else {}
            )
        merged = {k: v for k, v in node.items() if k != "$ref"}
        node = {**(target if isinstance(target, dict) else {}), **merged}
        depth += 1
    return node if isinstance(node, dict) else {}


def _child(root: dict[str, Any], node: dict[str, Any], key: str | int) -> dict[str, Any]:
    """The sub-schema that applies to ``key`` inside ``node`` (first one found)."""
    node = _resolve(root, node)
    if isinstance(key, int):
        items = node.get("items")
        return _resolve(root, items) if isinstance(items, dict) else {}
    properties = node.get("properties", {})
    if isinstance(properties, dict) and key in properties:
        return _resolve(root, properties[key])
    for pattern_schema in (node.get("patternProperties") or {}).values():
        if isinstance(pattern_schema, dict):
            return _resolve(root, pattern_schema)
    additional = node.get("additionalProperties")
    if isinstance(additional, dict):
        return _resolve(root, additional)
    for combinator in ("allOf", "anyOf", "oneOf"):
        for option in node.get(combinator) or []:
            found = _child(root, option, key) if isinstance(option, dict) else {}
            if found:
                return found
    return {}


def schema_at(file_name: str, keys: KeyPath) -> dict[str, Any]:
    """The sub-schema of the value at ``keys`` in a record file, or ``{}``."""
    root = schema_for(file_name)
    node: dict[str, Any] = root
    for key in keys:
        node = _child(root, node, key)
        if not node:
            return {}
    return node


def field_text(file_name: str, keys: KeyPath) -> FieldText:
    """Title and description of a field, from the schema when it says."""
    node = schema_at(file_name, keys)
    last = next((k for k in reversed(keys) if isinstance(k, str)), "")
    title, description = node.get("title"), node.get("description")
    return FieldText(
        title if isinstance(title, str) and title else str(last),
        description if isinstance(description, str) else "",
    )


def value_kind(file_name: str, keys: KeyPath, default: str) -> Any:
    """The control a value needs, as its schema types it; ``default`` where it does not say.

    An ``enum`` is a choice, ``format: date`` a date, ``integer`` and
    ``number`` numbers. Strings keep ``default``: whether prose needs a
    multi-line area is the outline's call, not the schema's.
    """
    node = schema_at(file_name, keys)
    if "enum" in node:
        return "kind"
    if node.get("format") == "date":
        return "date"
    if node.get("type") in ("integer", "number"):
        return node["type"]
    return default
