"""Undo and redo across the whole draft, from the keyboard at 80×24.

Each test changes the draft as a clerk would, takes the change back with
Ctrl+Z (and again with Ctrl+Y), saves with Ctrl+S and reads the files
written: what undo shows is what is saved. The cursor must come back to
where the change was made, and the title's 未保存 must follow the history.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from records import load_report
from tests.conftest import EXAMPLE
from tests.tui.conftest import jump, jump_to_input, run_async, settle
from tests.tui.test_input_method import PART, SECTION_2, footer_text, go
from tests.tui.test_sections import to_section
from tui.editor.app import EditorApp, make_app
from tui.editor.outline import NodeRef
from tui.editor.screens.help import HelpScreen, help_text
from tui.editor.screens.prompts import ChoiceScreen

SIZE = (80, 24)
MEASURES = "1-measures.toml"


def cursor(app: EditorApp) -> NodeRef:
    """The ref of the node under the tree's cursor."""
    node = app.editor.report_tree.cursor_node
    assert node is not None and node.data is not None
    return node.data.ref


def field_keys(app: EditorApp) -> tuple[str, tuple[str | int, ...]] | None:
    """(file, keys) of the field with the cursor, or ``None`` when no field has it."""
    field = app.editor.focused_field()
    return (field.spec.file, field.spec.keys) if field is not None else None


def unchanged(report_dir: Path) -> bool:
    """Whether every file of the report is byte for byte the example's."""
    return all((report_dir / p.name).read_bytes() == p.read_bytes() for p in EXAMPLE.glob("*.toml"))


def saved(report_dir: Path, name: str = MEASURES) -> str:
    return (report_dir / name).read_text(encoding="utf-8")


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def save(pilot: Pilot[None]) -> None:
    await press(pilot, "ctrl+s")


def notes(app: EditorApp) -> list[str]:
    return [n.message for n in app._notifications]


@run_async
async def test_a_field_edit_is_undone_and_redone_with_the_cursor_back_in_the_field(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump_to_input(pilot, "penalty_cases")
        await press(pilot, "ctrl+u", *"150")
        await press(pilot, "escape", "up", "up")  # elsewhere in the tree
        await press(pilot, "ctrl+z")
        assert field_keys(editor) == (MEASURES, ("metrics", "penalty_cases", "value"))
        assert isinstance(editor.focused, Input) and editor.focused.value == "142"
        assert "未保存" not in editor.sub_title  # back to what is on disk
        await save(pilot)
        assert unchanged(report_dir)
        await press(pilot, "escape", "ctrl+y")
        assert field_keys(editor) == (MEASURES, ("metrics", "penalty_cases", "value"))
        assert isinstance(editor.focused, Input) and editor.focused.value == "150"
        assert "未保存" in editor.sub_title
        await save(pilot)
    assert "[metrics.penalty_cases]\nvalue = 150\n" in saved(report_dir)


@run_async
async def test_typing_is_one_step_until_a_pause_or_leaving_the_field(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await jump_to_input(pilot, "签发人")
        await press(pilot, *"AB")
        await pilot.pause(editor.editor.history.pause + 0.2)  # a pause ends the step
        await press(pilot, *"CD")
        await press(pilot, "tab", "shift+tab")  # and so does leaving the field
        await press(pilot, *"EF")
        assert field.value == "沈斌ABCDEF"
        await press(pilot, "ctrl+z")
        field = editor.focused
        assert isinstance(field, Input) and field.value == "沈斌ABCD"
        await press(pilot, "ctrl+z")
        field = editor.focused
        assert isinstance(field, Input) and field.value == "沈斌AB"
        await save(pilot)
        assert 'signer = "沈斌AB"' in saved(report_dir, "report.toml")
        await press(pilot, "ctrl+z")
        field = editor.focused
        assert isinstance(field, Input) and field.value == "沈斌"
        await press(pilot, "ctrl+z")
        assert notes(editor)[-1] == "没有可以撤销的修改"
        await save(pilot)
    assert unchanged(report_dir)


@run_async
async def test_adding_a_heading_and_typing_its_title_are_undone_step_by_step(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")  # 版头 主体 主送机关 → 一、
        section = cursor(editor)
        assert section == NodeRef(MEASURES, ())
        await press(pilot, "a", "b")  # a heading （四）, the cursor in its title
        await press(pilot, *"新的分项", "escape")
        assert cursor(editor) == NodeRef(MEASURES, ("parts", 3))
        await press(pilot, "ctrl+z")  # the title typed
        assert field_keys(editor) == (MEASURES, ("parts", 3, "title"))
        assert isinstance(editor.focused, Input) and editor.focused.value == ""
        await press(pilot, "ctrl+z")  # the heading added
        assert cursor(editor) == section and editor.focused is editor.editor.report_tree
        assert len(load_report(report_dir).sections[0].blocks) == 3
        await save(pilot)
        assert unchanged(report_dir)
        await press(pilot, "ctrl+y")
        assert cursor(editor) == NodeRef(MEASURES, ("parts", 3))
        await press(pilot, "ctrl+y")
        assert field_keys(editor) == (MEASURES, ("parts", 3, "title"))
        await save(pilot)
    parts = load_report(report_dir).sections[0].blocks
    assert len(parts) == 4 and parts[3].title == "新的分项"


@run_async
async def test_moving_a_heading_is_undone_and_redone(editor: EditorApp, report_dir: Path) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [p.title for p in load_report(report_dir).sections[0].blocks]
        await pilot.press("down", "down", "down", "down", "down")  # 一、（二）
        assert cursor(editor) == NodeRef(MEASURES, ("parts", 1))
        await press(pilot, "]")
        assert cursor(editor) == NodeRef(MEASURES, ("parts", 2))
        await press(pilot, "ctrl+z")
        assert cursor(editor) == NodeRef(MEASURES, ("parts", 1))  # on the heading, back in place
        assert editor.editor.form.node is not None
        assert editor.editor.form.node.label.startswith("（二）" + titles[1][:4])
        await save(pilot)
        assert unchanged(report_dir)
        await press(pilot, "ctrl+shift+z")  # redo, as Ctrl+Y
        assert cursor(editor) == NodeRef(MEASURES, ("parts", 2))
        await save(pilot)
    moved = [p.title for p in load_report(report_dir).sections[0].blocks]
    assert moved == [titles[0], titles[2], titles[1]]


@run_async
async def test_removing_and_toggling_standalone_are_undone(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # 一、（一）
        await press(pilot, "s")  # standalone
        await press(pilot, "down", "x", "y")  # （二） removed, with all under it
        assert len(load_report(report_dir).sections[0].blocks) == 3  # nothing written yet
        assert len(editor.session.data(MEASURES)["parts"]) == 2
        await press(pilot, "ctrl+z")
        assert cursor(editor) == NodeRef(MEASURES, ("parts", 1))  # on the heading put back
        assert len(editor.session.data(MEASURES)["parts"]) == 3
        await press(pilot, "ctrl+z")
        assert cursor(editor) == NodeRef(MEASURES, ("parts", 0))
        await save(pilot)
    assert unchanged(report_dir)


@run_async
async def test_adding_a_metric_and_editing_a_recipient_are_undone(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = editor.editor.report_tree
        await pilot.press(*["down"] * 8)  # 二、
        await press(pilot, "down", "down", "down")  # 一是 二是 → 指标（0）
        assert tree.cursor_node is not None and tree.cursor_node.data.role == "metrics"
        metrics = cursor(editor)
        await press(pilot, "a", *"new_checks", "enter")
        await press(pilot, "ctrl+u", *"12")
        await press(pilot, "escape")
        await pilot.press("home", "down", "down", "right", "down", "enter")  # 宝山区人民政府
        await press(pilot, "ctrl+u", *"Qu Zhengfu")
        assert editor.session.data("report.toml")["body"]["recipients"][0] == "Qu Zhengfu"
        await press(pilot, "ctrl+z")  # the recipient
        assert field_keys(editor) == ("report.toml", ("body", "recipients", 0))
        assert isinstance(editor.focused, Input) and editor.focused.value == "中共上海市宝山区委"
        await press(pilot, "ctrl+z", "ctrl+z")  # the metric's value, then the metric
        assert cursor(editor) == metrics
        await save(pilot)
        assert unchanged(report_dir)
        await press(pilot, "ctrl+y", "ctrl+y")  # the metric and its value again
        assert field_keys(editor) == ("2-shortcomings.toml", ("metrics", "new_checks", "value"))
        await save(pilot)
    report = load_report(report_dir)
    assert report.sections[1].metrics["new_checks"].value == 12
    assert report.body.recipients == ["中共上海市宝山区委", "宝山区人民政府"]


@run_async
async def test_unsaved_follows_the_history_across_a_save(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump_to_input(pilot, "penalty_cases")
        await press(pilot, "ctrl+u", *"150")
        await save(pilot)
        assert "未保存" not in editor.sub_title
        await press(pilot, "tab", "ctrl+u", *"起")  # the unit, 件 → 起
        assert "未保存" in editor.sub_title
        await press(pilot, "ctrl+z")  # back to what was saved
        assert "未保存" not in editor.sub_title
        await press(pilot, "ctrl+z")  # past the save: the draft differs from the file again
        assert "未保存" in editor.sub_title
        assert isinstance(editor.focused, Input) and editor.focused.value == "142"
        await press(pilot, "ctrl+y")
        assert "未保存" not in editor.sub_title
        await press(pilot, "ctrl+y")
        assert "未保存" in editor.sub_title
        await press(pilot, "ctrl+z", "ctrl+z")
        await save(pilot)  # the value as it was before, saved over the save
        assert "未保存" not in editor.sub_title
    assert unchanged(report_dir)


@run_async
async def test_a_change_after_an_undo_drops_the_redo_and_says_so(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await jump_to_input(pilot, "penalty_cases")
        await press(pilot, "ctrl+u", *"150")
        await press(pilot, "ctrl+z", "ctrl+y", "ctrl+z")
        field = editor.focused
        assert isinstance(field, Input) and field.value == "142"
        await press(pilot, "end", "0")  # 1420: a new change
        await press(pilot, "ctrl+y")
        assert notes(editor)[-1] == "没有可以重做的修改"
        field = editor.focused
        assert isinstance(field, Input) and field.value == "1420"


@run_async
async def test_text_that_could_not_be_stored_is_undone_as_typing_and_kept_otherwise(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        where = (MEASURES, ("metrics", "penalty_cases", "value"))
        await jump_to_input(pilot, "penalty_cases")
        await press(pilot, "end", "x")  # 142x: not a number, not stored
        assert editor.session.rejected == {where: "142x"} and "未保存" in editor.sub_title
        await press(pilot, "ctrl+z")  # the typing taken back
        field = editor.focused
        assert isinstance(field, Input) and field.value == "142"
        assert editor.session.rejected == {} and editor.editor.local_problems == {}
        assert "未保存" not in editor.sub_title
        await press(pilot, "ctrl+y")
        field = editor.focused
        assert isinstance(field, Input) and field.value == "142x"  # shown as typed, marked
        assert "未写入" in editor.editor.local_problems[where]
        await press(pilot, "tab", "ctrl+u", *"起")  # the unit, in the same form
        await press(pilot, "ctrl+z")  # undoes the unit only: 142x is not lost
        assert editor.session.rejected == {where: "142x"}
        assert "未写入" in editor.editor.local_problems[where]
        assert editor.session.data(MEASURES)["metrics"]["penalty_cases"]["unit"] == "件"
        assert "未保存" in editor.sub_title
        await press(pilot, "ctrl+s")
        assert "1 个字段的输入无法识别，未保存" in notes(editor)[-1]


@run_async
async def test_ctrl_z_in_a_text_area_is_the_drafts_undo_not_the_areas_own(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        parts = lambda: editor.session.data(MEASURES)["parts"]  # noqa: E731
        await pilot.press("down", "down", "down", "down")  # 一、（一）
        await press(pilot, "s")  # standalone: a change made in the tree
        await press(pilot, "enter", "tab", "tab", "tab")  # 标题 单独成段 正文 → 要点 一是
        assert field_keys(editor) == (MEASURES, ("parts", 0, "points", 0))
        area = editor.focused
        assert isinstance(area, TextArea)
        point = area.text
        await press(pilot, *"AB")
        await press(pilot, "ctrl+z")  # the typing
        area = editor.focused
        assert isinstance(area, TextArea) and area.text == point
        assert parts()[0]["points"][0] == point and parts()[0]["standalone"] is True
        await press(pilot, "ctrl+z")  # still in the area: the change made before, in the tree
        assert "standalone" not in parts()[0]
        assert cursor(editor) == NodeRef(MEASURES, ("parts", 0))
        assert editor.focused is editor.editor.report_tree
        await press(pilot, "ctrl+y", "ctrl+y")
        area = editor.focused
        assert isinstance(area, TextArea) and area.text == point + "AB"
        assert parts()[0]["points"][0] == point + "AB" and parts()[0]["standalone"] is True


@run_async
async def test_undo_and_redo_are_in_the_footer_f1_and_the_palette(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+z")  # nothing done yet
        assert notes(editor) == ["没有可以撤销的修改"]
        shown = {b.description for _, b, _, _ in editor.screen.active_bindings.values() if b.show}
        assert "撤销" in shown
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(editor.screen, HelpScreen)
        text = help_text(editor.screen.groups)
        assert "Ctrl+Z" in text and "Ctrl+Y" in text and "Ctrl+Shift+Z" in text
        await pilot.press("escape")
        await jump_to_input(pilot, "penalty_cases")
        await press(pilot, "ctrl+u", *"150", "escape")
        await jump(pilot, "撤销")
        await settle(pilot)
        assert editor.session.data(MEASURES)["metrics"]["penalty_cases"]["value"] == 142
        assert field_keys(editor) == (MEASURES, ("metrics", "penalty_cases", "value"))
        await jump(pilot, "重做")
        await settle(pilot)
        assert editor.session.data(MEASURES)["metrics"]["penalty_cases"]["value"] == 150


@run_async
async def test_no_undo_under_a_dialog(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # 一、（一）
        await press(pilot, "s")
        await press(pilot, "x")  # the prompt: remove?
        assert isinstance(editor.screen, ChoiceScreen)
        await press(pilot, "ctrl+z")
        assert isinstance(editor.screen, ChoiceScreen)
        assert editor.session.data(MEASURES)["parts"][0].get("standalone") is True


@run_async
async def test_restoring_a_recovered_draft_is_a_step_to_undo(
    report_dir: Path, recovery_dir: Path
) -> None:
    first = make_app(report_dir, recovery_dir=recovery_dir)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump_to_input(pilot, "签发人")
        await press(pilot, "ctrl+u", *"Li")
        first.keep_recovery()  # then the editor is killed
    second = make_app(report_dir, recovery_dir=recovery_dir)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, ChoiceScreen)
        await press(pilot, "r")
        assert "未保存" in second.sub_title
        await press(pilot, "ctrl+z")  # the recovered edits taken back: the files as on disk
        assert "未保存" not in second.sub_title
        assert second.session.data("report.toml")["header"]["signer"] == "沈斌"
        await press(pilot, "ctrl+y")
        assert second.session.data("report.toml")["header"]["signer"] == "Li"
        await save(pilot)
    assert 'signer = "Li"' in saved(report_dir, "report.toml")


@run_async
async def test_a_save_ends_a_typing_step(editor: EditorApp, report_dir: Path) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump_to_input(pilot, "penalty_cases")
        await press(pilot, "ctrl+u", *"150", "ctrl+s", "0")  # 1500, typed on at once
        await press(pilot, "ctrl+z")
        field = editor.focused
        assert isinstance(field, Input) and field.value == "150"  # as saved, not 142
        assert "未保存" not in editor.sub_title
    assert "[metrics.penalty_cases]\nvalue = 150\n" in saved(report_dir)


@run_async
async def test_the_footer_offers_ctrl_z_where_it_has_room(
    this_year: Path, recovery_dir: Path
) -> None:
    app = make_app(this_year, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, SECTION_2)
        assert "^z 撤销" in footer_text(pilot)  # (footer_text: nothing cut off at 80 columns)
        await app.editor.go_to("4-plans.toml", ("parts", 0, "text"))  # last year's text: F5
        await settle(pilot)
        shown = footer_text(pilot)
        assert "^z 撤销" in shown and "f5 用去年原文" in shown and "^p 命令" in shown
        await pilot.press("escape")
        await go(pilot, PART)  # a heading: the line is full with f6 单独成段
        assert "^z" not in footer_text(pilot)
        await press(pilot, "s")
        assert app.session.data(MEASURES)["parts"][0]["standalone"] is True
        await press(pilot, "ctrl+z")  # Ctrl+Z works all the same
        assert "standalone" not in app.session.data(MEASURES)["parts"][0]


@run_async
async def test_removing_a_section_is_undone_with_the_cursor_on_it(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, editor, "2-shortcomings.toml")
        await press(pilot, "x", "y")  # confirmed
        assert [f.path.name for f in editor.session.draft.sections] == [
            "1-measures.toml",
            "3-leadership.toml",
            "4-plans.toml",
        ]
        await press(pilot, "ctrl+z")
        assert cursor(editor) == NodeRef("2-shortcomings.toml", ())
        assert "未保存" not in editor.sub_title
        await save(pilot)
        assert unchanged(report_dir) and (report_dir / "2-shortcomings.toml").exists()
        await press(pilot, "ctrl+y")
        assert cursor(editor) == NodeRef("1-measures.toml", ())  # where the removal left it
        await save(pilot)
    assert not (report_dir / "2-shortcomings.toml").exists()
    assert [s.kind for s in load_report(report_dir).sections] == ["measures", "leadership", "plans"]
