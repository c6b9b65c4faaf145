"""Next year's report carried over from last year's: ``tui new DIR --from OLD_DIR``.

What stays the same from year to year is kept: the section files and their
names, the ``#:schema`` lines (re-pointed from the new folder), the issuer,
recipients and signer, the numbering choices, the structure of the body (every
block at every level, which headings stand alone, how many points and
paragraphs each has), and every metric's key, label and unit. What must be
new is cleared so that validation asks for it: years in titles move on, the
doc number and dates are emptied, metric values are removed (TOML has no
null, so the key is left as a comment), and all prose is emptied with last
year's wording kept beside it as comments, so the clerk rewrites it rather
than re-submitting it. Nothing here writes to OLD_DIR.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import Table

from records.body import LEVEL_KEYS
from records.editing import FILL_IN_NOTE, to_item
from records.errors import RecordError
from records.loader import REPORT_FILE, read_report
from records.model import RecordFile
from records.skeleton import add_comments, blank_points, note, render, shift_years

LAST_YEAR = "去年"
"""How comments holding last year's text begin, so the clerk can find and delete them."""

_DOC_NUMBER = re.compile(r"^\s*(?P<code>[^\s〔\[(（【]+)\s*[〔\[(（【]\s*[12]\d{3}\s*[〕\])）】]")
"""The 机关代字 of last year's 发文字号, even where its brackets were wrong (宝应急[2024]2号)."""


class _Years:
    """The move from the old report's year to the new one (none when the old year is unknown)."""

    def __init__(self, old: int | None, new: int) -> None:
        self.old = old
        self.new = new

    def shift(self, text: str) -> str:
        return text if self.old is None else shift_years(text, self.old, self.new)


def carry_over(old_folder: Path, new_folder: Path, year: int | None = None) -> dict[str, str]:
    """The files of the report that follows ``old_folder``, by file name (nothing is written).

    ``year`` is the new report's year; by default the year after the old one.
    Raises :class:`RecordError` when the old report cannot be read.
    """
    result = read_report(old_folder)
    if result.errors:
        raise result.errors[0]
    report = result.report
    if year is None:
        if report.year is None:
            where = report.meta.where(("year",))
            raise RecordError(
                "上一年度报告没有有效的报告年度（year），无法推算新的年度；请用 --year 指定",
                where.path,
                where.line,
                where.column,
            )
        year = report.year + 1
    years = _Years(report.year, year)
    files = {REPORT_FILE: _carry_meta(report.meta, old_folder, new_folder, years)}
    for section in report.sections:
        files[section.path.name] = _carry_section(section.file, old_folder, new_folder, years)
    return files


# -- the head of a file: its leading comments ----------------------------------------
_OUR_NOTES = ("# 本文件由 tui new --from ", "# 正文已清空；以“# ")
"""How the notes below begin, so that carrying a carried report replaces them."""


def _head(file: RecordFile, old_folder: Path, new_folder: Path, years: _Years) -> list[str]:
    lines: list[str] = []
    for line in file.source.text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        lines.append(line.rstrip())
    while lines and not lines[-1]:
        lines.pop()
    out = []
    for line in lines:
        if line.startswith(_OUR_NOTES):
            continue  # last year's report was carried too: its notes are replaced, not piled up
        if line.startswith("#:schema"):
            out.append(_rebase_schema(line, old_folder, new_folder))
        else:
            out.append(years.shift(line))
    old_name = Path(os.path.abspath(old_folder)).name
    out += [
        f"# 本文件由 tui new --from 从上一年度报告 {old_name} 转入：年份已顺延，"
        "日期、发文字号的序号和指标数值已清空。",
        f"# 正文已清空；以“# {LAST_YEAR}”开头的注释是去年的原文，仅供参考：请重写，"
        "不要照抄，写好后可删去这些注释。",
    ]
    return out


def _rebase_schema(line: str, old_folder: Path, new_folder: Path) -> str:
    """The same schema, referred to from the new folder (a URL or absolute path stays)."""
    ref = line[len("#:schema") :].strip()
    if not ref or "://" in ref or os.path.isabs(ref):
        return line
    target = os.path.normpath(os.path.join(os.path.abspath(old_folder), ref))
    try:
        moved = os.path.relpath(target, os.path.abspath(new_folder))
    except ValueError:
        moved = target
    return f"#:schema {Path(moved).as_posix()}"


# -- values ---------------------------------------------------------------------------
def _copy(value: Any) -> Any:
    """A kept value as a tomlkit item; an array of tables stays an array of tables."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        aot = tomlkit.aot()
        for item in value:
            aot.append(_copy(item))
        return aot
    if isinstance(value, dict):
        table = tomlkit.table()
        for key, item in value.items():
            table.add(key, _copy(item))
        return table
    return to_item(value)


def _shown(value: Any) -> str:
    """A value as a clerk would write it, for a comment."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _last_year(label: str, text: Any) -> list[str]:
    """Comment lines holding last year's ``text`` under ``label``."""
    lines = str(text).splitlines() or [""]
    return [f"{LAST_YEAR}{label}：{lines[0]}", *lines[1:]]


def _cleared_prose(container: Container | Table, key: str, label: str, text: Any) -> None:
    add_comments(container, _last_year(label, text))
    container.add(key, "")


def _cleared_list(container: Container | Table, key: str, label: str, value: list[Any]) -> None:
    """``points`` or ``paragraphs``: as many empty strings, each under last year's text."""
    notes = ["\n".join(_last_year(f"{label}{i}", v)) for i, v in enumerate(value, 1)]
    container.add(key, blank_points(len(value), notes))


_LIST_LABELS = {"points": "要点", "paragraphs": "段落"}
"""The prose arrays of a section or block, and what a comment calls each of their strings."""


# -- report.toml ----------------------------------------------------------------------
def _carry_meta(meta: RecordFile, old_folder: Path, new_folder: Path, years: _Years) -> str:
    doc = tomlkit.document()
    data = meta.data
    previous = os.path.relpath(os.path.abspath(old_folder), os.path.abspath(new_folder))

    def add_year() -> None:
        doc.add("year", years.new)
        note(doc["year"], "报告年度")
        doc.add("previous", Path(previous).as_posix())
        note(doc["previous"], "上一年度报告，tui compare 和编辑器据此对照去年的数值")

    if "year" not in data:
        add_year()
    for key, value in data.items():
        if key == "year":
            add_year()
        elif key == "previous":
            continue
        elif key == "waivers":
            add_comments(doc, ["去年的豁免（[[waivers]]）没有带入；今年如仍需要，请重新写明理由。"])
        elif key in ("header", "body", "footer") and isinstance(value, dict):
            doc.add(key, _carry_frame(key, value, years))
        else:
            doc.add(key, _copy(value))
    return render(_head(meta, old_folder, new_folder, years), doc)


_FRAME_NOTES = {"header": "版头", "body": "主体", "footer": "版记"}


def _carry_frame(name: str, values: dict[str, Any], years: _Years) -> Table:
    table = tomlkit.table()
    note(table, _FRAME_NOTES[name])
    next_year = years.new + 1
    for key, value in values.items():
        if key == "doc_number":
            _carry_doc_number(table, value, next_year)
        elif key == "title" and isinstance(value, str):
            table.add(key, years.shift(value))
        elif key == "opening":
            _cleared_prose(table, key, "的开头语", value)
        elif key in ("date", "print_date"):
            label = "成文日期" if key == "date" else "印发日期"
            add_comments(
                table,
                [
                    f"{label}：{LAST_YEAR}为 {_shown(value)}；今年写成 TOML 日期（不加引号），"
                    f"如 {key} = {next_year}-01-20。填写后删去下一行行首的“# ”：",
                    f"{key} =",
                ],
            )
        else:
            table.add(key, _copy(value))
    return table


def doc_number_template(previous: Any, year: int) -> str | None:
    """This year's 发文字号 without its serial number (宝应急〔2024〕2号 → 宝应急〔2025〕号).

    ``None`` when last year's gives no 机关代字 to carry.
    """
    match = _DOC_NUMBER.match(previous) if isinstance(previous, str) else None
    return f"{match.group('code')}〔{year}〕号" if match else None


def _carry_doc_number(table: Table, value: Any, year: int) -> None:
    """The 机关代字 and the new year carried, the serial number left for the clerk to type.

    ``doc_number = "宝应急〔2025〕号"`` is no valid 发文字号: validation asks
    for the number (S005, at the place it goes), so the report cannot be
    exported before it is typed; the note above says so, and the editor
    removes it once the number is typed.
    """
    template = doc_number_template(value, year)
    if template is None:  # nothing to derive: the key commented out, as a skeleton has it
        add_comments(
            table,
            [
                f"发文字号：{LAST_YEAR}为“{_shown(value)}”。写作“机关代字〔{year}〕序号号”，"
                "如“宝应急〔{year}〕2号”（年份与成文日期的年份相同）；"
                "填写后删去下一行行首的“# ”：".replace("{year}", str(year)),
                'doc_number = ""',
            ],
        )
        return
    add_comments(
        table,
        [
            f"发文字号：{LAST_YEAR}为“{_shown(value)}”。请在“〕”和“号”之间写上今年的序号"
            f"（不编虚位，如“{template[:-1]}2号”）；没有序号不能导出。{FILL_IN_NOTE}"
        ],
    )
    table.add("doc_number", template)


# -- section files --------------------------------------------------------------------
def _carry_section(file: RecordFile, old_folder: Path, new_folder: Path, years: _Years) -> str:
    doc = tomlkit.document()
    for key, value in file.data.items():
        if key == "title" and isinstance(value, str):
            doc.add(key, years.shift(value))
        elif key == "lead":
            _cleared_prose(doc, key, "的引语", value)
        elif key in _LIST_LABELS and isinstance(value, list):
            _cleared_list(doc, key, _LIST_LABELS[key], value)
        elif key in LEVEL_KEYS and isinstance(value, list):
            doc.add(tomlkit.nl())
            doc.add(key, _carry_blocks(value))
        elif key == "metrics" and isinstance(value, dict):
            doc.add(tomlkit.nl())
            add_comments(doc, ["—— 指标（数值已清空，单位和说明沿用去年）——"])
            doc.add(key, _carry_metrics(value))
        else:
            doc.add(key, _copy(value))
    return render(_head(file, old_folder, new_folder, years), doc)


def _carry_blocks(blocks: list[Any]) -> Any:
    """Blocks and everything below them: the structure kept, the prose cleared.

    A block keeps its keys (a numbered paragraph stays without a title, a
    standalone heading stays standalone) and the blocks of the levels below
    it; its title, text, points and paragraphs are emptied, last year's
    wording left above each as comments.
    """
    aot = tomlkit.aot()
    for block in blocks:
        table = tomlkit.table()
        for key, value in block.items() if isinstance(block, dict) else ():
            if key == "title":
                _cleared_prose(table, key, "的小标题", value)
            elif key == "text":
                _cleared_prose(table, key, "的正文", value)
            elif key in _LIST_LABELS and isinstance(value, list):
                _cleared_list(table, key, _LIST_LABELS[key], value)
            elif key in LEVEL_KEYS and isinstance(value, list):
                # even where the schema does not allow it (``parts`` in an item): its prose
                # is last year's too, and the validator still points at the misplaced key
                table.add(key, _carry_blocks(value))
            else:
                table.add(key, _copy(value))
        aot.append(table)
    return aot


def _carry_metrics(metrics: dict[str, Any]) -> Table:
    table = tomlkit.table(is_super_table=True)
    for key, metric in metrics.items():
        entry = tomlkit.table()
        fields = metric if isinstance(metric, dict) else {}
        old = fields.get("value")
        unit = str(fields.get("unit", ""))
        shown = "未填写" if old is None else f"{_shown(old)}{'' if unit == '%' else ' '}{unit}"
        add_comments(
            entry,
            [f"{LAST_YEAR}为 {shown}。填写今年的数值后删去下一行行首的“# ”：", "value ="],
        )
        for name, value in fields.items():
            if name != "value":
                entry.add(name, _copy(value))
        table.add(key, entry)
    return table
