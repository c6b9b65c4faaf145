"""Replacing files so that a crash, a kill or a full disk never leaves half of one.

One file: the new bytes go to a temporary file beside it (beside its target,
for a symbolic link, which stays a link), are fsynced, given the old file's
mode, owner and group, and renamed over it; the folder is then fsynced. A
hard-linked file is written in place instead, since a rename would cut it
loose from its other names: its new bytes are first kept whole in a
temporary file, so a save killed half-way is completed on the next open.

Several files (a metric renamed in the file that defines it and in those that
refer to it): every temporary file is written and fsynced before the first
rename, so a failure until then changes nothing; a failure between two renames
puts back the files already renamed. A kill between two renames cannot be
undone by the killed process: a journal beside the files (``.tui-saving.…``)
lists the save in progress until its last rename, and
:func:`records.interrupted.tidy_folder`, run when the report is next opened,
says which files are newer. The names of these files are in
:mod:`records.leftovers`.

A save can also delete files (a section removed, or renamed: written under
its new name, the old one deleted). The deletions come after every rename;
such a save's journal asks to be *completed*: a kill part-way would leave a
section under both names, or a content swapped between two files half done,
so the next open finishes the save from the temporary files the journal
keeps, instead of only saying which files are newer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from records.errors import WriteError
from records.leftovers import JOURNAL, own_name, remove_stale_temps


# -- one file -------------------------------------------------------------------------
@dataclass(eq=False)
class _Write:
    """One file of a save: where it goes, what it holds, and what it held."""

    path: Path
    data: bytes
    target: Path = field(init=False)
    existed: bool = True
    mode: int = 0o644
    owner: tuple[int, int] | None = None
    in_place: bool = False
    old: bytes | None = None
    temp: Path | None = None


def _plan(path: Path, data: bytes, mode: int | None) -> _Write:
    write = _Write(path, data)
    write.target = Path(os.path.realpath(path))  # through symbolic links: the link stays
    try:
        st = os.stat(write.target)
    except FileNotFoundError:
        write.existed = False
        umask = os.umask(0)
        os.umask(umask)
        write.mode = 0o666 & ~umask if mode is None else mode
        return write
    except OSError as e:
        raise _error(e, path, kept=True) from e
    if not st.st_mode & 0o222:
        raise WriteError("文件是只读的，没有覆盖：请先取消只读，或换一个文件名", path)
    write.mode = stat.S_IMODE(st.st_mode) if mode is None else mode
    write.owner = (st.st_uid, st.st_gid)
    write.in_place = stat.S_ISREG(st.st_mode) and st.st_nlink > 1 and mode is None
    return write


def _write_temp(write: _Write, data: bytes) -> Path:
    """A new, fsynced file beside the target holding ``data``, with the mode and owner planned."""
    mode, owner = write.mode, write.owner
    temp = write.target.parent / own_name(write.target.name, "tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if owner is not None:
                _keep_owner(out.fileno(), owner)
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), mode)  # after chown, which may clear set-id bits
            os.fsync(out.fileno())
        if not hasattr(os, "fchmod"):
            os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def _keep_owner(fd: int, owner: tuple[int, int]) -> None:
    """Give the new file the old one's owner and group, as far as this process may."""
    st = os.fstat(fd)
    if (st.st_uid, st.st_gid) == owner or not hasattr(os, "fchown"):
        return
    try:
        os.fchown(fd, *owner)
    except PermissionError:  # not root: at least a group this user belongs to
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, owner[1])


def write_in_place(target: Path, data: bytes) -> None:
    """Overwrite ``target`` itself, so a hard link stays one file; room is taken first."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        if len(data) > size and hasattr(os, "posix_fallocate"):
            try:
                os.posix_fallocate(fd, size, len(data) - size)
            except OSError as e:
                os.ftruncate(fd, size)
                if e.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise  # a full disk is found before a byte of the file changed
        os.lseek(fd, 0, os.SEEK_SET)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def _put(write: _Write) -> None:
    """Make the new bytes the file's (the one step a kill can interrupt between files)."""
    assert write.temp is not None
    if write.in_place:
        write_in_place(write.target, write.data)
        os.unlink(write.temp)
    else:
        os.replace(write.temp, write.target)


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically, keeping the file's mode, owner and group.

    ``mode`` forces the permissions (a private copy: ``0o600``). A file nobody
    may write to (``chmod a-w``, Windows' read-only flag) is refused: replacing
    it would bypass the protection, since renaming over a file needs only the
    folder to be writable.
    """
    atomic_write_many([(path, data)], mode=mode)


def atomic_write_many(
    writes: Sequence[tuple[Path, bytes]],
    journal_folder: Path | None = None,
    mode: int | None = None,
    deletes: Sequence[Path] = (),
    complete: bool = False,
) -> None:
    """Write several files (and delete ``deletes``) so that all change together or none does.

    Raises :class:`WriteError` when nothing was changed, and
    :class:`PartialSaveError` (naming the files written) in the rare case that
    a file already renamed could not be put back. The journal goes to
    ``journal_folder`` (the report folder), by default the first file's.
    ``complete`` (implied by ``deletes``): a kill part-way is completed on
    the next open rather than reported (files renamed or swapped, say).
    """
    plans = [_plan(path, data, mode) for path, data in writes]
    written = {w.path for w in plans}
    gone = [_Delete(path) for path in deletes if path not in written]  # overwritten, not deleted
    if not plans and not gone:
        return
    complete = complete or bool(gone)
    journaled = len(plans) > 1 or any(w.in_place for w in plans) or complete
    journal: Path | None = None
    current = plans[0] if plans else None
    several = len(plans) + len(gone) > 1
    try:
        for current in plans:
            remove_stale_temps(current.target.parent, current.target.name)
            if journaled and current.existed:
                current.old = current.target.read_bytes()
            current.temp = _write_temp(current, current.data)
        for delete in gone:
            current = None
            delete.read()
        if journaled:
            folder = journal_folder or (plans[0].path if plans else gone[0].path).parent
            journal = _write_journal(folder, plans, gone, complete)
    except BaseException as e:  # an interrupt, too, leaves no temporary file
        _discard(plans, journal)
        if isinstance(e, OSError):
            where = current.path if current is not None else Path(e.filename or "")
            raise _error(e, where, kept=True, several=several) from e
        raise
    done: list[_Write] = []
    for current in plans:
        try:
            _put(current)
        except OSError as e:
            restored = _put_back(done + [current] if current.in_place else done)
            _discard(plans, journal)  # the message says what happened: nothing to report later
            if restored:
                raise _error(e, current.path, kept=True, several=several) from e
            raise PartialSaveError(
                f"保存中断：{_names(w.path for w in done)} 已保存，"
                f"{_names(w.path for w in plans if w not in done)} 未保存："
                f"{_reason(e)}；请再保存一次",
                current.path,
                [w.path for w in done],
            ) from e
        done.append(current)
    _delete_all(gone, plans, journal)
    for folder in dict.fromkeys(
        [*(w.target.parent for w in plans), *(d.path.parent for d in gone)]
    ):
        _fsync_folder(folder)
    if journal is not None:
        with contextlib.suppress(OSError):
            os.unlink(journal)
        _fsync_folder(journal.parent)


class PartialSaveError(WriteError):
    """A save of several files stopped between two of them; ``written`` were saved.

    ``deleted``: the files of ``deletes`` already gone.
    """

    def __init__(
        self,
        message: str,
        path: Path | None,
        written: list[Path],
        deleted: list[Path] | None = None,
    ) -> None:
        super().__init__(message, path)
        self.written = written
        self.deleted = deleted or []


@dataclass(eq=False)
class _Delete:
    """A file a save deletes (the link itself, for a symbolic link), and what it held."""

    path: Path
    old: bytes | None = None
    link: str | None = None
    """Where the link pointed, for a symbolic link (to put it back)."""
    mode: int = 0o644
    done: bool = False

    def read(self) -> None:
        if self.path.is_symlink():
            self.link = os.readlink(self.path)
        try:
            self.old = self.path.read_bytes()
            self.mode = stat.S_IMODE(os.stat(self.path).st_mode)
        except FileNotFoundError:
            self.old = None  # a broken link, or already gone: nothing of it to keep
        except IsADirectoryError as e:
            raise OSError(errno.EISDIR, "这是一个文件夹，不是文件", str(self.path)) from e

    def put_back(self) -> None:
        if self.link is not None:
            os.symlink(self.link, self.path)
        elif self.old is not None:
            write = _plan(self.path, self.old, self.mode)
            os.replace(_write_temp(write, self.old), self.path)


def _delete_all(gone: list[_Delete], plans: list[_Write], journal: Path | None) -> None:
    """Delete the files a save removes, once every file is written; undo it all on a failure."""
    for delete in gone:
        try:
            if delete.link is not None or delete.old is not None:
                os.unlink(delete.path)
            delete.done = True
        except FileNotFoundError:
            delete.done = True
        except OSError as e:
            restored = True
            for back in (d for d in gone if d.done and (d.link is not None or d.old is not None)):
                try:
                    back.put_back()
                except OSError:
                    restored = False
            restored = _put_back(plans) and restored
            _discard(plans, journal)
            if restored:
                raise _error(e, delete.path, kept=True, several=True) from e
            raise PartialSaveError(
                f"保存中断：{_names(w.path for w in plans)} 已保存，"
                f"{_names(d.path for d in gone if not d.done)} 未删除："
                f"{_reason(e)}；请再保存一次",
                delete.path,
                [w.path for w in plans],
                [d.path for d in gone if d.done],
            ) from e


def _put_back(done: list[_Write]) -> bool:
    """Undo the files of a failed save that were already renamed; whether all could be."""
    restored = True
    for write in reversed(done):
        try:
            if not write.existed:
                os.unlink(write.target)
            elif write.in_place:
                write_in_place(write.target, write.old or b"")
            else:
                temp = _write_temp(write, write.old or b"")
                try:
                    os.replace(temp, write.target)
                except OSError:
                    os.unlink(temp)
                    raise
        except OSError:
            restored = False
    return restored


def _discard(plans: list[_Write], journal: Path | None) -> None:
    for write in plans:
        if write.temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(write.temp)
    if journal is not None:
        with contextlib.suppress(OSError):
            os.unlink(journal)


def _names(paths: Iterable[Path]) -> str:
    return "、".join(p.name for p in paths) or "没有文件"


_REASONS = {
    errno.ENOENT: "文件夹不存在",
    errno.EACCES: "没有写入这个文件夹的权限",
    errno.EPERM: "没有写入这个文件夹的权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "这是只读的文件系统",
}
"""The usual reasons a save fails, in the clerk's language (others as the system says)."""


def _reason(e: OSError) -> str:
    return _REASONS.get(e.errno or 0) or e.strerror or str(e)


def _error(e: OSError, path: Path, kept: bool, several: bool = False) -> WriteError:
    if several:
        kept_text = "，没有文件被改动"
    else:
        kept_text = "，原文件未改动" if kept and path.exists() else ""
    where = ""
    target = Path(os.path.realpath(path))
    if target.parent != Path(os.path.realpath(path.parent)):
        where = f"（链接指向 {target}）"
    return WriteError(f"保存失败{kept_text}：{_reason(e)}{where}", path)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -- the journal of a save of several files -------------------------------------------
def digest(data: bytes) -> str:
    """The fingerprint a journal keeps of a file's old and new content."""
    return hashlib.sha256(data).hexdigest()


def _write_journal(folder: Path, plans: list[_Write], gone: list[_Delete], complete: bool) -> Path:
    entries: list[dict[str, object]] = [
        {
            "name": _relative(w.path, folder),
            "target": str(w.target),
            "temp": str(w.temp),
            "old": digest(w.old) if w.old is not None else None,
            "new": digest(w.data),
            "in_place": w.in_place,
        }
        for w in plans
    ]
    entries += [
        {
            "name": _relative(d.path, folder),
            "target": str(d.path),
            "old": digest(d.old) if d.old is not None else None,
            "delete": True,
        }
        for d in gone
    ]
    payload = {
        "started": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "files": entries,
        "complete": complete,
    }
    journal = folder / own_name(JOURNAL, "json")
    fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    for directory in dict.fromkeys([folder, *(w.target.parent for w in plans)]):
        _fsync_folder(directory)  # the journal and every temporary file are on disk
    return journal


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)
