"""An editing session: the draft, what the clerk typed, and the changes made to it.

The Textual app keeps one :class:`EditSession` and asks it to change values,
add or move elements, save, and produce a snapshot to check
(:mod:`tui.editor.checking`). What a field's typed text means is in
:mod:`tui.editor.inputs`. No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from records import Diagnostic, RecordError
from records.body import Numbering, read_numbering
from records.editing import EditableFile, ReportDraft
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
from tui.editor.adding import placement
from tui.editor.checking import CheckResult, Snapshot
from tui.editor.inputs import (
    InputProblem,
    is_block_text,
    is_metric_field,
    parse_input,
    rejected_message,
)
from tui.editor.outline import (
    REPORT_FILE,
    FieldSpec,
    OutlineNode,
    all_fields,
    build_outline,
    get_in,
)

_METRIC_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class FileState:
    """One file of the draft at one moment: the open file, the name it goes by, its text."""

    file: EditableFile
    path: Path
    text: str


@dataclass(frozen=True)
class DraftState:
    """The whole draft at one moment: report.toml first, then the sections in report order.

    What undo and redo go back to (:meth:`EditSession.state`,
    :meth:`EditSession.restore`). Texts are shared with the session's cache,
    so a state costs a tuple, not a copy of every file.
    """

    files: tuple[FileState, ...]


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

    def state(self) -> DraftState:
        """The draft as it stands now, to come back to."""
        return DraftState(tuple(FileState(f, f.path, self.text(f.path.name)) for f in self.files()))

    def restore(self, state: DraftState) -> None:
        """Put the draft back as it was at ``state`` (undo, redo); the outline is rebuilt.

        Only files whose text differs are parsed again. What is on disk is not
        touched: :attr:`modified` then says whether the draft differs from it.
        Each file goes back to the name it had (sections renamed, added or
        removed since); a file on disk that the state does not hold is deleted
        at the next save, one it holds that the save deleted is written again.

        A file put back that was read from a file on disk stands for that file
        again: a reload since (after a conflict) read it anew as another open
        file, which must not count as a section removed, to be deleted.
        """
        # by the open file: the cache (by name) holds the texts of the draft's files as they are
        cached = {id(f): self._texts.get(f.path.name) for f in self.files()}
        self.draft.meta = state.files[0].file
        self.draft.sections = [f.file for f in state.files[1:]]
        for kept in state.files:
            kept.file.path = kept.path
            now = cached.get(id(kept.file))
            if (kept.file.text() if now is None else now) != kept.text:
                kept.file.replace_text(kept.text)
        read_from = {f.origin: f for f in self.draft.files if f.origin is not None}
        self.draft.on_disk = [
            read_from.get(f.origin, f) if f.origin is not None else f for f in self.draft.on_disk
        ]
        self.rejected.clear()
        self.refresh()

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
        return changed or bool(self.rejected) or bool(self.draft.removed)

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
            raise InputProblem(rejected_message(str(problem), before, raw)) from None
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

        ``what`` is one of :func:`tui.editor.adding.add_options`' answers: a point, a
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

        ``standalone = true`` is written under the heading's title; run-in, the default, by
        removing the key (a heading without text takes its first paragraph: :attr:`reshaped`).
        """
        if node.role != "part" or not node.heading:
            raise InputProblem("编号段落没有标题；只有标题才能单独成段或作段首标题")
        return self._toggle(node.ref.file, (*node.ref.keys, "standalone"))

    def toggle_points_standalone(self, node: OutlineNode) -> bool:
        """Switch the points of a section or block (or a point's owner) between continuing its
        text and a paragraph each (``points_standalone = true``, after ``points``); now apart?"""
        owner = node.ref.keys[:-2] if node.role == "point" else node.ref.keys
        points = get_in(self.data(node.ref.file), (*owner, "points"))
        if node.role not in ("section", "part", "point") or not isinstance(points, list):
            raise InputProblem("这里没有要点（一是……二是……）；请选中有要点的一节、标题或一条要点")
        return self._toggle(node.ref.file, (*owner, "points_standalone"))

    def _toggle(self, name: str, keys: KeyPath) -> bool:
        on = get_in(self.data(name), keys) is not True  # as the file says now
        self._set_flag(name, keys, on)
        self.refresh()
        return on

    def _set_flag(self, name: str, keys: KeyPath, on: bool) -> bool:
        """Write ``true`` at ``keys``, or remove the key (``false`` is the default); changed?

        A heading made run-in without text (nor points) takes its first paragraph (:meth:`_run_in`).
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
        for path in paths:  # the old names of renamed files: the names read from disk
            name = next((f.path.name for f in self.files() if f.origin == path), path.name)
            self.draft.reload(path)
            self.rejected = {k: v for k, v in self.rejected.items() if k[0] != name}
        self.refresh()


REMOVABLE = {"point", "paragraph", "part", "metric", "item"}
MOVABLE = {"point", "paragraph", "part", "metric", "item"}
