"""Where the tree's cursor goes after a removal: the next one, else the one before, else up.

Found by hand: after deleting （一） or a 主送 recipient the cursor jumped up to
the section or the list although the next heading or recipient was right
there. The clerk deleting several in a row expects to stay among them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.tui.conftest import run_async, settle
from tests.tui.test_blocks import SIZE, cursor
from tui.editor.app import EditorApp
from tui.editor.outline import REPORT_FILE, NodeRef
from tui.editor.screens.prompts import ChoiceScreen

MEASURES = "1-measures.toml"
LEADERSHIP = "3-leadership.toml"


@run_async
async def test_after_a_removal_the_cursor_is_on_the_next_sibling_or_the_one_before(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = editor.editor.report_tree

        async def remove(ref: NodeRef) -> None:
            tree.go_to(ref)
            await settle(pilot)
            assert cursor(editor).ref == ref
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(editor.screen, ChoiceScreen)
            await pilot.press("y")
            await settle(pilot)

        await remove(NodeRef(MEASURES, ("parts", 0)))  # （一）: （二） moves into its place
        assert cursor(editor).ref == NodeRef(MEASURES, ("parts", 0))
        assert cursor(editor).label.startswith("（一）坚持依法行政")

        await remove(NodeRef(MEASURES, ("parts", 1)))  # the last heading: the one before it
        assert cursor(editor).ref == NodeRef(MEASURES, ("parts", 0))  # not 指标 after it

        await remove(NodeRef(LEADERSHIP, ("points", 1)))  # 二是, 三是 after it
        assert cursor(editor).ref == NodeRef(LEADERSHIP, ("points", 1))
        assert cursor(editor).label.startswith("二是 坚持强化履职")

        recipients = ("body", "recipients")
        await remove(NodeRef(REPORT_FILE, (*recipients, 0)))  # the first of two 主送机关
        assert cursor(editor).ref == NodeRef(REPORT_FILE, (*recipients, 0))
        assert cursor(editor).label == "宝山区人民政府"
        await remove(NodeRef(REPORT_FILE, (*recipients, 0)))  # the last one left: the list
        assert cursor(editor).ref == NodeRef(REPORT_FILE, recipients)

        await pilot.press("ctrl+s")
        await settle(pilot)

    def read(name: str) -> dict:  # type: ignore[type-arg]
        return tomllib.loads((report_dir / name).read_text(encoding="utf-8"))

    assert [p["title"][:6] for p in read(MEASURES)["parts"]] == ["坚持依法行政"]
    assert [p[:6] for p in read(LEADERSHIP)["points"]] == ["提高站位，积", "坚持强化履职"]
    assert read(REPORT_FILE)["body"]["recipients"] == []
