"""Numbers of this year against last year, written the same way wherever they are shown.

``tui compare`` prints them in a table, the editor shows them under a metric
and in its comparison screen: one value, change or ratio must not read
differently in two places.
"""

from __future__ import annotations

from decimal import Decimal


def number(value: int | Decimal | None) -> str:
    """A value as the report writes it; "未填" when there is none."""
    if value is None:
        return "未填"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def change_text(value: Decimal | None) -> str:
    """A signed change (+8, -3.5, 0); "—" when there is none."""
    if value is None:
        return "—"
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    text = format(value, "f")
    return f"+{text}" if value > 0 else text


def ratio_text(value: Decimal | None, mark_tiny: bool = True) -> str:
    """This year ÷ last year, to two decimals (whole above 100); "—" when there is none.

    A ratio above 0 but under 0.01 reads "<0.01" rather than a misleading
    "0.00", unless ``mark_tiny`` is off (the command line's table prints 0.00).
    """
    if value is None:
        return "—"
    if mark_tiny and 0 < value < Decimal("0.01"):
        return "<0.01"
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"
