"""A fresh skeleton (or carried-over report) fails validation only for what is not yet written.

The validator's findings on a new report are the clerk's to-do list: each must
name a missing piece, and once every piece is filled in the report is clean.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from records.carry import carry_over
from records.editing import ReportDraft
from records.skeleton import create_report_folder, skeleton_files
from schema import MISSING_CONTENT_CODES, validate_folder

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"

STILL_TO_WRITE = {
    ("report.toml", "/header/doc_number"),
    ("report.toml", "/header/signer"),
    ("report.toml", "/body/recipients"),
    ("report.toml", "/body/opening"),
    ("report.toml", "/body/date"),
    ("report.toml", "/footer/print_date"),
    ("report.toml", "/footer/copies"),
    ("1-measures.toml", "/parts/0/title"),
    ("1-measures.toml", "/parts/0/points/0"),
    ("2-shortcomings.toml", "/points/0"),
    ("3-leadership.toml", "/points/0"),
    ("4-plans.toml", "/parts/0/title"),
    ("4-plans.toml", "/parts/0/text"),
}


def new_skeleton(tmp_path: Path) -> Path:
    folder = tmp_path / "2024"
    create_report_folder(folder, skeleton_files(folder, "上海市宝山区应急管理局", 2024, SCHEMA_DIR))
    return folder


def test_a_skeletons_only_errors_are_the_missing_content(tmp_path: Path) -> None:
    found = validate_folder(new_skeleton(tmp_path))
    assert {d.code for d in found} <= MISSING_CONTENT_CODES
    assert all(d.severity == "error" for d in found)
    assert {(Path(d.file).name, d.pointer) for d in found} == STILL_TO_WRITE


def test_a_skeleton_filled_in_is_clean(tmp_path: Path) -> None:
    folder = new_skeleton(tmp_path)
    draft = ReportDraft(folder)
    meta = draft.meta
    meta.set(("header", "doc_number"), "宝应急〔2025〕3号")
    meta.set(("header", "signer"), "沈斌")
    meta.set(("body", "recipients"), ["中共上海市宝山区委", "宝山区人民政府"])
    meta.set(
        ("body", "opening"), "2024年，区应急管理局扎实推进法治政府建设，现将有关情况汇报如下："
    )
    meta.set(("body", "date"), dt.date(2025, 1, 20))
    meta.set(("footer", "print_date"), dt.date(2025, 1, 20))
    meta.set(("footer", "copies"), 5)
    measures, shortcomings, leadership, plans = draft.sections
    measures.set(("parts", 0, "title"), "深入学习宣贯习近平法治思想")
    measures.set(("parts", 0, "points", 0), "全年开展集体学法，提高依法行政能力。")
    shortcomings.set(("points", 0), "部分执法人员能力有待提升。")
    leadership.set(("points", 0), "主要负责人带头学法，定期听取法治工作汇报。")
    plans.set(("parts", 0, "title"), "持续深化理论学习")
    plans.set(("parts", 0, "text"), "坚持以习近平法治思想为指导，推进法治建设。")
    draft.save()
    assert validate_folder(folder) == []


def test_a_carried_report_asks_only_for_this_years_content(report_dir: Path) -> None:
    new = report_dir.parent / "baoshan-emergency-2024"
    create_report_folder(new, carry_over(report_dir, new))
    found = validate_folder(new)
    assert found and {d.code for d in found} <= MISSING_CONTENT_CODES
    values = {(Path(d.file).name, d.pointer) for d in found if d.pointer.endswith("/value")}
    assert ("1-measures.toml", "/metrics/penalty_amount/value") in values
    assert len(values) == 20  # every metric of the example, and no other missing value
