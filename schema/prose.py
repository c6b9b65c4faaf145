"""Rules on how the text is written: punctuation, line breaks, part-year figures, dates.

Chinese prose takes full-width punctuation (GB/T 15834); a half-width comma
between two digits (1,014) or a colon in a time (10:30) is not prose and is
left alone. A paragraph or a heading is one line of text: a line break in it
splits what is exported, except in the report's title, which is printed over
the lines the clerk chose. A “截至…月” figure in the 主要举措和成效 reports
part of a year where the whole year is due.
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


_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")
_TYPED_NEWLINE = re.compile(r"(?:\\r)?\\n")
"""A backslash and an ``n``: ``'\\n'`` in a literal string, ``"\\\\n"`` in a basic one."""
_CONTINUED = '长字符串在 """ 中换行时行尾加 \\（反斜杠），换行和下一行开头的空白就不算内容'


def _one_string(title: str) -> str:
    """How the string ``title`` names is written: one heading, one point, one paragraph."""
    if title.endswith("标题"):
        return "标题导出为一行（只有报告标题 [body] title 可以分行）"
    if title == "要点":
        return "一条要点应写成一个字符串，下一条要点请另写一项"
    if title == "开头语":
        return "开头语是一段文字，应写成一个字符串"
    return "一段文字应写成一个字符串，另起一段请写在 paragraphs 中"


def line_breaks(text: str, title: str, title_lines: bool) -> Iterator[RuleError]:
    """A line break inside prose, and ``\\n`` typed as two characters (warnings).

    A paragraph is one string: a line break in it (a long paragraph wrapped in
    a TOML ``\"\"\"`` string without the line-ending backslash) splits the
    exported paragraph. Only the report's title (``title_lines``) breaks
    where the clerk wrote ``\\n``; written as a backslash and an ``n`` it
    prints as those two characters, there and everywhere else.
    """
    if not text.strip():
        return  # empty: S005
    breaks = [] if title_lines else list(_LINE_BREAK.finditer(text))
    if breaks:
        more = f"（共 {len(breaks)} 处）" if len(breaks) > 1 else ""
        if not _LINE_BREAK.search(text.rstrip("\r\n\u2028\u2029")):
            message = (
                f'{title}末尾有换行，导出后会多出一个空行：结尾的 """ 请紧接在文字之后写，'
                "或在上一行行尾加 \\"
            )
        else:
            message = (
                f"{title}中有换行{more}，导出时会在此处断开：{_one_string(title)}；{_CONTINUED}"
            )
        yield RuleError("X005", message, severity="warning", index=breaks[0].start())
    typed = _TYPED_NEWLINE.search(text)
    if typed:
        if title_lines:
            fix = (
                '要在此处换行，请在 report.toml 中用双引号写 title = "……\\n……"'
                "（单引号 '……' 中的 \\n 不是换行），或在编辑器的标题中输入 \\n"
            )
        else:
            fix = f"请删去；{_one_string(title)}"
        yield RuleError(
            "X006",
            f"{title}中的“{typed.group()}”是反斜杠和字母 n，导出时原样印出“{typed.group()}”，"
            f"不会换行：{fix}",
            severity="warning",
            index=typed.start(),
        )


def prose(validator: Any, enabled: bool, instance: Any, schema: Any) -> Iterator[RuleError]:
    """``tuiProse``: half-width punctuation inside Chinese text, line breaks in it (warnings).

    The schema's ``tuiTitleLines`` marks the one string where a line break is
    meant: the report's title, printed over several lines.
    """
    if not enabled or not isinstance(instance, str):
        return
    title = schema.get("title", "文字") if isinstance(schema, dict) else "文字"
    title_lines = isinstance(schema, dict) and schema.get("tuiTitleLines") is True
    yield from line_breaks(instance, title, title_lines)
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
