"""TOML data as the JSON document a JSON Schema validator expects.

TOML has dates and decimals, JSON has neither: a date becomes its ISO string
(what check-jsonschema does too), but as a :class:`TomlDate` so the rules can
still tell a real TOML date from a quoted string. Non-finite numbers (``inf``,
``nan``) become floats, which compare without raising. The walk is iterative,
so a deeply nested file cannot exhaust the stack.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any


class TomlDate(str):
    """A TOML local date, written as its ISO string."""

    __slots__ = ()


class TomlDateTime(str):
    """A TOML date-time or time: not what a date field wants."""

    __slots__ = ()


def _scalar(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.time):
        return TomlDateTime(value.isoformat())
    if isinstance(value, dt.date):
        return TomlDate(value.isoformat())
    if isinstance(value, Decimal) and not value.is_finite():
        return float(value)
    return value


def to_instance(data: Any) -> Any:
    """A JSON-like copy of parsed TOML ``data``."""
    if not isinstance(data, dict | list):
        return _scalar(data)
    root: Any = {} if isinstance(data, dict) else []
    stack: list[tuple[Any, Any]] = [(data, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, value in items:
            if isinstance(value, dict | list):
                copy: Any = {} if isinstance(value, dict) else []
                stack.append((value, copy))
            else:
                copy = _scalar(value)
            if isinstance(target, dict):
                target[key] = copy
            else:
                target.append(copy)
    return root


def resolve(instance: Any, pointer: str) -> Any:
    """The value at a JSON pointer such as ``/body/date``, or ``None`` when absent."""
    node = instance
    for part in pointer.strip("/").split("/"):
        if not part:
            continue
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def pointer_keys(pointer: str) -> tuple[str, ...]:
    """A JSON pointer's keys, for a diagnostic's path."""
    return tuple(
        p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/") if p
    )
