"""``tui edit DIR`` (and ``tui DIR``): open a report in the editor.

Opening first tidies the folder (:func:`records.atomic.tidy_folder`): a save
that a kill interrupted is reported, stale temporary files are removed.

Textual is imported inside :func:`run` only, so the other commands (and
``tui validate`` in pre-commit) never load it.
"""

from __future__ import annotations

import argparse
import signal
import sys
from typing import TYPE_CHECKING

from records import EncodingError, TomlSyntaxError
from records.atomic import tidy_folder
from tui.commands.output import existing_folder

if TYPE_CHECKING:
    from tui.app import EditorApp

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
    parser.add_argument("folder", metavar="文件夹", help="报告文件夹（内含 report.toml）")
    parser.add_argument("--no-recovery", action="store_true", help="不保留未保存修改的恢复副本")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Open the editor; Textual is imported only here."""
    folder = existing_folder(args.folder)
    # before the files are read: a hard-linked file a killed save left half-written is completed
    interrupted = tidy_folder(folder)
    from tui.app import make_app

    while True:
        try:
            app = make_app(folder, keep_recovery=not args.no_recovery)
            break
        except (TomlSyntaxError, EncodingError) as e:
            if not (e.path and sys.stdin.isatty() and sys.stdout.isatty() and _repaired(e)):
                raise
    for save in interrupted:  # shown once the screen is up
        severity = "warning" if save.mixed else "information"
        app.notify(save.message(), severity=severity, timeout=60, markup=False)
    return _run(app)


def _repaired(error: TomlSyntaxError | EncodingError) -> bool:
    """Let the clerk mend a file that does not parse, or convert a GBK one; whether it was saved."""
    from records.source import read_gb18030, read_source
    from tui.repair import RepairApp

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
