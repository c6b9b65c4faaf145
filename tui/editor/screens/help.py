"""F1: every key the editor answers to, in Chinese, on one screen."""

from __future__ import annotations

import unicodedata

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.cells import width
from tui.editor.input_method import full_width, single_letter

KeyRow = tuple[str, str]

MOVING_KEYS: list[KeyRow] = [
    ("↑ / ↓", "在目录、列表中上下移动"),
    ("← / → / 空格", "在目录中收起、展开"),
    ("回车", "目录中：编辑选中项的第一个字段"),
    ("", "字段中：到下一个字段"),
    ("", "问题列表中：跳到出错的字段"),
    ("Tab / Shift+Tab", "在字段之间前后移动"),
    ("Esc", "从表单回到目录；关闭对话框"),
    ("1 / 2 / 3 …", "对话框中：选第几个答案"),
    ("ａ / Ａ / A", "同 a：全角字母、大写字母同小写"),
    ("１ / ２ / ３", "同 1 2 3：全角数字同半角"),
    ("", "（字段中照常是输入的文字）"),
]
"""Keys that are no bindings of their own (Textual's, or the dialogs'), as F1 lists them."""


def key_name(key: str) -> str:
    """A Textual key name as a clerk reads it: ctrl+s → Ctrl+S, a bracket name → 【."""
    names = {"escape": "Esc", "enter": "回车", "delete": "Delete", "tab": "Tab", "space": "空格"}
    shown: list[str] = []
    for i, part in enumerate(key.split("+")):
        if part in names:
            shown.append(names[part])
        elif len(part) == 1:
            shown.append(part.upper() if i else part)
        else:
            try:
                shown.append(unicodedata.lookup(part.replace("_", " ").upper()))
            except KeyError:
                shown.append(part.capitalize())
    return "+".join(shown)


def key_names(keys: str) -> list[str]:
    """A binding's keys as a clerk reads them; a letter with its full-width form (a / ａ).

    The full-width letter is what the key types in an input method's full-width
    mode; :mod:`tui.editor.input_method` makes it act as the letter.
    """
    names: list[str] = []
    for key in keys.split(","):
        key = key.strip()
        names.append(key_name(key))
        if single_letter(key):
            names.append(full_width(key))
    return names


MORE_ROWS: dict[str, list[str]] = {
    "tree.add": ["段落、要点、标题、指标、一项；", "在一节或主体上：新的一节（再按 s）"],
    "tree.remove": ["在一节上：删除整节（保存时删文件）"],
    "tree.move_down": ["在一节上：整节上移、下移（文件改名）"],
    "tree.standalone": ["选中的标题独占一段，或与正文同段"],
    "tree.points_standalone": ["一是、二是……各占一段，或接正文同段"],
}
"""Lines F1 adds under a binding's own (by its id): what it does where (the footer has no room)."""


def rows_from(bindings: list[BindingType]) -> list[KeyRow]:
    """(keys, description) for each binding that has a description, and its lines in F1."""
    rows: list[KeyRow] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            rows.append((" / ".join(key_names(binding.key)), binding.description))
            rows.extend(("", line) for line in MORE_ROWS.get(binding.id or "", []))
    return rows


def help_text(groups: list[tuple[str, list[KeyRow]]]) -> str:
    """The help as aligned text: keys in a column, Chinese descriptions beside them."""
    lines: list[str] = []
    for title, rows in groups:
        lines.append(f"【{title}】")
        for keys, description in rows:
            lines.append(f"  {keys}{' ' * max(1, 18 - width(keys))}{description}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n\n按 Esc 或 F1 关闭"


class HelpScreen(ModalScreen[None]):
    """Every binding, grouped by where it works."""

    BINDINGS = [Binding("escape,f1,q", "close", "关闭")]

    def __init__(self, groups: list[tuple[str, list[KeyRow]]]) -> None:
        super().__init__(classes="prompt")
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="prompt-box help-box"):
            yield Static("按键说明", classes="prompt-question", markup=False)
            yield Static(help_text(self.groups), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
