"""An SVG snapshot of the list of a district's reports at 80×24, sorted by errors.

Update it deliberately with ``pytest tests/tui/test_summary_snapshots.py --snapshot-update``
after a visible change, and look at the SVG before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.schema.test_summary_district import make_district
from tui.commands import edit
from tui.editor.screens.summary_list import ReportListApp, ReportListScreen

SIZE = (80, 24)


async def _loaded_and_sorted(pilot: Pilot[None]) -> None:
    for _ in range(100):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        screen = pilot.app.screen
        if isinstance(screen, ReportListScreen) and screen.table.row_count:
            break
    await pilot.press("e")
    await pilot.pause()


def test_report_list(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # the folder is named as typed: the same on every machine
    make_district(tmp_path)
    district = Path("district")
    app = ReportListApp(district, edit.reports_below(district))
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded_and_sorted)
