"""The rules' building blocks as tables: title years, punctuation, 发文字号, checks."""

from __future__ import annotations

import ast
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schema.expressions import (
    ExpressionError,
    Interval,
    ZeroDivisor,
    evaluate,
    index_in,
    names,
    parse,
)
from schema.messages import explain_doc_number
from schema.prose import half_width_marks
from schema.years import heading_years, years_named


@pytest.mark.parametrize(
    ("title", "years"),
    [
        ("2023年度推进法治政府建设的主要举措和成效", [2023]),
        ("党政主要负责人2023年度履行推进法治建设第一责任人职责", [2023]),
        ("宝山区应急管理局 2023 年法治政府建设情况报告", [2023]),
        ("二〇二三年法治政府建设情况报告", [2023]),
        ("测试局2100年法治政府建设情况报告", [2100]),
        ("落实《法治政府建设实施纲要（2021-2025年）》的主要举措", []),
        ("2021—2025年规划中期评估", []),
        ("坚持依法行政，建设法治政府", []),
        ("编号20231号文件", []),
    ],
)
def test_years_a_title_names(title: str, years: list[int]) -> None:
    assert [y for y, _ in years_named(title)] == years


@pytest.mark.parametrize(
    ("heading", "years"),
    [
        # a year inside 《》 or “” names a document or a campaign, not the heading's year
        ("落实《2024年度法治督察反馈意见》整改", []),
        ("开展“2023年安全生产月”活动", []),
        ("学习〈2022年工作要点〉", []),
        ("2025年落实《2024年度工作要点》情况", [(2025, 0)]),
        ("落实《要点》，完成2024年任务", [(2024, 9)]),  # the index is the heading's own
        # an unclosed 《 quotes nothing
        ("落实《2024年度意见", [(2024, 3)]),
        ("2024年工作打算", [(2024, 0)]),
    ],
)
def test_years_a_heading_names_as_its_own(heading: str, years: list[tuple[int, int]]) -> None:
    assert heading_years(heading) == years


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("坚持依法行政,不断提高", [6]),
        ("（二）坚持依法行政，不断提高", []),
        ("(二)坚持", [0, 2]),
        ("全年监督检查1,014家次", []),
        ("会议于10:30召开", []),
        ("主要表现在:一是", [5]),
        ("use a, b; c", []),
        ("利用AI(人工智能)平台", [4, 9]),
    ],
)
def test_half_width_punctuation_in_chinese_text(text: str, marks: list[int]) -> None:
    assert half_width_marks(text) == marks


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("宝应急[2024]2号", "六角括号"),
        ("宝应急（2024）2号", "六角括号"),
        ("宝应急〔2024〕第2号", "不加“第”"),
        ("宝应急〔2024〕02号", "不编虚位"),
        ("宝应急〔2024〕2", "以“号”结尾"),
        ("宝应急〔24〕2号", "四位"),
        ("宝应急〔２０２４〕２号", "半角数字"),
    ],
)
def test_doc_number_mistakes_are_named(number: str, says: str) -> None:
    assert says in explain_doc_number(number)


@pytest.mark.parametrize(
    "rule",
    [
        "a == b + c",
        "a = b + c",
        "a ≥ b",
        "a × 2 ÷ b == c",
        "sum(a, b, c) == total",
        "0 <= rate <= 100",
        "a − b ＝ c",
        "（a + b） * 2 == c",
    ],
)
def test_rules_the_language_accepts(rule: str) -> None:
    assert parse(rule).ops


@pytest.mark.parametrize(
    "rule",
    [
        "__import__('os').system('ls')",
        "a.__class__ == b",
        "a[0] == b",
        "(lambda: 1)() == a",
        "'x' == 'x'",
        "a if b else c",
        "(a := 1) == a",
        "max(a, b) == c",
        "sum() == 0",
        "a and b",
        "a == (b == c)",
        "[x for x in y] == a",
        "True == a",
        "a ** 2 == b",
        "a + b",
        "a ==",
        "(" * 5000 + "a" + ")" * 5000 + " == b",
        "a == " + "+".join(["b"] * 300),
        "a == b" + " " * 500,
        "a == 1" + "0" * 380,
        "a == 1e999",
    ],
)
def test_rules_the_language_refuses(rule: str) -> None:
    with pytest.raises(ExpressionError):
        parse(rule)


def test_syntax_error_points_into_the_original_text() -> None:
    with pytest.raises(ExpressionError) as e:
        parse("a ≥ b +* c")
    assert "a ≥ b +* c"[e.value.index] in "+*"


def iv(value: float, half: float = 0.0) -> Interval:
    return Interval(value - half, value + half)


@pytest.mark.parametrize(
    ("rule", "values", "holds"),
    [
        ("total == a + b", {"total": iv(10), "a": iv(4), "b": iv(6)}, True),
        ("total == a + b", {"total": iv(10), "a": iv(4), "b": iv(5)}, False),
        # a rate stated with one decimal stands for ±0.05
        (
            "rate == part / whole * 100",
            {"rate": iv(33.3, 0.05), "part": iv(1), "whole": iv(3)},
            True,
        ),
        (
            "rate == part / whole * 100",
            {"rate": iv(33.4, 0.05), "part": iv(1), "whole": iv(3)},
            False,
        ),
        # money in 万元 with two decimals: the parts' rounding adds up
        (
            "total == sum(a, b, c)",
            {
                "total": iv(1.00, 0.005),
                "a": iv(0.33, 0.005),
                "b": iv(0.33, 0.005),
                "c": iv(0.33, 0.005),
            },
            True,
        ),
        ("part <= whole", {"part": iv(5), "whole": iv(4)}, False),
        # “{whole}余”: a lower bound only
        ("part <= whole", {"part": iv(5), "whole": Interval(4, math.inf)}, True),
        (
            "total == a + b",
            {"total": iv(100), "a": Interval(-math.inf, math.inf), "b": iv(6)},
            True,
        ),
        # a hedged divisor (“约{z}”) may be anything: the rule cannot fail
        ("x == y / z", {"x": iv(1), "y": iv(1), "z": Interval(-math.inf, math.inf)}, True),
        ("0 <= a <= 100", {"a": iv(101)}, False),
        ("a != b", {"a": iv(3), "b": iv(3)}, False),
    ],
)
def test_relations_hold_within_the_rounding_their_figures_allow(
    rule: str, values: dict, holds: bool
) -> None:
    assert evaluate(parse(rule), values)[0] is holds


def test_names_exclude_the_function() -> None:
    assert [n.id for n in names(parse("sum(a, b) == total"))] == ["a", "b", "total"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab_1.()+-*/=<>!, ×÷≥'[]{}:λ\\ sum")), max_size=40))
def test_any_rule_text_is_parsed_or_refused_cleanly(text: str) -> None:
    try:
        tree = parse(text)
    except ExpressionError as e:
        assert 0 <= e.index <= max(len(text), 1)
        return
    values = {n.id: Interval(1.0, 2.0) for n in names(tree)}
    try:
        assert isinstance(evaluate(tree, values)[0], bool)
    except ZeroDivisor as e:  # a constant part that comes to zero: 1 / (a - a) is not it
        assert isinstance(e.divisor, ast.expr)


@pytest.mark.parametrize(
    ("rule", "zero"),
    [("rate == part / whole * 100", iv(0)), ("rate == part / whole * 100", iv(0.0, 0.05))],
)
def test_a_divisor_stated_as_zero_makes_the_rule_uncheckable(rule: str, zero: Interval) -> None:
    values = {"rate": iv(100), "part": iv(0), "whole": zero}
    with pytest.raises(ZeroDivisor) as raised:
        evaluate(parse(rule), values)
    assert str(raised.value) == "whole"
    assert rule[index_in(rule, raised.value.divisor) :].startswith("whole")


def test_a_literal_zero_divisor_is_refused_when_the_rule_is_read() -> None:
    with pytest.raises(ExpressionError) as raised:
        parse("rate == part / 0")
    assert "不能除以 0" in raised.value.message
    assert raised.value.index == len("rate == part / ")


def test_a_name_inside_a_longer_name_is_found_at_its_own_place() -> None:
    rule = "a_total == a + b"
    [_, a, _] = names(parse(rule))
    assert index_in(rule, a) == rule.index(" a ") + 1
