"""Saving as the clerk sees it: the form after a reload, input that cannot be stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import jump, jump_to_input, run_async, settle
from tui.editor.app import EditorApp
from tui.editor.inputs import InputProblem
from tui.editor.outline import node_for
from tui.editor.screens.prompts import ChoiceScreen
from tui.editor.session import EditSession

SIZE = (80, 24)


@run_async
async def test_reload_shows_the_disk_version_in_the_form_at_once(
    editor: EditorApp, report_dir: Path
) -> None:
    meta = report_dir / "report.toml"
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "签发人")
        await pilot.press("ctrl+u", *"Li")
        await settle(pilot)
        theirs = meta.read_text(encoding="utf-8").replace("沈斌", "王强")
        meta.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s", "r")
        await settle(pilot)
        shown = {e.spec.keys: e.current_text() for e in editor.editor.form.editors()}
        assert shown[("header", "signer")] == "王强"
        assert "未保存" not in editor.sub_title


@run_async
async def test_a_half_typed_number_keeps_the_draft_unsaved_and_says_what_is_kept(
    editor: EditorApp, report_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await jump_to_input(pilot, "penalty_cases")
        await pilot.press("ctrl+u", *"870x")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "value = 870" in (report_dir / "1-measures.toml").read_text(encoding="utf-8")
        assert "未保存" in editor.sub_title  # what was typed is not in the file
        box = editor.screen.query_one(f"#box-{field.id}")
        message = str(box.query_one(".field-error").render())
        assert "报告中仍是 870" in message and "870x" in message
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(editor.screen, ChoiceScreen)  # quitting asks
        await pilot.press("escape", "backspace")  # back to a number the file holds
        await settle(pilot)
        assert "未保存" not in editor.sub_title and not box.has_class("-invalid")


def test_input_rejected_in_a_removed_metric_no_longer_counts_as_unsaved(report_dir: Path) -> None:
    session = EditSession(report_dir)
    node, spec = node_for(session.outline, "1-measures.toml", ("metrics", "penalty_cases", "value"))
    with pytest.raises(InputProblem, match="报告中仍是 142"):
        session.set_value(spec, "870x")
    assert session.modified and not session.draft.modified
    session.remove(node)
    session.save()
    assert not session.modified
