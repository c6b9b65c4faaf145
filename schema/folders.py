"""Reading a report folder for validation, whatever state its files are in.

Like :func:`records.read_report`, but a file whose nesting exhausts the
parser's stack is one more unreadable file, not a crash.
"""

from __future__ import annotations

from pathlib import Path

from records import Diagnostic, RecordError, RecordFile, Report, read_file
from records.loader import REPORT_FILE, check_folder, section_paths
from records.model import build_report
from records.source import SourceText
from schema.validator import load_diagnostic, validate_report


def _read(path: Path, errors: list[RecordError]) -> RecordFile | None:
    try:
        return read_file(path)
    except RecordError as e:
        errors.append(e)
    except RecursionError:
        errors.append(
            RecordError("文件嵌套过深，无法读取；请检查是否有成千上万层的数组或表", path, 1, 1)
        )
    return None


def read_folder(folder: Path) -> tuple[Report, list[RecordError]]:
    """The report in ``folder`` as far as it can be read, and the files that cannot be.

    Raises :class:`records.RecordError` when the folder is no report at all.
    """
    check_folder(folder)
    errors: list[RecordError] = []
    meta = _read(folder / REPORT_FILE, errors)
    if meta is None:
        meta = RecordFile(SourceText(folder / REPORT_FILE, "", False, "\n", ""), {})
    sections = [f for f in (_read(p, errors) for p in section_paths(folder)) if f is not None]
    return build_report(folder, meta, sections), errors


def validate_folder(folder: Path) -> list[Diagnostic]:
    """Every finding about the report in ``folder``; a folder that is no report is one finding."""
    try:
        report, errors = read_folder(folder)
    except RecordError as e:
        return [load_diagnostic(e)]
    return validate_report(report, errors)
