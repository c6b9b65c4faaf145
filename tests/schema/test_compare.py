"""Comparing a report with last year's: changes, unit slips, appeared and vanished metrics."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from records import RecordError, load_report
from schema.compare import compare_reports, previous_report, previous_values


def make_report(
    folder: Path, year: int, metrics: dict[str, tuple[str, str]], previous: str | None = None
) -> Path:
    """A small report folder whose only section holds ``metrics`` (key: (value, unit))."""
    folder.mkdir(parents=True)
    meta = f"year = {year}\n" + (f'previous = "{previous}"\n' if previous else "")
    (folder / "report.toml").write_text(meta, "utf-8")
    lines = ['kind = "measures"', f'title = "{year}年度推进法治政府建设的主要举措和成效"', ""]
    for key, (value, unit) in metrics.items():
        lines += [
            f"[metrics.{key}]",
            f"value = {value}",
            f'unit = "{unit}"',
            f'label = "{key}说明"',
            "",
        ]
    (folder / "1-measures.toml").write_text("\n".join(lines), "utf-8")
    return folder


def compare(tmp_path: Path, new: dict[str, tuple[str, str]], old: dict[str, tuple[str, str]]):
    return compare_reports(
        load_report(make_report(tmp_path / "new", 2024, new)),
        load_report(make_report(tmp_path / "old", 2023, old)),
    )


def codes(comparison) -> list[tuple[str, str]]:
    return [(w.code, w.pointer) for w in comparison.warnings]


def test_a_planted_yuan_for_wan_yuan_mistake_is_flagged_at_the_value(
    report_dir: Path, example_dir: Path
) -> None:
    path = report_dir / "1-measures.toml"
    text = path.read_text("utf-8")
    assert "value = 861.98\n" in text
    path.write_text(text.replace("value = 861.98\n", "value = 8619800\n"), "utf-8")
    comparison = compare_reports(load_report(report_dir), load_report(example_dir))
    assert [w.code for w in comparison.warnings] == ["U001"]
    warning = comparison.warnings[0]
    line = text[: text.index("value = 861.98")].count("\n") + 1
    assert (Path(warning.file).name, warning.line, warning.column) == ("1-measures.toml", line, 9)
    assert warning.severity == "warning" and "万元" in warning.message
    assert warning.pointer == "/metrics/penalty_amount/value"


def test_the_same_report_twice_has_no_warnings_and_ratio_one(example_dir: Path) -> None:
    report = load_report(example_dir)
    comparison = compare_reports(report, report)
    assert comparison.warnings == [] and comparison.appeared == [] == comparison.disappeared
    assert len(comparison.shared) == len(report.metrics())
    assert all(c.change == 0 and c.ratio == 1 for c in comparison.shared)


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (("8619800", "元"), ("861.98", "元"), ["U001"]),  # 元 typed where 万元 was meant
        (("0.08", "万元"), ("861.98", "万元"), ["U001"]),  # and the other way round
        (("12000", "次"), ("12", "次"), ["U002"]),  # a count a thousandfold
        (("1200", "次"), ("12", "次"), ["U002"]),  # exactly 100×
        (("1188", "次"), ("12", "次"), []),  # 99×: a big year, not a slip
        (("1", "件"), ("142", "件"), ["U002"]),  # a hundredfold drop
        (("50000", "元"), ("400", "元"), ["U002"]),  # money, 125×: not 元/万元, still odd
        (("100", "%"), ("0.5", "%"), []),  # percentages are bounded; no ratio rule
        (("0", "件"), ("0", "件"), []),  # no ratio from zero
    ],
)
def test_implausible_changes(tmp_path: Path, new, old, expected: list[str]) -> None:
    comparison = compare(tmp_path, {"m": new}, {"m": old})
    assert [w.code for w in comparison.warnings] == expected


def test_change_and_ratio(tmp_path: Path) -> None:
    comparison = compare(
        tmp_path,
        {"a": ("150", "件"), "b": ("2.5", "万路")},
        {"a": ("100", "件"), "b": ("2.3", "万路")},
    )
    a, b = comparison.shared
    assert (a.new, a.old, a.change, a.ratio) == (150, 100, 50, Decimal("1.5"))
    assert (b.change, b.key) == (Decimal("0.2"), "b")


def test_a_changed_money_unit_is_converted_then_compared(tmp_path: Path) -> None:
    comparison = compare(tmp_path, {"m": ("8619800", "元")}, {"m": ("861.98", "万元")})
    assert [w.code for w in comparison.warnings] == ["U003"]
    (change,) = comparison.shared
    assert change.ratio == 1 and (change.unit, change.old_unit) == ("元", "万元")


def test_unrelated_units_are_not_compared(tmp_path: Path) -> None:
    comparison = compare(tmp_path, {"m": ("5", "件")}, {"m": ("5", "次")})
    assert [w.code for w in comparison.warnings] == ["U004"]
    assert comparison.shared[0].ratio is None and comparison.shared[0].change is None


def test_metrics_that_appeared_or_disappeared(tmp_path: Path) -> None:
    comparison = compare(
        tmp_path,
        {"kept": ("1", "件"), "fresh": ("2", "件")},
        {"gone": ("3", "次"), "kept": ("1", "件")},
    )
    assert [c.key for c in comparison.shared] == ["kept"]
    assert [m.key for m in comparison.appeared] == ["fresh"]
    assert [m.key for m in comparison.disappeared] == ["gone"]
    data = comparison.as_dict()
    assert data["appeared"][0]["value"] == 2 and data["disappeared"][0]["unit"] == "次"


def test_an_empty_value_this_year_is_shown_but_not_judged(tmp_path: Path) -> None:
    new = make_report(tmp_path / "new", 2024, {})
    (new / "1-measures.toml").write_text(
        'kind = "measures"\ntitle = "t"\n[metrics.m]\nunit = "件"\nlabel = "l"\n', "utf-8"
    )
    old = make_report(tmp_path / "old", 2023, {"m": ("5", "件")})
    comparison = compare_reports(load_report(new), load_report(old))
    assert comparison.warnings == []
    assert (comparison.shared[0].new, comparison.shared[0].change) == (None, None)


def test_previous_values_follow_previous_in_report_toml(tmp_path: Path) -> None:
    make_report(tmp_path / "2023", 2023, {"m": ("5", "件")})
    new = load_report(make_report(tmp_path / "2024", 2024, {"m": ("6", "件")}, "../2023"))
    values = previous_values(new)
    assert list(values) == ["m"] and values["m"].value == 5
    alone = load_report(make_report(tmp_path / "alone", 2024, {}))
    assert previous_values(alone) == {} and previous_report(alone) is None


def test_a_previous_that_names_no_report_is_an_error_at_previous(tmp_path: Path) -> None:
    new = load_report(make_report(tmp_path / "2024", 2024, {}, "../missing"))
    with pytest.raises(RecordError, match="previous") as caught:
        previous_values(new)
    assert caught.value.path is not None
    assert (caught.value.path.name, caught.value.line) == ("report.toml", 2)


def test_validation_reads_last_year_once_and_again_when_it_changes(tmp_path: Path) -> None:
    from schema.compare import year_on_year

    make_report(tmp_path / "old", 2023, {"fines": ("861.98", "万元")})
    new = load_report(make_report(tmp_path / "new", 2024, {"fines": ("900", "万元")}, "../old"))
    assert year_on_year(new) == []
    first = previous_report(new)
    assert first is not None
    old = tmp_path / "old" / "1-measures.toml"
    old.write_text(old.read_text("utf-8").replace("861.98", "0.0901"), "utf-8")  # 元 as 万元
    (warning,) = year_on_year(new)  # the editor's next keystroke sees last year's file anew
    assert warning.code == "U001" and "去年是 0.0901万元" in warning.message
    assert warning.pointer == "/metrics/fines/value"
    (again,) = year_on_year(new)
    assert again == warning


def test_an_unreadable_previous_is_u005_at_previous(tmp_path: Path) -> None:
    from schema.compare import year_on_year

    new = load_report(make_report(tmp_path / "new", 2024, {"x": ("1", "件")}, "../gone"))
    (warning,) = year_on_year(new)
    assert (warning.code, warning.severity, warning.line) == ("U005", "warning", 2)
    assert "“../gone”无法读取" in warning.message and warning.pointer == "/previous"
