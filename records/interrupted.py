"""What a save of several files that was killed part-way left, told when the report opens.

:func:`records.atomic.atomic_write_many` keeps a journal of a save of
several files until its last rename. A journal whose process is gone means
that save was stopped (a kill, a power cut): :func:`tidy_folder`, run as
``tui edit`` opens the report, compares each file with the old and new
content the journal names, says which files are newer, completes a
hard-linked file left half-written, and removes what the save left.

A save that renames or deletes files (sections renamed, removed, swapped)
asks to be completed (``"complete"`` in its journal): left half-way it could
hold a section under two names, or none. The tidy then finishes it from the
temporary files the journal names: each file not yet in place is put there,
and the files the save deleted are deleted once every file is in place (a
file changed since by someone else is left as it is, and said).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from records.atomic import digest, write_in_place
from records.leftovers import JOURNAL, abandoned, is_tui_file, owned, remove_stale_temps


@dataclass(frozen=True)
class InterruptedSave:
    """A save of several files that a kill (or a power cut) stopped part-way."""

    started: str
    newer: list[str]
    """Files that hold what that save wrote."""
    older: list[str]
    """Files still as they were before it."""
    changed: list[str]
    """Files that hold neither (changed by someone since, or gone)."""
    completed: list[str]
    """Hard-linked files found half-written and completed from the kept copy (among ``newer``)."""
    finished: list[str] = field(default_factory=list)
    """Files of a save that renamed or deleted files, put in place by the tidy (among ``newer``)."""
    deleted: list[str] = field(default_factory=list)
    """Files that save deleted (a section removed, or its old name), deleted by the tidy."""

    @property
    def mixed(self) -> bool:
        """Whether the report may now be inconsistent: some files new, some not."""
        return bool(self.newer) and bool(self.older or self.changed)

    def message(self) -> str:
        """What happened, in the clerk's words."""
        if self.mixed:
            newer = "、".join(self.newer)
            text = f"上次保存（{self.started}）在写入多个文件的中途被中断：{newer} 已是新内容"
            if self.older:
                text += f"，{'、'.join(self.older)} 仍是保存前的内容"
            text += "，报告可能前后不一致（如指标改名后，引用它的文件仍用旧名）；请检查后重新保存"
        elif self.finished or self.deleted:  # a save of renames and removals, finished now
            done = [*(f"{n} 已写入" for n in self.finished), *(f"{n} 已删除" for n in self.deleted)]
            text = (
                f"上次保存（{self.started}）在改名或删除文件的中途被中断，"
                f"已按那次保存补全：{'，'.join(done)}"
            )
        elif self.newer:  # whole now, once a half-written file was completed
            text = f"上次保存（{self.started}）在写入时被中断"
        else:
            text = f"上次保存（{self.started}）被中断，没有文件被改动"
        if self.changed:
            text += f"；{'、'.join(self.changed)} 在那之后又被修改过"
        if self.completed:
            text += f"；{'、'.join(self.completed)} 写到一半，已按那次保存的内容补全"
        return text


def tidy_folder(folder: Path) -> list[InterruptedSave]:
    """Tidy a report folder as it opens: report interrupted saves, remove stale temporary files.

    Only tui's own files whose writer is gone are touched. A hard-linked file
    left half-written is completed from its kept copy; nothing else is
    changed: which files are newer is for the clerk to judge.
    """
    found: list[InterruptedSave] = []
    for journal in owned(folder, "json"):
        if journal.group("name") != JOURNAL or not abandoned(folder / journal.string, journal):
            continue
        path = folder / journal.string
        report = _read_journal(path, folder)
        if report is not None:
            found.append(report)
        with contextlib.suppress(OSError):
            path.unlink()
    remove_stale_temps(folder)
    for linked in _linked_files(folder):  # a shared file's temporary files lie beside it
        remove_stale_temps(linked.parent, linked.name)
    return found


def _linked_files(folder: Path) -> list[Path]:
    try:
        entries = [Path(e.path) for e in os.scandir(folder) if e.is_symlink()]
    except OSError:
        return []
    return [Path(os.path.realpath(p)) for p in entries]


def _read_journal(path: Path, folder: Path) -> InterruptedSave | None:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        started = str(payload["started"])
        entries = [e for e in payload["files"] if isinstance(e, dict)]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # killed while writing the journal: no file had been touched yet
    if payload.get("complete") is True:
        return _finish(started, entries, folder)
    newer: list[str] = []
    older: list[str] = []
    changed: list[str] = []
    completed: list[str] = []
    for entry in entries:
        name = str(entry.get("name", ""))
        target = Path(str(entry.get("target") or folder / name))
        temp = Path(str(entry.get("temp", "")))
        try:
            now = digest(target.read_bytes())
        except OSError:
            now = None
        if now is None and entry.get("old") is None:
            older.append(name)  # a new file that was not yet in place
        elif now == entry.get("new"):
            newer.append(name)
        elif now == entry.get("old"):
            older.append(name)
        elif entry.get("in_place") and _complete(target, temp, entry.get("new")):
            newer.append(name)
            completed.append(name)
        else:
            changed.append(name)
        if temp.name and is_tui_file(temp.name):
            with contextlib.suppress(OSError):
                temp.unlink()
    if not older and not changed and not completed:
        return None  # killed after the last rename: the save is whole
    return InterruptedSave(started, newer, older, changed, completed)


def _complete(target: Path, temp: Path, new: object) -> bool:
    """Finish writing a hard-linked file in place from the copy kept beside it."""
    try:
        data = temp.read_bytes()
        if digest(data) != new:
            return False
        write_in_place(target, data)
    except OSError:
        return False
    return True


def _now(target: Path) -> str | None:
    try:
        return digest(target.read_bytes())
    except OSError:
        return None


def _finish(started: str, entries: list[dict[str, object]], folder: Path) -> InterruptedSave | None:
    """Complete a save that renames or deletes files: every file written, then the deletions."""
    writes = [e for e in entries if not e.get("delete")]
    deletes = [e for e in entries if e.get("delete")]
    newer: list[str] = []
    older: list[str] = []
    changed: list[str] = []
    completed: list[str] = []
    finished: list[str] = []
    deleted: list[str] = []
    for entry in writes:
        name = str(entry.get("name", ""))
        target = Path(str(entry.get("target") or folder / name))
        temp = Path(str(entry.get("temp", "")))
        now = _now(target)
        if now == entry.get("new"):
            newer.append(name)
        elif now == entry.get("old") and _put_in_place(target, temp, entry):
            newer.append(name)
            finished.append(name)
        elif (
            now is not None and entry.get("in_place") and _complete(target, temp, entry.get("new"))
        ):
            newer.append(name)
            completed.append(name)
        elif now == entry.get("old"):
            older.append(name)  # its copy is gone: nothing to finish it from
        else:
            changed.append(name)
        if temp.name and is_tui_file(temp.name):
            with contextlib.suppress(OSError):
                temp.unlink()
    whole = not older and not changed
    for entry in deletes:
        name = str(entry.get("name", ""))
        target = Path(str(entry.get("target") or folder / name))
        if not os.path.lexists(target):
            continue  # deleted before the kill
        now = _now(target)
        if now == entry.get("old") and whole:
            with contextlib.suppress(OSError):
                target.unlink()
                deleted.append(name)
        elif now == entry.get("old"):
            older.append(name)  # kept: a file of that save is missing, this may be its only copy
        else:
            changed.append(name)
    for directory in {folder, *(Path(str(e["target"])).parent for e in entries if e.get("target"))}:
        _fsync(directory)
    if not older and not changed and not completed and not finished and not deleted:
        return None  # killed after the last step: the save is whole
    return InterruptedSave(started, newer, older, changed, completed, finished, deleted)


def _put_in_place(target: Path, temp: Path, entry: dict[str, object]) -> bool:
    """Put a file of an unfinished save in place from its temporary copy, if that is whole."""
    try:
        if not is_tui_file(temp.name):
            return False
        data = temp.read_bytes()
        if digest(data) != entry.get("new"):
            return False
        if entry.get("in_place"):
            write_in_place(target, data)
            temp.unlink()
        else:
            os.replace(temp, target)
    except OSError:
        return False
    return True


def _fsync(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
