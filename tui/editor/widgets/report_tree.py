"""The tree of the report on the left: 版头, 主体, each section with its blocks, and 版记.

Under a section: its lead, points and paragraphs, its blocks at every level
（（一）, 1., （1）, each with its own points, paragraphs and blocks), and its
metrics. The tree only shows the outline and asks for changes; it posts
messages upward (add, remove, move, standalone, points, open) and the screen decides
what they do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.cells import clip
from tui.editor.outline import NodeRef, OutlineNode, Renumbering

_MOVE = Binding.Group("移动", compact=True)
# the footer shows the keys that are no letters, which an input method in Chinese mode
# lets through: "ins/del 增删" (a and x work as well; F1 lists both, the palette has them)
_ADD_REMOVE = Binding.Group("增删", compact=True)


def _changed(
    nodes: list[OutlineNode], shown: list[OutlineNode], found: dict[NodeRef, OutlineNode]
) -> None:
    """Into ``found``: every node of ``nodes`` that is not the very node shown at its place.

    A node that is the same object as the one shown is unchanged with all
    below it; where the children no longer line up, all of them count.
    """
    aligned = len(nodes) == len(shown) and all(
        a.ref == b.ref for a, b in zip(nodes, shown, strict=True)
    )
    for i, node in enumerate(nodes):
        before = shown[i] if aligned else None
        if node is before:
            continue
        found.setdefault(node.ref, node)
        _changed(node.children, before.children if before is not None else [], found)


def opens_at_first(node: OutlineNode) -> bool:
    """Whether ``node`` is open when the editor starts: sections, 主体, headings over headings."""
    return node.role in ("section", "body") or (
        node.role == "part" and any(c.role == "part" for c in node.children)
    )


class ReportTree(Tree[OutlineNode]):
    """A keyboard tree of the report's structure."""

    BINDINGS = [
        Binding(
            "a,insert",
            "add",
            "添加",
            key_display="ins/",
            tooltip="在选中处添加段落、要点、标题、编号段落、指标或一项（a 或 Insert）",
            group=_ADD_REMOVE,
            id="tree.add",
        ),
        Binding(
            "x,delete",
            "remove",
            "删除",
            key_display="del",
            tooltip="删除选中的标题、段落、要点、指标或一项（x 或 Delete）",
            group=_ADD_REMOVE,
            id="tree.remove",
        ),
        # the full-width brackets are what [ ] type while an input method is in Chinese mode
        Binding(
            "[,left_black_lenticular_bracket,fullwidth_left_square_bracket",
            "move(-1)",
            "上移",
            key_display="[",
            group=_MOVE,
            id="tree.move_up",
        ),
        Binding(
            "],right_black_lenticular_bracket,fullwidth_right_square_bracket",
            "move(1)",
            "下移",
            key_display="]",
            group=_MOVE,
            id="tree.move_down",
        ),
        Binding(
            "s,f6",
            "standalone",
            "单独成段",
            key_display="f6",
            tooltip="切换选中的标题：单独成段，或作段首标题与正文同段（s 或 F6）",
            id="tree.standalone",
        ),
        # no room in the footer at 80 columns: F1 and the palette (要点分段) list it
        Binding(
            "p,f7",
            "points_standalone",
            "要点分段",
            key_display="f7",
            show=False,
            tooltip="切换选中处的要点：各自成段，或接在正文之后同一段（p 或 F7）",
            id="tree.points_standalone",
        ),
        Binding("enter", "open", "编辑", show=False, id="tree.open"),
        Binding("right", "expand", show=False),  # in F1 with space, under 移动与编辑
        Binding("left", "collapse", show=False),
    ]

    @dataclass
    class AddRequested(Message):
        """The clerk asked to add something at ``node``."""

        node: OutlineNode

    @dataclass
    class RemoveRequested(Message):
        """The clerk asked to remove ``node``."""

        node: OutlineNode

    @dataclass
    class MoveRequested(Message):
        """The clerk asked to move ``node`` by ``offset`` places."""

        node: OutlineNode
        offset: int

    @dataclass
    class StandaloneRequested(Message):
        """The clerk asked to switch the heading ``node`` between standalone and run-in."""

        node: OutlineNode

    @dataclass
    class PointsRequested(Message):
        """The clerk asked to switch the points of ``node`` (or of its owner) between one
        paragraph with the text and a paragraph each."""

        node: OutlineNode

    @dataclass
    class Opened(Message):
        """The clerk pressed Enter on ``node``: edit its first field."""

        node: OutlineNode

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("报告", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self._expanded: set[NodeRef] = set()
        self._first_build = True
        self._target: NodeRef | None = None
        self._shown: list[OutlineNode] = []
        """The outline on show: :meth:`relabel` compares the next one with it."""
        self._by_ref: dict[NodeRef, tuple[TreeNode[OutlineNode], int]] = {}
        """The tree node showing each ref, and its depth."""

    # -- building --------------------------------------------------------------
    def show_outline(
        self,
        nodes: list[OutlineNode],
        select: NodeRef | None = None,
        moved: Renumbering | None = None,
    ) -> None:
        """Show ``nodes``, keeping what was expanded and putting the cursor on ``select``.

        ``moved`` says where nodes went when a list changed (a part inserted
        before an open one), so that what was open stays open.
        """
        current = self.cursor_node.data.ref if self.cursor_node and self.cursor_node.data else None
        if not self._first_build:
            self._expanded = {n.data.ref for n in self._all() if n.data and n.is_expanded}
            if moved is not None:
                self._expanded = {r for ref in self._expanded if (r := moved(ref)) is not None}
        self.clear()
        self._by_ref = {}
        for node in nodes:
            self._add(self.root, node, 0)
        self._shown = nodes
        self._first_build = False
        target = select or current
        if target is not None:
            self.go_to(target)

    def _add(self, parent: TreeNode[OutlineNode], node: OutlineNode, depth: int) -> None:
        label = clip(node.label, 26 - 2 * depth)
        if not node.children and node.role not in ("list", "metrics"):
            self._by_ref.setdefault(node.ref, (parent.add_leaf(label, node), depth))
            return
        expand = node.ref in self._expanded or (self._first_build and opens_at_first(node))
        branch = parent.add(label, node, expand=expand)
        self._by_ref.setdefault(node.ref, (branch, depth))
        for child in node.children:
            self._add(branch, child, depth + 1)

    def _all(self) -> list[TreeNode[OutlineNode]]:
        found: list[TreeNode[OutlineNode]] = []
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(node.children)
        return found

    def find(self, ref: NodeRef) -> TreeNode[OutlineNode] | None:
        """The tree node showing ``ref``, if it is in the tree."""
        found = self._by_ref.get(ref)
        if found is not None:
            return found[0]
        return next((n for n in self._all() if n.data and n.data.ref == ref), None)

    def go_to(self, ref: NodeRef) -> None:
        """Put the cursor on the node for ``ref``, opening its ancestors.

        The move waits for the tree's lines to be laid out; when several
        moves are asked for meanwhile, the last one wins.
        """
        node = self.find(ref)
        if node is None:
            return
        parent = node.parent
        while parent is not None and parent is not self.root:
            parent.expand()
            parent = parent.parent
        self._target = ref
        self.call_after_refresh(self._move_to_target)

    def _move_to_target(self) -> None:
        target, self._target = self._target, None
        node = self.find(target) if target is not None else None
        if node is not None:
            same_line = node.line == self.cursor_line
            self.move_cursor(node)
            if same_line:
                # Tree says nothing when the cursor stays on its line, but after a
                # rebuild (a reload, a restore) the node there is new: let the form follow
                self.post_message(self.NodeHighlighted(node))

    def open_refs(self) -> set[NodeRef]:
        """The nodes open now."""
        return {n.data.ref for n in self._all() if n.data is not None and n.is_expanded}

    def reopen(self, opened: Callable[[OutlineNode], bool], cursor: NodeRef | None = None) -> None:
        """Open the nodes ``opened`` says were open, close the others; ``cursor``'s kept in sight.

        After undo or redo, whose files may go by other names than the refs
        :meth:`show_outline` kept: the caller knows by file what was open.
        """
        for tree_node in self._all():
            if tree_node.data is None or not tree_node.allow_expand:
                continue
            wanted = opened(tree_node.data)
            if wanted and not tree_node.is_expanded:
                tree_node.expand()
            elif not wanted and tree_node.is_expanded:
                tree_node.collapse()
        shown = self.find(cursor) if cursor is not None else None
        parent = shown.parent if shown is not None else None
        while parent is not None and parent is not self.root:
            parent.expand()
            parent = parent.parent

    def relabel(self, nodes: list[OutlineNode]) -> dict[NodeRef, OutlineNode]:
        """Update labels in place after a value changed (no rebuild, the cursor stays).

        Only the nodes that are not the very ones on show are looked at: the
        outline reuses the nodes of what did not change. Returns them by ref.
        """
        fresh: dict[NodeRef, OutlineNode] = {}
        _changed(nodes, self._shown, fresh)
        self._shown = nodes
        for ref, node in fresh.items():
            found = self._by_ref.get(ref)
            if found is None:
                continue
            tree_node, depth = found
            tree_node.data = node
            label = clip(node.label, 26 - 2 * depth)
            if str(tree_node.label) != label:
                tree_node.set_label(label)
        return fresh

    # -- actions ---------------------------------------------------------------
    def _chosen(self) -> OutlineNode | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def action_add(self) -> None:
        if chosen := self._chosen():
            self.post_message(self.AddRequested(chosen))

    def action_remove(self) -> None:
        if chosen := self._chosen():
            self.post_message(self.RemoveRequested(chosen))

    def action_move(self, offset: int) -> None:
        if chosen := self._chosen():
            self.post_message(self.MoveRequested(chosen, offset))

    def action_standalone(self) -> None:
        if chosen := self._chosen():
            self.post_message(self.StandaloneRequested(chosen))

    def action_points_standalone(self) -> None:
        if chosen := self._chosen():
            self.post_message(self.PointsRequested(chosen))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers 单独成段 only on a heading, where it does something."""
        if action == "standalone":
            chosen = self._chosen()
            return chosen is not None and chosen.role == "part" and chosen.heading
        return True

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        self.refresh_bindings()

    def action_open(self) -> None:
        if chosen := self._chosen():
            self.post_message(self.Opened(chosen))

    def action_expand(self) -> None:
        """→ opens a folded node, or steps into an open one (as file managers do)."""
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_collapse(self) -> None:
        """← folds an open node, or steps out to its parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)
