"""The command palette (Ctrl+P): jump to a field by its Chinese label or its key, or run a command.

Typing ``penalty_cases`` and Enter puts the cursor in that metric's value:
a metric's value ranks just above its unit and name, which share the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.cells import clip
from tui.editor.outline import FieldSpec, all_fields
from tui.editor.session import EditSession
from tui.editor.widgets.report_tree import ReportTree


class SectionCommands(Protocol):
    """The editing screen's commands on the section the tree's cursor is in."""

    def add_section_here(self) -> None: ...
    def remove_section_here(self) -> None: ...
    async def move_section_here(self, offset: int) -> None: ...


class CommandHost(Protocol):
    """What the palette runs its commands on: the editor app (which imports this module)."""

    session: EditSession

    @property
    def report_tree(self) -> ReportTree: ...
    @property
    def editor(self) -> SectionCommands: ...

    def action_save(self) -> None: ...
    async def action_undo(self) -> None: ...
    async def action_redo(self) -> None: ...
    def action_validate(self) -> None: ...
    def action_export_text(self) -> None: ...
    def action_export_docx(self) -> None: ...
    def action_toggle_preview(self) -> None: ...
    def action_compare(self) -> None: ...
    def action_help(self) -> None: ...
    def action_request_quit(self) -> None: ...
    async def jump_to(self, file: str, keys: tuple[str | int, ...]) -> None: ...


@dataclass(frozen=True)
class Entry:
    """One thing the palette offers: its searchable text, help, and what it does."""

    text: str
    help: str
    run: Callable[[], Any]
    weight: float = 1.0


def field_entry_text(spec: FieldSpec, value: str) -> str:
    """What the palette shows and searches for a field: title, where, key, a glimpse of the text."""
    key = next((k for k in reversed(spec.keys) if isinstance(k, str)), "")
    if spec.keys[:1] == ("metrics",):
        return (
            f"{spec.context} · {spec.title}（{key}）"
            if key != "value"
            else f"{spec.context} · {spec.title}"
        )
    glimpse = f" · {clip(value, 16)}" if spec.kind == "prose" and value else ""
    return f"{spec.title} · {spec.context} · {key}{glimpse}"


class ReportCommands(Provider):
    """The palette's one provider: commands first, then every field of the report."""

    @property
    def host(self) -> CommandHost:
        """The app the palette is open in."""
        return self.app  # type: ignore[return-value]

    def entries(self) -> list[Entry]:
        """Everything the palette offers, read fresh so new points and metrics appear."""
        return self.commands() + self.fields()

    def commands(self) -> list[Entry]:
        """The editor's commands, in the order the empty palette lists them."""
        app = self.host
        return [
            Entry("保存 · save", "保存所有修改（Ctrl+S）", app.action_save),
            Entry("撤销 · undo", "撤销上一步修改，光标回到改动处（Ctrl+Z）", app.action_undo),
            Entry("重做 · redo", "重做刚撤销的修改（Ctrl+Y）", app.action_redo),
            Entry("校验 · validate", "立即检查整份报告", app.action_validate),
            Entry(
                "导出纯文本 · export txt",
                "导出政府网站发布用的纯文本到报告文件夹旁",
                app.action_export_text,
            ),
            Entry(
                "导出 DOCX · export docx",
                "导出 GB/T 9704 公文到报告文件夹旁",
                app.action_export_docx,
            ),
            Entry("预览 · preview", "切换表单与导出文本预览（F2）", app.action_toggle_preview),
            *self.structure_commands(),
            Entry(
                "与去年对比 · compare",
                "对照 report.toml 中 previous 指向的去年报告：数值、增减、疑似单位错误",
                app.action_compare,
            ),
            Entry("帮助 · help", "显示全部按键（F1）", app.action_help),
            Entry("退出 · quit", "退出编辑器（Ctrl+Q）", app.action_request_quit),
        ]

    def structure_commands(self) -> list[Entry]:
        """The tree's keys, for the node the tree's cursor is on."""
        tree = self.host.report_tree
        return [
            Entry(
                "添加 · add",
                "在目录选中处添加段落、要点、标题、编号段落、指标、一项或新的一节（a 或 Insert）",
                tree.action_add,
            ),
            Entry(
                "删除 · remove",
                "删除目录中选中的一项（或一节）及其下的内容（x 或 Delete）",
                tree.action_remove,
            ),
            Entry(
                "上移 · move up",
                "目录中选中的一项（或一节）与前一项对调（[）",
                partial(tree.action_move, -1),
            ),
            Entry(
                "下移 · move down",
                "目录中选中的一项（或一节）与后一项对调（]）",
                partial(tree.action_move, 1),
            ),
            Entry(
                "单独成段 · standalone",
                "目录中选中的标题：单独成段，或作段首标题与正文同段（s 或 F6）",
                tree.action_standalone,
            ),
            Entry(
                "要点分段 · points on their own lines",
                "选中的一节、标题或要点：一是、二是……各自成段，或接在正文之后同一段（p 或 F7）",
                tree.action_points_standalone,
            ),
            *self.section_commands(),
        ]

    def section_commands(self) -> list[Entry]:
        """Whole sections: on the one the tree's cursor is in, even on a block inside it."""
        editor = self.host.editor
        return [
            Entry(
                "添加新的一节 · add section",
                "在光标所在的一节之后（不在某一节中时在最后）添加一节：类别、标题、位置",
                editor.add_section_here,
            ),
            Entry(
                "删除本节 · remove section",
                "删除光标所在的一节（整个文件，保存时删除；先确认）",
                editor.remove_section_here,
            ),
            Entry(
                "本节上移 · move section up",
                "光标所在的一节与前一节对调，文件随之改名",
                partial(editor.move_section_here, -1),
            ),
            Entry(
                "本节下移 · move section down",
                "光标所在的一节与后一节对调，文件随之改名",
                partial(editor.move_section_here, 1),
            ),
        ]

    def fields(self) -> list[Entry]:
        """Every field of the report, to jump to by its label or key."""
        app = self.host
        fields = []
        for _node, spec in all_fields(app.session.outline):
            value = app.session.value(spec)
            text = field_entry_text(spec, value if isinstance(value, str) else "")
            weight = 1.0 if spec.keys[-1] != "unit" and spec.keys[-1] != "label" else 0.9
            fields.append(
                Entry(
                    text,
                    f"{spec.file} 中的字段",
                    partial(app.jump_to, spec.file, spec.keys),
                    weight,
                )
            )
        return fields

    async def discover(self) -> Hits:
        """With nothing typed yet, the commands (fields need a word to match)."""
        for entry in self.commands():
            yield DiscoveryHit(entry.text, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        """Fields and commands matching what was typed, best first."""
        matcher = self.matcher(query)
        found = False
        for entry in self.entries():
            score = matcher.match(entry.text)
            if score > 0:
                found = True
                yield Hit(
                    score * entry.weight,
                    matcher.highlight(entry.text),
                    entry.run,
                    text=entry.text,
                    help=entry.help,
                )
        if not found:  # in Chinese, instead of Textual's "No matches found"
            text = f"没有与“{query}”匹配的字段或命令"
            yield Hit(0.001, text, self._nothing, text=text, help="换个字段名称、键名或命令试试")

    def _nothing(self) -> None:
        self.app.notify("没有匹配的字段或命令", timeout=2)
