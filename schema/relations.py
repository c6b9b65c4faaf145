"""Relations between metrics: the schema's catalogue and the ``[[checks]]`` a report declares.

A relation is checked only when every metric it names has a value; the
missing value is reported elsewhere. Figures the prose hedges — “约{x}”,
“{x}余”, “{x}以上”, “近{x}” — are bounds, not values, and are compared as such,
so a hedged report never gets a false error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from records.placeholders import Reference
from schema.expressions import (
    ExpressionError,
    Interval,
    ZeroDivisor,
    evaluate,
    index_in,
    names,
    parse,
)
from schema.findings import RuleError, metric_items, report_prose, section_prose, segments
from schema.loading import resolve_local

_HEDGE_WINDOW = 6


def hedges(instance: dict[str, Any], spec: dict[str, dict[str, str]]) -> dict[str, str]:
    """How the prose qualifies each metric: ``lower``, ``upper`` or ``approximate``."""
    patterns = {kind: (re.compile(p["before"]), re.compile(p["after"])) for kind, p in spec.items()}
    found: dict[str, set[str]] = {}
    texts = [t for _, t in report_prose(instance.get("report"))]
    for section in instance.get("sections") or []:
        texts.extend(t for _, t in section_prose(section))
    for text in texts:
        if "{" not in text:
            continue
        for segment in segments(text):
            if not isinstance(segment, Reference):
                continue
            end = segment.start + len(segment.key) + 2
            before, after = (
                text[max(0, segment.start - _HEDGE_WINDOW) : segment.start],
                text[end : end + _HEDGE_WINDOW],
            )
            for kind, (pre, post) in patterns.items():
                if pre.search(before) or post.search(after):
                    found.setdefault(segment.key, set()).add(kind)
    return {key: kinds.pop() if len(kinds) == 1 else "approximate" for key, kinds in found.items()}


def interval(
    metric: dict[str, Any],
    exact_units: list[str],
    hedge: str | None,
    scale: dict[str, float] | None = None,
) -> Interval | None:
    """The values a metric's statement allows, or ``None`` when it has no usable value.

    ``scale`` brings units of one kind to a common one (万元 to 元), so a relation
    between figures stated in different units compares like with like.
    """
    value = metric.get("value")
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    number = float(value)
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    exact = metric.get("unit") in exact_units and value == int(value)
    half = 0.0 if exact else 0.5 * 10.0**-decimals
    lo, hi = number - half, number + half
    if hedge == "lower":
        hi = math.inf
    elif hedge == "upper":
        lo = -math.inf
    elif hedge == "approximate":
        lo, hi = -math.inf, math.inf
    factor = (scale or {}).get(str(metric.get("unit", "")).strip(), 1)
    return Interval(lo * factor, hi * factor)


def relations(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiRelations``: the catalogue's and the report's declared relations hold."""
    if not isinstance(instance, dict):
        return
    metrics: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, key, metric in metric_items(instance.get("sections")):
        if isinstance(metric, dict):
            metrics.setdefault(key, (i, metric))
    qualified = hedges(instance, spec["hedges"])
    exact_units = resolve_local(spec["exactUnits"])
    scale = spec.get("unitScale", {})
    values = {
        key: iv
        for key, (_, metric) in metrics.items()
        if (iv := interval(metric, exact_units, qualified.get(key), scale)) is not None
    }
    for rule in spec["catalogue"]:
        tree = parse(rule["rule"])
        keys = [n.id for n in names(tree)]
        if not all(k in values for k in keys):
            continue
        try:
            ok, failed = evaluate(tree, values)
        except ZeroDivisor:
            continue  # a rate of nothing (整改率 with no problems found) is not checked
        if not ok:
            section, _ = metrics[keys[0]]
            yield RuleError(
                rule.get("code", "C001"),  # a usual, not a logical, relation is a warning
                f"{rule['message']}（{_describe(keys, metrics)}）",
                ("sections", section, "metrics", keys[0], "value"),
            )
    for i, section in enumerate(instance.get("sections") or []):
        checks = section.get("checks") if isinstance(section, dict) else None
        if isinstance(checks, list):
            for j, check in enumerate(checks):
                yield from _check(check, ("sections", i, "checks", j, "rule"), metrics, values)


def _check(
    check: Any, path: tuple[str | int, ...], metrics: dict[str, Any], values: dict[str, Interval]
) -> Iterator[RuleError]:
    if not isinstance(check, dict) or not isinstance(check.get("rule"), str):
        return
    text = check["rule"]
    try:
        tree = parse(text)
    except ExpressionError:
        return  # reported by tuiExpression on the rule itself
    found = names(tree)
    unknown = [n for n in found if n.id not in metrics]
    for name in unknown:
        yield RuleError(
            "C003",
            f"关系式中的“{name.id}”不是本报告的指标",
            path,
            index=index_in(text, name),
        )
    keys = list(dict.fromkeys(n.id for n in found))
    if unknown or not all(k in values for k in keys):
        return
    try:
        ok, _ = evaluate(tree, values)
    except ZeroDivisor as e:
        yield RuleError(
            "C005",
            f"关系“{text}”无法检查：除数 {e} 为 0（{_describe(keys, metrics)}）",
            path,
            index=index_in(text, e.divisor),
        )
        return
    if not ok:
        message = check.get("message") if isinstance(check.get("message"), str) else ""
        yield RuleError(
            "C001",
            f"关系“{text}”不成立{'：' + message if message else ''}（{_describe(keys, metrics)}）",
            path,
        )


def _describe(keys: list[str], metrics: dict[str, tuple[int, dict[str, Any]]]) -> str:
    """The figures as the report states them: ``legal_reviews = 120件次``."""
    stated = []
    for key in dict.fromkeys(keys):
        metric = metrics[key][1]
        value = metric.get("value")
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        unit = metric.get("unit") if isinstance(metric.get("unit"), str) else ""
        stated.append(f"{key} = {text}{unit}")
    return "，".join(stated)


def expression(validator: Any, enabled: bool, instance: Any, schema: Any) -> Iterator[RuleError]:
    """``tuiExpression``: a declared rule is one the checker can read."""
    if not enabled or not isinstance(instance, str) or not instance.strip():
        return
    try:
        parse(instance)
    except ExpressionError as e:
        yield RuleError("C002", f"{e.message}：“{instance[:60]}”", index=e.index)
