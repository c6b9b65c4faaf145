"""The schema files as data, and as tui's validator uses them (references inlined).

The JSON files are the single source of the rules: the plain JSON Schema part
is what check-jsonschema and editors read, and the ``tui*`` keywords beside it
carry the parameters of the rules tui adds. They are parsed once per process.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_NAMES = ("report", "section", "folder")
"""``report`` is report.toml, ``section`` a section file, ``folder`` the whole report."""


@cache
def _load(name: str) -> dict[str, Any]:
    text = Path(__file__).with_name(f"{name}.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load_schema(name: str) -> dict[str, Any]:
    """The parsed schema file ``schema/NAME.schema.json`` (``report``, ``section`` or ``folder``).

    The editor builds its forms from the Chinese ``title`` and ``description``
    of each property; callers must treat the returned dict as read-only.
    """
    if name not in SCHEMA_NAMES:
        raise ValueError(f"unknown schema {name!r}; expected one of {SCHEMA_NAMES}")
    return _load(name)


@cache
def for_validation(name: str) -> dict[str, Any]:
    """The schema as tui's validator uses it: every ``$ref`` inlined, no ``$schema``.

    jsonschema picks the validator class from ``$schema`` whenever it follows
    a ``$ref``; with the key present it would switch back to the plain draft
    2020-12 class and silently skip tui's keywords in the referenced file.
    Inlining the references (the schemas have no cycles) also spares a
    registry lookup for every section, part, point and metric.
    """
    return _inline(load_schema(name), name)


def _target(ref: str, name: str) -> tuple[Any, str]:
    file, _, fragment = ref.partition("#")
    owner = file.removesuffix(".schema.json") if file else name
    return resolve_local(f"{owner}#{fragment}"), owner


def _inline(node: Any, name: str, depth: int = 0) -> Any:
    if depth > 50:
        raise ValueError("schema references nest too deeply (a cycle?)")
    if isinstance(node, list):
        return [_inline(v, name, depth) for v in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str):
        target, owner = _target(node["$ref"], name)
        inlined = _inline(target, owner, depth + 1)
        siblings = {k: _inline(v, name, depth) for k, v in node.items() if k != "$ref"}
        merged = {k: v for k, v in inlined.items() if k not in ("$schema", "$id", "$defs")}
        return {**siblings, "allOf": [merged]} if siblings else merged
    return {k: _inline(v, name, depth) for k, v in node.items() if k not in ("$schema", "$defs")}


def resolve_local(pointer: str) -> Any:
    """The value at ``FILE#/json/pointer`` inside one of the schema files."""
    file, _, fragment = pointer.partition("#")
    node: Any = load_schema(file.removesuffix(".schema.json"))
    for part in fragment.strip("/").split("/"):
        if part:
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node
