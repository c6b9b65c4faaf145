"""Reading a report folder: ``report.toml`` plus one TOML file per section.

Validation reads with the standard library's ``tomllib`` (fast); floats are
read as ``Decimal`` so that 861.98 stays 861.98 and 2.30 keeps its two
decimals, which the rounding rules and the exporters need. Every file that
cannot be read is collected, not just the first.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from records.errors import NotAReportError, RecordError, TomlSyntaxError
from records.model import RecordFile, Report, build_report, natural_key
from records.source import SourceText, read_source

REPORT_FILE = "report.toml"
_TOMLLIB_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_toml(source: SourceText) -> dict[str, Any]:
    """Parse a file's text, turning a syntax error into one that names line and column."""
    needed = "year、[header]、[body]" if source.path.name == REPORT_FILE else "kind、title"
    if not source.text.strip():
        raise RecordError(f"文件是空的：至少要有 {needed} 等内容", source.path, 1, 1)
    try:
        data = tomllib.loads(source.text, parse_float=Decimal)
    except RecursionError as e:
        raise RecordError(
            "嵌套层次太深，无法读取：请检查是否误写了大量的“[”或“{”", source.path, 1, 1
        ) from e
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        match = _TOMLLIB_POSITION.search(message)
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()].strip()
        else:
            line = source.text.count("\n") + 1
            column = 1
            message = re.sub(r"\s*\(at end of document\)", "", message)
        from records import toml_errors  # only a file that fails to parse needs it

        lines = source.text.splitlines()
        at = lines[line - 1] if 0 < line <= len(lines) else ""
        column = toml_errors.column(message, at, column)
        explained = toml_errors.describe(message, lines, line)
        raise TomlSyntaxError(f"TOML 语法错误：{explained}", source.path, line, column) from e
    if not data:
        raise RecordError(
            f"文件中只有注释和空行，没有内容：至少要有 {needed} 等内容", source.path, 1, 1
        )
    return data


def read_file(path: Path) -> RecordFile:
    """One record file, read and parsed."""
    source = read_source(path)
    return RecordFile(source, parse_toml(source))


def section_paths(folder: Path) -> list[Path]:
    """The section files of a report folder, in the order the report shows them.

    Anything named ``*.toml`` (or ``*.TOML``) counts, so a folder or a broken
    link of that name is reported as unreadable rather than silently left
    out; hidden files (an editor's ``.#1-measures.toml`` lock, tui's own
    ``.tui-…`` temporary files and save journals) do not.
    """
    files = [
        p
        for p in folder.iterdir()
        if p.suffix.lower() == ".toml"
        and p.name.lower() != REPORT_FILE
        and not p.name.startswith(".")
    ]
    return sorted(files, key=lambda p: natural_key(p.name))


class LoadResult(NamedTuple):
    """A report as far as it could be read, and what could not be."""

    report: Report
    errors: list[RecordError]


def check_folder(folder: Path) -> None:
    """Refuse a path that is not a report folder, saying what it is instead."""
    if not folder.exists():
        raise RecordError("文件夹不存在", folder)
    if not folder.is_dir():
        raise RecordError("需要报告文件夹（内含 report.toml），这里给的是文件", folder)
    meta = folder / REPORT_FILE
    if meta.is_dir():
        raise RecordError("report.toml 是一个文件夹，不是文件", meta)
    if meta.is_symlink() and not meta.exists():
        raise RecordError("report.toml 是一个链接，它指向的文件不存在", meta)
    if not meta.is_file():
        near = [p.name for p in folder.iterdir() if p.name.lower() == REPORT_FILE]
        hint = f"（这里的 {near[0]} 须改名为全小写的 report.toml）" if near else ""
        raise NotAReportError(f"不是报告文件夹：缺少 report.toml{hint}", folder)


def read_report(folder: Path) -> LoadResult:
    """Read every file of a report folder; unreadable files are reported, not fatal."""
    check_folder(folder)
    errors: list[RecordError] = []

    def attempt(path: Path) -> RecordFile | None:
        try:
            return read_file(path)
        except RecordError as e:
            errors.append(e)
            return None

    meta = attempt(folder / REPORT_FILE)
    if meta is None:
        meta = RecordFile(SourceText(folder / REPORT_FILE, "", False, "\n", ""), {})
    sections = [f for f in map(attempt, section_paths(folder)) if f is not None]
    return LoadResult(build_report(folder, meta, sections), errors)


def load_report(folder: Path) -> Report:
    """Read a report folder, raising the first problem if any file cannot be read."""
    result = read_report(folder)
    if result.errors:
        raise result.errors[0]
    return result.report
