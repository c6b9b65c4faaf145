"""Which page the 版记 will fall on, estimated without a word processor.

GB/T 9704 7.4 puts the 版记 on the last face of the printed document, the
back of a sheet: an even page. Whether the body ends on an odd or even page
is known only after layout, which Word, WPS and LibreOffice do on opening.
The page is regular enough to estimate, though: 3号 text on a fixed pitch,
22 lines of 28 characters. Where the estimate is not clearly even, the
exporter starts the 版记 on the next even page, which is always correct
(at worst a blank page stands before it, as 7.5.1 foresees).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from exporters import docx_layout as L
from exporters.document import Document
from exporters.docx_title import break_title
from exporters.text import width

_NO_LINE_START = "，。、；：！？）》」』”’〕】…—"
_NO_LINE_END = "（《「『“‘〔【"
_FULL = 315
_HALF = 155
_AUTOSPACE = 80
"""The gap a word processor puts between Chinese and Western characters (about ¼ em)."""


@dataclass(frozen=True)
class PageEstimate:
    """Where the 版记 would stand: its page, and how sure the estimate is of that page."""

    page: int
    margin_lines: int
    """How many lines the layout could be off before the page changed."""

    @property
    def surely_even(self) -> bool:
        return self.page % 2 == 0 and self.margin_lines >= 2


def _advance(ch: str) -> int:
    return _FULL if unicodedata.east_asian_width(ch) in "WFA" or ord(ch) > 0x2E80 else _HALF


def paragraph_lines(text: str, first_indent: int = 2 * L.CHAR, room: int = L.TYPE_WIDTH) -> int:
    """Lines a 3号 paragraph takes: greedy breaking with the usual Chinese line rules."""
    lines, used = 1, first_indent
    previous = ""
    for ch in text:
        step = _advance(ch)
        if previous and (_advance(previous) == _FULL) != (step == _FULL):
            narrow = ch if step != _FULL else previous
            if narrow.isalnum():
                step += _AUTOSPACE
        previous = ch
        if used + step <= room:
            used += step
        elif ch in _NO_LINE_START and used + _FULL <= room + _FULL:
            used = room  # the punctuation hangs into the margin and ends the line
        else:
            lines += 1
            used = step
    return lines


def imprint_lines(text: str) -> int:
    """Lines a 版记 item in 4号 takes between its one-character margins."""
    per_line = (L.TYPE_WIDTH - 2 * L.FOOTER_CHAR) / L.FOOTER_CHAR
    return max(1, math.ceil(width(text.replace("\t", "　")) / 2 / per_line))


def _masthead_twips(document: Document) -> int:
    """The height of everything above the 主送机关 on page one."""
    size, _ = L.mark_size(width(document.issuer_mark) / 2)
    mark_line = round(size * 20 * L.MARK_LINE_FACTOR)
    rule = L.RED_RULE_SPACE_PT * 20 + L.RED_RULE * 20 // 8
    title_lines = len(break_title(document.title, document.signature))
    return (
        L.mark_spacer(size)
        + mark_line
        + 3 * L.LINE  # two blank lines and the 发文字号
        + rule
        + 2 * L.LINE
        + title_lines * L.TITLE_LINE
        + L.LINE
    )


@dataclass(frozen=True)
class _Block:
    lines: int
    kept: bool = False
    """Kept on the page of the block after it (a heading; the body's last paragraph)."""
    splittable: bool = True
    last_body: bool = False
    """The body's last paragraph, kept with the signature: where word processors differ."""


def _blocks(document: Document) -> list[_Block]:
    blocks: list[_Block] = []
    if document.recipients:
        blocks.append(_Block(paragraph_lines(document.recipients, 0), kept=True))
    for paragraph in document.body:
        blocks.append(_Block(paragraph_lines(paragraph.text), kept=paragraph.heading))
    signature = sum(1 for s in (document.signature, document.date) if s)
    if signature:
        if blocks:
            blocks[-1] = _Block(blocks[-1].lines, kept=True, last_body=True)
        blocks.append(_Block(1 + signature, splittable=False))
    return blocks


@dataclass(frozen=True)
class _End:
    page: int
    free: int
    """Lines left free on that page under the body's last line."""
    unsure: bool


def _body_end(document: Document, shift: int = 0) -> _End:
    """Where the body (with the signature) ends; ``shift`` lines more above it on page one.

    A run of blocks kept together goes to the next page whole unless its
    last block can be split there after at least one line. A run longer than
    a page that must break is laid out differently by Word (which keeps only
    the last lines together) and LibreOffice (which gives up keeping): the
    estimate is then unsure.
    """
    per_page = L.TYPE_HEIGHT // L.LINE
    page, free = 1, (L.TYPE_HEIGHT - _masthead_twips(document)) // L.LINE - shift
    chain: list[_Block] = []
    unsure = False
    for block in _blocks(document):
        chain.append(block)
        if block.kept:
            continue
        kept, chain = chain[:-1], []
        head = sum(b.lines for b in kept)
        total = head + block.lines
        if total <= free:
            free -= total
            continue
        if not (block.splittable and head + 1 <= free) and total <= per_page:
            page, free = page + 1, per_page - total
            continue
        unsure = unsure or any(b.last_body for b in kept)
        overflow = total - free
        page += 1 + (overflow - 1) // per_page
        free = per_page - ((overflow - 1) % per_page + 1)
    return _End(page, free, unsure)


def estimate_imprint_page(document: Document, imprint_lines: int) -> PageEstimate:
    """The page the 版记 falls on if nothing is forced, and the margin of the estimate."""
    per_page = L.TYPE_HEIGHT // L.LINE
    end = _body_end(document)
    page, free = end.page, end.free
    if free < imprint_lines:
        page, margin = page + 1, min(imprint_lines - free, per_page - imprint_lines)
    else:
        margin = min(free - imprint_lines + 1, per_page - free)
    return PageEstimate(page, 0 if end.unsure else margin)


SURE_LINES = 2
"""How many lines the layout may be off while an estimate still counts as sure."""


def body_ends_on_even_page(document: Document) -> bool | None:
    """Whether the body's last page is even, or ``None`` when the layout could decide either way.

    A 版记 forced onto the next even page after a body that ends on an even
    page has a blank page before it, and then neither page is numbered
    [STD 7.5]. The answer is sure when the body would end on a page of the
    same parity were the text up to two lines longer or shorter.
    """
    ends = [_body_end(document, shift) for shift in range(-SURE_LINES, SURE_LINES + 1)]
    if any(end.unsure for end in ends) or len({end.page % 2 for end in ends}) > 1:
        return None
    return ends[0].page % 2 == 0
