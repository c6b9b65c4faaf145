"""Real reports vary; the validator must take them without false errors (DESIGN.md).

Each test changes the example the way some bureau's report really differs,
and asserts no finding at all; a few assert that the one rule meant to fire
does, so the variants are not passing by accident.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from schema import validate_folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def codes(folder: Path) -> list[str]:
    return [d.code for d in validate_folder(folder)]


def test_leadership_part_placed_first(report_dir: Path) -> None:
    (report_dir / "3-leadership.toml").rename(report_dir / "0-leadership.toml")
    assert codes(report_dir) == []


def test_thematic_titles_and_titles_without_a_year(report_dir: Path) -> None:
    edit(
        report_dir / "1-measures.toml",
        "2023年度推进法治政府建设的主要举措和成效",
        "坚持依法行政 建设人民满意的法治政府",
    )
    edit(report_dir / "4-plans.toml", "2024年推进法治建设的主要安排", "下一步工作打算")
    edit(
        report_dir / "2-shortcomings.toml",
        "2023年度推进",
        "落实《法治政府建设实施纲要（2021-2025年）》",
    )
    assert codes(report_dir) == []


def test_a_fifth_part_present_or_none(report_dir: Path) -> None:
    other = report_dir / "5-other.toml"
    other.write_text('kind = "other"\ntitle = "其他需要报告的情况"\nlead = "无。"\n', "utf-8")
    assert codes(report_dir) == []
    other.write_text('kind = "other"\ntitle = "其他需要报告的情况"\nlead = "无"\n', "utf-8")
    assert codes(report_dir) == []


def test_report_title_in_chinese_numerals(report_dir: Path) -> None:
    edit(report_dir / "report.toml", "宝山区应急管理局2023年", "宝山区应急管理局二〇二三年")
    assert codes(report_dir) == []


def test_numbering_inside_parts_is_prose_not_punctuation(report_dir: Path) -> None:
    edit(report_dir / "4-plans.toml", "坚定不移以", "1.坚定不移以")
    assert codes(report_dir) == []


def test_optional_keys_other_engineers_use(report_dir: Path) -> None:
    # last year's report, readable (else U005), with the same figures (else U001…)
    shutil.copytree(report_dir, report_dir.parent / "baoshan-emergency-2022")
    edit(
        report_dir / "report.toml",
        "year = 2023  # 报告年度",
        'year = 2023  # 报告年度\nprevious = "../baoshan-emergency-2022"',
    )
    with (report_dir / "report.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[fonts]\ntitle = "方正小标宋简体"\nbody = "仿宋_GB2312"\nheading1 = "黑体"\n'
            'heading2 = "楷体_GB2312"\npage_number = "宋体"\n'
        )
    assert codes(report_dir) == []


def _hedged(report_dir: Path, before: str, after: str) -> None:
    """Legal reviews written as a hedged figure below the penalty cases it must cover."""
    edit(
        report_dir / "1-measures.toml",
        "{legal_reviews}件次",
        f"{before}{{legal_reviews}}{after}件次",
    )
    edit(report_dir / "1-measures.toml", 'value = 142\nunit = "件次"', 'value = 100\nunit = "件次"')


def test_an_exact_figure_breaking_a_usual_relation_is_a_warning(report_dir: Path) -> None:
    # fewer legal reviews than penalty cases: usual, not logical (简易程序 needs no review)
    _hedged(report_dir, "", "")
    assert codes(report_dir) == ["C004"]


def test_hedged_figures_are_bounds_not_values(report_dir: Path, tmp_path: Path) -> None:
    _hedged(report_dir, "", "余")
    assert codes(report_dir) == []
    edit(report_dir / "1-measures.toml", "{legal_reviews}余件次", "约{legal_reviews}件次")
    assert codes(report_dir) == []
    edit(report_dir / "1-measures.toml", "约{legal_reviews}件次", "{legal_reviews}件次以上")
    assert codes(report_dir) == []


def test_declared_checks_with_rounding(report_dir: Path) -> None:
    with (report_dir / "1-measures.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[metrics.penalty_simple]\nvalue = 500.5\nunit = "万元"\nlabel = "简易程序罚款"\n'
            '\n[metrics.penalty_general]\nvalue = 361.48\nunit = "万元"\nlabel = "普通程序罚款"\n'
            '\n[[checks]]\nrule = "penalty_amount == penalty_simple + penalty_general"\n'
            '\n[[checks]]\nrule = "emergency_drills <= emergency_trainings"\n'
        )
    assert codes(report_dir) == []
    edit(report_dir / "1-measures.toml", "value = 361.48", "value = 361.58")
    assert codes(report_dir) == ["C001"]


def test_relations_compare_money_across_units(report_dir: Path) -> None:
    with (report_dir / "1-measures.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[metrics.fines_simple]\nvalue = 5000000\nunit = "元"\nlabel = "简易程序罚款"\n'
            '\n[metrics.fines_general]\nvalue = 361.98\nunit = "万元"\nlabel = "普通程序罚款"\n'
            '\n[[checks]]\nrule = "penalty_amount == fines_simple + fines_general"\n'
        )
    assert codes(report_dir) == []
    edit(report_dir / "1-measures.toml", "value = 5000000", "value = 500")
    found = validate_folder(report_dir)
    assert [d.code for d in found] == ["C001"]
    assert "fines_simple = 500元" in found[0].message
