"""Writing a command's result: to standard output, or atomically to a file."""

from __future__ import annotations

import sys
from pathlib import Path

from records.atomic import atomic_write
from tui.commands import UsageError


def write_output(data: bytes, output: Path | None) -> None:
    """Write ``data`` to ``output`` (atomically), or to standard output when ``None``."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if output.is_dir():
        raise UsageError(f"输出路径是一个文件夹：{output}")
    if not output.parent.exists():
        raise UsageError(f"输出文件所在的文件夹不存在：{output.parent}")
    atomic_write(output, data)


def existing_folder(value: str) -> Path:
    """An argument that must name an existing folder (exit status 2 otherwise)."""
    path = Path(value)
    if not path.exists():
        raise UsageError(f"路径不存在：{value}")
    if not path.is_dir():
        raise UsageError(f"需要报告文件夹（内含 report.toml），这里给的是文件：{value}")
    return path
