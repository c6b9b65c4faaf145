"""Results kept for the very objects they were found for, from one validation to the next.

Validation is a pure function of the instance: what was found for a table
or a string is found again for that same object. A :class:`Kept` holds
results by the identity of the objects they are about (holding the objects,
so that an id is never another object's), and at each :meth:`Kept.turn`
lets go of what the last validation did not use, so it holds one report's
worth at most.
"""

from __future__ import annotations

from typing import Any

_NONE = object()


class Kept:
    """A cache by object identity that keeps, at each :meth:`turn`, only what was used since."""

    def __init__(self) -> None:
        self.now: dict[Any, tuple[Any, Any, Any]] = {}
        self.before: dict[Any, tuple[Any, Any, Any]] = {}

    def turn(self) -> None:
        """A new validation begins: what the last one did not use is dropped."""
        self.before, self.now = self.now, {}

    def get(self, key: Any, first: Any, second: Any = _NONE) -> Any:
        """The value kept under ``key`` for exactly these objects, or ``None``."""
        kept = self.now.get(key)
        if kept is None:
            kept = self.before.get(key)
            if kept is None:
                return None
            self.now[key] = kept
        if kept[0] is not first or kept[1] is not second:
            return None
        return kept[2]

    def put(self, key: Any, value: Any, first: Any, second: Any = _NONE) -> None:
        """Keep ``value`` for these objects (held, so that their ids stay theirs)."""
        self.now[key] = (first, second, value)
