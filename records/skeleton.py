"""A new report folder: the skeleton a bureau starts from, and writing it safely.

``tui new DIR --issuer NAME --year YEAR`` writes the four mandated sections
with their statutory titles for that year, and leaves every piece of content
the clerk must supply either as an empty string (where the field is typed
into) or as a commented-out key (where TOML has no empty value, e.g. a date).
Optional keys are only mentioned in comments, so the validator's errors on a
fresh skeleton name exactly what is still missing and nothing else.

The folder is written all at once: the files go to a hidden temporary folder
beside it, which is then renamed into place, so a failure leaves nothing
behind and an existing folder's files are never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import Array, Table

from records.errors import RecordError, WriteError
from records.loader import REPORT_FILE

SECTION_FILES = {
    "measures": "1-measures.toml",
    "shortcomings": "2-shortcomings.toml",
    "leadership": "3-leadership.toml",
    "plans": "4-plans.toml",
}
"""The mandated sections a skeleton holds, and the file each lives in (DESIGN.md)."""

REPORT_SCHEMA = "report.schema.json"
SECTION_SCHEMA = "section.schema.json"
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def section_title(kind: str, year: int) -> str:
    """The statutory title of a section for a report on ``year`` (plans speak of the next)."""
    titles = {
        "measures": f"{year}年度推进法治政府建设的主要举措和成效",
        "shortcomings": f"{year}年度推进法治政府建设存在的不足和原因",
        "leadership": (
            f"党政主要负责人{year}年度履行推进法治建设第一责任人职责，加强法治政府建设有关情况"
        ),
        "plans": f"{year + 1}年推进法治建设的主要安排",
        "other": "其他需要报告的情况",
    }
    return titles[kind]


def report_title(issuer: str, year: int) -> str:
    """The document title, which must name the report's year."""
    return f"{issuer}{year}年法治政府建设情况报告"


def shift_years(text: str, old_year: int, new_year: int) -> str:
    """Move a title on: ``old_year`` becomes ``new_year`` and the year after follows it.

    Done in one pass, so 2023→2024 and 2024→2025 never compound; other years
    (a plan period such as 2021-2025) are left alone.
    """

    def move(match: re.Match[str]) -> str:
        value = int(match.group(1))
        if value == old_year:
            return str(new_year)
        if value == old_year + 1:
            return str(new_year + 1)
        return match.group(1)

    return _YEAR.sub(move, text)


def schema_line(folder: Path, schema_file: Path | None) -> str | None:
    """The ``#:schema`` line by which editors check a file in ``folder`` against a schema."""
    if schema_file is None:
        return None
    target = os.path.abspath(schema_file)
    try:
        ref = os.path.relpath(target, os.path.abspath(folder))
    except ValueError:  # another drive on Windows
        ref = target
    return f"#:schema {Path(ref).as_posix()}"


# -- building TOML with comments ---------------------------------------------------
def add_comments(container: Container | Table, lines: list[str]) -> None:
    """Add comment lines (each may hold newlines) before whatever is added next."""
    for line in lines:
        for part in line.splitlines() or [""]:
            container.add(tomlkit.comment(part))


def blank_points(count: int, notes: list[str] | None = None) -> Array:
    """An array of ``count`` empty points to type into, each under its note, if any."""
    array = tomlkit.array()
    for i in range(count):
        if notes and i < len(notes):
            for part in notes[i].splitlines():
                array.add_line(comment=part, indent="  ")
        array.add_line("", indent="  ")
    array.add_line(indent="")
    return array


def note(item: Any, text: str) -> None:
    """Put ``text`` as a comment at the end of ``item``'s line, two spaces after it."""
    item.comment(text)
    item.trivia.comment_ws = "  "


def render(head: Sequence[str | None], doc: tomlkit.TOMLDocument) -> str:
    """The file's text: the head comment lines, a blank line, then the document."""
    lines = [line for line in head if line is not None]
    text = doc.as_string().lstrip("\n")
    return ("\n".join(lines) + "\n\n" if lines else "") + text


# -- the skeleton ------------------------------------------------------------------
def _report_file(folder: Path, issuer: str, year: int, schema_dir: Path | None) -> str:
    head = [
        schema_line(folder, schema_dir / REPORT_SCHEMA if schema_dir else None),
        f"# {report_title(issuer, year)}：版头、主体框架、版记。",
        "# 正文各部分在同一文件夹的 1-measures.toml … 4-plans.toml 中，按文件名顺序排列。",
        '# 本文件由 tui new 生成：空着的 ""、[] 和以“# ”开头的待填项都要补上，',
        "# tui validate 会逐条列出还缺什么。",
        '# 第五部分“其他需要报告的情况”可选：需要时新建 5-other.toml，写 kind = "other"。',
    ]
    doc = tomlkit.document()
    doc.add("year", year)
    note(doc["year"], "报告年度")
    doc.add(tomlkit.nl())

    header = tomlkit.table()
    note(header, "版头")
    header.add("issuer_mark", f"{issuer}文件")
    note(header["issuer_mark"], "发文机关标志：机关全称或规范化简称加“文件”")
    add_comments(
        header,
        [
            f"发文字号：机关代字〔年份〕序号号，如“宝应急〔{year + 1}〕2号”；"
            "年份与成文日期的年份相同，序号不编虚位。",
            "填写后删去下一行行首的“# ”：",
            'doc_number = ""',
        ],
    )
    header.add("signer", "")
    note(header["signer"], "签发人姓名（报告是上行文，须有签发人）")
    doc.add("header", header)

    body = tomlkit.table()
    note(body, "主体")
    body.add("title", report_title(issuer, year))
    recipients = tomlkit.array()
    body.add("recipients", recipients)
    note(body["recipients"], '主送机关，如 ["中共××区委", "××区人民政府"]')
    add_comments(body, ["开头语：概括全年工作的一段话，一般以“现将有关情况汇报如下：”结尾"])
    body.add("opening", "")
    body.add("signature", issuer)
    note(body["signature"], "发文机关署名")
    add_comments(
        body,
        [
            f"成文日期：TOML 日期，不加引号，如 date = {year + 1}-01-20；"
            f"应在 {year + 1} 年 3 月 31 日之前。",
            "填写后删去下一行行首的“# ”：",
            "date =",
        ],
    )
    doc.add("body", body)

    footer = tomlkit.table()
    note(footer, "版记")
    footer.add("cc", tomlkit.array())
    note(footer["cc"], "抄送机关；没有抄送时保持 []")
    footer.add("printer", issuer)
    note(footer["printer"], "印发机关")
    add_comments(
        footer,
        [
            "印发日期：不早于成文日期；填写后删去下一行行首的“# ”：",
            "print_date =",
            "印数（共印几份），正整数，如 copies = 5；填写后删去下一行行首的“# ”：",
            "copies =",
        ],
    )
    doc.add("footer", footer)
    return render(head, doc)


_SECTION_HEADINGS = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "leadership": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "plans": "下一年度推进法治建设的主要安排",
    "other": "其他需要报告的情况",
}
"""What the head comment of a section file calls its kind, after the section's number."""

_NUMERALS = "一二三四五六七八九"


def section_numeral(number: int) -> str:
    """1 → 一 … 99 → 九十九: a section's number as the export (and the head comment) writes it."""
    tens, ones = divmod(number, 10)
    ten = ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" if tens else ""
    return ten + (_NUMERALS[ones - 1] if ones else "")


_HEAD = re.compile(r"#[ \t]*(?P<number>[一二三四五六七八九十]+)、(?P<rest>.*)", re.DOTALL)


def renumbered_head(comment: str, kind: object, number: int) -> str | None:
    """The head comment ``comment`` naming the section's place as ``number``, if tui wrote it.

    ``tui new`` starts a section file with ``# 四、下一年度推进法治建设的主要安排。…``:
    the section's number, the heading of its ``kind`` and a full stop. Such a
    line, whatever follows the stop, gets the new number (``None`` when it has
    it already); any other comment is the clerk's own and is left alone
    (``None`` too).
    """
    match = _HEAD.fullmatch(comment)
    heading = _SECTION_HEADINGS.get(kind) if isinstance(kind, str) else None
    if match is None or heading is None or not match["rest"].startswith(heading + "。"):
        return None
    new = f"# {section_numeral(number)}、{match['rest']}"
    return new if new != comment else None


_NUMBERS_NOTE = [
    "正文中的数字写成 {指标名}，数值写在本文件末尾的 [metrics.指标名] 中，例如：",
    "  [metrics.penalty_cases]",
    "  value = 142",
    '  unit = "件"',
    '  label = "办理行政处罚案件"',
]
_LEAD_NOTE = [
    "引语（可选）：本部分开头的一段话。需要时删去下一行行首的“# ”再填写：",
    'lead = ""',
]


def _section_file(folder: Path, kind: str, year: int, schema_dir: Path | None, number: int) -> str:
    schema = schema_line(folder, schema_dir / SECTION_SCHEMA if schema_dir else None)
    return new_section_text(kind, section_title(kind, year), schema, number)


def new_section_text(kind: str, title: str, schema: str | None = None, number: int = 0) -> str:
    """A section file as ``tui new`` writes one, also for a section added to a report later.

    ``title`` is the section's (:func:`section_title` gives the statutory one);
    ``schema`` the ``#:schema`` line its sibling files have. The head comment
    names the kind after the section's ``number`` (四、…), which the editor keeps
    current when sections move (:func:`renumbered_head`); without one, the kind alone.
    """
    heading = _SECTION_HEADINGS[kind]
    return _section_text(
        kind, title, schema, f"{section_numeral(number)}、{heading}" if number else heading
    )


def _section_text(kind: str, title: str, schema: str | None, heading: str) -> str:
    head = [
        schema,
        f"# {heading}。编号（一、（一）、一是）由程序生成，不要手写。",
        *(f"# {line}" for line in _NUMBERS_NOTE),
    ]
    doc = tomlkit.document()
    doc.add("kind", kind)
    doc.add("title", title)
    if kind == "other":
        add_comments(doc, ['段落：每段一项文字，不写编号；要更多段就加一行 "",'])
        doc.add("paragraphs", blank_points(1))
        return render(head, doc)
    if kind in ("shortcomings", "leadership"):
        add_comments(doc, _LEAD_NOTE)
        add_comments(
            doc,
            ['要点：依次生成“一是……二是……”，每项一段文字，不写“一是”；要更多项就加一行 "",'],
        )
        doc.add("points", blank_points(1))
        return render(head, doc)
    doc.add(tomlkit.nl())
    if kind == "plans":
        add_comments(doc, _LEAD_NOTE)
    add_comments(
        doc,
        [
            "每个 [[parts]] 是一个（一）（二）……子部分：title 写小标题（不写编号），",
            'points 写“一是……二是……”各项，或者把 points 换成 text = "" 写一段正文。'
            if kind == "measures"
            else 'text 写一段正文，或者把 text 换成 points = [""] 写“一是……二是……”各项。',
            "要更多子部分时，复制整段 [[parts]]。",
            '小标题单独成段时加 standalone = true，其后各段写 paragraphs = ["", ""]；',
            "其下的 1. 2. 编号段落写在 [[parts.items]] 中（见 README“正文的层次”）。",
        ],
    )
    part = tomlkit.table()
    part.add("title", "")
    if kind == "measures":
        part.add("points", blank_points(1))
    else:
        part.add("text", "")
    parts = tomlkit.aot()
    parts.append(part)
    doc.add("parts", parts)
    return render(head, doc)


def skeleton_files(
    folder: Path, issuer: str, year: int, schema_dir: Path | None = None
) -> dict[str, str]:
    """The files of an empty report on ``year`` by ``issuer``, by file name.

    ``schema_dir`` is where ``report.schema.json`` and ``section.schema.json``
    live; when given, each file gets a ``#:schema`` line relative to ``folder``.
    """
    files = {REPORT_FILE: _report_file(folder, issuer, year, schema_dir)}
    for number, (kind, name) in enumerate(SECTION_FILES.items(), 1):
        files[name] = _section_file(folder, kind, year, schema_dir, number)
    return files


# -- writing a new folder ------------------------------------------------------------
def check_new_folder(folder: Path) -> None:
    """Refuse a target that would clobber something: a file, or a folder with files in it."""
    parent = Path(os.path.abspath(folder)).parent
    if not parent.is_dir():
        raise RecordError("上级文件夹不存在；请先建好它", parent)
    if folder.exists() and not folder.is_dir():
        raise RecordError("已有同名文件；tui new 需要一个新的（或空的）文件夹", folder)
    if folder.is_dir() and any(folder.iterdir()):
        raise RecordError(
            "文件夹已存在且不是空的；tui new 不会覆盖已有文件，请换一个文件夹名",
            folder,
        )


def create_report_folder(folder: Path, files: Mapping[str, str]) -> None:
    """Create ``folder`` holding ``files``, all or nothing, never over existing files."""
    check_new_folder(folder)
    folder = Path(os.path.abspath(folder))
    umask = os.umask(0)
    os.umask(umask)
    tmp: Path | None = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".new", dir=folder.parent))
        for name, text in files.items():
            with open(tmp / name, "xb") as out:
                out.write(text.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp / name, 0o666 & ~umask)
        os.chmod(tmp, 0o777 & ~umask)
        os.rename(tmp, folder)  # onto an empty folder at most; a non-empty one refuses
        tmp = None
    except OSError as e:
        if folder.is_dir() and any(folder.iterdir()):
            raise RecordError("文件夹已存在且不是空的；tui new 不会覆盖已有文件", folder) from e
        raise WriteError(f"无法创建报告文件夹：{e.strerror or e}", folder) from e
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    with contextlib.suppress(OSError):
        fd = os.open(folder.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
