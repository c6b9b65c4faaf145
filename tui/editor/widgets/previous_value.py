"""Last year's figure under a metric's value: the value, the change, unit-slip warnings.

Mounted only when a previous report is known, so a report without one keeps
every line of an 80×24 form for its own fields.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.editor.previous import PreviousView


class PreviousValue(Vertical):
    """A small panel beside the form's value field, redrawn as the check of each keystroke ends."""

    DEFAULT_CSS = """
    PreviousValue {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 0 0 1;
        border-left: outer $secondary;
    }
    PreviousValue > #previous-lines { color: $text-muted; }
    PreviousValue > #previous-warnings { color: $warning; display: none; }
    PreviousValue.-warned > #previous-warnings { display: block; }
    PreviousValue.-warned { border-left: outer $warning; }
    """

    def __init__(self, view: PreviousView) -> None:
        super().__init__(id="previous-value")
        self.view = view

    def compose(self) -> ComposeResult:
        yield Static("", id="previous-lines", markup=False)
        yield Static("", id="previous-warnings", markup=False)

    def on_mount(self) -> None:
        self.show(self.view, force=True)

    def show(self, view: PreviousView, force: bool = False) -> None:
        """Show ``view`` (nothing is redrawn when it says what is already shown)."""
        if view == self.view and not force:
            return
        self.view = view
        self.query_one("#previous-lines", Static).update("\n".join(view.lines))
        # no space after the mark: a long message folds on the mark's line
        self.query_one("#previous-warnings", Static).update(
            "\n".join(f"!{w}" for w in view.warnings)
        )
        self.set_class(bool(view.warnings), "-warned")

    @property
    def text(self) -> str:
        """Everything the panel says, for tests and screen readers alike."""
        return "\n".join([*self.view.lines, *self.view.warnings])
