"""The pure parts of the DOCX layout: title breaks, 署名 placement, the 标志's size, font choice."""

from __future__ import annotations

import pytest

from exporters.document import Document, Paragraph, Span
from exporters.docx_fonts import Fonts, parse_font_options, resolve_fonts
from exporters.docx_layout import TYPE_WIDTH, mark_size, signature_layout
from exporters.docx_pages import body_ends_on_even_page, estimate_imprint_page, paragraph_lines
from exporters.docx_title import break_title
from exporters.text import width


@pytest.mark.parametrize(
    ("title", "issuer", "lines"),
    [
        ("区应急局2023年法治政府建设情况报告", "", ["区应急局2023年法治政府建设情况报告"]),
        (
            "宝山区应急管理局2023年法治政府建设情况报告",
            "上海市宝山区应急管理局",
            ["宝山区应急管理局2023年", "法治政府建设情况报告"],
        ),
        (
            "上海市宝山区人民政府关于2023年法治政府建设情况的报告",
            "",
            ["上海市宝山区人民政府关于2023年", "法治政府建设情况的报告"],
        ),
        (
            "党政主要负责人2023年度履行推进法治建设第一责任人职责情况的报告",
            "",
            ["党政主要负责人2023年度履行推进", "法治建设第一责任人职责情况的报告"],
        ),
    ],
    ids=["fits", "issuer-and-year", "guanyu", "long"],
)
def test_titles_break_between_words_into_even_lines(
    title: str, issuer: str, lines: list[str]
) -> None:
    assert break_title(title, issuer) == lines


def test_a_very_long_title_never_overflows_and_keeps_every_character() -> None:
    title = "关于" + "进一步加强和改进新时代应急管理系统法治政府建设工作" * 3 + "的报告"
    lines = break_title(title)
    assert "".join(lines) == title
    assert all(width(line) / 2 <= 20 for line in lines)
    assert not any(line.startswith(("，", "）", "、")) for line in lines)


def test_a_break_never_splits_digits_or_brackets() -> None:
    lines = break_title("某某区2023年《法治政府建设实施纲要（2021-2025年）》落实情况报告")
    for a, b in zip(lines, lines[1:], strict=False):
        assert not (a[-1].isdigit() and b[0].isdigit())
        assert not a.endswith(("《", "（")) and not b.startswith(("》", "）"))


@pytest.mark.parametrize(
    ("signature", "date", "expected"),
    [
        # 11 characters, 6.5 for the date: the date starts two right of the signature
        (11, 6.5, (2.0, 17.0, None)),
        # a short signature and a long date: the date two in from the right, the signature left
        (3, 6.5, (7.5, None, 2.0)),
    ],
)
def test_signature_and_date_positions(
    signature: float, date: float, expected: tuple[float, float | None, float | None]
) -> None:
    assert signature_layout(signature, date) == expected
    sig_right, date_left, date_right = expected
    sig_start = 28 - sig_right - signature
    date_start = date_left if date_left is not None else 28 - 2 - date
    assert date_start - sig_start == 2


@pytest.mark.parametrize("chars", [5, 13, 20, 30])
def test_the_issuer_mark_always_fits_the_type_area(chars: int) -> None:
    size, scale = mark_size(chars)
    assert chars * size * scale / 100 <= TYPE_WIDTH / 20
    assert 60 <= scale <= 100
    assert size <= 42


def test_fonts_from_table_and_options() -> None:
    assert resolve_fonts(None) == Fonts()
    fonts = resolve_fonts({"body": "仿宋", "heading1": "", "x": "y"}, {"body": "方正仿宋_GBK"})
    assert fonts.body == "方正仿宋_GBK" and fonts.heading1 == "黑体"
    assert parse_font_options(["title=方正小标宋_GBK", " page_number = 宋体 "]) == {
        "title": "方正小标宋_GBK",
        "page_number": "宋体",
    }


@pytest.mark.parametrize("option", ["body", "colour=红", "body=", "body=  "])
def test_bad_font_options_say_what_is_expected(option: str) -> None:
    with pytest.raises(ValueError, match="字体"):
        parse_font_options([option])


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("字" * 26, 1),  # 26 after a two-character indent fill the line
        ("字" * 27, 2),
        ("字" * 26 + "。", 1),  # a closing stop may hang at the end of a full line
        ("字" * 26 + "“字", 2),
        ("字" * 54, 2),
        ("", 1),
    ],
)
def test_paragraph_line_estimate(text: str, lines: int) -> None:
    assert paragraph_lines(text) == lines


def _document(*paragraphs: tuple[str, bool]) -> Document:
    return Document(
        issuer_mark="某某区应急管理局文件",
        doc_number="某应急〔2024〕1号",
        signer="张三",
        title="某某区应急管理局2023年法治政府建设情况报告",
        recipients="某某区人民政府：",
        body=[Paragraph((Span(text),), heading=heading) for text, heading in paragraphs],
        signature="某某区应急管理局",
        date="2024年1月19日",
        cc="区法治政府办",
        printer="某某区应急管理局",
        print_date="2024年1月19日",
        copies=5,
    )


def test_imprint_page_estimate_follows_the_body() -> None:
    # page one holds eight lines under the masthead: seven short paragraphs and the
    # signature do not fit with the 版记, which goes to page two (even)
    short = _document(*[("字" * 20, False)] * 7)
    assert estimate_imprint_page(short, 3).page == 2
    # one more page of text moves it to page three (odd)
    longer = _document(*[("字" * 20, False)] * 29)
    estimate = estimate_imprint_page(longer, 3)
    assert estimate.page == 3 and not estimate.surely_even


def test_a_last_paragraph_longer_than_a_page_makes_the_estimate_unsure() -> None:
    document = _document(("一、标题", True), ("字" * 26 * 21, False))
    assert estimate_imprint_page(document, 3).margin_lines == 0
    assert not estimate_imprint_page(document, 3).surely_even


@pytest.mark.parametrize(
    ("paragraphs", "even"),
    [
        (15, True),  # the body and signature end half-way down page two
        (24, True),  # … with two lines to spare
        (25, None),  # one line to spare: two more lines and it would end on page three
        (27, None),  # moved to page three whole, as two lines fewer would not have done
        (29, False),  # well into page three
    ],
)
def test_whether_the_body_ends_on_an_even_page_is_said_only_when_sure(
    paragraphs: int, even: bool | None
) -> None:
    # a blank page before the 版记 (and so no page number on it) follows from an even last page
    document = _document(*[("字" * 20, False)] * paragraphs)
    assert body_ends_on_even_page(document) is even
