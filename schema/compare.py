"""Comparing this year's report with last year's: every metric both share, and what looks wrong.

A year-on-year jump of 10,000× in a sum of money almost always means one year
was typed in 元 and the other in 万元; a count that grows or shrinks a
hundredfold is usually a slipped unit or digit too. These are warnings (codes
U001–U004), placed at the new report's value so that a clerk can jump to it; the
metrics that appeared or disappeared are listed beside them. This module
returns data and prints nothing; ``tui compare`` and the editor present it,
and :func:`year_on_year` gives ``tui validate`` the same warnings.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from records import Diagnostic, Metric, RecordError, Report, Severity, read_report
from records.diagnostic import relative_to_cwd
from schema.codes import CODES as TABLE
from schema.codes import YEAR_ON_YEAR_CODES

MONEY_UNITS = {"元": 1, "千元": 10**3, "万元": 10**4, "百万元": 10**6, "亿元": 10**8}
"""Money units and their size in 元: values in different ones are converted before comparing."""

_SCALES = {"万": 10**4, "亿": 10**8}
MONEY_MIX = (Decimal(5000), Decimal(20000))
"""A money ratio in this range (or its inverse) is "about 10,000": 元 typed as 万元 or back."""
JUMP = Decimal(100)
"""A ratio of this much or more (or 1/JUMP or less) is an implausible change for a count."""

CODES: dict[str, str] = {code: TABLE[code][1] for code in YEAR_ON_YEAR_CODES}
"""The findings of a comparison; all are warnings: a real change can be this large.

They are :data:`schema.codes.CODES` entries too, since ``tui validate`` reports
them for a report whose ``previous`` names last year's (:func:`year_on_year`),
and a ``[[waivers]]`` entry accepts them there.
"""


@dataclass(frozen=True)
class MetricChange:
    """One metric in both reports: values, the change and the ratio (in this year's unit)."""

    key: str
    label: str
    unit: str
    old_unit: str
    new: int | Decimal | None
    old: int | Decimal | None
    change: Decimal | None
    ratio: Decimal | None


@dataclass(frozen=True)
class Comparison:
    """Two reports side by side: shared metrics, new and vanished ones, and warnings."""

    new: Report
    old: Report
    shared: list[MetricChange]
    appeared: list[Metric]
    disappeared: list[Metric]
    warnings: list[Diagnostic]

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output; numbers stay numbers."""
        return {
            "new": _report_dict(self.new),
            "old": _report_dict(self.old),
            "metrics": [
                {
                    "key": c.key,
                    "label": c.label,
                    "unit": c.unit,
                    "old_unit": c.old_unit,
                    "new": _number(c.new),
                    "old": _number(c.old),
                    "change": _number(c.change),
                    "ratio": _number(c.ratio.quantize(Decimal("0.0001")) if c.ratio else c.ratio),
                }
                for c in self.shared
            ],
            "appeared": [_metric_dict(m) for m in self.appeared],
            "disappeared": [_metric_dict(m) for m in self.disappeared],
            "warnings": [w.as_dict() for w in self.warnings],
        }


def compare_reports(new: Report, old: Report) -> Comparison:
    """Compare ``new`` with ``old`` (usually the year before), metric by metric."""
    new_metrics, old_metrics = new.metrics(), old.metrics()
    shared: list[MetricChange] = []
    warnings: list[Diagnostic] = []
    for key, metric in new_metrics.items():
        if key in old_metrics:
            change, found = compare_metric(metric, old_metrics[key])
            shared.append(change)
            warnings += found
    return Comparison(
        new=new,
        old=old,
        shared=shared,
        appeared=[m for k, m in new_metrics.items() if k not in old_metrics],
        disappeared=[m for k, m in old_metrics.items() if k not in new_metrics],
        warnings=warnings,
    )


def compare_metric(new: Metric, old: Metric) -> tuple[MetricChange, list[Diagnostic]]:
    """One metric against last year's: the change, and warnings when it looks like a slip."""
    warnings: list[Diagnostic] = []
    new_base, new_size = _unit_scale(new.unit)
    old_base, old_size = _unit_scale(old.unit)
    comparable = new_base == old_base
    if new.unit != old.unit:
        code = "U003" if comparable else "U004"
        tail = "已换算成今年的单位比较" if comparable else "两年的数值无法直接比较"
        warnings.append(
            _warning(
                new,
                code,
                f"“{_name(new)}”的单位去年是“{old.unit}”，今年是“{new.unit}”"
                f"（{_last_year(old)}）；{tail}",
            )
        )
    change = ratio = None
    if comparable and new.value is not None and old.value is not None:
        now = Decimal(new.value)
        before = Decimal(old.value) * old_size / new_size
        change = now - before
        if before != 0:
            ratio = now / before
    if ratio is not None and ratio > 0 and new_base != "%":
        warnings += _implausible(new, old, ratio, money=new_base == "元")
    return (
        MetricChange(new.key, new.label, new.unit, old.unit, new.value, old.value, change, ratio),
        warnings,
    )


def _implausible(metric: Metric, old: Metric, ratio: Decimal, money: bool) -> list[Diagnostic]:
    grew = ratio >= 1
    factor = ratio if grew else 1 / ratio
    times = f"{factor:.0f}"
    if money and MONEY_MIX[0] <= factor <= MONEY_MIX[1]:
        how = f"是去年的约 {times} 倍" if grew else f"只有去年的约 {times} 分之一"
        return [
            _warning(
                metric,
                "U001",
                f"“{_name(metric)}”{how}（{_last_year(old)}）：金额相差约一万倍，"
                f"通常是把“元”和“万元”弄混了；请核对数值和单位（今年写的是"
                f"“{_figure(metric.value, metric.unit)}”）",
            )
        ]
    if factor >= JUMP:
        how = f"是去年的 {times} 倍" if grew else f"只有去年的 {times} 分之一"
        return [
            _warning(
                metric,
                "U002",
                f"“{_name(metric)}”{how}（{_last_year(old)}）：变化达 100 倍以上，"
                "可能是数值或单位填错了；请核对",
            )
        ]
    return []


def _unit_scale(unit: str) -> tuple[str, int]:
    """A unit's base and size: 万元 is (元, 10000), 万人次 is (人次, 10000), 件 is (件, 1)."""
    if unit in MONEY_UNITS:
        return "元", MONEY_UNITS[unit]
    if len(unit) > 1 and unit[0] in _SCALES:
        return unit[1:], _SCALES[unit[0]]
    return unit, 1


def _figure(value: int | Decimal | None, unit: str) -> str:
    """A value as the clerk wrote it, with its unit: 861.98万元, 100%."""
    if value is None:
        return "未填"
    shown = format(value, "f") if isinstance(value, Decimal) else str(value)
    return f"{shown}{unit}"


def _last_year(old: Metric) -> str:
    """“去年是 861.98万元，见 ../baoshan-emergency-2023/1-measures.toml 第 18 行”."""
    line = old.file.where(("metrics", old.key, "value")).line
    place = f"{relative_to_cwd(old.file.path)} 第 {line} 行"
    return f"去年是 {_figure(old.value, old.unit)}，见 {place}"


def _name(metric: Metric) -> str:
    return f"{metric.label}（{metric.key}）" if metric.label else metric.key


def _warning(metric: Metric, code: str, message: str) -> Diagnostic:
    where = metric.file.where(("metrics", metric.key, "value"))
    severity: Severity = "warning"
    return Diagnostic(
        relative_to_cwd(where.path),
        where.line,
        where.column,
        code,
        severity,
        message,
        where.pointer,
    )


# -- the previous report ---------------------------------------------------------------
def previous_folder(report: Report) -> Path | None:
    """The folder ``previous`` in ``report.toml`` names, relative to the report; None if unset."""
    value = report.meta.data.get("previous")
    if not isinstance(value, str) or not value.strip():
        return None
    return Path(os.path.normpath(report.folder / value))


def previous_report(report: Report) -> Report | None:
    """Last year's report, when ``report.toml`` names one.

    Raises :class:`records.RecordError`, placed at ``previous``, when the
    named folder is missing or cannot be read.
    """
    folder = previous_folder(report)
    if folder is None:
        return None
    try:
        result = read_report(folder)
    except RecordError as e:
        where = report.meta.where(("previous",))
        raise RecordError(
            f"previous 指向的上一年度报告无法读取：{e}", where.path, where.line, where.column
        ) from e
    if result.errors:
        raise result.errors[0]
    return result.report


_READ: dict[str, tuple[tuple[tuple[str, int, int], ...], Report]] = {}
"""Last year's reports read so far, by folder, with the state of their files when read."""
_KEEP = 8
_LOCK = threading.Lock()
"""How many of them are kept (the editor needs one; a summary reads each once or twice)."""


def _files_state(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Each TOML file of ``folder``: name, modification time and size (raises OSError)."""
    with os.scandir(folder) as entries:
        return tuple(
            sorted(
                (e.name, e.stat().st_mtime_ns, e.stat().st_size)
                for e in entries
                if e.name.endswith(".toml")
            )
        )


def cached_previous_report(report: Report) -> Report | None:
    """:func:`previous_report`, read again only when a file of last year's folder changed.

    The editor validates its draft after every keystroke; last year's report
    stays as it was, so it is read once and its files' state checked after.
    """
    folder = previous_folder(report)
    if folder is None:
        return None
    key = os.path.abspath(folder)
    try:
        state = _files_state(folder)
    except OSError:
        state = None
    known = _READ.get(key)
    if state is not None and known is not None and known[0] == state:
        return known[1]
    old = previous_report(report)
    if state is not None and old is not None:
        with _LOCK:  # the editor checks in a worker thread
            _READ.pop(key, None)
            while len(_READ) >= _KEEP:  # a summary of sixty departments: the oldest go
                del _READ[next(iter(_READ))]
            _READ[key] = (state, old)
    return old


def year_on_year(report: Report) -> list[Diagnostic]:
    """What ``tui compare`` finds against last year's report, as ``tui validate`` reports it.

    The warnings U001–U004 at this year's values; U005 at ``previous`` when
    the folder it names cannot be read. Empty when there is no ``previous``.
    """
    if previous_folder(report) is None:
        return []
    try:
        old = cached_previous_report(report)
    except RecordError as e:
        return [_unreadable(report, e)]
    except OSError as e:  # a folder that cannot be listed, say
        return [_unreadable(report, RecordError(e.strerror or str(e)))]
    return compare_reports(report, old).warnings if old is not None else []


def _unreadable(report: Report, error: RecordError) -> Diagnostic:
    cause = error.__cause__ if isinstance(error.__cause__, RecordError) else error
    reason = cause.message
    if cause.path is not None and cause.path.suffix == ".toml":
        reason = f"{relative_to_cwd(cause.path)}：{reason}"  # which of last year's files
    setting = str(report.meta.data.get("previous", "")).strip()
    where = report.meta.where(("previous",))
    return Diagnostic(
        relative_to_cwd(where.path),
        where.line,
        where.column,
        "U005",
        "warning",
        f"previous 指向的上一年度报告“{setting}”无法读取（{reason}），没有与去年的数值比较；"
        "请改正 previous 中的文件夹路径（相对于本报告文件夹），或删去这一行",
        where.pointer,
    )


def previous_values(report: Report) -> dict[str, Metric]:
    """Last year's metrics by key, for showing beside this year's fields; empty if none known.

    Raises :class:`records.RecordError` as :func:`previous_report` does.
    """
    previous = previous_report(report)
    return previous.metrics() if previous is not None else {}


# -- plain data ---------------------------------------------------------------------------
def _number(value: int | Decimal | None) -> int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _metric_dict(metric: Metric) -> dict[str, Any]:
    return {
        "key": metric.key,
        "label": metric.label,
        "unit": metric.unit,
        "value": _number(metric.value),
        "file": relative_to_cwd(metric.file.path),
    }


def _report_dict(report: Report) -> dict[str, Any]:
    return {"folder": relative_to_cwd(report.folder), "year": report.year}
