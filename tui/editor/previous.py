"""Last year's report beside this year's draft: its figure by a metric, its text by prose.

A clerk who types 8619800 where last year said 861.98 万元 has almost
certainly typed 元 into a 万元 field; seeing last year's figure, the change and
the warning while typing catches it before anyone reads the report. Last
year's report is read once (``previous`` in report.toml, see
:mod:`schema.compare`), the comparison of each check reuses it. Pure data,
no Textual: the panel and the comparison screen are drawn from this.

A report carried over with ``tui new --from`` has its prose emptied;
:class:`LastYear` finds, for each title, lead, text, point and paragraph
being written, what last year's report had in its place, which the editor
shows under the field and copies into it on F5.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from records import Diagnostic, Metric, Report, Section, TuiError
from records.body import LEVEL_KEYS, Block, walk
from records.positions import KeyPath
from schema.compare import CODES, Comparison, MetricChange, compare_metric, previous_report
from tui.compare_format import change_text, number, ratio_text
from tui.editor.outline import REPORT_FILE, get_in

NOT_LAST_YEAR = "去年没有此指标"

MetricChanges = dict[str, tuple[MetricChange, list[Diagnostic]]]
"""Per metric key of this year's draft: the comparison with last year and its warnings."""


@dataclass(frozen=True)
class Previous:
    """Last year's report as far as it could be read, for the ``previous`` it was read for."""

    setting: str | None
    """The ``previous`` value in report.toml (``None`` when there is none)."""
    report: Report | None = None
    problem: str = ""
    """Why last year's report could not be read, naming the folder; empty when it could."""


@dataclass(frozen=True)
class PreviousView:
    """What the panel under a metric's value says: last year's figure, the change, warnings."""

    lines: list[str]
    warnings: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    """The warnings' codes (U001 元/万元, U002 a hundredfold jump, U003/U004 units differ)."""


def previous_setting(report: Report) -> str | None:
    """The ``previous`` folder report.toml names, as written; ``None`` when unset or blank."""
    value = report.meta.data.get("previous")
    return value if isinstance(value, str) and value.strip() else None


def load_previous(report: Report) -> Previous:
    """Read the report that ``report``'s ``previous`` names; a problem, never an exception."""
    setting = previous_setting(report)
    if setting is None:
        return Previous(None)
    try:
        found = previous_report(report)
    except TuiError as e:
        cause = e.__cause__ if isinstance(e.__cause__, TuiError) else e
        reason = cause.message
        if cause.path is not None and cause.path.suffix == ".toml":
            reason = f"{cause.path.name}：{reason}"  # which file of last year's report is broken
        return Previous(setting, problem=f"去年的报告 {setting} 无法读取（{reason}）")
    except OSError as e:  # a folder that cannot be listed, say
        return Previous(setting, problem=f"去年的报告 {setting} 无法读取（{e.strerror or e}）")
    return Previous(setting, found)


def compare_all(new: Report, old: Report) -> MetricChanges:
    """Every metric of ``new`` that ``old`` has too, compared (runs in the check worker)."""
    old_metrics = old.metrics()
    return {
        key: compare_metric(metric, old_metrics[key])
        for key, metric in new.metrics().items()
        if key in old_metrics
    }


def metric_view(
    old: Metric | None,
    old_year: int | None,
    compared: tuple[MetricChange, list[Diagnostic]] | None,
) -> PreviousView:
    """The panel under a metric: last year's value (or that it had none), change, warnings."""
    if old is None:
        return PreviousView([NOT_LAST_YEAR])
    year = f"去年（{old_year}年）" if old_year is not None else "去年"
    figure = f"{number(old.value)} {old.unit}".rstrip() if old.value is not None else "未填"
    lines = [f"{year}：{figure}" + (f" · {old.label}" if old.label else "")]
    if compared is None:
        return PreviousView(lines)
    change, warnings = compared
    if change.new is None:
        lines.append("今年尚未填写")
    elif change.change is not None:
        if change.change == 0:
            lines.append("与去年持平")
        else:
            unit = f" {change.unit}" if change.unit else ""
            grew = "增加" if change.change > 0 else "减少"
            amount = change_text(abs(change.change)).lstrip("+")
            ratio = ""
            if change.ratio is not None and 0 < change.ratio < Decimal("0.01"):
                ratio = "，不到去年的百分之一"
            elif change.ratio is not None and change.ratio > 0:
                ratio = f"，是去年的 {ratio_text(change.ratio)} 倍"
            lines.append(f"比去年{grew} {amount}{unit}{ratio}")
    return PreviousView(
        lines, [_short(w.code, change) for w in warnings], [w.code for w in warnings]
    )


def _short(code: str, change: MetricChange) -> str:
    """A warning as the panel under its own metric says it: no need to name the metric again."""
    if code in ("U003", "U004"):
        tail = "已换算后比较" if code == "U003" else "无法比较"
        return f"单位与去年不同（去年“{change.old_unit}”，今年“{change.unit}”），{tail}"
    text = CODES.get(code, code)
    return f"{text}：请核对数值和单位" if code in ("U001", "U002") else text


@dataclass(frozen=True)
class ComparisonRow:
    """One line of the comparison table, and the field it leads to."""

    key: str
    file: str
    cells: tuple[str, ...]
    warned: bool


def comparison_rows(comparison: Comparison) -> list[ComparisonRow]:
    """The table rows: every metric both years share, in this year's order, warnings marked."""
    warned = {w.pointer.split("/")[2] for w in comparison.warnings if w.pointer.count("/") >= 2}
    files = {key: m.file.path.name for key, m in comparison.new.metrics().items()}
    rows = []
    for change in comparison.shared:
        unit = change.unit
        if change.unit != change.old_unit:
            unit = f"{change.unit}（去年{change.old_unit or '无'}）"
        mark = "! " if change.key in warned else ""
        cells = (
            mark + (change.label or change.key),
            unit,
            number(change.new),
            number(change.old),
            change_text(change.change),
            ratio_text(change.ratio),
        )
        rows.append(ComparisonRow(change.key, files[change.key], cells, change.key in warned))
    return rows


# -- last year's text beside this year's ----------------------------------------------
ALIKE = 0.5
"""How alike (difflib's ratio) a heading must be to last year's to be taken for it."""

MARGIN = 0.1
"""How much more alike than the block at the same place another must be to be preferred."""

_OWN_STRINGS = {"title", "lead", "text"}
_LISTS = ("points", "paragraphs")
_BODY_FIELDS = {("body", "title"), ("body", "opening")}


def prose_field(keys: KeyPath) -> tuple[KeyPath, KeyPath] | None:
    """``keys`` split into its owner (a block's path, or ``()``) and the field in it.

    ``("parts", 0, "points", 1)`` → ``(("parts", 0), ("points", 1))``; ``None``
    for anything that is not prose of a section's body (a kind, a switch, a metric).
    """
    if len(keys) >= 2 and keys[-2] in _LISTS and isinstance(keys[-1], int):
        owner, own = keys[:-2], keys[-2:]
    elif keys and keys[-1] in _OWN_STRINGS:
        owner, own = keys[:-1], keys[-1:]
    else:
        return None
    pairs = zip(owner[::2], owner[1::2], strict=False)
    if len(owner) % 2 or not all(k in LEVEL_KEYS and isinstance(i, int) for k, i in pairs):
        return None
    if own == (("lead",) if owner else ("text",)):  # a section has a lead, a block a text
        return None
    return owner, own


def _alike(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


class LastYear:
    """Finds, for a field of this year's draft, the text last year's report had in its place.

    A section is last year's file of the same name, else the one of the same
    kind (the n-th of the kind for the n-th). A block is the one at the same
    place under its parent's counterpart, unless this year's heading is much
    more like another heading of the same level in last year's section.
    Built for one look at the draft (the matches of a block are kept).
    """

    def __init__(self, old: Report, files: Mapping[str, Mapping[str, Any]]) -> None:
        self.old = old
        self.files = files
        """This year's parsed data by file name, report.toml included (for titles and kinds)."""
        self._blocks: dict[tuple[str, KeyPath], Block | None] = {}

    def text(self, file: str, keys: KeyPath) -> str:
        """Last year's text for the field at ``keys`` of ``file``; empty when there is none."""
        if file == REPORT_FILE:
            return self._body_text(keys)
        split = prose_field(keys)
        section = self.section(file)
        if split is None or section is None:
            return ""
        owner, own = split
        if owner:
            block = self.block(file, section, owner)
            if block is None:
                return ""
            source: Mapping[str, Any] = {
                "title": block.title,
                "text": block.text,
                "points": block.points,
                "paragraphs": block.paragraphs,
            }
        else:
            source = section.file.data
        value = get_in(source, own)
        return value if isinstance(value, str) else ""

    def _body_text(self, keys: KeyPath) -> str:
        body = self.old.body
        if keys in _BODY_FIELDS:
            return body.title if keys[1] == "title" else body.opening
        if len(keys) == 3 and keys[:2] == ("body", "paragraphs") and isinstance(keys[2], int):
            return body.paragraphs[keys[2]] if 0 <= keys[2] < len(body.paragraphs) else ""
        return ""

    def section(self, file: str) -> Section | None:
        """Last year's section for this year's ``file``."""
        for section in self.old.sections:
            if section.path.name == file:
                return section
        kind = self.files.get(file, {}).get("kind")
        if not isinstance(kind, str) or not kind:
            return None
        mine = [name for name, data in self.files.items() if data.get("kind") == kind]
        theirs = [s for s in self.old.sections if s.kind == kind]
        at = mine.index(file) if file in mine else 0
        return theirs[at] if at < len(theirs) else None

    def block(self, file: str, section: Section, keys: KeyPath) -> Block | None:
        """Last year's block for this year's block at ``keys`` (its parents matched first)."""
        if (file, keys) in self._blocks:
            return self._blocks[(file, keys)]
        parent = self.block(file, section, keys[:-2]) if len(keys) > 2 else None
        if parent is not None:
            place = next((b for b in parent.children if b.keys[-2:] == keys[-2:]), None)
        elif len(keys) > 2:
            place = None  # the parent is new this year: so is what is under it
        else:
            place = next((b for b in section.blocks if b.keys == keys), None)
        level = LEVEL_KEYS[str(keys[-2])]
        title = get_in(self.files.get(file, {}), (*keys, "title"))
        title = title.strip() if isinstance(title, str) else ""
        found = place if place is not None and place.level == level else None
        if title:
            same = _alike(title, found.title) if found else 0.0
            scored = [(_alike(title, b.title), b) for b in walk(section.blocks) if b.level == level]
            best = max(scored, key=lambda sb: sb[0], default=None)
            if best is not None and best[0] >= ALIKE and best[0] > same + MARGIN:
                found = best[1]
        self._blocks[(file, keys)] = found
        return found
