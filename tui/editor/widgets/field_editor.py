"""One field of a form: its Chinese title, the control to type in, help, and its error.

The control suits the value: a one-line input, a multi-line area for prose,
a choice for a section's kind, a switch for a heading's 单独成段. What the
clerk types is posted upward as :class:`FieldEditor.Edited`; the field never
writes the record itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from exporters.numbering import point_number
from tui.editor.inputs import escape_breaks
from tui.editor.labels import schema_at
from tui.editor.outline import KIND_NAMES, FieldSpec
from tui.editor.widgets.controls import FlagBox, OrderedInput, ParagraphArea, one_paragraph
from tui.editor.widgets.previous_text import PreviousLine

PLACEHOLDERS = {
    "integer": "整数，如 2023",
    "number": "数字，如 142 或 861.98",
    "date": "日期，如 2024-01-19",
    "line": "",
}


SWITCH_TEXT = {
    True: "是：标题单独成一段（空格切换）",
    False: "否：段首标题，后加“。”接正文（空格切换）",
}
"""What a heading's 单独成段 switch says in either state."""

_EDITS = count()
"""Numbers the edits posted, in order (see :attr:`FieldEditor.Edited.serial`)."""


def edits_so_far() -> int:
    """The serial the next edit will have: edits posted before now have smaller ones."""
    return next(_EDITS)


def field_title(spec: FieldSpec) -> str:
    """A field's title in the form: a point says which (要点 二是), a paragraph where (段落 2)."""
    index = spec.keys[-1]
    if isinstance(index, int) and len(spec.keys) > 1 and spec.keys[-2] == "points":
        return f"{spec.title} {point_number(index + 1)}"
    if isinstance(index, int) and len(spec.keys) > 1 and spec.keys[-2] == "paragraphs":
        return f"{spec.title} {index + 1}"
    return spec.title


class FieldEditor(Vertical):
    """A labelled control for one value of the report."""

    DEFAULT_CSS = """
    FieldEditor { height: auto; margin: 0 0 1 0; }
    FieldEditor > .field-title { text-style: bold; }
    FieldEditor > .field-help { color: $text-muted; display: none; }
    FieldEditor > .field-last-year { display: none; }
    FieldEditor.-focused.-last-year > .field-last-year { display: block; }
    FieldEditor.-focused > .field-help { display: block; }
    FieldEditor > .field-error { color: $error; display: none; }
    FieldEditor.-invalid > .field-error { display: block; }
    FieldEditor.-invalid > .field-title { color: $error; }
    FieldEditor TextArea { height: auto; max-height: 8; min-height: 2; }
    """

    @dataclass
    class Edited(Message):
        """The clerk changed the text of the field ``spec``."""

        spec: FieldSpec
        raw: str
        serial: int = field(default_factory=lambda: next(_EDITS), init=False)
        """When it was posted: one posted before the draft was put back (undo, redo) is stale."""

    @dataclass
    class Left(Message):
        """The cursor left the field ``spec``."""

        spec: FieldSpec

    def __init__(self, spec: FieldSpec, value: str) -> None:
        super().__init__(id="box-" + spec.dom_id)
        self.spec = spec
        self.initial = self._as_shown(value)
        self.problem = ""
        self.last_year = ""
        """Last year's text in this field's place (shown under it while it has the cursor)."""

    def _as_shown(self, value: str) -> str:
        """A value as the control's text: a switch is ``true`` or ``false`` (absent: ``false``)."""
        if self.spec.kind == "switch":
            return "true" if value == "true" else "false"
        return value

    @property
    def control_id(self) -> str:
        """The id of the control, which the form focuses."""
        return self.spec.dom_id

    def compose(self) -> ComposeResult:
        spec = self.spec
        yield Label(field_title(spec), classes="field-title")
        yield self._control()
        yield PreviousLine(self.last_year, classes="field-last-year")
        if spec.description:
            yield Static(spec.description, classes="field-help", markup=False)
        yield Static(self.problem, classes="field-error", markup=False)

    def _control(self) -> Widget:
        spec = self.spec
        if spec.kind == "switch":
            on = self.initial == "true"
            return FlagBox(SWITCH_TEXT[on], on, id=spec.dom_id, compact=True)
        if spec.kind == "prose":
            area = ParagraphArea(
                self.initial, id=spec.dom_id, soft_wrap=True, compact=True, tab_behavior="focus"
            )
            area.cursor_blink = False
            return area
        if spec.kind == "kind":
            titles = schema_at(spec.file, spec.keys).get("tuiEnumTitles") or KIND_NAMES
            options = [(f"{name}（{kind}）", kind) for kind, name in titles.items()]
            value = self.initial if self.initial in KIND_NAMES else Select.NULL
            return Select(options, value=value, id=spec.dom_id, prompt="请选择", compact=True)
        field = OrderedInput(
            self.initial,
            placeholder=PLACEHOLDERS.get(spec.kind, ""),
            id=spec.dom_id,
            compact=True,
            select_on_focus=False,  # typing must not replace the whole value by surprise
        )
        field.cursor_blink = False
        return field

    def focus_control(self, at: int | None = None, scroll: bool = True) -> None:
        """Put the cursor in this field's control: at character ``at``, else after the text.

        Nothing is selected, so the next key edits where the cursor is shown.
        ``scroll=False`` leaves scrolling to the caller (Textual's own is an animated
        centring, measured before fields just mounted are laid out).
        """
        control = self.query_one("#" + self.control_id)
        # at once, not later as Widget.focus does: keys already read go to this control
        self.screen.set_focus(control, scroll_visible=scroll)
        length = len(self.current_text())
        at = length if at is None else max(0, min(at, length))
        if isinstance(control, ParagraphArea):
            control.has_been_entered = True  # its first Focus must not move the cursor on
            before = control.text[:at].split("\n")
            control.move_cursor((len(before) - 1, len(before[-1])))
        elif isinstance(control, OrderedInput):
            control.cursor_position = at

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.move_on()

    async def on_paragraph_area_submitted(self, event: ParagraphArea.Submitted) -> None:
        event.stop()
        await self.move_on()

    async def on_flag_box_submitted(self, event: FlagBox.Submitted) -> None:
        event.stop()
        await self.move_on()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        # the control's state now, not the message's: an older message must not undo an undo
        on = event.checkbox.value
        event.checkbox.label = SWITCH_TEXT[on]
        self._edited("true" if on else "false")

    async def move_on(self) -> None:
        """Enter: on to the next field of the form, or back to the tree after the last one."""
        siblings = (
            [w for w in self.parent.children if isinstance(w, FieldEditor)] if self.parent else []
        )
        later = siblings[siblings.index(self) + 1 :] if self in siblings else []
        if later:
            later[0].focus_control()
        else:
            await self.run_action("screen.focus_tree")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._edited(event.input.value)  # as now (see on_checkbox_changed)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._edited(event.text_area.text)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = event.select.value  # as now (see on_checkbox_changed)
        self._edited("" if value is Select.NULL else str(value))

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        # a class, not :focus-within, so that the help below the control is restyled too
        self.add_class("-focused")

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self.remove_class("-focused")
        self.post_message(self.Left(self.spec))

    def current_text(self) -> str:
        """What the control shows now, as text."""
        control = self.query_one("#" + self.control_id)
        if isinstance(control, TextArea):
            return control.text
        if isinstance(control, Select):
            return "" if control.value is Select.NULL else str(control.value)
        if isinstance(control, Checkbox):
            return "true" if control.value else "false"
        return control.value if isinstance(control, Input) else self.initial

    def take_pending(self, stored: str | None = None) -> str | None:
        """The control's text if no edit message has carried it yet (then it counts as sent).

        With ``stored`` (what the draft holds): the text if it is another, an
        edit message still on its way counting as not sent (undo drops those:
        :attr:`Edited.serial`).
        """
        raw = self.current_text()
        held = self.initial if stored is None else self._as_shown(stored)
        self.initial = raw
        return None if raw == held else raw

    def show_text(self, text: str) -> None:
        """Show ``text`` in the control (the draft put back by undo or redo), not as an edit."""
        text = self._as_shown(text)
        self.initial = text
        if text == self.current_text():
            return
        control = self.query_one("#" + self.control_id)
        if isinstance(control, TextArea):
            control.load_text(text)
        elif isinstance(control, Checkbox):
            control.value = text == "true"
            control.label = SWITCH_TEXT[control.value]
        elif isinstance(control, Select):
            control.value = text if text in KIND_NAMES else Select.NULL
        elif isinstance(control, Input):
            control.value = text

    def _edited(self, raw: str) -> None:
        if raw == self.initial:
            return  # the control echoing its starting value is not an edit
        self.initial = raw
        self.post_message(self.Edited(self.spec, raw))

    def show_last_year(self, text: str) -> None:
        """Say under the field what last year's report had in its place (empty: nothing)."""
        if text == self.last_year:
            return
        self.last_year = text
        for line in self.query(PreviousLine):
            line.show(text)
        self.set_class(bool(text), "-last-year")

    def take_last_year(self) -> str:
        """Copy last year's text into the control; what was done, as the clerk is told it.

        An empty field gets the text with the cursor at its start, to be
        rewritten from there; in a field already written, the text goes in at
        the cursor (replacing what is selected), so nothing typed is lost.
        """
        text = self.last_year
        if not text:
            return ""
        control = self.query_one("#" + self.control_id)
        if isinstance(control, ParagraphArea):
            text = one_paragraph(text)
            if not control.text.strip():
                control.replace(text, (0, 0), control.document.end)
                control.move_cursor((0, 0))
                return "已填入去年的原文，请按今年的情况改写"
            if control.text == text:
                return "这一栏已是去年的原文"
            control.replace(text, *control.selection)
            return "已在光标处插入去年的原文"
        if isinstance(control, Input):
            text = escape_breaks(text)
            if not control.value.strip():
                control.value = text
                control.cursor_position = 0
                return "已填入去年的原文，请按今年的情况改写"
            if control.value == text:
                return "这一栏已是去年的原文"
            if control.selection.is_empty:
                control.insert_text_at_cursor(text)
            else:
                control.replace(text, *control.selection)
            return "已在光标处插入去年的原文"
        return ""

    def show_problem(self, message: str) -> None:
        """Mark the field with ``message`` where it stands (or clear it with an empty one)."""
        if message == self.problem:
            return
        self.problem = message
        # a field mounted a moment ago may not have its parts yet: compose shows the problem then
        for shown in self.query(".field-error").results(Static):
            shown.update(message)
        self.set_class(bool(message), "-invalid")
