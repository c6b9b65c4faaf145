"""The numbers of a comparison read the same in ``tui compare`` and in the editor."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.compare_format import change_text, number, ratio_text


@pytest.mark.parametrize(
    ("value", "number_text", "change"),
    [
        (None, "未填", "—"),
        (Decimal("100.00"), "100.00", "+100"),
        (Decimal("-3.50"), "-3.50", "-3.50"),
        (Decimal("0.0"), "0.0", "0"),
    ],
)
def test_values_and_changes_are_written_as_the_report_writes_them(
    value: Decimal | None, number_text: str, change: str
) -> None:
    assert number(value) == number_text and change_text(value) == change


def test_a_tiny_ratio_is_not_shown_as_zero_in_the_editor() -> None:
    assert ratio_text(Decimal("0.004")) == "<0.01"
    assert ratio_text(Decimal("0.004"), mark_tiny=False) == "0.00"  # the command line's table
    assert ratio_text(Decimal("1.5")) == "1.50" and ratio_text(Decimal("1234.5")) == "1234"
    assert ratio_text(None) == "—" and number(142) == "142"
