"""The WordprocessingML that python-docx has no API for, in one place.

GB/T 9704 needs things python-docx leaves out or gets wrong for Chinese: an
East Asian font on every run (``w:eastAsia``), character spacing, character
scaling, paragraph borders, a PAGE field, floating-table position, and a
template that is not US Letter with Japanese theme fonts. Lengths are in
twips (1/20 pt), the unit WordprocessingML itself uses.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from exporters.docx_chars import strip_illegal

_RPR_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
_PPR_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_PPR_AFTER_SNAP = _PPR_AFTER_BORDER[_PPR_AFTER_BORDER.index("w:snapToGrid") + 1 :]


def set_fonts(rpr, name: str) -> None:  # type: ignore[no-untyped-def]
    """Name ``name`` for every script and drop theme fonts, so Word and WPS use it for Chinese."""
    fonts = rpr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")


def style_run(
    run: Run,
    font: str,
    size_pt: float,
    *,
    spacing_twips: int = 0,
    scale_percent: int = 100,
    color: str | None = None,
) -> Run:
    """Set a run's font for all scripts, its size, and optionally spacing, scaling and colour."""
    run.font.size = Pt(size_pt)
    rpr = run._r.get_or_add_rPr()
    set_fonts(rpr, font)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    sz_cs = OxmlElement("w:szCs")
    sz_cs.set(qn("w:val"), str(round(size_pt * 2)))
    rpr.insert_element_before(sz_cs, *_RPR_AFTER_SPACING[_RPR_AFTER_SPACING.index("w:szCs") + 1 :])
    if scale_percent != 100:
        scale = OxmlElement("w:w")
        scale.set(qn("w:val"), str(scale_percent))
        rpr.insert_element_before(scale, *_RPR_AFTER_SPACING[1:])
    if spacing_twips:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(spacing_twips))
        rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)
    return run


def add_text(paragraph: Paragraph, text: str) -> Run:
    """A run holding ``text`` minus what XML cannot store (reported separately as X003)."""
    return paragraph.add_run(strip_illegal(text))


def format_paragraph(
    paragraph: Paragraph,
    *,
    line_twips: int,
    first_line: int = 0,
    left: int = 0,
    right: int = 0,
    keep_with_next: bool = False,
) -> Paragraph:
    """Exact line height, no space around, indents in twips, widow control off, no grid."""
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Twips(line_twips)
    pf.space_before = Twips(0)
    pf.space_after = Twips(0)
    pf.widow_control = False
    if first_line:
        pf.first_line_indent = Twips(first_line)
    if left:
        pf.left_indent = Twips(left)
    if right:
        pf.right_indent = Twips(right)
    if keep_with_next:
        pf.keep_with_next = True
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.insert_element_before(snap, *_PPR_AFTER_SNAP)
    return paragraph


def bottom_border(paragraph: Paragraph, *, eighths_pt: int, space_pt: int, color: str) -> None:
    """A rule under the paragraph, ``space_pt`` below its text (the red separator)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (
        ("w:val", "single"),
        ("w:sz", str(eighths_pt)),
        ("w:space", str(space_pt)),
        ("w:color", color),
    ):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_PPR_AFTER_BORDER)


def add_page_field(paragraph: Paragraph) -> Run:
    """A PAGE field (shown as 1 until the word processor updates it)."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, shown, end):
        run._r.append(element)
    return run


def _element(tag: str, **attrs: str):  # type: ignore[no-untyped-def]
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


_TBL_PR_SEQUENCE = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
)


def _order(parent, sequence: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Put children in schema order: Word refuses a file whose elements are out of order."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(sequence)}
    children = sorted(parent, key=lambda child: rank.get(child.tag, len(sequence)))
    for child in children:
        parent.append(child)


def float_table_at_bottom(table: Table, width_twips: int, left_twips: int) -> None:
    """Anchor ``table`` to the bottom of the type area, full width, no cell margins.

    The 版记 must end on the last line of the last page whatever length the
    body has; a floating table positioned against the margin does that in
    Word, WPS and LibreOffice. Horizontally it is placed from the page's
    edge (``left_twips``): LibreOffice keeps a table as wide as the type area
    floating only then.
    """
    tbl_pr = table._tbl.tblPr
    for child in list(tbl_pr):
        if child.tag in (qn("w:tblStyle"), qn("w:tblW"), qn("w:tblLook")):
            tbl_pr.remove(child)
    position = _element(
        "w:tblpPr",
        leftFromText="0",
        rightFromText="0",
        topFromText="0",
        bottomFromText="0",
        vertAnchor="margin",
        horzAnchor="page",
        tblpX=str(left_twips),
        tblpYSpec="bottom",
    )
    tbl_pr.insert(0, position)
    tbl_pr.append(_element("w:tblOverlap", val="never"))
    tbl_pr.append(_element("w:tblW", w=str(width_twips), type="dxa"))
    borders = _element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{edge}", val="nil"))
    tbl_pr.append(borders)
    tbl_pr.append(_element("w:tblLayout", type="fixed"))
    margins = _element("w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        margins.append(_element(f"w:{edge}", w="0", type="dxa"))
    tbl_pr.append(margins)
    _order(tbl_pr, _TBL_PR_SEQUENCE)
    grid = table._tbl.tblGrid
    for col in grid.findall(qn("w:gridCol")):
        col.set(qn("w:w"), str(width_twips))


def cell_rules(cell, *, top: int = 0, bottom: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Rules above and below a 版记 row, in eighths of a point (0 for none)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = _element("w:tcBorders")
    for edge, size in (("top", top), ("bottom", bottom)):
        if size:
            borders.append(
                _element(f"w:{edge}", val="single", sz=str(size), space="0", color="000000")
            )
    tc_pr.append(borders)


def set_line_pitch(section, line_twips: int) -> None:  # type: ignore[no-untyped-def]
    """The section's line pitch, with no document grid: a grid would re-space the lines."""
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = _element("w:docGrid")
        section._sectPr.append(grid)
    grid.attrib.pop(qn("w:type"), None)
    grid.set(qn("w:linePitch"), str(line_twips))


def start_section_on_even_page(document: DocxDocument) -> None:
    """Start what follows on the next even page, page numbers running on.

    The section break is carried by the last paragraph, so that it adds no
    line of its own. Both sections name the same footers: LibreOffice lays
    out a section that merely inherits them with a different bottom margin.
    """
    body = document.element.body
    last_section = body.get_or_add_sectPr()
    paragraphs = body.findall(qn("w:p"))
    if not paragraphs:
        return
    paragraphs[-1].set_sectPr(last_section.clone())
    last_section.start_type = WD_SECTION.EVEN_PAGE


def drop_footer_references(section) -> None:  # type: ignore[no-untyped-def]
    """Unlink a section from the footers it shares, so that it can be given its own."""
    for reference in section._sectPr.findall(qn("w:footerReference")):
        section._sectPr.remove(reference)


def prepare_template(document: DocxDocument, *, font: str, size_pt: float, line_twips: int) -> None:
    """Replace python-docx's template defaults (theme fonts, space after, ja-JP) with ours."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, font)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(size_pt * 2)))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(_element("w:widowControl", val="0"))
    ppr.append(_element("w:snapToGrid", val="0"))
    ppr.append(_element("w:spacing", before="0", after="0", line=str(line_twips), lineRule="exact"))
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    document.settings.odd_and_even_pages_header_footer = True
