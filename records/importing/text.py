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
PDF_MESSAGE = "PDF 不能导入，请把文字复制到 .txt 文件（UTF-8）或另存为 DOCX 后再导入"
_LOOKS_LIKE = (
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"\xd0\xcf\x11\xe0", "旧版 Word 或 WPS 文件（.doc/.wps），可把扩展名改回后再导入"),
    (b"PK\x03\x04", "zip 压缩包（如 .xlsx 表格）"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"Rar!", "rar 压缩包"),
)
"""What a binary file looks like, by its first bytes, for the message refusing it."""


def is_pdf(data: bytes) -> bool:
    """A PDF, by its magic bytes (``%PDF-``), whatever the file is called."""
    return data.lstrip(b" \t\r\n\x00").removeprefix(codecs.BOM_UTF8).startswith(b"%PDF-")


def refuse_binary(data: bytes, path: Path) -> None:
    """Raise for a PDF, whatever its name; the caller reads anything else."""
    if is_pdf(data[:1024]):
        raise RecordError(PDF_MESSAGE, path)


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
    refuse_binary(data, path)
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        like = next((name for magic, name in _LOOKS_LIKE if data.startswith(magic)), "")
        raise RecordError(
            "这不是文本文件（含有二进制内容）" + (f"，看起来是{like}" if like else ""), path
        )
    text, encoding = decode(data, path)
    return paragraphs(text), encoding
