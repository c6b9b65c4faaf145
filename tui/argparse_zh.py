"""argparse speaking Chinese: usage lines, errors, help headings and line breaks.

argparse looks its messages up through ``gettext`` at call time; pointing its
module-level ``_`` at this table translates them without a message catalogue.
Unknown messages pass through unchanged. :class:`ArgumentParser` also ends
help headings with a full-width colon (“选项：”), and a command's parser
refuses an argument it does not know with its own usage line, not the
top-level one.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from tui.cells import width, wrap

_MESSAGES = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选项 %(value)r（可选：%(choices)s）"
    ),
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项不明确：%(option)s 可能是 %(matches)s"
    ),
    "not allowed with argument %s": "不能与参数 %s 同时使用",
}


def _translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def install() -> None:
    """Make argparse print its own messages in Chinese."""
    argparse._ = _translate  # type: ignore[attr-defined]


class HelpFormatter(argparse.HelpFormatter):
    """Help laid out for Chinese: lines wrapped by terminal cells, headings ending in “：”.

    argparse wraps by characters, so a line of Chinese (two cells a
    character) would run twice as wide as the terminal.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: list[str] = []

    def start_section(self, heading: str | None) -> None:
        if heading:
            self._headings.append(heading)
        super().start_section(heading)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:  # make room for a Chinese metavar's width
            invocation = self._format_action_invocation(action)
            longest = width(invocation) + self._current_indent
            self._action_max_length = max(self._action_max_length, longest)

    def _format_action(self, action: argparse.Action) -> str:
        # argparse pads the option column by characters; take out the second
        # cell of each Chinese character, or start the help on the next line.
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = width(invocation) - len(invocation)
        start = self._current_indent + len(invocation)
        if not extra or text[self._current_indent : start] != invocation:
            return text
        padding = len(text[start:]) - len(text[start:].lstrip(" "))
        if text[start + padding : start + padding + 1] in ("", "\n"):
            return text  # no help, or argparse already put it on the next line
        if padding - extra >= 2:
            return text[:start] + text[start + extra :]
        column = min(self._action_max_length + 2, self._max_help_position)
        return text[:start] + "\n" + " " * column + text[start + padding :]

    def _format_usage(self, *args: Any, **kwargs: Any) -> str:
        # argparse breaks the usage line by characters: narrow its measure
        # until the widest line fits the terminal in cells.
        full = self._width
        try:
            while True:
                text: str = super()._format_usage(*args, **kwargs)
                over = max(map(width, text.splitlines())) - full
                if over <= 0 or self._width <= 20:
                    return text
                self._width -= over
        finally:
            self._width = full

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width))

    def format_help(self) -> str:
        text = super().format_help()
        for heading in self._headings:
            text = text.replace(f"{heading}:\n", f"{heading}：\n")
        return text


class ArgumentParser(argparse.ArgumentParser):
    """An argument parser whose help uses :class:`HelpFormatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


class CommandParser(ArgumentParser):
    """A command's parser (``tui validate``), which refuses arguments it does not know.

    argparse hands them back to the top-level parser, which would report them
    under ``tui``'s usage line; the command's own usage says what it takes.
    """

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(_translate("unrecognized arguments: %s") % " ".join(extras))
        return parsed, extras
