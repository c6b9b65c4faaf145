"""The subcommands of ``tui``, one module each.

Each module has ``NAME``, ``register(subparsers)`` (which sets ``run`` as the
parser default) and imports its heavy dependencies inside ``run`` only, so
that ``tui validate`` never loads Textual or python-docx.
"""

from __future__ import annotations

import argparse
import importlib
from types import ModuleType


class UsageError(Exception):
    """The call itself is wrong (exit status 2): a path that does not exist, a bad value."""


def add_batch_options(parser: argparse.ArgumentParser, jobs: str, cache: str) -> None:
    """``--jobs``, ``--no-progress`` and ``--no-cache``: the options of a command over many reports.

    ``tui validate`` and ``tui summary`` read reports in worker processes, show
    progress and share the cache of clean reports; ``jobs`` and ``cache`` are
    their help texts, which say what each command does with them.
    """
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help=jobs)
    parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
    parser.add_argument("--no-cache", action="store_true", help=cache)


ORDER = ("edit", "validate", "export", "new", "import", "compare", "summary")
"""The commands in the order ``tui --help`` lists them (module names in this package)."""

_MODULES = {"import": "import_"}
"""Commands whose module is not named after them (``import`` is a Python keyword)."""


def load(names: tuple[str, ...] = ORDER) -> list[ModuleType]:
    """The command modules for ``names`` (all by default), imported now.

    ``tui validate`` imports only its own module: pre-commit runs it on every
    commit, and the other commands' imports are time it should not pay.
    """
    return [importlib.import_module(f"tui.commands.{_MODULES.get(name, name)}") for name in names]
