"""The editing screen: the report tree, the form (or the preview), the diagnostics.

Every change the clerk types goes to the :class:`EditSession`; checking runs
in a worker thread on a snapshot, so typing never waits for it: a keystroke
starts a check at once, and keystrokes that arrive during a check are
coalesced into one more (debouncing without a fixed delay).
Structural changes (add, remove, move; see :mod:`tui.editor.screens.structure`)
rebuild the tree and keep the cursor on the node the clerk was working on.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Header, Tree
from textual.worker import get_current_worker

from records import Diagnostic, Report
from records.editing import EditableFile
from records.positions import KeyPath
from tui.editor.checking import CheckResult, Snapshot, check_snapshot
from tui.editor.history import History, Place, moment_of
from tui.editor.inputs import InputProblem, escape_breaks
from tui.editor.marks import pointer_keys, under_its_field
from tui.editor.outline import FieldSpec, NodeRef, OutlineNode, Renumbering, node_for
from tui.editor.preview import preview
from tui.editor.previous import LastYear, MetricChanges, Previous, compare_all, metric_view
from tui.editor.screens.structure import StructureEditing
from tui.editor.screens.undoing import Undoing, unstored
from tui.editor.session import EditSession
from tui.editor.widgets.diagnostics_pane import DiagnosticsPane
from tui.editor.widgets.field_editor import FieldEditor, field_title
from tui.editor.widgets.field_form import FieldForm, Problems
from tui.editor.widgets.preview_pane import PreviewPane
from tui.editor.widgets.previous_notice import PreviousNotice
from tui.editor.widgets.previous_text import PreviousTextScreen
from tui.editor.widgets.report_tree import ReportTree

_FROZEN: list[bool] = []


def _freeze_what_is_loaded() -> None:
    """Once per process, at the first check shown: what is loaded stays out of the collector's way.

    The report as opened (its tomlkit documents, the outline, the tree) lives
    as long as the editor; Python's full collections would walk all of it
    every few keystrokes, tens of milliseconds on a big report. ``gc.freeze``
    leaves what exists now out of them; what is made later is collected as
    usual. Once only, so that a report opened later (from the summary's list)
    does not keep the first one's garbage for good.
    """
    if not _FROZEN:
        _FROZEN.append(True)
        gc.freeze()


class EditorScreen(StructureEditing, Undoing):
    """The one working screen of the editor."""

    BINDINGS = [
        Binding("f2", "toggle_preview", "预览"),
        Binding("escape,f3", "focus_tree", "目录", key_display="esc"),
        Binding("f4", "focus_problems", "问题"),
        # offered only in a field that last year's report has text for (tui new --from)
        Binding("f5", "copy_last_year", "用去年原文", id="editor.copy_last_year"),
        Binding("f8", "show_last_year", "去年原文全文", show=False, id="editor.last_year_text"),
    ]

    @dataclass
    class DraftChanged(Message):
        """The draft changed: a step to undo (:mod:`.undoing`), 未保存, a recovery copy.

        Post it after every change to the draft (a field, :meth:`rebuild` after
        add, remove, move; a section added, removed or moved): that alone makes
        the change undoable. ``place`` is where it was made (redo's cursor),
        ``origin`` where the cursor was before (undo's); both default to the
        field with the cursor, else the tree's node. ``typing``: a keystroke.
        """

        place: Place | None = None
        origin: Place | None = None
        typing: bool = False

    @dataclass
    class Checked(Message):
        """A check finished and its diagnostics are on screen."""

        diagnostics: list[Diagnostic]

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session
        self.result: CheckResult | None = None
        self.local_problems: Problems = {}
        self.fresh: set[tuple[str, KeyPath]] = set()
        """Fields just added and not yet left: their errors wait (the pane shows them at once)."""
        self.checking = False
        """A check is running in the worker; edits meanwhile are checked right after it."""
        self._check_again = False
        self.changes: MetricChanges = {}
        """This year's metrics against last year's, from the last check."""
        self.history = History(moment_of(session))
        self.edits_from = 0
        """Edits posted before this serial are stale (:meth:`Undoing.catch_up` stored them)."""
        self.open_nodes: dict[EditableFile, set[KeyPath]] = {}

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="main"):
            yield ReportTree(id="tree")
            with Vertical(id="right"):
                with ContentSwitcher(initial="form", id="switcher"):
                    yield FieldForm(id="form")
                    yield PreviewPane(id="preview")
                yield DiagnosticsPane(id="diagnostics")
        yield PreviousNotice(id="previous-notice")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.report_tree.show_outline(self.session.outline, select=self.session.outline[0].ref)
        self.report_tree.focus()
        self.check_now()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc (back to the tree) is not offered in the tree itself, leaving the footer room."""
        if action == "focus_tree" and self.is_mounted:
            return self.focused is not self.report_tree
        if action == "undo":
            return self.undo_in_footer()
        if action in ("copy_last_year", "show_last_year"):
            field = self.focused_field()
            return field is not None and bool(field.last_year)
        return True

    @property
    def report_tree(self) -> ReportTree:
        """The tree on the left."""
        return self.query_one(ReportTree)

    @property
    def form(self) -> FieldForm:
        """The form on the right."""
        return self.query_one(FieldForm)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The diagnostics of the last finished check."""
        return self.result.diagnostics if self.result else []

    # -- showing a node --------------------------------------------------------
    async def show_node(self, node: OutlineNode) -> None:
        """Show ``node``'s fields with their values and error marks."""
        values = {spec: self.shown_value(spec) for spec in node.fields}
        await self.form.show(node, values, self.problems())
        self.update_previous()
        self.update_preview()

    async def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[OutlineNode]) -> None:
        if event.node is not self.report_tree.cursor_node:
            return  # the cursor has moved on (↓ held down): only where it stops is shown
        node = event.node.data
        if node is not None and (self.form.node is None or self.form.node.ref != node.ref):
            await self.show_node(node)

    def on_report_tree_opened(self, event: ReportTree.Opened) -> None:
        if event.node.fields:
            self.form.focus_field(None)
        elif self.report_tree.cursor_node is not None and self.report_tree.cursor_node.allow_expand:
            self.report_tree.cursor_node.toggle()
        else:
            self.notify("这一项没有可以直接填写的内容；按 a（或 Insert）在其中添加。", timeout=3)

    async def go_to(self, file: str, keys: KeyPath, at: int | None = None) -> None:
        """Move the tree, the form and the cursor to the field at ``keys`` of ``file``.

        The cursor goes to character ``at`` of the field, else after its text.
        """
        node, spec = node_for(self.session.outline, file, keys)
        self.query_one(ContentSwitcher).current = "form"
        if self.form.node is None or self.form.node.ref != node.ref:
            await self.show_node(node)
        self.report_tree.go_to(node.ref)
        if not self.form.focus_field(spec, at):
            self.report_tree.focus()

    async def on_diagnostics_pane_chosen(self, event: DiagnosticsPane.Chosen) -> None:
        d = event.diagnostic
        file, keys = self.session.file_for_diagnostic(d), pointer_keys(d.pointer)
        _, spec = node_for(self.session.outline, file, keys)
        at = self.session.character_at(file, spec.keys, d.line, d.column) if spec else None
        value = self.session.value(spec) if spec else None
        if at is not None and spec is not None and spec.kind == "line" and isinstance(value, str):
            at = len(escape_breaks(value[:at]))  # where the character is in the field as shown
        await self.go_to(file, keys, at)  # the cursor on the character the message is about

    # -- editing ---------------------------------------------------------------
    def on_field_editor_edited(self, event: FieldEditor.Edited) -> None:
        if event.serial < self.edits_from:
            return  # posted before an undo or redo, which stored what it carried first
        self.apply_edit(event.spec, event.raw)

    def flush_form(self) -> None:
        """Store what the form shows that its messages have not stored yet (before a save)."""
        for editor in self.form.editors():
            raw = editor.take_pending()
            if raw is not None:
                self.apply_edit(editor.spec, raw)

    def apply_edit(self, spec: FieldSpec, raw: str) -> None:
        """Store what was typed in ``spec``, or mark why it cannot be stored."""
        where = (spec.file, spec.keys)
        typed = self.DraftChanged(
            Place(*where, field=True), typing=spec.kind not in ("switch", "kind")
        )
        try:
            changed = self.session.set_value(spec, raw)
        except InputProblem as problem:
            self.local_problems[where] = unstored(str(problem))
            self.form.mark(self.problems())
            self.query_one(DiagnosticsPane).count_unread(len(self.local_problems))
            self.post_message(typed)  # unsaved from this keystroke on
            return
        if self.local_problems.pop(where, None) is not None:
            self.form.mark(self.problems())
            self.query_one(DiagnosticsPane).count_unread(len(self.local_problems))
        if self.session.reshaped:  # the 单独成段 switch moved a paragraph into the text
            self.session.reshaped = False
            self.call_later(self.reshow, spec)
            return
        if changed:
            self.post_message(typed)
            self.schedule_check()

    async def reshow(self, spec: FieldSpec) -> None:
        """Show the form again after an edit moved other values of it, the cursor in ``spec``."""
        node = self.form.node
        if node is None:
            return
        self.session.refresh()
        await self.rebuild(node.ref)
        self.form.focus_field(spec)
        self.notify("已改为段首标题；原第一段移作正文", timeout=3)

    def schedule_check(self) -> None:
        """Check soon: now if no check is running, else once the running one ends.

        Keystrokes that arrive while a check runs are coalesced into one more
        check, so checking keeps up with typing without queueing behind it.
        """
        if self.checking:
            self._check_again = True
        else:
            self.check_now()

    def check_now(self) -> None:
        """Check the draft as it stands, in a worker."""
        self.checking = True
        self._check_again = False
        self.run_check(self.session.snapshot(), self.query_one(PreviousNotice).report)

    @work(thread=True, exclusive=True, group="check")
    def run_check(self, snapshot: Snapshot, previous: Report | None = None) -> None:
        """Check a snapshot in a thread, and compare it with last year's report if known.

        Only the newest check reports back.
        """
        try:
            result = check_snapshot(snapshot)
            changes = compare_all(result.report, previous) if previous else {}
        except Exception as error:  # a bug in a rule must not stop the editor
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.check_failed, error)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_result, result, changes)

    def check_failed(self, error: Exception) -> None:
        """A rule crashed: say so, and let editing and saving go on."""
        self.checking = False
        self.notify(f"检查报告时出错（可继续编辑和保存）：{error!r}", severity="error", timeout=8)

    def show_result(self, result: CheckResult, changes: MetricChanges | None = None) -> None:
        """Show a finished check: counts, list, marks, tree labels, preview, last year's figures."""
        if self.result is None:
            _freeze_what_is_loaded()
        self.result = result
        self.changes = changes or {}
        self.query_one(PreviousNotice).follow(result.report)  # read once, not per keystroke
        self.update_previous()
        self.query_one(DiagnosticsPane).show(result.diagnostics)
        self.form.mark(self.problems())
        if self.session.adopt(result):
            changed = self.report_tree.relabel(self.session.outline)
            self.form.retitle(changed)  # "penalty_cases （空）" no longer
        self.update_preview()
        self.checking = False
        if self._check_again:
            self.check_now()
        self.post_message(self.Checked(result.diagnostics))

    # -- last year -------------------------------------------------------------
    @property
    def previous(self) -> Previous | None:
        """Last year's report as read for report.toml's ``previous`` (``None`` before a check)."""
        return self.query_one(PreviousNotice).previous

    def on_previous_notice_read(self, event: PreviousNotice.Read) -> None:
        if event.previous.report is not None:
            self.schedule_check()  # compare the draft with it

    def update_previous(self) -> None:
        """Show last year's figure under the selected metric, or no panel when there is none.

        And under each prose field, last year's text in its place.
        """
        node = self.form.node
        old = self.previous.report if self.previous else None
        self.update_last_year(node, old)
        if old is None or node is None or node.role != "metric":
            self.form.show_previous(None)
            return
        key = str(node.ref.keys[-1])
        view = metric_view(old.metrics().get(key), old.year, self.changes.get(key))
        self.form.show_previous(view)

    def update_last_year(self, node: OutlineNode | None, old: Report | None) -> None:
        """Give the form's prose fields last year's text in their place (found anew each check)."""
        texts: dict[tuple[str, KeyPath], str] = {}
        if old is not None and node is not None:
            files = {f.path.name: self.session.data(f.path.name) for f in self.session.files()}
            finder = LastYear(old, files)
            for spec in node.fields:
                if spec.kind in ("prose", "line"):
                    texts[(spec.file, spec.keys)] = finder.text(spec.file, spec.keys)
        if self.form.show_last_year(texts):
            self.refresh_bindings()  # F5 offered in the footer, or no longer

    def focused_field(self) -> FieldEditor | None:
        """The field of the form that has the cursor, if one has."""
        widget = self.focused
        while widget is not None and not isinstance(widget, FieldEditor):
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return widget

    def action_copy_last_year(self) -> None:
        """F5: last year's text into the field (see :meth:`FieldEditor.take_last_year`)."""
        field = self.focused_field()
        said = field.take_last_year() if field is not None else ""
        if said:
            self.notify(said, timeout=3)

    def action_show_last_year(self) -> None:
        """F8: all of last year's text for the field, to read or to copy in."""
        field = self.focused_field()
        if field is None or not field.last_year:
            return
        spec = field.spec  # a point's or paragraph's context already says which (一是, 段落2)
        where = spec.context if isinstance(spec.keys[-1], int) else spec.context + field_title(spec)

        def chosen(copy: bool | None) -> None:
            if copy:
                said = field.take_last_year()
                if said:
                    self.notify(said, timeout=3)

        self.app.push_screen(PreviousTextScreen(where, field.last_year), chosen)

    def problems(self) -> Problems:
        """Error marks by field: what could not be typed in, then the diagnostics."""
        marks: Problems = dict(self.local_problems)
        for d in self.diagnostics:
            key = (self.session.file_for_diagnostic(d), pointer_keys(d.pointer))
            if key not in self.fresh and not d.waived:
                # no space after the mark: a long Chinese message then folds on the
                # mark's line instead of leaving the mark alone on a line of its own
                message = under_its_field(d.message, key[1])
                marks.setdefault(key, f"{'✗' if d.severity == 'error' else '!'}{message}")
        return marks

    def on_field_editor_left(self, event: FieldEditor.Left) -> None:
        where = (event.spec.file, event.spec.keys)
        if where in self.fresh:
            self.fresh.discard(where)
            self.form.mark(self.problems())

    def show_all_problems(self) -> None:
        """Mark every field with its error, fresh or not (after a save)."""
        self.fresh.clear()
        self.form.mark(self.problems())

    def update_preview(self) -> None:
        """Refresh the preview when it is the pane on show."""
        if self.query_one(ContentSwitcher).current != "preview" or self.result is None:
            return
        node = self.form.node
        section, keys = (node.section, node.ref.keys) if node else ("", ())
        self.query_one(PreviewPane).show(preview(self.result.report, section, keys))

    # -- structure -------------------------------------------------------------
    async def rebuild(
        self,
        select: NodeRef,
        added: bool = False,
        moved: Renumbering | None = None,
        in_place: bool = False,
    ) -> None:
        """Show the outline after a structural change and open ``select`` in the form.

        The fields of a node just ``added`` are fresh: their errors are marked
        once the clerk leaves them (or saves), not while the field is still empty.
        ``moved`` says where the other nodes of a changed list went. ``in_place``
        (undo, redo): when the form shows ``select``'s very fields, their
        controls stay and show the values anew, the cursor where it is.
        """
        origin = self.here()  # the tree still shows the node acted on
        self.fresh.clear()
        self.report_tree.show_outline(self.session.outline, select=select, moved=moved)
        node, _ = node_for(self.session.outline, select.file, select.keys)
        if added:
            self.fresh = {(spec.file, spec.keys) for spec in node.fields}
        if in_place and self.form.refill(node, {s: self.shown_value(s) for s in node.fields}):
            self.form.mark(self.problems())
            self.update_previous()
            self.update_preview()
        else:
            self.form.node = None
            await self.show_node(node)
        self.post_message(self.DraftChanged(Place(select.file, select.keys), origin))
        self.schedule_check()

    # -- panes -----------------------------------------------------------------
    def action_toggle_preview(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "preview" if switcher.current == "form" else "form"
        self.update_preview()

    def action_focus_tree(self) -> None:
        self.report_tree.focus()

    def action_focus_problems(self) -> None:
        self.query_one(DiagnosticsPane).focus_list()
