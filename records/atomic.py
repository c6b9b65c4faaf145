"""Replacing a file so that a crash or a full disk never leaves half of it.

The new bytes go to a temporary file in the same folder, are flushed and
fsynced, and then ``os.replace`` swaps them in; the folder is fsynced so the
rename itself survives a power cut. On any failure the old file is untouched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from records.errors import WriteError


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, keeping the file's permissions."""
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except OSError as e:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
        raise WriteError(f"保存失败，原文件未改动：{e.strerror or e}", path) from e
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
