"""A diagnostic as a mark in the form: the field it is about, and its message as shown there.

Diagnostics name their place by a JSON pointer into the file; the form knows
fields by key path. No Textual here.
"""

from __future__ import annotations

import re

from records.positions import KeyPath


def under_its_field(message: str, keys: KeyPath) -> str:
    """A finding's message as shown under its field in a metric's form.

    The validator names the metric (“指标 penalty_cases（办理行政处罚案件）：…”)
    for the pane and the command line; in the metric's own form it would
    only push the message onto more lines.
    """
    if len(keys) < 2 or keys[0] != "metrics":
        return message
    named = re.match(rf"指标 {re.escape(str(keys[1]))}(?!\w)(（[^）]*）)?[： ]?", message)
    return message[named.end() :] if named and named.end() < len(message) else message


def pointer_keys(pointer: str) -> KeyPath:
    """A JSON pointer (``/parts/0/title``) as a key path; digits are array indices."""
    if not pointer:
        return ()
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]
    return tuple(int(p) if p.isdigit() else p for p in parts)
