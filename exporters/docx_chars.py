"""Characters a DOCX cannot hold, and where in the records they were typed.

XML 1.0 forbids most C0 control characters, so python-docx (lxml) refuses
them: a bell or form feed pasted from another program, or written as
``\\u0007`` in TOML, would crash the export or corrupt the file. The exporter
drops them, and these diagnostics tell the clerk which file and line to fix.
This module does not import python-docx, so a validator may use it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from records import Diagnostic, RecordFile, Report
from records.diagnostic import relative_to_cwd
from records.positions import KeyPath

CODE = "X003"
"""The diagnostic code of a character that cannot be written to a DOCX."""

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 (and so a DOCX) cannot contain; tab, newline and carriage return are fine."""

_NAMES = {
    "\x00": "空字符 NUL",
    "\x07": "响铃符 BEL",
    "\x08": "退格符 BS",
    "\x0b": "垂直制表符 VT",
    "\x0c": "换页符 FF",
    "\x1b": "转义符 ESC",
}


def strip_illegal(text: str) -> str:
    """``text`` without the characters a DOCX cannot hold."""
    return ILLEGAL.sub("", text)


def _strings(value: Any, keys: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield keys, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*keys, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*keys, index))


def describe(char: str) -> str:
    """A character's name for the clerk: “换页符 FF（U+000C）”."""
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(char, "控制字符")
    return f"{name}（{code}）"


def file_problems(file: RecordFile) -> list[Diagnostic]:
    """One error per character in ``file``'s strings that a DOCX cannot hold."""
    problems: list[Diagnostic] = []
    for keys, text in _strings(file.data, ()):
        for match in ILLEGAL.finditer(text):
            where = file.where(keys, match.start())
            problems.append(
                Diagnostic(
                    relative_to_cwd(file.path),
                    where.line,
                    where.column,
                    CODE,
                    "error",
                    f"文字中有不能写入 DOCX 的{describe(match.group())}，"
                    "多半是从别的程序粘贴进来的；导出时会删去它，请在此处删除",
                    where.pointer,
                )
            )
    return problems


def report_problems(report: Report) -> list[Diagnostic]:
    """Every character in the report's files that a DOCX cannot hold, file by file."""
    return [problem for file in report.files for problem in file_problems(file)]
