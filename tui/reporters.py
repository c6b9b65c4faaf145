"""Printing validation results: plain text, JSON, or GitHub workflow annotations.

The validator returns diagnostics; these reporters only decide how they look.
Text is ``file:line:col: severity CODE message`` (what editors and terminals
turn into links), JSON is one object for other programs, and ``github``
writes ``::error file=…`` lines that GitHub Actions shows on the diff. With
more than one report, text adds a table of every report's counts.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import IO, NamedTuple

from records import Diagnostic
from tui.cells import clip, pad
from tui.commands.table import format_table


class ReportResult(NamedTuple):
    """One report folder's findings."""

    folder: str
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning" and not d.waived)

    @property
    def waived(self) -> int:
        return sum(1 for d in self.diagnostics if d.waived)


def _fields(d: Diagnostic) -> dict[str, object]:
    return {
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "severity": d.severity,
        "code": d.code,
        "message": d.message,
        "pointer": d.pointer,
    }


def summary(results: list[ReportResult]) -> dict[str, int]:
    """Totals over every report."""
    return {
        "reports": len(results),
        "errors": sum(r.errors for r in results),
        "warnings": sum(r.warnings for r in results),
        "waived": sum(r.waived for r in results),
        "failed_reports": sum(1 for r in results if r.errors),
    }


def _summary_line(results: list[ReportResult]) -> str:
    totals = summary(results)
    if not totals["reports"]:
        return "没有检查任何报告：给出的文件都不属于报告文件夹"
    head = f"检查了 {totals['reports']} 份报告" if totals["reports"] != 1 else "检查了 1 份报告"
    if not (totals["errors"] or totals["warnings"] or totals["waived"]):
        return f"{head}，未发现问题"
    waived = f"，{totals['waived']} 个警告已豁免" if totals["waived"] else ""
    return f"{head}：{totals['errors']} 个错误，{totals['warnings']} 个警告{waived}"


def _colour(stream: IO[str]) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def table(results: list[ReportResult]) -> list[str]:
    """One row per report: its folder, its counts, and whether it passes."""
    header = ("报告", "错误", "警告", "已豁免", "结果")
    rows = [
        (r.folder, str(r.errors), str(r.warnings), str(r.waived), "未通过" if r.errors else "通过")
        for r in results
    ]
    return format_table(header, rows, right=(False, True, True, True, False))


def write_text(results: list[ReportResult], out: IO[str]) -> None:
    """Human-readable lines, coloured on a terminal, then the per-report table and totals."""
    colour = _colour(out)
    paint = {"error": "\033[31m", "warning": "\033[33m", "waived": "\033[2m"}
    for result in results:
        for d in result.diagnostics:
            severity: str = d.severity
            message = d.message + (f"【已豁免：{d.waiver_reason}】" if d.waived else "")
            if colour:
                key = "waived" if d.waived else severity
                severity = f"{paint[key]}{severity}\033[0m"
            out.write(f"{d.file}:{d.line}:{d.column}: {severity} {d.code} {message}\n")
    if len(results) > 1:
        out.write("\n" + "\n".join(table(results)) + "\n")
    out.write(_summary_line(results) + "\n")


def write_json(results: list[ReportResult], out: IO[str]) -> None:
    """One JSON object: the counted ``diagnostics``, ``waived``, ``summary`` and ``reports``."""
    document = {
        "diagnostics": [_fields(d) for r in results for d in r.diagnostics if not d.waived],
        "waived": [
            {**_fields(d), "reason": d.waiver_reason}
            for r in results
            for d in r.diagnostics
            if d.waived
        ],
        "summary": summary(results),
        "reports": [
            {"folder": r.folder, "errors": r.errors, "warnings": r.warnings, "waived": r.waived}
            for r in results
        ],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(results: list[ReportResult], out: IO[str]) -> None:
    """GitHub Actions workflow commands: an annotation per finding, a notice per waived one."""
    for result in results:
        for d in result.diagnostics:
            level = "notice" if d.waived else d.severity
            title = f"{d.code}（已豁免：{d.waiver_reason}）" if d.waived else d.code
            out.write(
                f"::{level} file={_escape_property(d.file)},line={d.line},col={d.column},"
                f"title={_escape_property(title)}::{_escape_data(d.message)}\n"
            )
    out.write(_summary_line(results) + "\n")


REPORTERS: dict[str, Callable[[list[ReportResult], IO[str]], None]] = {
    "text": write_text,
    "json": write_json,
    "github": write_github,
}
"""The output formats by the name ``--format`` takes."""


class ProgressBar:
    """A one-line bar on standard error while many reports are checked; silent off a terminal."""

    def __init__(
        self, total: int, stream: IO[str] | None = None, enabled: bool | None = None
    ) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0

    def advance(self, label: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        cells = 30
        filled = cells * self.done // max(self.total, 1)
        name = clip(label, 30, keep_end=True)
        self.stream.write(
            f"\r校验中 [{'#' * filled}{'.' * (cells - filled)}] "
            f"{self.done}/{self.total} {pad(name, 30)}"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()
