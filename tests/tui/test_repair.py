"""A report file that does not parse is mended as text before the editor opens the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from records import EncodingError, FileChangedError, TomlSyntaxError, read_file
from records.editing import save_repaired
from records.source import read_gb18030, read_source
from tests.tui.conftest import run_async
from tui.editor.repair import RepairApp
from tui.editor.screens.prompts import ChoiceScreen

SIZE = (80, 24)


def broken(report_dir: Path) -> tuple[Path, bytes]:
    """report.toml with the signer in Chinese quotes (line 10), and its original bytes."""
    path = report_dir / "report.toml"
    original = path.read_bytes()
    path.write_bytes(original.replace('signer = "沈斌"'.encode(), "signer = “沈斌”".encode()))
    return path, original


def app_for(path: Path) -> RepairApp:
    with pytest.raises(TomlSyntaxError) as raised:
        read_file(path)
    return RepairApp(read_source(path), raised.value)


@run_async
async def test_the_cursor_starts_on_the_slip_and_a_mended_file_is_saved(report_dir: Path) -> None:
    path, original = broken(report_dir)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.query_one(TextArea)
        assert area.cursor_location == (9, 9)  # line 10, column 10: the “
        problem = str(app.query_one("#repair-problem", Static).render())
        assert "第 10 行第 10 列" in problem and "不能用中文引号" in problem
        written = path.read_bytes()
        await pilot.press("delete", "ctrl+s")  # signer = 沈斌”: still not TOML
        await pilot.pause()
        assert app.is_running
        assert path.read_bytes() == written  # nothing is written while it does not parse
        assert area.document.get_line(9) == "signer = 沈斌”"
        area.insert('"', (9, 9))
        area.move_cursor((9, len(area.document.get_line(9))))
        await pilot.press("backspace")
        area.insert('"')
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.return_value is True
    assert path.read_bytes() == original


@run_async
async def test_quitting_with_changes_asks_and_writes_nothing(report_dir: Path) -> None:
    path, _ = broken(report_dir)
    before = path.read_bytes()
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("d")
        await pilot.pause()
    assert app.return_value is False
    assert path.read_bytes() == before


def test_a_mended_file_keeps_its_bom_and_line_endings(report_dir: Path) -> None:
    path = report_dir / "report.toml"
    text = path.read_text("utf-8").replace("\n", "\r\n")
    path.write_bytes(("\ufeff" + text.replace('signer = "沈斌"', "signer = 沈斌")).encode())
    source = read_source(path)
    saved = save_repaired(source, source.text.replace("\r\n", "\n").replace("= 沈斌", '= "沈斌"'))
    assert path.read_bytes() == ("\ufeff" + text).encode()
    assert saved.digest and read_file(path).data["header"]["signer"] == "沈斌"


def test_a_file_changed_meanwhile_is_not_overwritten(report_dir: Path) -> None:
    path, original = broken(report_dir)
    source = read_source(path)
    path.write_bytes(original)  # someone mended it in another window
    with pytest.raises(FileChangedError):
        save_repaired(source, source.text.replace("“沈斌”", '"沈斌"'))
    assert path.read_bytes() == original


@run_async
async def test_a_gbk_file_is_read_as_gbk_and_saved_as_utf8(report_dir: Path) -> None:
    path = report_dir / "2-shortcomings.toml"
    original = path.read_bytes()
    path.write_bytes(original.decode("utf-8").encode("gbk"))
    with pytest.raises(EncodingError) as raised:
        read_file(path)
    source = read_gb18030(path)
    assert source is not None and "存在的不足" in source.text
    app = RepairApp(source, raised.value)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "是 GBK 编码" in str(app.query_one("#repair-problem", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.return_value is True
    assert path.read_bytes() == original


def test_only_gbk_text_is_offered_for_conversion(report_dir: Path) -> None:
    assert read_gb18030(report_dir / "report.toml") is None  # UTF-8 already
    binary = report_dir / "5-other.toml"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    assert read_gb18030(binary) is None
