"""Saving a report draft: what to write, to delete and to refuse, in one save.

A draft's sections can be added, removed and renamed (:mod:`records.sections`).
The save turns the draft into the folder it describes: every file that
changed, is new or is renamed is written under its name in the draft; every
file the draft no longer holds, and the old name of every renamed file, is
deleted. All of it is one save (:func:`records.atomic.atomic_write_many`):
nothing changes if any step fails, and a save killed part-way is completed
when the report is next opened, so a section is never left under two names,
or none.

Refused before anything is written: a file to write or delete that someone
changed on disk since it was read (:class:`FileChangedError`, unless forced),
and a new name that a file the draft never read already has (never
overwritten, forced or not).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from records.atomic import PartialSaveError, atomic_write_many
from records.errors import FileChangedError, RecordError, WriteError
from records.leftovers import remove_stale_temps
from records.model import natural_key

if TYPE_CHECKING:
    from records.editing import EditableFile, ReportDraft

CHANGED = "文件在打开之后被其他程序修改过；为免覆盖他人的修改，未保存"


def conflicts(draft: ReportDraft) -> list[Path]:
    """Files to save or delete that someone else changed on disk meanwhile (their old names)."""
    found = [f for f in draft.files if f.modified and f.changed_on_disk()]
    found += [f for f in draft.removed if f.changed_on_disk()]
    return [f.origin or f.path for f in found]


def collisions(draft: ReportDraft) -> list[Path]:
    """New names that a file in the folder already has which the draft did not read."""
    known = {f.origin for f in draft.on_disk if f.origin is not None}
    return [
        f.path
        for f in draft.files
        if f.renamed and f.path not in known and (f.path.exists() or f.path.is_symlink())
    ]


def save_draft(draft: ReportDraft, force: bool = False) -> list[Path]:
    """Write the draft's changed, new and renamed files and delete the ones it dropped.

    Returns the files written; :attr:`ReportDraft.deleted` says which were deleted.
    """
    if not force:
        changed = conflicts(draft)
        if changed:
            raise FileChangedError(CHANGED, changed[0])
    taken = collisions(draft)
    if taken:
        raise WriteError(
            f"文件夹中已有 {taken[0].name}（不是打开报告时读到的文件），为免覆盖没有保存；"
            "请把它移走或改名后再保存",
            taken[0],
        )
    remove_stale_temps(draft.folder)
    files = draft.files
    pending = [(f, *f._encoded()) for f in files if f.modified]
    targets = {f.path for f, _, _ in pending}
    leaving = [*draft.removed, *(f for f in files if f.renamed and f.origin is not None)]
    old_names = [f.origin for f in leaving if f.origin is not None]
    deletes = [p for p in dict.fromkeys([*old_names, *draft.stale]) if p not in targets]
    layout = bool(deletes) or any(f.renamed for f in files)
    renamed = {f.origin: f.path for f in files if f.renamed and f.origin is not None}
    try:
        atomic_write_many(
            [(f.path, data) for f, _, data in pending],
            draft.folder,
            deletes=deletes,
            complete=layout,
        )
    except PartialSaveError as e:
        _after_partial(draft, pending, e)
        raise
    for f, text, data in pending:
        f._saved_as(text, data)
    for f in draft.removed:
        f.origin = None  # gone from the disk: a restored one is a new file
    draft.on_disk = list(files)
    draft.stale = []
    draft.deleted = deletes
    draft.renamed = renamed
    return [f.path for f, _, _ in pending]


def _after_partial(
    draft: ReportDraft, pending: list[tuple[EditableFile, str, bytes]], e: PartialSaveError
) -> None:
    """What a save stopped between two files did: the written are saved, the rest still to do."""
    for f, text, data in pending:
        if f.path in e.written:
            old = f.origin
            f._saved_as(text, data)
            if old is not None and old != f.path and old not in e.deleted:
                draft.stale.append(old)  # its old name is still there: the next save deletes it
            if all(f is not g for g in draft.on_disk):
                draft.on_disk.append(f)
    for f in draft.removed:
        if f.origin in e.deleted:
            f.origin = None
            draft.on_disk.remove(f)
    draft.stale = [p for p in draft.stale if p not in e.deleted]


def reload_file(draft: ReportDraft, path: Path) -> None:
    """Take the disk's version of the file read from ``path``, dropping the draft's edits to it.

    A renamed file keeps its new name and place; a removed one comes back
    where its name sorts among the sections (the head comments naming their
    places numbered again); a file deleted on disk since
    stays in the draft as a new file (its text is all there is of it).
    """
    from records.editing import EditableFile

    old = next((f for f in draft.on_disk if f.origin == path), None)
    try:
        fresh = EditableFile.open(path)
    except RecordError:
        if old is not None:
            old.origin = None
            draft.on_disk.remove(old)
        return
    if old is None:
        return
    draft.on_disk = [fresh if f is old else f for f in draft.on_disk]
    if draft.meta is old:
        draft.meta = fresh
        return
    if any(f is old for f in draft.sections):
        fresh.path = old.path
        draft.sections = [fresh if f is old else f for f in draft.sections]
        return
    if any(f.path == path for f in draft.sections):
        return  # its name is taken by another section now: it stays removed
    from records.sections import renumber_head

    draft.sections.append(fresh)
    draft.sections.sort(key=lambda f: natural_key(f.path.name))
    for number, f in enumerate(draft.sections, 1):
        renumber_head(f, number)  # the others' "# 三、…" as they were before it went
