"""The one root for errors that are exceptions, and the position they carry.

Findings about a report's content are values (:class:`records.diagnostic.Diagnostic`);
an exception is kept for what stops a file from being read or written at all:
bad encoding, broken TOML, a file changed behind our back, a failed write.
"""

from __future__ import annotations

from pathlib import Path


class TuiError(Exception):
    """Root of every error tui raises on purpose; the CLI prints these, never a traceback."""

    code = "E000"

    def __init__(self, message: str, path: Path | None = None, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line:
                where += f":{self.line}:{self.column or 1}"
            where += ": "
        return f"{where}{self.message}"


class RecordError(TuiError):
    """A record file cannot be read: missing, not UTF-8, not TOML."""

    code = "R001"


class NotAReportError(RecordError):
    """A folder that holds no report.toml."""

    code = "R002"


class EncodingError(RecordError):
    """A file whose bytes are not UTF-8 (a GBK file saved on Windows, usually)."""

    code = "R003"


class TomlSyntaxError(RecordError):
    """A file that is not valid TOML; line and column come from the parser."""

    code = "R004"


class FileChangedError(TuiError):
    """The file on disk is not the one we loaded: saving would overwrite someone's work."""

    code = "R010"


class WriteError(TuiError):
    """The atomic write failed; the old file is still in place."""

    code = "R011"
