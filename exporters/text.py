"""The report as plain text: the whole document, or the form a government website publishes.

Paragraphs are indented with two ideographic spaces, the signature and date
stand at the right of a 28-character line as on the printed page, and the
版记 follows a rule. The website form (``web=True``) is the 主体 alone: the
title, the 主送, the body, the 署名 and 成文日期, without the 版头
(发文机关标志, 发文字号 and 签发人) and the 版记. A title written over several
lines (``\\n`` in ``[body] title``) prints each line as a line of its own. Line
endings are ``\\n``; the caller decides the file.
"""

from __future__ import annotations

import unicodedata

from exporters.document import Document, build_document
from records import Report

LINE_WIDTH = 28
"""Characters a line on the printed page (GB/T 9704 5.2.3)."""

INDENT = "\u3000\u3000"
RULE = "─" * LINE_WIDTH


def width(text: str) -> int:
    """Display width in half-width columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(columns: int) -> str:
    """Blank space ``columns`` half-width columns wide, in ideographic spaces where possible."""
    columns = max(columns, 0)
    return "\u3000" * (columns // 2) + " " * (columns % 2)


def _signature_lines(signature: str, date: str) -> list[str]:
    """署名 two characters in from the right, 日期 below it starting two characters further right.

    When the date would then run past that margin, it stands two characters
    in from the right instead and the signature moves left with it (GB/T 9704 7.3.5.2).
    """
    line = LINE_WIDTH * 2
    sig_start = line - 4 - width(signature)
    date_start = sig_start + 4
    overflow = date_start + width(date) - (line - 4)
    if overflow > 0:
        sig_start -= overflow
        date_start -= overflow
    lines = [_pad(sig_start) + signature] if signature else []
    if date:
        lines.append(_pad(date_start) + date)
    return lines


def title_lines(title: str) -> list[str]:
    """The title's lines: broken where the clerk wrote ``\\n`` (GB/T 9704 7.3.1), blanks dropped."""
    return [line for line in (part.strip() for part in title.split("\n")) if line]


def render_document(document: Document, *, web: bool = False) -> str:
    """The text of a laid-out document; ``web``: only what the website publishes."""
    lines: list[str] = []

    def block(*items: str) -> None:
        """Lines, then a blank line; nothing at all when every item is empty."""
        printed = [item for item in items if item]
        if printed:
            lines.extend([*printed, ""])

    if not web:
        block(document.issuer_mark)
        number_line = document.doc_number
        if document.signer:
            signer = f"签发人：{document.signer}"
            gap = LINE_WIDTH * 2 - width(number_line) - width(signer) - 4
            number_line = f"{_pad(2)}{number_line}{_pad(max(gap, 4))}{signer}"
        block(number_line)
    block(*title_lines(document.title))
    block(document.recipients)
    for paragraph in document.body:
        lines.append(INDENT + paragraph.text)
    lines.append("")
    block(*_signature_lines(document.signature, document.date))
    if not web:
        lines.extend(_imprint_lines(document))
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines).rstrip("\n") + "\n"


def _imprint_lines(document: Document) -> list[str]:
    """The 版记 between two rules: 抄送, 印发机关 and 印发日期, 印数."""
    footer = [RULE]
    if document.cc:
        footer.append(f"{_pad(2)}抄送：{document.cc}。")
    printed = f"{document.print_date}印发" if document.print_date else ""
    if document.printer or printed:
        gap = LINE_WIDTH * 2 - width(document.printer) - width(printed) - 4
        footer.append(f"{_pad(2)}{document.printer}{_pad(max(gap, 2))}{printed}")
    if document.copies is not None:  # one character in from the right, as in the DOCX
        copies = f"（共印{document.copies}份）"
        footer.append(_pad(LINE_WIDTH * 2 - width(copies) - 2) + copies)
    footer.append(RULE)
    return footer


def export_text(report: Report, *, web: bool = False) -> tuple[str, Document]:
    """The text of ``report``, and the laid-out document (with its problems).

    ``web=True`` gives the website form: title, 主送, body, 署名 and 成文日期,
    without the 版头 and the 版记.
    """
    document = build_document(report)
    return render_document(document, web=web), document
