"""The summary's core: figures matched through the catalogue, money in 万元, rows not crashes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from records import Metric, RecordFile
from records.source import SourceText
from schema import summary as summary_module
from schema.catalogue import catalogue, match
from schema.summary import build_summary, deadline, summarize, summarize_report
from tests.schema.test_summary_district import (
    BROKEN,
    CLEAN,
    LATE,
    MIXED,
    PENALTY_CASES,
    make_district,
)

_FILE = RecordFile(SourceText(Path("1-measures.toml"), "", False, "\n", ""), {})


def metric(key: str, value: int | Decimal | None, unit: str, label: str = "") -> Metric:
    return Metric(key, value, unit, label, _FILE)


def matched(*metrics: Metric) -> tuple[dict[str, str], list[str]]:
    known, others = match({m.key: m for m in metrics})
    return {k: m.key for k, m in known.items()}, [m.key for m in others]


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        (metric("penalty_cases", 3, "件"), "penalty_cases"),
        (metric("administrative_penalties", 3, "件"), "penalty_cases"),  # another key
        (metric("xzcf", 3, "件", "行政处罚案件"), "penalty_cases"),  # a label the catalogue lists
        (metric("xzcf", 3, "起", "办理行政处罚案件"), "penalty_cases"),  # its own label, 起 for 件
        (metric("fines", Decimal("2.5"), "亿元"), "penalty_amount"),
        (metric("hearing_rate", 100, "%", "行政机关负责人出庭应诉率"), "court_appearance_rate"),
    ],
)
def test_a_figure_is_matched_by_key_other_key_or_label(stated: Metric, expected: str) -> None:
    assert matched(stated) == ({expected: stated.key}, [])


def test_a_figure_in_a_unit_that_cannot_be_converted_stays_the_reports_own() -> None:
    assert matched(metric("penalty_cases", 3, "次")) == ({}, ["penalty_cases"])


def test_the_catalogue_key_wins_over_another_key_and_a_label() -> None:
    known, others = matched(
        metric("punishment_cases", 5, "件"),
        metric("xzcf", 7, "件", "行政处罚案件"),
        metric("penalty_cases", 3, "件"),
    )
    assert known == {"penalty_cases": "penalty_cases"}
    assert others == ["punishment_cases", "xzcf"]


@pytest.mark.parametrize(
    ("value", "unit", "wan"),
    [
        (250000, "元", Decimal(25)),
        (Decimal("861.98"), "万元", Decimal("861.98")),
        (Decimal("3.5"), "千元", Decimal("0.35")),
        (2, "亿元", Decimal(20000)),
        (0, "元", Decimal(0)),
        (1000000, "元", Decimal(100)),
    ],
)
def test_money_is_brought_to_wan_yuan(value: int | Decimal, unit: str, wan: Decimal) -> None:
    entry = next(e for e in catalogue() if e.key == "penalty_amount")
    assert entry.heading == "罚没金额（万元）"
    assert entry.convert(value, unit) == (True, wan)
    assert "E" not in str(entry.convert(value, unit)[1])  # 100, not 1E+2, in a cell or a CSV


def test_the_deadline_is_the_31st_of_march_after_the_year() -> None:
    assert deadline(2023) == dt.date(2024, 3, 31)
    assert deadline(None) is None


def test_every_catalogue_metric_named_by_a_relation_is_in_the_catalogue() -> None:
    from schema.expressions import names, parse
    from schema.loading import load_schema

    keys = {e.key for e in catalogue()}
    relations = load_schema("folder")["tuiRelations"]["catalogue"]
    for rule in relations:
        assert {n.id for n in names(parse(rule["rule"]))} <= keys, rule["rule"]
    others = [k for e in catalogue() for k in e.keys]
    labels = [label for e in catalogue() for label in e.labels]
    assert len(others) == len(set(others)) and not set(others) & keys
    assert len(labels) == len(set(labels))


# -- rows ---------------------------------------------------------------------------------
def test_a_folder_that_is_no_report_is_a_row_that_says_why(tmp_path: Path) -> None:
    row = summarize_report(tmp_path)
    assert row.unreadable and "report.toml" in row.problem
    assert [d.code for d in row.errors] == ["R002"]


def test_a_report_that_breaks_the_summary_is_a_row_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    district = make_district(tmp_path)
    real = summary_module._summarize

    def fragile(folder: Path, known_clean: bool):  # type: ignore[no-untyped-def]
        if folder.name == LATE:
            raise ValueError("坏了")
        return real(folder, known_clean)

    monkeypatch.setattr(summary_module, "_summarize", fragile)
    result = summarize(sorted(district.iterdir()), jobs=1)
    rows = {Path(r.folder).name: r for r in result.rows}
    assert rows[LATE].unreadable and rows[LATE].problem == "汇总时出错（ValueError）：坏了"
    assert rows[CLEAN].figures["penalty_cases"].value == PENALTY_CASES[CLEAN]
    assert rows[BROKEN].unreadable


def test_last_years_report_that_cannot_be_read_is_said_and_this_years_still_counts(
    tmp_path: Path,
) -> None:
    district = make_district(tmp_path)
    archive = next((tmp_path / "archive").iterdir())
    (archive / "report.toml").write_text("year = \n", "utf-8")
    row = summarize_report(district / MIXED)
    assert row.problem.startswith("上一年度报告（previous）无法读取")
    assert not row.unreadable and row.figures["penalty_cases"].value == PENALTY_CASES[MIXED]


def test_a_section_that_cannot_be_read_leaves_the_rest_of_the_report(tmp_path: Path) -> None:
    district = make_district(tmp_path)
    (district / CLEAN / "4-plans.toml").write_bytes(b"\xff\xfe kind")
    row = summarize_report(district / CLEAN)
    assert not row.unreadable and row.problem.startswith("4-plans.toml：")
    assert "R003" in row.codes and row.figures["penalty_cases"].value == PENALTY_CASES[CLEAN]


def test_a_report_found_clean_is_read_but_not_checked_again_while_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import schema.validator

    monkeypatch.setenv("TUI_CACHE_DIR", str(tmp_path / "cache"))  # nothing remembered yet
    district = make_district(tmp_path)
    checked: list[Path] = []
    real = schema.validator.validate_report

    def counting(report, load_errors=()):  # type: ignore[no-untyped-def]
        checked.append(report.folder)
        return real(report, load_errors)

    monkeypatch.setattr(schema.validator, "validate_report", counting)
    first = summarize_report(district / CLEAN, use_cache=True)
    again = summarize_report(district / CLEAN, use_cache=True)
    assert first.clean and again == first and checked == [district / CLEAN]
    summarize_report(district / LATE, use_cache=True)  # a warning: never remembered as clean
    summarize_report(district / LATE, use_cache=True)
    measures = district / CLEAN / "1-measures.toml"
    measures.write_text(measures.read_text("utf-8").replace("value = 142\n", "value = 143\n"))
    changed = summarize_report(district / CLEAN, use_cache=True)
    assert checked == [district / CLEAN, district / LATE, district / LATE, district / CLEAN]
    assert changed.figures["legal_reviews"].value == 143


def test_an_infinite_or_missing_number_is_left_out_of_the_totals(tmp_path: Path) -> None:
    import json

    district = make_district(tmp_path)
    measures = district / CLEAN / "1-measures.toml"
    text = measures.read_text("utf-8").replace(
        'value = 142\nunit = "件"', 'value = inf\nunit = "件"'
    )
    measures.write_text(text.replace("value = 1014\n", "value = nan\n"), "utf-8")
    result = summarize([district / CLEAN, district / LATE], jobs=1)
    clean = result.rows[0]
    assert "N005" in clean.codes and clean.figures["penalty_cases"].value is None
    assert result.totals[2023]["penalty_cases"].value == PENALTY_CASES[LATE]
    assert json.loads(json.dumps(result.as_dict(), allow_nan=False))  # still plain JSON


def test_an_empty_summary_has_no_columns_and_no_totals() -> None:
    empty = build_summary([])
    assert empty.columns == () and empty.totals == {}
    assert empty.as_dict() == {"reports": [], "catalogue": [], "totals": []}
