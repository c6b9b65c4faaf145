"""After each keystroke the editor updates what changed only; the result is as if built anew.

The tree is relabelled where the outline's nodes changed (not rebuilt), and
the check reuses what did not change: after a sequence of edits the tree
shows exactly what a tree built from the files' text shows, and the
problem list exactly what ``tui validate`` finds in the files saved.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

from records import Diagnostic, read_report
from schema import validate_report
from tests.tui.conftest import run_async, settle
from tui.cells import clip
from tui.editor.app import EditorApp
from tui.editor.outline import NodeRef, OutlineNode, build_outline
from tui.editor.session import EditSession
from tui.editor.widgets.report_tree import ReportTree

SIZE = (80, 24)
M, S = "1-measures.toml", "2-shortcomings.toml"

Shown = list[tuple[int, str, OutlineNode]]


def on_show(tree: ReportTree) -> Shown:
    """Every node of the tree, in order: depth, label, and the outline node it shows."""
    found: Shown = []

    def walk(nodes: list, depth: int) -> None:  # type: ignore[type-arg]
        for node in nodes:
            found.append((depth, str(node.label), node.data))
            walk(list(node.children), depth + 1)

    walk(list(tree.root.children), 0)
    return found


def rebuilt(session: EditSession) -> Shown:
    """The tree a full rebuild shows: the outline of the files' text, parsed anew."""
    files = {
        f.path.name: tomllib.loads(session.text(f.path.name), parse_float=Decimal)
        for f in session.files()
    }
    found: Shown = []

    def walk(nodes: list[OutlineNode], depth: int) -> None:
        for node in nodes:
            found.append((depth, clip(node.label, 26 - 2 * depth), node))
            walk(node.children, depth + 1)

    walk(build_outline(files), 0)
    return found


def fresh(folder: Path) -> list[Diagnostic]:
    """What ``tui validate`` finds in the saved files, in the problem list's order."""
    result = read_report(folder)
    found = validate_report(result.report, result.errors)
    return sorted(found, key=lambda d: (d.severity != "error", d.file, d.line))


async def typed(pilot, app: EditorApp, file: str, keys: tuple, *text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` at the end of the field at ``keys`` of ``file``, and wait for the check."""
    await app.jump_to(file, keys)
    await pilot.pause()
    await pilot.press("end", *text)
    await settle(pilot)


@run_async
async def test_after_edits_the_tree_and_the_problems_are_those_of_a_fresh_start(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = editor.editor
        tree = screen.report_tree
        assert on_show(tree) == rebuilt(editor.session)

        # a metric's value: its label in the tree, and a relation broken (C004)
        await typed(pilot, editor, M, ("metrics", "penalty_cases", "value"), "0")
        label = str(tree.find(NodeRef(M, ("metrics", "penalty_cases"))).label)
        assert label == "penalty_cases 1420件"
        assert "C004" in {d.code for d in screen.diagnostics}
        assert on_show(tree) == rebuilt(editor.session)

        # a block's title and a section's title: their labels, the section's number kept
        await typed(pilot, editor, M, ("parts", 1, "title"), *"ABC")
        assert on_show(tree) == rebuilt(editor.session)
        await typed(pilot, editor, S, ("title",), *"XYZ")
        assert str(tree.find(NodeRef(S, ())).label).startswith("二、")
        assert on_show(tree) == rebuilt(editor.session)

        # a part moved down: the numbers of both change, then its title typed in again
        tree.go_to(NodeRef(M, ("parts", 0)))
        tree.focus()
        await pilot.pause()
        await pilot.press("]")
        await settle(pilot)
        assert on_show(tree) == rebuilt(editor.session)
        await typed(pilot, editor, M, ("parts", 1, "title"), *"DEF")
        assert on_show(tree) == rebuilt(editor.session)

        # a value emptied and written again, in another file
        await typed(pilot, editor, "report.toml", ("footer", "copies"), "backspace")
        await typed(pilot, editor, "report.toml", ("footer", "copies"), "7")
        assert on_show(tree) == rebuilt(editor.session)

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not editor.session.modified
        assert screen.diagnostics == fresh(report_dir)
        assert screen.diagnostics  # the relation broken above is still there
        assert on_show(tree) == rebuilt(editor.session)
