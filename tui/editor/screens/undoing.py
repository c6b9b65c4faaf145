"""Ctrl+Z and Ctrl+Y on the editing screen: the draft's history, the cursor back where it was.

Every change is announced by the screen posting ``EditorScreen.DraftChanged``;
the handler here records it as a step of :class:`tui.editor.history.History`
(nothing is recorded when the draft is as it was, so a change announced twice
is one step). Undo and redo put the draft back through
:meth:`EditSession.restore`, show the outline again and put the cursor on the
node, or in the field, where the change was made. The title's 未保存 follows,
since it compares the draft with the files on disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from tui.editor.history import History, Moment, Place, Typed, moment_of
from tui.editor.inputs import InputProblem, format_field
from tui.editor.outline import REPORT_FILE, FieldSpec, NodeRef, Renumbering, node_for
from tui.editor.screens.help import KeyRow
from tui.editor.session import EditSession
from tui.editor.widgets.diagnostics_pane import DiagnosticsPane
from tui.editor.widgets.field_editor import FieldEditor
from tui.editor.widgets.field_form import FieldForm, Problems
from tui.editor.widgets.report_tree import ReportTree

if TYPE_CHECKING:
    from tui.editor.screens.editor import EditorScreen

UNDO_KEYS: list[KeyRow] = [
    ("Ctrl+Z", "撤销上一步修改，光标回到改动处"),
    ("", "保存之后也可以撤销"),
    ("", "字段中连续输入为一步，停顿一秒"),
    ("", "或离开字段即开始新的一步"),
    ("", "增删、移动、单独成段：每次一步"),
    ("Ctrl+Y", "重做刚撤销的修改"),
    ("Ctrl+Shift+Z", "同 Ctrl+Y（终端支持时）"),
]
"""F1's rows for undo and redo (the footer has room for Ctrl+Z's 撤销 only)."""


def unstored(problem: str) -> str:
    """The mark under a field whose typed text could not be stored."""
    return f"✗{problem}（未写入）"


class Undoing(Screen[None]):
    """The draft's undo and redo; the editing screen derives from it.

    The screen supplies the session, the form, the tree and :meth:`rebuild`.
    """

    BINDINGS = [
        # hidden where the footer has no room (a heading in the tree): the app's key then
        Binding("ctrl+z", "undo", "撤销", id="editor.undo"),
        Binding("ctrl+y,ctrl+shift+z", "redo", "重做", show=False, id="editor.redo"),
    ]

    session: EditSession
    history: History
    local_problems: Problems

    if TYPE_CHECKING:  # supplied by the editing screen that derives from this class

        @property
        def form(self) -> FieldForm: ...
        @property
        def report_tree(self) -> ReportTree: ...
        def flush_form(self) -> None: ...
        def focused_field(self) -> FieldEditor | None: ...
        async def rebuild(
            self, select: NodeRef, added: bool = False, moved: Renumbering | None = None
        ) -> None: ...

    # -- recording -------------------------------------------------------------
    def here(self) -> Place:
        """Where the clerk is working: the field with the cursor, else the tree's node."""
        field = self.focused_field()
        if field is not None:
            return Place(field.spec.file, field.spec.keys, field=True)
        node = self.report_tree.cursor_node
        if node is not None and node.data is not None:
            return Place(node.data.ref.file, node.data.ref.keys)
        return Place(REPORT_FILE, ())

    def note_change(
        self, place: Place | None = None, origin: Place | None = None, typing: bool = False
    ) -> None:
        """Record the draft as it is now as a step, if it changed since the last one."""
        self.history.record(moment_of(self.session), place or self.here(), origin, typing)

    def on_editor_screen_draft_changed(self, event: EditorScreen.DraftChanged) -> None:
        self.note_change(event.place, event.origin, event.typing)

    @on(FieldEditor.Left)
    def typing_ends(self, event: FieldEditor.Left) -> None:
        """Leaving a field ends its typing step (what was typed is in the draft by now)."""
        self.note_change(Place(event.spec.file, event.spec.keys, field=True), typing=True)
        self.history.end_typing()

    def shown_value(self, spec: FieldSpec) -> str:
        """What ``spec``'s field shows: the text typed that could not be stored, else the value."""
        typed = self.session.rejected.get((spec.file, spec.keys))
        return typed if typed is not None else format_field(spec.kind, self.session.value(spec))

    # -- undo and redo ---------------------------------------------------------
    def undo_in_footer(self) -> bool:
        """Whether the footer offers Ctrl+Z: everywhere but on a heading in the tree (no room)."""
        if self.focused is not self.report_tree:
            return True
        node = self.report_tree.cursor_node
        return not (node and node.data and node.data.role == "part" and node.data.heading)

    async def action_undo(self) -> None:
        await self.undo()

    async def action_redo(self) -> None:
        await self.redo()

    async def undo(self) -> None:
        """Take back the last step: the draft as before it, the cursor where it began."""
        self.catch_up()
        step = self.history.undo()
        if step is None:
            self.notify("没有可以撤销的修改", timeout=2)
            return
        await self.show_moment(step.before, step.origin)

    async def redo(self) -> None:
        """Make the step undone last again, the cursor where it was made."""
        self.catch_up()
        step = self.history.redo()
        if step is None:
            self.notify("没有可以重做的修改", timeout=2)
            return
        await self.show_moment(step.after, step.place)

    def catch_up(self) -> None:
        """Record what was typed just before the key, whose messages may still be on their way."""
        self.flush_form()
        self.note_change(typing=self.focused_field() is not None)

    async def show_moment(self, moment: Moment, place: Place) -> None:
        """Put the draft back as at ``moment``, the cursor at ``place``."""
        self.session.restore(moment.state)
        self.retype(moment.rejected)
        node, spec = node_for(self.session.outline, place.file, place.keys)
        if place.field:
            self.query_one(ContentSwitcher).current = "form"
        await self.rebuild(node.ref)
        if not (place.field and spec is not None and self.form.focus_field(spec)):
            self.report_tree.focus()

    def retype(self, rejected: Typed) -> None:
        """Put back text typed into fields that could not be stored, with its marks."""
        self.local_problems.clear()
        for (file, keys), raw in rejected:
            _, spec = node_for(self.session.outline, file, keys)
            if spec is None or (spec.file, spec.keys) != (file, keys):
                continue
            try:
                self.session.set_value(spec, raw)
            except InputProblem as problem:  # as when it was typed: the draft is as it was then
                self.local_problems[(file, keys)] = unstored(str(problem))
        self.query_one(DiagnosticsPane).count_unread(len(self.local_problems))
