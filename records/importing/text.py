"""Reading a plain-text source: its encoding, and its paragraphs with their line numbers.

Windows editors save Chinese text as GBK (GB18030 is its superset), web
pages and tui's own export as UTF-8; a BOM, if any, decides. A paragraph is a
non-blank line (one paragraph a line, or a web copy with blank lines in
between); the indent and trailing spaces around it are not part of it.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from records.errors import RecordError
from records.importing.model import SourceParagraph

_SPACES = " \t\u3000\u00a0\ufeff"


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read in (UTF-8, UTF-16, or GB18030)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(name), "UTF-16"
            except UnicodeDecodeError as e:
                raise RecordError("文件看起来是 UTF-16 编码，但无法读取", path) from e
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK/GB18030"
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise RecordError(
            "无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030）；请另存为 UTF-8 后再试",
            path,
            line,
        ) from e


def paragraphs(text: str) -> list[SourceParagraph]:
    """The non-blank lines of ``text``, stripped of indent, each with its line number."""
    found: list[SourceParagraph] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip(_SPACES)
        if stripped:
            found.append(SourceParagraph(number, stripped))
    return found


def read_text(path: Path) -> tuple[list[SourceParagraph], str]:
    """The paragraphs of a text file, and the encoding it was in."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise RecordError(f"无法读取文件：{e.strerror or e}", path) from e
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RecordError("这不是文本文件（含有二进制内容）", path)
    text, encoding = decode(data, path)
    return paragraphs(text), encoding
