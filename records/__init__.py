"""Report records: TOML in and out, the report model, source positions.

The lowest layer of tui; it imports nothing else of ours. Read a report with
:func:`load_report` (or :func:`read_report` to collect every unreadable file),
edit one with :class:`ReportDraft`.
"""

from records.diagnostic import Diagnostic, Severity
from records.editing import EditableFile, ReportDraft
from records.errors import (
    EncodingError,
    FileChangedError,
    NotAReportError,
    PlaceholderError,
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
    Part,
    RecordFile,
    Report,
    Section,
    Where,
)
from records.positions import KeyPath, Position

__all__ = [
    "REPORT_FILE",
    "SECTION_KINDS",
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
    "Part",
    "PlaceholderError",
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
    "load_report",
    "read_file",
    "read_report",
]
