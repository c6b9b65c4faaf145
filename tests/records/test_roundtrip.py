"""Saving through records keeps everything the clerk did not change."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from records import (
    FileChangedError,
    RecordError,
    ReportDraft,
    TomlSyntaxError,
    WriteError,
    load_report,
    read_file,
)
from records.editing import EditableFile
from records.restructure import insert_element, move_element
from tests.conftest import EXAMPLE

EXAMPLE_FILES = sorted(EXAMPLE.glob("*.toml"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_untouched_file_round_trips_byte_identical(path: Path) -> None:
    original = path.read_bytes()
    opened = EditableFile.open(path)
    assert opened.text().encode("utf-8") == original
    assert not opened.modified


def test_saving_an_untouched_report_writes_nothing(report_dir: Path) -> None:
    stamps = {p: p.stat().st_mtime_ns for p in report_dir.iterdir()}
    draft = ReportDraft(report_dir)
    assert draft.save() == []
    assert {p: p.stat().st_mtime_ns for p in report_dir.iterdir()} == stamps


def test_editing_one_value_changes_exactly_that_line(report_dir: Path) -> None:
    path = report_dir / "1-measures.toml"
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    draft = ReportDraft(report_dir)
    draft.file("1-measures.toml").set(("metrics", "penalty_cases", "value"), 143)
    assert draft.save() == [path]
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1
    assert after[changed[0]] == "value = 143\n"
    assert before[changed[0]] == "value = 142\n"
    assert load_report(report_dir).metrics()["penalty_cases"].value == 143


def test_comments_and_layout_survive_an_edit(report_dir: Path) -> None:
    path = report_dir / "report.toml"
    draft = ReportDraft(report_dir)
    draft.meta.set(("header", "signer"), "张三")
    draft.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ../../../schema/report.schema.json\n")
    assert "year = 2023  # 报告年度\n" in text
    assert '[header]  # 版头\nissuer_mark = "上海市宝山区应急管理局文件"\n' in text
    assert 'signer = "张三"\n' in text


def test_setting_an_equal_value_keeps_its_spelling(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("rate = 2.30\nname = 'literal'\n", encoding="utf-8")
    opened = EditableFile.open(path)
    opened.set(("rate",), Decimal("2.30"))
    opened.set(("name",), "literal")
    assert not opened.modified


def test_decimal_values_keep_their_stated_decimals(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("[metrics.a]\nvalue = 1\n", encoding="utf-8")
    opened = EditableFile.open(path)
    opened.set(("metrics", "a", "value"), Decimal("2.30"))
    opened.save()
    assert path.read_text(encoding="utf-8") == "[metrics.a]\nvalue = 2.30\n"


def test_crlf_and_bom_survive_an_edit(tmp_path: Path) -> None:
    path = tmp_path / "report.toml"
    original = '\ufeff# 注释\r\nyear = 2023\r\n\r\n[header]\r\nsigner = "沈斌"\r\n'
    path.write_bytes(original.encode("utf-8"))
    opened = EditableFile.open(path)
    assert opened.text() == original[1:]
    opened.set(("year",), 2024)
    opened.set(("header", "doc_number"), "宝应急〔2025〕1号")
    opened.save()
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8")[1:]
    assert "\n" not in text.replace("\r\n", "")
    assert text.startswith('# 注释\r\nyear = 2024\r\n\r\n[header]\r\nsigner = "沈斌"\r\n')
    assert 'doc_number = "宝应急〔2025〕1号"\r\n' in text


def test_untouched_crlf_bom_file_is_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "report.toml"
    path.write_bytes("\ufeffyear = 2023\r\n".encode())
    opened = EditableFile.open(path)
    assert ((("\ufeff") + opened.text()).encode("utf-8")) == path.read_bytes()
    assert not opened.save()


def test_a_failed_write_leaves_the_old_file_intact(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = report_dir / "1-measures.toml"
    original = path.read_bytes()
    draft = ReportDraft(report_dir)
    draft.file(path.name).set(("metrics", "penalty_cases", "value"), 999)

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(WriteError) as caught:
        draft.save()
    assert "原文件未改动：磁盘空间已满" in str(caught.value)
    assert path.read_bytes() == original
    assert sorted(p.name for p in report_dir.iterdir()) == sorted(p.name for p in EXAMPLE.iterdir())
    assert draft.modified  # the edit is still there to save again


def test_a_file_changed_on_disk_is_refused(report_dir: Path) -> None:
    path = report_dir / "report.toml"
    draft = ReportDraft(report_dir)
    draft.meta.set(("header", "signer"), "张三")
    someone_else = path.read_text(encoding="utf-8").replace("沈斌", "李四")
    path.write_text(someone_else, encoding="utf-8")
    with pytest.raises(FileChangedError) as caught:
        draft.save()
    assert caught.value.path == path
    assert path.read_text(encoding="utf-8") == someone_else
    draft.save(force=True)
    assert 'signer = "张三"' in path.read_text(encoding="utf-8")


def test_a_refused_save_writes_no_file_of_the_report(report_dir: Path) -> None:
    draft = ReportDraft(report_dir)
    draft.meta.set(("year",), 2024)
    draft.file("4-plans.toml").set(("title",), "2025年推进法治建设的主要安排")
    plans = report_dir / "4-plans.toml"
    plans.write_text(plans.read_text(encoding="utf-8") + "# 他人的修改\n", encoding="utf-8")
    with pytest.raises(FileChangedError):
        draft.save()
    assert "year = 2023" in (report_dir / "report.toml").read_text(encoding="utf-8")


def test_a_saved_file_can_be_saved_again_without_conflict(report_dir: Path) -> None:
    draft = ReportDraft(report_dir)
    draft.meta.set(("year",), 2024)
    draft.save()
    draft.meta.set(("year",), 2025)
    draft.save()
    assert load_report(report_dir).year == 2025


def test_adding_points_parts_and_metrics_yields_valid_toml(report_dir: Path) -> None:
    draft = ReportDraft(report_dir)
    plans = draft.file("4-plans.toml")
    insert_element(
        plans,
        ("parts",),
        4,
        {"title": "持续强化数字赋能", "text": "推进执法数字化{new_metric}次。"},
    )
    plans.set(("metrics", "new_metric", "value"), 3)
    plans.set(("metrics", "new_metric", "unit"), "次")
    plans.set(("metrics", "new_metric", "label"), "新增指标")
    insert_element(draft.file("2-shortcomings.toml"), ("points",), 2, "三是新增的不足。")
    draft.save()
    report = load_report(report_dir)
    assert report.sections[3].blocks[-1].title == "持续强化数字赋能"
    assert report.sections[1].points[-1] == "三是新增的不足。"
    assert report.metrics()["new_metric"].value == 3


def test_moving_a_point_reorders_it(report_dir: Path) -> None:
    draft = ReportDraft(report_dir)
    leadership = draft.file("3-leadership.toml")
    first = leadership.get(("points", 0))
    assert move_element(leadership, ("points", 0), 1) == ("points", 1)
    assert leadership.get(("points", 1)) == first
    draft.save()
    assert load_report(report_dir).sections[2].points[1] == first


def test_tables_inside_arrays_are_written_as_inline_tables(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("year = 2023\n", encoding="utf-8")
    opened = EditableFile.open(path)
    opened.set(("items",), [{"title": "甲", "n": 1}, {"title": "乙", "n": 2}])
    opened.save()
    assert load_report_data(path) == {
        "year": 2023,
        "items": [{"title": "甲", "n": 1}, {"title": "乙", "n": 2}],
    }


def test_an_edit_through_a_value_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('year = 2023\npoints = ["甲"]\n', encoding="utf-8")
    opened = EditableFile.open(path)
    with pytest.raises(RecordError, match="year 不是表或数组"):
        opened.set(("year", "value"), 1)
    with pytest.raises(RecordError, match="points 不是表或数组"):
        opened.set(("points", "title"), "乙")
    assert not opened.modified


def test_absurd_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "1-measures.toml"
    path.write_text("a = " + "[" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(RecordError, match="嵌套层次太深"):
        read_file(path)


def load_report_data(path: Path) -> dict[str, object]:
    return read_file(path).data


def test_moving_a_point_changes_only_the_lines_that_moved(report_dir: Path) -> None:
    path = report_dir / "3-leadership.toml"
    before = path.read_text(encoding="utf-8").splitlines()
    draft = ReportDraft(report_dir)
    move_element(draft.file(path.name), ("points", 0), 1)
    draft.save()
    after = path.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [
        before.index(next(line for line in before if line.startswith('  "提高站位'))),
        before.index(next(line for line in before if line.startswith('  "带头学法'))),
    ]


def test_replacing_the_text_is_an_unsaved_edit_checked_against_the_disk(report_dir: Path) -> None:
    path = report_dir / "report.toml"
    opened = EditableFile.open(path)
    recovered = path.read_text(encoding="utf-8").replace("沈斌", "张三")
    opened.replace_text(recovered)
    assert opened.modified and opened.get(("header", "signer")) == "张三"
    assert "沈斌" in path.read_text(encoding="utf-8")
    with pytest.raises(TomlSyntaxError):
        opened.replace_text("year = \n")
    opened.save()
    assert path.read_text(encoding="utf-8") == recovered


def test_a_read_only_file_is_not_replaced(report_dir: Path) -> None:
    path = report_dir / "1-measures.toml"
    original = path.read_bytes()
    path.chmod(0o444)
    draft = ReportDraft(report_dir)
    draft.file(path.name).set(("metrics", "penalty_cases", "value"), 999)
    with pytest.raises(WriteError) as caught:
        draft.save()
    assert "文件是只读的，没有覆盖" in str(caught.value)
    assert path.read_bytes() == original
    assert draft.modified
