"""The preview pane: the selected section as the exported text will read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class PreviewPane(VerticalScroll):
    """Scrollable, read-only text of the selected section."""

    DEFAULT_CSS = """
    PreviewPane > Static { width: 100%; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="preview-text", markup=False)

    def show(self, text: str) -> None:
        """Replace the text on show."""
        self.query_one("#preview-text", Static).update(text)
