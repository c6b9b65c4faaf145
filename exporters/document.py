"""The report laid out as a document: the content both exporters write.

Turning records into paragraphs happens once, here: numbering is generated,
run-in headings get their full stop, and ``{key}`` references are replaced by
the metric's value. The text and DOCX exporters only decide how it looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from exporters.numbering import (
    block_number,
    chinese_date,
    point_number,
    section_number,
)
from records import Block, Diagnostic, Metric, RecordFile, Report, Section
from records.body import numbered
from records.diagnostic import relative_to_cwd
from records.placeholders import Literal as TextLiteral
from records.placeholders import Malformed, Reference, parse_template
from records.positions import KeyPath

Style = Literal["body", "heading1", "heading2"]
"""一、 headings (黑体), （一） headings (楷体), and body text (仿宋), which 1. and （1） headings
are set in too (GB/T 9704 7.3.3)."""

_SENTENCE_END = ("。", "！", "？", "：", "；")


@dataclass(frozen=True)
class Span:
    """A stretch of a paragraph in one style."""

    text: str
    style: Style = "body"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the 正文: a heading alone, or text that may open with a run-in heading."""

    spans: tuple[Span, ...]
    heading: bool = False
    """A heading on its own (一、 or a standalone heading): it keeps with the next paragraph."""
    level: int = 0
    """The heading level it stands at: 1 一、, 2 （一）, 3 1., 4 （1）; 0 for the opening."""
    section: int = -1
    """The index of the section it belongs to in ``Report.sections`` (-1: the opening)."""
    keys: KeyPath = ()
    """Where in the section file it is written: ``()`` for the section heading, ``("lead",)``,
    ``("paragraphs", 0)``, a block's key path, or a block's ``(*keys, "paragraphs", i)``."""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Document:
    """Everything an exporter writes, in page order, as finished strings."""

    issuer_mark: str
    doc_number: str
    signer: str
    title: str
    recipients: str
    body: list[Paragraph]
    signature: str
    date: str
    cc: str
    printer: str
    print_date: str
    copies: int | None
    problems: list[Diagnostic] = field(default_factory=list)


def format_value(metric: Metric) -> str:
    """A metric's value as the report prints it: 12, 861.98, 2.30 (as stated), 100%."""
    value = metric.value
    if value is None:
        text = "〔空〕"
    elif isinstance(value, Decimal):
        text = format(value, "f")
    else:
        text = str(value)
    return text + metric.unit if metric.unit in ("%", "％") else text


class _Renderer:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.metrics = report.metrics()
        self.problems: list[Diagnostic] = []

    def fill(self, template: str, file: RecordFile, keys: KeyPath) -> str:
        """Replace each ``{key}`` by its metric's value; collect what does not resolve."""
        out: list[str] = []
        for segment in parse_template(template):
            if isinstance(segment, TextLiteral):
                out.append(segment.text)
            elif isinstance(segment, Reference) and segment.key in self.metrics:
                out.append(format_value(self.metrics[segment.key]))
            elif isinstance(segment, Reference):
                out.append("{" + segment.key + "}")
                self.problem(
                    file,
                    keys,
                    segment.start,
                    "X001",
                    f"“{{{segment.key}}}”没有对应的指标；"
                    f"请在 [metrics.{segment.key}] 中定义，或改正拼写",
                )
            elif isinstance(segment, Malformed):
                out.append(segment.text)
                self.problem(file, keys, segment.start, "X002", segment.reason)
        return "".join(out)

    def problem(self, file: RecordFile, keys: KeyPath, index: int, code: str, message: str) -> None:
        where = file.where(keys, index)
        self.problems.append(
            Diagnostic(
                relative_to_cwd(file.path),
                where.line,
                where.column,
                code,
                "error",
                message,
                where.pointer,
            )
        )

    def points(self, file: RecordFile, keys: KeyPath, points: list[str]) -> str:
        return "".join(
            point_number(i) + self.fill(p, file, (*keys, "points", i - 1))
            for i, p in enumerate(points, 1)
        )

    def point_paragraphs(
        self, n: int, file: RecordFile, keys: KeyPath, points: list[str]
    ) -> list[Paragraph]:
        """Points written ``points_standalone = true``: 一是… and each next one a paragraph."""
        return [
            Paragraph(
                (Span(point_number(i) + self.fill(p, file, (*keys, "points", i - 1))),),
                section=n,
                keys=(*keys, "points", i - 1),
            )
            for i, p in enumerate(points, 1)
        ]

    def body(self) -> list[Paragraph]:
        meta = self.report.meta
        paragraphs = [
            Paragraph((Span(self.fill(self.report.body.opening, meta, ("body", "opening"))),)),
            *(
                Paragraph((Span(self.fill(text, meta, ("body", "paragraphs", i))),))
                for i, text in enumerate(self.report.body.paragraphs)
            ),
        ]
        for n, section in enumerate(self.report.sections):
            paragraphs.extend(self.section(n, section))
        return paragraphs

    def section(self, n: int, section: Section) -> list[Paragraph]:
        """The section's heading, its own paragraphs, then every block in document order."""
        file = section.file
        title = section_number(n + 1) + self.fill(section.title, file, ("title",))
        out = [Paragraph((Span(title, "heading1"),), heading=True, level=1, section=n)]
        apart = section.points_standalone
        lead = self.fill(section.lead, file, ("lead",))
        if not apart:
            lead += self.points(file, (), section.points)
        if lead:
            keys = ("lead",) if section.lead else ("points",)
            out.append(Paragraph((Span(lead),), section=n, keys=keys))
        if apart:
            out.extend(self.point_paragraphs(n, file, (), section.points))
        out.extend(self.paragraphs(n, file, (), section.paragraphs))
        for block, number in numbered(section.blocks, self.report.numbering):
            out.extend(self.block(n, file, block, number))
        return out

    def paragraphs(
        self, n: int, file: RecordFile, keys: KeyPath, texts: list[str]
    ) -> list[Paragraph]:
        return [
            Paragraph(
                (Span(self.fill(t, file, (*keys, "paragraphs", i))),),
                section=n,
                keys=(*keys, "paragraphs", i),
            )
            for i, t in enumerate(texts)
        ]

    def block(self, n: int, file: RecordFile, block: Block, number: int) -> list[Paragraph]:
        """A block's paragraphs: its heading (alone, or run in with its text), then the rest.

        A run-in heading ends with 。 before its text (unless it already ends
        a sentence); a standalone heading is printed as written.
        """
        keys = block.keys
        style: Style = "heading2" if block.level == 2 else "body"
        label = block_number(block.level, number, self.report.numbering)
        heading = label + self.fill(block.title, file, (*keys, "title"))
        text = self.fill(block.text, file, (*keys, "text"))
        if not block.points_standalone:
            text += self.points(file, keys, block.points)
        out: list[Paragraph] = []
        if not block.is_heading:  # a numbered paragraph: 1. and its text
            out.append(Paragraph((Span(label + text),), level=block.level, section=n, keys=keys))
        elif block.standalone or not text:
            # a heading with no text of its own stands alone too: keep it with what follows
            out.append(
                Paragraph(
                    (Span(heading, style),),
                    heading=block.standalone
                    or bool(block.paragraphs or block.children or block.points_standalone),
                    level=block.level,
                    section=n,
                    keys=keys,
                )
            )
            if text:
                first = (*keys, "text") if block.text else (*keys, "points")
                out.append(Paragraph((Span(text),), section=n, keys=first))
        else:
            if not heading.endswith(_SENTENCE_END):
                heading += "。"
            out.append(
                Paragraph(
                    (Span(heading, style), Span(text)), level=block.level, section=n, keys=keys
                )
            )
        if block.points_standalone:
            out.extend(self.point_paragraphs(n, file, keys, block.points))
        out.extend(self.paragraphs(n, file, keys, block.paragraphs))
        return out


def build_document(report: Report) -> Document:
    """Lay the report out; unresolved references are kept visibly and listed in ``problems``."""
    renderer = _Renderer(report)
    meta, body, header, footer = report.meta, report.body, report.header, report.footer
    recipients = "、".join(body.recipients)
    document = Document(
        issuer_mark=header.issuer_mark,
        doc_number=header.doc_number,
        signer=header.signer,
        title=renderer.fill(body.title, meta, ("body", "title")),
        recipients=recipients + "：" if recipients else "",
        body=renderer.body(),
        signature=body.signature,
        date=chinese_date(body.date),
        cc="，".join(footer.cc),
        printer=footer.printer,
        print_date=chinese_date(footer.print_date),
        copies=footer.copies,
    )
    document.problems = renderer.problems
    return document
