"""Reading a record file's bytes into text, remembering what a faithful save needs.

A file keeps its UTF-8 BOM and its line endings (CRLF stays CRLF) across a save,
so both are recorded here. Bytes that are not UTF-8 get an error that says what
they look like (GBK from a Windows editor is the usual case), never a traceback.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from records.errors import EncodingError, RecordError

BOM = "\ufeff"


class SourceText(NamedTuple):
    """A record file as read: its text (BOM removed) and how it was stored."""

    path: Path
    text: str
    bom: bool
    newline: str
    digest: str

    @classmethod
    def from_bytes(cls, path: Path, data: bytes) -> SourceText:
        text = decode(path, data)
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(path, text, bom, newline, digest(data))


def digest(data: bytes) -> str:
    """A fingerprint of a file's bytes, to notice a file changed behind our back."""
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path) -> SourceText:
    """Read ``path`` as UTF-8 text, with a clear error if it is missing or not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as e:
        if path.is_symlink():
            raise RecordError("这是一个链接，它指向的文件不存在", path) from e
        raise RecordError("文件不存在", path) from e
    except IsADirectoryError as e:
        raise RecordError("这是一个文件夹，不是文件", path) from e
    except OSError as e:
        raise RecordError(f"无法读取文件：{e.strerror}", path) from e
    return SourceText.from_bytes(path, data)


def decode(path: Path, data: bytes) -> str:
    """Decode UTF-8, or explain which line is not UTF-8 and what encoding it looks like."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise EncodingError(
            f"文件不是 UTF-8 编码（{_guess_encoding(data)}）；请用编辑器另存为 UTF-8 后再试",
            path,
            line,
            column,
        ) from e


def _guess_encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "看起来是 UTF-16，Windows 记事本“Unicode”格式"
    if _as_gb18030(data) is not None:
        return "看起来是 GBK/GB18030，Windows 中文版常见的编码"
    return "无法识别的编码"


def _as_gb18030(data: bytes) -> str | None:
    """The text of GBK/GB18030 bytes that hold Chinese, or ``None``."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else None


def read_gb18030(path: Path) -> SourceText | None:
    """A file that is not UTF-8 but reads as GBK/GB18030 (from a Windows editor), decoded.

    ``None`` for any other file. The digest is of the bytes on disk, so that
    saving it as UTF-8 can check that nothing changed it meanwhile.
    """
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        text = _as_gb18030(data)
    if text is None:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    return SourceText(path, text, False, newline, digest(data))
