"""Report records: TOML in and out, the report model, source positions.

The lowest layer of tui; it imports nothing else of ours. Read a report with
:func:`load_report` (or :func:`read_report` to collect every unreadable file),
edit one with :class:`ReportDraft` (imported lazily: tomlkit is
loaded only when something is edited).
"""

from typing import TYPE_CHECKING

from records.body import Block, Numbering
from records.diagnostic import Diagnostic, Severity
from records.errors import (
    EncodingError,
    FileChangedError,
    NotAReportError,
    RecordError,
    TomlSyntaxError,
    TuiError,
    WriteError,
)
from records.loader import REPORT_FILE, LoadResult, load_report, read_file, read_report
from records.model import (
    SECTION_KINDS,
    Body,
    Footer,
    Header,
    Metric,
    RecordFile,
    Report,
    Section,
    Where,
)
from records.positions import KeyPath, Position

if TYPE_CHECKING:
    from records.editing import EditableFile, ReportDraft

_LAZY = {"EditableFile", "ReportDraft"}


def __getattr__(name: str) -> object:
    # Editing needs tomlkit; validation (run on every commit) does not, so it
    # is imported only when an editing class is first asked for.
    if name in _LAZY:
        from records import editing

        return getattr(editing, name)
    raise AttributeError(f"module 'records' has no attribute {name!r}")


__all__ = [
    "REPORT_FILE",
    "SECTION_KINDS",
    "Block",
    "Body",
    "Diagnostic",
    "EditableFile",
    "EncodingError",
    "FileChangedError",
    "Footer",
    "Header",
    "KeyPath",
    "LoadResult",
    "Metric",
    "NotAReportError",
    "Numbering",
    "Position",
    "RecordError",
    "RecordFile",
    "Report",
    "ReportDraft",
    "Section",
    "Severity",
    "TomlSyntaxError",
    "TuiError",
    "Where",
    "WriteError",
    "load_report",
    "read_file",
    "read_report",
]
