"""Text lined up in terminal cells: a Chinese character takes two."""

from __future__ import annotations

from tui.cells import clip, pad, width, wrap


def test_chinese_takes_two_cells_and_padding_counts_them() -> None:
    assert width("宝山区 2023") == 11
    assert pad("宝山", 6) == "宝山  "
    assert pad("12", 4, right=True) == "  12"


def test_clip_cuts_by_cells_at_either_end() -> None:
    assert clip("上海市宝山区应急管理局", 9) == "上海市宝…"
    assert clip("records/宝山区/应急管理局", 12, keep_end=True) == "…/应急管理局"
    assert clip("短\n文本", 10) == "短 文本"


def test_wrapped_lines_fit_and_keep_every_character() -> None:
    text = "校验一份或多份报告。可以给报告文件夹、其中的文件，或包含多个报告文件夹的上级文件夹。"
    lines = wrap(text, 20)
    assert len(lines) > 1
    # A line runs over only by the closing mark it keeps (“，” instead of starting a line).
    assert all(width(line.rstrip("。，、")) <= 20 for line in lines)
    assert "".join(lines) == text


def test_a_closing_mark_never_starts_a_line() -> None:
    lines = wrap("一二三四五，六七八九十。", 10)
    assert lines == ["一二三四五，", "六七八九十。"]
    assert not any(line.startswith(("，", "。")) for line in wrap("甲乙丙丁戊己，庚辛。" * 5, 12))


def test_latin_words_are_not_broken() -> None:
    lines = wrap("缓存在 ~/.cache/tui 中，可用 --no-cache 关闭", 16)
    assert len(lines) > 1
    assert any("~/.cache/tui" in line for line in lines)
    assert any("--no-cache" in line for line in lines)
