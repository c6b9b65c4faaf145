"""The exported example rendered by LibreOffice: pages, lines a page, where things land.

Rendering takes seconds, so the module renders once. Fonts are the stand-ins
of ``exporters/preview-fonts.conf`` (fonts-noto-cjk, fonts-arphic-ukai), so
that 仿宋, 黑体 and 楷体 differ as they will in Word.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from exporters.docx import export_docx
from records import load_report
from tests.conftest import EXAMPLE, ROOT

TOOLS = ("soffice", "pdftotext", "pdfinfo")
FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN")


def _missing() -> list[str]:
    """What this machine lacks to render as the figures below expect."""
    missing = [tool for tool in (*TOOLS, "fc-list") if shutil.which(tool) is None]
    if "fc-list" not in missing:
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
        missing += [font for font in FONTS if font not in listed]
    return missing


MISSING = _missing()
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason="rendering needs LibreOffice, poppler-utils, fonts-noto-cjk and fonts-arphic-ukai; "
    f"missing: {', '.join(MISSING)}",
)

MM = 72 / 25.4
TYPE_TOP, TYPE_BOTTOM = 37 * MM, (37 + 225) * MM
TYPE_LEFT, TYPE_RIGHT = 28 * MM, (28 + 156) * MM
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


class Rendered:
    """The PDF of the example and what poppler reads from it."""

    def __init__(self, pdf: Path) -> None:
        self.pdf = pdf
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        self.pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]

    def text(self, page: int) -> str:
        return self._poppler(page, "-layout")

    def words(self, page: int) -> list[tuple[float, float, float, float, str]]:
        found = _WORD.findall(self._poppler(page, "-bbox"))
        return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in found]

    def _poppler(self, page: int, mode: str) -> str:
        argv = ["pdftotext", mode, "-f", str(page), "-l", str(page), str(self.pdf), "-"]
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("render")
    source = folder / "example.docx"
    source.write_bytes(export_docx(load_report(EXAMPLE)).data)
    env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "exporters" / "preview-fonts.conf"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        env=env,
        capture_output=True,
        check=True,
        timeout=180,
    )
    return Rendered(folder / "example.pdf")


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
