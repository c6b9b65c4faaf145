"""Helpers for the editor's Pilot tests: an app on a private copy, and waiting for checks."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tui.app import EditorApp, make_app
from tui.screens.editor import EditorScreen


@pytest.fixture
def recovery_dir(tmp_path: Path) -> Path:
    """Where this test's editor keeps unsaved edits (never the user's state folder)."""
    return tmp_path / "recovery"


@pytest.fixture
def editor(report_dir: Path, recovery_dir: Path) -> EditorApp:
    """The editor on a private copy of the example report."""
    return make_app(report_dir, recovery_dir=recovery_dir)


async def settle(pilot: Pilot[None]) -> None:
    """Let the checks of what was typed finish, and the screen catch up."""
    await pilot.pause()
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        editors = [s for s in pilot.app.screen_stack if isinstance(s, EditorScreen)]
        if not any(e.checking for e in editors):
            return


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test with asyncio (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper
