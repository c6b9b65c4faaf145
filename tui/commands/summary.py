"""``tui summary FOLDER``: every department's report below a folder, in one table.

For the district's 依法治区办, which receives thirty to sixty reports each
first quarter: who sent what and when, which came after the deadline, which
have errors, and the figures lined up under the catalogue's labels, with the
district's totals and the change from last year. Reports are found as ``tui
validate`` finds them. The format is chosen by ``--format`` or by the output
file's suffix (a suffix that names another format is refused); XlsxWriter is
imported only for ``xlsx``, which needs ``-o`` (``-o -`` for standard output).

Exit status: 0 the summary was written (whatever the reports hold: it lists
their errors, it does not fail on them), 1 it could not be written, 2 a
wrong call.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands import UsageError, add_batch_options
from tui.commands.output import write_output

if TYPE_CHECKING:
    from schema.summary import Summary
    from tui.summary.files import Workbook

NAME = "summary"
FORMATS = ("text", "csv", "xlsx", "json")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="汇总各单位的报告（报送情况、问题、主要指标及合计）",
        description=(
            "汇总文件夹下的全部报告（按 tui validate 的方式查找），每份一行：单位、年度、发文字号、"
            "成文日期、是否按期（3 月 31 日前）、错误和警告的个数与代码，以及目录中的常见指标"
            "（金额换算为万元）和合计；写有 previous 的报告还与上年对比。"
            "报告有错误不影响退出码（0）；无法读取的报告单列一行说明原因。"
        ),
    )
    parser.add_argument(
        "paths", nargs="+", metavar="文件夹", help="包含各单位报告文件夹的文件夹（或报告文件夹）"
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default=None,
        help=(
            "输出格式：text 终端表格（默认），csv 供 Excel/WPS 打开（UTF-8 带 BOM），"
            "xlsx 工作簿（需 -o），json 供程序读取；"
            "不写时按 -o 文件的扩展名（.txt .csv .xlsx .json）确定"
        ),
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="文件",
        type=Path,
        help=(
            "写入文件而不是标准输出（扩展名须与格式相符；-o - 为标准输出）；csv 每次都另写"
            "“文件名-其他指标.csv”和“文件名-与上年对比.csv”（没有内容时只有标题行）"
        ),
    )
    add_batch_options(
        parser,
        jobs="同时读取和校验的进程数（默认为 CPU 核数；报告较少时不启用多进程）",
        cache="重新检查上次已通过且未改动的报告（缓存与 tui validate 共用）",
    )
    parser.set_defaults(run=run)


SUFFIXES = {"txt": "text", "text": "text", "csv": "csv", "xlsx": "xlsx", "json": "json"}
"""The output file's extension for each format (``.txt`` for text)."""


def _stdout(output: Path | None) -> bool:
    """Whether the summary goes to standard output: no ``-o``, or ``-o -``."""
    return output is None or str(output) == "-"


def _format(args: argparse.Namespace) -> str:
    """The format from ``--format``, else from the output file's extension; a clash is refused."""
    chosen = args.format
    output = args.output
    if _stdout(output):
        fmt = str(chosen or "text")
        if fmt == "xlsx" and output is None:
            raise UsageError(
                "xlsx 是二进制文件，需要用 -o 指定文件，如 -o 汇总.xlsx（写到标准输出用 -o -）"
            )
        return fmt
    suffix = output.suffix.lower().lstrip(".")
    named = SUFFIXES.get(suffix)
    if chosen is None:
        if named is None:
            what = f"的扩展名是 .{suffix}" if suffix else "没有扩展名"
            raise UsageError(
                f"输出文件 {output} {what}，无法判断汇总格式：请用 .txt、.csv、.xlsx 或 .json "
                "结尾，或用 --format 指定"
            )
        return named
    if named is not None and named != chosen:
        raise UsageError(f"输出文件的扩展名 .{suffix} 与 --format {chosen} 不符")
    return str(chosen)


def _folder_label(paths: list[str]) -> str:
    return " ".join(paths)


def run(args: argparse.Namespace) -> int:
    from schema.summary import build_summary, summarize_all
    from tui.commands.validate import group
    from tui.reporters import ProgressBar

    if args.jobs < 0:
        raise UsageError("--jobs 不能为负数")
    fmt = _format(args)
    if fmt == "xlsx" and _stdout(args.output) and sys.stdout.isatty():
        raise UsageError("xlsx 是二进制文件，不能显示在终端上：请用 -o 指定文件，如 -o 汇总.xlsx")
    output = None if _stdout(args.output) else args.output
    folders, stray, _ = group(args.paths)
    for diagnostic in stray:
        print(f"tui：跳过 {diagnostic.file}：不在报告文件夹中", file=sys.stderr)
    progress = ProgressBar(
        len(folders), enabled=False if args.no_progress or len(folders) < 2 else None
    )
    workbook: Workbook | None = None
    rows = []
    try:
        for row in summarize_all(folders, args.jobs, use_cache=not args.no_cache):
            rows.append(row)
            if fmt == "xlsx":  # written while the other reports are read (XlsxWriter loaded too)
                if workbook is None:
                    from tui.summary.files import Workbook

                    workbook = Workbook()
                workbook.add(row)
            progress.advance(row.folder)
    finally:
        progress.close()
    summary = build_summary(rows)
    if fmt == "text":
        from tui.summary.text import render_text

        text = "\n".join(render_text(summary, _folder_label(args.paths))) + "\n"
        _write(text.encode("utf-8"), output)
    elif fmt == "json":
        data = json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n"
        _write(data.encode("utf-8"), output)
    elif fmt == "csv":
        _write_csv(summary, output)
    else:
        from tui.summary.files import Workbook

        _write((workbook or Workbook()).finish(summary), output)
    return 0


def _write(data: bytes, output: Path | None) -> None:
    write_output(data, output)
    if output is not None:
        print(f"tui：已写出 {output}", file=sys.stderr)


def _write_csv(summary: Summary, output: Path | None) -> None:
    """The three CSV files, every time (a table with no rows has its headings): none stale."""
    from tui.summary.files import csv_files

    files = csv_files(summary)
    if output is None:
        write_output(files[0][1], None)
        if any(rows for _, _, rows in files[1:]):
            print(
                "tui：其他指标和与上年对比写在另外的 CSV 文件中，需要用 -o 指定文件名",
                file=sys.stderr,
            )
        return
    for suffix, data, _ in files:
        target = output if not suffix else output.with_name(f"{output.stem}{suffix}.csv")
        _write(data, target)
