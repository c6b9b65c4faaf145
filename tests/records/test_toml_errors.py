"""A clerk's TOML slips are explained in Chinese, at the right line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from records import TomlSyntaxError, read_file
from records.editing import EditableFile
from records.placeholders import Malformed, parse_template


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("signer = “沈斌”\n", 1, 10, "不能用中文引号"),
        ("signer = 沈斌\n", 1, 10, 'signer = "沈斌"'),
        ("value = １４２\n", 1, 9, "不能用全角（１４２）"),
        ('title = "缺少引号\n', 1, 14, "字符串缺少结束的引号"),
        ('signer ＝ "沈斌"\n', 1, 8, "不能用全角“＝”"),
        ("value = 1,142\n", 1, 10, "千位分隔符"),
        ("a = 1\na = 2\n", 2, 6, "同一个键写了两次"),
        ('points = [\n  "甲",\n\n[metrics.a]\nvalue = 1\n', 4, 2, "第 1 行开始的数组缺少结束的“]”"),
        ("date = 2024-13-01\n", 1, 12, "日期须写成 2024-01-19"),
        ("date = 2024-1-19\n", 1, 12, "月、日各两位数"),
        ("[header]\na = 1\n[header]\nb = 2\n", 3, 1, "表 [header] 写了两次"),
        (
            '[metrics."处罚 件数"]\n[metrics."处罚 件数"]\n',
            2,
            1,
            '表 [metrics."处罚 件数"] 写了两次',
        ),
    ],
    ids=[
        "cn-quotes",
        "unquoted",
        "fw-digits",
        "unclosed",
        "fw-equals",
        "thousands",
        "dup",
        "array",
        "bad-month",
        "short-month",
        "table-twice",
        "quoted-key-twice",
    ],
)
def test_syntax_errors_are_explained_in_chinese(
    tmp_path: Path, text: str, line: int, column: int, words: str
) -> None:
    path = tmp_path / "1-measures.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TomlSyntaxError) as caught:
        read_file(path)
    error = caught.value
    assert (error.path, error.line, error.column) == (path, line, column)
    assert words in error.message
    assert error.message.startswith("TOML 语法错误：")
    # the editor's reader gives the same explanation
    with pytest.raises(TomlSyntaxError) as again:
        EditableFile.open(path)
    assert again.value.message == error.message


def test_full_width_braces_around_a_key_are_reported_not_published() -> None:
    [_, slip, _] = parse_template("处罚金额｛penalty_amount｝万元")
    assert isinstance(slip, Malformed)
    assert slip.start == 4
    assert "{penalty_amount}" in slip.reason


def test_full_width_braces_around_chinese_are_just_text() -> None:
    assert [s.text for s in parse_template("见｛附件｝")] == ["见｛附件｝"]  # type: ignore[union-attr]
