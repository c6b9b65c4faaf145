"""The report as the rest of tui sees it: metadata, sections, their blocks, metrics.

The model is built leniently from whatever the TOML holds, because a draft may
be incomplete or wrong: a missing or mistyped value reads as empty here, and
the validator (``schema``) reports it. Every node remembers its file and key
path, so any value can be traced to its line and column.

The nodes are named tuples: immutable, compared by value, and cheap to
define, where a dataclass compiles its methods at import time (``tui
validate`` runs on every commit, so its start-up counts).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from records.body import Block, Numbering, children_of, read_numbering
from records.positions import KeyPath, Locator, Position
from records.source import SourceText

SECTION_KINDS = ("measures", "shortcomings", "leadership", "plans", "other")
"""The mandated items of the report (DESIGN.md), in the regulation's order."""

Number = int | Decimal


class Where(NamedTuple):
    """A value's origin: file, key path, and its line and column there."""

    path: Path
    keys: KeyPath
    line: int
    column: int

    @property
    def pointer(self) -> str:
        """The JSON pointer of the value inside its file's data."""
        return "".join("/" + str(k).replace("~", "~0").replace("/", "~1") for k in self.keys)


class RecordFile:
    """One TOML file of a report: its source, its data, and positions on demand."""

    def __init__(self, source: SourceText, data: dict[str, Any]) -> None:
        self.source = source
        self.data = data
        self.locator = Locator(source.text)

    def __repr__(self) -> str:
        return f"RecordFile({str(self.path)!r})"

    @property
    def path(self) -> Path:
        return self.source.path

    def position(self, keys: KeyPath) -> Position:
        """Where the value at ``keys`` is written (its nearest parent, when missing)."""
        return self.locator.value(keys)

    def where(self, keys: KeyPath, index: int | None = None) -> Where:
        """The origin of the value at ``keys``; ``index`` is a character inside a string."""
        if index is None:
            pos = self.locator.value(keys)
        else:
            pos = self.locator.in_string(keys, index)
        return Where(self.path, keys, pos.line, pos.column)


class Metric(NamedTuple):
    """A figure the report states: ``value`` in ``unit``, described by ``label``."""

    key: str
    value: Number | None
    unit: str
    label: str
    file: RecordFile

    @property
    def keys(self) -> KeyPath:
        return ("metrics", self.key)

    @property
    def decimals(self) -> int:
        """How many decimals the value is stated with (0 for an integer)."""
        if isinstance(self.value, Decimal):
            exponent = self.value.as_tuple().exponent
            return -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return 0


class Section(NamedTuple):
    """One section file: a mandated item (``kind``) of the report's body."""

    file: RecordFile
    kind: str
    title: str
    lead: str
    points: list[str]
    paragraphs: list[str]
    blocks: list[Block]
    """The blocks directly under the section: （一） parts, or 1. items written without one."""
    metrics: dict[str, Metric]
    points_standalone: bool = False
    """Each point is a paragraph of its own, after the lead's (``points_standalone``)."""

    @property
    def path(self) -> Path:
        return self.file.path


class Header(NamedTuple):
    """版头: 发文机关标志, 发文字号, 签发人."""

    issuer_mark: str
    doc_number: str
    signer: str


class Body(NamedTuple):
    """主体 frame: 标题, 主送机关, 开头语, 发文机关署名, 成文日期."""

    title: str
    recipients: list[str]
    opening: str
    paragraphs: list[str]
    """Further paragraphs of the opening, before the first section (``[body] paragraphs``)."""
    signature: str
    date: dt.date | None


class Footer(NamedTuple):
    """版记: 抄送, 印发机关, 印发日期, 印数."""

    cc: list[str]
    printer: str
    print_date: dt.date | None
    copies: int | None


class Report(NamedTuple):
    """A whole report folder: ``report.toml`` and its section files, in file-name order."""

    folder: Path
    meta: RecordFile
    year: int | None
    header: Header
    body: Body
    footer: Footer
    sections: list[Section]
    numbering: Numbering

    @property
    def files(self) -> list[RecordFile]:
        return [self.meta, *(s.file for s in self.sections)]

    def metrics(self) -> dict[str, Metric]:
        """Every metric of the report by key (one namespace; the first definition wins)."""
        found: dict[str, Metric] = {}
        for section in self.sections:
            for key, metric in section.metrics.items():
                found.setdefault(key, metric)
        return found


# -- lenient readers -------------------------------------------------------------
def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _strs(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _int(value: Any) -> int | None:
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)  # 2023.0: a slip the validator warns about, not a missing year
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: Any) -> Number | None:
    if isinstance(value, bool):
        return None
    return value if isinstance(value, int | Decimal) else None


def build_report(folder: Path, meta: RecordFile, section_files: list[RecordFile]) -> Report:
    """Assemble the model from parsed files; nothing here rejects a draft."""
    data = meta.data
    header, body, footer = (_table(data.get(k)) for k in ("header", "body", "footer"))
    return Report(
        folder=folder,
        meta=meta,
        year=_int(data.get("year")),
        header=Header(
            issuer_mark=_str(header.get("issuer_mark")),
            doc_number=_str(header.get("doc_number")),
            signer=_str(header.get("signer")),
        ),
        body=Body(
            title=_str(body.get("title")),
            recipients=_strs(body.get("recipients")),
            opening=_str(body.get("opening")),
            paragraphs=_strs(body.get("paragraphs")),
            signature=_str(body.get("signature")),
            date=_date(body.get("date")),
        ),
        footer=Footer(
            cc=_strs(footer.get("cc")),
            printer=_str(footer.get("printer")),
            print_date=_date(footer.get("print_date")),
            copies=_int(footer.get("copies")),
        ),
        sections=[build_section(f) for f in section_files],
        numbering=read_numbering(data),
    )


def build_section(file: RecordFile) -> Section:
    """A section from its file's data, reading missing or mistyped values as empty."""
    data = file.data
    metrics = _table(data.get("metrics"))
    return Section(
        file=file,
        kind=_str(data.get("kind")),
        title=_str(data.get("title")),
        lead=_str(data.get("lead")),
        points=_strs(data.get("points")),
        paragraphs=_strs(data.get("paragraphs")),
        blocks=children_of(data, (), 1),
        metrics={
            key: Metric(
                key=key,
                value=_number(_table(m).get("value")),
                unit=_str(_table(m).get("unit")),
                label=_str(_table(m).get("label")),
                file=file,
            )
            for key, m in metrics.items()
        },
        points_standalone=data.get("points_standalone") is True,
    )


_NATURAL = re.compile(r"(\d+)")


def natural_key(name: str) -> list[Any]:
    """Sort key that puts ``2-x`` before ``10-x``, as a clerk numbering files expects."""
    return [int(t) if t.isdigit() else t for t in _NATURAL.split(name)]
