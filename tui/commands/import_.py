"""``tui import SOURCE DIR``: last year's report, from its DOCX or its published text, into records.

SOURCE is read (a DOCX by :mod:`exporters.docx_reader`, a .doc or .wps
converted to DOCX by LibreOffice first, plain text in UTF-8 or
GBK/GB18030), the report is
recognised in it, and DIR is written whole or not at all: a folder that
exists and is not empty is refused. The command then says what it found,
what it skipped (web page chrome) and what to review, and runs the
validator on the new folder, since an imported draft usually lacks
something. Exit status: 0 the folder was written, 1 SOURCE could not be
read, 2 a wrong call.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from records.importing import ImportedReport, SourceParagraph

NAME = "import"
_WORD = {".docx", ".doc", ".wps", ".docm", ".dotx", ".wpt", ".dot"}
_CONVERTED = {".doc", ".wps", ".wpt", ".dot"}
"""Formats LibreOffice converts to DOCX first."""
SOFFICE_TIMEOUT = 120


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="导入已有的报告（DOCX、.doc/.wps 或纯文本）",
        description=(
            "把已有的报告（Word/WPS 的 .docx，经 LibreOffice 转换的 .doc/.wps，或纯文本）"
            "导入为新的报告文件夹：识别发文字号、签发人、标题、主送、开头语、"
            "各部分（并按标题推断是哪一个法定事项）、各级标题、编号段落、一是……二是……、署名、"
            "成文日期和版记。纯文本可以是 UTF-8 或 GBK/GB18030 编码，一段一行，或从网页复制"
            "（段间有空行，标题分几行，前面有索引号、发布机构等网页内容）。"
            "已存在且不是空的文件夹不会被改动。"
            "退出码：0 已写出，1 无法读取来源文件，2 调用方式有误。"
        ),
    )
    parser.add_argument(
        "source", metavar="来源文件", help="报告的 .docx、.doc、.wps 或纯文本文件（.txt）"
    )
    parser.add_argument(
        "folder", metavar="文件夹", help="要新建的报告文件夹（不存在，或是空文件夹）"
    )
    parser.add_argument(
        "--no-metrics",
        action="store_true",
        help="正文中的数字保留为文字，不生成指标（缺省时“142件”“861.98万元”“100%%”等变成指标）",
    )
    parser.set_defaults(run=run)


def read_source(source: Path) -> tuple[list[SourceParagraph], str]:
    """The paragraphs of SOURCE, and how it was read (its encoding, or its format)."""
    from records import RecordError
    from records.importing.text import read_text, refuse_binary

    try:
        with source.open("rb") as file:
            refuse_binary(file.read(1024), source)
    except OSError as e:
        raise RecordError(f"无法读取文件：{e.strerror or e}", source) from e
    suffix = source.suffix.lower()
    if suffix in _CONVERTED:
        with tempfile.TemporaryDirectory(prefix="tui-import-") as tmp:
            converted = convert_with_soffice(source, Path(tmp))
            return _read_docx(converted), f"{suffix[1:]} 文件，经 LibreOffice 转换"
    if suffix in _WORD or _looks_like_docx(source):
        return _read_docx(source), "DOCX"
    paragraphs, encoding = read_text(source)
    return paragraphs, f"{encoding} 编码"


def _looks_like_docx(source: Path) -> bool:
    """A DOCX under another name (``report.txt``): a zip that holds word/document.xml."""
    import zipfile

    try:
        with zipfile.ZipFile(source) as package:
            return "word/document.xml" in package.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _read_docx(path: Path) -> list[SourceParagraph]:
    from exporters.docx_reader import read_docx

    return read_docx(path)


def convert_with_soffice(source: Path, folder: Path) -> Path:
    """SOURCE (.doc, .wps) converted to DOCX in ``folder`` by LibreOffice, if it is installed."""
    from records import RecordError

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RecordError(
            "要导入 .doc 或 .wps 文件，需要安装 LibreOffice（soffice）；"
            "也可以在 Word 或 WPS 中打开它，“另存为” Word 文档（.docx）后再导入",
            source,
        )
    profile = folder / "profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--convert-to",
        "docx",
        "--outdir",
        str(folder),
        str(source.resolve()),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise RecordError(f"LibreOffice 转换失败：{e}", source) from e
    converted = folder / (source.stem + ".docx")
    if not converted.is_file():
        raise RecordError(
            "LibreOffice 无法转换这个文件（可能已损坏）；请在 Word 或 WPS 中另存为 .docx 后再导入",
            source,
        )
    return converted


def take_figures(report: ImportedReport, source: Sequence[SourceParagraph] = ()) -> None:
    """Numbers with a unit become metrics, in the schema's units and named from its catalogue."""
    from records.importing.figures import KnownMetric, extract_metrics
    from schema.catalogue import catalogue
    from schema.loading import load_schema

    units = load_schema("section")["$defs"]["metric"]["tuiUnits"]
    more = load_schema("folder")["tuiProseUnits"].get("moreUnits", [])
    known = [KnownMetric(e.key, (e.unit, *e.same_units), (e.label, *e.labels)) for e in catalogue()]
    extract_metrics(
        report,
        [*units["count"], *units["percent"], *units["money"], *more],
        units["percent"],
        units["money"],
        known,
        source,
    )


def run(args: argparse.Namespace) -> int:
    # tomlkit and the import code are loaded only by this command, never by `tui validate`
    from records import RecordError, load_report
    from records.importing.structure import recognise
    from records.importing.summary import summary_lines
    from records.importing.writer import report_files
    from records.skeleton import check_new_folder, create_report_folder
    from schema import validate_report
    from tui.commands.new import schema_dir
    from tui.reporters import ReportResult, write_text

    source = Path(args.source)
    folder = Path(args.folder)
    if not source.exists():
        raise UsageError(f"来源文件不存在：{args.source}")
    if source.is_dir():
        raise UsageError(f"来源须是一个文件，这里给的是文件夹：{args.source}")
    try:
        check_new_folder(folder)
    except RecordError as e:
        raise UsageError(str(e).replace("tui new", "tui import")) from e
    paragraphs, described = read_source(source)
    if not paragraphs:
        raise RecordError("文件中没有文字", source)
    report = recognise(paragraphs, source.name)
    if source.suffix.lower() in _WORD:
        report.unit = "段"
    if not args.no_metrics:
        take_figures(report, paragraphs)
    files = report_files(report, folder, schema_dir())
    create_report_folder(folder, files)
    out = sys.stdout
    out.write(f"已从 {source}（{described}）导入报告 {folder}：{'、'.join(files)}\n")
    for line in summary_lines(report):
        out.write(line + "\n")
    if report.skipped:
        out.write(f"跳过的网页内容（未写入报告）{len(report.skipped)} 行：\n")
        for note in sorted(report.skipped, key=lambda n: n.number):
            out.write(f"  第 {note.number} {report.unit}：{note.text}\n")
    if report.review:
        out.write(f"请核对 {len(report.review)} 处：\n")
        for note in sorted(report.review, key=lambda n: n.number):
            shown = note.text if len(note.text) <= 40 else note.text[:40] + "……"
            out.write(f"  第 {note.number} {report.unit}：{note.reason}：{shown}\n")
    out.write(f"\ntui validate {folder} 的结果（导入的报告常常还缺一些内容）：\n")
    diagnostics = validate_report(load_report(folder))
    write_text([ReportResult(str(folder), diagnostics)], out)
    return 0
