"""The editor's pure parts: typed input, the outline, jumping by pointer, layout-keeping edits."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tui.editor.inputs import InputProblem, parse_input
from tui.editor.marks import pointer_keys
from tui.editor.outline import FieldSpec, node_for
from tui.editor.palette import field_entry_text
from tui.editor.session import EditSession


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        ("number", "142", 142),
        ("number", "861.98", Decimal("861.98")),
        ("number", "2.30", Decimal("2.30")),
        ("number", "１４２", 142),  # full-width digits from an input method
        ("number", "-5", -5),
        ("integer", " 2023 ", 2023),
        ("date", "2024-01-19", dt.date(2024, 1, 19)),
        ("date", "2024年1月19日", dt.date(2024, 1, 19)),
        ("line", "  宝山  ", "  宝山  "),
    ],
)
def test_typed_text_becomes_the_value_the_record_stores(kind: str, raw: str, value: object) -> None:
    parsed = parse_input(kind, raw)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("number", "一百"),
        ("number", "1e3"),
        ("number", ""),
        ("integer", "2023.5"),
        ("date", "2024-02-30"),
    ],
)
def test_text_that_cannot_be_the_value_is_refused_in_chinese(kind: str, raw: str) -> None:
    with pytest.raises(InputProblem, match=r"[\u4e00-\u9fff]"):
        parse_input(kind, raw)


def test_pointers_become_key_paths_with_array_indices() -> None:
    assert pointer_keys("/parts/0/points/2") == ("parts", 0, "points", 2)
    assert pointer_keys("/metrics/penalty_cases/value") == ("metrics", "penalty_cases", "value")
    assert pointer_keys("") == ()


def test_a_pointer_finds_its_field_or_the_nearest_node(report_dir: Path) -> None:
    outline = EditSession(report_dir).outline
    node, spec = node_for(outline, "1-measures.toml", ("metrics", "penalty_cases", "value"))
    assert node.role == "metric" and spec is not None and spec.keys[-1] == "value"
    node, spec = node_for(outline, "1-measures.toml", ("parts", 1, "points", 3))
    assert node.role == "point" and spec is not None and spec.keys == ("parts", 1, "points", 3)
    node, spec = node_for(outline, "report.toml", ("header", "signer"))
    assert node.role == "header" and spec is not None and spec.title == "签发人"
    node, _ = node_for(outline, "2-shortcomings.toml", ())
    assert node.role == "section"


def test_the_outline_shows_every_section_part_point_and_metric(report_dir: Path) -> None:
    outline = EditSession(report_dir).outline
    assert [n.label for n in outline[:2]] == ["版头", "主体"] and outline[-1].label == "版记"
    sections = [n for n in outline if n.role == "section"]
    assert [n.ref.file for n in sections] == sorted(p.name for p in EXAMPLE.glob("[0-9]-*.toml"))
    measures = sections[0]
    parts = [n for n in measures.children if n.role == "part"]
    assert len(parts) == 3 and [len(p.children) for p in parts] == [2, 8, 3]
    metrics = next(n for n in measures.children if n.role == "metrics")
    assert len(metrics.children) == 18


def test_field_titles_come_from_the_schema() -> None:
    spec = FieldSpec("report.toml", ("header", "doc_number"), "line")
    assert spec.title == "发文字号" and "〔" in spec.description
    value = FieldSpec(
        "1-measures.toml", ("metrics", "penalty_cases", "value"), "number", "penalty_cases 办理"
    )
    assert field_entry_text(value, "").startswith("penalty_cases")


def test_moving_a_part_changes_only_the_moved_lines(report_dir: Path) -> None:
    session = EditSession(report_dir)
    part = next(n for n in session.outline if n.role == "section").children[0]
    assert session.move(part, 1) == ("parts", 1)
    text = session.file("1-measures.toml").text()
    before = (EXAMPLE / "1-measures.toml").read_text(encoding="utf-8")
    assert sorted(text.splitlines()) == sorted(before.splitlines())  # same lines, reordered
    data = tomllib.loads(text)
    assert data["parts"][1]["title"] == "提高政治站位，深入学习宣贯习近平法治思想"


def test_adding_and_removing_keep_the_file_valid_toml(report_dir: Path) -> None:
    session = EditSession(report_dir)
    plans = next(n for n in session.outline if n.role == "section" and n.ref.file == "4-plans.toml")
    file, keys = session.add(plans, "part")
    assert (file, keys) == ("4-plans.toml", ("parts", 4))
    file, keys = session.add(plans, "metric", "plan_items")
    with pytest.raises(InputProblem):
        session.add(plans, "metric", "penalty_cases")  # one namespace across the report
    with pytest.raises(InputProblem):
        session.add(plans, "metric", "3items")
    data = tomllib.loads(session.file("4-plans.toml").text())
    # no value nor unit until typed: a forgotten one is reported, not taken for 0
    assert len(data["parts"]) == 5 and data["metrics"]["plan_items"] == {"label": ""}
    part = next(n for n in session.outline if n.ref == plans.ref).children[4]
    session.remove(part)
    assert len(tomllib.loads(session.file("4-plans.toml").text())["parts"]) == 4


def test_an_optional_text_left_empty_is_not_written(report_dir: Path) -> None:
    session = EditSession(report_dir)
    lead = FieldSpec("1-measures.toml", ("lead",), "prose")
    assert session.set_value(lead, "") is False
    assert not session.modified


def test_moving_a_metric_keeps_the_layout_and_moving_back_restores_the_file(
    report_dir: Path,
) -> None:
    session = EditSession(report_dir)
    measures = next(n for n in session.outline if n.role == "section")
    metrics = next(n for n in measures.children if n.role == "metrics")
    first = metrics.children[0]
    assert session.move(first, -1) is None  # already first
    assert session.move(first, 1) == ("metrics", "study_sessions")
    data = tomllib.loads(session.file("1-measures.toml").text())
    assert list(data["metrics"])[:2] == ["inspected_units", "study_sessions"]
    moved = next(n for n in session.outline if n.role == "section").children[-1].children[1]
    session.move(moved, -1)
    original = (EXAMPLE / "1-measures.toml").read_text(encoding="utf-8")
    assert session.file("1-measures.toml").text() == original


def test_the_counts_leave_out_waived_warnings() -> None:
    from records import Diagnostic
    from tui.editor.widgets.diagnostics_pane import counts_text

    error = Diagnostic("r.toml", 1, 1, "N002", "error", "负数")
    warning = Diagnostic("r.toml", 2, 1, "Y010", "warning", "晚于 3 月 31 日")
    waived = Diagnostic("r.toml", 3, 1, "Y010", "warning", "晚于 3 月 31 日", waived=True)
    assert counts_text([error, warning, waived]) == "问题：1 个错误，1 个警告（F4 查看）"
    assert counts_text([waived]) == "问题：无，报告可以导出"


def test_a_value_under_a_mistyped_parent_is_refused_not_crashed(report_dir: Path) -> None:
    plans = report_dir / "4-plans.toml"
    plans.write_text(
        plans.read_text(encoding="utf-8") + "\n[metrics]\nbroken = 5\n", encoding="utf-8"
    )
    session = EditSession(report_dir)
    with pytest.raises(InputProblem):
        session.set_value(FieldSpec("4-plans.toml", ("metrics", "broken", "value"), "number"), "3")
