"""``points_standalone`` from the tree: 一是、二是…… each a paragraph, or run on with the text.

``p`` (or F7, or the palette's 要点分段) on a section or heading with points,
or on one of its points, switches them; the tree marks such points ↵, the
preview shows them apart, Ctrl+Z takes it back, and the file Ctrl+S writes
says ``points_standalone = true`` after the points (or nothing when off).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from exporters.text import export_text
from records import load_report
from tests.tui.conftest import jump, run_async, settle
from tests.tui.test_blocks import SIZE, cursor
from tests.tui.test_sections import to_section
from tui.editor.app import EditorApp, make_app
from tui.editor.outline import NodeRef
from tui.editor.widgets.preview_pane import PreviewPane

SHORTCOMINGS = "2-shortcomings.toml"
MEASURES = "1-measures.toml"


def notes(app: EditorApp) -> list[str]:
    return [n.message for n in app._notifications]


def label(app: EditorApp, ref: NodeRef) -> str:
    shown = app.editor.report_tree.find(ref)
    assert shown is not None
    return str(shown.label)


@run_async
async def test_p_puts_each_point_in_a_paragraph_of_its_own_as_ctrl_s_writes_it(
    report_dir: Path, recovery_dir: Path
) -> None:
    app = make_app(report_dir, recovery_dir=recovery_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_section(pilot, app, SHORTCOMINGS)
        assert label(app, NodeRef(SHORTCOMINGS, ("points", 0))).startswith("一是 企业")
        await pilot.press("p")
        await settle(pilot)
        assert notes(app)[-1].startswith("已改为要点各自成段")
        assert cursor(app).ref == NodeRef(SHORTCOMINGS, ())
        assert label(app, NodeRef(SHORTCOMINGS, ("points", 1))).startswith("↵二是 部分")
        assert "未保存" in app.sub_title

        await pilot.press("f2")
        await settle(pilot)
        lines = [line.strip() for line in app.editor.query_one(PreviewPane).text.splitlines()]
        lead = next(i for i, line in enumerate(lines) if line.startswith("今年以来"))
        apart = next(i for i, line in enumerate(lines) if line.startswith("一是企业安全生产"))
        assert apart > lead and "一是" not in "".join(lines[lead:apart])
        await pilot.press("f2")

        await pilot.press("ctrl+s")
        await settle(pilot)
        text = (report_dir / SHORTCOMINGS).read_text(encoding="utf-8")
        assert text.endswith('还有待提高。",\n]\npoints_standalone = true\n')  # after the points
        report = load_report(report_dir)
        assert report.sections[1].points_standalone
        exported = export_text(report)[0]
        assert "主要表现在：\n" in exported and "\n　　一是企业安全生产" in exported

        # on a point of a heading, F7 switches its heading's points; again, and they run on
        app.editor.report_tree.go_to(NodeRef(MEASURES, ("parts", 0, "points", 1)))
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert app.session.data(MEASURES)["parts"][0]["points_standalone"] is True
        assert cursor(app).ref == NodeRef(MEASURES, ("parts", 0, "points", 1))
        await pilot.press("ｐ")  # full-width, as an input method types it
        await settle(pilot)
        assert "points_standalone" not in app.session.data(MEASURES)["parts"][0]
        assert notes(app)[-1] == "已改为要点接在正文之后，同一段"

        await pilot.press("ctrl+z")  # on again
        await settle(pilot)
        assert app.session.data(MEASURES)["parts"][0]["points_standalone"] is True
        await pilot.press("ctrl+s")
        await settle(pilot)
    measures = tomllib.loads((report_dir / MEASURES).read_text(encoding="utf-8"))
    assert measures["parts"][0]["points_standalone"] is True
    assert "points_standalone" not in measures["parts"][1]


@run_async
async def test_the_palette_switches_points_and_a_node_without_points_says_so(
    editor: EditorApp, report_dir: Path
) -> None:
    before = (report_dir / "report.toml").read_bytes()
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f7")  # on 版头: no points there
        await settle(pilot)
        assert "这里没有要点" in notes(editor)[-1]
        assert not editor.session.modified

        await to_section(pilot, editor, "3-leadership.toml")
        await jump(pilot, "要点分段")
        await settle(pilot)
        assert editor.session.data("3-leadership.toml")["points_standalone"] is True
        await jump(pilot, "要点分段")  # and back: the key goes, nothing left to save
        await settle(pilot)
        assert "points_standalone" not in editor.session.data("3-leadership.toml")
        assert not editor.session.modified
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert (report_dir / "report.toml").read_bytes() == before
