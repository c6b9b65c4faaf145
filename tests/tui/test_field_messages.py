"""A finding shown under its field in a metric's form does not name the metric again."""

from __future__ import annotations

import pytest

from tui.editor.marks import under_its_field


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (
            "指标 penalty_cases（办理行政处罚案件）：以“件”计的数量应为整数",
            "以“件”计的数量应为整数",
        ),
        (
            "指标 penalty_cases（办理行政处罚案件）缺少“数值”（value）：请填写",
            "缺少“数值”（value）：请填写",
        ),
        ("指标 penalty_cases 缺少“说明”（label）", "缺少“说明”（label）"),
        ("指标 penalty_cases_closed：…", "指标 penalty_cases_closed：…"),  # another metric's name
    ],
)
def test_the_metric_s_own_name_is_left_out(message: str, shown: str) -> None:
    assert under_its_field(message, ("metrics", "penalty_cases", "value")) == shown


def test_outside_a_metric_the_message_is_whole() -> None:
    message = "指标 penalty_cases（办理行政处罚案件）：…"
    assert under_its_field(message, ("parts", 0, "title")) == message
