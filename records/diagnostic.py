"""A finding about a report: a value, not an exception.

Everything that checks a report (loading, placeholders, the schema rules)
produces these; reporters in ``tui`` print them as text, JSON or GitHub
annotations.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning"]


class Diagnostic(NamedTuple):
    """One finding, with where it is, how bad it is, and what to do, in Chinese.

    Findings sort by file, line and column. (Named tuples rather than
    dataclasses, here and in the report model: a dataclass compiles its
    methods when its module is imported, and ``tui validate`` runs on every
    commit.)
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    pointer: str = ""
    waived: bool = False
    """A warning accepted by a ``[[waivers]]`` entry of report.toml: shown, not counted."""
    waiver_reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"


def relative_to_cwd(path: Path) -> str:
    """A path as the user typed it: relative to the working folder when inside it.

    Links are not followed: a section file that is a link is named by the
    link, which is what the clerk sees in the folder.
    """
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.getcwd()))
    except ValueError:
        return str(path)
