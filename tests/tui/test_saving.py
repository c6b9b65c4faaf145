"""Saving safely: a file changed on disk is not overwritten silently; killed edits come back."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import EXAMPLE
from tests.tui.conftest import run_async, settle
from tui.editor.app import EditorApp, make_app
from tui.editor.screens.prompts import ChoiceScreen

SIZE = (80, 24)
SIGNER = 'signer = "沈斌"'


async def change_signer(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """版头 → Enter → 发文机关标志, Tab Tab → 签发人, replace it with ``text``."""
    await pilot.press("enter", "tab", "tab", "ctrl+u", *text)
    await settle(pilot)


async def edited_while_changed_on_disk(pilot: Pilot[None], meta: Path) -> str:
    """Signer changed to Li in the editor, copies to 6 on disk meanwhile; the disk's text."""
    await settle(pilot)
    await change_signer(pilot, "Li")
    theirs = meta.read_text(encoding="utf-8").replace("copies = 5", "copies = 6")
    meta.write_text(theirs, encoding="utf-8")
    return theirs


@run_async
async def test_a_file_changed_on_disk_is_not_overwritten_until_the_clerk_says_so(
    editor: EditorApp, report_dir: Path
) -> None:
    meta = report_dir / "report.toml"
    async with editor.run_test(size=SIZE) as pilot:
        theirs = await edited_while_changed_on_disk(pilot, meta)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(editor.screen, ChoiceScreen)
        await pilot.press("escape")  # cancel: nothing written
        await pilot.pause()
        assert meta.read_text(encoding="utf-8") == theirs
        await pilot.press("ctrl+s", "o")  # overwrite: ours replaces theirs
        await settle(pilot)
        assert not editor.session.modified
    ours = meta.read_text(encoding="utf-8")
    assert 'signer = "Li"' in ours and "copies = 5" in ours


@run_async
async def test_reload_takes_the_disk_version_and_drops_the_edit(
    editor: EditorApp, report_dir: Path
) -> None:
    meta = report_dir / "report.toml"
    async with editor.run_test(size=SIZE) as pilot:
        theirs = await edited_while_changed_on_disk(pilot, meta)
        await pilot.press("ctrl+s", "r")
        await settle(pilot)
        assert not editor.session.modified
        assert editor.session.file("report.toml").get(("header", "signer")) == "沈斌"
    assert meta.read_text(encoding="utf-8") == theirs


@run_async
async def test_edits_of_a_killed_editor_are_offered_back(
    report_dir: Path, recovery_dir: Path
) -> None:
    first = make_app(report_dir, recovery_dir=recovery_dir)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await change_signer(pilot, "Li")
        first.keep_recovery()  # what the timer does a second after the last keystroke
    # the app is gone without saving, as if killed
    assert (report_dir / "report.toml").read_bytes() == (EXAMPLE / "report.toml").read_bytes()
    second = make_app(report_dir, recovery_dir=recovery_dir)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, ChoiceScreen)
        await pilot.press("r")
        await settle(pilot)
        assert second.session.modified
        assert second.session.file("report.toml").get(("header", "signer")) == "Li"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert SIGNER.replace("沈斌", "Li") in (report_dir / "report.toml").read_text(encoding="utf-8")
    assert list(recovery_dir.glob("*.json")) == []


@run_async
async def test_discarding_on_quit_forgets_the_recovery_copy(
    editor: EditorApp, recovery_dir: Path
) -> None:
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await change_signer(pilot, "Li")
        editor.keep_recovery()
        assert len(list(recovery_dir.glob("*.json"))) == 1
        await pilot.press("ctrl+q", "d")
        await pilot.pause()
    assert list(recovery_dir.glob("*.json")) == []


@run_async
async def test_leaving_with_unsaved_edits_keeps_them_at_once(
    editor: EditorApp, recovery_dir: Path
) -> None:
    editor.recovery_delay = 3600  # so that only leaving can write the copy
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await change_signer(pilot, "Li")
        assert list(recovery_dir.glob("*.json")) == []
    # the app went away (as on a hang-up) without the clerk choosing to discard
    assert len(list(recovery_dir.glob("*.json"))) == 1


@run_async
async def test_a_hang_up_keeps_the_edits_and_leaves(editor: EditorApp, recovery_dir: Path) -> None:
    editor.recovery_delay = 3600
    async with editor.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await change_signer(pilot, "Li")
        editor.hang_up()  # what SIGHUP and SIGTERM call in `tui edit`
        await pilot.pause()
        assert len(list(recovery_dir.glob("*.json"))) == 1
        assert not editor.is_running
