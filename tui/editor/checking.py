"""Checking the draft: immutable snapshots of its text, parsed and validated in a worker.

A worker thread never reads a tomlkit document the main thread is changing:
it gets the files' texts (:class:`Snapshot`) and returns the model and the
diagnostics (:class:`CheckResult`). No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from records import Diagnostic, RecordError, Report
from records.loader import parse_toml
from records.model import RecordFile, build_report
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


def _parse(source: SourceText) -> dict[str, Any]:
    kept = _PARSED.get(source.path)
    if kept is not None and kept[0] == source.text:
        return kept[1]
    data = parse_toml(source)
    _PARSED[source.path] = (source.text, data)
    return data


def check_snapshot(snapshot: Snapshot) -> CheckResult:
    """Parse and validate a snapshot; runs in a worker thread."""
    from schema import validate_report  # jsonschema loads here, not at the editor's start

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
        records.append(RecordFile(source, data))
    report = build_report(snapshot.folder, records[0], records[1:])
    diagnostics = validate_report(report, errors)
    ordered = sorted(diagnostics, key=lambda d: (d.severity != "error", d.file, d.line))
    return CheckResult(report, ordered, snapshot.generation)
