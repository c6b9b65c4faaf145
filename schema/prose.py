"""Rules on how the text is written: punctuation, part-year figures, dates as dates.

Chinese prose takes full-width punctuation (GB/T 15834); a half-width comma
between two digits (1,014) or a colon in a time (10:30) is not prose and is
left alone. A “截至…月” figure in the 主要举措和成效 reports part of a year
where the whole year is due.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from schema.findings import RuleError, section_prose
from schema.instance import TomlDate, TomlDateTime
from schema.numbering import typed_number

_HALF_WIDTH = re.compile(r"[,:;()]")
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def half_width_marks(text: str) -> list[int]:
    """Indexes of half-width , : ; ( ) that stand in Chinese text."""
    found = []
    for match in _HALF_WIDTH.finditer(text):
        i = match.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before.isdigit() and after.isdigit():
            continue
        if _is_cjk(before) or _is_cjk(after):
            found.append(i)
    return found


def prose(validator: Any, enabled: bool, instance: Any, schema: Any) -> Iterator[RuleError]:
    """``tuiProse``: half-width punctuation inside Chinese text (a warning)."""
    if not enabled or not isinstance(instance, str):
        return
    marks = half_width_marks(instance)
    numbering = schema.get("tuiTypedNumbering") if isinstance(schema, dict) else None
    typed = typed_number(instance, numbering) if marks and numbering else None
    if typed:  # “(一)” typed by hand: tuiTypedNumbering says to delete it, not to widen it
        marks = [i for i in marks if not typed.start <= i < typed.end]
    if marks:
        first = instance[marks[0]]
        more = f"（本段共 {len(marks)} 处）" if len(marks) > 1 else ""
        yield RuleError(
            "F003",
            f"中文中使用了半角标点“{first}”，应为全角“{_FULL_WIDTH[first]}”{more}",
            severity="warning",
            index=marks[0],
        )


def partial_year(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiPartialYear``: “截至…月” figures where the whole year's are expected (a warning)."""
    if not isinstance(instance, dict) or instance.get("kind") not in spec["kinds"]:
        return
    pattern = re.compile(spec["pattern"])
    for path, text in section_prose(instance):
        match = pattern.search(text)
        if match:
            yield RuleError(
                "F004",
                f"“{match.group()}”是年中数据；年度报告应写全年数据，请核对后改为全年数字，"
                "或在 report.toml 的 [[waivers]] 中说明理由",
                path,
                severity="warning",
                index=match.start(),
            )


def toml_type(validator: Any, expected: str, instance: Any, schema: Any) -> Iterator[RuleError]:
    """``tuiTomlType``: a date is a TOML date, not a quoted string or a date-time."""
    if expected != "date" or not isinstance(instance, str) or isinstance(instance, TomlDate):
        return
    title = schema.get("title", "日期")
    if isinstance(instance, TomlDateTime):
        message = f"“{title}”只写日期，不写时间，如 2024-01-19"
    else:
        message = f"“{title}”应写成不加引号的 TOML 日期，如 2024-01-19，而不是字符串“{instance}”"
    yield RuleError("F002", message)
