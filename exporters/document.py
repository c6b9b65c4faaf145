"""The report laid out as a document: the content both exporters write.

Turning records into paragraphs happens once, here: numbering is generated,
run-in headings get their full stop, and ``{key}`` references are replaced by
the metric's value. The text and DOCX exporters only decide how it looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from exporters.numbering import chinese_date, part_number, point_number, section_number
from records import Diagnostic, Metric, RecordFile, Report
from records.diagnostic import relative_to_cwd
from records.placeholders import Literal as TextLiteral
from records.placeholders import Malformed, Reference, parse_template
from records.positions import KeyPath

Style = Literal["body", "heading1", "heading2"]
"""一、 headings (黑体), （一） run-in headings (楷体), and body text (仿宋)."""

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

    def body(self) -> list[Paragraph]:
        meta = self.report.meta
        paragraphs = [
            Paragraph((Span(self.fill(self.report.body.opening, meta, ("body", "opening"))),))
        ]
        for n, section in enumerate(self.report.sections, 1):
            file = section.file
            title = self.fill(section.title, file, ("title",))
            paragraphs.append(
                Paragraph((Span(section_number(n) + title, "heading1"),), heading=True)
            )
            lead = self.fill(section.lead, file, ("lead",)) + self.points(file, (), section.points)
            if lead:
                paragraphs.append(Paragraph((Span(lead),)))
            for m, part in enumerate(section.parts, 1):
                heading = part_number(m) + self.fill(part.title, file, (*part.keys, "title"))
                text = self.fill(part.text, file, (*part.keys, "text"))
                text += self.points(file, part.keys, part.points)
                if text and not heading.endswith(_SENTENCE_END):
                    heading += "。"
                spans = [Span(heading, "heading2")]
                if text:
                    spans.append(Span(text))
                paragraphs.append(Paragraph(tuple(spans)))
        return paragraphs


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
