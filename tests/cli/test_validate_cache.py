"""Reports found clean and unchanged since are not checked again; anything else is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = (
    "import sys\nfrom tui.cli import main\n"
    "status = main(['validate', *sys.argv[1:]])\n"
    "print(status, 'jsonschema' in sys.modules)\n"
)


def validate(cache: Path, *argv: str) -> tuple[int, bool, str]:
    """Exit status, whether the rules were loaded, and the output."""
    env = {**os.environ, "TUI_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=ROOT, env=env
    )
    *output, last = result.stdout.splitlines()
    status, loaded = last.split()
    return int(status), loaded == "True", "\n".join(output)


def test_an_unchanged_clean_report_is_not_checked_again(tmp_path: Path, example_dir: Path) -> None:
    report = tmp_path / "report"
    shutil.copytree(example_dir, report)
    cache = tmp_path / "cache"
    assert validate(cache, str(report))[:2] == (0, True)
    assert validate(cache, str(report))[:2] == (0, False)
    assert validate(cache, "--no-cache", str(report))[:2] == (0, True)
    # any change to any file means a fresh check
    text = (report / "4-plans.toml").read_text("utf-8")
    (report / "4-plans.toml").write_text(text.replace("2024年推进", "2023年推进"), "utf-8")
    status, loaded, out = validate(cache, str(report))
    assert (status, loaded) == (1, True) and "Y002" in out


def test_reports_with_findings_are_always_checked(tmp_path: Path, example_dir: Path) -> None:
    report = tmp_path / "report"
    shutil.copytree(example_dir, report)
    text = (report / "report.toml").read_text("utf-8")
    (report / "report.toml").write_text(text.replace("date = 2024-01-19\n", "date = 2024-04-10\n"))
    cache = tmp_path / "cache"
    for _ in range(2):
        status, loaded, out = validate(cache, "--strict", str(report))
        assert (status, loaded) == (1, True) and "Y006" in out


def test_an_unusable_cache_is_no_cache(tmp_path: Path, example_dir: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", "utf-8")
    for _ in range(2):
        assert validate(blocker, str(example_dir))[:2] == (0, True)
