"""``[[waivers]]`` in report.toml: warnings a bureau has accepted, with a written reason.

A waiver names a code and optionally a file and a JSON pointer; every
warning it covers is then reported as waived and not counted. Errors cannot
be waived, and a waiver that covers nothing is itself a warning, so stale
waivers do not pile up.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from records import Diagnostic, Report
from records.diagnostic import relative_to_cwd
from schema.codes import CODES, is_warning
from schema.loading import resolve_local


def _covers(waiver: dict[str, Any], diagnostic: Diagnostic) -> bool:
    if diagnostic.code != waiver["code"] or diagnostic.severity != "warning" or diagnostic.waived:
        return False
    file = waiver.get("file")
    if isinstance(file, str) and Path(diagnostic.file).name != Path(file).name:
        return False
    pointer = waiver.get("pointer")
    if isinstance(pointer, str) and pointer:
        return diagnostic.pointer == pointer or diagnostic.pointer.startswith(
            pointer.rstrip("/") + "/"
        )
    return True


def _usable(waiver: Any) -> bool:
    """Whether a waiver is whole enough to apply (the schema reports what is missing or wrong)."""
    code_pattern = resolve_local("report#/properties/waivers/items/properties/code/pattern")
    return (
        isinstance(waiver, dict)
        and isinstance(waiver.get("code"), str)
        and re.search(code_pattern, waiver["code"]) is not None
        and isinstance(waiver.get("reason"), str)
        and bool(waiver["reason"].strip())
    )


def apply_waivers(diagnostics: list[Diagnostic], report: Report) -> list[Diagnostic]:
    """The diagnostics with accepted warnings marked, plus findings about the waivers."""
    waivers = report.meta.data.get("waivers")
    if not isinstance(waivers, list):
        return diagnostics
    result = list(diagnostics)
    meta = report.meta
    file = relative_to_cwd(meta.path)

    def finding(index: int, code: str, message: str) -> Diagnostic:
        where = meta.where(("waivers", index, "code"))
        return Diagnostic(
            file, where.line, where.column, code, CODES[code][0], message, where.pointer
        )

    names = {f.path.name for f in report.files}
    for index, waiver in enumerate(waivers):
        if not _usable(waiver):
            continue  # the schema reports what is missing
        code = waiver["code"]
        if code not in CODES:
            result.append(finding(index, "V003", f"没有代码为“{code}”的检查项，无法豁免"))
            continue
        if not is_warning(code):
            result.append(finding(index, "V001", f"“{code}”是错误，错误不能豁免，只能改正"))
            continue
        used = False
        for i, diagnostic in enumerate(result):
            if _covers(waiver, diagnostic):
                result[i] = diagnostic._replace(waived=True, waiver_reason=waiver["reason"].strip())
                used = True
        named = waiver.get("file")
        if not used and isinstance(named, str) and Path(named).name not in names:
            message = f"这条豁免写的文件“{named}”不在本报告文件夹中：请改正文件名，或删除这条豁免"
            result.append(finding(index, "V002", message))
        elif not used:
            result.append(finding(index, "V002", f"这条豁免没有对应的“{code}”警告，可以删除"))
    return result
