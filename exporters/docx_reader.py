"""Reading a DOCX written by Word or WPS into the paragraphs the import recognises.

The text is what the reader of the document sees: tracked insertions,
smart tags, content controls, hyperlinks and field results are read;
deleted text, field codes and hidden text are not. Word's automatic numbers
(:mod:`exporters.docx_list_numbers`) are put before the paragraph's text, as
if typed, so a typed number and an automatic one are recognised alike. A
run-in heading (the paragraph opens in 楷体, 黑体 or bold and goes on in the
body font) is passed on with the paragraph, so the recogniser can cut the
heading where the font changes. WPS's quirks (XML comments in the body,
``mc:AlternateContent`` without a fallback, numeric style ids) are taken as
they come. A damaged file raises :class:`records.RecordError`.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporters.docx_list_numbers import Numbering, attr, q
from records.errors import RecordError
from records.importing.model import SourceParagraph

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_HEADING_FONTS = (
    "楷体",
    "黑体",
    "KaiTi",
    "SimHei",
    "STKaiti",
    "Kaiti",
    "方正楷",
    "方正黑",
    "华文楷",
    "华文黑",
)
_SKIPPED = {
    "del",
    "moveFrom",
    "pPr",
    "rPr",
    "proofErr",
    "bookmarkStart",
    "bookmarkEnd",
    "commentRangeStart",
    "commentRangeEnd",
    "permStart",
    "permEnd",
}
_CONTAINERS = {
    "ins",
    "moveTo",
    "smartTag",
    "sdt",
    "sdtContent",
    "hyperlink",
    "fldSimple",
    "customXml",
    "bdo",
    "dir",
    "Choice",
    "Fallback",
}
_SPACES = " \t\u3000\u00a0"


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _on(el: Any) -> bool:
    """A toggle property (``w:b``, ``w:vanish``) that is present and not switched off."""
    return el is not None and attr(el) not in ("0", "false", "off")


@dataclass
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    font: str
    bold: bool | None
    vanish: bool


def _styles(root: Any) -> tuple[dict[str, _Style], str | None]:
    """Each style by id, and the default paragraph style's id."""
    styles: dict[str, _Style] = {}
    default = None
    if root is None:
        return styles, None
    for el in root.iterchildren(q("style")):
        sid = attr(el, "styleId") or ""
        if attr(el, "type") == "paragraph" and attr(el, "default") in ("1", "true"):
            default = sid
        ppr, rpr = el.find(q("pPr")), el.find(q("rPr"))
        num = ppr.find(q("numPr")) if ppr is not None else None
        fonts = rpr.find(q("rFonts")) if rpr is not None else None
        ilvl = attr(num.find(q("ilvl"))) if num is not None else None
        styles[sid] = _Style(
            based_on=attr(el.find(q("basedOn"))),
            num_id=attr(num.find(q("numId"))) if num is not None else None,
            ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
            font=(attr(fonts, "eastAsia") or attr(fonts, "ascii") or "")
            if fonts is not None
            else "",
            bold=_on(rpr.find(q("b")))
            if rpr is not None and rpr.find(q("b")) is not None
            else None,
            vanish=rpr is not None and _on(rpr.find(q("vanish"))),
        )
    return styles, default


class _Reader:
    def __init__(self, document: Any) -> None:
        part = document.part
        # a DOCX without numbering.xml or styles.xml (WPS writes such files): python-docx
        # signals the missing part by raising, so its absence reads as no numbering / styles
        try:
            numbering_root = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_root = None
        try:
            styles_root = part.styles.element if hasattr(part, "styles") else None
        except (KeyError, NotImplementedError, AttributeError):
            styles_root = None
        self.numbering = Numbering.from_xml(numbering_root)
        self.styles, self.default_style = _styles(styles_root)
        self.paragraphs: list[SourceParagraph] = []
        self.count = 0

    def chain(self, style_id: str | None) -> list[_Style]:
        """A style and those it is based on, nearest first (guarded against loops)."""
        found: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            found.append(style)
            style_id = style.based_on
        return found

    # -- the body, in order ------------------------------------------------------------
    def body(self, el: Any, table: bool = False) -> None:
        for child in el.iterchildren():
            tag = _local(child)
            if tag == "p":
                self.paragraph(child, table)
            elif tag == "tbl":
                for cell_p in child.iter(q("p")):
                    self.paragraph(cell_p, True)
            elif tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
                self.body(child, table)
            elif tag == "AlternateContent":
                branch = child.find(f"{{{MC}}}Choice")
                if branch is None:
                    branch = child.find(f"{{{MC}}}Fallback")
                if branch is not None:
                    self.body(branch, table)

    def paragraph(self, p: Any, table: bool) -> None:
        self.count += 1
        ppr = p.find(q("pPr"))
        style_id = attr(ppr.find(q("pStyle"))) if ppr is not None else None
        styles = self.chain(style_id or self.default_style)
        label = self.label(ppr, styles)
        pieces: list[tuple[str, bool]] = []  # (text, in a heading font)
        for run in self.runs(p):
            text = self.run_text(run)
            if text:
                pieces.append((text, self.heading_font(run, styles)))
        text = label + "".join(t for t, _ in pieces)
        heading = ""
        if pieces and pieces[0][1] and not all(h for _, h in pieces):
            lead = ""
            for piece, is_heading in pieces:
                if not is_heading:
                    break
                lead += piece
            heading = label + lead
        lines = text.split("\n")
        for k, line in enumerate(lines):
            stripped = line.strip(_SPACES)
            if stripped:
                own_heading = heading.lstrip(_SPACES) if k == 0 and heading else ""
                self.paragraphs.append(
                    SourceParagraph(self.count, stripped.replace("\t", "　"), own_heading, table)
                )

    def label(self, ppr: Any, styles: list[_Style]) -> str:
        num_id: str | None = None
        ilvl: int | None = None
        num = ppr.find(q("numPr")) if ppr is not None else None
        if num is not None:
            num_id = attr(num.find(q("numId")))
            level = attr(num.find(q("ilvl")))
            ilvl = int(level) if level and level.isdigit() else None
        for style in styles:  # numbering set through the paragraph style
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
            if ilvl is None and style.ilvl is not None:
                ilvl = style.ilvl
        if not num_id:
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def runs(self, el: Any) -> list[Any]:
        found: list[Any] = []
        for child in el.iterchildren():
            tag = _local(child)
            if tag == "r":
                found.append(child)
            elif tag in _SKIPPED or not tag:
                continue
            elif tag == "AlternateContent":
                branch = child.find(f"{{{MC}}}Choice")
                if branch is None:
                    branch = child.find(f"{{{MC}}}Fallback")
                if branch is not None:
                    found.extend(self.runs(branch))
            elif tag in _CONTAINERS:
                found.extend(self.runs(child))
        return found

    def run_text(self, run: Any) -> str:
        rpr = run.find(q("rPr"))
        if rpr is not None and (_on(rpr.find(q("vanish"))) or _on(rpr.find(q("webHidden")))):
            return ""
        out: list[str] = []
        for child in run.iterchildren():
            tag = _local(child)
            if tag == "t":
                out.append(child.text or "")
            elif tag == "tab":
                out.append("\t")
            elif tag in ("br", "cr"):
                out.append("\n")
            elif tag == "noBreakHyphen":
                out.append("-")
            elif tag == "sym":
                char = attr(child, "char")
                if char:
                    try:
                        out.append(
                            chr(int(char, 16) if int(char, 16) < 0xF000 else int(char, 16) - 0xF000)
                        )
                    except ValueError:
                        pass
        return "".join(out)

    def heading_font(self, run: Any, styles: list[_Style]) -> bool:
        """Whether a run is set in a heading face (楷体, 黑体) or bold."""
        rpr = run.find(q("rPr"))
        font, bold = "", None
        if rpr is not None:
            fonts = rpr.find(q("rFonts"))
            if fonts is not None:
                font = attr(fonts, "eastAsia") or attr(fonts, "ascii") or ""
            b = rpr.find(q("b"))
            bold = _on(b) if b is not None else None
            char_style = attr(rpr.find(q("rStyle")))
            for style in self.chain(char_style):
                font = font or style.font
                bold = style.bold if bold is None else bold
        for style in styles:
            font = font or style.font
            bold = style.bold if bold is None else bold
        return bool(bold) or any(name in font for name in _HEADING_FONTS)


def _text_file(path: Path) -> bool:
    """A plain text (UTF-8, UTF-16 with its BOM, or GBK) given a .docx name."""
    try:
        data = path.read_bytes()[:65536]
    except OSError:
        return False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if not data.strip() or b"\x00" in data or data.startswith(b"PK"):
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError as e:
            if e.start >= len(data) - 4:  # a character cut at the end of what was read
                return True
    return False


def read_docx(path: Path) -> list[SourceParagraph]:
    """The paragraphs of a DOCX, numbered 1, 2, … in document order (table cells included)."""
    import docx  # python-docx: only the DOCX import and export load it
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        if _text_file(path):
            raise RecordError(
                "这不是 DOCX 文件，看起来是文本文件：请把扩展名改为 .txt 后再导入", path
            )
        raise RecordError(
            "这不是有效的 DOCX 文件（不是 zip 压缩包，可能已损坏，或是 .doc 改了扩展名）", path
        )
    missing = "无法读取这个 DOCX 文件（缺少 document.xml 或内容已损坏）"
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
    except (OSError, zipfile.BadZipFile) as e:
        raise RecordError(missing, path) from e
    if "word/document.xml" not in names:
        raise RecordError(missing, path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise RecordError(missing, path) from e
    except Exception as e:  # lxml's XMLSyntaxError and the like: a damaged part
        raise RecordError(f"无法读取这个 DOCX 文件（内容已损坏）：{e}", path) from e
    reader = _Reader(document)
    reader.body(document.element.body)
    return reader.paragraphs
