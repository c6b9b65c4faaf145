"""Unsaved drafts stay private on a shared server: recovery copies 0600 in a 0700 folder.

The validation cache, which also lives in the home folder, holds no report text.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from records import WriteError
from tui.cli import main
from tui.editor.recovery import RecoveryStore
from tui.editor.session import EditSession

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _edited(report_dir: Path) -> EditSession:
    session = EditSession(report_dir)
    session.file("report.toml").set(("header", "signer"), "尚未保存的签发人")
    return session


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@posix_only
def test_the_recovery_folder_is_created_private_and_each_copy_is_0600(
    report_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "state" / "tui" / "recovery"
    store = RecoveryStore(report_dir, folder)
    store.write(_edited(report_dir))
    assert _mode(folder) == 0o700
    assert _mode(store.path) == 0o600
    assert "尚未保存的签发人" in store.path.read_text(encoding="utf-8")


@posix_only
def test_a_copy_written_before_with_wider_rights_becomes_0600(
    report_dir: Path, tmp_path: Path
) -> None:
    store = RecoveryStore(report_dir, tmp_path / "recovery")
    store.write(_edited(report_dir))
    store.path.chmod(0o644)  # as versions before this one wrote it
    store.write(_edited(report_dir))
    assert _mode(store.path) == 0o600


@posix_only
def test_an_own_folder_that_others_may_enter_is_tightened(report_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    RecoveryStore(report_dir, folder).write(_edited(report_dir))
    assert _mode(folder) == 0o700


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="only root may give away")
def test_someone_elses_open_folder_is_refused_with_a_message(
    report_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir()
    os.chown(folder, 1234, 1234)
    folder.chmod(0o777)
    store = RecoveryStore(report_dir, folder)
    with pytest.raises(WriteError) as caught:
        store.write(_edited(report_dir))
    assert "属于其他用户" in str(caught.value) and "TUI_RECOVERY_DIR" in str(caught.value)
    assert list(folder.iterdir()) == []
    assert _mode(folder) == 0o777  # not ours to change


def test_the_validation_cache_holds_no_report_text(
    example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TUI_CACHE_DIR", str(cache))
    assert main(["validate", str(example_dir)]) == 0
    kept = [p for p in cache.rglob("*") if p.is_file()]
    assert kept  # the clean report was remembered
    assert all(p.stat().st_size == 0 for p in kept)  # by an empty marker
    assert all(len(p.name) == 64 and int(p.name, 16) >= 0 for p in kept)  # named by a hash
