"""The submission DOCX, laid out by GB/T 9704-2012 《党政机关公文格式》 for an upward report.

The content comes from :func:`exporters.document.build_document`, like the
published text, so the two never disagree; this module only decides where
and in what face each part stands. The numbers are the standard's (see the
clause tags) or were measured by rendering, and live in
:mod:`exporters.docx_layout`. Only this module and its ``docx_*`` helpers
import python-docx.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.section import Section as DocxSection
from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from exporters import docx_layout as L
from exporters.document import Document, Paragraph, build_document
from exporters.docx_chars import report_problems, strip_illegal
from exporters.docx_fonts import Fonts, resolve_fonts
from exporters.docx_ooxml import (
    add_page_field,
    add_text,
    bottom_border,
    cell_rules,
    drop_footer_references,
    float_table_at_bottom,
    format_paragraph,
    prepare_template,
    set_line_pitch,
    start_section_on_even_page,
    style_run,
)
from exporters.docx_pages import body_ends_on_even_page, estimate_imprint_page, imprint_lines
from exporters.docx_title import break_title, title_text
from exporters.text import width
from records import Diagnostic, Report


@dataclass
class DocxExport:
    """The file's bytes, the document they show, and what the clerk should fix."""

    data: bytes
    document: Document
    fonts: Fonts
    problems: list[Diagnostic]


class _Builder:
    """Writes one document into a fresh python-docx ``Document``, top to bottom."""

    def __init__(self, document: Document, fonts: Fonts) -> None:
        self.source = document
        self.fonts = fonts
        self.docx = docx.Document()
        prepare_template(self.docx, font=fonts.body, size_pt=L.BODY_PT, line_twips=L.LINE)

    # -- primitives -------------------------------------------------------------
    def paragraph(self, *, line: int = L.LINE, **format_args: int | bool) -> DocxParagraph:
        """A new paragraph on the exact pitch, so that every page keeps its 22 lines."""
        paragraph = self.docx.add_paragraph()
        return format_paragraph(paragraph, line_twips=line, **format_args)  # type: ignore[arg-type]

    def body_run(self, paragraph: DocxParagraph, text: str, font: str | None = None) -> None:
        """3号 text in ``font`` (仿宋 by default), spaced so that 28 characters fill a line."""
        style_run(
            add_text(paragraph, text),
            font or self.fonts.body,
            L.BODY_PT,
            spacing_twips=L.BODY_SPACING,
        )

    def blank(self, lines: int = 1, *, keep_with_next: bool = False) -> None:
        """“空一行”: an empty line of the body's pitch, never spaces."""
        for _ in range(lines):
            self.paragraph(keep_with_next=keep_with_next)

    # -- page ---------------------------------------------------------------------
    def page(self) -> None:
        """A4, margins that give the 156 × 225 mm type area, no character grid [STD 5.1–5.2]."""
        section = self.docx.sections[0]
        section.page_width, section.page_height = Twips(L.PAGE_WIDTH), Twips(L.PAGE_HEIGHT)
        section.top_margin, section.bottom_margin = Twips(L.TOP), Twips(L.BOTTOM)
        section.left_margin, section.right_margin = Twips(L.LEFT), Twips(L.RIGHT)
        section.header_distance, section.footer_distance = (
            Twips(L.HEADER_DISTANCE),
            Twips(L.FOOTER_DISTANCE),
        )
        section.gutter = Twips(0)
        set_line_pitch(section, L.LINE)
        self.page_numbers()

    def page_numbers(self, section: DocxSection | None = None, *, numbered: bool = True) -> None:
        """— N — in 4号 宋体, odd pages right and even pages left, one character in [STD 7.5].

        Unnumbered footers (the 版记 page after a blank page) keep the same
        empty line, so the type area stays the same in every section.
        """
        section = section or self.docx.sections[0]
        for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            format_paragraph(
                paragraph,
                line_twips=L.PAGE_NUMBER_LINE,
                right=L.FOOTER_CHAR if odd else 0,
                left=0 if odd else L.FOOTER_CHAR,
            )
            paragraph.paragraph_format.space_before = Twips(L.PAGE_NUMBER_SPACE)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
            if not numbered:
                continue
            style_run(paragraph.add_run("— "), self.fonts.page_number, L.FOOTER_PT)
            style_run(add_page_field(paragraph), self.fonts.page_number, L.FOOTER_PT)
            style_run(paragraph.add_run(" —"), self.fonts.page_number, L.FOOTER_PT)

    # -- 版头 ---------------------------------------------------------------------
    def masthead(self) -> None:
        """发文机关标志, 发文字号 with 签发人, and the red separator [STD 7.2]."""
        src = self.source
        mark = strip_illegal(src.issuer_mark)
        size, scale = L.mark_size(width(mark) / 2)
        line = round(size * 20 * L.MARK_LINE_FACTOR)
        self.paragraph(line=L.mark_spacer(size))
        paragraph = self.paragraph(line=line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if mark:
            style_run(
                add_text(paragraph, mark), self.fonts.title, size, scale_percent=scale, color=L.RED
            )
        self.blank(2)
        number = self.paragraph(first_line=L.CHAR)
        if src.doc_number:
            self.body_run(number, src.doc_number)
        if src.signer:
            number.paragraph_format.tab_stops.add_tab_stop(
                Twips(L.TYPE_WIDTH - L.CHAR), WD_TAB_ALIGNMENT.RIGHT
            )
            self.body_run(number, "\t签发人：")
            self.body_run(number, src.signer, self.fonts.heading2)
        bottom_border(number, eighths_pt=L.RED_RULE, space_pt=L.RED_RULE_SPACE_PT, color=L.RED)

    # -- 主体 ---------------------------------------------------------------------
    def title(self) -> None:
        """标题 in 2号 小标宋, centred, broken where the clerk broke it or between words.

        [STD 7.3.1]
        """
        self.blank(2)
        for text in break_title(
            strip_illegal(self.source.title), strip_illegal(self.source.signature)
        ):
            paragraph = self.paragraph(line=L.TITLE_LINE, keep_with_next=True)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style_run(add_text(paragraph, text), self.fonts.title, L.TITLE_PT)
        self.blank(1, keep_with_next=True)

    def recipients(self) -> None:
        """主送机关 flush left, ending with ： [STD 7.3.2]."""
        if self.source.recipients:
            self.body_run(self.paragraph(keep_with_next=True), self.source.recipients)

    def body(self) -> None:
        """正文: two characters in; 一、 in 黑体, （一） run in 楷体 [STD 7.3.3]."""
        fonts = {
            "body": self.fonts.body,
            "heading1": self.fonts.heading1,
            "heading2": self.fonts.heading2,
        }
        for item in self.source.body:
            paragraph = self.body_paragraph(item)
            for span in item.spans:
                self.body_run(paragraph, span.text, fonts[span.style])

    def body_paragraph(self, item: Paragraph) -> DocxParagraph:
        """A justified paragraph indented two characters; a heading keeps with what follows."""
        paragraph = self.paragraph(first_line=2 * L.CHAR, keep_with_next=item.heading)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return paragraph

    def signature(self) -> None:
        """署名 and 成文日期 without a seal, never alone on a page [STD 7.3.5.2, 7.3.5.5].

        The signature stands two characters in from the right, the date on
        the next line starting two characters further right; a date longer
        than that stands two in from the right and pushes the signature left.
        Both are one paragraph that cannot split, kept with the last line of
        the body, so neither can be left on a page without body text.
        """
        src = self.source
        if not (src.signature or src.date):
            return
        self.docx.paragraphs[-1].paragraph_format.keep_with_next = True
        self.blank(1, keep_with_next=True)
        signature_chars, date_chars = width(src.signature) / 2, width(src.date) / 2
        sig_right, date_left, _ = L.signature_layout(signature_chars, date_chars)
        sig_start = L.LINE_CHARS - sig_right - signature_chars
        if not src.signature:
            sig_start = date_left if date_left is not None else L.LINE_CHARS - 2 - date_chars
        paragraph = self.paragraph(left=round(sig_start * L.CHAR))
        paragraph.paragraph_format.keep_together = True
        if src.signature:
            self.body_run(paragraph, src.signature)
        if src.date:
            if src.signature:
                paragraph.add_run().add_break()
            stops = paragraph.paragraph_format.tab_stops
            if date_left is not None:
                stops.add_tab_stop(Twips(round(date_left * L.CHAR)), WD_TAB_ALIGNMENT.LEFT)
            else:
                stops.add_tab_stop(Twips(L.TYPE_WIDTH - 2 * L.CHAR), WD_TAB_ALIGNMENT.RIGHT)
            self.body_run(paragraph, "\t" + src.date)

    # -- 版记 ---------------------------------------------------------------------
    def imprint(self) -> None:
        """版记 at the foot of the last page: 抄送, 印发机关 and 印发日期, the rules [STD 7.4]."""
        src = self.source
        rows: list[tuple[str, str]] = []
        if src.cc:
            rows.append(("cc", f"抄送：{src.cc}。"))
        printed = f"{src.print_date}印发" if src.print_date else ""
        if src.printer or printed:
            rows.append(("printer", f"{src.printer}\t{printed}"))
        if src.copies is not None:
            rows.append(("copies", f"（共印{src.copies}份）"))
        if not rows:
            return
        estimate = estimate_imprint_page(self.source, sum(imprint_lines(t) for _, t in rows))
        if not estimate.surely_even:
            start_section_on_even_page(self.docx)
            if body_ends_on_even_page(self.source):
                # a blank page stands before the 版记 page: neither is numbered [STD 7.5]
                imprint_section = self.docx.sections[-1]
                drop_footer_references(imprint_section)
                self.page_numbers(imprint_section, numbered=False)
            self.tiny_paragraph()  # LibreOffice loses a section break that a table opens
        table = self.docx.add_table(rows=len(rows), cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        float_table_at_bottom(table, L.TYPE_WIDTH, L.LEFT)
        for i, (kind, text) in enumerate(rows):
            cell = table.cell(i, 0)
            cell.width = Twips(L.TYPE_WIDTH)
            top = L.IMPRINT_OUTER if i == 0 else L.IMPRINT_INNER if kind == "printer" else 0
            bottom = L.IMPRINT_OUTER if i == len(rows) - 1 else 0
            cell_rules(cell, top=top, bottom=bottom)
            self.imprint_row(cell.paragraphs[0], kind, text)
        self.tiny_paragraph()  # the floating table's anchor

    def tiny_paragraph(self) -> None:
        """An empty paragraph 1 pt high: an anchor that never adds a line or a page."""
        paragraph = self.paragraph(line=L.ANCHOR_LINE)
        style_run(paragraph.add_run(""), self.fonts.body, 1)

    def imprint_row(self, paragraph: DocxParagraph, kind: str, text: str) -> None:
        """One 版记 line in 4号 仿宋, one character in from each side [STD 7.4.2–7.4.3]."""
        char = L.FOOTER_CHAR
        if kind == "cc":
            # a long list wraps under the first name, after “抄送：” [STD 7.4.2]
            format_paragraph(
                paragraph, line_twips=L.LINE, left=4 * char, first_line=-3 * char, right=char
            )
        elif kind == "printer":
            format_paragraph(paragraph, line_twips=L.LINE, left=char, right=char)
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Twips(L.TYPE_WIDTH - char), WD_TAB_ALIGNMENT.RIGHT
            )
        else:
            format_paragraph(paragraph, line_twips=L.LINE, right=char)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        style_run(add_text(paragraph, text), self.fonts.body, L.FOOTER_PT)

    # -- whole --------------------------------------------------------------------
    def build(self) -> bytes:
        """The whole document in page order, saved to bytes."""
        self.page()
        self.masthead()
        self.title()
        self.recipients()
        self.body()
        self.signature()
        self.imprint()
        properties = self.docx.core_properties
        # the file's properties hold at most 255 characters each
        properties.title = strip_illegal(title_text(self.source.title))[:255]
        properties.author = strip_illegal(self.source.signature)[:255]
        properties.last_modified_by = properties.author
        properties.comments = ""
        properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
        out = io.BytesIO()
        self.docx.save(out)
        return out.getvalue()


def render_docx(document: Document, fonts: Fonts | None = None) -> bytes:
    """The DOCX bytes of a laid-out document."""
    return _Builder(document, fonts or Fonts()).build()


def export_docx(report: Report, font_overrides: Mapping[str, str] | None = None) -> DocxExport:
    """The submission DOCX of ``report``, with every problem that shows in it.

    Fonts come from ``report.toml``'s ``[fonts]`` table, overridden by
    ``font_overrides`` (the ``--font`` options). Problems are the unresolved
    references of the document and any character a DOCX cannot hold (which
    is left out of the file, so the file is always complete and valid).
    """
    document = build_document(report)
    fonts = resolve_fonts(report.meta.data.get("fonts"), font_overrides)
    problems = [*document.problems, *report_problems(report)]
    return DocxExport(render_docx(document, fonts), document, fonts, problems)
