"""Undo and redo as a new user met them at 80×24: keys typed at once, the cursor, notices, the tree.

Keys typed right after Ctrl+Z must land in the field (never lost, never sent to
the tree); the cursor goes where the text changed; undo's notices do not pile
up; what was open in the tree stays open across sections renamed; the title's
未保存 is right as soon as the undo is done. Files written by Ctrl+S are read
back where it matters.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.tui.conftest import jump_to_input, run_async, settle
from tests.tui.test_input_method import PART, go
from tests.tui.test_sections import to_section
from tests.tui.test_undo import SIZE, cursor, field_keys, notes, press, save, saved
from tui.editor.app import EditorApp, make_app
from tui.editor.outline import NodeRef
from tui.editor.screens.prompts import ChoiceScreen
from tui.editor.screens.undoing import caret_after

SIGNER = ("report.toml", ("header", "signer"))
POINT = ("2-shortcomings.toml", ("points", 0))
CONTROL: dict[str, str | None] = {
    "ctrl+z": "\x1a",
    "ctrl+y": "\x19",
    "backspace": "\x7f",
    "end": None,
}


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Keys read from the terminal at once (as tmux sends them): all queued before any runs."""
    for key in keys:
        pilot.app.post_message(events.Key(key, CONTROL.get(key, key)))
    await settle(pilot)


async def stop_typing(pilot: Pilot[None], app: EditorApp) -> None:
    """A pause long enough to end a typing step."""
    await pilot.pause(app.editor.history.pause + 0.2)


def shown(app: EditorApp) -> str:
    """The text of the one-line input with the cursor."""
    field = app.focused
    assert isinstance(field, Input), field
    return field.value


def is_open(app: EditorApp, file: str, keys: tuple[str | int, ...] = ()) -> bool:
    node = app.editor.report_tree.find(NodeRef(file, keys))
    assert node is not None, (file, keys)
    return node.is_expanded


def test_the_cursor_goes_after_the_text_that_changed() -> None:
    assert caret_after("沈斌ABC", "沈斌") == 2  # typing taken back: where it began
    assert caret_after("沈斌", "沈斌ABC") == 5  # typed again: after it
    assert caret_after("AB沈斌", "沈斌") == 0
    assert caret_after("沈", "沈斌斌") == 3  # text put back: after it
    assert caret_after("a", "a") is None


@run_async
async def test_keys_typed_right_after_ctrl_z_and_ctrl_y_land_in_the_field(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump_to_input(pilot, "签发人")
        await burst(pilot, *"ABC")  # in one read: one step, however slow the machine
        await stop_typing(pilot, editor)
        await burst(pilot, "ctrl+z", "X", "Y")
        assert shown(editor) == "沈斌XY"
        await stop_typing(pilot, editor)
        await burst(pilot, "ctrl+z", *"DEF", "ctrl+z", "ctrl+y", *"GH")
        assert shown(editor) == "沈斌DEFGH"
        assert editor.session.data("report.toml")["header"]["signer"] == "沈斌DEFGH"
        await stop_typing(pilot, editor)
        await burst(pilot, *"IJ", "ctrl+z", "K")  # typed before Ctrl+Z: undone; after: kept
        assert shown(editor) == "沈斌DEFGHK"
        await save(pilot)
    assert 'signer = "沈斌DEFGHK"' in saved(report_dir, "report.toml")


@run_async
async def test_keys_typed_after_ctrl_z_in_the_tree_go_into_the_field_it_opens(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump_to_input(pilot, "签发人")
        await burst(pilot, *"AB")
        await press(pilot, "escape", "down", "down")  # elsewhere in the tree
        assert editor.focused is editor.editor.report_tree
        await burst(pilot, "ctrl+z", "X", "1")  # x in the tree would ask to delete
        assert not isinstance(editor.screen, ChoiceScreen)
        assert field_keys(editor) == SIGNER and shown(editor) == "沈斌X1"
        await save(pilot)
    assert 'signer = "沈斌X1"' in saved(report_dir, "report.toml")


@run_async
async def test_after_undo_and_redo_the_cursor_is_where_the_text_changed(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await editor.editor.go_to(*POINT, at=0)  # 二、一是, a multi-line field
        await burst(pilot, *"AB")
        await stop_typing(pilot, editor)
        await press(pilot, "right", "right", "right")
        await burst(pilot, *"CD")  # in the middle: AB企业安CD全…
        await stop_typing(pilot, editor)
        await press(pilot, "end")  # the cursor away from both
        area = editor.focused
        assert isinstance(area, TextArea)
        await press(pilot, "ctrl+z")
        area = editor.focused
        assert isinstance(area, TextArea) and area.cursor_location == (0, 5)
        await press(pilot, "ctrl+z")
        area = editor.focused
        assert isinstance(area, TextArea) and area.cursor_location == (0, 0)
        await press(pilot, "ctrl+y")
        area = editor.focused
        assert isinstance(area, TextArea) and area.cursor_location == (0, 2)
        await editor.editor.go_to(*SIGNER, at=0)  # a one-line input
        await press(pilot, "X")
        await stop_typing(pilot, editor)
        await burst(pilot, "end", "backspace", "backspace")  # 沈斌 erased
        await stop_typing(pilot, editor)
        await press(pilot, "ctrl+z")
        field = editor.focused
        assert isinstance(field, Input) and field.value == "X沈斌" and field.cursor_position == 3
        await press(pilot, "ctrl+z")
        field = editor.focused
        assert isinstance(field, Input) and field.value == "沈斌" and field.cursor_position == 0
        await press(pilot, "ctrl+y")
        field = editor.focused
        assert isinstance(field, Input) and field.cursor_position == 1


@run_async
async def test_undo_notices_replace_each_other_and_the_undone_actions_go(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, *["ctrl+z"] * 20)  # pressed quickly, nothing to undo
        assert notes(editor) == ["没有可以撤销的修改"]
        await burst(pilot, "ctrl+y", "ctrl+y")
        assert notes(editor) == ["没有可以重做的修改"]
        await to_section(pilot, editor, "2-shortcomings.toml")
        await press(pilot, "]")
        assert any(n.startswith("已移为第三节") for n in notes(editor))
        await press(pilot, "ctrl+z")
        assert not any(n.startswith("已移为") for n in notes(editor))


@run_async
async def test_the_tree_keeps_open_what_was_open_across_undo_and_redo_of_a_section_move(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, PART)  # 一、（一）
        await press(pilot, "right")  # opened
        await go(pilot, NodeRef("4-plans.toml", ()))
        await press(pilot, "left")  # closed
        await to_section(pilot, editor, "1-measures.toml")
        await press(pilot, "]")  # 1-measures ↔ 2-shortcomings: 1-shortcomings, 2-measures
        await press(pilot, "ctrl+z")
        assert cursor(editor) == NodeRef("1-measures.toml", ())
        assert is_open(editor, "1-measures.toml") and is_open(editor, PART.file, PART.keys)
        assert is_open(editor, "2-shortcomings.toml") and is_open(editor, "3-leadership.toml")
        assert not is_open(editor, "4-plans.toml")
        await press(pilot, "ctrl+y")
        assert cursor(editor) == NodeRef("2-measures.toml", ())
        assert is_open(editor, "2-measures.toml") and is_open(editor, "2-measures.toml", PART.keys)
        assert is_open(editor, "1-shortcomings.toml") and not is_open(editor, "4-plans.toml")


@run_async
async def test_a_section_removed_comes_back_open_and_a_recovered_draft_opens_as_at_start(
    report_dir: Path, recovery_dir: Path
) -> None:
    first = make_app(report_dir, recovery_dir=recovery_dir)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, first, "2-shortcomings.toml")
        await press(pilot, "x", "y")  # removed
        await press(pilot, "ctrl+z")
        assert cursor(first) == NodeRef("2-shortcomings.toml", ())
        assert is_open(first, "2-shortcomings.toml")
        await to_section(pilot, first, "1-measures.toml")
        await press(pilot, "]")  # 1-shortcomings, 2-measures
        first.keep_recovery()  # then the editor is killed
    second = make_app(report_dir, recovery_dir=recovery_dir)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, ChoiceScreen)
        await press(pilot, "r")
        assert is_open(second, "1-shortcomings.toml") and is_open(second, "2-measures.toml")
        assert is_open(second, "4-plans.toml") and is_open(second, "report.toml", ("body",))


@run_async
async def test_unsaved_is_right_at_once_after_undo_following_a_save_that_renamed(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, editor, "1-measures.toml")
        await press(pilot, "]")
        await save(pilot)
        assert (report_dir / "2-measures.toml").exists() and "未保存" not in editor.sub_title
        title = editor.session.data("2-measures.toml")["title"]
        await editor.editor.go_to("2-measures.toml", ("title",))
        await burst(pilot, *"ABC")  # in one read: one step, however slow the machine
        await stop_typing(pilot, editor)
        assert "未保存" in editor.sub_title
        await editor.action_undo()  # what Ctrl+Z runs; nothing else handled meanwhile
        assert "未保存" not in editor.sub_title
        assert shown(editor) == title
        await settle(pilot)
        assert "未保存" not in editor.sub_title
        await editor.action_undo()  # the move, past the save: the names on disk differ
        assert "未保存" in editor.sub_title
        await editor.action_redo()
        assert "未保存" not in editor.sub_title
        await settle(pilot)
        await save(pilot)
    assert sorted(p.name for p in report_dir.glob("*.toml")) == [
        "1-shortcomings.toml",
        "2-measures.toml",
        "3-leadership.toml",
        "4-plans.toml",
        "report.toml",
    ]


@run_async
async def test_a_reload_after_a_conflict_is_undone_and_the_typing_before_it_too(
    editor: EditorApp, report_dir: Path
) -> None:
    signer = lambda: editor.session.data("report.toml")["header"]["signer"]  # noqa: E731
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump_to_input(pilot, "签发人")
        await press(pilot, "ctrl+u", *"李")
        meta = report_dir / "report.toml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("沈斌", "王五"), encoding="utf-8")
        await press(pilot, "ctrl+s")
        assert isinstance(editor.screen, ChoiceScreen)
        await press(pilot, "r")  # reload: the disk's 王五, 李 given up
        assert signer() == "王五" and "未保存" not in editor.sub_title
        await press(pilot, "ctrl+z")  # the reload taken back: 李 again
        assert signer() == "李" and "未保存" in editor.sub_title
        await press(pilot, "ctrl+z")  # the typing
        assert signer() == "沈斌"
        await press(pilot, "ctrl+y", "ctrl+y")
        assert signer() == "王五" and "未保存" not in editor.sub_title
        await press(pilot, "ctrl+z")
        assert signer() == "李"
        await press(pilot, "ctrl+s")  # the disk still holds 王五: asked again, never overwritten
        assert isinstance(editor.screen, ChoiceScreen)
        await press(pilot, "o")
    assert 'signer = "李"' in saved(report_dir, "report.toml")


@run_async
async def test_undoing_a_reload_back_to_the_file_as_read_deletes_nothing(
    editor: EditorApp, report_dir: Path
) -> None:
    meta = report_dir / "report.toml"
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump_to_input(pilot, "签发人")
        await press(pilot, "ctrl+u", *"李")
        meta.write_text(meta.read_text(encoding="utf-8").replace("沈斌", "王五"), encoding="utf-8")
        await press(pilot, "ctrl+s", "r")  # the conflict: reload
        await press(pilot, "ctrl+z", "ctrl+z")  # the reload, then the typing: 沈斌, as first read
        assert editor.session.data("report.toml")["header"]["signer"] == "沈斌"
        assert "未保存" not in editor.sub_title  # as before the reload: nothing of its own to save
        await press(pilot, "ctrl+s")
        assert meta.exists() and 'signer = "王五"' in saved(report_dir, "report.toml")
        await press(pilot, "ctrl+y")  # the typing again: 李, and the disk's 王五 not overwritten
        await press(pilot, "ctrl+s")
        assert isinstance(editor.screen, ChoiceScreen)
        await press(pilot, "escape")
    assert 'signer = "王五"' in saved(report_dir, "report.toml")


@run_async
async def test_the_delete_prompts_say_that_ctrl_z_undoes_after_a_save_too(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, NodeRef(*POINT))  # 二、一是
        await press(pilot, "x")
        assert isinstance(editor.screen, ChoiceScreen)
        assert "可按 Ctrl+Z 撤销（保存之后也可以）" in editor.screen.detail
        await press(pilot, "escape")
        await to_section(pilot, editor, "2-shortcomings.toml")
        await press(pilot, "x")
        assert isinstance(editor.screen, ChoiceScreen)
        detail = editor.screen.detail
        assert "可按 Ctrl+Z 撤销（保存之后也可以）" in detail and "在那之前" not in detail
        await press(pilot, "escape")
        assert len(editor.session.draft.sections) == 4
