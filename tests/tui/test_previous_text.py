"""Last year's text beside this year's: under the field, all of it on F8, copied in with F5.

"Last year" is a private copy of the example (2023) with a paragraph added
under its second plan; "this year" is carried over from it as ``tui new
--from`` does, so every prose field is empty and last year's text is the
only place the wording survives.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from records import load_report
from records.body import children_of
from records.carry import carry_over
from tests.conftest import EXAMPLE
from tests.tui.conftest import run_async, settle
from tui.editor.app import EditorApp, make_app
from tui.editor.previous import LastYear, prose_field
from tui.editor.widgets.field_editor import FieldEditor
from tui.editor.widgets.previous_text import MORE, PreviousLine, PreviousTextScreen, shown_lines

SIZE = (80, 24)
PLANS = "4-plans.toml"
PARAGRAPH = "同时，做好执法案卷评查，以评促改，以案释法。"
FIRST_PLAN = "坚定不移以习近平新时代中国特色社会主义思想为指导"


@pytest.fixture
def carried(tmp_path: Path) -> Path:
    """This year's report, carried over from last year's with a paragraph under 四、（二）."""
    old = tmp_path / "baoshan-emergency-2023"
    shutil.copytree(EXAMPLE, old)
    plans = old / PLANS
    text = plans.read_text(encoding="utf-8")
    second = 'title = "持续完善依法行政工作制度"\n'
    at = text.index("\n", text.index(second) + len(second)) + 1  # after its text line
    plans.write_text(f'{text[:at]}paragraphs = ["{PARAGRAPH}"]\n{text[at:]}', encoding="utf-8")
    new = tmp_path / "baoshan-emergency-2024"
    new.mkdir()
    for name, content in carry_over(old, new).items():
        (new / name).write_text(content, encoding="utf-8")
    return new


def focused_field(app: EditorApp) -> FieldEditor:
    """The field that has the cursor."""
    field = app.editor.focused_field()
    assert field is not None, app.focused
    return field


def shown_under(field: FieldEditor) -> str:
    """What the dim line under ``field`` says on screen (empty when it is not shown)."""
    line = field.query_one(PreviousLine)
    return str(line.render()) if line.display and line.region.height else ""


async def open_field(app: EditorApp, pilot: Any, file: str, keys: tuple[Any, ...]) -> None:
    await app.editor.go_to(file, keys)
    await settle(pilot)


def saved(folder: Path, file: str, keys: tuple[Any, ...]) -> Any:
    """The value at ``keys`` of ``file`` as written to disk."""
    value: Any = next(s for s in load_report(folder).sections if s.path.name == file).file.data
    for key in keys:
        value = value[key]
    return value


@run_async
async def test_last_years_text_of_a_part_is_shown_and_f5_copies_it_in(
    carried: Path, recovery_dir: Path
) -> None:
    app = make_app(carried, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_field(app, pilot, PLANS, ("parts", 0, "text"))
        field = focused_field(app)
        last_year = field.last_year
        assert last_year.startswith(FIRST_PLAN)
        under = shown_under(field)
        assert under.startswith("去年：" + FIRST_PLAN[:5]) and under.endswith(MORE)
        assert field.query_one(PreviousLine).region.height == 2  # two lines of a 24-line screen
        assert app.editor.check_action("copy_last_year", ()) is True  # F5 in the footer
        # the part's title has last year's too, shown only once it has the cursor
        title = app.editor.form.editors()[0]
        assert title.last_year == "持续深化理论学习" and shown_under(title) == ""

        await pilot.press("f5")
        await settle(pilot)
        area = app.focused
        assert isinstance(area, TextArea) and area.text == last_year
        assert area.cursor_location == (0, 0)  # to be rewritten from its start
        assert app.session.modified
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert saved(carried, PLANS, ("parts", 0, "text")) == last_year


@run_async
async def test_a_paragraph_gets_last_years_paragraph_at_the_cursor_when_written(
    carried: Path, recovery_dir: Path
) -> None:
    app = make_app(carried, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_field(app, pilot, PLANS, ("parts", 1, "paragraphs", 0))
        field = focused_field(app)
        assert shown_under(field) == "去年：" + PARAGRAPH  # short: whole, no F8 hint
        await pilot.press(*"今年")
        await pilot.press("f5")
        await settle(pilot)
        area = app.focused
        assert isinstance(area, TextArea) and area.text == "今年" + PARAGRAPH
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert saved(carried, PLANS, ("parts", 1, "paragraphs", 0)) == "今年" + PARAGRAPH


@run_async
async def test_f8_shows_all_of_it_and_enter_copies_a_heading_into_its_line(
    carried: Path, recovery_dir: Path
) -> None:
    app = make_app(carried, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_field(app, pilot, PLANS, ("parts", 2, "title"))
        assert shown_under(focused_field(app)) == "去年：持续落实普法工作责任"
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, PreviousTextScreen)
        assert app.screen.where == "四、（三）分项标题"
        await pilot.press("escape")  # closes, copies nothing
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input) and field.value == ""

        await pilot.press("f8", "enter")
        await settle(pilot)
        field = app.focused
        assert isinstance(field, Input) and field.value == "持续落实普法工作责任"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert saved(carried, PLANS, ("parts", 2, "title")) == "持续落实普法工作责任"


@run_async
async def test_the_opening_and_a_section_lead_have_last_years_text(
    carried: Path, recovery_dir: Path
) -> None:
    app = make_app(carried, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_field(app, pilot, "report.toml", ("body", "opening"))
        assert focused_field(app).last_year.startswith("2023年，区应急管理局")
        await open_field(app, pilot, "2-shortcomings.toml", ("lead",))
        assert focused_field(app).last_year.startswith("今年以来我局")
        await open_field(app, pilot, "report.toml", ("header", "signer"))
        assert focused_field(app).last_year == ""  # carried over as it was: nothing to show
        assert app.editor.check_action("copy_last_year", ()) is False
        await pilot.press("f5")
        await settle(pilot)
        assert not app.session.modified


@run_async
async def test_a_report_without_previous_shows_no_last_year(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_field(editor, pilot, PLANS, ("parts", 0, "text"))
        field = focused_field(editor)
        assert field.last_year == "" and shown_under(field) == ""
        text = field.current_text()
        await pilot.press("f5")
        await settle(pilot)
        assert field.current_text() == text and not editor.session.modified


# -- which text is last year's ---------------------------------------------------------
def _files(folder: Path) -> dict[str, dict[str, Any]]:
    report = load_report(folder)
    return {f.path.name: f.data for f in report.files}


def test_a_block_is_found_by_its_place_then_by_a_heading_much_more_alike(carried: Path) -> None:
    old = load_report(carried.parent / "baoshan-emergency-2023")
    files = _files(carried)
    finder = LastYear(old, files)
    assert finder.text(PLANS, ("parts", 1, "title")) == "持续完善依法行政工作制度"
    assert finder.text(PLANS, ("parts", 1, "paragraphs", 0)) == PARAGRAPH
    assert finder.text(PLANS, ("parts", 9, "title")) == ""  # no tenth part last year

    parts = files[PLANS]["parts"]
    parts[0]["title"] = "持续落实普法责任"  # this year's first part is last year's third
    parts[1]["title"] = "持"  # one character is no evidence: its place decides
    finder = LastYear(old, files)
    assert finder.text(PLANS, ("parts", 0, "title")) == "持续落实普法工作责任"
    assert finder.text(PLANS, ("parts", 0, "text")).startswith("坚持“谁执法谁普法”")
    assert finder.text(PLANS, ("parts", 1, "title")) == "持续完善依法行政工作制度"


def test_a_renamed_section_file_is_matched_by_its_kind(carried: Path) -> None:
    old = load_report(carried.parent / "baoshan-emergency-2023")
    files = _files(carried)
    files["5-plans.toml"] = files.pop(PLANS)
    finder = LastYear(old, files)
    assert finder.text("5-plans.toml", ("parts", 0, "text")).startswith(FIRST_PLAN)
    assert finder.text("5-plans.toml", ("kind",)) == ""


def test_an_item_under_a_part_follows_the_part_it_matched(carried: Path) -> None:
    old = load_report(carried.parent / "baoshan-emergency-2023")
    section = next(s for s in old.sections if s.path.name == PLANS)
    third = section.file.data["parts"][2]
    third["items"] = [{"title": "以案释法", "text": "发布典型案例。"}]
    blocks = [s._replace(blocks=children_of(s.file.data, (), 1)) for s in old.sections]
    old = old._replace(sections=blocks)
    files = _files(carried)
    files[PLANS]["parts"][0]["title"] = "持续落实普法责任"
    files[PLANS]["parts"][0]["items"] = [{"title": "", "text": ""}]
    finder = LastYear(old, files)
    assert finder.text(PLANS, ("parts", 0, "items", 0, "text")) == "发布典型案例。"


@pytest.mark.parametrize(
    ("keys", "split"),
    [
        (("lead",), ((), ("lead",))),
        (("points", 1), ((), ("points", 1))),
        (("parts", 0, "items", 2, "text"), (("parts", 0, "items", 2), ("text",))),
        (("parts", 0, "lead"), None),
        (("text",), None),
        (("kind",), None),
        (("metrics", "x", "label"), None),
        (("parts", 0, "standalone"), None),
    ],
)
def test_which_fields_are_prose(keys: tuple[Any, ...], split: Any) -> None:
    assert prose_field(keys) == split


def test_the_line_under_a_field_is_cut_to_two_lines_with_the_key_for_the_rest() -> None:
    assert shown_lines("短", 20) == ["去年：短"]
    lines = shown_lines("很长的一段话" * 10, 20)
    assert len(lines) == 2 and lines[1].endswith("…" + MORE)
    assert shown_lines("", 20) == []
