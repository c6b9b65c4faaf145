"""TOML syntax errors in the clerk's language, with a hint at the usual cause.

tomllib says what it expected in English; a clerk typing through a Chinese
input method mostly trips over full-width punctuation (“” quotes, ＝, １４２)
or an unclosed quote. This turns the parser's message and the offending line
into a Chinese explanation.
"""

from __future__ import annotations

import ast
import json
import re

_FIXED = {
    "Invalid value": "值无效",
    "Unterminated string": "字符串缺少结束的引号",
    "Cannot overwrite a value": "同一个键写了两次",
    "Expected '=' after a key in a key/value pair": "键后面应有半角等号“=”",
    "Expected newline or end of document after a statement": (
        "一行只能写一个“键 = 值”，值后面有多余的内容"
    ),
    "Unclosed array": "数组缺少结束的“]”",
    "Unclosed inline table": "内联表缺少结束的“}”",
    "Invalid initial character for a key part": (
        "键名无效：键名只能用英文字母、数字、下划线和连字符"
    ),
    "Invalid statement": "无法识别的语句",
    "Expected ']' at the end of a table declaration": "表头缺少结束的“]”",
    "Expected ']]' at the end of an array declaration": "表数组的表头缺少结束的“]]”",
    "Invalid date or datetime": "日期无效：请写成 2024-01-19 这样的格式，不加引号",
    "Invalid hex value": "字符串中的 \\u 转义无效",
    "Escaped character is not a Unicode scalar value": "字符串中的 \\u 转义无效",
    "Unescaped '\\' in a string": "字符串中的反斜杠“\\”须写成“\\\\”",
}

_PATTERNS = [
    (re.compile(r"Illegal character '\\n'"), "字符串缺少结束的引号（单行字符串须在同一行内结束）"),
    (re.compile(r"Illegal character (.+)"), "字符串中不允许出现控制字符 {0}"),
    (re.compile(r"Found invalid character (.+)"), "此处不应出现字符 {0}"),
    (re.compile(r"Cannot declare (.+) twice"), "表 [{0}] 写了两次：请把两处的内容合并到一处"),
    (re.compile(r"Cannot redefine namespace (.+)"), "表 [{0}] 重复定义"),
    (re.compile(r"Cannot mutate immutable namespace (.+)"), "不能再向 {0} 添加内容：它已经写完"),
    (re.compile(r"Duplicate inline table key (.+)"), "内联表中的键 {0} 写了两次"),
    (re.compile(r"Expected (.+)"), "此处应为 {0}"),
]

_FULL_WIDTH_DIGIT = re.compile("[０-９]")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(text: str) -> str:
    """A table as the clerk writes it, ``metrics.a``; tomllib names it ``('metrics', 'a')``."""
    try:
        parts = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    if not isinstance(parts, tuple) or not all(isinstance(p, str) for p in parts):
        return text
    quoted = (p if _BARE_KEY.fullmatch(p) else json.dumps(p, ensure_ascii=False) for p in parts)
    return ".".join(quoted)


def translate(message: str) -> str:
    """tomllib's English message in Chinese (unknown messages pass through)."""
    if message in _FIXED:
        return _FIXED[message]
    for pattern, template in _PATTERNS:
        match = pattern.fullmatch(message)
        if match:
            return template.format(*(_key(g) for g in match.groups()))
    return message


def column(message: str, line: str, reported: int) -> int:
    """Where to point: a table declared twice at its header's “[”, not past its end."""
    if message.startswith("Cannot declare") and line.lstrip().startswith("["):
        return len(line) - len(line.lstrip()) + 1
    return reported


def hint(line: str) -> str:
    """The likely cause, judged from the line the parser stopped on ("" when none stands out)."""
    if "“" in line or "”" in line:
        return '文字须用半角双引号 "…" 括起来，不能用中文引号 “…”'
    if "＝" in line:
        return "等号须用半角“=”，不能用全角“＝”"
    if _FULL_WIDTH_DIGIT.search(line):
        return "数字须用半角（142），不能用全角（１４２）"
    value = line.split("=", 1)[1].strip() if "=" in line else ""
    if value and not value.startswith(('"', "'", "[", "{")) and re.match(r"[^\x00-\x7f]", value):
        return '文字须用半角双引号括起来，例如 signer = "沈斌"'
    if re.search(r"=\s*\d{4}[-/.年]\d", line):
        return "日期须写成 2024-01-19 这样的格式：月、日各两位数，月 1–12，不加引号"
    if re.search(r"=\s*-?\d[\d_]*,\d", line):
        return "数字中不要写千位分隔符“,”"
    return ""


_ARRAY_OPENER = re.compile(r"^\s*[\w.\"'-]+\s*=\s*\[\s*(#.*)?$")


def _open_array_above(lines: list[str], line: int) -> int:
    """The line (1-based) of a multi-line array still open above ``line``, or 0."""
    depth = 0
    for number in range(min(line, len(lines)), 0, -1):
        text = lines[number - 1].strip()
        if text.startswith("]"):
            depth += 1
        elif _ARRAY_OPENER.match(lines[number - 1]):
            if depth == 0:
                return number
            depth -= 1
        elif text.startswith("["):
            return 0  # a table header: any array above it was closed
    return 0


def describe(message: str, lines: list[str], line: int) -> str:
    """The whole Chinese explanation: what the parser found, and the likely cause."""
    text = translate(message)
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    cause = hint(current)
    stray = not current.strip() or current.lstrip().startswith("[")
    if not cause and message in ("Invalid value", "Unclosed array") and stray:
        opened = _open_array_above(lines, line - 1)
        if opened:
            cause = f"第 {opened} 行开始的数组缺少结束的“]”"
    return f"{text}；{cause}" if cause else text
