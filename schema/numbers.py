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


def is_integral(value: Any) -> bool:
    """Whether a number is whole, as JSON Schema's ``integer`` means it (2023 and 2023.0 alike).

    TOML floats are read as ``Decimal``; without this, tui would refuse
    ``year = 2023.0`` as a type error where check-jsonschema accepts it.
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value()


def integer_literal(
    validator: Any, enabled: bool, instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiIntegerLiteral``: a whole number written as a TOML float (2023.0) is a slip."""
    if not enabled or isinstance(instance, int) or not is_integral(instance):
        return
    title = schema.get("title", "该项") if isinstance(schema, dict) else "该项"
    written = f"小数 {instance}" if "." in str(instance) else "浮点数"
    # 1e12023 is whole too, but no one means a number of twelve thousand digits
    whole = f" {int(instance)}" if abs(instance) < 10**30 else ""
    yield RuleError(
        "F007",
        f"“{title}”写成了{written}：请写成整数{whole}（不带小数点和指数）",
        severity="warning",
    )


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
