"""``tui edit``: a wrong call exits 2, a folder that is no report exits 1, both in Chinese."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def tui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_missing_folder_is_a_wrong_call(tmp_path: Path) -> None:
    result = tui("edit", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "路径不存在" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_without_report_toml_is_refused_before_the_screen_opens(tmp_path: Path) -> None:
    result = tui(str(tmp_path))  # `tui DIR` means `tui edit DIR`
    assert result.returncode == 1 and "report.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_file_is_named_with_its_line(report_dir: Path) -> None:
    (report_dir / "2-shortcomings.toml").write_text(
        'kind = "shortcomings"\ntitle = = 1\n', encoding="utf-8"
    )
    result = tui("edit", str(report_dir))
    assert result.returncode == 1
    assert "2-shortcomings.toml:2:" in result.stderr and "TOML" in result.stderr
