"""What a new clerk met in the forms at 80×24: a two-line title, a new metric, 单独成段, quotes.

Each test drives the editor as the clerk did, saves with Ctrl+S, and reads
the saved file back.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from records import load_report
from tests.conftest import ROOT
from tests.tui.conftest import jump_to_input, run_async, settle
from tests.tui.test_blocks import cursor, type_text
from tui.editor.app import EditorApp, make_app
from tui.editor.screens.prompts import TextScreen
from tui.editor.widgets.field_editor import FieldEditor

SIZE = (80, 24)
DONGAN = ROOT / "records" / "examples" / "dongan-emergency-2025"
TITLE = "东安县应急管理局\n2025年法治政府建设报告"
SHOWN = "东安县应急管理局\\n2025年法治政府建设报告"  # the two characters \ and n

PARAGRAPHS_ONLY = """\
kind = "measures"
title = "推进法治政府建设的主要举措和成效"

[[parts]]
title = "强化组织领导"
standalone = true
paragraphs = [
  '我局成立了法治建设领导小组。',
  '始终将法治政府建设工作摆在重要位置。',
]

[[parts]]
title = "坚持依法行政"
standalone = true
paragraphs = [
  "严格执行行政执法三项制度。",
]
"""


@pytest.fixture
def dongan(tmp_path: Path) -> Path:
    """A copy of the 东安县 example, whose title is printed over two lines."""
    folder = tmp_path / DONGAN.name
    shutil.copytree(DONGAN, folder)
    return folder


@pytest.fixture
def paragraphs_only(dongan: Path) -> Path:
    """The copy with section 一's standalone headings over paragraphs only (literal quotes)."""
    (dongan / "1-measures.toml").write_text(PARAGRAPHS_ONLY, encoding="utf-8")
    return dongan


def screen_lines(app: EditorApp) -> list[str]:
    """The text of each line of the screen as drawn."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def into_title(pilot: Pilot[None]) -> Input:
    """From the start: 主体, Enter (年度), Tab: the cursor in the report's title."""
    await settle(pilot)
    await pilot.press("down", "enter", "tab")
    await pilot.pause()
    field = pilot.app.focused
    assert isinstance(field, Input)
    return field


async def go_down_to(pilot: Pilot[None], app: EditorApp, label: str) -> None:
    """Move the tree's cursor down to the node whose label starts with ``label``."""
    for _ in range(30):
        if cursor(app).label.startswith(label):
            return
        await pilot.press("down")
    raise AssertionError(f"no {label} in the tree")


@run_async
async def test_a_two_line_title_shows_its_line_break_as_backslash_n_and_stays_in_its_field(
    dongan: Path, recovery_dir: Path
) -> None:
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        field = await into_title(pilot)
        assert field.value == SHOWN
        await pilot.pause()
        lines = screen_lines(app)
        assert all("\n" not in line and "\r" not in line for line in lines)
        # both halves on the field's one line, right of the tree, which keeps its own lines
        (row,) = [line for line in lines if "2025年法治政府建设报告" in line]
        assert "▕ 东安县应急管理局\\n2025年法治政府建设报告" in row
        await pilot.press("escape")  # the cursor leaves: the whole title still shows
        await pilot.pause()
        assert any(SHOWN in line for line in screen_lines(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.session.modified
    assert (dongan / "report.toml").read_bytes() == (DONGAN / "report.toml").read_bytes()


@run_async
async def test_a_typed_backslash_n_is_the_line_break_of_the_saved_title(
    dongan: Path, recovery_dir: Path
) -> None:
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        field = await into_title(pilot)
        await pilot.press("ctrl+u")  # emptied, then typed anew
        await type_text(pilot, "东安县应急管理局\\n2025年法治政府建设工作报告")
        assert field.value == "东安县应急管理局\\n2025年法治政府建设工作报告"
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = (dongan / "report.toml").read_text(encoding="utf-8")
    assert 'title = "东安县应急管理局\\n2025年法治政府建设工作报告"' in saved
    assert tomllib.loads(saved)["body"]["title"] == "东安县应急管理局\n2025年法治政府建设工作报告"


@run_async
async def test_a_title_typed_into_and_back_is_saved_byte_identical(
    dongan: Path, recovery_dir: Path
) -> None:
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await into_title(pilot)
        await pilot.press("x", "backspace", "tab")  # typed and taken back, then left
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.session.modified
    assert (dongan / "report.toml").read_bytes() == (DONGAN / "report.toml").read_bytes()


@run_async
async def test_a_new_metric_has_no_value_nor_unit_until_they_are_typed(
    dongan: Path, recovery_dir: Path
) -> None:
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_down_to(pilot, app, "指标（1）")  # section 一's metrics
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        await pilot.press(*"trainings", "enter")
        await settle(pilot)
        value = app.focused
        assert isinstance(value, Input) and value.value == ""  # no 0 to type after
        missing = {
            d.pointer
            for d in app.editor.diagnostics
            if d.code == "S001" and d.file.endswith("1-measures.toml")
        }
        assert {"/metrics/trainings/value", "/metrics/trainings/unit"} <= missing
        await pilot.press("ctrl+s")  # saved with the value still to type: still reported
        await settle(pilot)
        saved = (dongan / "1-measures.toml").read_text(encoding="utf-8")
        assert saved.endswith('\n\n[metrics.trainings]\nlabel = ""\n')
        await pilot.press(*"35")
        assert value.value == "35"
        await pilot.press("tab", *"次", "tab", *"培训")
        await pilot.press("ctrl+s")
        await settle(pilot)
        errors = [d for d in app.editor.diagnostics if d.severity == "error"]
        assert errors == []
    saved = (dongan / "1-measures.toml").read_text(encoding="utf-8")
    assert saved.endswith('\n\n[metrics.trainings]\nvalue = 35\nunit = "次"\nlabel = "培训"\n')


@run_async
async def test_s_on_a_standalone_heading_over_paragraphs_makes_the_first_one_its_text(
    paragraphs_only: Path, recovery_dir: Path
) -> None:
    app = make_app(paragraphs_only, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_down_to(pilot, app, "（二）坚持依法行政")
        await pilot.press("s")
        await settle(pilot)
        assert not cursor(app).standalone
        assert not [d for d in app.editor.diagnostics if d.code == "M004"]
        shown = {e.spec.keys[-1]: e.current_text() for e in app.editor.form.editors()}
        assert shown["text"] == "严格执行行政执法三项制度。"
        assert "paragraphs" not in [e.spec.keys[-2] for e in app.editor.form.editors()]
        await pilot.press("up")  # （一）: two paragraphs, the second stays a paragraph
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = (paragraphs_only / "1-measures.toml").read_text(encoding="utf-8")
        assert "paragraphs = []" not in saved
        assert saved.count("paragraphs = [") == 1
        assert "standalone" not in saved
        # the moved paragraph keeps its quotes; the export reads as before, run in
        assert "title = \"强化组织领导\"\ntext = '我局成立了法治建设领导小组。'\n" in saved
        assert saved.endswith('title = "坚持依法行政"\ntext = "严格执行行政执法三项制度。"\n')
        section = load_report(paragraphs_only).sections[0]
        assert section.blocks[0].text == "我局成立了法治建设领导小组。"
        assert section.blocks[0].paragraphs == ["始终将法治政府建设工作摆在重要位置。"]
        await pilot.press("s")  # back to standalone: the text stays the text
        await settle(pilot)
        assert cursor(app).standalone
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = (paragraphs_only / "1-measures.toml").read_text(encoding="utf-8")
    assert "standalone = true\ntext = '我局成立了法治建设领导小组。'\n" in saved


@run_async
async def test_the_form_switch_too_makes_the_first_paragraph_the_text(
    paragraphs_only: Path, recovery_dir: Path
) -> None:
    app = make_app(paragraphs_only, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_down_to(pilot, app, "（一）强化组织领导")
        await pilot.press("enter", "tab", "space")  # the title, then 单独成段 switched off
        await settle(pilot)
        editors = app.editor.form.editors()
        fields = [e.spec.keys[-1] if e.spec.keys[-2] != "paragraphs" else "p" for e in editors]
        assert fields == ["title", "standalone", "text", "p"]
        assert editors[2].current_text() == "我局成立了法治建设领导小组。"
        assert editors[3].current_text() == "始终将法治政府建设工作摆在重要位置。"
        focused = app.focused
        assert focused is not None and focused.id == editors[1].control_id  # still on the switch
        assert not [d for d in app.editor.diagnostics if d.code == "M004"]
        await pilot.press("tab", "end", *"x")  # the text field is the text
        await pilot.press("ctrl+s")
        await settle(pilot)
    block = load_report(paragraphs_only).sections[0].blocks[0]
    assert block.text == "我局成立了法治建设领导小组。x"
    assert block.paragraphs == ["始终将法治政府建设工作摆在重要位置。"]


@run_async
async def test_an_edited_value_keeps_its_single_quotes_when_it_can(
    paragraphs_only: Path, recovery_dir: Path
) -> None:
    app = make_app(paragraphs_only, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_down_to(pilot, app, "（一）强化组织领导")
        await pilot.press("enter", "tab", "tab", "tab")  # past 单独成段 and 正文: paragraph 1
        focused = app.focused
        assert isinstance(focused.parent, FieldEditor)
        assert focused.parent.spec.keys[-2:] == ("paragraphs", 0)
        await pilot.press("end", *"abc", "tab", "end")  # the second one: a ' cannot be in '…'
        await type_text(pilot, "it's")
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = (paragraphs_only / "1-measures.toml").read_text(encoding="utf-8")
    assert "  '我局成立了法治建设领导小组。abc',\n" in saved
    assert '  "始终将法治政府建设工作摆在重要位置。it\'s",\n' in saved


@run_async
async def test_a_value_typed_for_a_carried_over_metric_takes_the_line_of_its_placeholder(
    this_year: Path, recovery_dir: Path
) -> None:
    app = make_app(this_year, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await jump_to_input(pilot, "penalty_cases")
        assert field.value == ""
        await pilot.press(*"150", "ctrl+s")
        await settle(pilot)
    saved = (this_year / "1-measures.toml").read_text(encoding="utf-8")
    start = saved.index("[metrics.penalty_cases]\n")
    table = saved[start : saved.index("\n\n", start)].split("\n")
    assert table[1:] == ["value = 150", 'unit = "件"', 'label = "办理行政处罚案件"']
    assert "# value =" not in table  # nor its note “去年为 142 件。填写……删去下一行行首的“# ”：”


@run_async
async def test_a_wrong_year_after_the_line_break_puts_the_cursor_on_it_in_the_field(
    dongan: Path, recovery_dir: Path
) -> None:
    meta = dongan / "report.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("\\n2025年法治", "\\n2024年法治"), encoding="utf-8"
    )
    app = make_app(dongan, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [d.code for d in app.editor.diagnostics if d.severity == "error"] == ["Y003"]
        await pilot.press("f4", "enter")
        await settle(pilot)
        field = app.focused
        assert isinstance(field, Input) and field.value == SHOWN.replace("2025", "2024")
        assert field.value[field.cursor_position :].startswith("2024")
