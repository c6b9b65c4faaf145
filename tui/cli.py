"""The ``tui`` command: parse the call, run one command, return its exit status.

Exit statuses follow the usual contract: 0 no errors, 1 the report has errors
(or could not be read), 2 the call itself was wrong (a bad option, a path that
does not exist). Every expected failure is printed as a message, never as a
traceback. Commands import their heavy dependencies (Textual, python-docx)
only when they run, so ``tui validate`` stays light for pre-commit.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import argparse_zh
from tui.commands import ORDER, UsageError, load

DESCRIPTION = "法治政府建设情况报告的编辑、校验与导出工具"
EPILOG = "“tui 文件夹” 等同于 “tui edit 文件夹”。每个命令的详细说明：tui 命令 --help"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command registered, or just ``only`` when it is known."""
    argparse_zh.install()
    parser = argparse_zh.ArgumentParser(prog="tui", description=DESCRIPTION, epilog=EPILOG)
    commands = parser.add_subparsers(
        dest="command", metavar="命令", required=True, parser_class=argparse_zh.CommandParser
    )
    for command in load((only,) if only in ORDER else ORDER):
        command.register(commands)
    return parser


def _default_to_edit(argv: list[str]) -> list[str]:
    """``tui DIR`` means ``tui edit DIR``; a mistyped command is not taken for a folder."""
    names = list(ORDER)
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        raise UsageError(
            f"未知的选项“{argv[0]}”：选项写在命令之后，如 tui validate --strict 文件夹"
        )
    if not argv or argv[0].startswith("-") or argv[0] in names:
        return argv
    if not Path(argv[0]).exists():
        import difflib  # only a mistyped command needs it

        close = difflib.get_close_matches(argv[0], names, n=1)
        if close:
            raise UsageError(f"未知命令“{argv[0]}”，是否应为 {close[0]}？")
        raise UsageError(f"未知命令“{argv[0]}”，也没有这个文件夹；可用的命令：{'、'.join(names)}")
    return ["edit", *argv]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from records import TuiError

    try:
        args_list = _default_to_edit(list(sys.argv[1:] if argv is None else argv))
    except UsageError as e:
        build_parser().exit(2, f"tui：错误：{e}\n")
    parser = build_parser(args_list[0] if args_list else None)
    args = parser.parse_args(args_list)
    try:
        return int(args.run(args))
    except UsageError as e:
        parser.exit(2, f"tui：错误：{e}\n")
    except TuiError as e:
        print(f"tui：{e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("tui：已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except OSError as e:  # writing the output failed: a full disk behind `> file`, say
        reason = "磁盘空间已满" if e.errno == errno.ENOSPC else e.strerror or str(e)
        print(f"tui：无法写出结果：{reason}", file=sys.stderr)
        return 1


def run() -> None:
    """The ``tui`` console command: :func:`main`, run as the short-lived process it mostly is.

    Two costs of a short command such as ``tui validate`` (run on every
    commit) are avoided: collecting the young generation again and again
    while start-up allocates objects that live as long as the process, and
    freeing every object at exit (about a twentieth of the command's time).
    Nothing is left to clean up: files are written atomically and worker
    processes joined before ``main`` returns. As mypy does, the output is
    flushed and the process ends at once. (The editor runs with the same
    threshold; reference counting frees its objects, and cycles are few.)
    """
    # modules, the schema and the validator are tens of thousands of objects:
    # a young-generation collection every 700 allocations frees none of them
    gc.set_threshold(50_000, 10, 10)
    status = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away (tui validate | head)
            status = status or 1
    os._exit(status)
