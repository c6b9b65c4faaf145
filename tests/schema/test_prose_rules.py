"""Rules on what the clerk typed around generated things: numbering, units, hidden characters.

Tables of prose and the finding each must (or must not) produce, checked
through the whole validator on a copy of the example report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schema import validate_folder
from schema.loading import load_schema
from schema.numbering import typed_number


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _spec(where: str) -> dict:
    section = load_schema("section")
    nodes = {
        "section title": section["properties"]["title"],
        "lead": section["properties"]["lead"],
        "point": section["$defs"]["point"],
        "part title": section["$defs"]["part"]["properties"]["title"],
        "part text": section["$defs"]["part"]["properties"]["text"],
    }
    spec: dict = nodes[where]["tuiTypedNumbering"]
    return spec


@pytest.mark.parametrize(
    ("where", "text", "typed"),
    [
        ("section title", "一、2023年度推进法治政府建设的主要举措和成效", "一、"),
        ("section title", "十二．其他", "十二．"),
        ("section title", "（一）主要举措", "（一）"),
        ("section title", "1.主要举措", "1."),
        ("section title", "二〇二三年法治政府建设的主要举措", None),
        ("section title", "一把手带头推进法治建设", None),
        ("part title", "（三）持续深化理论学习", "（三）"),
        ("part title", "(三)持续深化理论学习", "(三)"),
        ("part title", "  （1）持续深化理论学习", "（1）"),
        ("part title", "1、持续深化理论学习", "1、"),
        ("part title", "①持续深化理论学习", "①"),
        ("part title", "2023年持续深化理论学习", None),
        ("part title", "1.5倍于上年的投入", None),
        ("point", "一是企业安全生产主体责任落实不到位。", "一是"),
        ("point", "十一是加强培训。", "十一是"),
        ("point", "一体化推进执法改革。", None),
        ("point", "是否落实到位，仍需检查。", None),
        ("lead", "（一）今年以来", "（一）"),
        ("lead", "一是今年以来", "一是"),
        ("part text", "1.坚定不移以习近平新时代中国特色社会主义思想为指导", None),
        ("part text", "一、坚定不移", "一、"),
    ],
)
def test_numbers_typed_at_the_start(where: str, text: str, typed: str | None) -> None:
    found = typed_number(text, _spec(where))
    assert (found.text(text) if found else None) == typed


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "column"),
    [
        # a point typed with 一是 is always printed 一是一是: an error at the typed number
        ("2-shortcomings.toml", '"企业安全', '"一是企业安全', "F005", 4),
        ("4-plans.toml", 'title = "持续深化', 'title = "（一）持续深化', "F005", 10),
        ("4-plans.toml", 'title = "2024年推进', 'title = "四、2024年推进', "F005", 10),
        # another style is surely typed, but does not repeat the generated number: a warning
        ("4-plans.toml", 'title = "持续深化', 'title = "1.持续深化', "F006", 10),
        ("2-shortcomings.toml", 'lead = "今年', 'lead = "（一）今年', "F006", 9),
    ],
)
def test_typed_numbering_is_reported_where_it_is_typed(
    report_dir: Path, file: str, old: str, new: str, code: str, column: int
) -> None:
    edit(report_dir / file, old, new)
    found = validate_folder(report_dir)
    assert [(d.code, d.column) for d in found] == [(code, column)]
    assert "请删除" in found[0].message and "自动" in found[0].message


def test_half_width_typed_number_is_not_also_a_punctuation_warning(report_dir: Path) -> None:
    edit(report_dir / "4-plans.toml", 'title = "持续深化', 'title = "(一)持续深化')
    assert [d.code for d in validate_folder(report_dir)] == ["F005"]


def _with_metric(report_dir: Path, prose: str, value: str, unit: str) -> None:
    """The 2-shortcomings lead holds ``prose`` around ``{x}``, a metric in ``unit``."""
    path = report_dir / "2-shortcomings.toml"
    edit(path, 'lead = "今年以来', f'lead = "{prose}今年以来')
    with path.open("a", encoding="utf-8") as f:
        f.write(f'\n[metrics.x]\nvalue = {value}\nunit = "{unit}"\nlabel = "测试指标"\n')


@pytest.mark.parametrize(
    ("prose", "value", "unit", "codes"),
    [
        ("罚款{x}万元，", "8619800", "元", ["N006"]),
        ("罚款{x}元，", "861.98", "万元", ["N006"]),
        ("罚款{x}余万元，", "80", "元", ["N006"]),
        ("罚款{x}万余元，", "80", "元", ["N006"]),
        ("覆盖率{x}%，", "98.5", "%", ["N006"]),
        ("覆盖率{x}％，", "98.5", "%", ["N006"]),
        ("服务{x}万人次，", "12", "人次", ["N006"]),
        ("检查{x}家，", "12", "家次", ["N007"]),
        ("审核{x}件，", "12", "件次", ["N007"]),
        ("培训{x}人次，", "12", "人", ["N007"]),
        # the metric's own unit, hedged or not, and units no list knows
        ("罚款{x}万元，", "861.98", "万元", []),
        ("罚款{x}余万元，", "80", "万元", []),
        ("检查{x}余家企业，", "1000", "家", []),
        ("检查{x}多家企业，", "1000", "家", []),
        ("检查{x}家以上，", "1000", "家", []),
        ("覆盖率{x}，", "98.5", "%", []),
        ("覆盖率{x}％，", "98.5", "％", []),
        ("汇聚视频{x}万路，", "2.3", "万路", []),
        ("平均{x}个工作日办结，", "3", "个工作日", []),
        ("人均{x}学时，", "12", "学时", []),
        ("连续{x}年，", "3", "年", []),
        ("检查{x}，", "3", "家", []),
    ],
)
def test_the_unit_after_a_placeholder_is_the_metrics_own(
    report_dir: Path, prose: str, value: str, unit: str, codes: list[str]
) -> None:
    _with_metric(report_dir, prose, value, unit)
    found = validate_folder(report_dir)
    assert [d.code for d in found] == codes
    if found:  # at the placeholder, naming both units
        assert (found[0].line, found[0].column) == (6, 9 + prose.index("{"))
        assert unit in found[0].message


def test_a_doubled_percent_sign_says_how_it_prints(report_dir: Path) -> None:
    _with_metric(report_dir, "覆盖率{x}%，", "98.5", "%")
    (found,) = validate_folder(report_dir)
    assert "98.5%%" in found.message and "自动" in found.message


@pytest.mark.parametrize(
    ("file", "line_text", "old", "new", "column"),
    [
        ("2-shortcomings.toml", "部分执法", '"部分执法', '"部分\\u0007执法', 6),
        ("2-shortcomings.toml", "企业安全", '"企业安全', '"企业\\f安全', 6),
        ("report.toml", "signer", 'signer = "沈斌"', 'signer = "沈\\uFFFF斌"', 12),
        ("report.toml", "printer", 'printer = "上海', 'printer = "\\u001b上海', 12),
    ],
)
def test_control_characters_are_errors_at_their_place(
    report_dir: Path, file: str, line_text: str, old: str, new: str, column: int
) -> None:
    edit(report_dir / file, old, new)
    lines = (report_dir / file).read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if new in text)
    found = validate_folder(report_dir)
    assert [(Path(d.file).name, d.line, d.column, d.code) for d in found] == [
        (file, line, column, "X003")
    ]
    assert "U+" in found[0].message and "删除" in found[0].message
