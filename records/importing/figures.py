"""Figures in the prose become metrics: ``办理行政处罚案件142件`` → ``{penalty_cases}件``.

A number followed by a unit of count, money or percent is taken out of the
text into a metric: its value as written (``861.98``, ``2.30``), its unit,
and a label from the words before it. A hedge stays in the prose
(``{x}余家``, ``约{x}人``, ``{x}件以上``), as the validator expects. The key
comes from the catalogue of well-known metrics when the label names one
of them in a unit it takes, and is generated otherwise. The units and the
catalogue are passed in by the caller (they are the schema's), so this
layer does not read the schema itself.

References are marked with private-use characters until the writer turns
them into ``{key}`` (after doubling the text's own braces).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from records.importing.model import (
    ImportedBlock,
    ImportedMetric,
    ImportedReport,
    ImportedSection,
    Note,
    SourceParagraph,
)

REF_OPEN, REF_CLOSE = "\ue000", "\ue001"
"""Around a metric's key in imported prose, until the writer writes ``{key}``."""


@dataclass(frozen=True)
class KnownMetric:
    """A well-known metric of the catalogue: its key, the units it takes, the labels it goes by."""

    key: str
    units: tuple[str, ...]
    labels: tuple[str, ...]


_SEPARATORS = "，。；：！？,;:（(「"
_OPEN, _CLOSE = "“‘《「", "”’》」"
_LEADING = re.compile(
    r"^(?:全年|今年|年内|本年度|其中|共计|共|累计|合计|全局|我局|局|此外|同时|并|已)+"
)
_NUMBERED = re.compile(
    r"^(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、是])"
)
"""A number the label starts with, left in the prose (``4、跳号段落。共计20项``)."""
_TRAILING = re.compile(r"(?:共计|共|累计|合计|达到|达|约|近|超过|逾|计|为|了|有)+$")
_NOT_A_COUNT_AFTER = ("个月", "个工作日", "个小时", "个百分点", "次日", "条例", "件事")
_KIND_WORDS = {
    "%": "rate",
    "％": "rate",
    "元": "amount",
    "千元": "amount",
    "万元": "amount",
    "亿元": "amount",
    "人": "people",
    "人次": "people",
    "名": "people",
    "次": "times",
    "场": "times",
    "场次": "times",
    "期": "times",
}


_GROUPED = re.compile(r"(?<![\d.．])\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?")
"""A number written with thousands separators (``1,142``, ``1，142``, ``12,345.6``).

It stays text: the exporter prints a metric's value without separators, so a
metric would not reproduce the source. It is listed for review instead.
"""
THOUSANDS_REASON = "数字带千位分隔符，未转为指标"

_TITLED = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》")
"""A document's title (《…12条措施（试行）》): a number in it is part of the name, not a figure."""
_CONJUNCTION = re.compile(r"^(?:[、和与]|及(?!格))+")
"""A conjunction left at a label's start (``及`` but not 及格率)."""


_FALLBACK_LABELS = {
    "rate": "比率",
    "amount": "金额",
    "people": "人数",
    "times": "次数",
    "count": "数量",
}
"""A label when the prose gives none: never the unit alone (``label = "件"``)."""


def _balanced(words: str) -> str:
    """``words`` without a quote or bracket whose other half is not in it."""
    for open_, close in zip(_OPEN + "（(", _CLOSE + "）)", strict=True):
        if words.count(open_) != words.count(close):
            words = words.replace(open_, "").replace(close, "")
    return words.strip()


def _pattern(units: Iterable[str]) -> re.Pattern[str]:
    words = "|".join(re.escape(u) for u in sorted(set(units), key=len, reverse=True))
    return re.compile(
        r"(?<![\d.．A-Za-z第])(?P<number>\d+(?:\.\d+)?)(?![\d.])"
        rf"(?P<scale>[万亿])?(?P<hedge>余|多)?(?P<unit>{words})"
    )


class _Extractor:
    def __init__(
        self,
        report: ImportedReport,
        units: Sequence[str],
        percent: Sequence[str],
        money: Sequence[str],
        catalogue: Sequence[KnownMetric],
        source: Sequence[SourceParagraph] = (),
    ) -> None:
        self.report = report
        self.source = source
        self.pattern = _pattern(units)
        self.percent = set(percent)
        self.money = set(money)
        self.catalogue = catalogue
        self.used: set[str] = set()
        self.counts: dict[str, int] = {}

    def key_for(self, label: str, unit: str, kind: str) -> tuple[str, bool]:
        best: tuple[int, str] | None = None
        for entry in self.catalogue:
            if entry.key in self.used or unit not in entry.units:
                continue
            for name in entry.labels:
                if name in label and (best is None or len(name) > best[0]):
                    best = (len(name), entry.key)
        if best:
            return best[1], True
        word = _KIND_WORDS.get(unit, "count")
        while True:
            n = self.counts.get(f"{kind}_{word}", 0) + 1
            self.counts[f"{kind}_{word}"] = n
            key = f"{kind}_{word}_{n}"
            if key not in self.used:
                return key, False

    def text(self, text: str, section: ImportedSection, found: list[ImportedMetric]) -> str:
        out: list[str] = []
        at = 0
        grouped = [m.span() for m in _GROUPED.finditer(text)]
        titled = [m.span() for m in _TITLED.finditer(text)]
        for match in self.pattern.finditer(text):
            if any(s <= match.start() < e for s, e in titled):
                continue
            number, scale, hedge, unit = match.group("number", "scale", "hedge", "unit")
            after = text[match.start("unit") :]
            within = next((s for s, e in grouped if s <= match.start() < e), None)
            if within is not None:
                self.thousands(text[within : match.end()])
                continue
            if (
                (len(number) > 1 and number.startswith("0") and not number.startswith("0."))
                or any(after.startswith(w) for w in _NOT_A_COUNT_AFTER)
                or ("." in number and unit not in self.percent and unit not in self.money)
                or (scale and unit in self.percent)
            ):
                continue
            unit = (scale or "") + unit
            value: int | Decimal = Decimal(number) if "." in number else int(number)
            label = self.label_for(text[at : match.start()], text[match.end() :])
            key, known = self.key_for(label, unit, section.kind)
            self.used.add(key)
            if not label or label == unit:
                label = _FALLBACK_LABELS[_KIND_WORDS.get(unit, "count")]
            found.append(ImportedMetric(key, value, unit, label, known))
            ref = REF_OPEN + key + REF_CLOSE
            out.append(text[at : match.start()])
            if unit in self.percent:
                out.append(ref)  # the exporter writes the percent sign
            else:
                out.append(ref + (scale or "") + (hedge or "") + match.group("unit"))
            at = match.end()
        out.append(text[at:])
        return "".join(out)

    def thousands(self, figure: str) -> None:
        """List a figure with thousands separators, at the source line that has it."""
        line = next((p.number for p in self.source if figure in p.text), 0)
        self.report.review.append(Note(line, figure, THOUSANDS_REASON))

    @staticmethod
    def label(before: str) -> str:
        """The words before a figure, back to the last stop outside quotes, trimmed."""
        depth = 0
        cut = -1
        for i in range(len(before) - 1, -1, -1):
            ch = before[i]
            if ch in _CLOSE:
                depth += 1
            elif ch in _OPEN and depth:
                depth -= 1
            elif ch in _SEPARATORS:
                cut = i
                break
        words = _CONJUNCTION.sub("", before[cut + 1 :].strip())
        words = _LEADING.sub("", _NUMBERED.sub("", words))
        return _balanced(_TRAILING.sub("", words).strip())

    def label_for(self, before: str, after: str) -> str:
        """The label: the words before; else the clause before the comma; else the words after."""
        label = self.label(before)
        while not label and before:
            cut = max(before.rfind(ch) for ch in _SEPARATORS)
            if cut < 0:
                break
            before = before[:cut]
            label = self.label(before)
        return label or _balanced(self.label_after(after))

    @staticmethod
    def label_after(after: str) -> str:
        stops = (after.find(ch) for ch in _SEPARATORS + "。0123456789")
        cut = min((i for i in stops if i >= 0), default=-1)
        return (after[:cut] if cut >= 0 else after)[:20].strip()

    def section(self, section: ImportedSection) -> list[ImportedMetric]:
        found: list[ImportedMetric] = []
        section.lead = self.text(section.lead, section, found)
        section.points = [self.text(p, section, found) for p in section.points]
        section.paragraphs = [self.text(p, section, found) for p in section.paragraphs]
        for block in section.walk():
            self.block(block, section, found)
        return found

    def block(
        self, block: ImportedBlock, section: ImportedSection, found: list[ImportedMetric]
    ) -> None:
        block.text = self.text(block.text, section, found)
        block.points = [self.text(p, section, found) for p in block.points]
        block.paragraphs = [self.text(p, section, found) for p in block.paragraphs]


def extract_metrics(
    report: ImportedReport,
    units: Sequence[str],
    percent: Sequence[str],
    money: Sequence[str],
    catalogue: Sequence[KnownMetric] = (),
    source: Sequence[SourceParagraph] = (),
) -> None:
    """Take the figures out of every section's prose into ``section.metrics`` (in place).

    A figure written with thousands separators stays text and is listed in
    ``report.review``, at its line of ``source`` when given.
    """
    extractor = _Extractor(report, units, percent, money, catalogue, source)
    for section in report.sections:
        section.metrics = extractor.section(section)
