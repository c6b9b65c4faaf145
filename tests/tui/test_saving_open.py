"""``tui edit`` tells of a save a kill interrupted, and tidies what it left, as the report opens."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.records.test_saving_together import _edit_three, _killed_at_rename
from tests.tui.conftest import run_async
from tui.cli import main
from tui.commands import edit
from tui.editor.app import EditorApp
from tui.editor.recovery import RecoveryStore
from tui.editor.screens.prompts import ChoiceScreen
from tui.editor.session import EditSession


def _opened(folder: Path, monkeypatch: pytest.MonkeyPatch) -> EditorApp:
    """The editor ``tui edit FOLDER`` would run (not run here)."""
    opened: list[EditorApp] = []
    monkeypatch.setenv("TUI_RECOVERY_DIR", str(folder.parent / "recovery"))

    def run(app: EditorApp) -> int:
        opened.append(app)
        return 0

    monkeypatch.setattr(edit, "_run", run)
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


@run_async
async def test_the_edits_a_killed_save_did_not_write_are_offered_back(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editing = EditSession(report_dir)
    _edit_three(editing.draft)
    RecoveryStore(report_dir, report_dir.parent / "recovery").write(editing)  # as the editor did
    _killed_at_rename(report_dir, 2)  # its save was killed after report.toml

    app = _opened(report_dir, monkeypatch)

    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "1-measures.toml、2-shortcomings.toml" in app.screen.detail
        assert "report.toml" not in app.screen.detail  # that one was saved
        await pilot.press("r")
        await pilot.pause()
        assert app.session.file("1-measures.toml").modified
        assert not app.session.file("report.toml").modified


def test_validate_takes_no_temporary_file_for_a_section(
    report_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (report_dir / ".tui-1-measures.toml.0a1b2c3d-12345-89abcdef.tmp").write_text(
        'kind = "measures"\ntitle = ""\n', encoding="utf-8"
    )
    (report_dir / ".tui-saving.0a1b2c3d-12345-89abcdef.json").write_text("{}", encoding="utf-8")
    assert main(["validate", str(report_dir)]) == 0
    assert "未发现问题" in capsys.readouterr().out
