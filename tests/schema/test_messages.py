"""Messages a clerk can act on: which metric lacks what, where a duplicate was first written."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema import validate_folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("value = 142\n", "", "指标 penalty_cases（办理行政处罚案件）缺少“数值”（value）"),
        ('unit = "件"\n', "", "指标 penalty_cases（办理行政处罚案件）缺少“单位”（unit）"),
        ('label = "办理行政处罚案件"\n', "", "指标 penalty_cases 缺少“说明”（label）"),
        ("value = 142\n", 'value = "142"\n', "指标 penalty_cases（办理行政处罚案件）：“数值”应为"),
        ('label = "办理行政处罚案件"\n', 'label = ""\n', "指标 penalty_cases："),
        (
            "value = 142\n",
            "valeu = 142\n",
            "指标 penalty_cases（办理行政处罚案件）：未知的键“valeu”",
        ),
    ],
)
def test_a_metric_finding_names_the_metric_and_its_label(
    report_dir: Path, old: str, new: str, says: str
) -> None:
    path = report_dir / "1-measures.toml"
    text = path.read_text("utf-8")
    start = text.index("[metrics.penalty_cases]")
    # edit inside this metric's table only
    path.write_text(text[:start] + text[start:].replace(old, new, 1), "utf-8")
    messages = [d.message for d in validate_folder(report_dir) if d.code.startswith("S")]
    assert any(says in m for m in messages), messages


def test_a_duplicate_metric_names_the_file_and_line_of_the_first(report_dir: Path) -> None:
    measures = (report_dir / "1-measures.toml").read_text("utf-8").splitlines()
    first = measures.index("[metrics.penalty_cases]") + 1
    with (report_dir / "4-plans.toml").open("a", encoding="utf-8") as f:
        f.write('\n[metrics.penalty_cases]\nvalue = 1\nunit = "件"\nlabel = "重复"\n')
    (found,) = [d for d in validate_folder(report_dir) if d.code == "P003"]
    assert found.file.endswith("4-plans.toml")
    assert f"已在 1-measures.toml 第 {first} 行定义" in found.message


def test_a_duplicate_kind_names_the_file_of_the_first(report_dir: Path) -> None:
    (report_dir / "5-more.toml").write_text(
        'kind = "plans"\ntitle = "下一步打算"\nlead = "继续努力。"\n', "utf-8"
    )
    (found,) = validate_folder(report_dir)
    assert found.code == "M002" and "已在 4-plans.toml 第 4 行出现" in found.message


@pytest.mark.parametrize(
    ("written", "slip"),
    [("宝应急〔2024〕02号", "0"), ("宝应急〔2024〕第2号", "第"), ("宝应急[2024]2号", "[")],
)
def test_a_doc_number_slip_is_reported_at_the_slip(
    report_dir: Path, written: str, slip: str
) -> None:
    path = report_dir / "report.toml"
    edit(path, "宝应急〔2024〕2号", written)
    [finding] = [d for d in validate_folder(report_dir) if d.code == "F001"]
    line = path.read_text("utf-8").splitlines()[finding.line - 1]
    assert line[finding.column - 1] == slip  # the editor's F4 → Enter lands on it too
