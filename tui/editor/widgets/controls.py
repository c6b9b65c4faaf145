"""The text controls of the editor: Textual's Input and TextArea, safe for keys that come in bursts.

Over SSH several keys often arrive in one read (``End BSpace BSpace 142``).
Textual inserts a printable character as soon as the focused control sees it,
but runs the control's own bindings (backspace, arrows, delete …) only once the
key has bubbled up to the app — so a backspace typed before ``1`` may run after
it, and the field ends up wrong (Textualize/textual#6605). These controls run
their own bindings the moment the key reaches them, so every key takes effect
in the order it was typed.

A prose field of the report is one paragraph: Enter moves on to the next field
instead of breaking it, and line breaks in pasted text are dropped (Chinese
prose has no spaces to put in their place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, TextArea

_LINE_BREAK = re.compile(r"[ \t\u3000]*(?:\r\n|\r|\n)+[ \t\u3000]*")


def one_paragraph(text: str) -> str:
    """``text`` with its line breaks (and the indentation around them) removed."""
    return _LINE_BREAK.sub("", text)


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run ``widget``'s own (non-priority) binding for ``event`` now; whether one ran.

    The same resolution the app would apply once the key bubbled up to it
    (the focused widget is the first place it looks), only without the delay.
    """
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False


class OrderedInput(Input):
    """A one-line input whose keys take effect in the order they were typed."""

    def on_blur(self, _event: events.Blur) -> None:
        # left mid-way through a long title, the form shows where it begins again
        self.scroll_to(x=0, animate=False, immediate=True)

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls Input._on_key after this one unless the default is prevented
        await run_own_binding(self, event)

    def _on_paste(self, event: events.Paste) -> None:
        # Input keeps only the first line of a paste; keep all of it, on one line
        event.stop()
        event.prevent_default()
        text = one_paragraph(event.text)
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


class ParagraphArea(TextArea):
    """A multi-line area for one paragraph of prose, wrapped, with keys kept in order."""

    @dataclass
    class Submitted(Message):
        """Enter was pressed: the clerk is done with this paragraph."""

        area: ParagraphArea

    has_been_entered = False
    """Whether the cursor has been in the area yet (the first visit starts at the end)."""

    def on_focus(self, _event: events.Focus) -> None:
        # the first time in (by Tab, say), continue the paragraph rather than start it
        if not self.has_been_entered:
            self.has_been_entered = True
            if self.cursor_location == (0, 0) and not self.selected_text:
                self.move_cursor(self.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+Z and Ctrl+Y are the draft's undo and redo (the screen's), not the area's own."""
        return action not in ("undo", "redo") and super().check_action(action, parameters)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            # a line break would split the exported paragraph: say the field is done instead
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))
            return
        await run_own_binding(self, event)

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        text = one_paragraph(event.text)
        if not self.read_only and text:
            if result := self._replace_via_keyboard(text, *self.selection):
                self.move_cursor(result.end_location)


class FlagBox(Checkbox, inherit_bindings=False):
    """A yes/no field (a heading's 单独成段): space switches it, Enter moves on as elsewhere."""

    BINDINGS = [Binding("space", "toggle_button", "切换", show=False)]

    @dataclass
    class Submitted(Message):
        """Enter was pressed: on to the next field."""

        box: FlagBox

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))
            return
        await run_own_binding(self, event)
