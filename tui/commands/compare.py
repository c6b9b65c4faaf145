"""``tui compare NEW_DIR [OLD_DIR]``: this year's metrics beside last year's.

Prints a table of every metric both reports share (values, change, ratio),
the metrics that appeared or disappeared, and warnings for changes that look
like a unit slip (元 against 万元, a count that jumps a hundredfold). OLD_DIR
defaults to the ``previous`` folder named in NEW_DIR's ``report.toml``.
Warnings do not fail the command unless ``--strict``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from records import Metric, load_report
from tui.cells import clip
from tui.commands import UsageError
from tui.commands.output import existing_folder
from tui.commands.table import format_table
from tui.compare_format import change_text, number, ratio_text

if TYPE_CHECKING:
    from schema.compare import Comparison

NAME = "compare"
LABEL_WIDTH = 28
"""Columns for a metric's label, so that the table fits an 80-column terminal."""


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="与上一年度报告对比指标",
        description=(
            "逐项对比两份报告共有的指标（数值、增减、倍数），列出新增和消失的指标，"
            "并提示疑似单位错误（如元与万元混用、计数相差 100 倍以上）。"
        ),
    )
    parser.add_argument("new", metavar="今年文件夹", help="今年的报告文件夹")
    parser.add_argument(
        "old",
        metavar="去年文件夹",
        nargs="?",
        help="去年的报告文件夹；不写时用今年 report.toml 中 previous 指向的文件夹",
    )
    parser.add_argument(
        "--format", "-f", choices=("table", "json"), default="table", help="输出格式（默认 table）"
    )
    parser.add_argument("--strict", action="store_true", help="有提醒时也以状态 1 退出")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from schema.compare import compare_reports, previous_report

    new = load_report(existing_folder(args.new))
    if args.old is not None:
        old = load_report(existing_folder(args.old))
    else:
        found = previous_report(new)
        if found is None:
            raise UsageError("没有给出去年的报告文件夹，今年的 report.toml 中也没有 previous")
        old = found
    if new.year is not None and old.year is not None and old.year >= new.year:
        print(
            f"tui：注意：作为去年的报告是 {old.year} 年的，不早于今年的 {new.year} 年；"
            "两个文件夹是否写反了？",
            file=sys.stderr,
        )
    comparison = compare_reports(new, old)
    if args.format == "json":
        print(json.dumps(comparison.as_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(render_table(comparison)))
    return 1 if args.strict and comparison.warnings else 0


def _year(year: int | None, fallback: str) -> str:
    return f"{year}年" if year is not None else fallback


def _listing(title: str, metrics: list[Metric]) -> list[str]:
    lines = [f"{title}（{len(metrics)} 项）："]
    for m in metrics:
        lines.append(f"  {m.key}  {m.label}（{m.unit}）= {number(m.value)}")
    return lines


def render_table(comparison: Comparison) -> list[str]:
    """The human form: the table, what appeared and disappeared, then the warnings."""
    new_year = _year(comparison.new.year, "今年")
    old_year = _year(comparison.old.year, "去年")
    lines = [
        f"对比：{comparison.new.folder}（{new_year}）与 {comparison.old.folder}（{old_year}）",
        "",
    ]
    if comparison.shared:
        rows = [
            [
                clip(c.label or c.key, LABEL_WIDTH),
                c.unit if c.unit == c.old_unit else f"{c.unit}（去年{c.old_unit}）",
                number(c.new),
                number(c.old),
                change_text(c.change),
                ratio_text(c.ratio, mark_tiny=False),
            ]
            for c in comparison.shared
        ]
        headers = ["指标", "单位", new_year, old_year, "增减", "倍数"]
        lines += format_table(headers, rows, right=[False, False, True, True, True, True])
    else:
        lines.append("两份报告没有共同的指标。")
    if comparison.appeared:
        lines += ["", *_listing(f"{new_year}新增的指标", comparison.appeared)]
    if comparison.disappeared:
        lines += ["", *_listing(f"{old_year}有、{new_year}没有的指标", comparison.disappeared)]
    lines.append("")
    for warning in comparison.warnings:
        lines.append(str(warning))
    lines.append(f"共对比 {len(comparison.shared)} 项指标，{len(comparison.warnings)} 条提醒。")
    return lines
