"""Small modal questions: a choice among a few answers, or one line of text.

Every answer has a single key shown on its button (保存 s, 放弃 d …) and a
digit before it (1, 2 …: what an input method in Chinese mode lets through,
where a letter starts pinyin); Escape always means the harmless answer, so a
prompt can be answered without Tab-ing around or a mouse. A full-width letter
or digit (ｓ, １) picks the same answer (:mod:`tui.editor.input_method`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui.cells import clip, width
from tui.editor.input_method import single_letter
from tui.editor.widgets.controls import OrderedInput

ROW_CELLS = 56
"""Cells in a row of a prompt box: longer questions are shortened, wider button rows stack."""


def fit_question(question: str, cells: int = ROW_CELLS) -> str:
    """``question`` on one line of ``cells``: a long quoted name is cut inside its quotes.

    ``删除“一是 严格落实……”？`` keeps its closing quote and question mark, so the
    clerk still reads what is asked.
    """
    if width(question) <= cells or "“" not in question or "”" not in question:
        return question
    head, _, rest = question.partition("“")
    quoted, _, tail = rest.rpartition("”")
    room = cells - width(head) - width(tail) - 2
    return f"{head}“{clip(quoted, max(room, 4))}”{tail}" if room > 0 else question


def button_text(choice: Choice, number: int | None = None) -> str:
    """A button's label: its digit, the answer, and the letter that picks it."""
    key = "Esc" if choice.key == "escape" else choice.key
    return f"{'' if number is None else f'{number} '}{choice.label}（{key}）"


def numbered(choices: list[Choice]) -> dict[str, Choice]:
    """The digit that picks each answer but Escape's, counting from 1 in the order shown."""
    picked = [c for c in choices if c.key != "escape"]
    return {str(i): c for i, c in enumerate(picked[:9], start=1)}


@dataclass(frozen=True)
class Choice:
    """One answer: what it returns, its Chinese name, and the key that picks it."""

    value: str
    label: str
    key: str


class ChoiceScreen(ModalScreen[str]):
    """Ask a question; dismiss with the chosen answer's value (``cancel`` on Escape)."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, question: str, choices: list[Choice], cancel: str, detail: str = "") -> None:
        super().__init__(classes="prompt")
        self.question = question
        self.detail = detail
        self.choices = choices
        self.cancel = cancel
        self.digits = numbered(choices)

    def compose(self) -> ComposeResult:
        number = {choice.value: int(digit) for digit, choice in self.digits.items()}
        labels = [button_text(choice, number.get(choice.value)) for choice in self.choices]
        # answers that do not fit side by side at 80 columns go one under another
        stacked = sum(width(label) + 2 for label in labels) > ROW_CELLS
        with Vertical(classes="prompt-box"):
            yield Label(fit_question(self.question), classes="prompt-question", markup=False)
            if self.detail:
                yield Static(self.detail, classes="prompt-detail", markup=False)
            with Horizontal(classes="prompt-buttons -stacked" if stacked else "prompt-buttons"):
                for i, (choice, label) in enumerate(zip(self.choices, labels, strict=True)):
                    yield Button(
                        label,
                        id=f"choice-{choice.value}",
                        variant="primary" if i == 0 else "default",
                        compact=True,
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        key = event.key.lower() if single_letter(event.key) else event.key  # Caps Lock too
        chosen = self.digits.get(key) or next((c for c in self.choices if c.key == key), None)
        if chosen is not None:
            event.stop()
            self.dismiss(chosen.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(self.cancel)


class TextScreen(ModalScreen[str | None]):
    """Ask for one line of text (a new metric's key, a section's title); ``None`` when cancelled.

    ``check`` says what is wrong with an answer (or ``None``): the prompt then
    stays open with the text as typed and the reason under it. ``empty`` is
    the reason an empty answer is refused (without it, Enter on nothing
    answers ``""``). ``advise`` gives a note on the text as it stands (a
    title that is long), shown under it while typing, never a refusal.
    ``value`` is the text it starts with (a new section's standard title).
    """

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(
        self,
        question: str,
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
        value: str = "",
        *,
        empty: str | None = None,
        advise: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(classes="prompt")
        self.question = question
        self.placeholder = placeholder
        self.check = check
        self.value = value
        self.empty = empty
        self.advise = advise

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box"):
            yield Label(self.question, classes="prompt-question", markup=False)
            field = OrderedInput(
                self.value, placeholder=self.placeholder, id="prompt-input", compact=True
            )
            field.cursor_blink = False
            yield field
            yield Static(
                self._said(self.value), id="prompt-detail", classes="prompt-detail", markup=False
            )

    def _said(self, text: str) -> str:
        """What stands under the field: the note on ``text``, if any, and the keys."""
        note = self.advise(text.strip()) if self.advise else None
        return f"{note}。回车确定，Esc 取消" if note else "回车确定，Esc 取消"

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.advise is not None:
            detail = self.query_one("#prompt-detail", Static)
            detail.update(self._said(event.value))
            detail.remove_class("prompt-problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        if answer:
            problem = self.check(answer) if self.check else None
        else:
            problem = self.empty
        if problem:
            detail = self.query_one("#prompt-detail", Static)
            detail.update(f"{problem}。回车确定，Esc 取消")
            detail.add_class("prompt-problem")
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
