"""Last year's figures in the editor: the panel under a metric, the notice, the comparison.

"Last year" is a private copy of the example (2023); "this year" is carried
over from it as ``tui new --from`` does, so report.toml names it in
``previous`` and every metric is there with its value still to fill in.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from records import Metric, load_report
from schema.compare import compare_metric
from tests.conftest import EXAMPLE
from tests.tui.conftest import jump, run_async, settle
from tui.editor.app import EditorApp, make_app
from tui.editor.previous import NOT_LAST_YEAR, load_previous, metric_view
from tui.editor.screens.comparison import ComparisonScreen
from tui.editor.screens.editor import EditorScreen
from tui.editor.widgets.previous_notice import PreviousNotice
from tui.editor.widgets.previous_value import PreviousValue

SIZE = (80, 24)


def panel_text(app: EditorApp) -> str | None:
    """What the panel under the value says, or ``None`` when there is no panel."""
    panels = list(app.screen.query(PreviousValue))
    return panels[0].text if panels else None


def notice(app: EditorApp) -> PreviousNotice:
    """The one-line notice about an unreadable previous report."""
    return app.editor.query_one(PreviousNotice)


@run_async
async def test_last_years_value_shows_under_the_metric_and_follows_what_is_typed(
    this_year: Path, recovery_dir: Path
) -> None:
    measures = this_year / "1-measures.toml"
    with measures.open("a", encoding="utf-8") as f:
        f.write('\n[metrics.hotline_calls]\nvalue = 3\nunit = "次"\nlabel = "热线"\n')
    app = make_app(this_year, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        text = panel_text(app)
        assert text is not None
        assert "去年（2023年）：142 件 · 办理行政处罚案件" in text and "今年尚未填写" in text
        await pilot.press(*"150")
        await settle(pilot)
        assert "比去年增加 8 件，是去年的 1.06 倍" in (panel_text(app) or "")
        await jump(pilot, "hotline_calls")
        assert panel_text(app) == NOT_LAST_YEAR
        assert not notice(app).display


@run_async
async def test_a_value_ten_thousand_times_too_large_warns_of_yuan_and_wanyuan(
    this_year: Path, recovery_dir: Path
) -> None:
    app = make_app(this_year, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_amount")
        await pilot.press(*"8619800")  # 861.98 万元 typed in 元
        await settle(pilot)
        panel = app.screen.query_one(PreviousValue)
        assert panel.view.codes == ["U001"] and "元与万元" in panel.text
        assert panel.has_class("-warned")

        await jump(pilot, "与去年对比")
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 20
        assert table.get_row_at(table.cursor_row)[0] == "! 行政处罚金额"  # the warned row first
        await pilot.press("enter")  # back to the value, to fix it
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        focused = app.focused
        assert isinstance(focused, Input) and focused.value == "8619800"

        await pilot.press("ctrl+u", *"900")
        await settle(pilot)
        assert panel.view.codes == [] and "是去年的 1.04 倍" in panel.text
        await jump(pilot, "与去年对比")
        assert isinstance(app.screen, ComparisonScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, EditorScreen)


@run_async
async def test_a_report_without_previous_shows_no_panel(editor: EditorApp) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        assert panel_text(editor) is None
        assert not notice(editor).display
        await jump(pilot, "与去年对比")
        assert isinstance(editor.screen, EditorScreen)  # nothing to compare with: a message


@run_async
async def test_a_previous_that_points_nowhere_shows_a_notice_naming_it(
    this_year: Path, recovery_dir: Path
) -> None:
    meta = this_year / "report.toml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("../baoshan-emergency-2023", "../baoshan-emergency-2022"), "utf-8")
    app = make_app(this_year, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = notice(app)
        assert shown.display and shown.region.height == 1
        assert "../baoshan-emergency-2022" in str(shown.render())
        assert "文件夹不存在" in str(shown.render())
        await jump(pilot, "penalty_cases")
        assert panel_text(app) is None
        assert isinstance(app.screen, EditorScreen)


def _metric(value: int | Decimal | None, unit: str = "件") -> Metric:
    report = load_report(EXAMPLE)
    sample = report.metrics()["penalty_cases"]
    return Metric("penalty_cases", value, unit, "办理行政处罚案件", sample.file)


@pytest.mark.parametrize(
    ("new", "old", "says"),
    [
        (150, 142, "比去年增加 8 件，是去年的 1.06 倍"),
        (100, 142, "比去年减少 42 件，是去年的 0.70 倍"),
        (142, 142, "与去年持平"),
        (None, 142, "今年尚未填写"),
        (3, 0, "比去年增加 3 件"),
        (0, 142, "比去年减少 142 件"),
        (1, 1000, "比去年减少 999 件，不到去年的百分之一"),
    ],
)
def test_the_panel_says_how_this_year_compares(new: int | None, old: int, says: str) -> None:
    now, before = _metric(new), _metric(old)
    view = metric_view(before, 2023, compare_metric(now, before))
    assert view.lines == [f"去年（2023年）：{old} 件 · 办理行政处罚案件", says]


def test_a_unit_changed_since_last_year_is_said_with_both_units() -> None:
    now, before = _metric(Decimal("8619800"), "元"), _metric(Decimal("861.98"), "万元")
    view = metric_view(before, 2023, compare_metric(now, before))
    assert view.lines[1] == "与去年持平"
    assert view.codes == ["U003"]
    assert view.warnings == ["单位与去年不同（去年“万元”，今年“元”），已换算后比较"]


def test_a_broken_file_in_last_years_report_is_named_in_the_notice(this_year: Path) -> None:
    old = this_year.parent / "baoshan-emergency-2023"
    with (old / "2-shortcomings.toml").open("a", encoding="utf-8") as f:
        f.write("title = [\n")
    found = load_previous(load_report(this_year))
    assert found.report is None
    assert found.problem.startswith(
        "去年的报告 ../baoshan-emergency-2023 无法读取（2-shortcomings.toml："
    )
