"""Rules on a metric's value given its unit: counts, percentages, money.

A count (次, 件, 家次 …) is a whole number of things and cannot be negative;
a percentage lies in 0–100; money is not negative. The unit lists live in
section.schema.json (``tuiUnits``); a unit in none of them (万路, 学时/人 …)
is only required to be a finite number.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from schema.findings import RuleError


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int | Decimal)


def units(
    validator: Any, spec: dict[str, list[str]], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiUnits``: the metric's value is plausible for its unit."""
    if not isinstance(instance, dict):
        return
    value, unit = instance.get("value"), instance.get("unit")
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return  # a missing or mistyped value is the plain schema's finding
    if not _finite(value):
        yield RuleError("N005", f"数值“{value}”不是有限的数字", ("value",))
        return
    if not isinstance(unit, str):
        return
    unit = unit.strip()
    if unit in spec["count"]:
        if value != int(value):
            yield RuleError("N001", f"以“{unit}”计的数量应为整数，这里是 {value}", ("value",))
        if value < 0:
            yield RuleError("N002", f"以“{unit}”计的数量不能为负数，这里是 {value}", ("value",))
    elif unit in spec["percent"]:
        if not 0 <= value <= 100:
            yield RuleError("N003", f"百分比应在 0 到 100 之间，这里是 {value}%", ("value",))
    elif unit in spec["money"] and value < 0:
        yield RuleError("N004", f"金额不能为负数，这里是 {value}{unit}", ("value",))
