"""``tui edit`` tells of a save a kill interrupted, and tidies what it left, as the report opens."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.records.test_saving_together import _killed_at_rename
from tests.tui.conftest import run_async
from tui.app import EditorApp
from tui.commands import edit


def _opened(folder: Path, monkeypatch: pytest.MonkeyPatch) -> EditorApp:
    """The editor ``tui edit FOLDER`` would run (not run here)."""
    opened: list[EditorApp] = []
    monkeypatch.setenv("TUI_RECOVERY_DIR", str(folder.parent / "recovery"))
    monkeypatch.setattr(edit, "_run", lambda app: opened.append(app) or 0)
    assert edit.run(argparse.Namespace(folder=str(folder), no_recovery=False)) == 0
    return opened[0]


@run_async
async def test_a_save_killed_between_two_files_is_reported_when_the_report_opens(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _killed_at_rename(report_dir, 2)

    app = _opened(report_dir, monkeypatch)

    assert not [p for p in report_dir.iterdir() if p.name.startswith(".")]  # tidied first
    async with app.run_test() as pilot:
        await pilot.pause()
        notices = list(app._notifications)
    assert len(notices) == 1 and notices[0].severity == "warning"
    assert "report.toml 已是新内容" in notices[0].message
    assert "1-measures.toml、2-shortcomings.toml 仍是保存前的内容" in notices[0].message


@run_async
async def test_an_ordinary_open_says_nothing(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _opened(report_dir, monkeypatch)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not list(app._notifications)
