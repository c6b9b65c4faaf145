"""The unit typed after a ``{key}`` agrees with the metric's unit.

The exporter writes the metric's value in place of ``{key}`` and leaves the
words after it alone, so ``处罚金额{penalty_amount}万元`` with ``unit = "元"``
publishes a figure ten thousand times too large. A ``%`` metric gets its
percent sign from the exporter, so a ``%`` typed after it is printed twice.
Hedges between the number and its unit (``{x}余家``, ``{x}余万元``) are skipped.
The units and hedges are declared in folder.schema.json (``tuiProseUnits``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from records.placeholders import Reference
from schema.findings import RuleError, metric_items, report_prose, section_prose, segments
from schema.loading import resolve_local

_WINDOW = 16
"""Characters after a placeholder that can hold a hedge and a unit word."""


@cache
def _known(refs: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    """Every unit word, longest first, so that 件次 wins over 件 and 万元 over 万."""
    units = {u for ref in refs for u in resolve_local(ref)} | set(more)
    return tuple(sorted(units, key=len, reverse=True))


def unhedged(after: str, hedge: re.Pattern[str]) -> str:
    """The text after a placeholder without a hedge: 余家 → 家, 万余元 → 万元."""
    match = hedge.match(after)
    return (match.group(1) or "") + after[match.end() :] if match else after


def written_unit(after: str, known: tuple[str, ...]) -> str | None:
    """The longest known unit word that ``after`` starts with."""
    match = _starts(known).match(after)
    return match.group() if match else None


@cache
def _starts(known: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern trying the unit words in order (longest first): the first that fits wins."""
    return re.compile("|".join(re.escape(u) for u in known) or "(?!)")


def _value(metric: dict[str, Any]) -> str:
    value = metric.get("value")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else "…"


def _scaled(a: str, b: str, prefix: re.Pattern[str]) -> bool:
    """Whether two units are one unit at different magnitudes (元 and 万元, 人次 and 万人次)."""
    base_a, base_b = prefix.sub("", a, count=1), prefix.sub("", b, count=1)
    return bool(base_a) and base_a == base_b and a != b


def prose_units(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiProseUnits``: the unit after each ``{key}`` is the metric's own."""
    if not isinstance(instance, dict):
        return
    metrics: dict[str, dict[str, Any]] = {}
    for _, key, metric in metric_items(instance.get("sections")):
        if isinstance(metric, dict):
            metrics.setdefault(key, metric)
    if not metrics:
        return
    known = _known(tuple(spec["units"]), tuple(spec.get("moreUnits", ())))
    percent = set(resolve_local(spec["percent"]))
    appended = set(spec["appended"])
    hedge, prefix = re.compile(spec["hedge"]), re.compile(spec["scalePrefix"])
    places: list[tuple[tuple[str | int, ...], str]] = [
        (("report", *path), text) for path, text in report_prose(instance.get("report"))
    ]
    for i, section in enumerate(instance.get("sections") or []):
        places.extend((("sections", i, *path), text) for path, text in section_prose(section))
    for path, text in places:
        if "{" not in text:
            continue
        for segment in segments(text):
            if not isinstance(segment, Reference) or segment.key not in metrics:
                continue
            metric = metrics[segment.key]
            raw = metric.get("unit")
            if not isinstance(raw, str) or not raw.strip():
                continue
            unit = raw.strip()
            end = segment.start + len(segment.key) + 2
            after = unhedged(text[end : end + _WINDOW], hedge)
            written = written_unit(after, known)
            if written is None:
                continue
            key, value = segment.key, _value(metric)
            if raw in appended and written in percent:  # the exporter compares the raw unit
                yield RuleError(
                    "N006",
                    f"“{{{key}}}”后又写了“{written}”：指标单位是“{unit}”，导出时会自动加上，"
                    f"这里会印成“{value}{unit}{written}”；请删除“{written}”",
                    path,
                    index=segment.start,
                )
            elif written == unit or (written in percent and unit in percent):
                continue
            elif after.startswith(unit) and len(unit) >= len(written):
                continue  # the metric's own unit is longer than any known word (个工作日)
            elif _scaled(written, unit, prefix):
                yield RuleError(
                    "N006",
                    f"“{{{key}}}”后写的单位是“{written}”，指标 {key} 的单位却是“{unit}”："
                    f"数值 {value} 会印成“{value}{written}”，与数据差了数量级；"
                    f"请统一正文和 [metrics.{key}] 的单位",
                    path,
                    index=segment.start,
                )
            else:
                yield RuleError(
                    "N007",
                    f"“{{{key}}}”后写的单位是“{written}”，指标 {key} 的单位是“{unit}”；"
                    f"请统一正文和 [metrics.{key}] 的单位",
                    path,
                    severity="warning",
                    index=segment.start,
                )
