"""The subcommands of ``tui``, one module each.

Each module has ``NAME``, ``register(subparsers)`` (which sets ``run`` as the
parser default) and imports its heavy dependencies inside ``run`` only.
"""

from __future__ import annotations

from types import ModuleType


class UsageError(Exception):
    """The call itself is wrong (exit status 2): a path that does not exist, a bad value."""


def _commands() -> list[ModuleType]:
    from tui.commands import export

    return [export]


COMMANDS = _commands()
