"""``tui edit DIR`` (and ``tui DIR``): open a report in the editor.

Opening first tidies the folder (:func:`records.interrupted.tidy_folder`): a save
that a kill interrupted is reported, stale temporary files are removed.

A folder that holds several reports (a district's departments) opens a list
of them first, with the status columns of ``tui summary``; Enter opens a
report, and Esc from that report comes back to the list.

Textual is imported inside :func:`run` only, so the other commands (and
``tui validate`` in pre-commit) never load it.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from records import REPORT_FILE, EncodingError, TomlSyntaxError, TuiError
from records.interrupted import tidy_folder
from tui.commands import UsageError
from tui.commands.output import existing_folder

if TYPE_CHECKING:
    from tui.editor.app import EditorApp

NAME = "edit"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``tui edit`` to the command line."""
    parser = commands.add_parser(
        NAME,
        help="在终端中编辑报告（键盘操作，F1 查看按键）",
        description=(
            "在终端中编辑报告：左侧目录，右侧表单与问题列表。"
            "Ctrl+S 保存，Ctrl+Q 退出，F1 查看全部按键。"
        ),
    )
    parser.add_argument(
        "folder",
        metavar="文件夹",
        help="报告文件夹（内含 report.toml）；给包含多个报告的文件夹时先列出各份报告",
    )
    parser.add_argument("--no-recovery", action="store_true", help="不保留未保存修改的恢复副本")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Open the editor (or first the list of reports); Textual is imported only here."""
    folder = existing_folder(args.folder)
    reports = reports_below(folder)
    if len(reports) > 1:
        return run_list(folder, reports, keep_recovery=not args.no_recovery)
    return _run(open_report(folder, keep_recovery=not args.no_recovery))


def reports_below(folder: Path) -> list[Path]:
    """The reports below a folder that is not one itself, found as ``tui validate`` finds them."""
    if (folder / REPORT_FILE).is_file():
        return []
    from tui.commands.validate import group

    try:
        found, _, _ = group([str(folder)])
    except UsageError:
        return []
    return found


def open_report(folder: Path, keep_recovery: bool, from_list: bool = False) -> EditorApp:
    """The editor for one report, offering to mend a file that does not parse."""
    # before the files are read: a hard-linked file a killed save left half-written is completed
    interrupted = tidy_folder(folder)
    from tui.editor.app import make_app

    while True:
        try:
            app = make_app(folder, keep_recovery=keep_recovery, from_list=from_list)
            break
        except (TomlSyntaxError, EncodingError) as e:
            if not (e.path and sys.stdin.isatty() and sys.stdout.isatty() and _repaired(e)):
                raise
    for save in interrupted:  # shown once the screen is up
        app.notify(
            save.message(),
            severity="warning" if save.mixed else "information",
            timeout=60,
            markup=False,
        )
    return app


def run_list(folder: Path, reports: list[Path], keep_recovery: bool) -> int:
    """The list of reports and the editor in turn, until the list is left."""
    from tui.editor.screens.summary_list import ListState, ReportListApp

    state = ListState()
    while True:
        chosen = ReportListApp(folder, reports, state).run()
        if chosen is None:
            return 0
        try:
            app = open_report(chosen, keep_recovery, from_list=True)
        except TuiError as e:
            state.message = f"无法打开 {chosen.name}：{e}"
            continue
        status = _run(app)
        if not app.went_back:
            return status


def _repaired(error: TomlSyntaxError | EncodingError) -> bool:
    """Let the clerk mend a file that does not parse, or convert a GBK one; whether it was saved."""
    from records.source import read_gb18030, read_source
    from tui.editor.repair import RepairApp

    assert error.path is not None
    source = read_gb18030(error.path) if isinstance(error, EncodingError) else None
    if isinstance(error, EncodingError) and source is None:
        return False  # not text we can read: the message says what it looks like
    return bool(RepairApp(source or read_source(error.path), error).run())


def _run(app: EditorApp) -> int:
    # a dropped SSH connection (SIGHUP) or a plain kill (SIGTERM) keeps unsaved edits
    for name in ("SIGHUP", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda _signum, _frame: app.hang_up())
    app.run()
    return app.return_code or 0
