"""The imported report before it is written: plain values, with where each came from.

Readers of every format produce :class:`SourceParagraph` values; the
structure recogniser turns them into an :class:`ImportedReport`, which the
writer turns into TOML. Each part remembers the paragraph (line) of the
source it came from, so the summary and the review list can point there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class SourceParagraph:
    """One paragraph of the source: its text, and its line (or paragraph) number there."""

    number: int
    text: str
    heading: str = ""
    """A run-in heading the reader saw by its font (DOCX): the text opens with it."""
    table: bool = False
    """In a table cell (DOCX): the import cannot place it and lists it for review."""


@dataclass(frozen=True)
class Note:
    """A line the summary points the clerk to: skipped web chrome, or a place to review."""

    number: int
    text: str
    reason: str = ""


@dataclass
class ImportedMetric:
    """A figure taken out of the prose."""

    key: str
    value: int | Decimal
    unit: str
    label: str
    known: bool
    """Named from the catalogue rather than generated."""


@dataclass
class ImportedBlock:
    """A heading (run-in or standalone) or a numbered paragraph, as records.body writes it."""

    level: int
    number: int
    title: str = ""
    standalone: bool = False
    text: str = ""
    points: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    children: list[ImportedBlock] = field(default_factory=list)
    points_standalone: bool = False
    """Each point was a paragraph of its own (一是… on one line, 二是… on the next)."""

    @property
    def is_bare(self) -> bool:
        """Nothing stands under the heading yet."""
        return not (self.text or self.points or self.paragraphs or self.children)


@dataclass
class ImportedSection:
    """A 一、 part of the body, with the mandated item its title suggests."""

    number: int
    title: str
    kind: str
    kind_reason: str
    lead: str = ""
    points: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[ImportedBlock] = field(default_factory=list)
    metrics: list[ImportedMetric] = field(default_factory=list)
    points_standalone: bool = False

    def walk(self) -> list[ImportedBlock]:
        """Every block in document order."""
        found: list[ImportedBlock] = []

        def visit(blocks: list[ImportedBlock]) -> None:
            for block in blocks:
                found.append(block)
                visit(block.children)

        visit(self.blocks)
        return found


@dataclass
class ImportedReport:
    """Everything recognised in the source, and what the clerk should look at."""

    source_name: str = ""
    unit: str = "行"
    """What the numbers of notes count: 行 (lines of a text) or 段 (paragraphs of a DOCX)."""
    year: int | None = None
    year_reason: str = ""
    issuer_mark: str = ""
    doc_number: str = ""
    signer: str = ""
    title: str = ""
    recipients: list[str] = field(default_factory=list)
    opening: str = ""
    opening_paragraphs: list[str] = field(default_factory=list)
    """The opening's further paragraphs, when it has several (``[body] paragraphs``)."""
    signature: str = ""
    date: dt.date | None = None
    cc: list[str] = field(default_factory=list)
    printer: str = ""
    print_date: dt.date | None = None
    copies: int | None = None
    item_style: str = "1."
    items_run_on: bool = False
    sections: list[ImportedSection] = field(default_factory=list)
    skipped: list[Note] = field(default_factory=list)
    """Web page chrome (索引号, 发布机构 …) left out of the report."""
    review: list[Note] = field(default_factory=list)
    """What was kept but could not be placed with certainty."""
    after_date: list[SourceParagraph] = field(default_factory=list)
    """Lines the source has after its 成文日期 (附件：…): kept at the end of the body."""
