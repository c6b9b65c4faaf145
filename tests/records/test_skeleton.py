"""A new report's skeleton: what the clerk starts from, and how it is written to disk."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from records import RecordError, WriteError, load_report
from records.placeholders import parse_template
from records.skeleton import (
    SECTION_FILES,
    create_report_folder,
    section_title,
    shift_years,
    skeleton_files,
)

ISSUER = "上海市宝山区应急管理局"
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


def write_skeleton(tmp_path: Path, year: int = 2024) -> Path:
    folder = tmp_path / "report"
    create_report_folder(folder, skeleton_files(folder, ISSUER, year, SCHEMA_DIR))
    return folder


def test_skeleton_has_the_four_mandated_sections_with_statutory_titles(tmp_path: Path) -> None:
    report = load_report(write_skeleton(tmp_path, 2024))
    assert [s.path.name for s in report.sections] == list(SECTION_FILES.values())
    assert [s.kind for s in report.sections] == ["measures", "shortcomings", "leadership", "plans"]
    assert [s.title for s in report.sections] == [
        "2024年度推进法治政府建设的主要举措和成效",
        "2024年度推进法治政府建设存在的不足和原因",
        "党政主要负责人2024年度履行推进法治建设第一责任人职责，加强法治政府建设有关情况",
        "2025年推进法治建设的主要安排",
    ]
    assert report.year == 2024
    assert report.body.title == "上海市宝山区应急管理局2024年法治政府建设情况报告"
    assert report.header.issuer_mark == "上海市宝山区应急管理局文件"
    assert report.body.signature == ISSUER and report.footer.printer == ISSUER


def test_skeleton_leaves_what_the_clerk_must_supply_empty_or_missing(tmp_path: Path) -> None:
    report = load_report(write_skeleton(tmp_path))
    assert report.header.signer == ""
    assert report.body.recipients == [] and report.body.opening == ""
    # dates and the copy count have no empty TOML value, and an empty doc number would read
    # as a malformed one: these are missing keys, offered commented out
    assert "doc_number" not in report.meta.data["header"]
    assert report.body.date is None and report.footer.print_date is None
    assert report.footer.copies is None
    measures, shortcomings, leadership, plans = report.sections
    assert [(p.title, p.points) for p in measures.blocks] == [("", [""])]
    assert shortcomings.points == [""] and leadership.points == [""]
    assert [(p.title, p.text) for p in plans.blocks] == [("", "")]
    # optional keys are offered in comments only, so they raise no "empty" error
    assert all(s.lead == "" and "lead" not in s.file.data for s in report.sections)
    assert all(not s.metrics for s in report.sections)


def test_skeleton_prose_has_no_placeholders_and_the_files_say_what_belongs_where(
    tmp_path: Path,
) -> None:
    folder = write_skeleton(tmp_path)
    report = load_report(folder)
    prose = [report.body.title, *(s.title for s in report.sections)]
    assert all(len(parse_template(t)) == 1 for t in prose)
    text = (folder / "report.toml").read_text("utf-8")
    assert "# date =" in text and "# copies =" in text and '# doc_number = ""' in text
    assert "[[parts]]" in (folder / "1-measures.toml").read_text("utf-8")


def test_schema_lines_point_at_the_schema_files_from_the_new_folder(tmp_path: Path) -> None:
    folder = write_skeleton(tmp_path)
    for name in ["report.toml", *SECTION_FILES.values()]:
        first = (folder / name).read_text("utf-8").splitlines()[0]
        assert first.startswith("#:schema ")
        target = (folder / first.split(" ", 1)[1]).resolve()
        expected = "report.schema.json" if name == "report.toml" else "section.schema.json"
        assert target == (SCHEMA_DIR / expected).resolve()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年度推进法治政府建设的主要举措和成效", "2024年度推进法治政府建设的主要举措和成效"),
        ("2024年推进法治建设的主要安排", "2025年推进法治建设的主要安排"),
        ("《纲要（2021-2025年）》2023年", "《纲要（2021-2025年）》2024年"),
        ("编号12023不是年份", "编号12023不是年份"),
    ],
)
def test_shift_years_moves_the_report_year_and_the_next_one_once(text: str, expected: str) -> None:
    assert shift_years(text, 2023, 2024) == expected


def test_section_titles_of_plans_speak_of_the_next_year() -> None:
    assert section_title("plans", 2030).startswith("2031年")
    assert section_title("measures", 2030).startswith("2030年")


def test_every_skeleton_file_is_valid_toml(tmp_path: Path) -> None:
    for name, text in skeleton_files(tmp_path / "x", "某局", 2024).items():
        tomllib.loads(text)
        assert not text.startswith("#:schema"), name  # no schema folder given: no line


def test_an_existing_folder_with_files_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "notes.txt").write_text("clerk's notes", "utf-8")
    with pytest.raises(RecordError, match="不是空的"):
        create_report_folder(folder, skeleton_files(folder, ISSUER, 2024))
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text("utf-8") == "clerk's notes"


def test_an_empty_existing_folder_is_filled(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    folder.mkdir()
    create_report_folder(folder, skeleton_files(folder, ISSUER, 2024))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["report.toml", *SECTION_FILES.values()]
    )


def test_a_file_in_the_way_and_a_missing_parent_are_refused(tmp_path: Path) -> None:
    (tmp_path / "report").write_text("x", "utf-8")
    with pytest.raises(RecordError, match="同名文件"):
        create_report_folder(tmp_path / "report", {"report.toml": ""})
    assert (tmp_path / "report").read_text("utf-8") == "x"
    with pytest.raises(RecordError, match="上级文件夹不存在"):
        create_report_folder(tmp_path / "no" / "report", {"report.toml": ""})
    assert not (tmp_path / "no").exists()


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    files = {"report.toml": "year = 2024\n", "sub/1-measures.toml": "kind = 'measures'\n"}
    with pytest.raises(WriteError):
        create_report_folder(tmp_path / "report", files)
    assert os.listdir(tmp_path) == []
