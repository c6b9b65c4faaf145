"""Unsaved edits kept on the side, so a killed editor does not lose them.

While the draft differs from the files, the editor writes the changed files'
text to one JSON file per report folder under the user's state directory
(never inside the report folder, which the bureau keeps in git). A clean save
or a deliberate discard removes it; the next ``tui edit`` of the same folder
offers to restore it.

A copy holds the full text of an unsaved report, and a shared SSH server has
other users: the folder is ``0700`` and each copy ``0600``. A folder that
others may enter is tightened when it is the user's own, and refused when not.

Sections added, removed or moved (files renamed) are kept too: the copy then
lists the sections in order, each with the file it was read from (none for
a new one), and the files removed; restoring gives the draft back that
layout, each text under its name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from records import EditableFile, RecordError, WriteError
from records.atomic import atomic_write
from records.model import natural_key
from records.sections import in_order
from tui.editor.session import EditSession


def default_directory() -> Path:
    """Where recovery files live: ``$TUI_RECOVERY_DIR``, else the XDG state directory."""
    if os.environ.get("TUI_RECOVERY_DIR"):
        return Path(os.environ["TUI_RECOVERY_DIR"])
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "tui" / "recovery"


@dataclass(frozen=True)
class Recovery:
    """Edits found from an earlier session: file name → text, and when they were kept."""

    saved_at: str
    files: dict[str, str]
    changed_since: list[str]
    """Files whose disk content changed after the edits were kept (restoring overrides it)."""
    sections: list[tuple[str, str | None]] | None = None
    """The sections in order, each with the file it was read from (``None``: added), when
    sections were added, removed or renamed; ``None`` when the files are as on disk."""
    removed: list[str] | None = None
    """The files of sections removed (deleted at the next save)."""

    def summary(self) -> str:
        """The files the copy changes, for the offer: 新增, 原名 of a renamed one, 删除."""
        origins = dict(self.sections or [])
        shown = []
        for name in self.files:
            if self.sections is not None and name in origins and origins[name] is None:
                shown.append(f"{name}（新增）")
            elif self.sections is not None and origins.get(name, name) != name:
                shown.append(f"{name}（原 {origins[name]}）")
            else:
                shown.append(name)
        renamed = [n for n, o in self.sections or [] if o is not None and o != n]
        shown += [f"{n}（原 {origins[n]}）" for n in renamed if n not in self.files]
        text = "、".join(shown)
        if self.removed:
            text += ("；" if text else "") + "删除 " + "、".join(self.removed)
        return text


class RecoveryStore:
    """The recovery file of one report folder."""

    def __init__(self, folder: Path, directory: Path | None = None) -> None:
        self.folder = folder.resolve()
        name = hashlib.sha256(str(self.folder).encode()).hexdigest()[:16]
        self.path = (directory or default_directory()) / f"{name}.json"

    def write(self, session: EditSession) -> None:
        """Keep the text of every changed file (or remove the file when nothing changed)."""
        changed = {f.path.name: f for f in session.files() if f.modified}
        removed = session.draft.removed
        if not changed and not removed:
            self.clear()
            return
        payload: dict[str, object] = {
            "folder": str(self.folder),
            "saved_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "files": {
                name: {"text": f.text(), "base": f.source.digest, "origin": _origin(f)}
                for name, f in changed.items()
            },
        }
        if removed or any(f.renamed for f in session.files()):
            payload["sections"] = [
                {"name": f.path.name, "origin": _origin(f)} for f in session.draft.sections
            ]
            payload["removed"] = [{"name": _origin(f), "base": f.source.digest} for f in removed]
        _private_folder(self.path.parent)
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        atomic_write(self.path, data, mode=0o600)

    def read(self, session: EditSession) -> Recovery | None:
        """The kept edits that still differ from the files, or ``None``."""
        try:
            payload = json.loads(self.path.read_text(encoding="utf-8"))
            entries = payload["files"]
            saved_at = str(payload.get("saved_at", ""))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        names = {f.path.name: f for f in session.files()}
        layout = _layout(payload.get("sections"))
        files: dict[str, str] = {}
        changed_since: list[str] = []
        for name, entry in entries.items() if isinstance(entries, dict) else []:
            if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
                continue
            origin = entry.get("origin", name) if layout is not None else name
            base = names.get(origin) if isinstance(origin, str) else None
            if base is None and layout is None:
                continue  # no such file any more, and nothing says where it stood
            if base is not None and entry["text"] == base.text() and origin == name:
                continue
            files[name] = entry["text"]
            if base is not None and entry.get("base") != base.source.digest:
                changed_since.append(origin if isinstance(origin, str) else name)
        removed: list[str] = []
        for entry in payload.get("removed") or []:
            name = entry.get("name") if isinstance(entry, dict) else None
            if isinstance(name, str) and name in names:
                removed.append(name)
                if entry.get("base") != names[name].source.digest:
                    changed_since.append(name)  # restored, it is deleted at the save all the same
        if layout is not None and _as_on_disk(layout, files, names):
            layout = None  # the sections are as on disk (saved since, say)
            files = {n: t for n, t in files.items() if n not in names or t != names[n].text()}
        if not files and layout is None:
            return None
        return Recovery(saved_at, files, changed_since, layout, removed if layout else None)

    def clear(self) -> None:
        """Forget the recovery copy (after a save, or a deliberate discard)."""
        self.path.unlink(missing_ok=True)


def _private_folder(folder: Path) -> None:
    """Make sure ``folder`` exists and only this user may enter it (``0700``)."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        st = folder.stat()
    except OSError as e:
        raise WriteError(f"无法创建恢复副本的文件夹：{e.strerror or e}", folder) from e
    if os.name != "posix" or not st.st_mode & 0o077:
        return
    if st.st_uid != os.geteuid():
        raise WriteError(
            "恢复副本的文件夹属于其他用户，且其他人可以进入：为免他人读到未保存的报告，"
            "没有写入；请用 TUI_RECOVERY_DIR 指定一个只有自己能进入的文件夹",
            folder,
        )
    try:
        os.chmod(folder, 0o700)
    except OSError as e:
        raise WriteError(f"无法把恢复副本的文件夹设为仅本人可读：{e.strerror or e}", folder) from e


def restore(session: EditSession, recovery: Recovery) -> list[str]:
    """Put the kept text back into the draft (unsaved); returns the files that could not be."""
    failed: list[str] = []
    laid_out = recovery.sections is not None and _restore_layout(session, recovery, failed)
    for name, text in recovery.files.items():
        if laid_out and name != REPORT_FILE:
            continue  # the sections' texts went back with their layout
        try:
            file = session.file(name)
            file.replace_text(text)
        except RecordError:  # no such file, or the kept text no longer parses: left as on disk
            failed.append(name)
    session.refresh()
    return list(dict.fromkeys(failed))


REPORT_FILE = "report.toml"


def _origin(file: EditableFile) -> str | None:
    return file.origin.name if file.origin is not None else None


def _as_on_disk(
    layout: list[tuple[str, str | None]], files: dict[str, str], names: dict[str, EditableFile]
) -> bool:
    """Whether the kept sections are the files on disk: the same names, in order, same texts."""
    if [n for n, _ in layout] != [n for n in names if n != REPORT_FILE]:
        return False
    for name, origin in layout:
        kept = files.get(name)
        if kept is None:
            kept = names[origin].text() if origin in names else None
        if kept != names[name].text():
            return False
    return True


def _layout(entries: object) -> list[tuple[str, str | None]] | None:
    """The kept order of the sections, as (name, the file it was read from)."""
    if not isinstance(entries, list):
        return None
    layout: list[tuple[str, str | None]] = []
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            origin = entry.get("origin")
            layout.append((entry["name"], origin if isinstance(origin, str) else None))
    return layout


def _restore_layout(session: EditSession, recovery: Recovery, failed: list[str]) -> bool:
    """Give the draft the kept sections: each file under its name, in order, with its text.

    A section file on disk that the copy does not know (made after it was
    kept) stays where its name sorts, and a kept section that would take
    its name is not restored; the removed ones go. Returns ``False``, the
    draft left as on disk, when the kept layout cannot be had without two
    files under one name.
    """
    assert recovery.sections is not None
    draft = session.draft
    by_origin = {f.origin.name: f for f in draft.sections if f.origin is not None}
    kept_origins = {origin for _, origin in recovery.sections if origin is not None}
    removed = set(recovery.removed or [])
    unknown = {n: f for n, f in by_origin.items() if n not in kept_origins | removed}
    sections: list[EditableFile] = []
    for name, origin in recovery.sections:
        text = recovery.files.get(name)
        file = by_origin.get(origin) if origin is not None else None
        if name in unknown and origin != name:
            failed.append(name)
            if file is not None:
                sections.append(file)  # under its name on disk: never lost to a removal
            continue
        try:
            if file is None and text is not None:
                file = EditableFile.new(session.folder / name, text, draft.meta.source.newline)
            elif file is not None and text is not None and text != file.text():
                file.replace_text(text)
        except RecordError:
            failed.append(name)
            continue
        if file is None:
            failed.append(name)  # neither on disk any more nor kept: nothing to bring back
            continue
        file.path = session.folder / name
        sections.append(file)
    for name, file in unknown.items():
        later = (i for i, f in enumerate(sections) if natural_key(f.path.name) > natural_key(name))
        sections.insert(next(later, len(sections)), file)
    if not in_order([f.path.name for f in sections]):
        for file in by_origin.values():
            file.path = file.origin or file.path
        failed.extend(name for name, _ in recovery.sections)
        return False
    draft.sections = sections
    return True
