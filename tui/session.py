"""An editing session: the draft, what the clerk typed, and checking it.

The Textual app keeps one :class:`EditSession` and asks it to change values,
add or move elements, save, and produce a snapshot to check. Checking runs on
immutable snapshots (:func:`check_snapshot`) so a worker thread never reads a
tomlkit document the main thread is changing. No Textual here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from records import Diagnostic, RecordError, Report
from records.body import LEVEL_KEYS, Numbering, read_numbering
from records.editing import EditableFile, ReportDraft
from records.loader import parse_toml
from records.model import RecordFile, build_report
from records.positions import KeyPath, Locator, string_offset
from records.restructure import (
    add_table,
    insert_element,
    move_element,
    move_table,
    move_to_key,
    remove_element,
    set_in_order,
)
from records.source import SourceText
from tui.adding import placement
from tui.outline import REPORT_FILE, FieldSpec, OutlineNode, all_fields, build_outline, get_in

_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_METRIC_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def is_block_text(keys: KeyPath) -> bool:
    """Whether ``keys`` is the ``text`` of a block (optional: emptied, the key goes)."""
    return len(keys) >= 3 and keys[-1] == "text" and keys[-3] in LEVEL_KEYS


def is_metric_field(keys: KeyPath) -> bool:
    """Whether ``keys`` is a metric's value, unit or label."""
    return len(keys) == 3 and keys[0] == "metrics"


class InputProblem(ValueError):
    """What the clerk typed cannot be this field's value (the message is in Chinese)."""


def escape_breaks(text: str) -> str:
    """A one-line field's value as its input shows it: a line break as the two characters ``\\n``.

    A line break (the title of a report printed over two lines) would draw the
    rest of the value over the widgets below the one-line input. A backslash
    that would read as part of such a mark is doubled, so that
    :func:`unescape_breaks` gives back exactly the stored value.
    """
    out = []
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append("\\n")
        elif ch == "\\" and text[i + 1 : i + 2] in ("n", "\\", "\n"):
            out.append("\\\\")
        else:
            out.append(ch)
    return "".join(out)


def unescape_breaks(raw: str) -> str:
    """What was typed in a one-line field, ``\\n`` read as a line break (``\\\\`` as ``\\``)."""
    out = []
    i = 0
    while i < len(raw):
        pair = raw[i : i + 2]
        if pair == "\\n":
            out.append("\n")
            i += 2
        elif pair == "\\\\":
            out.append("\\")
            i += 2
        else:
            out.append(raw[i])
            i += 1
    return "".join(out)


def parse_input(kind: str, raw: str) -> Any:
    """The TOML value for what was typed in a field of ``kind``.

    Full-width digits and punctuation typed through an input method count as
    their ASCII forms. An emptied number or date is not written (the key keeps
    its place in the file until a new value is typed).
    """
    text = (
        unicodedata.normalize("NFKC", raw).strip() if kind in ("integer", "number", "date") else raw
    )
    if kind == "line":
        return unescape_breaks(raw)
    if kind in ("prose", "kind"):
        return raw
    if kind == "switch":
        return raw == "true"
    if not text:
        raise InputProblem("请填写")
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise InputProblem("请输入整数")
        return int(text)
    if kind == "number":
        if not _NUMBER.fullmatch(text):
            raise InputProblem("请输入数字（如 142 或 861.98）")
        return int(text) if "." not in text else Decimal(text)
    if kind == "date":
        match = _DATE.fullmatch(text)
        try:
            if not match:
                raise ValueError
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise InputProblem("请输入日期，如 2024-01-19") from None
    raise InputProblem(f"未知的字段类型：{kind}")


def format_value(value: Any) -> str:
    """A stored value as the form shows it (numbers keep their stated decimals)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def format_field(kind: str, value: Any) -> str:
    """A stored value as the field of ``kind`` shows it (a one-line field: no line breaks)."""
    text = format_value(value)
    return escape_breaks(text) if kind == "line" and isinstance(value, str) else text


def _rejected_message(problem: str, held: Any, raw: str) -> str:
    """Why typed text was not stored, and which value the report still holds instead."""
    kept = (
        f"报告中仍是 {format_value(held)}"
        if held is not None and not isinstance(held, dict | list)
        else "报告中没有这一项的值"
    )
    typed = f"此处的“{raw.strip()}”" if raw.strip() else "此处的清空"
    return f"{problem}。{kept}，{typed}"


@dataclass(frozen=True)
class Snapshot:
    """The draft's text at one moment, safe to check in another thread."""

    folder: Path
    sources: tuple[SourceText, ...]
    generation: int = 0
    """Which state of the draft this is (see :attr:`EditSession.generation`)."""


@dataclass(frozen=True)
class CheckResult:
    """A checked snapshot: the model (for the preview) and its diagnostics."""

    report: Report
    diagnostics: list[Diagnostic]
    generation: int = 0


_PARSED: dict[Path, tuple[str, dict[str, Any]]] = {}
"""Each file's last parsed text and data: a keystroke in one file leaves the others unparsed."""


def _parse(source: SourceText) -> dict[str, Any]:
    kept = _PARSED.get(source.path)
    if kept is not None and kept[0] == source.text:
        return kept[1]
    data = parse_toml(source)
    _PARSED[source.path] = (source.text, data)
    return data


def check_snapshot(snapshot: Snapshot) -> CheckResult:
    """Parse and validate a snapshot; runs in a worker thread."""
    from schema import validate_report  # jsonschema loads here, not at the editor's start

    errors: list[RecordError] = []
    records: list[RecordFile] = []
    for n, source in enumerate(snapshot.sources):
        try:
            data = _parse(source)
        except RecordError as e:
            errors.append(e)
            if n:  # an unreadable section is left out, as tui validate leaves it out
                continue
            data = {}
        records.append(RecordFile(source, data))
    report = build_report(snapshot.folder, records[0], records[1:])
    diagnostics = validate_report(report, errors)
    ordered = sorted(diagnostics, key=lambda d: (d.severity != "error", d.file, d.line))
    return CheckResult(report, ordered, snapshot.generation)


class EditSession:
    """The report being edited, with parsed data kept current for forms and the tree."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.draft = ReportDraft(folder)
        self._data: dict[str, dict[str, Any]] = {}
        self._texts: dict[str, str] = {}
        """Each file's text as it would be saved, serialised once after each change."""
        self.generation = 0
        """Counts changes, so a check of an older state is not taken for the current one."""
        self.outline: list[OutlineNode] = []
        self.reshaped = False
        """A change of a field moved other values (a paragraph into a heading's text): the
        screen shows the form again and sets this back."""
        self.rejected: dict[tuple[str, KeyPath], str] = {}
        """Text typed into fields that could not be stored, by (file, keys): not saved yet."""
        self.refresh()

    # -- reading ---------------------------------------------------------------
    def files(self) -> list[EditableFile]:
        """report.toml, then the section files in report order."""
        return self.draft.files

    def file(self, name: str) -> EditableFile:
        """The open file called ``name``."""
        return self.draft.file(name)

    def data(self, name: str) -> dict[str, Any]:
        """The parsed data of a file as it stands now (re-read after each change)."""
        if name not in self._data:
            try:
                self._data[name] = self.file(name).record().data
            except RecordError:
                self._data[name] = {}
        return self._data[name]

    def text(self, name: str) -> str:
        """The text of a file as it stands now (serialised again only after it changed)."""
        if name not in self._texts:
            self._texts[name] = self.file(name).text()
        return self._texts[name]

    def _changed(self, name: str) -> None:
        """A file changed: its data and text are read again when next asked for."""
        self._data.pop(name, None)
        self._texts.pop(name, None)
        self.generation += 1

    def value(self, spec: FieldSpec) -> Any:
        """The stored value of a field, as parsed (numbers keep their decimals)."""
        return get_in(self.data(spec.file), spec.keys)

    def refresh(self) -> None:
        """Rebuild the outline from the current data (after a structural change)."""
        self._data.clear()
        self._texts.clear()
        self.generation += 1
        self.outline = build_outline({f.path.name: self.data(f.path.name) for f in self.files()})

    def snapshot(self) -> Snapshot:
        """The texts of every file now, for checking in a worker."""
        sources = tuple(
            SourceText(f.path, self.text(f.path.name), f.source.bom, f.source.newline, "")
            for f in self.files()
        )
        return Snapshot(self.folder, sources, self.generation)

    def adopt(self, result: CheckResult) -> bool:
        """Take the parsed data of a check of the current state (saves parsing it again).

        Returns whether the outline was rebuilt (a check of an older state is ignored).
        """
        if result.generation != self.generation:
            return False
        files = [result.report.meta, *(s.file for s in result.report.sections)]
        self._data = {f.path.name: f.data for f in files}
        self.outline = build_outline({f.path.name: self.data(f.path.name) for f in self.files()})
        return True

    def file_for_diagnostic(self, diagnostic: Diagnostic) -> str:
        """The file name of a diagnostic's file (diagnostics name paths relative to the cwd)."""
        target = Path(diagnostic.file).resolve() if diagnostic.file else None
        for f in self.files():
            if target is not None and f.path.resolve() == target:
                return f.path.name
        return REPORT_FILE

    def character_at(self, file: str, keys: KeyPath, line: int, column: int) -> int | None:
        """Which character of the string at ``keys`` a diagnostic's line and column point at.

        ``None`` when the position is not inside that string's characters (a
        diagnostic about the whole value points at its opening quote).
        """
        locator = Locator(self.file(file).text())
        span = locator.index.values.get(keys)
        if span is None or line < 1:
            return None
        start, end = span
        raw = locator.text[start:end]
        if raw[:1] not in ("'", '"'):
            return None
        lines = locator.text.split("\n")
        target = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
        length = len(get_in(self.data(file), keys) or "")
        for index in range(length):
            if start + string_offset(raw, index) == target:
                return index
        return None

    def references(self, metric_key: str) -> list[tuple[str, int]]:
        """Where the text refers to ``{metric_key}``: (place such as 一、（二）三是, how often)."""
        needle = "{" + metric_key + "}"
        found: list[tuple[str, int]] = []
        for _node, spec in all_fields(self.outline):
            text = self.value(spec)
            if spec.keys[0] == "metrics" or not isinstance(text, str) or needle not in text:
                continue
            # a point's context names it (一、（二）三是); other fields add their title
            place = spec.context if isinstance(spec.keys[-1], int) else spec.context + spec.title
            found.append((place, text.count(needle)))
        return found

    def describe_references(self, metric_key: str) -> str:
        """A warning for the delete prompt when the text still uses the metric, else ``""``."""
        found = self.references(metric_key)
        if not found:
            return ""
        total = sum(n for _, n in found)
        places = "、".join(p if n == 1 else f"{p}（{n} 处）" for p, n in found[:4])
        if len(found) > 4:
            places += f" 等 {len(found)} 个字段"
        return (
            f"正文中有 {total} 处引用 {{{metric_key}}}：{places}。"
            "删除后这些引用会报错，需改写或删去。"
        )

    @property
    def modified(self) -> bool:
        """Whether anything the clerk typed is not on disk: a changed file, or rejected input."""
        changed = any(f.differs(self.text(f.path.name)) for f in self.files())
        return changed or bool(self.rejected)

    # -- changing --------------------------------------------------------------
    def set_value(self, spec: FieldSpec, raw: str) -> bool:
        """Store what the clerk typed; returns whether the file changed.

        Raises :class:`InputProblem` when the text cannot be the field's value;
        the field then keeps its last stored value, which the message names,
        and the draft counts as unsaved until the field holds something valid.
        Returns ``True`` too when the field had such input and now does not.
        """
        where = (spec.file, spec.keys)
        if spec.kind == "switch":
            return self._set_flag(spec.file, spec.keys, raw == "true")
        file = self.file(spec.file)
        before = file.get(spec.keys)
        try:
            value = parse_input(spec.kind, raw)
        except InputProblem as problem:
            self.rejected[where] = raw
            raise InputProblem(_rejected_message(str(problem), before, raw)) from None
        resolved = self.rejected.pop(where, None) is not None
        if value == "" and before is None:
            return resolved  # an optional text left empty stays absent
        if before == value and type(before) is type(value):
            return resolved
        in_block = is_block_text(spec.keys)
        if value == "" and in_block:  # a heading over paragraphs or 1. needs no text of its own
            file.delete(spec.keys)
            self._changed(spec.file)
            return True
        try:
            metric = is_metric_field(spec.keys) and isinstance(file.get(spec.keys[:-1]), dict)
            if (in_block or metric) and before is None:
                set_in_order(file, spec.keys, value)  # under the title; a value before its label
            else:
                file.set(spec.keys, value)
        except RecordError as e:
            # e.g. `metrics.x = 5` where a table is expected: the file must be fixed by hand
            self._texts.pop(spec.file, None)
            self.rejected[where] = raw
            raise InputProblem(f"{e.message}；请先在文件中改正") from e
        self._changed(spec.file)
        return True

    def metric_key_problem(self, metric_key: str) -> str | None:
        """Why ``metric_key`` cannot name a new metric, or ``None`` when it can."""
        if not _METRIC_KEY.fullmatch(metric_key):
            return "指标名只能由英文字母、数字和下划线组成，且不以数字开头"
        if any(
            metric_key in (self.data(f.path.name).get("metrics") or {}) for f in self.draft.sections
        ):
            return f"指标名“{metric_key}”已经存在；指标名在整份报告中不能重复"
        return None

    @property
    def numbering(self) -> Numbering:
        """How the report numbers its blocks (report.toml ``[numbering]``), for the prompts."""
        return read_numbering(self.data(REPORT_FILE))

    def add(self, node: OutlineNode, what: str, metric_key: str = "") -> tuple[str, KeyPath]:
        """Add what the add prompt offered at ``node``; returns the new node's place.

        ``what`` is one of :func:`tui.adding.add_options`' answers: a point, a
        paragraph, a block (the next of its kind, a heading or a numbered
        paragraph of the next level), a metric, or a list item.
        """
        file = self.file(node.ref.file)
        if what == "metric":
            problem = self.metric_key_problem(metric_key)
            if problem:
                raise InputProblem(problem)
            # no value and no unit yet: they are reported missing until typed (0 would pass)
            add_table(file, ("metrics", metric_key), {"label": ""})
            new: KeyPath = ("metrics", metric_key)
        else:
            try:
                where = placement(node, what, self.data(node.ref.file))
            except ValueError:
                raise InputProblem(f"无法在这里添加：{what}") from None
            new = insert_element(file, where.array, where.at, where.value)
        self.refresh()
        return node.ref.file, new

    def remove(self, node: OutlineNode) -> None:
        """Remove a block (with everything under it), point, paragraph, metric or list item."""
        remove_element(self.file(node.ref.file), node.ref.keys)
        gone = node.ref.keys
        self.rejected = {
            (file, keys): raw
            for (file, keys), raw in self.rejected.items()
            if file != node.ref.file or keys[: len(gone)] != gone
        }
        self.refresh()

    def move(self, node: OutlineNode, offset: int) -> KeyPath | None:
        """Move a block, point, paragraph, metric or list item up or down among its own kind.

        A block moves with everything under it. Returns its new key path, or
        ``None`` when it is already at that end.
        """
        file = self.file(node.ref.file)
        before = file.text()
        if node.role == "metric":
            new = move_table(file, node.ref.keys, offset)
        else:
            new = move_element(file, node.ref.keys, offset)
        if file.text() == before:
            return None
        self.refresh()
        return new

    def toggle_standalone(self, node: OutlineNode) -> bool:
        """Switch a heading between standalone and run-in; returns whether it now stands alone.

        ``standalone = true`` is written under the heading's title; run-in,
        the default, is written by removing the key (and a heading without text
        takes its first paragraph as text: :attr:`reshaped` then says so).
        """
        if node.role != "part" or not node.heading:
            raise InputProblem("编号段落没有标题；只有标题才能单独成段或作段首标题")
        keys = (*node.ref.keys, "standalone")
        alone = get_in(self.data(node.ref.file), keys) is not True  # as the file says now
        self._set_flag(node.ref.file, keys, alone)
        self.refresh()
        return alone

    def _set_flag(self, name: str, keys: KeyPath, on: bool) -> bool:
        """Write ``true`` at ``keys``, or remove the key (``false`` is the default); changed?

        A heading made run-in that has no text (nor points) to run into takes
        its first paragraph as its text (see :meth:`_run_in`).
        """
        file = self.file(name)
        before = file.get(keys)
        if on and before is not True:
            set_in_order(file, keys, True)
        elif not on and before is not None:
            file.delete(keys)
            if keys[-1] == "standalone":
                self._run_in(file, keys[:-1])
        else:
            return False
        self._changed(name)
        return True

    def _run_in(self, file: EditableFile, block: KeyPath) -> None:
        """Give a run-in heading at ``block`` its first paragraph as ``text`` if it has none.

        A run-in heading is printed in one paragraph with its text (M004 without
        one); a standalone heading over paragraphs only has none. The paragraph
        moves, so the export keeps the same words in the same order; an emptied
        ``paragraphs`` goes too. Switched back, the text stays the text.
        """
        text, points = file.get((*block, "text")), file.get((*block, "points"))
        paragraphs = file.get((*block, "paragraphs"))
        if (isinstance(text, str) and text) or points or not isinstance(paragraphs, list):
            return
        if not paragraphs or not isinstance(paragraphs[0], str):
            return
        move_to_key(file, (*block, "paragraphs", 0), (*block, "text"))
        self.reshaped = True

    # -- saving ----------------------------------------------------------------
    def save(self, force: bool = False) -> list[Path]:
        """Save every changed file through records (atomic; refuses files changed on disk)."""
        saved = self.draft.save(force=force)
        self._texts.clear()
        return saved

    def conflicts(self) -> list[Path]:
        """Changed files that someone else also changed on disk."""
        return self.draft.conflicts()

    def reload(self, paths: list[Path]) -> None:
        """Take the disk's version of ``paths``, dropping this session's edits to them."""
        for path in paths:
            fresh = EditableFile.open(path)
            if self.draft.meta.path == path:
                self.draft.meta = fresh
            self.draft.sections = [fresh if s.path == path else s for s in self.draft.sections]
            self.rejected = {k: v for k, v in self.rejected.items() if k[0] != path.name}
        self.refresh()


REMOVABLE = {"point", "paragraph", "part", "metric", "item"}
MOVABLE = {"point", "paragraph", "part", "metric", "item"}
