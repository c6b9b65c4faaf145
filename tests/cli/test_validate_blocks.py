"""``tui validate`` on a report written in blocks: what pre-commit sees of the new findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.cli import main

BLOCKS = Path(__file__).resolve().parents[1] / "schema" / "data" / "blocks-report"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty cache of clean reports, outside the user's home."""
    monkeypatch.setenv("TUI_CACHE_DIR", str(tmp_path / "tui-cache"))


@pytest.fixture
def blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "blocks-report"
    shutil.copytree(BLOCKS, target)
    monkeypatch.chdir(target)
    return target


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    status = main(["validate", *argv])
    return status, capsys.readouterr().out.splitlines()


def test_every_block_validates_strictly(blocks: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--strict", ".")
    assert status == 0 and "未发现问题" in out[-1]


def test_a_level_skipped_warns_and_fails_only_under_strict(
    blocks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (blocks / "6-extra.toml").write_text(
        'kind = "measures"\ntitle = "专题举措"\n\n[[subitems]]\ntext = "全年检查。"\n', "utf-8"
    )
    status, out = run(capsys, "--format", "github", ".")
    assert status == 0
    assert out[0].startswith("::warning file=6-extra.toml,line=4,col=1,title=M006::")
    status, _ = run(capsys, "--strict", ".")
    assert status == 1


def test_a_typed_number_in_a_numbered_paragraph_is_an_error_at_the_number(
    blocks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = blocks / "1-measures.toml"
    text = path.read_text("utf-8")
    old = 'text = "实施应急管理优化营商环境方案'
    assert old in text
    path.write_text(text.replace(old, 'text = "3.实施应急管理优化营商环境方案'), "utf-8")
    status, out = run(capsys, ".")
    assert status == 1
    line = text[: text.index(old)].count("\n") + 1
    assert out[0].startswith(f"1-measures.toml:{line}:9: error F005 编号段落开头的“3.”是手写的编号")
