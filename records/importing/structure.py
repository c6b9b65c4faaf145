"""Recognising the body: 一、 sections, （一） 1. （1） headings, numbered paragraphs, 一是 points.

The source's paragraphs are classified by the number they open with, the
numbering is read (do 1. 2. restart in each （一） or run on; is it written
1. or 1、), and the blocks are built as records.body holds them. A typed
number becomes the generated one, so a heading whose number the structure
would not generate (a gap, a repeat, another style) is kept as a plain
paragraph with its number as text, and listed for review: the export then
still prints the source as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from records.importing.frame import split_frame
from records.importing.model import (
    ImportedBlock,
    ImportedReport,
    ImportedSection,
    Note,
    SourceParagraph,
)
from records.importing.words import (
    chinese_number,
    chinese_to_int,
    first_year,
    guess_kind,
)

_CN = "一二三四五六七八九十"
_SECTION = re.compile(rf"^([{_CN}]+)[、.．]\s*(.*)$", re.S)
_PART = re.compile(rf"^[（(]([{_CN}]+)[）)]\s*(.*)$", re.S)
_ITEM = re.compile(r"^(\d{1,2})([.、．])(?!\d)\s*(.*)$", re.S)
_SUBITEM = re.compile(r"^[（(](\d{1,2})[）)]\s*(.*)$", re.S)
_ENDS = "。！？：；"
"""Where a run-in heading may end: the exporter adds 。 after a heading unless it ends so."""
_OPEN, _CLOSE = "“‘《（(「【〔", "”’》）)」】〕"
_STYLES = {".": "1.", "、": "1、", "．": "1．"}
_LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


@dataclass
class _Line:
    para: SourceParagraph
    level: int = 0
    """0 a plain paragraph; 1 一、, 2 （一）, 3 1., 4 （1）."""
    number: int = 0
    mark: str = ""
    rest: str = ""


def classify(para: SourceParagraph) -> _Line:
    """What a paragraph opens with: a number of some level, or none."""
    text = para.text
    for level, pattern in ((1, _SECTION), (2, _PART), (3, _ITEM), (4, _SUBITEM)):
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groups()
        number = chinese_to_int(groups[0]) if level <= 2 else int(groups[0])
        if not number or not groups[-1].strip():
            continue
        mark = groups[1] if level == 3 else ""
        return _Line(para, level, number, mark, groups[-1])
    return _Line(para)


def split_run_in(text: str) -> tuple[str, str]:
    """A run-in heading and its text: up to the first 。！？：； outside quotes and brackets.

    A heading ending in 。 loses it (the exporter puts it back); one ending in
    ！？：； keeps its mark. ("", text) when there is no such heading.
    """
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in _ENDS:
            title = text[:i] if ch == "。" else text[: i + 1]
            return (title, text[i + 1 :]) if title else ("", text)
    return "", text


def split_points(text: str) -> tuple[str, list[str]]:
    """The text before 一是, and each point of a run 一是…二是….

    A lone 一是 opening the text (or after its ：) is a list of one point: the
    export prints it as 一是… again, where a lead would be warned (F006).
    """
    starts: list[int] = []
    at = 0
    while True:
        marker = chinese_number(len(starts) + 1) + "是"
        found = -1
        search = at
        while True:
            found = text.find(marker, search)
            if found < 0 or found == 0 or text[found - 1] in "：:，,。；;、）)”":
                break
            search = found + 1
        if found < 0:
            break
        starts.append(found)
        at = found + len(marker)
    if not starts or (len(starts) == 1 and starts[0] > 0 and text[starts[0] - 1] not in "：:"):
        return text, []  # a lone 一是 is a point only where a list of points would start
    points = []
    for k, start in enumerate(starts):
        begin = start + len(chinese_number(k + 1)) + 1
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        points.append(text[begin:end])
    if any(not p for p in points):
        return text, []
    return text[: starts[0]], points


def _numbering(lines: list[_Line]) -> tuple[bool, str]:
    """Whether 1. runs on across （一）, and how the report writes it, as the source shows."""
    marks = Counter(line.mark for line in lines if line.level == 3)
    style = _STYLES[marks.most_common(1)[0][0]] if marks else "1."
    run_on_votes = restart_votes = 0
    groups: list[list[list[int]]] = []
    for line in lines:
        if line.level == 1:
            groups.append([[]])
        elif line.level == 2 and groups:
            groups[-1].append([])
        elif line.level == 3 and groups:
            groups[-1][-1].append(line.number)
    for parts in groups:
        numbers = [n for part in parts for n in part]
        runs_on = numbers == list(range(1, len(numbers) + 1))
        restarts = all(part == list(range(1, len(part) + 1)) for part in parts)
        run_on_votes += runs_on and not restarts
        restart_votes += restarts and not runs_on
    return run_on_votes > restart_votes, style


class _Builder:
    def __init__(self, report: ImportedReport) -> None:
        self.report = report
        self.section: ImportedSection | None = None
        self.stack: list[ImportedBlock] = []
        self.section_items = 0
        self.opening: list[SourceParagraph] = []
        self.sources: dict[int, SourceParagraph] = {}
        """The paragraph each block came from, by the block's id."""

    def review(self, para: SourceParagraph, reason: str) -> None:
        self.report.review.append(Note(para.number, para.text, reason))

    def add(self, line: _Line) -> None:
        if line.level == 1:
            self.open_section(line)
        elif line.level:
            self.open_block(line)
        else:
            self.plain(line.para)

    def open_section(self, line: _Line) -> None:
        expected = len(self.report.sections) + 1
        if line.number != expected:
            self.review(line.para, f"编号应为“{chinese_number(expected)}、”，按普通段落导入")
            self.plain(line.para)
            return
        title, text = split_run_in(line.rest)
        if title and text.strip():
            # 一、主要举措和成效。今年… : a section's title is printed on its own line
            self.review(
                line.para,
                "一级标题与正文在同一段：标题单独成行导入，其后的文字作为本部分的第一段",
            )
        else:
            title, text = line.rest, ""
            if any(ch in title for ch in "。；"):
                self.review(line.para, "部分标题中有句号，整行作为标题导入；请检查标题")
        kind, reason = guess_kind(title, self.report.year)
        self.section = ImportedSection(expected, title, kind, reason)
        self.report.sections.append(self.section)
        self.stack = []
        self.section_items = 0
        if text.strip():
            self.section.lead, self.section.points = split_points(text.strip())

    def open_block(self, line: _Line) -> None:
        if self.section is None:
            self.review(
                line.para, f"{_LEVEL_NAMES[line.level]}级编号出现在第一个“一、”之前，按普通段落导入"
            )
            self.plain(line.para)
            return
        level = line.level
        depth = len(self.stack)
        while depth and self.stack[depth - 1].level >= level:
            depth -= 1
        siblings = self.stack[depth - 1].children if depth else self.section.blocks
        if level == 3 and self.report.items_run_on:
            expected = self.section_items + 1
        else:
            expected = sum(1 for b in siblings if b.level == level) + 1
        style = self.report.item_style
        if line.number != expected or (level == 3 and _STYLES[line.mark] != style):
            want = {2: f"（{chinese_number(expected)}）", 3: f"{expected}{style[1:]}"}.get(
                level, f"（{expected}）"
            )
            self.review(
                line.para, f"编号与结构生成的“{want}”不同，按普通段落导入（编号保留为文字）"
            )
            self.plain(line.para)
            return
        del self.stack[depth:]  # the number is the structure's: the block opens here
        block = ImportedBlock(level, line.number)
        rest = line.rest
        heading = self.run_in_heading(line)
        if heading:
            block.title, block.text = heading.removesuffix("。"), rest[len(heading) :]
        elif level == 2:
            title, text = split_run_in(rest)
            if title and text:
                block.title, block.text = title, text
            else:
                block.title, block.standalone = rest, True
        elif len(rest) <= 50 and not any(ch in rest for ch in _ENDS):
            block.title, block.standalone = rest, True
        else:
            block.text = rest
        if block.text:
            block.text, block.points = split_points(block.text)
        if level == 3:
            self.section_items += 1
        self.sources[id(block)] = line.para
        siblings.append(block)
        self.stack.append(block)

    @staticmethod
    def run_in_heading(line: _Line) -> str:
        """The run-in heading the reader saw by its font, after the number and with its stop."""
        para = line.para
        prefix = len(para.text) - len(line.rest)
        heading = para.heading[prefix:] if para.heading.startswith(para.text[:prefix]) else ""
        if not heading or not line.rest.startswith(heading) or len(heading) >= len(line.rest):
            return ""
        after = line.rest[len(heading)]
        if after in _ENDS:  # the stop set in the body font
            heading += after
        if not heading.endswith(tuple(_ENDS)) or len(heading) >= len(line.rest):
            return ""  # a heading the exporter could not print back as it was
        return heading

    def plain(self, para: SourceParagraph) -> None:
        text = para.text
        if para.table:
            self.review(para, "表格中的文字，按普通段落导入（表格本身没有导入）")
        elif text.startswith("附件") and para not in self.report.after_date:
            self.review(para, "附件说明，按普通段落导入；附件本身请另行处理")
        if self.section is None:
            self.opening.append(para)
            return
        where: ImportedSection | ImportedBlock = self.stack[-1] if self.stack else self.section
        if _next_point_paragraph(where, text):
            # 一是… on one line, 二是… on the next: the points are paragraphs of their own
            where.points.append(text[len(chinese_number(len(where.points) + 1)) + 1 :])
            where.points_standalone = True
            return
        if self.stack:
            block = self.stack[-1]
            if block.is_bare:
                block.text, block.points = split_points(text)
            else:
                block.paragraphs.append(text)
            return
        section = self.section
        if not (section.lead or section.points or section.paragraphs or section.blocks):
            section.lead, section.points = split_points(text)
        else:
            section.paragraphs.append(text)

    def finish(self) -> None:
        for section in self.report.sections:
            self.unbare(section.blocks, section)
        if self.opening:
            self.report.opening = self.opening[0].text
            self.report.opening_paragraphs = [p.text for p in self.opening[1:]]

    def unbare(self, blocks: list[ImportedBlock], parent: ImportedSection | ImportedBlock) -> None:
        """Trailing headings ending in 。 with nothing under them become plain paragraphs.

        A standalone heading with nothing under it is an error (M005), and a
        run-in heading needs its text (M004); a sentence such as
        ``（一）执法力量不足。`` is kept as the paragraph it reads as, its number as
        text. Only trailing ones: the numbers of those before stay as they were.
        """
        for block in blocks:
            self.unbare(block.children, block)
        keep = len(blocks)
        while keep and _bare_sentence(blocks[keep - 1]):
            keep -= 1
        moved = blocks[keep:]
        del blocks[keep:]
        for block in moved:
            para = self.sources[id(block)]
            self.review(para, "标题之下什么也没有，按普通段落导入（编号保留为文字）")
            _append(_last_leaf(blocks) if blocks else parent, para.text)


def _next_point_paragraph(where: ImportedSection | ImportedBlock, text: str) -> bool:
    """``text`` opens with the next point's 二是 (三是 …), and the points so far stood alone.

    The first point stood alone when it opened its paragraph (no lead or text
    before it); the paragraph must hold that one point only, not a run.
    """
    points = where.points
    own_text = where.lead if isinstance(where, ImportedSection) else where.text
    alone = where.points_standalone or (len(points) == 1 and not own_text)
    if not points or not alone or where.paragraphs:
        return False
    if isinstance(where, ImportedBlock) and where.children:
        return False
    if isinstance(where, ImportedSection) and where.blocks:
        return False
    marker = chinese_number(len(points) + 1) + "是"
    if not text.startswith(marker) or len(text) == len(marker):
        return False
    # the points so far as placeholders, then this paragraph: it must add one point, not a run
    before = "".join(chinese_number(k) + "是…。" for k in range(1, len(points) + 1))
    return len(split_points(before + text)[1]) == len(points) + 1


def _bare_sentence(block: ImportedBlock) -> bool:
    return block.standalone and block.is_bare and block.title.endswith("。")


def _last_leaf(blocks: list[ImportedBlock]) -> ImportedBlock:
    block = blocks[-1]
    while block.children:
        block = block.children[-1]
    return block


def _append(where: ImportedSection | ImportedBlock, text: str) -> None:
    """``text`` as the last paragraph of a section or block that has no blocks after it."""
    if isinstance(where, ImportedSection):
        if not (where.lead or where.points or where.paragraphs):
            where.lead, where.points = split_points(text)
        else:
            where.paragraphs.append(text)
    elif where.is_bare:
        where.text, where.points = split_points(text)
    else:
        where.paragraphs.append(text)


def _year(report: ImportedReport, lines: list[_Line]) -> None:
    for text, reason in [
        (report.title.replace("\n", ""), "标题"),
        *((line.rest, "部分标题") for line in lines if line.level == 1),
        *((line.para.text, "开头语") for line in lines[:1] if not line.level),
    ]:
        year = first_year(text)
        if year:
            report.year, report.year_reason = year, f"取自{reason}中的年份"
            return
    if report.doc_number and first_year(report.doc_number):
        report.year = (first_year(report.doc_number) or 1) - 1
        report.year_reason = "发文字号年份的前一年"
    elif report.date:
        report.year, report.year_reason = report.date.year - 1, "成文日期年份的前一年"


def recognise(paras: list[SourceParagraph], source_name: str = "") -> ImportedReport:
    """The report in ``paras``: its frame, sections, blocks and numbering."""
    report = ImportedReport(source_name=source_name)
    body = split_frame(report, paras)
    lines = [classify(p) for p in body]
    report.items_run_on, report.item_style = _numbering(lines)
    _year(report, lines)
    builder = _Builder(report)
    for line in lines:
        builder.add(line)
    builder.finish()
    return report
