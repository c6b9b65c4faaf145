"""Remembering reports found clean, so an unchanged one is not checked again.

pre-commit runs ``tui validate`` on every commit, mostly on reports that have
not changed since they last passed. A report is remembered by a hash of its
files' names and bytes together with the source of the code and schema that
judged it (records/ and schema/), so any change to either means a fresh
check. Only reports with no finding at all are remembered; the cache is a
directory of empty marker files named by that hash, so it holds no report
text (a draft stays private on a shared server), and any trouble with it just
means no cache.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGES = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "records")


def cache_dir() -> Path:
    """``$TUI_CACHE_DIR``, else ``$XDG_CACHE_HOME/tui``, else ``~/.cache/tui``."""
    if os.environ.get("TUI_CACHE_DIR"):
        return Path(os.environ["TUI_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tui"


@cache
def _rules_fingerprint() -> bytes:
    digest = hashlib.sha256()
    for package in _PACKAGES:
        for path in sorted([*package.glob("*.py"), *package.glob("*.json")]):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def marker(folder: Path) -> Path | None:
    """The marker file that stands for the folder's files as they are now (``None``: unreadable).

    A report that names last year's (``previous``) is compared with it, so
    last year's files count too. Take the marker before checking, so a file
    edited during the check is not remembered as clean.
    """
    try:
        digest = hashlib.sha256(_rules_fingerprint())
        for path in sorted(folder.glob("*.toml")):
            data = path.read_bytes()
            digest.update(path.name.encode() + b"\0" + data + b"\0")
            if path.name == "report.toml" and b"previous" in data:
                _previous_files(folder, data, digest)
    except OSError:
        return None
    return cache_dir() / "clean" / digest.hexdigest()


def _previous_files(folder: Path, report_toml: bytes, digest: Any) -> None:
    """Add the files of the folder ``previous`` names (if any) to ``digest``."""
    import tomllib

    try:
        previous = tomllib.loads(report_toml.decode("utf-8-sig")).get("previous")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return  # an unreadable report.toml is never clean
    if not isinstance(previous, str) or not previous.strip():
        return
    old = Path(os.path.normpath(folder / previous))
    digest.update(b"previous\0" + str(old).encode() + b"\0")
    if not old.is_dir():
        return  # a finding (U005), so never clean
    for path in sorted(old.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")


def is_clean(mark: Path | None) -> bool:
    """Whether these very files were found clean before, by these very rules."""
    return mark is not None and mark.is_file()


def remember_clean(mark: Path | None) -> None:
    """Note that the files the marker stands for have no finding."""
    if mark is None:
        return
    try:
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()
    except OSError:
        return
