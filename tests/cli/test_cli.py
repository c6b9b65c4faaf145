"""The ``tui`` command itself: help, mistyped commands, the usage-error contract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.runner import run
from tui.cells import width


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


@pytest.mark.parametrize("command", ["edit", "validate", "export", "new", "compare"])
def test_each_command_s_help_fits_an_80_column_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    lines = out.splitlines()
    assert all(width(line) <= 80 for line in lines), [ln for ln in lines if width(ln) > 80]
    assert "位置参数：" in lines and "选项：" in lines  # full-width colons, as Chinese text has
    # Every option's help starts in one column, however wide its Chinese metavar.
    options = lines[lines.index("选项：") + 1 :]
    columns = {
        width(line) - width(match.group(2))
        for line in options
        if (match := re.match(r"^(  \S.*?\s{2,}|\s{3,})(\S.*)$", line))
    }
    assert len(columns) == 1, options


def test_an_unknown_option_is_refused_with_the_command_s_own_usage(
    capsys: pytest.CaptureFixture[str], example_dir: Path
) -> None:
    status, _, err = run(capsys, "validate", "--bogus", str(example_dir))
    assert status == 2
    assert err.startswith("用法：tui validate")
    assert "tui validate：错误：无法识别的参数：--bogus" in err


def test_an_option_before_the_command_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--strict", "records")
    assert status == 2
    assert "未知的选项“--strict”：选项写在命令之后" in err
