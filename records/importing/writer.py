"""Writing an imported report as record files a clerk could have written by hand.

The files carry the ``#:schema`` lines and the notes ``tui new`` writes, say
where they came from, state each guess (the kind of a section, the report
year) at the value it concerns, and leave what the source lacked as an
empty value or a commented-out key, so ``tui validate`` names what is
still to be filled in. Text is copied as it was, with ``{`` and ``}``
doubled: in records they would be metric references.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import Array, Table

from records.body import KEY_OF_LEVEL
from records.editing import to_item
from records.importing.figures import REF_CLOSE, REF_OPEN
from records.importing.model import ImportedBlock, ImportedReport, ImportedSection
from records.importing.words import KIND_NAMES, chinese_number
from records.loader import REPORT_FILE
from records.skeleton import (
    _NUMBERS_NOTE,
    REPORT_SCHEMA,
    SECTION_SCHEMA,
    add_comments,
    note,
    render,
    schema_line,
)


def prose(text: str) -> str:
    """Text as a record's prose holds it: literal braces doubled, metric references as ``{key}``."""
    text = text.replace("{", "{{").replace("}", "}}")
    return text.replace(REF_OPEN, "{").replace(REF_CLOSE, "}")


def lines_array(values: list[str]) -> Array:
    """An array of strings, one a line, as a clerk writes points and paragraphs."""
    array = tomlkit.array()
    for value in values:
        array.add_line(value, indent="  ")
    array.add_line(indent="")
    return array


def _add(container: Container | Table, key: str, value: Any, comment: str) -> None:
    """``key = value  # comment``."""
    item = tomlkit.item(value)
    note(item, comment)
    container.add(key, item)


def _missing(container: Container | Table, key: str, what: str, example: str) -> None:
    add_comments(container, [f"原文没有{what}：填写后删去下一行行首的“# ”：", f"{key} = {example}"])


def section_file_names(report: ImportedReport) -> list[str]:
    """``1-measures.toml``, ``2-leadership.toml`` …: the sections in the source's order."""
    return [f"{s.number}-{s.kind}.toml" for s in report.sections]


def _report_file(report: ImportedReport, folder: Path, schema_dir: Path | None) -> str:
    names = section_file_names(report)
    title = report.title.replace("\n", "")
    head = [
        schema_line(folder, schema_dir / REPORT_SCHEMA if schema_dir else None),
        f"# {title or '（原文没有标题）'}：版头、主体框架、版记。",
        f"# 由 tui import 从 {report.source_name} 导入"
        + (
            f"；正文各部分在 {names[0]} … {names[-1]} 中，按文件名顺序排列。"
            if len(names) > 1
            else f"；正文在 {names[0]} 中。"
            if names
            else "。"
        ),
        '# 原文没有的项空着（""、[]）或写成以“# ”开头的注释，都要补上；',
        "# tui validate 会逐条列出还缺什么。",
    ]
    doc = tomlkit.document()
    if report.year is not None:
        doc.add("year", report.year)
        note(doc["year"], f"报告年度（{report.year_reason}，请核对）")
    else:
        _missing(doc, "year", "报告年度", "2024")
    doc.add(tomlkit.nl())
    if report.items_run_on or report.item_style != "1.":
        numbering = tomlkit.table()
        if report.items_run_on:
            _add(
                numbering,
                "items_run_on",
                True,
                "原文的条目编号跨（一）（二）连续，不在每个（一）中重新编号",
            )
        if report.item_style != "1.":
            numbering.add("item_style", report.item_style)
            note(numbering["item_style"], "原文如此；GB/T 9704 写作“1.”")
        doc.add("numbering", numbering)

    header = tomlkit.table()
    note(header, "版头")
    header.add("issuer_mark", report.issuer_mark)
    note(header["issuer_mark"], "发文机关标志" + ("" if report.issuer_mark else "（原文没有）"))
    if report.doc_number:
        header.add("doc_number", report.doc_number)
        note(header["doc_number"], "发文字号")
    else:
        _missing(header, "doc_number", "发文字号（机关代字〔年份〕序号号）", '""')
    header.add("signer", report.signer)
    note(header["signer"], "签发人" + ("" if report.signer else "（原文没有；上行文须有签发人）"))
    doc.add("header", header)

    body = tomlkit.table()
    note(body, "主体")
    body.add("title", prose(report.title))
    body.add("recipients", report.recipients)
    note(body["recipients"], "主送机关" + ("" if report.recipients else "（原文没有）"))
    body.add("opening", prose(report.opening))
    if report.opening_paragraphs:
        body.add("paragraphs", lines_array([prose(p) for p in report.opening_paragraphs]))
        note(body["paragraphs"], "开头语的其他段落")
    body.add("signature", report.signature)
    note(body["signature"], "发文机关署名" + ("" if report.signature else "（原文没有）"))
    if report.date:
        body.add("date", report.date)
        note(body["date"], "成文日期")
    else:
        _missing(body, "date", "成文日期", "2025-01-20")
    doc.add("body", body)

    footer = tomlkit.table()
    note(footer, "版记" + ("" if report.cc or report.printer else "（原文没有版记）"))
    footer.add("cc", report.cc)
    note(footer["cc"], "抄送机关")
    footer.add("printer", report.printer)
    note(footer["printer"], "印发机关")
    if report.print_date:
        footer.add("print_date", report.print_date)
    else:
        _missing(footer, "print_date", "印发日期", "2025-01-20")
    if report.copies is not None:
        footer.add("copies", report.copies)
        note(footer["copies"], "共印份数")
    else:
        _missing(footer, "copies", "印数", "5")
    doc.add("footer", footer)
    return render(head, doc)


def _own(
    table: Container | Table,
    text_key: str,
    text: str,
    points: list[str],
    paragraphs: list[str],
    points_standalone: bool = False,
) -> None:
    if text:
        table.add(text_key, prose(text))
    if points:
        table.add("points", lines_array([prose(p) for p in points]))
        if points_standalone:
            flag = tomlkit.item(True)
            note(flag, "原文每个要点单独成段")
            table.add("points_standalone", flag)
    if paragraphs:
        table.add("paragraphs", lines_array([prose(p) for p in paragraphs]))


def _blocks(container: Container | Table, blocks: list[ImportedBlock]) -> None:
    """Each level's blocks under the key of that level.

    Siblings never rise in level once a higher one has opened (a 1. after a
    （一） belongs to it), so grouping by key keeps the document order.
    """
    by_key: dict[str, Any] = {}
    for block in blocks:
        key = KEY_OF_LEVEL[block.level]
        if key not in by_key:
            by_key[key] = tomlkit.aot()
        table = tomlkit.table()
        if block.title:
            table.add("title", prose(block.title))
        if block.standalone:
            table.add("standalone", True)
        _own(table, "text", block.text, block.points, block.paragraphs, block.points_standalone)
        _blocks(table, block.children)
        by_key[key].append(table)
    for key, aot in by_key.items():
        container.add(key, aot)


def _section_file(
    report: ImportedReport, section: ImportedSection, folder: Path, schema_dir: Path | None
) -> str:
    head = [
        schema_line(folder, schema_dir / SECTION_SCHEMA if schema_dir else None),
        f"# {chinese_number(section.number)}、{section.title}",
        f"# 由 tui import 从 {report.source_name} 导入。",
        "# 编号（一、（一）1. 一是）由程序生成，不要手写。",
        *(f"# {line}" for line in _NUMBERS_NOTE),
    ]
    doc = tomlkit.document()
    doc.add("kind", section.kind)
    others = "、".join(k for k in KIND_NAMES if k != section.kind)
    note(
        doc["kind"],
        f"按标题推断为“{KIND_NAMES[section.kind]}”（{section.kind_reason}）；不对请改为 {others}",
    )
    doc.add("title", prose(section.title))
    _own(doc, "lead", section.lead, section.points, section.paragraphs, section.points_standalone)
    if section.blocks:
        doc.add(tomlkit.nl())
    _blocks(doc, section.blocks)
    _metrics(doc, section)
    return render(head, doc)


def _metrics(doc: Container, section: ImportedSection) -> None:
    """``[metrics.KEY]`` for each figure taken out of the prose, in the order of the text."""
    if not section.metrics:
        return
    doc.add(tomlkit.nl())
    add_comments(
        doc,
        [
            "以下指标由 tui import 从正文中的数字生成：正文中的 {指标名} 导出时印出 value。",
            "生成的指标名可以改成更好记的（正文中的 {…} 一并改）；label 取自数字前的文字，请核对。",
        ],
    )
    metrics = tomlkit.table(is_super_table=True)
    for metric in section.metrics:
        table = tomlkit.table()
        table.add("value", to_item(metric.value))
        table.add("unit", metric.unit)
        table.add("label", metric.label)
        if metric.known:
            note(table, "常用指标（与各单位的汇总对应）")
        metrics.add(metric.key, table)
    doc.add("metrics", metrics)


def report_files(
    report: ImportedReport, folder: Path, schema_dir: Path | None = None
) -> dict[str, str]:
    """The files of the imported report, by name: report.toml first, then each section."""
    files = {REPORT_FILE: _report_file(report, folder, schema_dir)}
    for name, section in zip(section_file_names(report), report.sections, strict=True):
        files[name] = _section_file(report, section, folder, schema_dir)
    return files
