"""A save killed with SIGKILL at any moment leaves every file old or new, and nothing behind.

The killing is done by ``saving_killer.py`` in a process of its own (its
docstring says what is checked after each kill); here a report is set up with
a section linked in from a shared folder and a hard-linked one, the kills are
run, and what they found is asserted. Most kills run in memory (``/dev/shm``),
where a save takes a millisecond, so hundreds take a second or two; a few run
on the disk, where fsync takes its real time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

MEMORY = Path("/dev/shm")


@pytest.fixture(params=["memory", "disk"])
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A folder to save in and how many kills to run there."""
    if request.param == "disk":
        yield tmp_path, 60
        return
    if not (MEMORY.is_dir() and os.access(MEMORY, os.W_OK)):
        pytest.skip("no /dev/shm here: the disk run alone")
    base = Path(tempfile.mkdtemp(prefix="tui-kill-", dir=MEMORY))
    try:
        yield base, 400
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_kills_mid_save_leave_every_file_whole_and_the_report_consistent(
    place: tuple[Path, int],
) -> None:
    base, kills = place
    report = base / "report"
    shutil.copytree(EXAMPLE, report)
    shared = base / "shared"
    shared.mkdir()
    shutil.move(report / "3-leadership.toml", shared / "3-leadership.toml")
    (report / "3-leadership.toml").symlink_to(shared / "3-leadership.toml")
    os.link(report / "2-shortcomings.toml", base / "twin.toml")

    result = subprocess.run(
        [sys.executable, "-m", "tests.records.saving_killer", str(report), str(kills), "13"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["problems"] == []
    assert outcome["fell"]["mid-save"] > kills // 10, outcome  # the kills did fall inside saves
    if kills > 100:
        assert outcome["fell"]["reported"] > 0, outcome  # and some between two renames


def test_kills_mid_save_of_renamed_and_removed_sections_leave_one_layout(
    place: tuple[Path, int],
) -> None:
    base, kills = place
    report = base / "report"
    shutil.copytree(EXAMPLE, report)

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.records.saving_killer",
            str(report),
            str(kills // 2),
            "17",
            "layout",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["problems"] == []
    assert outcome["fell"]["mid-save"] > kills // 20, outcome
    if kills > 100:
        assert outcome["fell"]["completed"] > 0, outcome  # some fell between two steps
