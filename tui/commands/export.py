"""``tui export DIR --format txt|docx [-o FILE]``: write the submission.

The text goes to standard output unless ``-o`` names a file; a DOCX always
needs ``-o``. A report with problems that would show in the document (a
``{key}`` that names no metric) is refused unless ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from records import Diagnostic, load_report

from tui.commands import UsageError
from tui.commands.output import existing_folder, write_output

NAME = "export"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="导出报告（DOCX 公文或网站发布的纯文本）",
        description="导出报告：--format txt 为政府网站发布用的纯文本，--format docx 为按 GB/T 9704-2012 排版的公文。",
    )
    parser.add_argument("folder", metavar="文件夹", help="报告文件夹（内含 report.toml）")
    parser.add_argument(
        "--format", "-f", choices=("txt", "docx"), default="txt", help="导出格式（默认 txt）"
    )
    parser.add_argument("-o", "--output", metavar="文件", type=Path, help="输出文件；txt 缺省时写到标准输出")
    parser.add_argument("--force", action="store_true", help="报告有错误时仍然导出")
    parser.set_defaults(run=run)


def _refuse(problems: list[Diagnostic]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"tui：报告有 {len(problems)} 个错误，未导出；改正后再试，或加 --force 强制导出", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    folder = existing_folder(args.folder)
    report = load_report(folder)
    if args.format == "txt":
        from exporters.text import export_text

        text, document = export_text(report)
        if document.problems and not args.force:
            return _refuse(document.problems)
        write_output(text.encode("utf-8"), args.output)
        return 0
    if args.output is None:
        raise UsageError("导出 DOCX 需要用 -o 指定输出文件")
    raise UsageError("DOCX 导出尚未实现")
