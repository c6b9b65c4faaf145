"""Reading a report folder for validation, whatever state its files are in.

Like :func:`records.read_report`, but a file whose nesting exhausts the
parser's stack is one more unreadable file, not a crash.
"""

from __future__ import annotations

from pathlib import Path

from records import Diagnostic, RecordError, RecordFile, read_file
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


def validate_folder(folder: Path) -> list[Diagnostic]:
    """Every finding about the report in ``folder``; a folder that is no report is one finding."""
    try:
        check_folder(folder)
    except RecordError as e:
        return [load_diagnostic(e)]
    errors: list[RecordError] = []
    meta = _read(folder / REPORT_FILE, errors)
    if meta is None:
        meta = RecordFile(SourceText(folder / REPORT_FILE, "", False, "\n", ""), {})
    sections = [f for f in (_read(p, errors) for p in section_paths(folder)) if f is not None]
    return validate_report(build_report(folder, meta, sections), errors)
