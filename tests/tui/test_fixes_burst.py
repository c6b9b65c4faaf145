"""Fixes from a user test: what a clerk sees while typing, deleting and jumping.

Keys are posted in one burst, as the terminal driver posts what arrives in one
read over SSH, so save and quit must wait for the keys typed before them.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TextArea

from tests.tui.conftest import burst, jump, jump_to_input, run_async, settle
from tui.editor.app import EditorApp, make_app
from tui.editor.screens.prompts import ChoiceScreen

SIZE = (80, 24)


@run_async
async def test_ctrl_s_in_the_same_burst_as_typing_saves_what_was_typed(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await jump_to_input(pilot, "penalty_cases")
        assert field.value == "142"
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


@run_async
async def test_deleting_a_metric_the_text_still_uses_says_where(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        await pilot.press("escape", "x")  # from its value to the metric in the tree: delete
        await pilot.pause()
        prompt = editor.screen
        assert isinstance(prompt, ChoiceScreen)
        detail = str(prompt.query_one(".prompt-detail").render())
        assert "1 处引用 {penalty_cases}" in detail and "一、（二）一是" in detail
        await pilot.press("n")
        await pilot.pause()
        assert "penalty_cases" in editor.session.data("1-measures.toml")["metrics"]


@run_async
async def test_the_first_keystroke_that_cannot_be_stored_marks_the_title_unsaved(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        await pilot.press("x")  # 142x: not a number, the file keeps 142
        await settle(pilot)
        assert not editor.session.draft.modified
        assert "未保存" in editor.sub_title


@run_async
async def test_f4_enter_puts_the_cursor_on_the_character_the_diagnostic_is_about(
    report_dir: Path, recovery_dir: Path
) -> None:
    shortcomings = report_dir / "2-shortcomings.toml"
    text = shortcomings.read_text(encoding="utf-8")
    shortcomings.write_text(text.replace("落实不到位。", "落实不到位,", 1), encoding="utf-8")
    editor = make_app(report_dir, recovery_dir=recovery_dir)
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [d.code for d in editor.editor.diagnostics] == ["F003"]
        await pilot.press("f4", "enter")
        await pilot.pause()
        area = editor.focused
        assert isinstance(area, TextArea)
        row, column = area.cursor_location
        assert area.document.get_line(row)[column] == ","
        await pilot.press("delete", "。")  # the clerk corrects it where the cursor is
        await settle(pilot)
        assert editor.editor.diagnostics == []


@run_async
async def test_the_form_heading_follows_the_value_typed(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        heading = editor.editor.form.query_one(".form-heading", Static)
        assert "penalty_cases 142" in str(heading.render())
        await pilot.press("ctrl+u", *"150")
        await settle(pilot)
        assert "penalty_cases 150" in str(heading.render())
