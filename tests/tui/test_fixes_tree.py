"""Working from the tree: what the add and delete prompts offer and say, and the F4 list."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from tests.tui.conftest import run_async, settle
from tui.cells import width
from tui.editor.app import EditorApp
from tui.editor.outline import NodeRef
from tui.editor.screens.prompts import ROW_CELLS, ChoiceScreen, TextScreen, fit_question
from tui.editor.session import EditSession

SIZE = (80, 24)


async def add_on_the_first_part(pilot: Pilot[None]) -> ChoiceScreen:
    """The cursor on 一、（一） and ``a`` pressed: the prompt asking what to add."""
    await settle(pilot)
    await pilot.press("down", "down", "down", "down")  # 一、（一）
    assert pilot.app.editor.report_tree.cursor_node.data.role == "part"  # type: ignore[attr-defined]
    await pilot.press("a")
    await pilot.pause()
    prompt = pilot.app.screen
    assert isinstance(prompt, ChoiceScreen)
    return prompt


@run_async
async def test_a_part_offers_a_metric_and_every_answer_shows_at_80_columns(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        prompt = await add_on_the_first_part(pilot)
        labels = [str(b.label) for b in prompt.query(Button)]
        assert "6 指标（m）" in labels and "取消（Esc）" in labels  # 6: the digit picks it too
        assert all(b.region.right <= SIZE[0] for b in prompt.query(Button))
        await pilot.press("m", *"new_checks", "enter")
        await settle(pilot)
        metrics = editor.session.data("1-measures.toml")["metrics"]
        assert "new_checks" in metrics


def test_a_long_quoted_name_is_cut_inside_its_quotes() -> None:
    question = "删除“一是 " + "企业安全生产主体责任落实不到位" * 3 + "”？"
    fitted = fit_question(question)
    assert width(fitted) <= ROW_CELLS and fitted.endswith("…”？") and fitted.startswith("删除“一是")
    assert fit_question("删除“一是 短”？") == "删除“一是 短”？"


def test_the_delete_prompt_can_say_where_a_metric_is_still_used(report_dir: Path) -> None:
    session = EditSession(report_dir)
    assert session.references("penalty_cases") == [("一、（二）一是", 1)]
    note = session.describe_references("penalty_cases")
    assert "1 处" in note and "一、（二）一是" in note
    assert session.describe_references("no_such_metric") == ""


@run_async
async def test_in_the_problem_list_the_footer_says_enter_jumps(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        shown = {b.description for _, b, _, _ in editor.screen.active_bindings.values() if b.show}
        assert "跳到出错的字段" in shown


@run_async
async def test_a_refused_metric_name_keeps_the_prompt_open_with_the_text(
    editor: EditorApp,
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await add_on_the_first_part(pilot)
        await pilot.press("m", *"penalty_cases", "enter")  # defined already
        await pilot.pause()
        prompt = editor.screen
        assert isinstance(prompt, TextScreen)
        detail = str(prompt.query_one("#prompt-detail", Static).render())
        assert "指标名“penalty_cases”已经存在" in detail
        field = prompt.query_one(Input)
        assert field.value == "penalty_cases"
        await pilot.press(*["backspace"] * len("_cases"))
        await pilot.press(*"_2023", "enter")  # penalty_2023
        await settle(pilot)
        assert not isinstance(editor.screen, TextScreen)
        assert "penalty_2023" in editor.session.data("1-measures.toml")["metrics"]


@run_async
async def test_a_part_added_before_an_open_one_leaves_it_open(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = editor.editor.report_tree
        await pilot.press("down", "down", "down", "down", "down")  # 一、（二）
        assert tree.cursor_node.data.ref.keys == ("parts", 1)
        await pilot.press("right")  # open it
        await pilot.press("up", "a", "b")  # on （一）: add a part after it
        await settle(pilot)
        second = tree.find(NodeRef("1-measures.toml", ("parts", 1)))
        third = tree.find(NodeRef("1-measures.toml", ("parts", 2)))
        assert second is not None and third is not None
        assert not second.is_expanded  # the new, empty part
        assert third.is_expanded and "坚持依法行政" in str(third.label)  # the old （二）
