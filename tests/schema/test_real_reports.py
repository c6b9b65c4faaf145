"""Rules against how real bureaus write their reports (tests/data/realworld-more).

The 成文日期 against the report year (Y006, Y007): 大足区卫生健康委员会 dated its 2021
report (大足卫文〔2021〕82号) 2021-11-15: districts that collect the year's report with the
year-end summaries have it written in November or December of the year itself. Such a date is
not a mistake; one earlier in the year, or in an earlier year, more
likely is (the year typed wrong), and is warned.

The 第一责任人 item (M001): many reports give it a （一） of the measures section rather than a
一、 of its own (合川区卫健委, 武汉市市场监管局).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schema import validate_folder


def dated(report_dir: Path, date: str, doc_number: str = "宝应急〔2024〕2号") -> list[str]:
    path = report_dir / "report.toml"
    text = path.read_text("utf-8")
    text = text.replace("date = 2024-01-19\n", f"date = {date}\n", 1)
    text = text.replace("print_date = 2024-01-19", f"print_date = {date}", 1)
    text = text.replace('"宝应急〔2024〕2号"', f'"{doc_number}"', 1)
    path.write_text(text, "utf-8")
    return sorted(d.code for d in validate_folder(report_dir))


@pytest.mark.parametrize(
    ("date", "codes"),
    [
        ("2024-01-19", []),  # the first quarter after the year
        ("2024-03-31", []),  # the publication deadline
        ("2024-04-22", ["Y006"]),  # after it (静海区's 2024 report was published 2025-04-22)
        ("2023-11-01", []),  # with the year-end summaries
        ("2023-12-28", []),
        ("2023-10-31", ["Y007"]),  # before the year's end: the year typed wrong, more likely
        ("2023-03-15", ["Y007"]),
        ("2022-12-20", ["Y007"]),  # the year before the report's year
    ],
)
def test_the_date_is_warned_only_outside_year_end_and_first_quarter(
    date: str, codes: list[str], report_dir: Path
) -> None:
    year = date[:4]
    assert dated(report_dir, date, f"宝应急〔{year}〕2号") == codes


def test_the_first_responsible_item_may_be_a_heading_of_another_section(report_dir: Path) -> None:
    (report_dir / "3-leadership.toml").unlink()
    assert [d.code for d in validate_folder(report_dir)] == ["M001"]
    measures = report_dir / "1-measures.toml"
    text = measures.read_text("utf-8")
    heading = "提高政治站位，深入学习宣贯习近平法治思想"
    measures.write_text(text.replace(heading, "履行推进法治建设第一责任人职责", 1), "utf-8")
    assert validate_folder(report_dir) == []


def test_a_heading_of_another_kind_does_not_cover_the_item(report_dir: Path) -> None:
    (report_dir / "2-shortcomings.toml").unlink()
    measures = report_dir / "1-measures.toml"
    text = measures.read_text("utf-8")
    heading = "提高政治站位，深入学习宣贯习近平法治思想"
    measures.write_text(text.replace(heading, "存在的不足和原因", 1), "utf-8")
    assert [d.code for d in validate_folder(report_dir)] == ["M001"]
