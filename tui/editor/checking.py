"""Checking the draft: immutable snapshots of its text, parsed and validated in a worker.

A worker thread never reads a tomlkit document the main thread is changing:
it gets the files' texts (:class:`Snapshot`) and returns the model and the
diagnostics (:class:`CheckResult`). No Textual here.

A check does work in proportion to what changed since the last one: an
unchanged file is not parsed again, a keystroke inside a value reads that
value alone, what did not change stays the same objects (so validation keeps
their findings, ``validate_report(..., again=True)``, and the outline their
nodes), and positions are moved rather than found again. The rules across
files run over the whole report each time. The diagnostics are exactly
those ``tui validate`` finds in the same texts.
"""

from __future__ import annotations

import threading
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from records import Diagnostic, RecordError, Report
from records.loader import parse_toml
from records.model import RecordFile, Section, build_report, build_section
from records.positions import KeyPath, Locator, ValueEdit
from records.source import SourceText


@dataclass(frozen=True)
class Snapshot:
    """The draft's text at one moment, safe to check in another thread."""

    folder: Path
    sources: tuple[SourceText, ...]
    generation: int = 0
    """Which state of the draft this is (see :attr:`EditSession.generation`)."""


@dataclass(frozen=True)
class CheckResult:
    """A checked snapshot: the model (for the preview) and its diagnostics."""

    report: Report
    diagnostics: list[Diagnostic]
    generation: int = 0


_FILES: dict[Path, RecordFile] = {}
"""Each file's last record read (text, data, positions): the next check starts from it."""

_LOCK = threading.Lock()
"""One check at a time uses the kept data (a cancelled worker may still be running)."""


def _read(source: SourceText) -> RecordFile:
    """The file's record, from the last one read of it: what did not change is the same objects.

    An unchanged file is not parsed again and keeps its positions; a
    keystroke inside one value is read as that value alone (:func:`_edited`);
    any other change parses the file, then keeps what equals the last data
    (:func:`reuse`). Raises :class:`RecordError` as the loader does.
    """
    kept = _FILES.get(source.path)
    if kept is not None and kept.source == source:
        return kept
    data: dict[str, Any] | None = None
    locator: Locator | None = None
    if kept is not None and kept.source.text == source.text:
        data = kept.data
    elif kept is not None and "\r" not in source.text and "\r" not in kept.source.text:
        locator, edit = kept.locator.edited(source.text)
        data = _edited(kept.data, edit) if edit is not None else None
    if data is None:
        data = parse_toml(source)
        if kept is not None:
            try:
                data = reuse(data, kept.data)
            except RecursionError:  # nested too deeply to compare: taken as it is
                pass
    record = _FILES[source.path] = RecordFile(source, data)
    if locator is not None:
        record.locator = locator
    elif kept is not None:  # positions moved from the last ones when they are asked for
        record.locator = Locator(source.text, base=kept.locator)
    return record


def _edited(data: dict[str, Any], edit: ValueEdit) -> dict[str, Any] | None:
    """``data`` with the one value ``edit`` is about read again; ``None`` when unsure.

    The change lies inside one value written as a scalar or a string, and
    the text around it is as before (:meth:`Locator.edited`): a parse of the
    whole file would read what it read before, and that value as its new
    text reads alone. Only where the old text reads as the value ``data``
    has at that path (the scanner's path is the parser's), and the new text
    as one value; a slip being typed is left to the whole file's parse,
    which says where it is.
    """
    try:
        before = tomllib.loads("v = " + edit.before, parse_float=Decimal)
        after = tomllib.loads("v = " + edit.after, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    if set(before) != {"v"} or set(after) != {"v"} or isinstance(after["v"], dict | list):
        return None
    old: Any = data
    for key in edit.keys:  # the path as the scanner read it: it must lead to that value
        if isinstance(key, int) and isinstance(old, list) and 0 <= key < len(old):
            old = old[key]
        elif isinstance(key, str) and isinstance(old, dict) and key in old:
            old = old[key]
        else:
            return None
    if type(old) is not type(before["v"]) or repr(old) != repr(before["v"]):
        return None
    return _replaced(data, edit.keys, after["v"])


def _replaced(node: Any, keys: KeyPath, value: Any) -> Any:
    """A copy of ``node`` with ``value`` at ``keys``; all beside the path stays the same objects."""
    if not keys:
        return value
    copy: Any = dict(node) if isinstance(node, dict) else list(node)
    copy[keys[0]] = _replaced(node[keys[0]], keys[1:], value)
    return copy


def reuse(new: Any, old: Any) -> Any:
    """``new`` with each table, array or value equal to the same one in ``old`` replaced by it.

    Equal means what validation cannot tell apart: the same types (``1`` is
    not ``1.0`` nor ``true``), keys in the same order, decimals written with
    the same digits (``2.30`` is not ``2.3``). The checks after a keystroke
    can then tell an unchanged part by identity, and skip it. ``new`` is
    changed in place (it is a fresh parse); returns ``old`` when all of it is equal.
    """
    if new is old:
        return old
    if type(new) is not type(old):
        return new
    if isinstance(new, dict):
        same = len(new) == len(old) and list(new) == list(old)
        for key, value in new.items():
            if key in old:
                kept = reuse(value, old[key])
                new[key] = kept
                same = same and kept is old[key]
            else:
                same = False
        return old if same else new
    if isinstance(new, list):
        same = len(new) == len(old)
        for i, value in enumerate(new):
            if i < len(old):
                kept = reuse(value, old[i])
                new[i] = kept
                same = same and kept is old[i]
        return old if same else new
    if isinstance(new, str | int):  # bool too: the types are the same
        return old if new == old else new
    return old if repr(new) == repr(old) else new  # Decimal's digits, a date-time's offset


_SECTIONS: dict[Path, Section] = {}
"""Each section's model, built again only when its file's record is another."""


def _section(record: RecordFile) -> Section:
    kept = _SECTIONS.get(record.path)
    if kept is None or kept.file is not record:
        kept = _SECTIONS[record.path] = build_section(record)
    return kept


def check_snapshot(snapshot: Snapshot) -> CheckResult:
    """Parse and validate a snapshot; runs in a worker thread.

    Work is in proportion to what changed since the last check: an unchanged
    file is not parsed again and keeps its positions, and only what changed
    is validated again (``validate_report(..., again=True)``), with the rules
    across files; the findings are those of a fresh ``tui validate``.
    """
    from schema import validate_report  # jsonschema loads here, not at the editor's start

    with _LOCK:
        errors: list[RecordError] = []
        records: list[RecordFile] = []
        for n, source in enumerate(snapshot.sources):
            try:
                records.append(_read(source))
            except RecordError as e:
                errors.append(e)
                if not n:  # an unreadable section is left out, as tui validate leaves it out
                    records.append(RecordFile(source, {}))
        paths = {s.path for s in snapshot.sources}
        for gone in [p for p in _FILES if p not in paths]:
            del _FILES[gone]
        for gone in [p for p in _SECTIONS if p not in paths]:
            del _SECTIONS[gone]
        report = build_report(snapshot.folder, records[0], [])
        report = report._replace(sections=[_section(r) for r in records[1:]])
        diagnostics = validate_report(report, errors, again=True)
    ordered = sorted(diagnostics, key=lambda d: (d.severity != "error", d.file, d.line))
    return CheckResult(report, ordered, snapshot.generation)
