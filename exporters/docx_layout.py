"""The numbers of the GB/T 9704-2012 layout, in twips (1/20 pt) unless named otherwise.

Tags: [STD x.y] a clause of the standard; [MEASURED] found by rendering with
LibreOffice and measuring the PNG; [PRACTICE] what offices commonly do where
the standard leaves a choice.
"""

from __future__ import annotations

MM = 1440 / 25.4
"""Twips per millimetre."""

PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
"""A4, 210 × 297 mm [STD 5.1]."""

TOP, LEFT = round(37 * MM), round(28 * MM)
"""天头 37 mm, 订口 28 mm [STD 5.2.1]."""

TYPE_WIDTH = round(156 * MM)
TYPE_HEIGHT = round(225 * MM)
"""版心 156 × 225 mm [STD 5.2.1]."""

RIGHT = PAGE_WIDTH - LEFT - TYPE_WIDTH
BOTTOM = PAGE_HEIGHT - TOP - TYPE_HEIGHT

LINE = 579
"""Exact line pitch: 22 lines fill the type area (580 gives only 21) [STD 5.2.3, MEASURED]."""

BODY_PT = 16.0
"""3号 [STD 5.2.2]."""

BODY_SPACING = -5
"""Run spacing on 3号 text so that 28 characters fit a line, without a character grid [MEASURED]."""

CHAR = round(BODY_PT * 20) + BODY_SPACING
"""One character of 3号 text as set: the unit of “空二字” indents."""

LINE_CHARS = 28
"""Characters a line [STD 5.2.3]."""

TITLE_PT = 22.0
"""2号 [STD 7.3.1]."""

TITLE_LINE = LINE
"""Title lines on the body's pitch [PRACTICE]."""

FOOTER_PT = 14.0
"""4号: 版记 and page numbers [STD 7.4, 7.5]."""

FOOTER_CHAR = round(FOOTER_PT * 20)
"""One character of 4号 text."""

RED = "FF0000"
"""The red of 发文机关标志 and the separator [STD 7.2.4, 7.2.7]."""

RED_RULE = 12
"""The red separator's thickness in eighths of a point (1.5 pt; not fixed by the standard)."""

RED_RULE_SPACE_PT = 7
"""The red separator 4 mm under the 发文字号: 7 pt of border space plus the line's descent
[STD 7.2.7, MEASURED]."""

MARK_MAX_PT = 42.0
"""发文机关标志 at most 初号; its size is not fixed by the standard [PRACTICE]."""

MARK_FILL = 0.94
"""The widest a 标志 may be, as a share of the type area's width [PRACTICE]."""

MARK_MIN_SCALE = 60
"""Narrower than this the 标志 becomes hard to read; shrink the size instead."""

MARK_LINE_FACTOR = 1.25
"""The 标志's line height as a multiple of its size, so the glyphs are never clipped."""

MARK_TOP = round(35 * MM)
"""The 标志's top edge 35 mm below the type area's top edge [STD 7.2.4]."""

MARK_GLYPH_TOP = 0.95
"""Where the glyphs' top edge stands in an exact-height line, measured from the line's top,
as a share of (line height − font size) / 2 … see :func:`mark_spacer` [MEASURED]."""

HEADER_DISTANCE = round(15 * MM)

PAGE_NUMBER_LINE = round(FOOTER_PT * 20 * 1.2)
"""The page number's line: just taller than its 4号 text."""

FOOTER_DISTANCE = round((35 - 7) * MM) - PAGE_NUMBER_LINE // 2
"""The “— N —” dash 7 mm under the type area: the line's middle there [STD 7.5]."""

PAGE_NUMBER_SPACE = BOTTOM - FOOTER_DISTANCE - PAGE_NUMBER_LINE
"""Space above the page number, so that the footer exactly fills the bottom margin: LibreOffice
then keeps the type area the same in every section [MEASURED]."""

IMPRINT_OUTER = 8
"""First and last 版记 rules: 1 pt ≈ 0.35 mm, in eighths of a point [STD 7.4.1]."""

IMPRINT_INNER = 6
"""Rules between 版记 items: 0.75 pt ≈ 0.26 mm (0.25 mm recommended) [STD 7.4.1]."""

ANCHOR_LINE = 20
"""The empty paragraph a floating 版记 anchors to: 1 pt, so it never adds a page."""


def mark_size(chars: float) -> tuple[float, int]:
    """The 标志's size in points and its character scale in percent.

    A short name is set 初号; a long one is first narrowed (as offices do
    with 方正小标宋), then made smaller, so it always fits the type area.
    """
    if chars <= 0:
        return MARK_MAX_PT, 100
    room_pt = TYPE_WIDTH / 20 * MARK_FILL
    scale = min(100, int(room_pt / (chars * MARK_MAX_PT) * 100))
    if scale >= MARK_MIN_SCALE:
        return MARK_MAX_PT, scale
    size = room_pt / (chars * MARK_MIN_SCALE / 100)
    return round(size, 1), MARK_MIN_SCALE


def mark_spacer(size_pt: float) -> int:
    """The height of the empty line above the 标志 that puts its top edge 35 mm down.

    In an exact-height line the text is centred; a CJK glyph's face fills
    about its em, so the top edge stands (line − size) / 2 below the line's top.
    """
    line = size_pt * 20 * MARK_LINE_FACTOR
    glyph_top = (line - size_pt * 20) / 2 * MARK_GLYPH_TOP
    return max(20, round(MARK_TOP - glyph_top))


def signature_layout(
    signature_chars: float, date_chars: float
) -> tuple[float, float | None, float | None]:
    """Where 署名 and 成文日期 stand without a seal, in characters [STD 7.3.5.2].

    Returns the signature's right indent, and either the date's left indent
    (the usual case: the date starts two characters right of the
    signature's start, exactly, whatever the digits' width) or, when the
    date would then run into the last two characters, the date's right
    indent (two) with the signature moved left to keep the two-character step.
    """
    signature_right = 2.0
    date_left = LINE_CHARS - signature_right - signature_chars + 2
    if date_left + date_chars <= LINE_CHARS - 2:
        return signature_right, date_left, None
    signature_right = 2.0 + date_chars + 2 - signature_chars
    return signature_right, None, 2.0
