"""Last year's report beside this year's draft: what the editor shows next to a metric.

A clerk who types 8619800 where last year said 861.98 万元 has almost
certainly typed 元 into a 万元 field; seeing last year's figure, the change and
the warning while typing catches it before anyone reads the report. Last
year's report is read once (``previous`` in report.toml, see
:mod:`schema.compare`), the comparison of each check reuses it. Pure data,
no Textual: the panel and the comparison screen are drawn from this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from records import Diagnostic, Metric, Report, TuiError
from schema.compare import CODES, Comparison, MetricChange, compare_metric, previous_report
from tui.compare_format import change_text, number, ratio_text

NOT_LAST_YEAR = "去年没有此指标"

MetricChanges = dict[str, tuple[MetricChange, list[Diagnostic]]]
"""Per metric key of this year's draft: the comparison with last year and its warnings."""


@dataclass(frozen=True)
class Previous:
    """Last year's report as far as it could be read, for the ``previous`` it was read for."""

    setting: str | None
    """The ``previous`` value in report.toml (``None`` when there is none)."""
    report: Report | None = None
    problem: str = ""
    """Why last year's report could not be read, naming the folder; empty when it could."""


@dataclass(frozen=True)
class PreviousView:
    """What the panel under a metric's value says: last year's figure, the change, warnings."""

    lines: list[str]
    warnings: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    """The warnings' codes (U001 元/万元, U002 a hundredfold jump, U003/U004 units differ)."""


def previous_setting(report: Report) -> str | None:
    """The ``previous`` folder report.toml names, as written; ``None`` when unset or blank."""
    value = report.meta.data.get("previous")
    return value if isinstance(value, str) and value.strip() else None


def load_previous(report: Report) -> Previous:
    """Read the report that ``report``'s ``previous`` names; a problem, never an exception."""
    setting = previous_setting(report)
    if setting is None:
        return Previous(None)
    try:
        found = previous_report(report)
    except TuiError as e:
        cause = e.__cause__ if isinstance(e.__cause__, TuiError) else e
        reason = cause.message
        if cause.path is not None and cause.path.suffix == ".toml":
            reason = f"{cause.path.name}：{reason}"  # which file of last year's report is broken
        return Previous(setting, problem=f"去年的报告 {setting} 无法读取（{reason}）")
    except OSError as e:  # a folder that cannot be listed, say
        return Previous(setting, problem=f"去年的报告 {setting} 无法读取（{e.strerror or e}）")
    return Previous(setting, found)


def compare_all(new: Report, old: Report) -> MetricChanges:
    """Every metric of ``new`` that ``old`` has too, compared (runs in the check worker)."""
    old_metrics = old.metrics()
    return {
        key: compare_metric(metric, old_metrics[key])
        for key, metric in new.metrics().items()
        if key in old_metrics
    }


def metric_view(
    old: Metric | None,
    old_year: int | None,
    compared: tuple[MetricChange, list[Diagnostic]] | None,
) -> PreviousView:
    """The panel under a metric: last year's value (or that it had none), change, warnings."""
    if old is None:
        return PreviousView([NOT_LAST_YEAR])
    year = f"去年（{old_year}年）" if old_year is not None else "去年"
    figure = f"{number(old.value)} {old.unit}".rstrip() if old.value is not None else "未填"
    lines = [f"{year}：{figure}" + (f" · {old.label}" if old.label else "")]
    if compared is None:
        return PreviousView(lines)
    change, warnings = compared
    if change.new is None:
        lines.append("今年尚未填写")
    elif change.change is not None:
        if change.change == 0:
            lines.append("与去年持平")
        else:
            unit = f" {change.unit}" if change.unit else ""
            grew = "增加" if change.change > 0 else "减少"
            amount = change_text(abs(change.change)).lstrip("+")
            ratio = ""
            if change.ratio is not None and 0 < change.ratio < Decimal("0.01"):
                ratio = "，不到去年的百分之一"
            elif change.ratio is not None and change.ratio > 0:
                ratio = f"，是去年的 {ratio_text(change.ratio)} 倍"
            lines.append(f"比去年{grew} {amount}{unit}{ratio}")
    return PreviousView(
        lines, [_short(w.code, change) for w in warnings], [w.code for w in warnings]
    )


def _short(code: str, change: MetricChange) -> str:
    """A warning as the panel under its own metric says it: no need to name the metric again."""
    if code in ("U003", "U004"):
        tail = "已换算后比较" if code == "U003" else "无法比较"
        return f"单位与去年不同（去年“{change.old_unit}”，今年“{change.unit}”），{tail}"
    text = CODES.get(code, code)
    return f"{text}：请核对数值和单位" if code in ("U001", "U002") else text


@dataclass(frozen=True)
class ComparisonRow:
    """One line of the comparison table, and the field it leads to."""

    key: str
    file: str
    cells: tuple[str, ...]
    warned: bool


def comparison_rows(comparison: Comparison) -> list[ComparisonRow]:
    """The table rows: every metric both years share, in this year's order, warnings marked."""
    warned = {w.pointer.split("/")[2] for w in comparison.warnings if w.pointer.count("/") >= 2}
    files = {key: m.file.path.name for key, m in comparison.new.metrics().items()}
    rows = []
    for change in comparison.shared:
        unit = change.unit
        if change.unit != change.old_unit:
            unit = f"{change.unit}（去年{change.old_unit or '无'}）"
        mark = "! " if change.key in warned else ""
        cells = (
            mark + (change.label or change.key),
            unit,
            number(change.new),
            number(change.old),
            change_text(change.change),
            ratio_text(change.ratio),
        )
        rows.append(ComparisonRow(change.key, files[change.key], cells, change.key in warned))
    return rows
