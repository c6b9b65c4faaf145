"""The form for the selected node: one :class:`FieldEditor` per value it holds.

Rebuilt when the tree's cursor moves; errors are marked in place when new
diagnostics arrive, without rebuilding (the clerk's cursor stays put).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.containers import VerticalScroll
from textual.widgets import Static

from records.positions import KeyPath
from tui.editor.outline import FieldSpec, NodeRef, OutlineNode
from tui.editor.previous import PreviousView
from tui.editor.widgets.field_editor import FieldEditor
from tui.editor.widgets.previous_value import PreviousValue

Problems = dict[tuple[str, KeyPath], str]
"""Error messages by (file name, key path)."""

_HINTS = {
    "list": "这是一组条目：在左侧目录按 a 添加一项，选中一项后按 x 删除、[ ] 调整顺序。",
    "metrics": "正文用 {指标名} 引用这里的数字。在左侧目录按 a 添加指标。",
}


def heading(node: OutlineNode) -> str:
    """The form's title for ``node``: its label, and the file unless it is report.toml."""
    return node.label if node.ref.file == "report.toml" else f"{node.label}  〔{node.ref.file}〕"


class FieldForm(VerticalScroll):
    """A scrollable form of the fields of one outline node."""

    DEFAULT_CSS = """
    FieldForm > .form-heading { text-style: bold; color: $accent; margin: 0 0 1 0; }
    FieldForm > .form-hint { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.node: OutlineNode | None = None
        self.can_focus = False
        self.showing = False
        """Between removing one node's fields and mounting the next's (no panel goes in then)."""

    async def show(
        self, node: OutlineNode, values: dict[FieldSpec, str], problems: Problems
    ) -> None:
        """Show the fields of ``node`` with their current ``values`` and errors."""
        self.node = node
        self.showing = True
        await self.remove_children()
        widgets: list[Static | FieldEditor] = [
            Static(heading(node), classes="form-heading", markup=False)
        ]
        widgets.extend(FieldEditor(spec, values.get(spec, "")) for spec in node.fields)
        if not node.fields:
            hint = _HINTS.get(node.role, "")
            if hint:
                widgets.append(Static(hint, classes="form-hint", markup=False))
        await self.mount_all(widgets)
        self.mark(problems)
        self.showing = False
        self.scroll_home(animate=False)

    def refill(self, node: OutlineNode, values: dict[FieldSpec, str]) -> bool:
        """Show ``values`` in the fields on show if they are ``node``'s very fields; were they?

        The controls stay (the one with the cursor keeps it, and the keys on
        their way to it): what undo and redo need when the field stays on show.
        """
        editors = self.editors()
        if (
            self.node is None
            or self.showing
            or self.node.ref != node.ref
            or [e.spec for e in editors] != list(node.fields)
        ):
            return False
        self.node = node
        for editor in editors:
            editor.show_text(values.get(editor.spec, ""))
        for title in self.query(".form-heading").results(Static):
            title.update(heading(node))
        return True

    def retitle(self, changed: Mapping[NodeRef, OutlineNode]) -> None:
        """Follow the shown node's label in the heading as its values are typed.

        ``changed`` holds the nodes of a new outline that are not the ones shown
        before (:meth:`ReportTree.relabel`): an unchanged node keeps its heading.
        """
        if self.node is None or self.showing:
            return
        fresh = changed.get(self.node.ref)
        if fresh is None:
            return
        for title in self.query(".form-heading").results(Static):
            text = heading(fresh)
            if str(title.content) == text:
                continue
            lines = title.size.height
            title.update(text, layout=False)  # the screen laid out again only if it must be:
            if title.get_content_height(self.size, self.screen.size, title.size.width) != lines:
                title.refresh(layout=True)  # the heading takes another number of lines

    def editors(self) -> list[FieldEditor]:
        """The fields of the form, top to bottom."""
        return list(self.query(FieldEditor))

    def mark(self, problems: Problems) -> None:
        """Mark each field with its error (first one), or clear the mark."""
        for editor in self.editors():
            editor.show_problem(problems.get((editor.spec.file, editor.spec.keys), ""))

    def show_previous(self, view: PreviousView | None) -> None:
        """Show last year's figure under the value field, or no panel at all when ``None``."""
        if self.showing:
            return  # the screen shows the panel once the new fields are in
        panels = list(self.query(PreviousValue))
        if view is None:
            for panel in panels:
                panel.remove()
            return
        if panels:
            panels[0].show(view)
            return
        value = next((e for e in self.editors() if e.spec.keys[-1:] == ("value",)), None)
        if value is not None:
            self.mount(PreviousValue(view), after=value)

    def show_last_year(self, texts: dict[tuple[str, KeyPath], str]) -> bool:
        """Give each field last year's text in its place (none when absent); whether any changed."""
        changed = False
        for editor in self.editors():
            text = texts.get((editor.spec.file, editor.spec.keys), "")
            changed |= text != editor.last_year
            editor.show_last_year(text)
        return changed

    def focus_field(self, spec: FieldSpec | None, at: int | None = None) -> bool:
        """Put the cursor in ``spec``'s control (the first field when ``None``).

        At character ``at`` of its text, else after the text.
        """
        for editor in self.editors():
            if spec is None or editor.spec == spec:
                editor.focus_control(at, scroll=False)
                # the whole field (title, help, error) in sight, without animation
                self.call_after_refresh(editor.scroll_visible, animate=False)
                return True
        return False
