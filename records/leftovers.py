"""tui's own files in a report folder, and which of them a dead save left behind.

A save writes temporary files (``.tui-NAME.HOST-PID-RANDOM.tmp``) and, for
several files, a journal (``.tui-saving.HOST-PID-RANDOM.json``). The host and
process in the name let tui tell its own files from anyone else's and a save
in progress from one whose process is gone; only the latter's files are
removed. One ``.tui-*`` line in ``.gitignore`` keeps them all out of git.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import zlib
from pathlib import Path

PREFIX = ".tui-"
"""Every file tui writes of its own in a report folder starts with this."""
STALE_AFTER = 3600.0
"""Seconds after which a temporary file whose writer may still run is taken as abandoned."""
HOST = format(zlib.crc32(os.uname().nodename.encode() if hasattr(os, "uname") else b""), "08x")
_OWNED = re.compile(
    r"^\.tui-(?P<name>.+)\.(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[0-9a-f]{8}\.(?P<kind>tmp|json)$"
)
JOURNAL = "saving"
"""The name part of a save's journal."""


def is_tui_file(name: str) -> bool:
    """Whether ``name`` is one of tui's temporary files or save journals (never a section)."""
    return _OWNED.match(name) is not None


def own_name(name: str, kind: str) -> str:
    """A new name for one of this process's files about ``name`` (``tmp``, or ``json``)."""
    return f"{PREFIX}{name}.{HOST}-{os.getpid()}-{os.urandom(4).hex()}.{kind}"


def remove_stale_temps(folder: Path, name: str | None = None) -> list[Path]:
    """Remove tui's temporary files in ``folder`` (of ``name`` only, if given) left by a dead save.

    A temporary file is stale when the process that wrote it, on this host,
    is gone, or when it is older than :data:`STALE_AFTER`. Files another
    program wrote, and the copies a pending journal still needs, are kept.
    """
    needed = _needed_by_journals(folder)
    removed: list[Path] = []
    for match in owned(folder, "tmp"):
        path = folder / match.string
        if (name is not None and match.group("name") != name) or path in needed:
            continue
        if abandoned(path, match):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def owned(folder: Path, kind: str) -> list[re.Match[str]]:
    """tui's files of a kind (``tmp``, ``json``) in ``folder``, as matches of their names."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    matches = (_OWNED.match(n) for n in names if n.startswith(PREFIX))
    return [m for m in matches if m is not None and m.group("kind") == kind]


def _needed_by_journals(folder: Path) -> set[Path]:
    needed: set[Path] = set()
    for journal in owned(folder, "json"):
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            payload = json.loads((folder / journal.string).read_text(encoding="utf-8"))
            whole = payload.get("complete") is True  # a save the next open completes from them
            needed.update(
                Path(str(e["temp"]))
                for e in payload["files"]
                if e.get("temp") and (whole or e.get("in_place"))
            )
    return needed


def abandoned(path: Path, match: re.Match[str]) -> bool:
    """Whether the process that wrote ``path`` is gone (or the file is too old to be in use)."""
    pid = int(match.group("pid"))
    if match.group("host") == HOST and os.name == "posix" and pid != os.getpid():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            pass  # alive, and someone else's
    try:
        return time.time() - path.stat().st_mtime > STALE_AFTER
    except OSError:
        return False
