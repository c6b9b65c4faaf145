"""``tui new DIR``: start a year's report, blank or carried over from last year's.

``--issuer NAME --year YEAR`` writes a skeleton with the mandated sections and
their statutory titles; ``--from OLD_DIR`` carries last year's report over
(years moved on, values and prose cleared, last year's wording kept as
comments). Either way the new folder is created whole or not at all, an
existing folder's files are never touched, and OLD_DIR is only read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
from pathlib import Path

from records import NotAReportError, RecordError, read_report
from tui.commands import UsageError
from tui.commands.output import existing_folder

NAME = "new"
FIRST_YEAR, LAST_YEAR = 2000, 2100
"""The years a report may be about (the same bounds as the schema's ``year``)."""


def _year(value: str) -> int:
    try:
        year = int(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度须为四位数字，例如 2024，而不是“{value}”") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"年度须在 {FIRST_YEAR}–{LAST_YEAR} 之间，而不是 {year}")
    return year


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="新建报告：空白骨架，或从上一年度报告转入",
        description=(
            "新建一份报告文件夹。--issuer 和 --year 生成空白骨架（四个法定部分及标准标题）；"
            "--from 从上一年度报告转入（年份顺延，数值、日期和正文清空，去年的原文保留为注释）。"
            "已有文件的文件夹不会被改动。"
        ),
    )
    parser.add_argument(
        "folder", metavar="文件夹", help="要新建的报告文件夹（不存在，或是空文件夹）"
    )
    parser.add_argument(
        "--from",
        dest="previous",
        metavar="去年文件夹",
        help="从这份上一年度报告转入（只读，不会改动）",
    )
    parser.add_argument(
        "--issuer", metavar="机关名称", help="发文机关全称，例如“上海市宝山区应急管理局”"
    )
    parser.add_argument(
        "--year",
        type=_year,
        metavar="年度",
        help="报告年度；缺省时为去年（转入时为上一年度报告的次年）",
    )
    parser.set_defaults(run=run)


def schema_dir() -> Path | None:
    """Where the installed JSON Schema files are, for the new files' ``#:schema`` lines."""
    from records.skeleton import REPORT_SCHEMA

    spec = importlib.util.find_spec("schema")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if (Path(location) / REPORT_SCHEMA).is_file():
            return Path(location)
    return None


def _check_year_follows(old: Path, year: int | None) -> None:
    """The new year comes after last year's report (refused if not; a gap is pointed out)."""
    try:
        previous = read_report(old).report.year
    except NotAReportError as e:
        raise UsageError(f"--from {old} 不是报告文件夹：其中没有 report.toml") from e
    if year is None or previous is None:
        return
    if year <= previous:
        raise UsageError(
            f"新报告的年度 {year} 须晚于上一年度报告（{old}）的年度 {previous}；"
            "请检查 --year，或 --from 是否选错了文件夹"
        )
    if year > previous + 1:
        print(
            f"tui：注意：上一年度报告是 {previous} 年的，新报告是 {year} 年，"
            f"中间隔了 {year - previous - 1} 年；转入的是 {previous} 年的内容",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    # tomlkit is loaded only by the commands that write TOML, never by `tui validate`
    from records.carry import carry_over
    from records.skeleton import check_new_folder, create_report_folder, skeleton_files

    folder = Path(args.folder)
    try:
        check_new_folder(folder)
    except RecordError as e:
        raise UsageError(str(e)) from e
    if args.previous is not None:
        if args.issuer is not None:
            raise UsageError("--issuer 不能与 --from 同时使用：机关名称沿用上一年度报告")
        old = existing_folder(args.previous)
        if old.resolve() in folder.resolve().parents:
            raise UsageError("新报告不能建在去年的报告文件夹里面：--from 不会改动去年的文件夹")
        _check_year_follows(old, args.year)
        files = carry_over(old, folder, args.year)
        origin = f"从 {old} 转入"
    else:
        issuer = (args.issuer or "").strip()
        if not issuer:
            raise UsageError("新建空白报告需要 --issuer 机关名称（或用 --from 从上一年度报告转入）")
        year = args.year if args.year is not None else dt.date.today().year - 1
        files = skeleton_files(folder, issuer, year, schema_dir())
        origin = "空白骨架"
    create_report_folder(folder, files)
    print(f"已新建报告 {folder}（{origin}）：{'、'.join(files)}")
    print(f"下一步：填写各文件，然后运行 tui validate {folder} 查看还缺哪些内容。")
    return 0
