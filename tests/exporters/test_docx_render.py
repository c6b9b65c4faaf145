"""The exported DOCX rendered by LibreOffice: pages, lines a page, where things land, faces.

Rendering takes seconds, so the module renders once: the shipped example and
``tests/data/layout-blocks`` (standalone headings at levels 2–4, numbered
paragraphs, a body that ends on an even page so that a blank page stands
before the 版记). Fonts are the stand-ins of ``exporters/preview-fonts.conf``
(fonts-noto-cjk, fonts-arphic-ukai), so that 仿宋, 黑体 and 楷体 differ as they
will in Word. Automatically inserted blank pages are exported too, as a
printer prints them.

Where LibreOffice, poppler or the fonts are missing the tests skip, except
under CI (``CI=true``), where they fail: ``.ci/run`` installs what they need.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporters.document import build_document
from exporters.docx import export_docx
from exporters.docx_pages import body_ends_on_even_page, estimate_imprint_page
from records import load_report
from tests.conftest import EXAMPLE, ROOT

LAYOUT = ROOT / "tests" / "data" / "layout-blocks"
TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdftohtml")
FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN")
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
"""PDF export that keeps the blank pages a word processor inserts (before an even-page 版记)."""


def _missing() -> list[str]:
    """What this machine lacks to render as the figures below expect."""
    missing = [tool for tool in (*TOOLS, "fc-list") if shutil.which(tool) is None]
    if "fc-list" not in missing:
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
        missing += [font for font in FONTS if font not in listed]
    return missing


def require_renderer(missing: list[str], ci: str | None) -> None:
    """Skip when something is missing; under CI fail instead, so CI cannot pass unrendered."""
    if not missing:
        return
    message = (
        "rendering needs LibreOffice, poppler-utils, fonts-noto-cjk and fonts-arphic-ukai; "
        f"missing: {', '.join(missing)}"
    )
    if (ci or "").lower() == "true":
        pytest.fail(message + " (CI=true: .ci/run installs them)", pytrace=False)
    pytest.skip(message)


MM = 72 / 25.4
TYPE_TOP, TYPE_BOTTOM = 37 * MM, (37 + 225) * MM
TYPE_LEFT, TYPE_RIGHT = 28 * MM, (28 + 156) * MM
CHAR = (16 * 20 - 5) / 20
"""One character of 3号 body text as set, in points."""
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
_FONTSPEC = re.compile(r'<fontspec id="(\d+)" size="[^"]*" family="(?:[A-Z]{6}\+)?([^"]*)"')
_TEXT = re.compile(
    r'<text top="(\d+)" left="(\d+)" width="\d+" height="\d+" font="(\d+)">(.*?)</text>'
)
_ZOOM = 1.5
"""pdftohtml's default zoom: its coordinates are points × 1.5."""


@dataclass(frozen=True)
class Line:
    """One printed line: where it starts (points from the page's top left), its text, its faces."""

    top: float
    left: float
    text: str
    faces: frozenset[str]


class Rendered:
    """The PDF of a report and what poppler reads from it."""

    def __init__(self, pdf: Path) -> None:
        self.pdf = pdf
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        self.pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]

    def text(self, page: int) -> str:
        return self._poppler(page, "-layout")

    def words(self, page: int) -> list[tuple[float, float, float, float, str]]:
        found = _WORD.findall(self._poppler(page, "-bbox"))
        return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in found]

    def lines(self, page: int) -> list[Line]:
        """The page's lines top to bottom, spaces dropped, with the font families they use."""
        argv = ["pdftohtml", "-xml", "-i", "-stdout", "-f", str(page), "-l", str(page)]
        xml = subprocess.run([*argv, str(self.pdf)], capture_output=True, text=True, check=True)
        families: dict[str, str] = dict(_FONTSPEC.findall(xml.stdout))
        rows: dict[int, list[tuple[int, str, str]]] = {}
        for top, left, font, text in _TEXT.findall(xml.stdout):
            row = next((r for r in rows if abs(r - int(top)) <= 3), int(top))
            rows.setdefault(row, []).append((int(left), families.get(font, font), text))
        lines = []
        for top, pieces in sorted(rows.items()):
            pieces.sort()
            text = "".join(t for _, _, t in pieces).replace(" ", "")
            faces = frozenset(f for _, f, t in pieces if t.strip())
            lines.append(Line(top / _ZOOM, pieces[0][0] / _ZOOM, text, faces))
        return lines

    def body_lines(self, page: int) -> list[Line]:
        """The lines inside the type area (not the page number below it)."""
        return [line for line in self.lines(page) if line.top < TYPE_BOTTOM]

    def _poppler(self, page: int, mode: str) -> str:
        argv = ["pdftotext", mode, "-f", str(page), "-l", str(page), str(self.pdf), "-"]
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both reports' DOCX converted by one LibreOffice run (it starts slowly)."""
    require_renderer(_missing(), os.environ.get("CI"))
    folder = tmp_path_factory.mktemp("render")
    sources = []
    for name, report in (("example", EXAMPLE), ("layout", LAYOUT)):
        source = folder / f"{name}.docx"
        source.write_bytes(export_docx(load_report(report)).data)
        sources.append(str(source))
    env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "exporters" / "preview-fonts.conf"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(folder),
            *sources,
        ],
        env=env,
        capture_output=True,
        check=True,
        timeout=240,
    )
    return folder


@pytest.fixture(scope="module")
def rendered(pdfs: Path) -> Rendered:
    return Rendered(pdfs / "example.pdf")


@pytest.fixture(scope="module")
def layout(pdfs: Path) -> Rendered:
    return Rendered(pdfs / "layout.pdf")


@pytest.mark.parametrize(
    ("missing", "ci", "outcome"),
    [
        ([], "true", None),
        (["soffice"], None, pytest.skip.Exception),
        (["soffice"], "", pytest.skip.Exception),
        (["soffice", "AR PL UKai CN"], "true", pytest.fail.Exception),
        (["pdftotext"], "TRUE", pytest.fail.Exception),
    ],
)
def test_render_tests_skip_without_the_tools_but_fail_under_ci(
    missing: list[str], ci: str | None, outcome: type[BaseException] | None
) -> None:
    if outcome is None:
        require_renderer(missing, ci)
        return
    with pytest.raises(outcome, match="missing: " + re.escape(", ".join(missing))):
        require_renderer(missing, ci)


def test_the_example_takes_eight_pages_with_the_imprint_on_the_last(rendered: Rendered) -> None:
    # the body ends on page 7, so the 版记 stands alone at the foot of page 8 (an even page)
    assert rendered.pages == 8
    assert "2024 年 1 月 19 日" in rendered.text(7) and "抄送" not in rendered.text(7)
    assert "抄送：区法治政府办。" in rendered.text(8)


def test_page_one_holds_the_mark_the_title_and_body_text(rendered: Rendered) -> None:
    text = rendered.text(1)
    for expected in (
        "上海市宝山区应急管理局文件",
        "签发人：沈斌",
        "宝山区应急管理局 2023 年",
        "法治政府建设情况报告",
        "中共上海市宝山区委、宝山区人民政府：",
        "区应急管理局以习近平新时代",
    ):
        assert expected in text


def test_full_pages_hold_22_lines(rendered: Rendered) -> None:
    # page 6 ends early: its last paragraph goes over with the signature, kept together
    for page in range(2, 6):
        lines = [line for line in rendered.text(page).splitlines() if line.strip()]
        assert len(lines) == 22 + 1, f"page {page}"  # and the page number


def test_body_lines_stay_inside_the_type_area(rendered: Rendered) -> None:
    for page in range(1, rendered.pages + 1):
        for x0, y0, x1, y1, word in rendered.words(page):
            if re.fullmatch(r"[—\d]+", word):
                continue  # the page number stands below the type area
            # a closing comma or stop may hang into the margin, as Word lets it by default
            hang = 16 if word[-1] in "，。、；：！？”’）》" else 0
            assert TYPE_LEFT - 1 <= x0 and x1 <= TYPE_RIGHT + 1 + hang, (page, word)
            assert TYPE_TOP - 1 <= y0 and y1 <= TYPE_BOTTOM + 1, (page, word)


def test_page_numbers_alternate_sides_one_character_in(rendered: Rendered) -> None:
    for page in range(1, rendered.pages + 1):
        number = [w for w in rendered.words(page) if w[4] == str(page)]
        assert number, f"page {page} has no number"
        x0, y0, x1, y1, _ = number[-1]
        assert y0 > TYPE_BOTTOM
        if page % 2:
            assert TYPE_RIGHT - 14 * 3 < x1 < TYPE_RIGHT - 14, page
        else:
            assert TYPE_LEFT + 14 < x0 < TYPE_LEFT + 14 * 3, page


def test_imprint_ends_on_the_last_line_of_the_last_page(rendered: Rendered) -> None:
    words = rendered.words(rendered.pages)
    texts = [w[4] for w in words]
    assert "抄送：区法治政府办。" in texts
    bottom = max(y1 for _, _, _, y1, word in words if "份" in word)
    assert TYPE_BOTTOM - 8 < bottom <= TYPE_BOTTOM + 1


def test_signature_shares_its_page_with_body_text(rendered: Rendered) -> None:
    words = rendered.words(7)
    signature = next(w for w in words if w[4] == "上海市宝山区应急管理局")
    above = [w for w in words if w[3] < signature[1] and w[0] < 100]
    assert above, "body text must stand above the signature on its page"


# -- standalone headings, numbered paragraphs, the blank page before the 版记 ----------------
def _headings() -> list[tuple[int, str]]:
    """The standalone headings of the layout report (level, text), as the document lays them out."""
    document = build_document(load_report(LAYOUT))
    return [(p.level, p.text) for p in document.body if p.heading]


def _find(rendered: Rendered, text: str) -> tuple[int, int, list[Line]]:
    """The page, line index and lines that print ``text`` as a paragraph of its own."""
    for page in range(1, rendered.pages + 1):
        lines = rendered.body_lines(page)
        for i in range(len(lines)):
            printed = ""
            for j in range(i, len(lines)):
                printed += lines[j].text
                if not text.startswith(printed):
                    break
                if printed == text:
                    return page, i, lines[i : j + 1]
    raise AssertionError(f"no paragraph prints {text!r}")


FACES = {1: "NotoSansCJK", 2: "UKaiCN", 3: "NotoSerifCJK", 4: "NotoSerifCJK"}
"""The stand-ins of 黑体, 楷体 and 仿宋 (preview-fonts.conf) by heading level [STD 7.3.3]."""


def test_the_layout_report_has_headings_at_every_level() -> None:
    levels = [level for level, _ in _headings()]
    assert {1, 2, 3, 4} <= set(levels)


def test_standalone_headings_stand_alone_in_their_faces_two_characters_in(
    layout: Rendered,
) -> None:
    for level, text in _headings():
        _, _, lines = _find(layout, text)
        faces = frozenset().union(*(line.faces for line in lines))
        assert len(faces) == 1, (text, faces)
        (face,) = faces
        # Noto's CJK fonts name their subset by the first region they cover (…CJKjp, …CJKsc)
        assert face.startswith(FACES[level]), (text, face)
        assert abs(lines[0].left - (TYPE_LEFT + 2 * CHAR)) < 2, (text, lines[0].left)


def test_numbered_paragraphs_carry_generated_numbers_and_are_indented(layout: Rendered) -> None:
    for start in (
        "1.加强执法人员培训。",
        "2.落实执法资格管理。",
        "（1）建立执法人员信息库",
        "（2）开展执法证件",
    ):
        line = next(
            line
            for page in range(1, layout.pages + 1)
            for line in layout.body_lines(page)
            if line.text.startswith(start)
        )
        assert abs(line.left - (TYPE_LEFT + 2 * CHAR)) < 2, start
        assert all(face.startswith("NotoSerifCJK") for face in line.faces), start


def test_no_heading_ends_a_page(layout: Rendered) -> None:
    headings = {text for _, text in _headings()}
    for page in range(1, layout.pages + 1):
        lines = layout.body_lines(page)
        assert not (lines and lines[-1].text in headings), (page, lines[-1].text)
    # （1） would have fitted on the last line of page 2; kept with its text, it opens page 3
    page, index, _ = _find(layout, "（1）完善决策目录管理")
    assert (page, index) == (3, 0)
    assert len(layout.body_lines(2)) == 22 - 1


def test_the_blank_page_and_the_imprint_page_carry_no_page_number(layout: Rendered) -> None:
    # the body ends on page 6 (even) and the 版记 does not fit under it: a blank page 7,
    # the 版记 at the foot of page 8, and neither page is numbered [STD 7.5]
    document = build_document(load_report(LAYOUT))
    assert body_ends_on_even_page(document) is True
    assert not estimate_imprint_page(document, 5).surely_even
    assert layout.pages == 8
    assert "2025 年 1 月 20 日" in layout.text(6) and "抄送" not in layout.text(6)
    assert layout.text(7).strip() == ""
    imprint = layout.text(8)
    assert "抄送：区委依法治区办" in imprint
    for page in range(1, 9):
        below = [w[4] for w in layout.words(page) if w[1] > TYPE_BOTTOM]  # the footer
        assert below == ([] if page > 6 else ["—", str(page), "—"]), (page, below)
    bottom = max(y1 for _, _, _, y1, word in layout.words(8) if "份" in word)
    assert TYPE_BOTTOM - 8 < bottom <= TYPE_BOTTOM + 1  # the type area is the same as elsewhere
