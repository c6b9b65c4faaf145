"""Fixes from a user test: what a clerk sees while typing, deleting and jumping.

Keys are posted in one burst, as the terminal driver posts what arrives in one
read over SSH, so save and quit must wait for the keys typed before them.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.tui.conftest import burst, jump, run_async, settle
from tui.app import EditorApp
from tui.screens.prompts import ChoiceScreen

SIZE = (80, 24)


@run_async
async def test_ctrl_s_in_the_same_burst_as_typing_saves_what_was_typed(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        field = editor.focused
        assert isinstance(field, Input) and field.value == "142"
        await burst(pilot, "end", "backspace", "9", "ctrl+s")
        assert field.value == "149"
        assert "value = 149" in (report_dir / "1-measures.toml").read_text(encoding="utf-8")
        assert not editor.session.modified and "未保存" not in editor.sub_title


@run_async
async def test_ctrl_q_in_the_same_burst_as_typing_asks_about_what_was_typed(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        await burst(pilot, "end", "backspace", "7", "ctrl+q")
        assert isinstance(editor.screen, ChoiceScreen)  # the 7 is unsaved: quitting asks
        await pilot.press("s")
        await settle(pilot)
    assert "value = 147" in (report_dir / "1-measures.toml").read_text(encoding="utf-8")
