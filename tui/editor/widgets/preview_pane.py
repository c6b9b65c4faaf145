"""The preview pane: the selected section as the exported text will read."""

from __future__ import annotations

from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.cells import width, wrap
from tui.editor.preview import Preview


class PreviewPane(VerticalScroll):
    """Scrollable, read-only text of the selected section, a paragraph a widget."""

    DEFAULT_CSS = """
    PreviewPane > Static { width: 100%; margin-bottom: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown = Preview([])
        self._paragraphs: list[Static] = []
        self._pinned = False
        """The selected node's paragraph is kept on top while the paragraphs are laid out."""

    def _lines(self, text: str) -> str:
        """Text broken into lines as Chinese is typeset: no line starts with “，” or “。”.

        Two cells are kept free for the closing mark a line may hang at its end;
        a line that fits (the whole report's header, its signature) stays as it is.
        """
        cells = self.scrollable_content_region.width - 2
        if cells <= 10:
            return text
        return "\n".join(
            "\n".join(wrap(line, cells)) if width(line) > cells else line
            for line in text.split("\n")
        )

    def on_resize(self, event: events.Resize) -> None:
        for widget, text in zip(self._paragraphs, self.shown.paragraphs, strict=True):
            widget.update(self._lines(text))

    @property
    def text(self) -> str:
        """The text on show, paragraphs separated by a blank line."""
        return "\n\n".join(self.shown.paragraphs)

    def show(self, preview: Preview) -> None:
        """Replace the text, and bring the paragraph of the selected node to the top.

        While the clerk types, the paragraphs stay the same widgets and the
        view stays where it is; choosing another node scrolls to it.
        """
        if preview == self.shown:
            return
        moved = preview.focus != self.shown.focus
        if len(preview.paragraphs) == len(self._paragraphs):
            for widget, text in zip(self._paragraphs, preview.paragraphs, strict=True):
                widget.update(self._lines(text))
        else:
            self.remove_children()
            self._paragraphs = [
                Static(self._lines(text), markup=False) for text in preview.paragraphs
            ]
            self.mount_all(self._paragraphs)
            moved = True
        self.shown = preview
        self._pinned = moved and bool(self._paragraphs)
        if self._pinned:
            self.call_after_refresh(self._scroll_to_focus)

    def _scroll_to_focus(self) -> None:
        if self._pinned and self.shown.focus < len(self._paragraphs):
            target = self._paragraphs[self.shown.focus]
            self.scroll_to_widget(target, top=True, animate=False, immediate=True)

    def watch_virtual_size(self) -> None:
        # paragraphs laid out (or wrapped anew) after the scroll: the selected one back on top,
        # until the clerk types (then the view stays where it is)
        if self._pinned:
            self.call_after_refresh(self._scroll_to_focus)
