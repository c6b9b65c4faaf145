"""A district's folder of departments' reports, as the 依法治区办 receives them.

:func:`make_district` copies the example report six times and varies it: a
clean report; one that names its figures by other keys and labels and states
its fines in 元; one with errors; one dated after the deadline; one whose
report.toml does not parse; one whose fines were typed in 元 under the unit
万元, against last year's report kept in an archive outside the district's
folder. The tests here check that the folder holds what it claims.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from schema import validate_folder
from tests.conftest import EXAMPLE

MEASURES = "1-measures.toml"

CLEAN = "01-emergency"
RENAMED = "02-justice"
ERRORS = "03-market"
LATE = "04-housing"
BROKEN = "05-broken"
MIXED = "06-city-management"
ARCHIVE_OF_MIXED = "06-city-management-2022"

DEPARTMENTS = {
    CLEAN: "上海市宝山区应急管理局",
    RENAMED: "上海市宝山区司法局",
    ERRORS: "上海市宝山区市场监督管理局",
    LATE: "上海市宝山区住房和城乡建设管理委员会",
    MIXED: "上海市宝山区城市管理行政执法局",
}
PENALTY_CASES = {CLEAN: 142, RENAMED: 60, ERRORS: 30, LATE: 10, MIXED: 100}
"""办理行政处罚案件 in each readable report (2023): the total is 342."""
PENALTY_CASES_2022_MIXED = 80
"""Last year's figure of the mixed-up department, in its archived report."""


def _copy(target: Path, department: str, edits: dict[str, list[tuple[str, str]]]) -> Path:
    shutil.copytree(EXAMPLE, target)
    for name, pairs in {"report.toml": [], **edits}.items():
        path = target / name
        text = path.read_text("utf-8")
        if name == "report.toml":
            text = text.replace("上海市宝山区应急管理局", department)
            text = text.replace("宝山区应急管理局", department.removeprefix("上海市"))
        for old, new in pairs:
            assert old in text, f"{old!r} not in {name}"
            text = text.replace(old, new)
        path.write_text(text, "utf-8")
    return target


def _cases(n: int) -> list[tuple[str, str]]:
    return [('value = 142\nunit = "件"', f'value = {n}\nunit = "件"')]


def make_district(root: Path) -> Path:
    """The district's folder under ``root``, and last year's archive beside it."""
    district = root / "district"
    district.mkdir(parents=True)
    _copy(district / CLEAN, DEPARTMENTS[CLEAN], {})
    _copy(
        district / RENAMED,
        DEPARTMENTS[RENAMED],
        {
            MEASURES: [
                *_cases(PENALTY_CASES[RENAMED]),
                ("{penalty_cases}", "{administrative_penalties}"),
                ("[metrics.penalty_cases]", "[metrics.administrative_penalties]"),
                ("{penalty_amount}万元", "{fines}元"),
                ("[metrics.penalty_amount]", "[metrics.fines]"),
                ('value = 861.98\nunit = "万元"', 'value = 250000\nunit = "元"'),
                ("{legal_reviews}", "{reviews_done}"),
                ("[metrics.legal_reviews]", "[metrics.reviews_done]"),
                ('label = "行政执法决定法制审核"', 'label = "法制审核"'),
            ]
        },
    )
    _copy(
        district / ERRORS,
        DEPARTMENTS[ERRORS],
        {
            MEASURES: [
                *_cases(PENALTY_CASES[ERRORS]),
                ("全年共开展相关学习{study_sessions}次", "全年共开展相关学习{study_session}次"),
                ("value = 1014\n", "value = -5\n"),
            ]
        },
    )
    _copy(
        district / LATE,
        DEPARTMENTS[LATE],
        {
            "report.toml": [("date = 2024-01-19", "date = 2024-04-15")],
            MEASURES: _cases(PENALTY_CASES[LATE]),
        },
    )
    _copy(
        district / BROKEN, "上海市宝山区某局", {"report.toml": [("year = 2023", "year = = 2023")]}
    )
    archive = root / "archive" / ARCHIVE_OF_MIXED
    _copy(archive, DEPARTMENTS[MIXED], {MEASURES: _cases(PENALTY_CASES_2022_MIXED)})
    for path in archive.glob("*.toml"):
        text = path.read_text("utf-8")
        path.write_text(text.replace("2023", "2022").replace("2024", "2023"), "utf-8")
    _copy(
        district / MIXED,
        DEPARTMENTS[MIXED],
        {
            "report.toml": [
                (
                    "year = 2023  # 报告年度",
                    f'year = 2023\nprevious = "../../archive/{ARCHIVE_OF_MIXED}"',
                )
            ],
            MEASURES: [
                *_cases(PENALTY_CASES[MIXED]),
                ("value = 861.98\n", "value = 8619800\n"),  # 元 typed under the unit 万元
            ],
        },
    )
    return district


def _codes(folder: Path) -> set[str]:
    return {d.code for d in validate_folder(folder) if not d.waived}


def test_the_district_holds_what_the_summary_tests_rely_on(tmp_path: Path) -> None:
    district = make_district(tmp_path)
    assert _codes(district / CLEAN) == set()
    assert _codes(district / RENAMED) == set()
    assert {"P001", "N002"} <= _codes(district / ERRORS)
    assert _codes(district / LATE) == {"Y006"}
    assert _codes(district / BROKEN) == {"R004"}
    assert _codes(district / MIXED) == {"U001"}  # a unit slip that last year's figure shows
    assert _codes(tmp_path / "archive" / ARCHIVE_OF_MIXED) == set()
