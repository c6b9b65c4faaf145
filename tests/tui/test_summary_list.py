"""``tui edit FOLDER`` on a district's folder: the list of reports, sorting, going back to it."""

from __future__ import annotations

import argparse
import html
from pathlib import Path

import pytest
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from tests.schema.test_summary_district import (
    BROKEN,
    CLEAN,
    DEPARTMENTS,
    ERRORS,
    LATE,
    MIXED,
    RENAMED,
    make_district,
)
from tests.tui.conftest import run_async, settle
from tui.cells import width
from tui.commands import edit
from tui.editor.app import EditorApp, make_app
from tui.editor.screens.help import HelpScreen
from tui.editor.screens.prompts import ChoiceScreen
from tui.editor.screens.summary_list import (
    ListState,
    ReportListApp,
    ReportListScreen,
    codes_text,
    column_widths,
)


@pytest.fixture
def district(tmp_path: Path) -> Path:
    return make_district(tmp_path)


def listing(district: Path, state: ListState | None = None) -> ReportListApp:
    return ReportListApp(district, edit.reports_below(district), state)


async def loaded(pilot) -> ReportListScreen:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        screen = pilot.app.screen
        if isinstance(screen, ReportListScreen) and screen.table.row_count:
            return screen
    raise AssertionError("the list never filled")


def order(screen: ReportListScreen) -> list[str]:
    table = screen.table
    return [
        Path(str(table.coordinate_to_cell_key(Coordinate(i, 0)).row_key.value)).name
        for i in range(table.row_count)
    ]


def cells(screen: ReportListScreen, name: str) -> list[str]:
    table: DataTable[str] = screen.table
    key = next(k for k in table.rows if Path(str(k.value)).name == name)
    return [str(c) for c in table.get_row(key)]


@run_async
async def test_the_list_shows_each_reports_status_in_80_columns(district: Path) -> None:
    app = listing(district)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert order(screen) == [CLEAN, RENAMED, ERRORS, LATE, BROKEN, MIXED]
        assert cells(screen, LATE) == [
            "住房和城乡建设…",
            "宝应急〔2024〕2号",
            "2024-04-15",
            "逾期",
            "0",
            "1",
            "Y006",
        ]
        assert cells(screen, ERRORS)[4:] == ["2", "0", "P001 N002"]
        assert cells(screen, BROKEN)[3:] == ["—", "1", "0", "R004"]
        assert cells(screen, MIXED)[-1] == "U001"
        counts = str(screen.query_one("#counts", Static).render())
        assert counts.startswith("共 6 份报告：逾期 1 份，有错误 1 份，无法读取 1 份")
        assert "中共" not in counts and "排序：文件夹" in counts
        assert width(counts) <= 78  # one line: the list starts right below it
        assert screen.table.virtual_size.width <= 78
        await pilot.press("e")
        counts = str(screen.query_one("#counts", Static).render())
        assert counts.endswith("排序：错误")


@run_async
async def test_the_list_sorts_by_errors_date_and_department(district: Path) -> None:
    app = listing(district)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("e")
        assert order(screen)[:2] == [ERRORS, BROKEN]  # the most errors first, then unreadable
        await pilot.press("e")
        assert order(screen)[-2:] == [BROKEN, ERRORS]  # the same key again: reversed
        await pilot.press("t")
        assert order(screen)[-2:] == [LATE, BROKEN]  # latest date last, undated after it
        await pilot.press("n")
        departments = {**DEPARTMENTS, BROKEN: BROKEN}  # unreadable: named by its folder
        assert order(screen) == sorted(departments, key=departments.__getitem__)


@run_async
async def test_enter_opens_the_highlighted_report(district: Path) -> None:
    state = ListState()
    app = listing(district, state)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("e", "enter")  # the report with the most errors
        await pilot.pause()
    assert app.return_value == district / ERRORS
    assert state.current == district / ERRORS and state.sort == "errors"


@run_async
async def test_esc_leaves_the_list(district: Path) -> None:
    app = listing(district)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None


@run_async
async def test_the_list_shown_again_keeps_its_order_and_cursor(district: Path) -> None:
    state = ListState(sort="errors", current=district / LATE)
    app = listing(district, state)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert order(screen)[:2] == [ERRORS, BROKEN]
        assert screen.highlighted() == district / LATE
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == district / LATE


# -- the report opened from the list --------------------------------------------------------
@run_async
async def test_esc_in_the_tree_goes_back_to_the_list(district: Path, recovery_dir: Path) -> None:
    app = make_app(district / CLEAN, recovery_dir=recovery_dir, from_list=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
    assert app.went_back


@run_async
async def test_esc_in_the_tree_of_a_report_opened_alone_stays(
    district: Path, recovery_dir: Path
) -> None:
    app = make_app(district / CLEAN, recovery_dir=recovery_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and not app.went_back


@run_async
async def test_going_back_with_unsaved_edits_asks_first(district: Path, recovery_dir: Path) -> None:
    app = make_app(district / CLEAN, recovery_dir=recovery_dir, from_list=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "tab", "end", "x")  # 主体 → 标题 …报告x
        await settle(pilot)
        await pilot.press("escape")  # from the field back to the tree
        await pilot.press("escape")  # from the tree: back to the list?
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.question == "有未保存的修改。返回列表前要保存吗？"
        assert [c.label for c in app.screen.choices][:2] == ["保存并返回列表", "不保存返回列表"]
        await pilot.press("escape")  # 留下
        await settle(pilot)
        assert app.is_running
        await pilot.press("ctrl+q", "d")  # now quit, not back: 不保存退出
        await pilot.pause()
    assert not app.went_back


def test_the_command_runs_the_list_and_the_editor_in_turn(
    district: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = iter([district / MIXED, district / BROKEN, district / CLEAN, None])
    lists: list[ListState] = []
    opened: list[Path] = []

    def list_run(self: ReportListApp) -> Path | None:
        lists.append(self.state)
        return next(chosen)

    def editor_run(self: EditorApp) -> None:
        opened.append(self.session.folder)
        self.went_back = self.session.folder.name == MIXED  # back from one, quit from the next

    monkeypatch.setattr(ReportListApp, "run", list_run)
    monkeypatch.setattr(EditorApp, "run", editor_run)
    args = argparse.Namespace(folder=str(district), no_recovery=True)
    assert edit.run(args) == 0
    # the unreadable report could not be opened: the list came back saying why
    assert opened == [district / MIXED, district / CLEAN]
    assert len(lists) == 3 and len({id(s) for s in lists}) == 1  # one state, kept between
    assert lists[0].message.startswith(f"无法打开 {BROKEN}")


def test_a_folder_that_is_one_report_opens_it_directly(district: Path) -> None:
    assert edit.reports_below(district / CLEAN) == []
    assert len(edit.reports_below(district)) == 6


@run_async
async def test_a_name_with_brackets_is_shown_as_written(district: Path) -> None:
    meta = district / CLEAN / "report.toml"
    text = meta.read_text("utf-8")
    meta.write_text(
        text.replace(
            'signature = "上海市宝山区应急管理局"', 'signature = "上海市宝山区应急管理局[b]"'
        )
    )
    app = listing(district)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert cells(screen, CLEAN)[0] == "应急管理局[b]"
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "应急管理局[b]" in shown  # drawn as text, not taken for markup


@run_async
async def test_the_codes_column_shows_every_code(district: Path) -> None:
    app = listing(district)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert cells(screen, ERRORS)[-1] == "P001 N002"  # both, not the first only
        assert screen.table.virtual_size.width <= 78


def test_codes_too_many_for_the_column_end_in_an_ellipsis() -> None:
    codes = ["M005", "S005", "S001", "F006"]
    assert codes_text(codes, 30) == "M005 S005 S001 F006"
    assert codes_text(codes, 11) == "M005 S005 …"
    assert codes_text(codes, 9) == "M005 …"


def test_the_columns_fit_78_cells_with_a_year_column_and_long_names(district: Path) -> None:
    from schema.summary import summarize_report

    rows = [summarize_report(f) for f in edit.reports_below(district)]
    headings = ["单位名称", "年度", "发文字号", "成文日期", "期限", "错误", "警告", "问题代码"]
    widths = column_widths(headings, ["住房和城乡建设管理委员会" * 2], rows)
    assert sum(widths.values()) + 2 * len(widths) <= 78
    assert widths["发文字号"] == 17 and widths["问题代码"] >= 9  # 宝应急〔2024〕2号 whole


@run_async
async def test_f1_in_the_list_shows_its_keys(district: Path) -> None:
    app = listing(district)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "按错误" in shown and "打开光标所在的报告" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReportListScreen) and app.is_running


@run_async
async def test_names_cut_in_the_list_keep_what_tells_them_apart(district: Path) -> None:
    for folder, name in ((CLEAN, "上海市闵行区司法局"), (RENAMED, "上海市闵行区市场监督管理局")):
        meta = district / folder / "report.toml"
        text = meta.read_text("utf-8")
        meta.write_text(text.replace(DEPARTMENTS[folder], name), "utf-8")
    app = listing(district)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        names = {cells(screen, CLEAN)[0], cells(screen, RENAMED)[0]}
        assert len(names) == 2 and not any(n.startswith("上海市") for n in names)
