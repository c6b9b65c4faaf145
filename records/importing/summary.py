"""What an import found, in the words the clerk reads after ``tui import``.

The core returns lines; the command prints them.
"""

from __future__ import annotations

from records.importing.model import ImportedReport, ImportedSection
from records.importing.words import KIND_NAMES, chinese_number
from records.importing.writer import section_file_names

_LEVELS = {2: "（一）级", 3: "1. 级", 4: "（1）级"}


def summary_lines(report: ImportedReport) -> list[str]:
    """Header fields found and missing, each section with its guessed kind, counts of blocks."""
    fields = [
        ("发文机关标志", report.issuer_mark),
        ("发文字号", report.doc_number),
        ("签发人", report.signer),
        ("标题", report.title),
        ("主送", "、".join(report.recipients)),
        ("开头语", report.opening),
        ("署名", report.signature),
        ("成文日期", report.date),
        ("抄送", "、".join(report.cc)),
        ("印发机关", report.printer),
        ("印发日期", report.print_date),
        ("印数", report.copies),
    ]
    found = [name for name, value in fields if value not in ("", None)]
    missing = [name for name, value in fields if value in ("", None)]
    lines = [f"找到：{'、'.join(found) or '（无）'}"]
    if missing:
        lines.append(f"原文没有：{'、'.join(missing)}")
    if report.year is not None:
        lines.append(f"报告年度：{report.year}（{report.year_reason}）")
    if any(b.level == 3 for section in report.sections for b in section.walk()):
        numbering = "跨（一）连续编号" if report.items_run_on else "在每个（一）中重新编号"
        lines.append(f"条目编号：写作“{report.item_style}”，{numbering}")
    lines.append(f"正文 {len(report.sections)} 个部分：")
    for name, section in zip(section_file_names(report), report.sections, strict=True):
        lines.append(f"  {name}  {chinese_number(section.number)}、{section.title}")
        lines.append(f"      → {section.kind}（{KIND_NAMES[section.kind]}；{section.kind_reason}）")
        lines.append("      " + _counts(section))
    return lines


def _counts(section: ImportedSection) -> str:
    blocks = section.walk()
    parts: list[str] = []
    for level, name in _LEVELS.items():
        headings = sum(1 for b in blocks if b.level == level and b.title)
        standalone = sum(1 for b in blocks if b.level == level and b.standalone)
        if headings == standalone > 0:
            parts.append(f"{name}标题 {headings} 个（单独成段）")
        elif headings and not standalone:
            parts.append(f"{name}标题 {headings} 个（段首标题）")
        elif headings:
            parts.append(f"{name}标题 {headings} 个（其中单独成段 {standalone} 个）")
    numbered = sum(1 for b in blocks if b.level >= 3 and not b.title)
    if numbered:
        parts.append(f"编号段落 {numbered} 个")
    points = len(section.points) + sum(len(b.points) for b in blocks)
    if points:
        parts.append(f"要点（一是……）{points} 项")
    paragraphs = (
        bool(section.lead)
        + len(section.paragraphs)
        + sum(bool(b.text and b.title) + len(b.paragraphs) for b in blocks)
    )
    parts.append(f"段落 {paragraphs} 个")
    if section.metrics:
        known = sum(1 for m in section.metrics if m.known)
        parts.append(
            f"指标 {len(section.metrics)} 个" + (f"（常用指标 {known} 个）" if known else "")
        )
    return "，".join(parts)
