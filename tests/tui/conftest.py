"""Helpers for the editor's Pilot tests: an app on a private copy, and waiting for checks."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from records.carry import carry_over
from tests.conftest import EXAMPLE
from tui.editor.app import EditorApp, make_app
from tui.editor.screens.editor import EditorScreen


@pytest.fixture
def recovery_dir(tmp_path: Path) -> Path:
    """Where this test's editor keeps unsaved edits (never the user's state folder)."""
    return tmp_path / "recovery"


@pytest.fixture
def editor(report_dir: Path, recovery_dir: Path) -> EditorApp:
    """The editor on a private copy of the example report."""
    return make_app(report_dir, recovery_dir=recovery_dir)


@pytest.fixture
def this_year(tmp_path: Path) -> Path:
    """A 2024 report carried over (as ``tui new --from`` does) from a copy of the example.

    Its report.toml names the copy in ``previous``; its metrics await their values.
    """
    old = tmp_path / "baoshan-emergency-2023"
    shutil.copytree(EXAMPLE, old)
    new = tmp_path / "baoshan-emergency-2024"
    new.mkdir()
    for name, text in carry_over(old, new).items():
        (new / name).write_text(text, encoding="utf-8")
    return new


async def settle(pilot: Pilot[None]) -> None:
    """Let the checks of what was typed finish, and the screen catch up."""
    await pilot.pause()
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        editors = [s for s in pilot.app.screen_stack if isinstance(s, EditorScreen)]
        if not any(e.checking for e in editors):
            return


async def jump(pilot: Pilot[None], query: str) -> None:
    """Ctrl+P, type ``query``, Enter: the palette's way to a field or a command."""
    await pilot.press("ctrl+p")
    await pilot.press(*query)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()


async def jump_to_input(pilot: Pilot[None], query: str) -> Input:
    """Jump with the palette, and return the one-line input that then has the cursor."""
    await jump(pilot, query)
    field = pilot.app.focused
    assert isinstance(field, Input), field
    return field


_CHARACTERS = {
    "backspace": "\x7f",
    "end": None,
    "home": None,
    "left": None,
    "ctrl+s": "\x13",
    "ctrl+q": "\x11",
}


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Keys that arrive in one read from the terminal: all posted before any is handled."""
    for key in keys:
        pilot.app.post_message(events.Key(key, _CHARACTERS.get(key, key)))
    await settle(pilot)


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test with asyncio (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper
