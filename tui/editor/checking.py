"""Checking the draft: immutable snapshots of its text, parsed and validated in a worker.

A worker thread never reads a tomlkit document the main thread is changing:
it gets the files' texts (:class:`Snapshot`) and returns the model and the
diagnostics (:class:`CheckResult`). No Textual here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from records import Diagnostic, RecordError, Report
from records.loader import parse_toml
from records.model import RecordFile, build_report
from records.positions import Locator
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


_PARSED: dict[Path, tuple[str, dict[str, Any]]] = {}
"""Each file's last parsed text and data: a keystroke in one file leaves the others unparsed."""

_FILES: dict[Path, RecordFile] = {}
"""Each file's last record: an unchanged file keeps its positions (found once, when asked)."""

_LOCK = threading.Lock()
"""One check at a time uses the kept data (a cancelled worker may still be running)."""


def _parse(source: SourceText) -> dict[str, Any]:
    """The file's data: the same objects as last time for what did not change."""
    kept = _PARSED.get(source.path)
    if kept is not None and kept[0] == source.text:
        return kept[1]
    data = parse_toml(source)
    if kept is not None:
        try:
            data = reuse(data, kept[1])
        except RecursionError:  # nested too deeply to compare: taken as it is
            pass
    _PARSED[source.path] = (source.text, data)
    return data


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


def _record(source: SourceText, data: dict[str, Any]) -> RecordFile:
    """The file's record: the last one while unchanged, else one whose positions follow it."""
    kept = _FILES.get(source.path)
    if kept is not None and kept.data is data and kept.source == source:
        return kept
    record = _FILES[source.path] = RecordFile(source, data)
    if kept is not None:  # a keystroke inside a value moves the positions after it
        record.locator = Locator(source.text, base=kept.locator)
    return record


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
                data = _parse(source)
            except RecordError as e:
                errors.append(e)
                if n:  # an unreadable section is left out, as tui validate leaves it out
                    continue
                data = {}
            records.append(_record(source, data))
        paths = {s.path for s in snapshot.sources}
        for gone in [p for p in _FILES if p not in paths]:
            del _FILES[gone]
        for gone in [p for p in _PARSED if p not in paths]:
            del _PARSED[gone]
        report = build_report(snapshot.folder, records[0], records[1:])
        diagnostics = validate_report(report, errors, again=True)
    ordered = sorted(diagnostics, key=lambda d: (d.severity != "error", d.file, d.line))
    return CheckResult(report, ordered, snapshot.generation)
