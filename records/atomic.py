"""Replacing a file so that a crash or a full disk never leaves half of it.

The new bytes go to a temporary file in the same folder, are flushed and
fsynced, and then ``os.replace`` swaps them in; the folder is fsynced so the
rename itself survives a power cut. On any failure the old file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from records.errors import WriteError


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, keeping the file's permissions.

    A file nobody may write to (``chmod a-w``, Windows' read-only flag) is
    refused: replacing it would bypass the protection, since renaming over a
    file needs only the folder to be writable.
    """
    folder = path.parent
    existed = True
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        existed = False
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    if existed and not mode & 0o222:
        raise WriteError("文件是只读的，没有覆盖：请先取消只读，或换一个文件名", path)
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
        kept = "，原文件未改动" if existed else ""
        reason = _REASONS.get(e.errno or 0) or e.strerror or str(e)
        raise WriteError(f"保存失败{kept}：{reason}", path) from e
    _fsync_folder(folder)


_REASONS = {
    errno.ENOENT: "文件夹不存在",
    errno.EACCES: "没有写入这个文件夹的权限",
    errno.EPERM: "没有写入这个文件夹的权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "这是只读的文件系统",
}
"""The usual reasons a save fails, in the clerk's language (others as the system says)."""


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
