"""The editor application: saving, quitting, help, the palette, recovery of lost edits.

:func:`make_app` builds it, for the ``tui edit`` command and for the tests
alike. Editing itself happens on :class:`tui.editor.screens.editor.EditorScreen`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.timer import Timer

from records import FileChangedError, TuiError
from records.atomic import atomic_write
from records.positions import KeyPath
from tui.editor import TITLE
from tui.editor.input_method import InputMethodApp
from tui.editor.palette import ReportCommands
from tui.editor.recovery import RecoveryStore, restore
from tui.editor.screens.comparison import ComparisonScreen, MetricChosen
from tui.editor.screens.editor import EditorScreen
from tui.editor.screens.help import MOVING_KEYS, HelpScreen, rows_from
from tui.editor.screens.prompts import Choice, ChoiceScreen
from tui.editor.screens.undoing import UNDO_KEYS
from tui.editor.session import EditSession
from tui.editor.widgets.report_tree import ReportTree, opens_at_first

RECOVERY_DELAY = 1.0
"""Seconds after the last edit before the recovery copy is written."""


class EditorApp(InputMethodApp[None]):
    """The report editor."""

    CSS_PATH = "editor.tcss"
    TITLE = TITLE
    COMMANDS = {ReportCommands}
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("ctrl+q", "request_quit", "退出", priority=True),
        Binding("f1", "help", "帮助"),
        Binding("ctrl+p", "command_palette", "命令", priority=True),
        # the editing screen's keys, for where its footer leaves Ctrl+Z out (a heading in the
        # tree); priority, so that the keys typed after them wait for the draft put back
        Binding("ctrl+z", "undo", show=False, priority=True),
        Binding("ctrl+y,ctrl+shift+z", "redo", show=False, priority=True),
        Binding("escape", "back_to_list", "报告列表", key_display="esc"),
    ]

    def __init__(
        self,
        session: EditSession,
        recovery: RecoveryStore | None = None,
        from_list: bool = False,
    ) -> None:
        super().__init__()
        self.session = session
        self.recovery = recovery
        self.from_list = from_list
        """Opened from the list of a folder's reports (``tui edit FOLDER``): Esc goes back to it."""
        self.went_back = False
        self.editor = EditorScreen(session)
        self.sub_title = session.folder.resolve().name
        self._recovery_timer: Timer | None = None
        self.discarded = False
        """The clerk chose to quit without saving: no recovery copy on the way out."""
        self.recovery_delay = RECOVERY_DELAY

    def on_mount(self) -> None:
        self.push_screen(self.editor)
        self.offer_recovery()

    def hang_up(self) -> None:
        """The terminal went away or the editor was told to stop: keep the edits, then leave."""
        if self.recovery is not None and self.session.modified and not self.discarded:
            self.keep_recovery()
        self.exit()

    def on_unmount(self) -> None:
        # leaving with unsaved edits not deliberately discarded (a hang-up, say):
        # keep them now rather than a second after the last keystroke
        if self.recovery is not None and self.session.modified and not self.discarded:
            self.keep_recovery()

    # -- unsaved state and recovery ------------------------------------------------
    def show_modified(self) -> None:
        """Say in the title bar whether there is anything to save."""
        name = self.session.folder.resolve().name
        self.sub_title = f"{name} · 未保存" if self.session.modified else name

    def on_editor_screen_draft_changed(self, _event: EditorScreen.DraftChanged) -> None:
        self.show_modified()
        if self.recovery is not None:
            if self._recovery_timer is not None:
                self._recovery_timer.stop()
            self._recovery_timer = self.set_timer(self.recovery_delay, self.keep_recovery)

    def keep_recovery(self) -> None:
        """Write the recovery copy now (the timer calls this a second after the last edit)."""
        if self.recovery is None:
            return
        try:
            self.recovery.write(self.session)
        except TuiError as e:
            self.notify(f"无法保存恢复副本：{e.message}", severity="warning")

    def offer_recovery(self) -> None:
        """Ask whether to restore edits a killed editor left behind."""
        found = self.recovery.read(self.session) if self.recovery else None
        if found is None:
            return
        detail = f"保存于 {found.saved_at}，涉及：{found.summary()}。"
        if found.changed_since:
            changed = "、".join(found.changed_since)
            detail += f"\n注意：{changed} 在那之后被修改过，恢复会以上次的编辑为准。"

        def answer(choice: str | None) -> None:
            if choice == "restore":
                failed = restore(self.session, found)
                self.editor.form.node = None
                self.editor.report_tree.show_outline(self.session.outline)
                # open as at the start, whatever the sections are called now
                self.editor.report_tree.reopen(opens_at_first)
                self.editor.post_message(EditorScreen.DraftChanged())  # a step to undo
                self.editor.check_now()
                self.show_modified()
                if failed:
                    self.notify(f"无法恢复：{'、'.join(failed)}", severity="error")
                else:
                    self.notify("已恢复上次未保存的修改（尚未保存到文件）")
            elif choice == "discard" and self.recovery is not None:
                self.recovery.clear()

        self.push_screen(
            ChoiceScreen(
                "发现上次未保存的修改，要恢复吗？",
                [
                    Choice("restore", "恢复", "r"),
                    Choice("discard", "丢弃", "d"),
                    Choice("later", "暂不处理", "escape"),
                ],
                "later",
                detail,
            ),
            answer,
        )

    # -- saving ------------------------------------------------------------------
    def after_typing(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the keys already on their way to the focused field are in.

        Ctrl+S and Ctrl+Q are priority bindings: the app runs them as soon as it
        reads them, while keys typed just before them in the same burst still wait
        in the focused control's queue (Textualize/textual#6605). Queued behind
        those keys, the callback sees the field as typed.
        """
        target = self.focused or self.screen
        if not target.call_later(callback):
            callback()  # the control is gone: nothing of it is left to wait for

    def action_save(self) -> None:
        self.after_typing(lambda: self.save_draft(then_quit=False))

    def save_draft(self, then_quit: bool, force: bool = False) -> None:
        """Save through records; on a file changed on disk, ask: reload, overwrite, or cancel."""
        self.editor.flush_form()  # a keystroke still on its way to the draft is saved too
        try:
            written = self.session.save(force=force)
        except FileChangedError:
            self.ask_conflict(then_quit)
            return
        except TuiError as e:
            self.notify(f"保存失败：{e}", severity="error", timeout=8)
            return
        if self.recovery is not None:
            self.recovery.clear()
        self.show_modified()
        self.editor.history.end_typing()  # undo can stop at what was saved
        self.editor.show_all_problems()  # a save always shows every diagnostic
        self.editor.check_now()
        errors = sum(1 for d in self.editor.diagnostics if d.severity == "error")
        saved = f"已保存 {len(written)} 个文件" if written else "没有需要保存的修改"
        draft = self.session.draft
        removed = [p.name for p in draft.deleted if p not in draft.renamed]  # whole sections
        said = [f"改名 {len(draft.renamed)} 个"] if draft.renamed else []
        if removed:
            said.append(f"删除 {'、'.join(removed[:2])}{' 等' if len(removed) > 2 else ''}")
        if said:
            saved = f"{saved}（{'，'.join(said)}）" if written else f"已保存：{'，'.join(said)}"
        if errors:
            saved += f"；报告仍有 {errors} 个错误"
        if self.editor.local_problems:
            saved += f"；{len(self.editor.local_problems)} 个字段的输入无法识别，未保存"
        self.notify(
            saved, timeout=4, severity="warning" if self.editor.local_problems else "information"
        )
        if then_quit:
            self.exit()

    def ask_conflict(self, then_quit: bool) -> None:
        """A file changed on disk: let the clerk choose, never overwrite silently."""
        conflicts = self.session.conflicts()
        names = "、".join(p.name for p in conflicts)

        def answer(choice: str | None) -> None:
            if choice == "reload":
                self.session.reload(conflicts)
                self.editor.form.node = None
                self.editor.report_tree.show_outline(self.session.outline)
                self.editor.post_message(EditorScreen.DraftChanged())
                self.notify(f"已重新载入 {names}，其中未保存的修改已放弃")
                self.save_draft(then_quit)
            elif choice == "overwrite":
                self.save_draft(then_quit, force=True)

        self.push_screen(
            ChoiceScreen(
                f"{names} 在打开之后被其他程序修改过",
                [
                    Choice("reload", "重新载入", "r"),
                    Choice("overwrite", "覆盖", "o"),
                    Choice("cancel", "取消", "escape"),
                ],
                "cancel",
                "重新载入：采用磁盘上的版本，放弃本文件中的修改；覆盖：用编辑器中的内容替换磁盘上的版本。",
            ),
            answer,
        )

    # -- quitting ----------------------------------------------------------------
    @property
    def unsaved(self) -> bool:
        """Edits not on disk: a changed draft, or text typed that could not be stored yet."""
        return self.session.modified or bool(self.editor.local_problems)

    def action_request_quit(self) -> None:
        self.went_back = False
        self.after_typing(self.ask_before_quitting)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc in the tree leaves for the list of reports only when there is one.

        Undo and redo act on the editing screen, not under a dialog.
        """
        if action in ("undo", "redo"):
            return self.screen is self.editor
        return self.from_list if action == "back_to_list" else True

    def bindings_shown(self) -> list[BindingType]:
        """The app's keys for the help screen: Esc to the list only when there is one."""
        return [
            b
            for b in self.BINDINGS
            if self.from_list or not (isinstance(b, Binding) and b.action == "back_to_list")
        ]

    def action_back_to_list(self) -> None:
        """Leave this report for the list, asking first about unsaved changes as Ctrl+Q does."""
        self.went_back = True
        self.after_typing(self.ask_before_quitting)

    def ask_before_quitting(self) -> None:
        """Leave at once when everything is saved, else ask: save, discard, or stay."""
        self.editor.flush_form()
        if not self.unsaved:
            if self.recovery is not None:
                self.recovery.clear()
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save_draft(then_quit=True)
            elif choice == "discard":
                self.discarded = True
                if self.recovery is not None:
                    self.recovery.clear()
                self.exit()

        leave = "返回列表" if self.went_back else "退出"  # Esc from a report opened from the list
        self.push_screen(
            ChoiceScreen(
                f"有未保存的修改。{leave}前要保存吗？",
                [
                    Choice("save", f"保存并{leave}", "s"),
                    Choice("discard", f"不保存{leave}", "d"),
                    Choice("stay", "留下", "escape"),
                ],
                "stay",
            ),
            answer,
        )

    async def action_undo(self) -> None:
        await self.editor.undo()
        self.show_modified()  # now, not when the screen's message comes round

    async def action_redo(self) -> None:
        await self.editor.redo()
        self.show_modified()

    def action_help_quit(self) -> None:
        """Ctrl+C (pressed from habit) says how to quit instead of quitting."""
        self.notify("按 Ctrl+Q 退出；有未保存的修改时会先询问。", title="要退出吗？")

    # -- palette commands ----------------------------------------------------------
    @property
    def report_tree(self) -> ReportTree:
        """The tree of the report (the palette's structure commands act on its cursor)."""
        return self.editor.report_tree

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder="输入字段名或键名（如 penalty_cases），或命令……")
            )

    async def jump_to(self, file: str, keys: KeyPath) -> None:
        """Put the cursor in a field (the palette's way to any field)."""
        await self.editor.go_to(file, keys)

    def action_validate(self) -> None:
        self.editor.check_now()
        self.notify("已重新检查整份报告")

    def action_toggle_preview(self) -> None:
        self.editor.action_toggle_preview()

    def action_export_text(self) -> None:
        self.export("txt")

    def action_export_docx(self) -> None:
        self.export("docx")

    def export(self, kind: str) -> None:
        """Write the export beside the report folder, as last checked (refused with errors)."""
        errors = [d for d in self.editor.diagnostics if d.severity == "error"]
        if errors or self.editor.result is None:
            self.notify(f"报告有 {len(errors)} 个错误，未导出；按 F4 查看", severity="error")
            return
        folder = self.session.folder.resolve()
        target = folder.parent / f"{folder.name}.{kind}"
        report = self.editor.result.report
        if kind == "docx":
            from exporters.docx import export_docx

            data = export_docx(report).data
        else:
            from exporters.text import export_text

            data = export_text(report)[0].encode("utf-8")
        try:
            atomic_write(target, data)
        except TuiError as e:
            self.notify(f"导出失败：{e}", severity="error")
            return
        self.notify(f"已导出：{target}")

    def action_compare(self) -> None:
        """The palette's 与去年对比: the draft's metrics against last year's report."""
        previous = self.editor.previous
        if previous is None or previous.setting is None:
            self.notify(
                "report.toml 中没有 previous（去年报告的文件夹），无法对比；"
                "用 tui new --from 新建的报告会自动写上。",
                severity="warning",
                timeout=6,
            )
            return
        if previous.problem:
            self.notify(previous.problem, severity="error", timeout=6)
            return
        if previous.report is None or self.editor.result is None:
            self.notify("正在读取去年的报告，请稍候再试", timeout=3)
            return
        from schema.compare import compare_reports

        comparison = compare_reports(self.editor.result.report, previous.report)

        async def chosen(choice: MetricChosen | None) -> None:
            if choice is not None:
                await self.jump_to(choice.file, ("metrics", choice.key, "value"))

        self.push_screen(ComparisonScreen(comparison), chosen)

    def action_help(self) -> None:
        groups = [
            ("全局", rows_from(self.bindings_shown()) + rows_from(EditorScreen.BINDINGS)),
            ("目录（左侧）", rows_from(ReportTree.BINDINGS)),
            ("移动与编辑", MOVING_KEYS),
            ("撤销与重做", UNDO_KEYS),
        ]
        self.push_screen(HelpScreen(groups))


def make_app(
    folder: Path,
    recovery_dir: Path | None = None,
    keep_recovery: bool = True,
    from_list: bool = False,
) -> EditorApp:
    """The editor for a report folder; a :class:`TuiError` (in Chinese) if it cannot be opened.

    ``recovery_dir`` overrides where unsaved edits are kept (tests use a
    temporary folder); ``keep_recovery=False`` keeps none. ``from_list``: Esc
    in the tree leaves for the list of reports it was opened from.
    """
    session = EditSession(folder)
    recovery = RecoveryStore(folder, recovery_dir) if keep_recovery else None
    return EditorApp(session, recovery, from_list=from_list)
