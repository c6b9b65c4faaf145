"""``tui export DIR --format txt|docx [--web] [-o FILE]``: write the submission.

The text goes to standard output unless ``-o`` names a file; a DOCX always
needs ``-o``. ``--web`` (text only) writes what a government website
publishes: the 主体 without the 版头 and the 版记. A report with validation
errors is refused (the errors are listed, exit status 1) unless ``--force``,
which writes the whole document anyway; warnings never block an export.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from records import Diagnostic, Report, load_report
from tui.commands import UsageError
from tui.commands.output import existing_folder, write_output

NAME = "export"
FORMATS = ("txt", "docx")

_FONT_HELP = (
    "DOCX 使用的字体，写成 角色=字体名，可重复；角色：title（标志和标题，默认 方正小标宋简体）、"
    "body（正文及三、四级标题，仿宋_GB2312）、heading1（一级标题，黑体）、"
    "heading2（二级标题和签发人，楷体_GB2312）、"
    "page_number（页码，宋体）。也可写在 report.toml 的 [fonts] 表中"
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="导出报告（DOCX 公文或网站发布的纯文本）",
        description="导出报告：--format txt 为纯文本（加 --web 为政府网站发布的形式），"
        "--format docx 为按 GB/T 9704-2012 排版的公文。报告有错误时不导出，除非加 --force。",
    )
    parser.add_argument("folder", metavar="文件夹", help="报告文件夹（内含 report.toml）")
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="导出格式；缺省时按 -o 文件的扩展名（.docx 或 .txt）决定，没有 -o 时为 txt",
    )
    parser.add_argument(
        "-o", "--output", metavar="文件", type=Path, help="输出文件；txt 缺省时写到标准输出"
    )
    parser.add_argument(
        "--web",
        action="store_true",
        help="导出政府网站发布的文本：只有标题、主送机关、正文、署名和成文日期，"
        "不含发文机关标志、发文字号和签发人、版记（仅用于 txt）",
    )
    parser.add_argument("--force", action="store_true", help="报告有错误时仍然导出")
    parser.add_argument("--font", metavar="角色=字体", action="append", default=[], help=_FONT_HELP)
    parser.set_defaults(run=run)


def _validation_errors(report: Report, own: list[Diagnostic]) -> list[Diagnostic]:
    """The report's errors: the validator's, plus what the exporter found that it did not.

    ``own`` are the exporter's findings (unresolved references, characters a
    DOCX cannot hold); one the validator also reports at the same place is
    listed once. The report is the one already loaded for the export, not
    read a second time.
    """
    from schema import validate_report

    found = [d for d in validate_report(report) if d.severity == "error"]
    places = {(d.file, d.line, d.column) for d in found}
    found += [d for d in own if d.severity == "error" and (d.file, d.line, d.column) not in places]
    return sorted(set(found))


def _refuse(problems: list[Diagnostic]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        f"tui：报告有 {len(problems)} 个错误，未导出；改正后再试，或加 --force 强制导出",
        file=sys.stderr,
    )
    return 1


def _forced(problems: list[Diagnostic]) -> int:
    """After a forced export, still say what is wrong: the document is not final."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"tui：报告有 {len(problems)} 个错误，已按 --force 导出", file=sys.stderr)
    return 0


def _format(chosen: str | None, output: Path | None) -> str:
    """The export format: as chosen, else by the output file's extension.

    A clerk who types ``-o 报告.docx`` and forgets ``--format`` gets a DOCX; a
    choice that contradicts the extension is refused rather than producing a
    ``.docx`` that Word cannot open, and so is a file name that names no
    format (``-o 报告.pdf``), rather than filling it with plain text.
    """
    if output is None:
        return chosen or "txt"
    suffix = output.suffix.lower().lstrip(".")
    if chosen is None:
        if suffix not in FORMATS:
            named = f"的扩展名是 .{suffix}" if suffix else "没有扩展名"
            raise UsageError(
                f"输出文件 {output} {named}，无法判断导出格式：请用 .docx 或 .txt 结尾，"
                "或用 --format 指定"
            )
        return suffix
    if suffix in FORMATS and suffix != chosen:
        raise UsageError(f"输出文件的扩展名 .{suffix} 与 --format {chosen} 不符")
    return chosen


def _done(output: Path | None, errors: list[Diagnostic]) -> int:
    if output is not None:
        print(f"tui：已导出 {output}", file=sys.stderr)
    return _forced(errors)


def run(args: argparse.Namespace) -> int:
    folder = existing_folder(args.folder)
    if args.output == Path("-"):  # the usual name for standard output
        if args.format == "docx":
            raise UsageError("DOCX 不能写到标准输出：请用 -o 指定文件，如 -o 报告.docx")
        args.output, args.format = None, "txt"
    args.format = _format(args.format, args.output)
    if args.format == "docx" and args.web:
        raise UsageError("--web 只用于纯文本导出：网站发布的文本请用 --format txt --web")
    if (
        args.output is not None
        and args.output.suffix.lower() == ".toml"
        and args.output.resolve().parent == folder.resolve()
    ):
        raise UsageError(f"不能导出到 {args.output}：这是报告文件夹中的 TOML 文件，会被覆盖")
    if args.format == "docx" and args.output is None:
        raise UsageError("导出 DOCX 需要用 -o 指定输出文件")
    if args.format == "txt" and args.font:
        raise UsageError("--font 只用于 DOCX 导出")
    report = load_report(folder)
    if args.format == "txt":
        from exporters.text import export_text

        text, document = export_text(report, web=args.web)
        errors = _validation_errors(report, document.problems)
        if errors and not args.force:
            return _refuse(errors)
        write_output(text.encode("utf-8"), args.output)
        return _done(args.output, errors)
    from exporters.docx_fonts import parse_font_options

    try:
        overrides = parse_font_options(args.font)
    except ValueError as e:
        raise UsageError(str(e)) from e
    from exporters.docx import export_docx

    exported = export_docx(report, overrides)
    errors = _validation_errors(report, exported.problems)
    if errors and not args.force:
        return _refuse(errors)
    write_output(exported.data, args.output)
    return _done(args.output, errors)
