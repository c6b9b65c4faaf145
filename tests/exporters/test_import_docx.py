"""Importing a DOCX: the text a reader of the document sees, Word's automatic numbers included.

The fixtures are built here with python-docx and lxml, with a real
numbering.xml (chineseCounting and decimal formats, lvlText "%1、" "（%2）"
"%3.", start and startOverride, a level restarting under each （一） or
running on), run-in headings in their own font, tracked changes, smart
tags, content controls, fields and WPS's quirks. A user depends on the
import printing back each paragraph as the document shows it, and on the
structure coming out as the clerk would have written it.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.oxml import parse_xml
from lxml import etree

from exporters.document import build_document
from exporters.docx_list_numbers import Numbering, format_number
from exporters.text import export_text
from records import load_report
from schema import validate_report
from tests.cli.runner import run
from tests.cli.test_realworld import paragraphs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "records" / "examples"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def docx_paragraphs(path: Path) -> list[str]:
    """Every paragraph's text in document order, table cells included, as Word shows it."""
    body = docx.Document(str(path)).element.body
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in body.iter(f"{{{W}}}p")]


# -- tui's own DOCX comes back paragraph for paragraph -------------------------------------
@pytest.mark.parametrize("example", ["baoshan-emergency-2023", "dongan-emergency-2025"])
def test_tuis_own_docx_round_trips(
    example: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = tmp_path / "original.docx"
    assert run(capsys, "export", str(EXAMPLES / example), "-o", str(original))[0] == 0
    status, out, err = run(capsys, "import", str(original), str(tmp_path / "r"))
    assert (status, err) == (0, ""), out + err
    report = load_report(tmp_path / "r")
    assert validate_report(report) == []
    back = tmp_path / "back.docx"
    assert run(capsys, "export", str(tmp_path / "r"), "-o", str(back))[0] == 0
    assert docx_paragraphs(back) == docx_paragraphs(original)
    # and the body is the example's, block for block
    before = load_report(EXAMPLES / example)
    assert [s.kind for s in report.sections] == [s.kind for s in before.sections]
    assert [p.text for p in build_document(report).body] == [
        p.text for p in build_document(before).body
    ]


# -- Word's automatic numbering --------------------------------------------------------------
def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, restart: int | None = None) -> str:
    restart_xml = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{restart_xml}<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
    )


NUMBERING = f"""<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="10">
    {_lvl(0, "chineseCounting", "%1、")}
    {_lvl(1, "chineseCounting", "（%2）")}
    {_lvl(2, "decimal", "%3.")}
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    {_lvl(0, "decimal", "%1.")}
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="20"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/></w:lvlOverride></w:num>
</w:numbering>"""

STYLE = f"""<w:style {NS} w:type="paragraph" w:styleId="21"><w:name w:val="WPS heading 2"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>
  <w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>"""


def _run(text: str, font: str = "仿宋_GB2312") -> str:
    fonts = f'<w:rPr><w:rFonts w:eastAsia="{font}"/></w:rPr>'
    return f'<w:r>{fonts}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(*runs: str, num: tuple[int, int] | None = None, style: str = "") -> str:
    ppr = ""
    if num or style:
        num_xml = (
            f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
            if num
            else ""
        )
        style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{style_xml}{num_xml}</w:pPr>"
    return f"<w:p {NS}>{ppr}{''.join(runs)}</w:p>"


def build(path: Path, body: list[str], numbering_xml: str = NUMBERING) -> None:
    """A DOCX holding ``body`` (paragraph XML), with a numbering.xml and a numeric style id."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(numbering_xml):
        numbering.append(child)
    document.styles.element.append(parse_xml(STYLE))
    element = document.element.body
    for child in list(element):
        if not child.tag.endswith("sectPr"):
            element.remove(child)
    sect = element[0] if len(element) else None
    for xml in body:
        node = parse_xml(xml) if not xml.startswith("<!--") else etree.Comment(xml[4:-3])
        if sect is not None:
            sect.addprevious(node)
        else:
            element.append(node)
    document.save(str(path))


FRAME = [
    _p(_run("某区应急管理局2024年法治政府建设情况报告", "方正小标宋简体")),
    _p(_run("区委、区政府：")),
    _p(_run("2024年，我局依法履职，现将有关情况报告如下：")),
]
END = [_p(_run("某区应急管理局")), _p(_run("2025年1月20日"))]


def test_automatic_numbers_fonts_and_tracked_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "auto.docx"
    body = [
        *FRAME,
        _p(_run("2024年度推进法治政府建设的主要举措和成效", "黑体"), num=(1, 0)),
        # run-in heading in 楷体, its text in 仿宋, in one paragraph
        _p(_run("强化组织领导", "楷体_GB2312"), _run("。我局成立了领导小组。"), num=(1, 1)),
        _p(_run("规范执法行为。严格执行三项制度，全年办理行政处罚案件142件。"), num=(1, 2)),
        _p(_run("加强执法监督。健全监督机制。"), num=(1, 2)),
        # numbered through its (numeric) style; a standalone heading, all in 楷体
        _p(_run("坚持依法行政", "楷体_GB2312"), style="21"),
        "<!-- a comment WPS leaves in the body -->",
        _p(
            _run("所有案件"),
            f'<w:ins {NS} w:id="1" w:author="a"><w:r><w:t>均在</w:t></w:r></w:ins>',
            f'<w:del {NS} w:id="2" w:author="a"><w:r><w:delText>全部</w:delText></w:r></w:del>',
            f"<w:smartTag {NS} w:element='place'><w:r><w:t>系统</w:t></w:r></w:smartTag>",
            f"<w:sdt {NS}><w:sdtContent><w:r><w:t>上运行</w:t></w:r></w:sdtContent></w:sdt>",
            f'<w:fldSimple {NS} w:instr=" PAGE "><w:r><w:t>，</w:t></w:r></w:fldSimple>',
            f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r {NS}><w:instrText> DATE \\@ "yyyy" </w:instrText></w:r>'
            f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r {NS}><w:t>全年无差错</w:t></w:r>"
            f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>',
            f"<mc:AlternateContent {NS}><mc:Choice Requires='wps'><w:r><w:t>。</w:t></w:r>"
            "</mc:Choice></mc:AlternateContent>",
        ),
        # level 3 restarts under the new （二）
        _p(_run("推行说理式执法。"), _run("全年制作文书120份。"), num=(1, 2)),
        # a new instance of the list, restarting at 2 (startOverride)
        _p(_run("2024年度推进法治政府建设存在的不足和原因", "黑体"), num=(4, 0)),
        _p(_run("执法力量不足：一是人员少；二是培训少。")),
        *END,
    ]
    build(source, body)
    status, out, err = run(capsys, "import", str(source), str(tmp_path / "r"))
    assert (status, err) == (0, ""), out + err
    report = load_report(tmp_path / "r")
    web, document = export_text(report, web=True)
    assert document.problems == []
    assert paragraphs(web) == [
        "某区应急管理局2024年法治政府建设情况报告",
        "区委、区政府：",
        "2024年，我局依法履职，现将有关情况报告如下：",
        "一、2024年度推进法治政府建设的主要举措和成效",
        "（一）强化组织领导。我局成立了领导小组。",
        "1.规范执法行为。严格执行三项制度，全年办理行政处罚案件142件。",
        "2.加强执法监督。健全监督机制。",
        "（二）坚持依法行政",
        "所有案件均在系统上运行，全年无差错。",
        "1.推行说理式执法。全年制作文书120份。",
        "二、2024年度推进法治政府建设存在的不足和原因",
        "执法力量不足：一是人员少；二是培训少。",
        "某区应急管理局",
        "2025年1月20日",
    ]
    measures, shortcomings = report.sections
    part1, part2 = measures.blocks
    assert (part1.title, part1.standalone, part1.text) == (
        "强化组织领导",
        False,
        "我局成立了领导小组。",
    )
    assert [b.text for b in part1.children][1] == "加强执法监督。健全监督机制。"
    assert (part2.title, part2.standalone) == ("坚持依法行政", True)
    assert part2.text == "所有案件均在系统上运行，全年无差错。"
    assert shortcomings.points == ["人员少；", "培训少。"]
    assert report.numbering.items_run_on is False
    assert "penalty_cases" in report.metrics()
    assert "全部" not in web and "DATE" not in web


def test_level_3_numbers_running_on_across_parts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1. 2. | 3. across （一）（二）: a list of its own that continues (numId 2 throughout)."""
    source = tmp_path / "run-on.docx"
    build(
        source,
        [
            *FRAME,
            _p(_run("2024年度推进法治政府建设的主要举措和成效"), num=(1, 0)),
            _p(_run("深入学习贯彻习近平法治思想"), num=(1, 1)),
            _p(_run("统领学习培训。组织专题学习。"), num=(2, 0)),
            _p(_run("拧紧责任链条。制定责任清单。"), num=(2, 0)),
            _p(_run("强化重大战略法治保障"), num=(1, 1)),
            _p(_run("优化营商环境。制定实施方案。"), num=(2, 0)),
            *END,
        ],
    )
    status, out, err = run(capsys, "import", str(source), str(tmp_path / "r"))
    assert status == 0, out + err
    report = load_report(tmp_path / "r")
    assert report.numbering.items_run_on is True
    assert "3.优化营商环境。制定实施方案。" in paragraphs(export_text(report, web=True)[0])


def test_level_3_numbers_restarted_by_a_new_list_instance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1. 2. | 1.: the second （一）'s items are a new instance with startOverride 1."""
    source = tmp_path / "restart.docx"
    build(
        source,
        [
            *FRAME,
            _p(_run("2024年度推进法治政府建设的主要举措和成效"), num=(1, 0)),
            _p(_run("深入学习贯彻习近平法治思想"), num=(1, 1)),
            _p(_run("统领学习培训。组织专题学习。"), num=(2, 0)),
            _p(_run("拧紧责任链条。制定责任清单。"), num=(2, 0)),
            _p(_run("强化重大战略法治保障"), num=(1, 1)),
            _p(_run("优化营商环境。制定实施方案。"), num=(3, 0)),
            *END,
        ],
    )
    status, out, err = run(capsys, "import", str(source), str(tmp_path / "r"))
    assert status == 0, out + err
    report = load_report(tmp_path / "r")
    assert report.numbering.items_run_on is False
    lines = paragraphs(export_text(report, web=True)[0])
    assert lines[lines.index("（二）强化重大战略法治保障") + 1] == "1.优化营商环境。制定实施方案。"
    assert [len(p.children) for p in report.sections[0].blocks] == [2, 1]


def test_numbering_formats_and_levels() -> None:
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十三",
    ]
    assert format_number(3, "decimal") == "3" and format_number(3, "decimalFullWidth") == "３"
    assert format_number(2, "ideographTraditional") == "乙"
    numbering = Numbering.from_xml(
        parse_xml(
            f"<w:numbering {NS}><w:abstractNum w:abstractNumId='0'>"
            + _lvl(0, "chineseCounting", "%1、", start=3)
            + _lvl(1, "decimal", "（%2）", restart=0)
            + "</w:abstractNum>"
            + "<w:num w:numId='7'><w:abstractNumId w:val='0'/></w:num></w:numbering>"
        )
    )
    labels = [numbering.label("7", ilvl) for ilvl in (0, 1, 1, 0, 1)]
    # starts at 三; level 2 never restarts (lvlRestart 0), so it goes on under 四
    assert labels == ["三、", "（1）", "（2）", "四、", "（3）"]
    assert numbering.label("0", 0) == "" and numbering.label("99", 0) == ""


# -- damaged files ---------------------------------------------------------------------------
def test_a_damaged_docx_exits_1_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_zip = tmp_path / "report.docx"
    not_zip.write_bytes(b"\x01\x02\x03 not a zip file\x00\xff")
    status, _, err = run(capsys, "import", str(not_zip), str(tmp_path / "a"))
    assert status == 1 and "不是有效的 DOCX 文件" in err and "Traceback" not in err
    no_document = tmp_path / "empty.docx"
    with zipfile.ZipFile(no_document, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    status, _, err = run(capsys, "import", str(no_document), str(tmp_path / "b"))
    assert status == 1 and "无法读取这个 DOCX 文件（缺少 document.xml 或内容已损坏）" in err
    assert "There is no item" not in err  # python-docx's own words are not shown
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_doc_without_libreoffice_says_how_to_save_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "report.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    status, _, err = run(capsys, "import", str(source), str(tmp_path / "r"))
    assert status == 1 and "LibreOffice" in err and ".docx" in err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_doc_saved_by_libreoffice_is_converted_and_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess

    original = tmp_path / "dongan.docx"
    assert (
        run(capsys, "export", str(EXAMPLES / "dongan-emergency-2025"), "-o", str(original))[0] == 0
    )
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(original),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    status, out, err = run(capsys, "import", str(tmp_path / "dongan.doc"), str(tmp_path / "r"))
    assert status == 0, out + err
    report = load_report(tmp_path / "r")
    want = load_report(EXAMPLES / "dongan-emergency-2025")
    assert paragraphs(export_text(report, web=True)[0]) == paragraphs(
        export_text(want, web=True)[0]
    )


# -- the real openings with Word's automatic numbering ------------------------------------------
REALWORLD = ROOT / "tests" / "data" / "realworld"
STEMS = sorted(p.stem for p in REALWORLD.glob("*.txt"))
_NUMBERED = re.compile(
    r"^(?:([一二三四五六七八九十]+)、|（([一二三四五六七八九十]+)）|(\d+)([.、]))(.*)$"
)


def auto_numbered(text: str) -> tuple[list[str], str]:
    """The paragraphs of a copy with their typed numbers taken out into Word's numbering.

    一、 and （一） are levels 0 and 1 of one list; 1. (or 1、) is a list of its own, and a
    typed 1 starts a new instance of it (startOverride 1), so numbers restart or run on as
    the copy has them.
    """
    body: list[str] = []
    instances: list[str] = []
    current = 0
    for line in paragraphs(text):
        match = _NUMBERED.match(line)
        if not match:
            body.append(_p(_run(line)))
            continue
        section, part, item, mark, rest = match.groups()
        if section:
            body.append(_p(_run(rest, "黑体"), num=(1, 0)))
        elif part:
            body.append(_p(_run(rest, "楷体_GB2312"), num=(1, 1)))
        else:
            abstract = 20 if mark == "." else 21
            if item == "1" or not current:
                current = 100 + len(instances)
                instances.append(
                    f'<w:num w:numId="{current}"><w:abstractNumId w:val="{abstract}"/>'
                    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    "</w:num>"
                )
            body.append(_p(_run(rest), num=(current, 0)))
    numbering = NUMBERING.replace(
        "</w:abstractNum>\n  <w:num ",
        f'</w:abstractNum>\n  <w:abstractNum w:abstractNumId="21">{_lvl(0, "decimal", "%1、")}'
        "</w:abstractNum>\n  <w:num ",
        1,
    ).replace("</w:numbering>", "".join(instances) + "</w:numbering>")
    return body, numbering


@pytest.mark.parametrize("stem", STEMS)
def test_a_real_opening_with_automatic_numbers_reads_as_its_text(
    stem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (REALWORLD / f"{stem}.txt").read_text("utf-8")
    body, numbering = auto_numbered(text)
    source = tmp_path / "auto.docx"
    build(source, body, numbering)
    assert not any(_NUMBERED.match(p) for p in docx_paragraphs(source) if p)  # no typed numbers
    assert run(capsys, "import", str(source), str(tmp_path / "docx"))[0] == 0
    assert run(capsys, "import", str(REALWORLD / f"{stem}.txt"), str(tmp_path / "text"))[0] == 0
    capsys.readouterr()
    from_docx, from_text = load_report(tmp_path / "docx"), load_report(tmp_path / "text")
    assert from_docx.numbering == from_text.numbering
    assert [p.text for p in build_document(from_docx).body] == [
        p.text for p in build_document(from_text).body
    ]
    assert _shape(from_docx) == _shape(from_text)


def _shape(report: object) -> list[object]:
    from tests.cli.test_import import shape

    return shape(report)  # type: ignore[arg-type]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_saved_by_libreoffice_reads_as_the_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tui's DOCX of each real opening and example, opened and saved again by LibreOffice.

    LibreOffice rewrites the styles, fonts and runs its own way; the import must still
    find the same blocks and print the same paragraphs.
    """
    import subprocess

    originals: dict[str, Path] = {}
    for stem in STEMS:
        assert run(capsys, "import", str(REALWORLD / f"{stem}.txt"), str(tmp_path / stem))[0] == 0
        originals[stem] = tmp_path / stem
    for example in ("baoshan-emergency-2023", "dongan-emergency-2025"):
        originals[example] = EXAMPLES / example
    sources = tmp_path / "docx"
    sources.mkdir()
    for name, folder in originals.items():
        status = run(capsys, "export", str(folder), "-o", str(sources / f"{name}.docx"), "--force")
        assert status[0] == 0
    saved = tmp_path / "saved"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(saved),
            *(str(p) for p in sorted(sources.glob("*.docx"))),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    capsys.readouterr()
    for name, folder in originals.items():
        status, out, err = run(
            capsys, "import", str(saved / f"{name}.docx"), str(tmp_path / f"r-{name}")
        )
        assert status == 0, out + err
        got, want = load_report(tmp_path / f"r-{name}"), load_report(folder)
        assert [p.text for p in build_document(got).body] == [
            p.text for p in build_document(want).body
        ], name
        assert [s.kind for s in got.sections] == [s.kind for s in want.sections], name
        assert _shape(got) == _shape(want), name


def test_a_docx_under_another_name_is_read_as_docx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.txt"
    assert (
        run(
            capsys,
            "export",
            str(EXAMPLES / "dongan-emergency-2025"),
            "-o",
            str(tmp_path / "a.docx"),
        )[0]
        == 0
    )
    shutil.copy(tmp_path / "a.docx", source)
    status, out, err = run(capsys, "import", str(source), str(tmp_path / "r"))
    assert status == 0 and "（DOCX）" in out, out + err
    assert len(load_report(tmp_path / "r").sections) == 4
