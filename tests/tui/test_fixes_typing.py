"""Typing as it reaches the editor over SSH: keys in bursts, Enter in prose, pastes, jumps.

A burst is posted the way the terminal driver posts keys, all at once and
without waiting, so the editor must apply them in the order they were typed.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from records import load_report
from schema import validate_report
from tests.tui.conftest import burst, jump, jump_to_input, run_async, settle
from tui.editor.app import EditorApp
from tui.editor.session import EditSession

SIZE = (80, 24)


async def the_lead(pilot: Pilot[None]) -> TextArea:
    """The editor settled, with the cursor in section 二's lead paragraph."""
    await settle(pilot)
    await pilot.app.jump_to("2-shortcomings.toml", ("lead",))  # type: ignore[attr-defined]
    await pilot.pause()
    area = pilot.app.focused
    assert isinstance(area, TextArea)
    return area


@run_async
async def test_a_burst_of_backspaces_and_digits_lands_in_order(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await jump_to_input(pilot, "penalty_cases")
        assert field.value == "142"
        await burst(pilot, "end", "backspace", "backspace", "backspace", "-", "1", "5", "7")
        assert field.value == "-157"
        await burst(pilot, "backspace", "3")
        assert field.value == "-153"
        await burst(pilot, "home", "backspace", "backspace", "end", "backspace", "backspace", "8")
        assert field.value == "-18"
        stored = editor.session.file("1-measures.toml").get(("metrics", "penalty_cases", "value"))
        assert stored == -18


@run_async
async def test_a_burst_in_prose_replaces_the_last_character(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        area = await the_lead(pilot)
        before = area.text
        await burst(pilot, "backspace", "丙")
        assert area.text == before[:-1] + "丙"


@run_async
async def test_after_a_jump_the_cursor_is_after_the_text_with_nothing_selected(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        await pilot.press("left", "left", "backspace")  # 142: the 1 goes
        await settle(pilot)
        field = editor.focused
        assert isinstance(field, Input) and field.value == "42"
        await editor.jump_to("2-shortcomings.toml", ("title",))
        await pilot.press("tab")  # Tab into a paragraph continues it too
        area = editor.focused
        assert isinstance(area, TextArea) and area.selected_text == ""
        assert area.cursor_location == area.document.end


@run_async
async def test_enter_in_prose_moves_on_and_a_pasted_line_break_is_dropped(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        area = await the_lead(pilot)
        before = area.text
        await pilot.press("enter")  # the last field of the section: back to the tree
        assert editor.focused is editor.editor.report_tree and area.text == before
        await editor.jump_to("2-shortcomings.toml", ("title",))
        await pilot.press("enter")  # from the title on to the lead below it
        assert editor.focused is area
        area.focus()
        await pilot.pause()
        area.move_cursor(area.document.end)
        area.post_message(events.Paste("甲乙\n  丙丁\r\n"))
        await pilot.pause()
        assert area.text == before + "甲乙丙丁"
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = (report_dir / "2-shortcomings.toml").read_text(encoding="utf-8")
    assert before + "甲乙丙丁" in saved


def test_a_diagnostic_column_is_found_as_a_character_of_the_value(report_dir: Path) -> None:
    shortcomings = report_dir / "2-shortcomings.toml"
    text = shortcomings.read_text(encoding="utf-8")
    shortcomings.write_text(text.replace("落实不到位。", "落实不到位,", 1), encoding="utf-8")
    report = load_report(report_dir)
    (comma,) = [d for d in validate_report(report) if d.code == "F003"]
    session = EditSession(report_dir)
    keys = ("points", 0)
    index = session.character_at("2-shortcomings.toml", keys, comma.line, comma.column)
    assert index is not None and report.sections[1].points[0][index] == ","
    assert session.character_at("2-shortcomings.toml", ("title",), 5, 9) is None  # the quote


@run_async
async def test_input_that_cannot_be_stored_is_counted_in_the_problems_line(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        counts = editor.screen.query_one("#diag-counts")
        assert str(counts.render()) == "问题：无，报告可以导出"
        await jump_to_input(pilot, "penalty_cases")
        await pilot.press("end", "x")  # 142x: not a number, so not stored
        await settle(pilot)
        assert str(counts.render()) == "问题：无；另有 1 个字段的输入未写入"
        await pilot.press("backspace")
        await settle(pilot)
        assert str(counts.render()) == "问题：无，报告可以导出"


@run_async
async def test_habits_from_other_programs_get_an_answer_not_silence(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")  # nothing changed yet: nothing to undo
        await pilot.press("ctrl+c")  # does not quit
        await pilot.pause()
        said = [(n.title, n.message) for n in editor._notifications]
        assert said[0] == ("", "没有可以撤销的修改") and said[1][0] == "要退出吗？"
        assert editor.is_running


@run_async
async def test_a_long_line_left_mid_way_shows_its_start_again(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await jump_to_input(pilot, "issuer_mark")
        field.value = "上海市宝山区应急管理局" * 6  # longer than the field is wide
        await pilot.press("end")
        await pilot.pause()
        assert field.scroll_x > 0
        await pilot.press("escape")
        await pilot.pause()
        assert field.scroll_x == 0
