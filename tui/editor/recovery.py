"""Unsaved edits kept on the side, so a killed editor does not lose them.

While the draft differs from the files, the editor writes the changed files'
text to one JSON file per report folder under the user's state directory
(never inside the report folder, which the bureau keeps in git). A clean save
or a deliberate discard removes it; the next ``tui edit`` of the same folder
offers to restore it.

A copy holds the full text of an unsaved report, and a shared SSH server has
other users: the folder is ``0700`` and each copy ``0600``. A folder that
others may enter is tightened when it is the user's own, and refused when not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from records import RecordError, WriteError
from records.atomic import atomic_write
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


class RecoveryStore:
    """The recovery file of one report folder."""

    def __init__(self, folder: Path, directory: Path | None = None) -> None:
        self.folder = folder.resolve()
        name = hashlib.sha256(str(self.folder).encode()).hexdigest()[:16]
        self.path = (directory or default_directory()) / f"{name}.json"

    def write(self, session: EditSession) -> None:
        """Keep the text of every changed file (or remove the file when nothing changed)."""
        changed = {f.path.name: f for f in session.files() if f.modified}
        if not changed:
            self.clear()
            return
        payload = {
            "folder": str(self.folder),
            "saved_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "files": {
                name: {"text": f.text(), "base": f.source.digest} for name, f in changed.items()
            },
        }
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
        files: dict[str, str] = {}
        changed_since: list[str] = []
        for name, entry in entries.items() if isinstance(entries, dict) else []:
            if (
                name not in names
                or not isinstance(entry, dict)
                or not isinstance(entry.get("text"), str)
            ):
                continue
            if entry["text"] == names[name].text():
                continue
            files[name] = entry["text"]
            if entry.get("base") != names[name].source.digest:
                changed_since.append(name)
        return Recovery(saved_at, files, changed_since) if files else None

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
    for name, text in recovery.files.items():
        file = session.file(name)
        try:
            file.replace_text(text)
        except RecordError:  # the kept text no longer parses: leave the file as it is on disk
            failed.append(name)
    session.refresh()
    return failed
