"""Ctrl+Z and Ctrl+Y on the editing screen: the draft's history, the cursor back where it was.

Every change is announced by the screen posting ``EditorScreen.DraftChanged``;
the handler here records it as a step of :class:`tui.editor.history.History`
(nothing is recorded when the draft is as it was, so a change announced twice
is one step). Undo and redo put the draft back through
:meth:`EditSession.restore`, show the outline again and put the cursor on the
node, or in the field, where the change was made (after the text that
changed). The title's 未保存 follows, since it compares the draft with the
files on disk.

Keys typed right after Ctrl+Z are not lost: the key is a priority binding,
run as soon as the app reads it (once the keys typed before it are in the
field: :func:`keys_in`), so the keys behind it wait until the form is
back; a field that stays on show keeps its control (its text is put back in
place), and the cursor is in the control before the next key is handed on.
Edits still on their way from before the undo are dropped
(:attr:`FieldEditor.Edited.serial`): the undo stored them first.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import TYPE_CHECKING

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.notifications import Notification
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from records import RecordError
from records.editing import EditableFile
from records.positions import KeyPath
from tui.editor.history import History, Moment, Place, Typed, moment_of
from tui.editor.inputs import InputProblem, format_field
from tui.editor.outline import (
    REPORT_FILE,
    FieldSpec,
    NodeRef,
    OutlineNode,
    Renumbering,
    node_for,
)
from tui.editor.screens.help import KeyRow
from tui.editor.session import EditSession
from tui.editor.widgets.diagnostics_pane import DiagnosticsPane
from tui.editor.widgets.field_editor import FieldEditor, edits_so_far
from tui.editor.widgets.field_form import FieldForm, Problems
from tui.editor.widgets.report_tree import ReportTree, opens_at_first

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
    ("", "经 SSH、tmux 时请用 Ctrl+Y："),
    ("", "那里它会当作 Ctrl+Z 撤销"),
]
"""F1's rows for undo and redo (the footer has room for Ctrl+Z's 撤销 only)."""


NOTICE_SECONDS = 2
"""How long undo's and redo's own notice (nothing to undo) stays."""

KEYS_WAIT = 0.5
"""At most this many seconds for the keys typed before Ctrl+Z to reach their field."""


def unstored(problem: str) -> str:
    """The mark under a field whose typed text could not be stored."""
    return f"✗{problem}（未写入）"


def caret_after(old: str, new: str) -> int | None:
    """Where the cursor goes in a field whose text went from ``old`` to ``new``.

    After the text that changed, as word processors put it after an undo or
    redo: where typing taken back began, after text put back or typed again.
    ``None`` when nothing changed.
    """
    if old == new:
        return None
    start, limit = 0, min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    same_end = 0
    while same_end < limit - start and old[-1 - same_end] == new[-1 - same_end]:
        same_end += 1
    return len(new) - same_end


async def keys_in(app: App[object]) -> None:
    """Wait until the keys already on their way to the focused control are in.

    Ctrl+Z and Ctrl+Y are priority bindings, run when the app reads them: the
    keys typed before them may still wait in the control's queue
    (Textualize/textual#6605, as ``EditorApp.after_typing`` says), the keys
    after them wait in the app's.
    """
    target = app.focused
    arrived = asyncio.Event()
    if target is not None and target.call_later(arrived.set):
        with suppress(TimeoutError):  # the control went away meanwhile: nothing to wait for
            await asyncio.wait_for(arrived.wait(), KEYS_WAIT)


def quiet(app: App[object]) -> None:
    """Take down the notices on show, but for warnings and errors (undo makes them old news).

    Textual has no public way to take down one notice; these are the
    attributes its ``notify`` and ``clear_notifications`` use.
    """
    for note in list(app._notifications):
        if note.severity == "information":
            app._unnotify(note, refresh=False)
    app._refresh_notifications()


def say_alone(app: App[object], message: str) -> None:
    """Show ``message`` as the only notice of its kind, now (not after the keys queued)."""
    quiet(app)
    app._notifications.add(Notification(message, timeout=NOTICE_SECONDS))
    app._refresh_notifications()


class Undoing(Screen[None]):
    """The draft's undo and redo; the editing screen derives from it.

    The screen supplies the session, the form, the tree and :meth:`rebuild`.
    """

    BINDINGS = [
        # priority, as the app's: run when read, before the keys typed after it reach a field.
        # Hidden where the footer has no room (a heading in the tree): the app's key then
        Binding("ctrl+z", "undo", "撤销", id="editor.undo", priority=True),
        Binding("ctrl+y,ctrl+shift+z", "redo", "重做", show=False, id="editor.redo", priority=True),
    ]

    session: EditSession
    history: History
    local_problems: Problems
    edits_from: int
    open_nodes: dict[EditableFile, set[KeyPath]]
    """What was open in the tree under each file, as the last undo or redo found it."""

    if TYPE_CHECKING:  # supplied by the editing screen that derives from this class

        @property
        def form(self) -> FieldForm: ...
        @property
        def report_tree(self) -> ReportTree: ...
        def flush_form(self) -> None: ...
        def apply_edit(self, spec: FieldSpec, raw: str) -> None: ...
        def focused_field(self) -> FieldEditor | None: ...
        async def rebuild(
            self,
            select: NodeRef,
            added: bool = False,
            moved: Renumbering | None = None,
            in_place: bool = False,
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
        await keys_in(self.app)
        self.catch_up()
        step = self.history.undo()
        if step is None:
            say_alone(self.app, "没有可以撤销的修改")
            return
        quiet(self.app)  # 已移为第四节…: about what is now taken back
        await self.show_moment(step.before, step.origin)

    async def redo(self) -> None:
        """Make the step undone last again, the cursor where it was made."""
        await keys_in(self.app)
        self.catch_up()
        step = self.history.redo()
        if step is None:
            say_alone(self.app, "没有可以重做的修改")
            return
        quiet(self.app)
        await self.show_moment(step.after, step.place)

    def catch_up(self) -> None:
        """Record what was typed just before the key, whose messages may still be on their way.

        What the controls show is stored now, the field with the cursor
        compared with the draft itself; their edit messages still on the way
        are stale from here on (they would undo the undo).
        """
        self.flush_form()
        field = self.focused_field()
        node = self.form.node
        # not while the form is being replaced (its fields may stand for other values by now)
        if (
            field is not None
            and node is not None
            and not self.form.showing
            and field.spec in node.fields
        ):
            raw = field.take_pending(self.shown_value(field.spec))
            if raw is not None:
                self.apply_edit(field.spec, raw)
        self.edits_from = edits_so_far()
        self.note_change(typing=self.focused_field() is not None)

    async def show_moment(self, moment: Moment, place: Place) -> None:
        """Put the draft back as at ``moment``, the cursor at ``place``.

        In a field, the cursor goes after the text that changed; the tree
        keeps open what was open, under the files' names at ``moment``.
        """
        old = self.field_text(place)
        self.remember_open()
        self.session.restore(moment.state)
        self.retype(moment.rejected)
        node, spec = node_for(self.session.outline, place.file, place.keys)
        if place.field:
            self.query_one(ContentSwitcher).current = "form"
        await self.rebuild(node.ref, in_place=True)
        self.report_tree.reopen(self.was_open, node.ref)
        if place.field and spec is not None:
            at = caret_after(old, self.field_text(place) or "") if old is not None else None
            if self.form.focus_field(spec, at):
                return
        self.set_focus(self.report_tree)  # at once: the keys typed next go to the tree

    def field_text(self, place: Place) -> str | None:
        """What the field at ``place`` shows (``None`` when ``place`` is no field there)."""
        if not place.field:
            return None
        _, spec = node_for(self.session.outline, place.file, place.keys)
        if spec is None or (spec.file, spec.keys) != (place.file, place.keys):
            return None
        return self.shown_value(spec)

    # -- what is open in the tree ----------------------------------------------
    def remember_open(self) -> None:
        """Note what is open in the tree under each file shown (by the file, not its name)."""
        opened = self.report_tree.open_refs()
        for f in self.session.files():
            self.open_nodes[f] = {ref.keys for ref in opened if ref.file == f.path.name}

    def was_open(self, node: OutlineNode) -> bool:
        """Whether ``node`` was open under its file, whatever the file was called then.

        A file not seen before (a section removed, now put back) opens as at the start.
        """
        try:
            file = self.session.file(node.ref.file)
        except RecordError:  # no such file in the draft
            return False
        keys = self.open_nodes.get(file)
        return opens_at_first(node) if keys is None else node.ref.keys in keys

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
