"""The ``tui`` process ends without tearing Python down, and loses no output doing so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

INVALID = ROOT / "tests" / "data" / "invalid"


def test_all_output_reaches_a_file_before_the_process_ends(tmp_path: Path) -> None:
    # Redirected to a file, stdout is block-buffered: the findings of every
    # report (checked in worker processes) must be written before the exit.
    target = tmp_path / "findings.json"
    with target.open("wb") as out:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "tui",
                "validate",
                "--format",
                "json",
                "--no-cache",
                str(INVALID),
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
    assert result.returncode == 1
    assert result.stderr == ""
    data = json.loads(target.read_text("utf-8"))
    folders = [p for p in INVALID.iterdir() if (p / "report.toml").is_file()]
    assert data["summary"]["reports"] == len(folders) > 8  # enough to use worker processes
    assert len(data["diagnostics"]) == data["summary"]["errors"] + data["summary"]["warnings"]


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # `tui validate … | head -1` where the reader is gone before tui writes
    # its few lines, which wait in the buffer until the process ends.
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "validate", "--no-cache", str(INVALID / "F001-doc-number")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in errors
    assert "Exception ignored" not in errors
