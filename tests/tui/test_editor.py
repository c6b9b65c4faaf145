"""The editor driven from the keyboard at 80×24, as a clerk uses it.

Each test works on a private copy of the example and asserts on what a clerk
depends on: the bytes saved, the diagnostics shown, where the cursor lands.
"""

from __future__ import annotations

from pathlib import Path

from records import load_report
from schema import validate_report
from tests.conftest import EXAMPLE
from tests.tui.conftest import jump, jump_to_input, run_async, settle
from tui.cells import width
from tui.editor.app import EditorApp
from tui.editor.screens.help import HelpScreen, help_text
from tui.editor.screens.prompts import ChoiceScreen
from tui.editor.widgets.diagnostics_pane import DiagnosticsPane
from tui.editor.widgets.preview_pane import PreviewPane

SIZE = (80, 24)


def changed_lines(before: str, after: str) -> list[tuple[int, str, str]]:
    """(line number, old, new) for each line that differs, files of equal length."""
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    return [(i + 1, a, b) for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]


@run_async
async def test_palette_jump_type_and_save_changes_exactly_that_line(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focused = await jump_to_input(pilot, "penalty_cases")
        assert focused.value == "142"
        await pilot.press("ctrl+u", *"150")
        await settle(pilot)
        assert "未保存" in editor.sub_title
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not editor.session.modified
    measures = "1-measures.toml"
    before = (EXAMPLE / measures).read_text(encoding="utf-8")
    after = (report_dir / measures).read_text(encoding="utf-8")
    line = before.splitlines().index("[metrics.penalty_cases]") + 2
    assert changed_lines(before, after) == [(line, "value = 142", "value = 150")]
    for path in EXAMPLE.glob("*.toml"):
        if path.name != measures:
            assert (report_dir / path.name).read_bytes() == path.read_bytes()


@run_async
async def test_a_negative_value_shows_an_error_and_the_pane_jumps_back_to_it(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert editor.editor.diagnostics == []
        await jump(pilot, "penalty_cases")
        value_input = editor.focused
        await pilot.press("ctrl+u", "-", "5")
        await settle(pilot)
        pane = editor.screen.query_one(DiagnosticsPane)
        errors = [d for d in pane.diagnostics if d.severity == "error"]
        assert [d.code for d in errors] == ["N002"] and "负数" in errors[0].message
        assert "1 个错误" in str(pane.query_one("#diag-counts").render())
        box = editor.screen.query_one(f"#box-{value_input.id}")
        assert box.has_class("-invalid")
        # from the tree, F4 and Enter put the cursor back in the faulty field
        await pilot.press("escape", "f4", "enter")
        await pilot.pause()
        assert editor.focused is not None and editor.focused.id == value_input.id
        await pilot.press("ctrl+s")  # a draft with errors can always be saved
        await settle(pilot)
        assert not editor.session.modified
    assert "value = -5" in (report_dir / "1-measures.toml").read_text(encoding="utf-8")


@run_async
async def test_quit_with_unsaved_changes_asks_and_stay_keeps_editing(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "签发人")  # by its Chinese title
        await pilot.press("ctrl+u", *"abc")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(editor.screen, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(editor.screen, ChoiceScreen) and editor.is_running
        await pilot.press("ctrl+q", "d")
        await pilot.pause()
        assert not editor.is_running
    assert (report_dir / "report.toml").read_bytes() == (EXAMPLE / "report.toml").read_bytes()


@run_async
async def test_quit_without_changes_does_not_ask(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not editor.is_running


@run_async
async def test_adding_a_point_and_a_metric_saves_a_report_that_validates(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = editor.editor.report_tree
        # go to section 二 (shortcomings): it has points and no metrics yet
        await pilot.press("down", "down", "down", "down", "down", "down", "down", "down")
        assert tree.cursor_node is not None and tree.cursor_node.data.role == "section"
        assert tree.cursor_node.data.ref.file == "2-shortcomings.toml"
        await pilot.press("a", "p")  # add … 要点
        await pilot.pause()
        # (Pilot cannot press full-width punctuation; a terminal sends it as text)
        await pilot.press(*"加强执法检查全年开展{new_checks}次")
        await pilot.press("escape", "down")  # back in the tree, on to 指标（0）
        assert tree.cursor_node is not None and tree.cursor_node.data.role == "metrics"
        await pilot.press("a")  # the one thing to add here: a metric, named first
        await pilot.pause()
        await pilot.press(*"new_checks", "enter")
        await pilot.pause()
        assert editor.focused is not None
        await pilot.press("ctrl+u", "1", "2", "tab", *"次", "tab", *"执法检查")
        await pilot.press("ctrl+s")
        await settle(pilot)
    report = load_report(report_dir)
    section = report.sections[1]
    assert section.points[-1] == "加强执法检查全年开展{new_checks}次"
    assert section.metrics["new_checks"].value == 12
    assert section.metrics["new_checks"].unit == "次"
    assert section.metrics["new_checks"].label == "执法检查"
    assert [d for d in validate_report(report) if d.severity == "error"] == []


@run_async
async def test_f1_lists_every_binding_the_footer_can_show(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = {b.description for _, b, _, _ in editor.screen.active_bindings.values() if b.show}
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(editor.screen, HelpScreen)
        text = help_text(editor.screen.groups)
        for description in shown | {"保存", "退出", "命令", "添加", "删除", "上移", "下移", "预览"}:
            assert description in text
        assert "字段中：到下一个字段" in text  # Enter in a field moves on


@run_async
async def test_preview_shows_the_section_as_exported_with_values_filled_in(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        await pilot.press("ctrl+u", *"150", "f2")
        await settle(pilot)
        preview = editor.screen.query_one(PreviewPane).text
        assert "一、2023年度推进法治政府建设的主要举措和成效" in preview
        assert "办理行政处罚案件150件" in preview and "{penalty_cases}" not in preview
        assert "二、" not in preview  # only the selected section


@run_async
async def test_recipients_are_added_moved_and_removed_from_the_tree(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")  # 主体 → 主送机关（2）
        assert editor.editor.report_tree.cursor_node.data.role == "list"
        await pilot.press("a", *"Shi Zhengfu", "escape")  # a third recipient, typed in
        await pilot.press("[")  # moved up, before 宝山区人民政府
        await pilot.press("down", "x", "y")  # remove 宝山区人民政府, now third
        await pilot.press("ctrl+s")
        await settle(pilot)
    recipients = load_report(report_dir).body.recipients
    assert recipients == ["中共上海市宝山区委", "Shi Zhengfu"]


@run_async
async def test_an_added_empty_point_is_marked_only_once_left_but_listed_at_once(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*["down"] * 9, "a")  # on 二、一是: add the next point
        await settle(pilot)
        form = editor.editor.form
        (point,) = form.editors()
        assert point.spec.keys == ("points", 1) and editor.focused.id == point.spec.dom_id
        assert any(d.pointer == "/points/1" for d in editor.editor.diagnostics)  # listed
        assert not point.has_class("-invalid")  # but not marked while being written
        await pilot.press("escape")
        await settle(pilot)
        assert point.has_class("-invalid")  # left empty: now marked


@run_async
async def test_the_palette_exports_the_text_beside_the_folder(
    editor: EditorApp, report_dir: Path
) -> None:
    from exporters.text import export_text

    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "导出纯文本")
        await settle(pilot)
    exported = report_dir.parent / f"{report_dir.name}.txt"
    assert exported.read_text(encoding="utf-8") == export_text(load_report(report_dir))[0]


@run_async
async def test_ctrl_s_right_after_a_keystroke_saves_that_keystroke(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await jump_to_input(pilot, "penalty_cases")
        field.value = "151"  # shown in the control, its change message not yet handled
        editor.action_save()
        await settle(pilot)
    assert "value = 151" in (report_dir / "1-measures.toml").read_text(encoding="utf-8")


@run_async
async def test_arrow_keys_unfold_step_in_step_out_and_fold_the_tree(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = editor.editor.report_tree
        await pilot.press(*["down"] * 7)
        metrics = tree.cursor_node
        assert metrics is not None and metrics.data is not None
        assert metrics.data.role == "metrics" and not metrics.is_expanded
        await pilot.press("right")
        assert metrics.is_expanded and tree.cursor_node is metrics
        await pilot.press("right")
        assert tree.cursor_node is metrics.children[0]
        await pilot.press("left")
        assert tree.cursor_node is metrics and metrics.is_expanded
        await pilot.press("left")
        assert not metrics.is_expanded


@run_async
async def test_the_preview_opens_at_the_selected_part(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "down", "down")  # 一、（三）
        node = editor.editor.report_tree.cursor_node.data
        assert node.role == "part" and node.ref.keys == ("parts", 2)
        await pilot.press("f2")
        await settle(pilot)
        pane = editor.screen.query_one(PreviewPane)
        # the paragraph at the top of the pane is the part's
        (top,) = [w for w in pane.children if w.region.y == pane.region.y]
        assert str(top.render()).strip().startswith("（三）")
        assert pane.scroll_y > 0
        # lines broken as Chinese is typeset, figures kept whole
        await pilot.press("up")  # （二）, with its figures; the preview follows
        await settle(pilot)
        lines = [ln for w in pane.children for ln in str(w.render()).splitlines()]
        room = pane.scrollable_content_region.width
        assert all(width(ln) <= room for ln in lines)  # broken here, not by the widget
        assert not [ln for ln in lines if ln.startswith(("，", "。", "、", "；", "）", "”"))]
        assert any("1014家次" in ln for ln in lines) and any("861.98万元" in ln for ln in lines)
