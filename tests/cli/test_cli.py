"""The ``tui`` command itself: help, mistyped commands, the usage-error contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import run


def test_help_lists_every_command_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert out.startswith("用法：tui")
    for command in ("edit", "validate", "export", "new", "compare"):
        assert command in out


@pytest.mark.parametrize(("typed", "meant"), [("valdate", "validate"), ("exprot", "export")])
def test_a_mistyped_command_suggests_the_right_one(
    capsys: pytest.CaptureFixture[str], typed: str, meant: str
) -> None:
    status, _, err = run(capsys, typed, "x")
    assert status == 2
    assert f"未知命令“{typed}”，是否应为 {meant}？" in err


def test_a_word_that_is_neither_command_nor_folder(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "frobnicate")
    assert status == 2
    assert "也没有这个文件夹" in err


def test_a_file_where_a_report_folder_belongs_is_a_usage_error(
    example_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "export", str(example_dir / "report.toml"))
    assert status == 2
    assert "需要报告文件夹" in err
