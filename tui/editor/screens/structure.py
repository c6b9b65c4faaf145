"""Adding, removing and moving in the report tree, for the editing screen.

The tree asks (``a`` or Insert, ``x`` or Delete, ``[`` ``]``, ``s`` or F6, ``p`` or F7);
these handlers confirm where needed, change the session and have the screen
show the new outline. A hand-edited file whose shape is wrong is reported in
a notice, never a crash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from records import RecordError
from tui.editor.adding import add_options
from tui.editor.inputs import InputProblem
from tui.editor.outline import NodeRef, OutlineNode, Renumbering, renumbered, swapped
from tui.editor.screens.prompts import Choice, ChoiceScreen, TextScreen
from tui.editor.screens.sections import SectionEditing
from tui.editor.session import MOVABLE, REMOVABLE, EditSession
from tui.editor.widgets.field_form import FieldForm
from tui.editor.widgets.report_tree import ReportTree

STRUCTURE_PROBLEMS = (InputProblem, RecordError, TypeError, KeyError, IndexError, ValueError)
"""What adding, removing or moving can meet in a hand-edited file whose shape is wrong."""


def neighbour(outline: list[OutlineNode], ref: NodeRef) -> NodeRef:
    """Where the cursor goes when the node ``ref`` is removed (refs as they are before).

    Its next sibling in the tree, or the one before when it is the last; its
    parent when it has none. A section's 指标 is no sibling of its parts.
    """
    stack = list(outline)
    while stack:
        parent = stack.pop()
        siblings = [c for c in parent.children if c.role != "metrics" or c.ref == ref]
        at = next((i for i, c in enumerate(siblings) if c.ref == ref), None)
        if at is None:
            stack.extend(parent.children)
            continue
        if at + 1 < len(siblings):
            return siblings[at + 1].ref
        return siblings[at - 1].ref if at > 0 else parent.ref
    return NodeRef(ref.file, ref.keys[:-1])


class StructureEditing(SectionEditing):
    """The tree's add, remove and move; the editing screen derives from it.

    Whole sections are :class:`SectionEditing`'s.

    The screen supplies the session and :meth:`rebuild`.
    """

    session: EditSession

    if TYPE_CHECKING:  # supplied by the editing screen that derives from this class

        async def rebuild(
            self, select: NodeRef, added: bool = False, moved: Renumbering | None = None
        ) -> None: ...

    def on_report_tree_add_requested(self, event: ReportTree.AddRequested) -> None:
        node = event.node
        options = add_options(node, self.session.numbering)
        if not options:
            self.notify(
                "这里不能添加；请选中主体（添加开头语的下一段或新的一节）、某一部分、标题、段落、要点、指标"
                "或主送/抄送机关。",
                severity="warning",
            )
            return
        if len(options) == 1:
            self.add(node, options[0].what)
            return
        choices = [Choice(o.what, o.label, o.key) for o in options]

        def answer(what: str | None) -> None:
            if what == "section":
                self.add_section(node)
            elif what and what != "cancel":
                self.add(node, what)

        self.app.push_screen(
            ChoiceScreen("添加什么？", [*choices, Choice("cancel", "取消", "escape")], "cancel"),
            answer,
        )

    @work(exclusive=True, group="structure")
    async def add(self, node: OutlineNode, what: str) -> None:
        """Add what the clerk chose at ``node`` and put the cursor in it."""
        key = ""
        if what == "metric":
            answer = await self.app.push_screen_wait(
                TextScreen(
                    "新指标的名称（英文字母、数字、下划线，如 penalty_cases）",
                    "metric_name",
                    check=self.session.metric_key_problem,
                )
            )
            if not answer:
                return
            key = answer
        try:
            file, keys = self.session.add(node, what, key)
        except STRUCTURE_PROBLEMS as problem:
            self.notify(str(problem), severity="error")
            return
        moved = renumbered(file, keys, 1) if keys and isinstance(keys[-1], int) else None
        await self.rebuild(NodeRef(file, keys), added=True, moved=moved)
        self.query_one(FieldForm).focus_field(None)

    def on_report_tree_remove_requested(self, event: ReportTree.RemoveRequested) -> None:
        node = event.node
        if node.role == "section":
            self.ask_remove_section(node)
            return
        if node.role not in REMOVABLE:
            self.notify(
                "只能删除一节（一、二、……）、标题、编号段落、段落、要点、指标或主送/抄送机关中的一项。",
                severity="warning",
            )
            return
        choices = [Choice("remove", "删除", "y"), Choice("cancel", "取消", "n")]

        def answer(choice: str | None) -> None:
            if choice == "remove":
                self.remove_node(node)

        detail = "删除后可按 Ctrl+Z 撤销（保存之后也可以）。"
        below = sum(1 for n in node.walk() if n.role in ("part", "point", "paragraph")) - 1
        if node.role == "part" and below > 0:
            detail = f"其下的 {below} 项（标题、编号段落、段落、要点）一并删除。\n{detail}"
        if node.role == "metric":  # the text that still uses it would fail to export
            used = self.session.describe_references(str(node.ref.keys[-1]))
            detail = f"{used}\n{detail}" if used else detail
        self.app.push_screen(
            ChoiceScreen(f"删除“{node.label}”？", choices, "cancel", detail), answer
        )

    @work(exclusive=True, group="structure")
    async def remove_node(self, node: OutlineNode) -> None:
        """Remove ``node``; the cursor goes to its neighbour (the next one, else the one before)."""
        outline = self.session.outline  # as it was: where its neighbours stand
        try:
            self.session.remove(node)
        except STRUCTURE_PROBLEMS as problem:
            self.notify(f"无法删除：{problem}", severity="error")
            return
        keys = node.ref.keys
        moved = renumbered(node.ref.file, keys, -1) if keys and isinstance(keys[-1], int) else None
        select = neighbour(outline, node.ref)
        if moved is not None:
            select = moved(select) or select  # the next one takes the removed one's place
        await self.rebuild(select, moved=moved)

    async def on_report_tree_move_requested(self, event: ReportTree.MoveRequested) -> None:
        node = event.node
        if node.role == "section":
            await self.move_section(node, event.offset)
            return
        if node.role not in MOVABLE:
            message = "只能移动一节（一、二、……）、标题、编号段落、段落、要点、指标或主送/抄送机关"
            message += "中的一项。"
            self.notify(message, severity="warning")
            return
        try:
            new = self.session.move(node, event.offset)
        except STRUCTURE_PROBLEMS as problem:
            self.notify(f"无法移动：{problem}", severity="error")
            return
        if new is not None:
            moved = swapped(node.ref.file, node.ref.keys, new) if isinstance(new[-1], int) else None
            await self.rebuild(NodeRef(node.ref.file, new), moved=moved)

    async def on_report_tree_standalone_requested(
        self, event: ReportTree.StandaloneRequested
    ) -> None:
        node = event.node
        if node.role != "part" or not node.heading:
            self.notify(
                "只有（一）、1.、（1）这样的标题可以单独成段或作段首标题；请选中一个标题。",
                severity="warning",
            )
            return
        try:
            alone = self.session.toggle_standalone(node)
        except STRUCTURE_PROBLEMS as problem:
            self.notify(f"无法修改：{problem}", severity="error")
            return
        moved = self.session.reshaped  # the first paragraph became the heading's text
        self.session.reshaped = False
        await self.rebuild(node.ref)
        shown = "标题单独成段" if alone else "段首标题（标题后加“。”，与正文同段）"
        self.notify(f"已改为{shown}" + ("；原第一段移作正文" if moved else ""), timeout=3)

    async def on_report_tree_points_requested(self, event: ReportTree.PointsRequested) -> None:
        """Switch the points where the cursor is between one paragraph and a paragraph each."""
        node = event.node
        try:
            apart = self.session.toggle_points_standalone(node)
        except STRUCTURE_PROBLEMS as problem:
            self.notify(str(problem), severity="warning")
            return
        await self.rebuild(node.ref)
        shown = "要点各自成段（一是……、二是……各占一段）" if apart else "要点接在正文之后，同一段"
        self.notify(f"已改为{shown}", timeout=3)
