"""SVG snapshots of the editor at 80×24: first screen, an error, quit prompt, last year, repair,
and the tree of a report written in standalone headings and numbered paragraphs.

Update them deliberately with ``pytest tests/tui --snapshot-update`` after a
visible change, and look at the SVGs before committing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from records import TomlSyntaxError, read_file
from records.source import read_source
from tests.conftest import ROOT
from tests.tui.conftest import jump, settle
from tui.editor.app import make_app
from tui.editor.repair import RepairApp

SIZE = (80, 24)


def test_main_screen(snap_compare, report_dir: Path, recovery_dir: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(report_dir, recovery_dir=recovery_dir)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_form_with_an_error(snap_compare, report_dir: Path, recovery_dir: Path) -> None:  # type: ignore[no-untyped-def]
    measures = report_dir / "1-measures.toml"
    measures.write_text(
        measures.read_text(encoding="utf-8").replace("value = 1014", "value = -1014"),
        encoding="utf-8",
    )
    app = make_app(report_dir, recovery_dir=recovery_dir)

    async def go_to_the_error(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f4", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=go_to_the_error)


def test_quit_prompt(snap_compare, report_dir: Path, recovery_dir: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(report_dir, recovery_dir=recovery_dir)

    async def change_and_quit(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "enter", "tab", "end", "x")  # 主体 → 标题 …报告x
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=change_and_quit)


def test_metric_form_with_last_years_value(
    snap_compare, this_year: Path, recovery_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(this_year, recovery_dir=recovery_dir)

    async def type_this_years_value(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await jump(pilot, "penalty_cases")
        await pilot.press(*"150")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=type_this_years_value)


def test_repairing_a_file_that_does_not_parse(snap_compare, report_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = report_dir / "report.toml"
    path.write_text(path.read_text("utf-8").replace('signer = "沈斌"', "signer = “沈斌”"), "utf-8")
    try:
        read_file(path)
    except TomlSyntaxError as error:
        app = RepairApp(read_source(path), error)
    assert snap_compare(app, terminal_size=SIZE)


def test_tree_of_standalone_headings_and_numbered_paragraphs(
    snap_compare, tmp_path: Path, recovery_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    """2024 上海市应急局: （一）（二）（三） on lines of their own, 1.–5. running on across them."""
    folder = tmp_path / "2024-shanghai-shi-yingjiju"
    shutil.copytree(ROOT / "tests" / "data" / "realworld" / folder.name, folder)
    app = make_app(folder, recovery_dir=recovery_dir)

    async def on_the_first_heading(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # 一、（一）
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=on_the_first_heading)
