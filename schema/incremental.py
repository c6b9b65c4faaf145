"""Validating a report again after a small change: what did not change is not validated again.

The editor checks the whole report after each keystroke. Between two checks
most of the report is the very same data (the editor's checker reuses the
parsed objects of what did not change, see ``tui.editor.checking``), so:

- :func:`instance_of` keeps the JSON instance of each unchanged table or
  array, so an unchanged part of the report is the same instance object;
- :func:`validation` is tui's validator whose ``properties``,
  ``additionalProperties`` and ``items`` keep, for each value they descend
  into, the errors found last time while the value is that same object
  (``propertyNames``: for each name, by its text), and whose character
  rules keep what they found in each unchanged table.

A keystroke in one metric then validates that metric, the keywords of the
tables around it (its section's own rules) and the cross-file rules, not the
whole report. The findings are exactly those of a fresh pass: a value's
errors depend only on the value and its schema, and errors kept are copied
before jsonschema adds the path to where they stand now. What is kept lives
for one check more: each check keeps only what it used.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from functools import cache, partial
from typing import Any

from jsonschema import validators
from jsonschema._keywords import additionalProperties, items
from jsonschema._utils import find_additional_properties
from jsonschema.exceptions import ValidationError

from records.positions import KeyPath
from schema import characters
from schema.instance import to_instance
from schema.kept import Kept

_DEPTH = 8
"""Tables and arrays this deep (the file is 0) keep their instance; below, it is built anew."""


_INSTANCES = Kept()
_ERRORS = Kept()
_FOUND = Kept()


def turn() -> None:
    """Begin a check: instances and errors the previous check did not use are let go."""
    _INSTANCES.turn()
    _ERRORS.turn()
    _FOUND.turn()


def instance_of(data: Any, depth: int = 0) -> Any:
    """``to_instance(data)``, the same object again for the same (unchanged) tables and arrays."""
    if not isinstance(data, dict | list):
        return to_instance(data)
    if depth >= _DEPTH:
        return to_instance(data)  # iterative: a deeply nested file cannot exhaust the stack
    key = id(data)
    kept = _INSTANCES.get(key, data)
    if kept is not None:
        return kept
    result: Any
    if isinstance(data, dict):
        result = {k: instance_of(v, depth + 1) for k, v in data.items()}
    else:
        result = [instance_of(v, depth + 1) for v in data]
    _INSTANCES.put(key, result, data)
    return result


def _copy(error: ValidationError, path: str | int | None, schema_path: str | int | None) -> Any:
    """A kept error as jsonschema's ``descend`` would yield it anew at ``path``."""
    fresh = error.__class__.__new__(error.__class__)
    fresh.__dict__.update(error.__dict__)
    fresh.args = error.args
    fresh.path = fresh.relative_path = deque(error.path)
    fresh.schema_path = fresh.relative_schema_path = deque(error.schema_path)
    if path is not None:
        fresh.path.appendleft(path)
    if schema_path is not None:
        fresh.schema_path.appendleft(schema_path)
    return fresh


def _child(
    validator: Any,
    child: Any,
    schema: Any,
    path: str | int | None,
    schema_path: str | int | None = None,
) -> Iterator[Any]:
    """``validator.descend(child, schema, path, schema_path)``, its errors kept for ``child``."""
    key = (id(schema), id(child))
    errors = _ERRORS.get(key, schema, child)
    if errors is None:
        errors = list(validator.descend(child, schema))
        _ERRORS.put(key, errors, schema, child)
    for error in errors:
        yield _copy(error, path, schema_path)


def _property_names(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``propertyNames`` (each metric's key), each name's errors kept by the name's text.

    Keys are parsed anew with their table; a name's errors depend on its text only.
    """
    if not validator.is_type(instance, "object"):
        return
    for name in instance:
        key = (id(value), name)
        errors = _ERRORS.get(key, value)
        if errors is None:
            errors = list(validator.descend(instance=name, schema=value))
            _ERRORS.put(key, errors, value)
        for error in errors:
            yield _copy(error, None, None)


def _properties(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``properties``, each property's errors kept while its value is the same."""
    if not validator.is_type(instance, "object"):
        return
    for name, subschema in value.items():
        if name in instance:
            yield from _child(validator, instance[name], subschema, name, name)


def _additional(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``additionalProperties`` with a schema (each metric), each value's errors kept."""
    if not validator.is_type(instance, "object") or not validator.is_type(value, "object"):
        yield from additionalProperties(validator, value, instance, schema)
        return
    for extra in set(find_additional_properties(instance, schema)):
        yield from _child(validator, instance[extra], value, extra)


def _items(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``items`` with a schema and no ``prefixItems``, each element's errors kept."""
    if (
        not validator.is_type(instance, "array")
        or not validator.is_type(value, "object")
        or schema.get("prefixItems")
    ):
        yield from items(validator, value, instance, schema)
        return
    for index, element in enumerate(instance):
        yield from _child(validator, element, value, index)


def _found(
    spec: dict[str, Any], node: Any, in_blanks: bool, depth: int = 0
) -> list[tuple[KeyPath, int, str]]:
    """What :func:`schema.characters._found` finds, kept for each unchanged table and array."""
    if not isinstance(node, dict | list) or depth >= _DEPTH:
        return list(characters._found(spec, node, in_blanks))
    key = (id(spec), id(node), in_blanks)
    found = _FOUND.get(key, spec, node)
    if found is None:
        found = []
        pairs = node.items() if isinstance(node, dict) else enumerate(node)
        for name, value in pairs:
            found.extend(
                ((name, *path), index, char)
                for path, index, char in _found(spec, value, in_blanks, depth + 1)
            )
        _FOUND.put(key, found, spec, node)
    return found


@cache
def validation(base: Any) -> Any:
    """``base`` (a validator class) whose descending keywords keep what unchanged values gave."""
    kept = {
        "properties": _properties,
        "additionalProperties": _additional,
        "items": _items,
        "propertyNames": _property_names,
        "tuiControlCharacters": partial(characters.control_characters, found=_found),
        "tuiInvisibleCharacters": partial(characters.invisible_characters, found=_found),
    }
    return validators.extend(base, kept)
