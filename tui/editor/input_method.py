"""Keys typed through a Chinese input method act as the keys they stand for.

In Chinese mode an input method turns a letter into pinyin to compose, or, in
its full-width mode (Shift+Space), into a full-width letter: ``a`` arrives as
``ａ`` (U+FF41), Shift+a as ``Ａ``, a digit as ``１``. Wherever a single key
acts (the tree's ``a`` ``x`` ``s``, a prompt's answers, the list's sort keys),
these count as their ASCII forms; an uppercase letter nothing else is bound to
(Caps Lock, which most input methods use to type English) counts as the
lowercase one. In a text field they are text and are left alone.

Every single-letter action also has a key that is no letter at all (Insert,
Delete, an F-key, a digit in a prompt) or a command in the palette, since in
Chinese mode a letter may never reach the editor.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input, TextArea

ReturnType = TypeVar("ReturnType")

_FULL_WIDTH = {
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)},  # Ａ–Ｚ
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)},  # ａ–ｚ
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)},  # ０–９
}


def ascii_form(character: str | None) -> str | None:
    """ａ → a, Ａ → A, １ → 1; ``None`` for any other character."""
    return _FULL_WIDTH.get(character) if character else None


def full_width(character: str) -> str:
    """a → ａ, A → Ａ, 1 → １ (for the help screen); other characters as they are."""
    if character.isascii() and character.isalnum():
        return chr(ord(character) + 0xFEE0)
    return character


def takes_text(widget: Widget | None) -> bool:
    """Whether ``widget`` is a text field, where a typed letter is text and never a key."""
    return isinstance(widget, (Input, TextArea))


def single_letter(key: str) -> bool:
    """Whether ``key`` is a bare ASCII letter (``a``, ``A``), not a named key."""
    return len(key) == 1 and key.isascii() and key.isalpha()


class InputMethodApp(App[ReturnType]):
    """An app whose single-key actions answer to full-width (and Caps Lock) letters too."""

    async def on_event(self, event: events.Event) -> None:
        # before Textual looks for a binding or hands the key to the focused widget
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.fold_key(event)
        await super().on_event(event)

    def fold_key(self, event: events.Key) -> None:
        """Turn ``event`` into the ASCII key it stands for, unless a text field has the cursor."""
        if takes_text(self.focused):
            return
        key = ascii_form(event.character) or event.key
        if single_letter(key) and key.isupper():
            bound = self.active_bindings
            if key not in bound and key.lower() in bound:
                key = key.lower()
        if key != event.key:
            event.key = key
            event.character = key
