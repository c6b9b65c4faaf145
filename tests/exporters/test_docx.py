"""The DOCX export read back with python-docx, element by element, against GB/T 9704-2012."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from exporters.docx import DocxExport, export_docx
from exporters.text import export_text
from records import load_report
from tests.conftest import EXAMPLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def exported() -> DocxExport:
    return export_docx(load_report(EXAMPLE))


@pytest.fixture(scope="module")
def reopened(exported: DocxExport) -> docx.document.Document:
    return docx.Document(io.BytesIO(exported.data))


def paragraph_with(document: docx.document.Document, text: str):  # type: ignore[no-untyped-def]
    matches = [p for p in document.paragraphs if text in p.text]
    assert matches, f"no paragraph holds {text!r}"
    return matches[0]


def run_with(document: docx.document.Document, text: str):  # type: ignore[no-untyped-def]
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if text in run.text:
                return run
    raise AssertionError(f"no run holds {text!r}")


def east_asian_font(run) -> str:  # type: ignore[no-untyped-def]
    fonts = run._r.rPr.rFonts
    assert not [a for a in fonts.attrib if "heme" in a], "theme fonts override the named font"
    return fonts.get(qn("w:eastAsia"))


def spacing(run) -> int | None:  # type: ignore[no-untyped-def]
    element = run._r.rPr.find(qn("w:spacing"))
    return None if element is None else int(element.get(qn("w:val")))


def test_the_example_exports_without_problems(exported: DocxExport) -> None:
    assert exported.problems == []


def test_page_is_a4_with_the_standard_margins(reopened: docx.document.Document) -> None:
    section = reopened.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert abs(section.left_margin - Mm(28)) < Mm(0.1)
    type_width = section.page_width - section.left_margin - section.right_margin
    type_height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(type_width - Mm(156)) < Mm(0.1)
    assert abs(type_height - Mm(225)) < Mm(0.1)


def test_body_lines_have_the_exact_pitch_that_gives_22_lines(
    reopened: docx.document.Document,
) -> None:
    body = paragraph_with(reopened, "现将有关情况汇报如下")
    pf = body.paragraph_format
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert pf.line_spacing == Twips(579)
    assert pf.space_after == 0 and pf.space_before == 0
    assert pf.widow_control is False
    assert pf.first_line_indent == Twips(2 * 315)
    section = reopened.sections[0]
    type_height = section.page_height - section.top_margin - section.bottom_margin
    assert type_height // Twips(579) == 22
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) is None, "a character grid changes the characters a line"


def test_body_text_is_3hao_fangsong_spaced_for_28_a_line(
    reopened: docx.document.Document,
) -> None:
    run = run_with(reopened, "现将有关情况汇报如下")
    assert east_asian_font(run) == "仿宋_GB2312"
    assert run.font.size == Pt(16)
    assert spacing(run) == -5
    assert 28 * (320 - 5) <= 8845  # 28 characters fit the 156 mm line


def test_issuer_mark_is_red_xiaobiaosong_and_fits_the_line(
    reopened: docx.document.Document,
) -> None:
    run = run_with(reopened, "上海市宝山区应急管理局文件")
    assert east_asian_font(run) == "方正小标宋简体"
    assert str(run.font.color.rgb) == "FF0000"
    assert run.font.size == Pt(42)  # 初号, narrowed to fit rather than made smaller
    paragraph = paragraph_with(reopened, "上海市宝山区应急管理局文件")
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    scale = run._r.rPr.find(qn("w:w"))
    percent = int(scale.get(qn("w:val"))) if scale is not None else 100
    width_pt = 13 * run.font.size.pt * percent / 100
    assert width_pt <= 442  # 156 mm


def test_doc_number_and_signer_share_a_line_under_a_red_rule(
    reopened: docx.document.Document,
) -> None:
    paragraph = paragraph_with(reopened, "宝应急〔2024〕2号")
    assert paragraph.paragraph_format.first_line_indent == Twips(315)  # one character in
    number = run_with(reopened, "宝应急〔2024〕2号")
    assert east_asian_font(number) == "仿宋_GB2312" and number.font.size == Pt(16)
    assert "签发人：沈斌" in paragraph.text
    name = next(r for r in paragraph.runs if r.text == "沈斌")
    label = next(r for r in paragraph.runs if "签发人：" in r.text)
    assert east_asian_font(name) == "楷体_GB2312" and name.font.size == Pt(16)
    assert east_asian_font(label) == "仿宋_GB2312"
    tab = paragraph.paragraph_format.tab_stops[0]
    assert abs(tab.position.twips - (8845 - 315)) <= 1  # one character in from the right
    bottom = paragraph._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "FF0000"


def test_title_is_2hao_xiaobiaosong_centred_in_balanced_lines(
    reopened: docx.document.Document,
) -> None:
    lines = [p for p in reopened.paragraphs if p.runs and p.runs[0].font.size == Pt(22)]
    assert [p.text for p in lines] == ["宝山区应急管理局2023年", "法治政府建设情况报告"]
    for paragraph in lines:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert east_asian_font(paragraph.runs[0]) == "方正小标宋简体"


def test_recipients_flush_left_ending_with_a_full_width_colon(
    reopened: docx.document.Document,
) -> None:
    paragraph = paragraph_with(reopened, "中共上海市宝山区委")
    assert paragraph.text == "中共上海市宝山区委、宝山区人民政府："
    assert not paragraph.paragraph_format.first_line_indent
    assert not paragraph.paragraph_format.left_indent


def test_heading_levels_have_their_faces(reopened: docx.document.Document) -> None:
    heading1 = paragraph_with(reopened, "一、2023年度推进法治政府建设的主要举措和成效")
    assert [east_asian_font(r) for r in heading1.runs] == ["黑体"]
    assert heading1.paragraph_format.keep_with_next
    run_in = paragraph_with(reopened, "（一）提高政治站位")
    faces = [(r.text[:4], east_asian_font(r)) for r in run_in.runs]
    assert faces[0] == ("（一）提", "楷体_GB2312")
    assert run_in.runs[0].text.endswith("。")
    assert faces[1][1] == "仿宋_GB2312" and run_in.runs[1].text.startswith("一是")
    assert all(r.font.size == Pt(16) for r in run_in.runs)


def test_body_says_what_the_published_text_says(
    exported: DocxExport, reopened: docx.document.Document
) -> None:
    texts = [p.text for p in reopened.paragraphs]
    for paragraph in exported.document.body:
        assert paragraph.text in texts
    published = export_text(load_report(EXAMPLE))[0]
    assert "全年共开展相关学习12次" in published
    assert any("全年共开展相关学习12次" in t for t in texts)


def test_signature_and_date_without_a_seal(reopened: docx.document.Document) -> None:
    texts = [p.text for p in reopened.paragraphs]
    at = texts.index("上海市宝山区应急管理局\n\t2024年1月19日")
    assert texts[at - 1] == ""  # one blank line under the body
    block = reopened.paragraphs[at]
    # the signature ends two characters in from the right: 28 − 2 − 11 = 15 characters in
    assert block.paragraph_format.left_indent == Twips(15 * 315)
    # the date starts two characters right of the signature's start
    (stop,) = block.paragraph_format.tab_stops
    assert abs(stop.position.twips - 17 * 315) <= 1
    assert block.paragraph_format.keep_together  # signature and date never part
    # never a signature page without body text: the last body paragraph keeps with it
    assert texts[at - 2].endswith("为依法行政提供坚实法律基础。")
    assert reopened.paragraphs[at - 2].paragraph_format.keep_with_next
    assert reopened.paragraphs[at - 1].paragraph_format.keep_with_next


def test_imprint_floats_at_the_foot_with_its_rules(reopened: docx.document.Document) -> None:
    (table,) = reopened.tables
    position = table._tbl.tblPr.find(qn("w:tblpPr"))
    assert position.get(qn("w:tblpYSpec")) == "bottom"
    assert position.get(qn("w:vertAnchor")) == "margin"
    rows = [row.cells[0] for row in table.rows]
    assert [c.text for c in rows] == [
        "抄送：区法治政府办。",
        "上海市宝山区应急管理局\t2024年1月19日印发",
        "（共印5份）",
    ]

    def rule(cell, edge: str) -> int:  # type: ignore[no-untyped-def]
        borders = cell._tc.tcPr.find(qn("w:tcBorders"))
        found = borders.find(qn(f"w:{edge}")) if borders is not None else None
        return 0 if found is None else int(found.get(qn("w:sz")))

    assert rule(rows[0], "top") == 8  # 0.35 mm
    assert rule(rows[1], "top") == 6  # 0.25 mm
    assert rule(rows[-1], "bottom") == 8
    for cell in rows:
        for run in cell.paragraphs[0].runs:
            assert east_asian_font(run) == "仿宋_GB2312" and run.font.size == Pt(14)
    cc = rows[0].paragraphs[0].paragraph_format
    assert cc.left_indent - (-cc.first_line_indent) == Twips(280)  # one character in
    assert cc.right_indent == Twips(280)


def test_page_numbers_in_odd_and_even_footers(reopened: docx.document.Document) -> None:
    settings = reopened.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = reopened.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment
        instructions = "".join(t.text for t in paragraph._p.iter(f"{W}instrText"))
        assert instructions.strip() == "PAGE"
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert all(east_asian_font(r) == "宋体" for r in paragraph.runs)
        assert all(r.font.size == Pt(14) for r in paragraph.runs)
    assert section.footer.paragraphs[0].paragraph_format.right_indent == Twips(280)
    assert section.even_page_footer.paragraphs[0].paragraph_format.left_indent == Twips(280)


def test_template_defaults_are_chinese_not_us_letter_japanese(exported: DocxExport) -> None:
    document = docx.Document(io.BytesIO(exported.data))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert not [a for a in fonts.attrib if "heme" in a]
    lang = defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    spacing = defaults.find(f"{W}pPrDefault/{W}pPr/{W}spacing")
    assert spacing.get(qn("w:after")) == "0"
    theme = document.settings.element.find(qn("w:themeFontLang"))
    assert theme is None or theme.get(qn("w:eastAsia")) != "ja-JP"


def test_fonts_come_from_report_toml_then_the_command_line(report_dir: Path) -> None:
    report_toml = report_dir / "report.toml"
    text = report_toml.read_text(encoding="utf-8")
    report_toml.write_text(
        text + '\n[fonts]\nbody = "仿宋"\nheading2 = "楷体"\ntitle = 3\n', encoding="utf-8"
    )
    exported = export_docx(load_report(report_dir), {"heading2": "华文楷体"})
    assert exported.fonts.body == "仿宋"
    assert exported.fonts.heading2 == "华文楷体"
    assert exported.fonts.title == "方正小标宋简体"  # a wrong value is ignored, not fatal
    document = docx.Document(io.BytesIO(exported.data))
    assert east_asian_font(run_with(document, "现将有关情况汇报如下")) == "仿宋"
    assert east_asian_font(run_with(document, "沈斌")) == "华文楷体"


def test_control_characters_are_reported_and_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "2-shortcomings.toml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("lead = "))
    lines[number - 1] = lines[number - 1].replace("今年以来", "今年\\u0007以来\\f")
    path.write_text("".join(lines), encoding="utf-8")
    exported = export_docx(load_report(folder))
    codes = [(p.code, p.line, p.column, p.severity) for p in exported.problems]
    assert codes == [("X003", number, 11, "error"), ("X003", number, 19, "error")]
    assert all(p.file.endswith("2-shortcomings.toml") for p in exported.problems)
    assert "U+0007" in exported.problems[0].message
    document = docx.Document(io.BytesIO(exported.data))  # still a valid file
    assert any("今年以来我局" in p.text for p in document.paragraphs)


def test_imprint_starts_on_an_even_page_when_the_body_may_end_on_an_odd_one(
    reopened: docx.document.Document,
) -> None:
    # the example's body ends on page 7: the 版记 goes to the foot of page 8
    first, last = reopened.sections
    assert last.start_type == WD_SECTION.EVEN_PAGE
    assert last.footer.paragraphs[0].text == first.footer.paragraphs[0].text  # numbers run on
    body = reopened.element.body
    sections = body.findall(f".//{W}sectPr")
    carrier = sections[0].getparent().getparent()
    assert "2024年1月19日" in "".join(t.text for t in carrier.iter(f"{W}t"))
    following = list(body)[list(body).index(carrier) + 1 :]
    assert [e.tag.split("}")[1] for e in following] == ["p", "tbl", "p", "sectPr"]


def test_a_short_report_keeps_its_imprint_on_its_even_last_page(report_dir: Path) -> None:
    for name in ("1-measures.toml", "3-leadership.toml", "4-plans.toml"):
        (report_dir / name).unlink()
    document = docx.Document(io.BytesIO(export_docx(load_report(report_dir)).data))
    assert len(document.sections) == 1  # two pages: nothing to force
    assert len(document.tables) == 1


def test_a_long_cc_list_wraps_under_the_first_name(report_dir: Path) -> None:
    report_toml = report_dir / "report.toml"
    names = ", ".join(f'"区第{n}委员会办公室"' for n in range(1, 9))
    text = report_toml.read_text(encoding="utf-8").replace(
        'cc = ["区法治政府办"]', f"cc = [{names}]"
    )
    report_toml.write_text(text, encoding="utf-8")
    document = docx.Document(io.BytesIO(export_docx(load_report(report_dir)).data))
    cell = document.tables[0].rows[0].cells[0]
    assert cell.text.startswith("抄送：区第1委员会办公室，区第2") and cell.text.endswith("。")
    pf = cell.paragraphs[0].paragraph_format
    # continuation lines align with the first name, after “抄送：” (three characters)
    assert pf.left_indent + pf.first_line_indent == Twips(280)
    assert pf.left_indent == Twips(4 * 280)


# -- the body as blocks: standalone headings, numbered paragraphs, the title's given break ----
LAYOUT = Path(__file__).resolve().parents[1] / "data" / "layout-blocks"


@pytest.fixture(scope="module")
def layout() -> docx.document.Document:
    return docx.Document(io.BytesIO(export_docx(load_report(LAYOUT)).data))


def only_paragraph(document: docx.document.Document, text: str) -> int:
    """The index of the one paragraph that is exactly ``text``."""
    matches = [i for i, p in enumerate(document.paragraphs) if p.text == text]
    assert len(matches) == 1, f"{len(matches)} paragraphs are exactly {text!r}"
    return matches[0]


@pytest.mark.parametrize(
    ("text", "font"),
    [
        ("（一）强化组织领导", "楷体_GB2312"),
        ("（二）坚持依法行政", "楷体_GB2312"),
        ("1.规范行政决策", "仿宋_GB2312"),
        ("（1）完善决策目录管理", "仿宋_GB2312"),
        ("（2）加强合法性审查", "仿宋_GB2312"),
        ("2.规范行政执法", "仿宋_GB2312"),
    ],
)
def test_a_standalone_heading_is_its_own_paragraph_kept_with_the_next(
    layout: docx.document.Document, text: str, font: str
) -> None:
    paragraphs = layout.paragraphs
    at = only_paragraph(layout, text)  # nothing added: no 。, no text run in
    paragraph = paragraphs[at]
    assert {east_asian_font(run) for run in paragraph.runs} == {font}
    pf = paragraph.paragraph_format
    assert pf.keep_with_next is True
    assert pf.first_line_indent == Twips(2 * 315)
    assert pf.line_spacing == Twips(579) and pf.widow_control is False
    following = paragraphs[at + 1]
    assert following.text and following.paragraph_format.first_line_indent == Twips(2 * 315)


def test_every_paragraph_of_a_block_is_its_own_indented_and_not_kept(
    layout: docx.document.Document,
) -> None:
    paragraphs = layout.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("局党组把法治政府建设"))
    starts = ("局党组把", "健全法治建设领导小组", "落实党政主要负责人", "加强法治建设工作保障")
    block = paragraphs[at : at + 4]
    assert [p.text[: len(s)] for p, s in zip(block, starts, strict=True)] == list(starts)
    for paragraph in block:
        assert paragraph.paragraph_format.first_line_indent == Twips(2 * 315)
        assert not paragraph.paragraph_format.keep_with_next
        assert {east_asian_font(run) for run in paragraph.runs} == {"仿宋_GB2312"}
    assert "全年召开领导小组会议4次" in block[1].text  # references filled in every paragraph


def test_numbered_paragraphs_carry_generated_numbers(layout: docx.document.Document) -> None:
    texts = [p.text for p in layout.paragraphs]
    for start in (
        "1.加强执法人员培训。",
        "2.落实执法资格管理。",
        "（1）建立执法人员信息库",
        "（2）开展执法证件",
    ):
        [paragraph] = [p for p in layout.paragraphs if p.text.startswith(start)]
        assert not paragraph.paragraph_format.keep_with_next, start
        assert paragraph.paragraph_format.first_line_indent == Twips(2 * 315)
    # 1. restarts in each （一）: 1. 2. under （二） and again under （三）
    assert [t[:2] for t in texts if re.match(r"\d\.", t)] == ["1.", "2.", "1.", "2."]


def test_a_title_breaks_where_the_clerk_broke_it(layout: docx.document.Document) -> None:
    titles = [
        p.text
        for p in layout.paragraphs
        if p.runs and east_asian_font(p.runs[0]) == "方正小标宋简体"
    ]
    assert titles == ["某市某区测试管理局文件", "某市某区测试管理局", "2024年法治政府建设情况报告"]
    assert layout.core_properties.title == "某市某区测试管理局2024年法治政府建设情况报告"


def test_a_given_break_wins_and_a_given_line_too_long_is_broken_further() -> None:
    from exporters.docx_title import break_title

    # without a given break the title is balanced after the year
    assert break_title("宝山区应急管理局2023年法治政府建设情况报告") == [
        "宝山区应急管理局2023年",
        "法治政府建设情况报告",
    ]
    assert break_title("宝山区应急管理局\n2023年法治政府建设情况报告") == [
        "宝山区应急管理局",
        "2023年法治政府建设情况报告",
    ]
    lines = break_title(
        "上海市宝山区应急管理局\n关于2023年度法治政府建设情况和党政主要负责人履行职责情况的报告"
    )
    assert lines[0] == "上海市宝山区应急管理局" and len(lines) == 3
    assert "".join(lines[1:]) == "关于2023年度法治政府建设情况和党政主要负责人履行职责情况的报告"


def test_after_a_blank_page_the_imprint_page_has_footers_without_a_number(
    layout: docx.document.Document, reopened: docx.document.Document
) -> None:
    # the layout report's body ends on an even page: a blank page stands before the 版记
    body, imprint = layout.sections
    assert imprint.start_type == WD_SECTION.EVEN_PAGE
    pairs = ((imprint.footer, body.footer), (imprint.even_page_footer, body.even_page_footer))
    for own, shared in pairs:
        assert own.part is not shared.part
        assert own.paragraphs[0].text == "" and not own._element.findall(f".//{W}instrText")
        assert "PAGE" in "".join(t.text for t in shared._element.iter(f"{W}instrText"))
        # the same empty line as the numbered footer, so the type area stays the same
        for attr in ("space_before", "line_spacing"):
            assert getattr(own.paragraphs[0].paragraph_format, attr) == getattr(
                shared.paragraphs[0].paragraph_format, attr
            )
    # the example's body ends on an odd page: no blank page, the 版记 page is numbered
    first, last = reopened.sections
    assert last.even_page_footer.part is first.even_page_footer.part
